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

/** The query's words with their contractions joined again ("don t" -> "don't"), for index terms. */
function joinedWords(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (CONTRACTION_TAIL.test(w.word) && out.length > 0) out[out.length - 1] += `'${w.word}`;
    else out.push(w.word);
  }
  return out;
}

/** Of the words, the index term fewest paragraphs use, with how many, if any. */
function rarestTerm(kb: KbView, written: string[]): { term: string; paragraphs: number } | undefined {
  let best: { term: string; paragraphs: number } | undefined;
  for (const w of written) {
    const term = termOf(w);
    const paragraphs = term === null ? undefined : kb.paragraphFrequency(term);
    if (
      term !== null &&
      paragraphs !== undefined &&
      paragraphs < (best?.paragraphs ?? Number.POSITIVE_INFINITY)
    )
      best = { term, paragraphs };
  }
  return best;
}

/**
 * The quotations whose words hold the query's words in a row, those that open with them first, each group in text
 * order; empty when none.
 */
export function quotationsSaying(kb: KbView, query: string): number[] {
  if (words(query).length < QUOTE_PHRASE.minWords || QUESTION.test(query)) return [];
  const phrase = lettersOf(query);
  // The rarest word names the paragraphs to read, the letters decide. The last word may be cut short ("I don")
  // and a word typed without its apostrophe ("dont") is no index term: the others are asked first.
  const written = joinedWords(query);
  const rarest = rarestTerm(kb, written.slice(0, -1)) ?? rarestTerm(kb, written);
  if (rarest === undefined || rarest.paragraphs > QUOTE_PHRASE.maxParagraphs) return [];
  const paragraphs = kb.paragraphsWith(rarest.term);
  // quotations that open with the words first (the query is how the quotation starts), then those that hold them
  const opening: number[] = [];
  const holding: number[] = [];
  for (const id of paragraphs) {
    const { from, to } = kb.quotationsIn(id);
    for (let q = from; q < to; q++) {
      const quotation = kb.quotation(q);
      const said = lettersOf(kb.text(kb.sentence(quotation.sentence), quotation));
      if (said.startsWith(phrase)) opening.push(q);
      else if (said.includes(phrase)) holding.push(q);
    }
  }
  return [...opening, ...holding];
}
