/**
 * Which event a time expression is attached to: the clause it stands in. "Ada Brenner said on Wednesday, in a
 * call, that the strike was a mistake" gives Wednesday to the saying, not to the strike; in "the strike, which
 * occurred over the weekend, ..." the relative clause belongs to the strike, and so does its weekend. A
 * question's verb is matched by the same verb, not by a noun of the same word: "when did they talk" is not
 * answered by "peace talks began in May" as well as by "they talked on Monday".
 */
import type { KbView, Sentence, Span } from '../../index/kb-view.ts';
import { SPEAKER_VERBS, STATEMENT_VERBS } from '../extract/lexicon.ts';
import { type TaggedWord, tagWords } from '../text/pos.ts';
import { termOf, terms } from '../text/terms.ts';
import type { QueryTerms } from './query-terms.ts';

export const TIME_ATTACHMENT = {
  /** A question's verb matched by a noun of the same word ("talk" by "talks") counts this share of it. */
  nounForVerb: 0.4,
} as const;

/** Words that open a clause of their own (the segment they start is a clause if it has a verb). */
const CLAUSE_OPENER =
  /^(?:that|which|who|whom|whose|while|whereas|because|although|though|but|when|after|before|until)$/i;
/** Punctuation that closes a segment. */
const CLAUSE_BREAK = /^[,;:()—–]$/;
/** A segment opened by these is a relative clause: it belongs to the phrase before it. */
const RELATIVE = /^(?:which|who|whom|whose)$/i;

interface Segment extends Span {
  hasVerb: boolean;
  /** Opened by a relative pronoun: it belongs to the phrase before it. */
  relative: boolean;
  /** Opened by a verb (after any "and"): a predicate of the clause before it ("besieged, captured, and sacked"). */
  predicate: boolean;
  /** Opened by a word that opens a clause ("that", "after"). */
  opened: boolean;
}

function segmentsOf(tagged: readonly TaggedWord[]): Segment[] {
  const out: Segment[] = [];
  let current: TaggedWord[] = [];
  const close = () => {
    const first = current[0];
    const last = current[current.length - 1];
    const head = current.find((w) => w.pos !== 'CCONJ' && w.pos !== 'ADV');
    if (first && last)
      out.push({
        start: first.start,
        end: last.end,
        hasVerb: current.some((w) => w.pos === 'VERB' || w.pos === 'AUX'),
        relative: RELATIVE.test(first.text),
        predicate: head?.pos === 'VERB',
        opened: CLAUSE_OPENER.test(first.text),
      });
    current = [];
  };
  for (const w of tagged) {
    if (CLAUSE_BREAK.test(w.text)) {
      close();
      continue;
    }
    if (CLAUSE_OPENER.test(w.text)) close();
    current.push(w);
  }
  close();
  return out;
}

/**
 * The clauses of a tagged sentence, each the segments (offsets of the tagged text) that make it: segments
 * between clause breaks; a relative clause, a further predicate and a segment without a verb ("in a phone
 * call") belong to the clause before them; segments without a verb that open the sentence ("In 1226,
 * immediately") belong to its first main clause (not opened by "after", "that" ...).
 */
function clausesOf(tagged: readonly TaggedWord[]): Span[][] {
  const clauses: Span[][] = [];
  let leading: Span[] = [];
  for (const s of segmentsOf(tagged)) {
    const previous = clauses[clauses.length - 1];
    const span = { start: s.start, end: s.end };
    if (previous && (s.relative || s.predicate || !s.hasVerb)) previous.push(span);
    else if (!s.hasVerb) leading.push(span);
    else if (leading.length > 0 && !s.opened && !s.predicate) {
      clauses.push([...leading, span]);
      leading = [];
    } else clauses.push([span]);
  }
  // no main clause after them: they belong to the first clause
  const first = clauses[0];
  if (leading.length > 0) clauses.unshift(first ? [...leading, ...first.splice(0)] : leading);
  return clauses.filter((c) => c.length > 0);
}

/**
 * The terms of the question's verbs: tagged so, or the last word after "did"/"does"/"will" ("did they talk").
 * The end of a hyphenated compound is no verb of the question ("the rate-setting meeting").
 */
export function questionVerbTerms(query: string): Set<string> {
  const tagged = tagWords(query).filter((w) => w.pos !== 'PUNCT');
  const verbs = tagged.filter((w) => w.pos === 'VERB' && query[w.start - 1] !== '-');
  const last = tagged[tagged.length - 1];
  if (verbs.length === 0 && last && /^\s*\w+\s+(?:did|does|do|will|would|can|could)\b/i.test(query))
    verbs.push(last);
  const out = new Set<string>();
  for (const w of verbs) {
    const t = termOf(w.text);
    if (t) out.add(t);
  }
  return out;
}

/** Something in the text that may part clauses: without it a sentence is one clause. */
const MAYBE_CLAUSES = new RegExp(`[,;:()—–]|\\b(?:${CLAUSE_OPENER.source.slice(4, -2)})\\b`, 'i');

/**
 * A cheap test before tagging: only a sentence of several clauses that tells some of the event (`event`:
 * eventTerms) can part a time from it.
 */
export function mayDetach(text: string, event: string[]): boolean {
  if (!MAYBE_CLAUSES.test(text)) return false;
  const held = new Set(terms(text));
  return event.some((t) => held.has(t));
}

/** A sentence as time attachment reads it: its words with their terms, and its clauses (document offsets). */
export interface SentenceClauses {
  words: (TaggedWord & { term: string | null })[];
  readonly clauses: Span[][];
}

export function sentenceClauses(kb: KbView, sentence: Sentence): SentenceClauses {
  const tagged = tagWords(kb.text(sentence));
  const at = sentence.start;
  // the clauses only when asked for (a verb's sense needs the words alone)
  let clauses: Span[][] | undefined;
  return {
    words: tagged.map(({ start, end, text, pos, lemma }) => ({
      start: at + start,
      end: at + end,
      text,
      pos,
      lemma,
      term: termOf(text),
    })),
    get clauses() {
      clauses ??= clausesOf(tagged).map((c) => c.map((s) => ({ start: at + s.start, end: at + s.end })));
      return clauses;
    },
  };
}

/** What the question's event is told by: its verbs' terms, or all of its terms when no verb is among them. */
export function eventTerms(q: QueryTerms, verbs: Set<string>): string[] {
  const told = q.terms.filter((t) => verbs.has(t));
  return told.length > 0 ? told : q.terms;
}

/** Share (0 to 1) of the event terms' weight that the clause tells (a verb by a noun counts less). */
function heldIn(
  parts: SentenceClauses,
  clause: Span[],
  event: string[],
  q: QueryTerms,
  verbs: Set<string>,
): number {
  const held = new Map<string, number>();
  for (const w of parts.words) {
    if (!w.term || !event.includes(w.term) || !clause.some((s) => s.start <= w.start && w.end <= s.end))
      continue;
    const share = verbs.has(w.term) && w.pos === 'NOUN' ? TIME_ATTACHMENT.nounForVerb : 1;
    held.set(w.term, Math.max(held.get(w.term) ?? 0, share));
  }
  let weight = 0;
  let total = 0;
  for (const t of event) total += q.idf.get(t) ?? 0;
  for (const [t, share] of held) weight += share * (q.idf.get(t) ?? 0);
  return total > 0 ? weight / total : 0;
}

/** Where a time stands relative to the event asked about. */
export interface Attachment {
  /**
   * How much more of the event (0 to 1) another clause of the sentence tells than the time's own: 0 when its
   * clause tells the event best (or the sentence does not tell it at all).
   */
  detachment: number;
  /**
   * The time's clause tells of a statement ("Ada said on Wednesday, ...") and nothing of the event, which
   * another clause tells in the past ("... that the strike was a mistake"): the time is the statement's, not
   * the event's. An event told in the present ("... that Ben has been pushing for talks") holds when it is said.
   */
  statementOnly: boolean;
}

/** A verb that tells of a statement ("said", "announced"). */
export function isStatementVerb(word: string): boolean {
  const lower = word.toLowerCase();
  return SPEAKER_VERBS.has(lower) || STATEMENT_VERBS.has(lower);
}

function tellsStatement(parts: SentenceClauses, clause: Span[]): boolean {
  return parts.words.some(
    (w) =>
      w.pos === 'VERB' && isStatementVerb(w.text) && clause.some((s) => s.start <= w.start && w.end <= s.end),
  );
}

/** A present or present perfect auxiliary: what it tells still holds when it is said ("has been pushing"). */
const PRESENT_AUX = /^(?:is|are|am|has|have)$/i;

/** The clause tells its event in the present ("has been pushing", "is talking"). */
function tellsPresent(parts: SentenceClauses, clause: Span[]): boolean {
  return parts.words.some(
    (w) =>
      w.pos === 'AUX' && PRESENT_AUX.test(w.text) && clause.some((s) => s.start <= w.start && w.end <= s.end),
  );
}

/** The event a question asks the time of, as attachmentOf reads it (worked out once per question). */
export interface AskedEvent {
  q: QueryTerms;
  /** The terms of the question's verbs (questionVerbTerms). */
  verbs: Set<string>;
  /** The terms that tell the event (eventTerms). */
  event: string[];
  /** The question asks when something was said ("when did Ada say ..."): a statement's time is its answer. */
  asksStatement: boolean;
}

export function attachmentOf(
  parts: SentenceClauses,
  span: Span,
  { q, verbs, event, asksStatement }: AskedEvent,
): Attachment {
  let own = 0;
  let best = 0;
  let ownClause: Span[] = [];
  let bestClause: Span[] = [];
  for (const clause of parts.clauses) {
    const held = heldIn(parts, clause, event, q, verbs);
    if (held > best) {
      best = held;
      bestClause = clause;
    }
    if (clause.some((s) => s.start <= span.start && span.start < s.end)) {
      own = held;
      ownClause = clause;
    }
  }
  return {
    detachment: best - own,
    statementOnly:
      !asksStatement &&
      own === 0 &&
      best > 0 &&
      tellsStatement(parts, ownClause) &&
      !tellsPresent(parts, bestClause),
  };
}

/**
 * Share (0 to 1) of the question's verbs' weight that the sentence holds only as nouns of the same word
 * ("talks" for "talk"): another sense, or at least not the event told as the question tells it.
 */
export function nounSense(parts: SentenceClauses, q: QueryTerms, verbs: Set<string>): number {
  let weight = 0;
  for (const v of verbs) {
    const uses = parts.words.filter((w) => w.term === v);
    if (uses.length > 0 && uses.every((w) => w.pos === 'NOUN')) weight += q.idf.get(v) ?? 0;
  }
  return q.total > 0 ? weight / q.total : 0;
}

/** Words between a time and the word it is said of: "call on Wednesday", "occurred over the weekend". */
const BETWEEN_HEAD = new Set(['ADP', 'DET', 'ADJ', 'NUM', 'ADV', 'PART']);
const NOUNS = new Set(['NOUN', 'PROPN']);
const RELATIVE_PRONOUN = /^(?:which|that|who)$/i;
/** Prepositions that make a noun phrase a time of its own ("during a phone call", "after the meeting"). */
const TIME_PREPOSITION = /^(?:during|amid|before|after|ahead|following)$/i;

type SentenceWord = SentenceClauses['words'][number];

/** The run of nouns that ends at `i` ("drone strike", "phone call"), first word first; empty if none. */
function nounRun(words: SentenceWord[], i: number): SentenceWord[] {
  let j = i;
  while (j >= 0 && NOUNS.has(words[j]?.pos ?? '')) j--;
  return words.slice(j + 1, i + 1);
}

/** The verbs after a time up to the next clause that opens (a relative or subordinate one). */
function clauseVerbs(words: SentenceWord[], span: Span): SentenceWord[] {
  const out: SentenceWord[] = [];
  for (const w of words) {
    if (w.start < span.end) continue;
    if (CLAUSE_OPENER.test(w.text) || w.text === ';') break;
    if (w.pos === 'VERB') out.push(w);
  }
  return out;
}

/**
 * The words a time is said of, read back from it: the noun it follows, with its compound ("a phone call on
 * Wednesday"), or the verb and the noun the verb's clause hangs on ("the strike, which occurred over the
 * weekend"; "talks scheduled for Monday"). `ofPreposition`: the noun is the object of a preposition that makes
 * it a time of its own ("during a phone call on Wednesday"): an adjunct of something else. Nothing when the time opens its clause.
 */
export function timeHead(
  parts: SentenceClauses,
  span: Span,
): { words: SentenceWord[]; noun: boolean; ofPreposition: boolean } {
  const words = parts.words;
  // a time before its verb ("the two leaders on Friday signed the plan") is said of that verb
  let after = words.findIndex((w) => w.start >= span.end);
  while (words[after]?.pos === 'AUX' || words[after]?.pos === 'ADV') after++;
  const next = words[after]?.pos === 'VERB' ? [words[after] as SentenceWord] : [];
  let i = words.findLastIndex((w) => w.end <= span.start);
  while (i >= 0 && BETWEEN_HEAD.has(words[i]?.pos ?? '')) i--;
  const head = words[i];
  // a time that opens its clause ("On May 21, NFL owners voted and awarded ...") is said of its verbs
  if (!head || head.pos === 'PUNCT' || head.pos === 'SCONJ')
    return { words: clauseVerbs(words, span), noun: false, ofPreposition: false };
  if (head.pos === 'NOUN') {
    const run = nounRun(words, i);
    let k = i - run.length;
    while (k >= 0 && /^(?:DET|ADJ|NUM|PART)$/.test(words[k]?.pos ?? '')) k--;
    const before = words[k];
    // "signed the plan on Friday": the verb's object, said of the verb as well
    const verb = before?.pos === 'VERB' ? [before] : [];
    return {
      words: [...verb, ...run, ...next],
      noun: true,
      ofPreposition: before?.pos === 'ADP' && TIME_PREPOSITION.test(before.text),
    };
  }
  if (head.pos !== 'VERB' && head.pos !== 'AUX') return { words: next, noun: false, ofPreposition: false };
  let k = i - 1;
  while (k >= 0 && /^(?:AUX|ADV|PART)$/.test(words[k]?.pos ?? '')) k--;
  if (RELATIVE_PRONOUN.test(words[k]?.text ?? '')) {
    k--;
    if (words[k]?.pos === 'PUNCT' && words[k]?.text === ',') k--;
  }
  return { words: [...nounRun(words, k), head, ...next], noun: false, ofPreposition: false };
}

/**
 * What the time is said of: `event` when that is the question's event (`eventWords`, the terms that tell it
 * and the words that stand for them); `other` when it is a noun the question does not name, itself an
 * adjunct ("the attack ... during a phone call on Wednesday": the call's day, not the attack's), or a verb
 * before it of what an asked statement says (`saidWords`: "revealed output fell in November"); `unknown`
 * otherwise (a verb of another clause, or a time that opens its clause).
 */
export function headAttachment(
  parts: SentenceClauses,
  span: Span,
  eventWords: Set<string>,
  questionWords: Set<string>,
  saidWords: Set<string>,
): 'event' | 'other' | 'unknown' {
  const head = timeHead(parts, span);
  if (head.words.some((w) => w.term !== null && eventWords.has(w.term))) return 'event';
  // "revealed output fell in November": a time after a verb of what was said is that verb's
  if (head.words.some((w) => w.term !== null && saidWords.has(w.term) && w.end <= span.start)) return 'other';
  if (
    head.noun &&
    head.ofPreposition &&
    !head.words.some((w) => w.term !== null && questionWords.has(w.term))
  )
    return 'other';
  return 'unknown';
}
