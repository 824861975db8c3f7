/**
 * The query's terms as ranking reads them: stemmed, question words out, misspellings corrected, weighted by
 * rarity (BM25's idf over paragraphs), each with the other terms that stand for it.
 */
import type { KbView, Sentence, Span } from '../../index/kb-view.ts';
import { HONORIFICS } from '../extract/lexicon.ts';
import { derivedTerms } from '../text/derivations.ts';
import { inflectedTerms } from '../text/inflections.ts';
import { ordinalTwin } from '../text/ordinals.ts';
import { synonymTerms } from '../text/synonyms.ts';
import { foldCase, QUESTION_WORDS, STOP_WORDS, termOf, words } from '../text/terms.ts';

/** Tunables of query analysis; tuned with `npm run eval -- --squad ../shared/eval` and the story set. */
export const QUERY_TERMS = {
  /** At most this many query terms (the rarest) reach the index: long queries stay fast. */
  maxTerms: 12,
  /** Query terms this long that the knowledge base never uses are taken as misspellings of one it does. */
  minCorrectedLength: 5,
  /**
   * Edits a misspelling may be from the known term ("develped" -> "develop"): two cost more at 100k passages
   * and found nothing more on the SQuAD set.
   */
  correctionEdits: 1,
  /** The same ordinal written the other way ("5th" / "fifth") counts as the word itself. */
  ordinalWeight: 1,
  /** A word of the query's word's family ("invasion" for "invade") counts this much of the word itself. */
  derivedWeight: 0.5,
  /**
   * Another form of the same word the stemmer cannot join ("led" for "lead", "began" for "begin") counts this
   * much: less than the word itself, as some forms are other words too ("found" of "find", "left").
   */
  inflectedWeight: 0.7,
  /** A verb that names the same event ("established" for "founded") counts this much of the word itself. */
  synonymWeight: 0.4,
} as const;

export interface Alternate {
  term: string;
  weight: number;
}

export interface QueryTerms {
  /** The question asks "how long". */
  howLong: boolean;
  /** The query's distinct terms, rarest first, at most QUERY_TERMS.maxTerms. */
  terms: string[];
  /** The query's terms in the order they are written (for phrase matches). */
  ordered: string[];
  idf: Map<string, number>;
  /** Sum of the idf of `terms`. */
  total: number;
  /** Per term, other terms the knowledge base uses that stand for it, with how much they count. */
  alternates: Map<string, Alternate[]>;
}

/** Courtesy titles that are no other word: before a name even in a query written in lower case ("mr yoran"). */
const TITLE_ONLY = new Set(['mr', 'mrs', 'ms', 'mister']);

/**
 * A courtesy title before a name ("Mr Yoran", "Lady Ashby", "mrs cole"): the text names the same person in full
 * ("Amit Yoran") or by surname alone as often, so the title is no word a sentence must hold.
 */
function titlesAName(word: string, next: string | undefined): boolean {
  const folded = foldCase(word);
  if (!HONORIFICS.has(folded) || next === undefined || STOP_WORDS.has(foldCase(next))) return false;
  return TITLE_ONLY.has(folded) || /^\p{Lu}/u.test(next);
}

/** BM25's idf of a term found in `frequency` of `count` paragraphs. */
function bm25Idf(count: number, frequency: number): number {
  return Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
}

function idfOf(kb: KbView, term: string): number {
  // A word the knowledge base never uses weighs like one it uses once: "president of France" is not
  // about a president the story names, but a misspelling alone does not sink a long question.
  return bm25Idf(kb.paragraphCount, kb.paragraphFrequency(term) ?? 1);
}

/** "develped" -> "develop", "celeron" -> "celoron": the known term a few edits away, else the term itself. */
function knownSpelling(kb: KbView, term: string): string {
  if (kb.usesTerm(term) || term.length < QUERY_TERMS.minCorrectedLength || /\d/.test(term)) return term;
  return kb.closestTerm(term, QUERY_TERMS.correctionEdits) ?? term;
}

function alternatesOf(kb: KbView, term: string): Alternate[] {
  const twin = ordinalTwin(term);
  return [
    ...(twin ? [{ term: twin, weight: QUERY_TERMS.ordinalWeight }] : []),
    ...inflectedTerms(term).map((form) => ({ term: form, weight: QUERY_TERMS.inflectedWeight })),
    ...derivedTerms(term).map((derived) => ({ term: derived, weight: QUERY_TERMS.derivedWeight })),
    ...synonymTerms(term).map((synonym) => ({ term: synonym, weight: QUERY_TERMS.synonymWeight })),
  ].filter((a) => kb.usesTerm(a.term));
}

/**
 * `correct`: take unknown words as misspellings of known ones when the query has other words too (not for a
 * quote topic, which may be a name).
 */
export function queryTerms(kb: KbView, text: string, correct = true): QueryTerms {
  const raw: string[] = [];
  const all = words(text);
  for (const [i, w] of all.entries()) {
    if (QUESTION_WORDS.has(foldCase(w.word)) || titlesAName(w.word, all[i + 1]?.word)) continue;
    const t = termOf(w.word);
    if (t) raw.push(t);
  }
  // A lone unknown word is not stretched to a known one: that would answer "Who is X" about someone else.
  const fix = correct && new Set(raw).size >= 2;
  const ordered = fix ? raw.map((t) => knownSpelling(kb, t)) : raw;
  const unique = new Set(ordered);
  const idf = new Map<string, number>();
  for (const t of unique) idf.set(t, idfOf(kb, t));
  const terms = [...unique]
    .sort((a, b) => (idf.get(b) ?? 0) - (idf.get(a) ?? 0))
    .slice(0, QUERY_TERMS.maxTerms);
  const total = terms.reduce((sum, t) => sum + (idf.get(t) ?? 0), 0);
  const alternates = new Map(terms.map((t) => [t, alternatesOf(kb, t)]));
  return { howLong: /\bhow\s+long\b/i.test(text), terms, ordered, idf, total, alternates };
}

/** How far a sentence's or passage's terms hold a query term: 1 itself, else its best alternate's weight. */
export function presence(q: QueryTerms, terms: Set<string>, t: string): number {
  if (terms.has(t)) return 1;
  let best = 0;
  for (const a of q.alternates.get(t) ?? []) if (a.weight > best && terms.has(a.term)) best = a.weight;
  return best;
}

/**
 * The span repeats a word of the query: it is what the question says, not its answer ("Who founded Acme?"
 * is not answered by "Acme").
 */
export function repeatsQuery(kb: KbView, sentence: Sentence, span: Span, q: QueryTerms): boolean {
  return words(kb.text(sentence, span)).some((w) => {
    const t = termOf(w.word);
    return t !== null && q.terms.includes(t);
  });
}
