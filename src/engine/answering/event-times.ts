/**
 * Times told by another event rather than by the calendar: "after the end of the war", "while a child was in
 * school", "as soon as they enter into force", "in the wake of the attack". /when answers with one when a passage gives no time expression.
 */
import type { KbView, Span } from '../../index/kb-view.ts';
import type { Window } from './excerpt-windows.ts';
import { type QueryTerms, repeatsQuery } from './query-terms.ts';
import type { RankedSentence } from './sentence-ranking.ts';
import { proximity, sentenceWords } from './word-proximity.ts';

/** Longest event time, in words: past it a phrase is a clause of its own, not a time. */
const MAX_EVENT_TIME_WORDS = 14;

/** A word that ties a time to another event, then the phrase up to the clause's end. */
const EVENT_TIME =
  /\b(?:during|after|before|until|while|when|whenever|once|as soon as|in the wake of|ahead of|prior to)\s+[^,;:.()"“”]+/gi;

/**
 * The event time of the ranked sentence nearest the question's words, inside the window; none that repeats
 * the question's words (it is the question's own event).
 */
export function eventTime(kb: KbView, r: RankedSentence, window: Window, q: QueryTerms): Span | null {
  const sentence = r.sentence;
  const text = kb.text(sentence);
  const ws = sentenceWords(kb, sentence);
  let best: Span | null = null;
  let bestFit = Number.NEGATIVE_INFINITY;
  for (const m of text.matchAll(EVENT_TIME)) {
    const phrase = m[0].trimEnd();
    const span = { start: sentence.start + m.index, end: sentence.start + m.index + phrase.length };
    if (span.start < window.start || span.end > window.end) continue;
    if (phrase.split(/\s+/).length > MAX_EVENT_TIME_WORDS || repeatsQuery(kb, sentence, span, q)) continue;
    const fit = proximity(ws, span.start, span.end, q, r.matched);
    if (fit > bestFit) {
      bestFit = fit;
      best = span;
    }
  }
  return best;
}
