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
   * Paragraphs holding all the query's words that are read for the phrase, at most: a phrase of common words
   * only ("if we do not win") is looked for in this many, not in the whole knowledge base.
   */
  maxParagraphs: 1500,
} as const;

/** What an apostrophe joins to a word ("don't", "we're"), typed apart or without the apostrophe. */
const CONTRACTION_TAIL = /^(?:t|s|re|ve|ll|d|m)$/i;

/**
 * A text's letters and digits only, case and accents folded: "don t", "don’t" and "dont" all read "dont", and a
 * query cut inside a contraction ("I don") still matches.
 */
const lettersOf = (text: string) => foldCase(text).replace(/[^\p{L}\p{N}]+/gu, '');

/** The query's words with their contractions joined again ("don t" -> "don't"), for index terms. */
function joinedWords(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (CONTRACTION_TAIL.test(w.word) && out.length > 0) out[out.length - 1] += `'${w.word}`;
    else out.push(w.word);
  }
  return out;
}

/**
 * The quotations whose words hold the query's words in a row, those that open with them first, each group in text
 * order; empty when none.
 */
export function quotationsSaying(kb: KbView, query: string): number[] {
  if (words(query).length < QUOTE_PHRASE.minWords) return [];
  const phrase = lettersOf(query);
  // ("dont" typed for "don't" is no index term, and the last word may be cut short: the other words find the
  // paragraphs, the letters decide)
  const termsOf = (ws: string[]) =>
    [...new Set(ws.flatMap((w) => termOf(w) ?? []))].filter((t) => kb.usesTerm(t));
  const written = joinedWords(query);
  const terms = termsOf(written);
  if (terms.length === 0) return [];
  let paragraphs = kb.paragraphsWithAll(terms);
  const uncut = termsOf(written.slice(0, -1));
  if (paragraphs.size === 0 && uncut.length > 0) paragraphs = kb.paragraphsWithAll(uncut);
  if (paragraphs.size > QUOTE_PHRASE.maxParagraphs) return [];
  // quotations that open with the words first (the query is how the quotation starts), then those that hold them
  const opening: number[] = [];
  const holding: number[] = [];
  for (const id of [...paragraphs].sort((a, b) => a - b)) {
    const paragraph = kb.paragraph(id);
    for (let s = paragraph.firstSentence; s <= paragraph.lastSentence; s++) {
      const sentence = kb.sentence(s);
      for (const q of sentence.quotes) {
        const said = lettersOf(kb.text(sentence, kb.quotation(q)));
        if (said.startsWith(phrase)) opening.push(q);
        else if (said.includes(phrase)) holding.push(q);
      }
    }
  }
  return [...opening, ...holding];
}
