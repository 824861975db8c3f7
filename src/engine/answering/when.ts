/** /when: the time an event happened — the sentences that tell of it, and in each the time expression. */
import type { KbView, Sentence, TimeExpression } from '../../index/kb-view.ts';
import { type Answer, type AnswerResult, shownDate } from '../answer.ts';
import { terms, words } from '../text/terms.ts';
import { placeTime } from '../timeline.ts';
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
  headAttachment,
  isStatementVerb,
  mayDetach,
  nounSense,
  questionVerbTerms,
  type SentenceClauses,
  sentenceClauses,
} from './time-attachment.ts';
import { dateAtPrecision, startOfLength, timePrecision } from './time-precision.ts';
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
  /**
   * What a time gains when the words it is said of are the question's event ("the strike, which occurred
   * over the weekend"), and loses when they are another thing ("during a phone call on Wednesday"), when
   * picking the time within a result...
   */
  headPickWeight: 0.5,
  /**
   * What a sentence gains in re-ranking for a time its words mark as the one asked for (cueFit): "first ...
   * since May 19" for "their previous call", "has lasted three years" for "when did it start". The grammar
   * alone (headFit) re-ranked worse on SQuAD: it only picks.
   */
  cueRerankWeight: 1,
  /** How much a sentence's holding the question's other words in its own text counts in re-ranking. */
  argumentWeight: 0.5,
  /** A time of the earlier occurrence a question asks about ("his first call since May 19"). */
  previousFit: 1.5,
  /** A vague time ("now", "recently") gives way to a calendar one this much. */
  vaguePenalty: 0.3,
  /**
   * When the best sentence gives the event no time of its own, the first of this many that does goes first
   * (attachedFirst)...
   */
  attachedLookedAt: 10,
  /** ...if it scores at least this share of the best. */
  attachedMinShare: 0.3,
  /**
   * Sentences that score within this share of the best tell the event about as well: of them, the first
   * that gives a time is the first result.
   */
  sameMatchMargin: 0.15,
} as const;

/** A word that may make a noun a time of its own (time-attachment.ts TIME_PREPOSITION). */
const TIME_PREPOSITION_WORD = /\b(?:during|amid|before|after|ahead|following)\b/i;
/** Times that name no point on the calendar: they answer only when nothing nearer the event does. */
const VAGUE = /^(?:now|currently|recently|nowadays|these days)$/i;
/** "Since when" and the like ask for a time with that word: it belongs to the answer, not to the event. */
const ASKED_BOUND = /\b(since|until|till|by)\s+when\b/i;
/** A question about an earlier occurrence ("their previous meeting"). */
const ASKS_PREVIOUS = /\b(?:previous|last|earlier|prior|former)\b/i;
/** "His first call with Ada since May 19": the time after "since" is the previous call's. */
const FIRST_SINCE = /\b(?:first|only)\b[^,;:.]*$/i;
/** Verbs that ask when something began: a length of time up to now answers them ("has lasted three years"). */
const START_VERBS = new Set(['start', 'begin', 'began', 'begun', 'commenc', 'launch', 'erupt']);
const START_VERB = /\b(?:start|begin|began|begun|commence|launch|erupt)(?:s|ed|ing)?\b/gi;

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
  /** The event's terms and the words that stand for them (synonyms, other forms). */
  eventWords: Set<string>;
  /** All the question's terms and the words that stand for them. */
  questionWords: Set<string>;
  /** "since when": the word the answer's time should open with. */
  bound: string | null;
  /** The question asks about an earlier occurrence ("their previous discussion"). */
  asksPrevious: boolean;
  /** The question asks when something began: a length of time up to now answers it. */
  asksStart: boolean;
  /** Whether the words a time is said of may be the event's or another thing's (headAttachment), cheaply. */
  mayHead: (sentence: Sentence) => boolean;
}

function withAlternates(q: QueryTerms, terms: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of terms) {
    out.add(t);
    for (const a of q.alternates.get(t) ?? []) out.add(a.term);
  }
  return out;
}

function whenQuestion(kb: KbView, asked: string): WhenQuestion {
  const cache = new Map<number, SentenceClauses>();
  const bound = ASKED_BOUND.exec(asked)?.[1]?.toLowerCase() ?? null;
  const query = asked.replace(ASKED_BOUND, 'when');
  const q = queryTerms(kb, query);
  const verbs = questionVerbTerms(query);
  const event = eventTerms(q, verbs);
  const eventWords = withAlternates(q, event);
  const heads = new Map<number, boolean>();
  return {
    q,
    prefer: timePreference(query),
    verbs,
    event,
    eventWords,
    mayHead: (sentence) => {
      let may = heads.get(sentence.id);
      if (may === undefined) {
        const text = kb.text(sentence);
        may = TIME_PREPOSITION_WORD.test(text) || terms(text).some((t) => eventWords.has(t));
        heads.set(sentence.id, may);
      }
      return may;
    },
    questionWords: withAlternates(q, q.terms),
    bound,
    asksPrevious: ASKS_PREVIOUS.test(query),
    asksStart: [...verbs].some((v) => START_VERBS.has(v)),
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

/** A length of time told up to the document's publication: when it began ("for three years" -> 2022). */
function startOf(kb: KbView, sentence: Sentence, time: TimeExpression) {
  const before = kb.text(sentence, { start: sentence.start, end: time.start });
  return startOfLength(kb.text(sentence, time), before, kb.documentOf(sentence).published);
}

/**
 * How well what the time is said of tells the question's event: 1 the event itself (or, for a start, a
 * length of time up to now), -1 another thing or an earlier occurrence the question does not ask about.
 */
function headFit(
  kb: KbView,
  w: WhenQuestion,
  sentence: Sentence,
  time: TimeExpression,
  text: string,
): number {
  if (/^since\b/i.test(text)) {
    const before = kb.text(sentence, { start: sentence.start, end: time.start });
    if (FIRST_SINCE.test(before)) return w.asksPrevious ? WHEN.previousFit : -1;
  }
  if (time.kind === 'duration') return w.asksStart ? 1 : 0;
  // tagging is the costly part: without the event's words or a preposition of time the head tells nothing
  if (!w.mayHead(sentence)) return 0;
  const head = headAttachment(w.clauses(sentence), time, w.eventWords, w.questionWords);
  return head === 'event' ? 1 : head === 'other' ? -1 : 0;
}

/**
 * The cues in the words that tell a time is the one asked for, whatever the sentence's grammar: an earlier
 * occurrence's ("first ... since May 19") for a question about the previous one, a length of time up to now
 * for a question about a start.
 */
function cueFit(kb: KbView, w: WhenQuestion, sentence: Sentence, time: TimeExpression, text: string): number {
  if (w.asksPrevious && /^since\b/i.test(text)) {
    const before = kb.text(sentence, { start: sentence.start, end: time.start });
    return FIRST_SINCE.test(before) ? 1 : 0;
  }
  return w.asksStart && time.kind === 'duration' ? 1 : 0;
}

/**
 * Whether the time answers "when" at all: a length of time only for "how long", or when it is told up to
 * now (then it answers with its start).
 */
function answersWhen(kb: KbView, w: WhenQuestion, sentence: Sentence, time: TimeExpression): boolean {
  return time.kind !== 'duration' || w.q.howLong || startOf(kb, sentence, time) !== null;
}

/** What a time is worth besides its nearness: its kind, what it is said of, its bound, its vagueness. */
function timeWorth(kb: KbView, w: WhenQuestion, sentence: Sentence, time: TimeExpression, text: string) {
  let worth = WHEN.headPickWeight * headFit(kb, w, sentence, time, text);
  if (VAGUE.test(text)) worth -= WHEN.vaguePenalty;
  if (w.bound) worth += text.toLowerCase().startsWith(w.bound) ? 1 : 0;
  return worth;
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
    if (isQuestionsOwn(kb, place.sentence, time, text, q)) return null;
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
    if (isQuestionsOwn(kb, r.sentence, time, text, q)) continue;
    const fit =
      proximity(ws, time.start, time.end, q, r.matched) +
      (prefer ? WHEN.wantedKindRerankWeight * prefer(time.kind, text) : 0) +
      WHEN.cueRerankWeight * cueFit(kb, w, r.sentence, time, text);
    if (fit > top) top = fit;
  }
  const held = new Set(ws.map((x) => x.term));
  const told = top + WHEN.argumentWeight * argumentShare(w, held);
  // only a sentence that holds one of the question's verbs' words needs tagging for its sense
  const holdsVerb = [...w.verbs].some((v) => r.matched.has(v));
  return holdsVerb ? told - WHEN.nounSenseWeight * nounSense(w.clauses(r.sentence), q, w.verbs) : told;
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
    if (isQuestionsOwn(kb, r.sentence, time, text, w.q)) continue;
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
  const ranked = attachedFirst(
    kb,
    w,
    rerankByCandidates(found, (r) => timeFit(kb, w, r)),
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
