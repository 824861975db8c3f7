/**
 * Span picking, shared by /who (names) and /when (times): within a result's window, the span that best
 * answers — in the ranked sentence, near the question's words; else in a sentence beside it, the nearer the
 * better. Only the ranked sentence, the ones after it in the window, and the one before it when the ranked
 * sentence points back to it ("He ...") are looked at.
 */
import type { KbView, Sentence, Span } from '../../index/kb-view.ts';
import { lastOf, pointsBack, type Window } from './excerpt-windows.ts';
import type { QueryTerms } from './query-terms.ts';
import type { RankedSentence } from './sentence-ranking.ts';
import { proximity, sentenceWords, type WordPosition } from './word-proximity.ts';

export const SPAN_PICKING = {
  /** Weight of a span's proximity to the question's words in the ranked sentence. */
  proximityWeight: 4,
  /** A span in another sentence of the window scores minus this, minus one per sentence away. */
  otherSentencePenalty: 1,
} as const;

/** A sentence of the window, as span scoring sees it. */
export interface PlaceInWindow {
  sentence: Sentence;
  /** It is the ranked sentence. */
  isFocus: boolean;
  /** Sentences from the ranked one: -1 the one before, 1 the one after. */
  offset: number;
  /** Its words (the ranked sentence only; empty for the others). */
  words: WordPosition[];
  ranked: RankedSentence;
  q: QueryTerms;
}

/** The base score of a span at `[start, end)` of a place: proximity in the ranked sentence, else distance. */
export function nearness(place: PlaceInWindow, start: number, end: number): number {
  return place.isFocus
    ? SPAN_PICKING.proximityWeight * proximity(place.words, start, end, place.q, place.ranked.matched)
    : -SPAN_PICKING.otherSentencePenalty - Math.abs(place.offset);
}

/**
 * Scores a sentence's candidates: made once per sentence (for what it works out per sentence), then called
 * per candidate; null leaves a candidate out.
 */
export type SpanScorer<T> = (place: PlaceInWindow) => (candidate: T) => number | null;

/** The best-scoring candidate of the window (the first on a tie), with the place it stands; null if none. */
export function pickSpan<T extends Span>(
  kb: KbView,
  window: Window,
  ranked: RankedSentence,
  q: QueryTerms,
  candidatesIn: (sentence: Sentence) => T[],
  scorer: SpanScorer<T>,
): { span: T; place: PlaceInWindow } | null {
  const focus = window.sentences.indexOf(ranked.sentence.id);
  let best: { span: T; place: PlaceInWindow } | null = null;
  let bestScore = Number.NEGATIVE_INFINITY;
  const room = window.room;
  // the window may end inside the sentence after its last whole one: what it shows of it counts too
  const tail = kb.sentenceAt(lastOf(window, ranked.sentence.id) + 1);
  const shown = tail && tail.start < window.end ? [...window.sentences, tail.id] : window.sentences;
  for (const [i, id] of shown.entries()) {
    if (i < focus - 1 || (i === focus - 1 && !pointsBack(kb, ranked.sentence))) continue;
    const sentence = kb.sentence(id);
    const isFocus = id === ranked.sentence.id;
    const words = isFocus ? sentenceWords(kb, sentence) : [];
    const place: PlaceInWindow = { sentence, isFocus, offset: i - focus, words, ranked, q };
    const scoreOf = scorer(place);
    for (const candidate of candidatesIn(sentence)) {
      // what an earlier result already quotes is not this one's answer
      if (room && (candidate.start < room.start || candidate.end > room.end)) continue;
      if (id === tail?.id && candidate.end > window.end) continue;
      const score = scoreOf(candidate);
      if (score !== null && score > bestScore) {
        bestScore = score;
        best = { span: candidate, place };
      }
    }
  }
  return best;
}
