/** /when: the time an event happened — the sentences that tell of it, and in each the time expression. */
import type { KbView, TimeExpression } from '../../index/kb-view.ts';
import { type Answer, type AnswerResult, shownDate } from '../answer.ts';
import { inflectedTerms } from '../text/inflections.ts';
import { placeTime } from '../timeline.ts';
import type { Answerer, Question } from './answerer.ts';
import { citedResult, quotedWindow } from './cited-result.ts';
import { eventTime } from './event-times.ts';
import { type Window, WindowPicker } from './excerpt-windows.ts';
import type { QueryTerms } from './query-terms.ts';
import {
  type RankedSentence,
  rankSentences,
  rerankByCandidates,
  type SentenceBonus,
} from './sentence-ranking.ts';
import { nearness, pickSpan, type SpanScorer } from './span-picking.ts';
import { notFound } from './suggestions.ts';
import { nounSense } from './time-attachment.ts';
import { dateAtPrecision, timePrecision } from './time-precision.ts';
import { unknownNames } from './unknown-names.ts';
import {
  answersWhen,
  attachedTo,
  cueFit,
  headFit,
  isQuestionsOwn,
  QUALIFIER_TIME,
  START_VERB,
  startOf,
  timeWorth,
  WHEN,
  type WhenQuestion,
  whenQuestion,
} from './when-question.ts';
import { proximity, sentenceWords } from './word-proximity.ts';

function bonusFor(kb: KbView, q: QueryTerms): SentenceBonus {
  // a duration answers "how long", not "when"
  return (sentence) =>
    sentence.times.some((id) => q.howLong || kb.time(id).kind !== 'duration') ? WHEN.sentenceBonus : 0;
}

/**
 * The time a result answers with: near the question's words, said of the event, in the clause that tells
 * it, of the kind asked for, not a duration.
 */
function timeScorer(kb: KbView, w: WhenQuestion, end: number) {
  const { q, prefer } = w;
  const scorer: SpanScorer<TimeExpression> = (place) => (time) => {
    if (time.end > end || !answersWhen(kb, w, place.sentence, time)) return null;
    const text = kb.text(place.sentence, time);
    if (isQuestionsOwn(kb, place.sentence, time, text, w)) return null;
    let score = nearness(place, time.start, time.end);
    const attached = attachedTo(kb, w, place.sentence, time);
    if (attached.statementOnly) return null;
    score -= WHEN.detachedPickWeight * attached.detachment;
    if (prefer) score += WHEN.wantedKindPickWeight * prefer(time.kind, text);
    // a length of time up to now answers when something began
    if (time.kind === 'duration' && !q.howLong && !w.asksStart) score -= WHEN.durationPenalty;
    // a time said of another thing, or of an earlier occurrence, is not the event's
    const worth = timeWorth(kb, w, place.sentence, time, text);
    return worth <= -WHEN.headPickWeight ? null : score + (place.isFocus ? worth : 0);
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
    if (!answersWhen(kb, w, r.sentence, time)) continue;
    const text = kb.text(r.sentence, time);
    if (isQuestionsOwn(kb, r.sentence, time, text, w)) continue;
    const fit =
      proximity(ws, time.start, time.end, q, r.matched) +
      (prefer ? WHEN.wantedKindRerankWeight * prefer(time.kind, text) : 0) +
      WHEN.cueRerankWeight * cueFit(kb, w, r.sentence, time, text);
    if (fit > top) top = fit;
  }
  const held = new Set(ws.map((x) => x.term));
  const told =
    top +
    WHEN.argumentWeight * argumentShare(w, held) +
    (tellsInOtherForm(w, held) ? WHEN.eventRerankWeight : 0);
  // only a sentence that holds one of the question's verbs' words needs tagging for its sense
  const holdsVerb = [...w.verbs].some((v) => r.matched.has(v));
  return holdsVerb ? told - WHEN.nounSenseWeight * nounSense(w.clauses(r.sentence), q, w.verbs) : told;
}

/**
 * Whether the sentence tells the question's verb in another of its forms ("took up" for "take up", "left"
 * for "leave"): news tells in the past what a question asks in the present, and ranking counts an irregular
 * form for less than the word itself.
 */
function tellsInOtherForm(w: WhenQuestion, held: Set<string | null>): boolean {
  return [...w.verbs].some((v) => !held.has(v) && inflectedTerms(v).some((form) => held.has(form)));
}

/**
 * Share (0 to 1) of the weight of the question's words besides its event's ("Ada and Ben" of "when did Ada
 * and Ben talk") that the sentence's own words hold: its arguments, not the document's title.
 */
function argumentShare(w: WhenQuestion, held: Set<string | null>): number {
  let weight = 0;
  let total = 0;
  for (const t of w.q.terms) {
    if (w.event.includes(t)) continue;
    const idf = w.q.idf.get(t) ?? 0;
    total += idf;
    if (held.has(t)) weight += idf;
  }
  return total > 0 ? weight / total : 0;
}

/** How the sentence's times fit the event (headFit), those that may answer "when" and are not its own words. */
function headFits(kb: KbView, w: WhenQuestion, r: RankedSentence): number[] {
  const fits: number[] = [];
  for (const time of kb.timesIn(r.sentence)) {
    if (!answersWhen(kb, w, r.sentence, time)) continue;
    const text = kb.text(r.sentence, time);
    if (QUALIFIER_TIME.test(text) || isQuestionsOwn(kb, r.sentence, time, text, w)) continue;
    // a statement's time ("said on Wednesday ... that the strike ...") is another thing's too
    fits.push(
      attachedTo(kb, w, r.sentence, time).statementOnly ? -1 : headFit(kb, w, r.sentence, time, text),
    );
  }
  return fits;
}

/**
 * Results are ordered by how well they tell the event, then by whether a time is said of it: when the best
 * sentence gives the event no time of its own, a sentence close behind that does ("the drone strike, which
 * occurred over the weekend" after "... the drone attack ... during a phone call on Wednesday") goes first.
 */
function attachedFirst(kb: KbView, w: WhenQuestion, ranked: RankedSentence[]): RankedSentence[] {
  const top = ranked[0];
  const topFits = top ? headFits(kb, w, top) : [];
  // only when the best sentence's times are all another thing's
  if (!top || topFits.length === 0 || topFits.some((fit) => fit >= 0)) return ranked;
  const lead = ranked
    .slice(1, WHEN.attachedLookedAt)
    .findIndex(
      (r) => r.score >= WHEN.attachedMinShare * top.score && headFits(kb, w, r).some((fit) => fit > 0),
    );
  if (lead < 0) return ranked;
  const moved = ranked[lead + 1] as RankedSentence;
  return [moved, ...ranked.filter((r) => r !== moved)];
}

/**
 * When the best sentence holds no time that may answer, a sentence of its paragraph that dates one of the
 * question's words itself goes first: a time right after a lower-case word of the question is said of that
 * word ("She says her warning last month was ignored" for "when did she give her warning about ...").
 */
function datedWordFirst(kb: KbView, w: WhenQuestion, ranked: RankedSentence[]): RankedSentence[] {
  const top = ranked[0];
  if (!top || kb.timesIn(top.sentence).some((time) => answersWhen(kb, w, top.sentence, time))) return ranked;
  const moved = ranked
    .slice(1, WHEN.attachedLookedAt)
    .find((r) => r.sentence.paragraph === top.sentence.paragraph && datesQueryWord(kb, w, r));
  return moved ? [moved, ...ranked.filter((r) => r !== moved)] : ranked;
}

/** Whether a time of the sentence that may answer stands right after a lower-case word of the question. */
function datesQueryWord(kb: KbView, w: WhenQuestion, r: RankedSentence): boolean {
  const ws = sentenceWords(kb, r.sentence);
  const text = kb.text(r.sentence);
  return kb.timesIn(r.sentence).some((time) => {
    if (!answersWhen(kb, w, r.sentence, time)) return false;
    if (isQuestionsOwn(kb, r.sentence, time, kb.text(r.sentence, time), w)) return false;
    const before = ws.findLast((x) => x.end <= time.start);
    if (!before?.term || !w.q.terms.includes(before.term)) return false;
    const word = text.slice(before.start - r.sentence.start, before.end - r.sentence.start);
    return (
      word === word.toLowerCase() &&
      /^\s*$/.test(text.slice(before.end - r.sentence.start, time.start - r.sentence.start))
    );
  });
}

function answerWhen(kb: KbView, { unanswered, limit }: Question): Answer {
  const unknown = unknownNames(kb, unanswered.query);
  if (unknown.length > 0) return notFound(kb, unanswered, 'mentions', unknown.join('", "'));
  let w = whenQuestion(kb, unanswered.query);
  let found = rankSentences(kb, w.q, bonusFor(kb, w.q));
  if (found.length === 0 && w.asksStart) {
    // "when did the war start" where no text says "start": a length of time up to now may tell it
    w = { ...whenQuestion(kb, unanswered.query.replace(START_VERB, ' ')), asksStart: true };
    found = rankSentences(kb, w.q, bonusFor(kb, w.q));
  }
  const { q } = w;
  const ranked = datedWordFirst(
    kb,
    w,
    attachedFirst(
      kb,
      w,
      rerankByCandidates(found, (r) => timeFit(kb, w, r)),
    ),
  );
  if (!ranked[0]) return notFound(kb, unanswered, 'about');
  const results: AnswerResult[] = [];
  // the summary is the first result's: a time of another passage may be another event's
  let summary = NO_TIME;
  const scorer = (window: Window) => timeScorer(kb, w, window.end);
  for (const { ranked: r, window, time } of timedFirst(kb, ranked, limit, q, scorer)) {
    const told = time ? null : eventTime(kb, r, window, q);
    const result = citedResult(kb, r.sentence, time ?? told, r.score, window);
    const start = time && dateResult(kb, result, time, q.howLong);
    if (told) result.precision = 'relative';
    if (results.length === 0 && (time || told)) {
      const date = shownDate(result);
      // "1950" needs no "(1950)"
      summary =
        !date || result.highlight.includes(date)
          ? result.highlight
          : start
            ? `${result.highlight}, since about ${date}`
            : `${result.highlight} (${date})`;
    }
    results.push(result);
  }
  return { ...unanswered, found: true, summary, results };
}

const NO_TIME = 'No time is given in the passage that best tells of it; it is cited.';

/**
 * The result's date and precision, as precise as the text is; a length of time up to now by its start (then
 * true), unless the question asks how long.
 */
function dateResult(kb: KbView, result: AnswerResult, time: TimeExpression, howLong: boolean): boolean {
  const sentence = kb.sentence(time.sentence);
  const text = kb.text(sentence, time);
  const start = time.kind === 'duration' && !howLong ? startOf(kb, sentence, time) : null;
  const precision = start?.precision ?? timePrecision(time.kind, text);
  result.precision = precision;
  const placed = start ?? placeTime(text, time.kind, time.date);
  const date = dateAtPrecision(placed?.date ?? time.date, precision);
  if (date) result.date = date;
  return start !== null;
}

interface TimedWindow {
  ranked: RankedSentence;
  window: Window;
  time: TimeExpression | null;
}

/**
 * The results' windows (WindowPicker: no two share characters), with their times: first the first of the
 * sentences that tell the event about as well as the best (WHEN.sameMatchMargin) that gives a time, else
 * the best ranked sentence's, whatever it holds (it is the passage that best tells the event); after it
 * those that hold a time before any that does not — a time is what /when answers with. At most
 * WHEN.scannedPerResult windows per result are looked at for one with a time; those without stand in, in
 * rank order, for results still missing (from the first `limit` windows, as before).
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
  // of the sentences that tell the event about as well as the best, the first that gives a time leads
  const top = ranked[0]?.score ?? 0;
  let lead: RankedSentence | null = null;
  for (const r of ranked) {
    if (r.score < (1 - WHEN.sameMatchMargin) * top) break;
    const window = picker.windowFor(r.sentence);
    const time = window && timeIn(r, window);
    if (window && time) {
      take(r, window, time);
      lead = r;
      break;
    }
  }
  const untimed: RankedSentence[] = [];
  let scanned = 0;
  for (const r of ranked) {
    if (chosen.length >= limit || scanned >= limit * WHEN.scannedPerResult) break;
    if (r === lead) continue;
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
