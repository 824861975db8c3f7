import { stemmer as porterStem } from 'stemmer';

/**
 * Terms for retrieval: lowercase words without diacritics, stop words dropped, Porter stems.
 * The same function serves the index and the queries, so both sides agree.
 */

/** `text` as a literal inside a regular expression. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const STOP_WORDS = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most my ' +
    'myself no nor not of off on once only or other our ours ourselves out over own same she should so some ' +
    'such than that the their theirs them themselves then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your yours ' +
    'yourself yourselves s t also did does whose name named called one many much may might must shall us ' +
    'say says said according'
  ).split(' '),
);

/** Question words and fillers that say what kind of answer is wanted, not what it is about. */
export const QUESTION_WORDS = new Set(
  'who whom whose what when which where why how year years day date month time quote quotes person people happen happened happens occur occurred occurs'.split(
    ' ',
  ),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

export function foldCase(text: string): string {
  const lower = text.toLowerCase();
  // plain ASCII needs no Unicode normalisation (the common case, and normalize() is slow)
  if (/^[ -~]*$/.test(lower)) return lower;
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/’/g, "'");
}

const stems = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/** Porter stemming ("attacks"/"attacked" -> "attack", "died" -> "die"), cached: words repeat a lot. */
export function stem(word: string): string {
  let w = word;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.length <= 2 || /\d/.test(w)) return w;
  let s = stems.get(w);
  if (s === undefined) {
    s = porterStem(w);
    if (stems.size < STEM_CACHE_MAX) stems.set(w, s);
  }
  return s;
}

/** Words of a text with their offsets. */
export function words(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** The words of a text, without their offsets (an index tokenizer: no object per word). */
export function wordTexts(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Each word's term as last worked out: a query reads the terms of every sentence of a dozen passages. */
const wordTerms = new Map<string, string | null>();
const WORD_TERM_CACHE_MAX = 200_000;

/** The index term of one word, or null for stop words. */
export function termOf(word: string): string | null {
  let term = wordTerms.get(word);
  if (term === undefined) {
    const folded = foldCase(word);
    term = STOP_WORDS.has(folded) || folded.length === 0 ? null : stem(folded);
    if (wordTerms.size < WORD_TERM_CACHE_MAX) wordTerms.set(word, term);
  }
  return term;
}

export function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const t = termOf(m[0]);
    if (t) out.push(t);
  }
  return out;
}
