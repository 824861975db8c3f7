/**
 * Part-of-speech tags for the few sentences an answer is taken from (wink-nlp with its English lite model).
 * Too slow to run on every passage at index time (about 75k tokens a second here), but well under a
 * millisecond for one sentence at answer time: it finds answers that are not capitalised names
 * ("the Florida legislature", "NFL owners", "teachers").
 */
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';

export interface TaggedWord {
  /** Offsets in the text that was tagged. */
  start: number;
  end: number;
  text: string;
  pos: string;
  /** The word's dictionary form, lowercase ("held" -> "hold", "talks" -> "talk"). */
  lemma: string;
}

let nlp: ReturnType<typeof winkNLP> | null = null;

/**
 * Only what tagging needs of wink's pipeline: sentence breaks and parts of speech. Its entity, negation and
 * sentiment steps change no tag (checked on 15,000 news sentences) and took nearly half the time.
 */
const PIPE = ['sbd', 'pos'];

/** Loads the model (about 0.1 s, once per process), so that the first answer does not pay for it. */
export function warmUpTagger(): void {
  nlp ??= winkNLP(model, PIPE);
}

/**
 * The last texts tagged, least recently used out first: the same sentence is tagged again and again (the top
 * sentence of related questions, an article filed twice). Its arrays are shared: callers only read them.
 */
const tagged = new Map<string, readonly TaggedWord[]>();
const TAGGED_CACHE_MAX = 2048;

export function tagWords(text: string): readonly TaggedWord[] {
  let words = tagged.get(text);
  if (words) {
    tagged.delete(text);
  } else {
    words = tagText(text);
    if (tagged.size >= TAGGED_CACHE_MAX) tagged.delete(tagged.keys().next().value as string);
  }
  tagged.set(text, words);
  return words;
}

function tagText(text: string): TaggedWord[] {
  nlp ??= winkNLP(model, PIPE);
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const spaces = tokens.out(its.precedingSpaces) as string[];
  const tags = tokens.out(its.pos) as string[];
  // wink-nlp's types declare its.lemma with another signature than out() takes; it works as its.value does
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const out: TaggedWord[] = [];
  let at = 0;
  for (const [i, value] of values.entries()) {
    at += (spaces[i] ?? '').length;
    // wink keeps the text losslessly; if a token is not where expected, find it
    const found = text.startsWith(value, at) ? at : text.indexOf(value, at);
    if (found < 0) break;
    out.push({
      start: found,
      end: found + value.length,
      text: value,
      pos: tags[i] ?? 'X',
      lemma: lemmas[i] ?? value.toLowerCase(),
    });
    at = found + value.length;
  }
  return out;
}
