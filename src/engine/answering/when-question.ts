/**
 * What /when works out once per question (WhenQuestion: its terms, its event, the kind of time it asks for)
 * and how a time fits that event: said of it (headFit), a cue in the words (cueFit), a length of time that
 * answers only "how long" or, told up to now, with its start. The tunables of /when (WHEN) are here.
 */
import type { KbView, Sentence, TimeExpression } from '../../index/kb-view.ts';
import { findTimeSpans } from '../extract/times.ts';
import { foldCase, termOf, terms, words } from '../text/terms.ts';
import { statementPart, withForms } from './asked-statement.ts';
import { type QueryTerms, queryTerms, repeatsQuery } from './query-terms.ts';
import {
  type AskedEvent,
  type Attachment,
  attachmentOf,
  eventTerms,
  headAttachment,
  isStatementVerb,
  mayDetach,
  questionVerbTerms,
  type SentenceClauses,
  sentenceClauses,
} from './time-attachment.ts';
import { startOfLength } from './time-precision.ts';

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
  /** What a sentence gains in re-ranking for holding the question's verb in another form ("took" for "take"). */
  eventRerankWeight: 1,
  /** A time of the earlier occurrence a question asks about ("his first call since May 19"). */
  previousFit: 1.5,
  /**
   * How a day a period ended ("the quarter ended Oct. 31") fits an event of the period: less than the period
   * ("the second quarter"), still an answer when it is the only time.
   */
  periodEndFit: -0.5,
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
const VAGUE =
  /^(?:now|currently|(?:(?:more|most|until|only|very)\s+)?(?:recently|lately)|nowadays|these days|previously|(?:in\s+)?the past|recent|from time to time)$/i;
/**
 * A time that qualifies a noun ("the recent closing", "year-earlier profit"): it answers for that noun, but does
 * not make its sentence one that tells a time.
 */
export const QUALIFIER_TIME = /^(?:recent|year-(?:earlier|ago))$/i;
/** "Since when" and the like ask for a time with that word: it belongs to the answer, not to the event. */
const ASKED_BOUND = /\b(since|until|till|by)\s+when\b/i;
/** A question about an earlier occurrence ("their previous meeting"). */
const ASKS_PREVIOUS = /\b(?:previous|last|earlier|prior|former)\b/i;
/** "His first call with Ada since May 19": the time after "since" is the previous call's. */
const FIRST_SINCE = /\b(?:first|only)\b[^,;:.]*$/i;
/** The words that place a length of time before or after another ("three months after"): not its own. */
const RELATIVE_TO = /\s+(?:ago|earlier|later|before|after|from now)$/;
/** An amount ("$99 million", "20%", "16 cents a share"). */
const AMOUNT =
  '[$£€#]?\\d[\\d.,]*(?:\\s*(?:%|percent|million|billion|trillion|cents?|pence|points?|a share|a barrel|an ounce|yen|marks|francs|dollars|pounds|euros))*';
/**
 * "Sales rose to $48 million from $31 million a year earlier": a time right after the amount a change is
 * measured from is that amount's, not the change's.
 */
const COMPARED_AMOUNT = new RegExp(
  `\\b(?:from|than|with|versus|vs\\.?)\\s+(?:(?:about|only|just|roughly|nearly|the)\\s+)*${AMOUNT}(?:,?\\s+or\\s+${AMOUNT})?\\s*,?\\s*(?:in\\s+|during\\s+)?$`,
  'i',
);
/** "A test was planned for January": the time a plan set, not the time the thing happened. */
const PLANNED_FOR =
  /\b(planned|scheduled|slated|due|expected|intended)\s+(?:(?:to\s+\w+|again)\s+)?(?:(?:for|in|on|by|at|until)\s+)?$/i;
/** The words before the day a period ended ("the quarter ended Oct. 31"). */
const PERIOD_END = /\bend(?:ed|ing)\s+$/i;
/** A question in the past tense. */
const ASKS_PAST = /\b(?:did|was|were|had)\b/i;
/** Verbs that ask when something began: a length of time up to now answers them ("has lasted three years"). */
const START_VERBS = new Set(['start', 'begin', 'began', 'begun', 'commenc', 'launch', 'erupt']);
export const START_VERB = /\b(?:start|begin|began|begun|commence|launch|erupt)(?:s|ed|ing)?\b/gi;

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

/**
 * A time made only of the question's own words ("in 2010" for "what happened in 2010", "March 4, 2031" for
 * "when were the notes due March 4 2031 priced"), or that holds a time the question names ("over the last
 * three months" for "when did sales rise three months after the launch", "by May" for "... due by May") is
 * not its answer.
 */
export function isQuestionsOwn(
  kb: KbView,
  sentence: Sentence,
  time: TimeExpression,
  text: string,
  { q, named }: WhenQuestion,
) {
  if (named.length > 0) {
    const folded = foldCase(text);
    if (named.some((t) => folded.includes(t) || t.includes(folded))) return true;
  }
  if (!repeatsQuery(kb, sentence, time, q)) return false;
  const said = words(text);
  return (
    said.length <= WHEN.maxRepeatedWords ||
    said.every((w) => {
      const t = termOf(w.word);
      return t === null || q.terms.includes(t);
    })
  );
}

/** What /when works out once per question: its terms and event, the kind of time it asks for. */
export interface WhenQuestion extends AskedEvent {
  prefer: TimePreference | null;
  /** A sentence's clauses, worked out once per answer (tagging is the costly part). */
  clauses: (sentence: Sentence) => SentenceClauses;
  /** The event's terms and the words that stand for them (synonyms, other forms). */
  eventWords: Set<string>;
  /** All the question's terms and the words that stand for them. */
  questionWords: Set<string>;
  /**
   * The words of what the asked statement says ("output", "fallen" of "when did they reveal that output had
   * fallen"), with the words that stand for them: a time said of them is what was said, not when.
   */
  saidWords: Set<string>;
  /** The times the question itself names, case-folded ("three months", "by may"). */
  named: string[];
  /** "since when": the word the answer's time should open with. */
  bound: string | null;
  /** The question asks about an earlier occurrence ("their previous discussion"). */
  asksPrevious: boolean;
  /** The question asks when something began: a length of time up to now answers it. */
  asksStart: boolean;
  /** The question asks in the past ("when did the test occur"): a time a plan set is not its answer. */
  asksPast: boolean;
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

export function whenQuestion(kb: KbView, asked: string): WhenQuestion {
  const cache = new Map<number, SentenceClauses>();
  const bound = ASKED_BOUND.exec(asked)?.[1]?.toLowerCase() ?? null;
  const query = asked.replace(ASKED_BOUND, 'when');
  const q = queryTerms(kb, query);
  const statement = statementPart(query);
  const verbs = questionVerbTerms(statement);
  // the words of what was said, after "that"
  const said = terms(query.slice(statement.length)).filter((t) => !verbs.has(t) && q.terms.includes(t));
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
    saidWords: withForms(withAlternates(q, said)),
    named: findTimeSpans(query).map((t) => foldCase(t.text).replace(RELATIVE_TO, '')),
    bound,
    asksPrevious: ASKS_PREVIOUS.test(query),
    asksStart: [...verbs].some((v) => START_VERBS.has(v)),
    asksPast: ASKS_PAST.test(query),
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
export function attachedTo(
  kb: KbView,
  w: WhenQuestion,
  sentence: Sentence,
  time: TimeExpression,
): Attachment {
  // tagging is the costly part: a sentence of one clause, or without the event's words, needs none
  if (!mayDetach(kb.text(sentence), w.event)) return { detachment: 0, statementOnly: false };
  return attachmentOf(w.clauses(sentence), time, w);
}

/** A length of time told up to the document's publication: when it began ("for three years" -> 2022). */
export function startOf(kb: KbView, sentence: Sentence, time: TimeExpression) {
  const before = kb.text(sentence, { start: sentence.start, end: time.start });
  return startOfLength(kb.text(sentence, time), before, kb.documentOf(sentence).published);
}

/** "since May 19" after "the first ... since": the time of an earlier occurrence, not of the one told. */
function sinceFirstOccurrence(kb: KbView, sentence: Sentence, time: TimeExpression, text: string): boolean {
  if (!/^since\b/i.test(text)) return false;
  return FIRST_SINCE.test(kb.text(sentence, { start: sentence.start, end: time.start }));
}

/**
 * "The second quarter ended Oct. 31": the day a period ended, which the period's events are not told at
 * (unless the question asks when it ended).
 */
function endsPeriod(kb: KbView, sentence: Sentence, time: TimeExpression): boolean {
  return PERIOD_END.test(
    kb.text(sentence, { start: Math.max(sentence.start, time.start - 12), end: time.start }),
  );
}

/**
 * The time a plan set ("planned for January"), when the question asks what happened, not about the plan
 * ("their next meeting" may be the one planned for Monday).
 */
function plannedFor(kb: KbView, sentence: Sentence, time: TimeExpression, w: WhenQuestion): boolean {
  const before = kb.text(sentence, { start: Math.max(sentence.start, time.start - 40), end: time.start });
  const verb = PLANNED_FOR.exec(before)?.[1];
  return w.asksPast && verb !== undefined && !w.questionWords.has(termOf(verb) ?? '');
}

/**
 * How well what the time is said of tells the question's event: 1 the event itself (or, for a start, a
 * length of time up to now), -1 another thing or an earlier occurrence the question does not ask about.
 */
export function headFit(
  kb: KbView,
  w: WhenQuestion,
  sentence: Sentence,
  time: TimeExpression,
  text: string,
): number {
  if (sinceFirstOccurrence(kb, sentence, time, text)) return w.asksPrevious ? WHEN.previousFit : -1;
  if (plannedFor(kb, sentence, time, w)) return -1;
  if (
    COMPARED_AMOUNT.test(
      kb.text(sentence, { start: Math.max(sentence.start, time.start - 80), end: time.start }),
    )
  )
    return w.asksPrevious ? WHEN.previousFit : -1;
  if (endsPeriod(kb, sentence, time) && !w.questionWords.has('end')) return WHEN.periodEndFit;
  if (time.kind === 'duration') return w.asksStart ? 1 : 0;
  // tagging is the costly part: without the event's words or a preposition of time the head tells nothing
  if (!w.mayHead(sentence)) return 0;
  const head = headAttachment(w.clauses(sentence), time, w.eventWords, w.questionWords, w.saidWords);
  return head === 'event' ? 1 : head === 'other' ? -1 : 0;
}

/**
 * The cues in the words that tell a time is the one asked for, whatever the sentence's grammar: an earlier
 * occurrence's ("first ... since May 19") for a question about the previous one, a length of time up to now
 * for a question about a start.
 */
export function cueFit(
  kb: KbView,
  w: WhenQuestion,
  sentence: Sentence,
  time: TimeExpression,
  text: string,
): number {
  if (w.asksPrevious && /^since\b/i.test(text)) return sinceFirstOccurrence(kb, sentence, time, text) ? 1 : 0;
  if (plannedFor(kb, sentence, time, w)) return -1;
  // "since when": a time told with that word
  if (w.bound && foldCase(text).startsWith(w.bound)) return 1;
  return w.asksStart && time.kind === 'duration' ? 1 : 0;
}

/**
 * Whether the time answers "when" at all: a length of time only for "how long", or when it is told up to
 * now (then it answers with its start).
 */
export function answersWhen(kb: KbView, w: WhenQuestion, sentence: Sentence, time: TimeExpression): boolean {
  return time.kind !== 'duration' || w.q.howLong || startOf(kb, sentence, time) !== null;
}

/** What a time is worth besides its nearness: its kind, what it is said of, its bound, its vagueness. */
export function timeWorth(
  kb: KbView,
  w: WhenQuestion,
  sentence: Sentence,
  time: TimeExpression,
  text: string,
) {
  let worth = WHEN.headPickWeight * headFit(kb, w, sentence, time, text);
  if (VAGUE.test(text)) worth -= WHEN.vaguePenalty;
  if (w.bound) worth += text.toLowerCase().startsWith(w.bound) ? 1 : 0;
  return worth;
}
