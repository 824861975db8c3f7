/**
 * A quotation looked up by its own words: "/quote we don't need any more of that" finds the quotation that says
 * it, even when its words are too common for ranking to bring it up ("That would be the governor").
 */
import type { KbView } from '../../index/kb-view.ts';
import { foldCase, termOf, words } from '../text/terms.ts';

export const QUOTE_PHRASE = {
  /** A query of fewer words than this is a name or a topic, not a quotation's words. */
  minWords: 3,
  /**
   * The query's rarest word must be in at most this many paragraphs, which are read for the phrase: a phrase of
   * common words only ("if we do not win") is not looked for in the whole knowledge base.
   */
  maxParagraphs: 1500,
  /**
   * When the rarest word is in more paragraphs than this, only those that also hold the next rarest word are
   * read: each quotation read costs its letters, and a name's thousand paragraphs took milliseconds.
   */
  narrowAbove: 150,
} as const;

/** A question about what was said ("what did they say about ..."), not a quotation's own words. */
const QUESTION = /^(?:what|who|when|where|why|how|which)\s+(?:did|does|do|has|have|had|was|were|is|are)\b/i;

/** What an apostrophe joins to a word ("don't", "we're"), typed apart or without the apostrophe. */
const CONTRACTION_TAIL = /^(?:t|s|re|ve|ll|d|m)$/i;

/**
 * A text's letters and digits only, case and accents folded: "don t", "don’t" and "dont" all read "dont", and a
 * query cut inside a contraction ("I don") still matches.
 */
function lettersOf(text: string): string {
  const letters = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  // accents folded only where there are letters beyond ASCII (the slow part, and rare)
  return /^[a-z0-9]*$/.test(letters) ? letters : foldCase(letters);
}

/** Printable ASCII and typographic punctuation: its letters and digits are [a-z0-9] whatever the case. */
const PLAIN = /^[ -~‘’“”–—…\u00a0]*$/;

/**
 * Whether a quotation's letters open with the query's (`opens`), hold them further in (`holds`), or neither.
 * On plain text (PLAIN), patterns of the query's letters with anything but a letter or digit between them tell
 * it without copying the text twice (thousands of quotations are read for a common name); other text is
 * compared by its letters.
 */
function phraseMatcher(phrase: string): (text: string) => 'opens' | 'holds' | null {
  const byLetters = (text: string) => {
    const said = lettersOf(text);
    return said.startsWith(phrase) ? 'opens' : said.includes(phrase) ? 'holds' : null;
  };
  if (!/^[a-z0-9]+$/.test(phrase)) return byLetters;
  const letters = [...phrase].join('[^a-z0-9]*');
  const opens = new RegExp(`^[^a-z0-9]*${letters}`, 'i');
  const holds = new RegExp(letters, 'i');
  return (text) => {
    if (!PLAIN.test(text)) return byLetters(text);
    return opens.test(text) ? 'opens' : holds.test(text) ? 'holds' : null;
  };
}

/** The query's words with their contractions joined again ("don t" -> "don't"), for index terms. */
function joinedWords(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (CONTRACTION_TAIL.test(w.word) && out.length > 0) out[out.length - 1] += `'${w.word}`;
    else out.push(w.word);
  }
  return out;
}

/** Of the words' index terms, the two fewest paragraphs use (the rarest first), with how many. */
function rarestTerms(kb: KbView, written: string[]): { term: string; paragraphs: number }[] {
  const found = new Map<string, number>();
  for (const w of written) {
    const term = termOf(w);
    const paragraphs = term === null ? undefined : kb.paragraphFrequency(term);
    if (term !== null && paragraphs !== undefined) found.set(term, paragraphs);
  }
  return [...found]
    .map(([term, paragraphs]) => ({ term, paragraphs }))
    .sort((a, b) => a.paragraphs - b.paragraphs)
    .slice(0, 2);
}

/** The paragraphs to read for the words: those of the rarest, narrowed by the next rarest when it has many. */
function paragraphsToRead(kb: KbView, written: string[]): number[] {
  // The last word may be cut short ("I don") and a word typed without its apostrophe ("dont") is no index term:
  // the others are asked first.
  const head = rarestTerms(kb, written.slice(0, -1));
  const [rarest, next] = head.length > 0 ? head : rarestTerms(kb, written);
  if (rarest === undefined || rarest.paragraphs > QUOTE_PHRASE.maxParagraphs) return [];
  const narrow = next !== undefined && rarest.paragraphs > QUOTE_PHRASE.narrowAbove;
  return kb.paragraphsWith(rarest.term, narrow ? [next.term] : []);
}

/**
 * The quotations whose words hold the query's words in a row, those that open with them first, each group in text
 * order; empty when none.
 */
export function quotationsSaying(kb: KbView, query: string): number[] {
  if (words(query).length < QUOTE_PHRASE.minWords || QUESTION.test(query)) return [];
  const matches = phraseMatcher(lettersOf(query));
  // The rarest words name the paragraphs to read, the letters decide.
  const paragraphs = paragraphsToRead(kb, joinedWords(query));
  // quotations that open with the words first (the query is how the quotation starts), then those that hold them
  const opening: number[] = [];
  const holding: number[] = [];
  for (const id of paragraphs) {
    const { from, to } = kb.quotationsIn(id);
    for (let q = from; q < to; q++) {
      const quotation = kb.quotation(q);
      const match = matches(kb.text(kb.sentence(quotation.sentence), quotation));
      if (match === 'opens') opening.push(q);
      else if (match === 'holds') holding.push(q);
    }
  }
  // (words quoted twice, once with whose they are: that one first)
  const attributedFirst = (ids: number[]) => [
    ...ids.filter((q) => kb.speakerOf(kb.quotation(q))),
    ...ids.filter((q) => !kb.speakerOf(kb.quotation(q))),
  ];
  return [...attributedFirst(opening), ...attributedFirst(holding)];
}
