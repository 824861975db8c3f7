/** How close a span stands to the question's words in its sentence: answers sit next to what is asked. */
import type { KbView, Sentence } from '../../index/kb-view.ts';
import { termOf, words } from '../text/terms.ts';
import type { QueryTerms } from './query-terms.ts';

export interface WordPosition {
  /** Offsets in the document body. */
  start: number;
  end: number;
  term: string | null;
}

/** Guards the division when a query has no weight (ranking never passes one, but nothing divides by zero). */
const MIN_QUERY_WEIGHT = 1e-9;

export function sentenceWords(kb: KbView, sentence: Sentence): WordPosition[] {
  return words(kb.text(sentence)).map((w) => ({
    start: sentence.start + w.start,
    end: sentence.start + w.end,
    term: termOf(w.word),
  }));
}

/**
 * How close the span `[start, end)` stands to the query's matched words in the sentence's words `ws`,
 * weighted by their rarity: each matched term counts idf / (1 + its distance in words), as a share of the
 * query's weight.
 */
export function proximity(
  ws: WordPosition[],
  start: number,
  end: number,
  q: QueryTerms,
  matched: Set<string>,
): number {
  const first = ws.findIndex((w) => w.end > start);
  let last = first;
  while (last + 1 < ws.length && (ws[last + 1]?.start ?? end) < end) last++;
  if (first < 0) return 0;
  const nearest = new Map<string, number>();
  for (const [i, w] of ws.entries()) {
    if (!w.term || !matched.has(w.term) || (i >= first && i <= last)) continue;
    const d = i < first ? first - i : i - last;
    const prev = nearest.get(w.term);
    if (prev === undefined || d < prev) nearest.set(w.term, d);
  }
  let score = 0;
  for (const [t, d] of nearest) score += (q.idf.get(t) ?? 0) / (1 + d);
  return score / Math.max(q.total, MIN_QUERY_WEIGHT);
}
