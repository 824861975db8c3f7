/** /when: the time an event happened — the sentences that tell of it, and in each the time expression. */
import type { KbView, Sentence, TimeExpression } from '../../index/kb-view.ts';
import { type Answer, type AnswerResult, shownDate } from '../answer.ts';
import { words } from '../text/terms.ts';
import type { Answerer, Question } from './answerer.ts';
import { citedResult, quotedWindow } from './cited-result.ts';
import { eventTime } from './event-times.ts';
import { type Window, WindowPicker } from './excerpt-windows.ts';
import { type QueryTerms, queryTerms, repeatsQuery } from './query-terms.ts';
import {
  type RankedSentence,
  rankSentences,
  rerankByCandidates,
  type SentenceBonus,
} from './sentence-ranking.ts';
import { nearness, pickSpan, type SpanScorer } from './span-picking.ts';
import { notFound } from './suggestions.ts';
import {
  type AskedEvent,
  type Attachment,
  attachmentOf,
  eventTerms,
  isStatementVerb,
  mayDetach,
  nounSense,
  questionVerbTerms,
  type SentenceClauses,
  sentenceClauses,
} from './time-attachment.ts';
import { timePrecision } from './time-precision.ts';
import { unknownNames } from './unknown-names.ts';
import { proximity, sentenceWords } from './word-proximity.ts';

/** Tunables of /when, tuned with `npm run eval -- --squad ../shared/eval` (its when questions) and the story set. */
export const WHEN = {
  /** Ranking bonus for a sentence that holds a time (not a duration, unless the question asks "how long"). */
  sentenceBonus: 0.25,
  /** How much the kind of time the question asks for ("what year") counts when re-ranking sentences... */
  wantedKindRerankWeight: 0.5,
  /** ...and when picking the time within a result. */
  wantedKindPickWeight: 2,
  /** A duration ("for three weeks") rarely answers "when": picking it costs this much. */
  durationPenalty: 0.5,
  /** A time expression of at most this many words that repeats the question's words is the question's. */
  maxRepeatedWords: 2,
  /** Windows looked at per result wanted, for results that hold a time. */
  scannedPerResult: 4,
  /** How well a time of another kind fits a question that asks for a year when it is a relative one... */
  relativeForYear: 0.3,
  /** ...and when the question asks for a day, a month or a length of time. */
  otherKind: 0.2,
  /**
   * What a time costs when another clause of its sentence tells the event asked about better than its own
   * (time-attachment.ts), when picking the time within a result; a statement's time ("said on Wednesday, ...,
   * that the strike ...") is no answer at all. Re-ranking by it cost SQuAD cite@1, so it only picks.
   */
  detachedPickWeight: 0.5,
  /** What a sentence costs in re-ranking when it holds the question's verb only as a noun ("peace talks"). */
  nounSenseWeight: 1,
} as const;

/** How well a time fits the kind the question asks for (0 to 1), when it asks for one. */
type TimePreference = (kind: string, text: string) => number;

function timePreference(query: string): TimePreference | null {
  const q = query.toLowerCase();
  if (/\bwhat\s+(?:year|years)\b|\bwhich\s+year\b|\byear\b/.test(q))
    return (kind, text) => (/\b\d{3,4}\b/.test(text) ? 1 : kind === 'relative' ? WHEN.relativeForYear : 0);
  if (/\bcentury\b/.test(q)) return (_k, text) => (/centur/i.test(text) ? 1 : 0);
  if (/\b(?:what|which)\s+(?:day|date)\b/.test(q))
    return (kind) => (kind === 'date' || kind === 'weekday' ? 1 : WHEN.otherKind);
  if (/\bmonth\b/.test(q)) return (kind) => (kind === 'date' || kind === 'month' ? 1 : WHEN.otherKind);
  if (/\bhow\s+long\b/.test(q)) return (kind) => (kind === 'duration' ? 1 : WHEN.otherKind);
  return null;
}

/** A time made only of the question's own words ("in 2010" for "what happened in 2010") is not its answer. */
function isQuestionsOwn(kb: KbView, sentence: Sentence, time: TimeExpression, text: string, q: QueryTerms) {
  return repeatsQuery(kb, sentence, time, q) && words(text).length <= WHEN.maxRepeatedWords;
}

function bonusFor(kb: KbView, q: QueryTerms): SentenceBonus {
  // a duration answers "how long", not "when"
  return (sentence) =>
    sentence.times.some((id) => q.howLong || kb.time(id).kind !== 'duration') ? WHEN.sentenceBonus : 0;
}

/** What /when works out once per question: its terms and event, the kind of time it asks for. */
interface WhenQuestion extends AskedEvent {
  prefer: TimePreference | null;
  /** A sentence's clauses, worked out once per answer (tagging is the costly part). */
  clauses: (sentence: Sentence) => SentenceClauses;
}

function whenQuestion(kb: KbView, query: string): WhenQuestion {
  const cache = new Map<number, SentenceClauses>();
  const q = queryTerms(kb, query);
  const verbs = questionVerbTerms(query);
  return {
    q,
    prefer: timePreference(query),
    verbs,
    event: eventTerms(q, verbs),
    asksStatement: words(query).some(
      (x) => isStatementVerb(x.word) || /^(?:say|tell|announce|state)$/i.test(x.word),
    ),
    clauses: (sentence) => {
      let parts = cache.get(sentence.id);
      if (!parts) {
        parts = sentenceClauses(kb, sentence);
        cache.set(sentence.id, parts);
      }
      return parts;
    },
  };
}

/** Where the time stands relative to the event asked about. */
function attachedTo(kb: KbView, w: WhenQuestion, sentence: Sentence, time: TimeExpression): Attachment {
  // tagging is the costly part: a sentence of one clause, or without the event's words, needs none
  if (!mayDetach(kb.text(sentence), w.event)) return { detachment: 0, statementOnly: false };
  return attachmentOf(w.clauses(sentence), time, w);
}

/**
 * The time a result answers with: near the question's words, in the clause that tells the event, of the
 * kind asked for, not a duration.
 */
function timeScorer(kb: KbView, w: WhenQuestion, end: number) {
  const { q, prefer } = w;
  const scorer: SpanScorer<TimeExpression> = (place) => (time) => {
    if (time.end > end) return null;
    const text = kb.text(place.sentence, time);
    if (isQuestionsOwn(kb, place.sentence, time, text, q)) return null;
    let score = nearness(place, time.start, time.end);
    const attached = attachedTo(kb, w, place.sentence, time);
    if (attached.statementOnly) return null;
    score -= WHEN.detachedPickWeight * attached.detachment;
    if (prefer) score += WHEN.wantedKindPickWeight * prefer(time.kind, text);
    if (time.kind === 'duration') score -= WHEN.durationPenalty;
    return score;
  };
  return scorer;
}

/**
 * How well the sentence's best time answers (rerankByCandidates): near the question's words, of the kind
 * asked for; less when the sentence holds the question's verb only as a noun ("peace talks" for "talk").
 */
function timeFit(kb: KbView, w: WhenQuestion, r: RankedSentence): number {
  const { q, prefer } = w;
  const ws = sentenceWords(kb, r.sentence);
  let top = 0;
  for (const time of kb.timesIn(r.sentence)) {
    const text = kb.text(r.sentence, time);
    if (isQuestionsOwn(kb, r.sentence, time, text, q)) continue;
    const fit =
      proximity(ws, time.start, time.end, q, r.matched) +
      (prefer ? WHEN.wantedKindRerankWeight * prefer(time.kind, text) : 0);
    if (fit > top) top = fit;
  }
  // only a sentence that holds one of the question's verbs' words needs tagging for its sense
  const holdsVerb = [...w.verbs].some((v) => r.matched.has(v));
  return holdsVerb ? top - WHEN.nounSenseWeight * nounSense(w.clauses(r.sentence), q, w.verbs) : top;
}

function answerWhen(kb: KbView, { unanswered, limit }: Question): Answer {
  const unknown = unknownNames(kb, unanswered.query);
  if (unknown.length > 0) return notFound(kb, unanswered, 'mentions', unknown.join('", "'));
  const w = whenQuestion(kb, unanswered.query);
  const { q } = w;
  const ranked = rerankByCandidates(rankSentences(kb, q, bonusFor(kb, q)), (r) => timeFit(kb, w, r));
  if (!ranked[0]) return notFound(kb, unanswered, 'about');
  const results: AnswerResult[] = [];
  let summary = '';
  let toldSummary = '';
  const scorer = (window: Window) => timeScorer(kb, w, window.end);
  for (const { ranked: r, window, time } of timedFirst(kb, ranked, limit, q, scorer)) {
    const told = time ? null : eventTime(kb, r, window, q);
    const result = citedResult(kb, r.sentence, time ?? told, r.score, window);
    if (time?.date) result.date = time.date;
    if (time) result.precision = timePrecision(time.kind, kb.text(r.sentence, time));
    if (told) result.precision = 'relative';
    const date = shownDate(result);
    if (!summary && time) summary = date ? `${result.highlight} (${date})` : result.highlight;
    if (!toldSummary && told) toldSummary = result.highlight;
    results.push(result);
  }
  // a time told by another event sums up the answer only when no result gives a calendar time
  summary ||= toldSummary;
  if (!summary) summary = `No time expression found; the closest passage is cited.`;
  return { ...unanswered, found: true, summary, results };
}

interface TimedWindow {
  ranked: RankedSentence;
  window: Window;
  time: TimeExpression | null;
}

/**
 * The results' windows (WindowPicker: no two share characters), with their times: the best ranked sentence's
 * first, whatever it holds (it is the passage that best matches the question); after it those that hold a
 * time before any that does not — a time is what /when answers with. At most WHEN.scannedPerResult windows
 * per result are looked at for one with a time; those without stand in, in rank order, for results still
 * missing (from the first `limit` windows, as before).
 */
function timedFirst(
  kb: KbView,
  ranked: RankedSentence[],
  limit: number,
  q: QueryTerms,
  scorer: (window: Window) => SpanScorer<TimeExpression>,
): TimedWindow[] {
  const picker = new WindowPicker(kb);
  const chosen: TimedWindow[] = [];
  const timeIn = (r: RankedSentence, window: Window) =>
    pickSpan(kb, window, r, q, (s) => kb.timesIn(s), scorer(window))?.span ?? null;
  const take = (r: RankedSentence, window: Window, time: TimeExpression | null) => {
    picker.take(quotedWindow(kb, r.sentence, time, window));
    chosen.push({ ranked: r, window, time });
  };
  const untimed: RankedSentence[] = [];
  let scanned = 0;
  for (const r of ranked) {
    if (chosen.length >= limit || scanned >= limit * WHEN.scannedPerResult) break;
    const window = picker.windowFor(r.sentence);
    if (!window) continue;
    scanned++;
    const time = timeIn(r, window);
    if (chosen.length === 0 || time) take(r, window, time);
    else if (scanned <= limit) untimed.push(r);
  }
  for (const r of untimed) {
    if (chosen.length >= limit) break;
    const window = picker.windowFor(r.sentence);
    if (window) take(r, window, timeIn(r, window));
  }
  return chosen;
}

export const whenAnswerer: Answerer = { answer: answerWhen };
