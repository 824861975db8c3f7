/**
 * Direct quotations in a sentence and who said them, as news writes them: the grammatical subject of the
 * reporting verb ("X said", "said X", "X, an adviser, added:", "according to X", "X told Y"), a quotation that
 * continues the previous one (a paragraph that opens with a quotation mark and names nobody), and nobody's
 * quotation for a short term nothing attributes (a scare quote). When nothing attributes a quotation its
 * speaker stays unknown: a wrong speaker is worse than none.
 */

import { STOP_WORDS } from '../text/terms.ts';
import { DESCRIPTION_NOUNS, ROLE_NOUNS } from './lexicon.ts';
import {
  type Actor,
  colonSpeaker,
  isObjectAfter,
  PARTICIPLE,
  speakerOfVerb,
  type Verb,
  verbsIn,
  withoutParentheses,
} from './reporting-verbs.ts';

export interface LocalQuote {
  start: number;
  end: number;
  /** Local entity id of the speaker, -1 when no speaker is found. */
  speaker: number;
}

/** What the sentences before tell about quotations. */
export interface QuoteContext {
  /** The speaker of the document's latest quotation (-1 unknown) and its paragraph; paragraph 0 for none. */
  lastSpeaker: number;
  lastParagraph: number;
  /** The latest quotation ran to the end of its paragraph without a closing mark (it goes on in the next). */
  lastOpen: boolean;
}

/** A quotation, marks included at [start, end) of the sentence text; closed or running to the sentence's end. */
export interface QuoteSpan {
  start: number;
  end: number;
  closed: boolean;
}

/** A mark that can only open a quotation, or only close one: curly marks. */
const OPENING_MARK = '“';
const CLOSING_MARK = '”';
/** Before an opening straight mark: the paragraph's start, a space, a bracket or a dash. */
const BEFORE_OPENING = /[\s([{—–-]/;
/** After a closing straight mark: the paragraph's end, a space or punctuation. */
const AFTER_CLOSING = /[\s,.;:!?)\]}—–-]/;

/** What a quotation mark at `at` can do, read from its shape or, for a straight one, from its neighbours. */
function markRole(text: string, at: number): 'open' | 'close' | 'either' {
  const mark = text[at];
  if (mark === OPENING_MARK) return 'open';
  if (mark === CLOSING_MARK) return 'close';
  const before = at === 0 || BEFORE_OPENING.test(text[at - 1] as string);
  const after = at + 1 === text.length || AFTER_CLOSING.test(text[at + 1] as string);
  if (before && !after) return 'open';
  if (after && !before) return 'close';
  return 'either';
}

/**
 * The quotations of a text, marks included: straight or curly marks, also mixed as typed ('“…," he said'), each
 * mark opening or closing as its neighbours tell ('week-out. "But' opens, 'moment." Lee' closes). A quotation
 * still open when another one opens ends before it: text whose paragraphs were merged keeps the opening mark of
 * each continued paragraph and loses the closing one, and one unbalanced mark must not pair every later mark of
 * the paragraph the wrong way. A closing mark with no quotation open is dropped; the last quotation may run to
 * the end of the text unclosed (it goes on in the next paragraph).
 */
export function quotedRanges(text: string): QuoteSpan[] {
  if (!text.includes('"') && !text.includes(OPENING_MARK)) return [];
  const spans: QuoteSpan[] = [];
  let open = -1;
  for (const m of text.matchAll(/["“”]/g)) {
    const at = m.index;
    const role = markRole(text, at);
    if (open < 0) {
      if (role !== 'close') open = at;
      continue;
    }
    if (role === 'open') {
      const end = open + 1 + text.slice(open + 1, at).trimEnd().length;
      if (end - open > 2) spans.push({ start: open, end, closed: false });
      open = at;
    } else if (at - open > 2) {
      spans.push({ start: open, end: at + 1, closed: true });
      open = -1;
    }
  }
  if (open >= 0 && text.length - open > 2)
    spans.push({ start: open, end: text.trimEnd().length, closed: false });
  return spans;
}

/** Before a verb, "and" joins it to the verb before it ("said he would and added"). */
const COORDINATED = /\band\s+(?:then\s+|also\s+|later\s+)?$/;
/** Between a quotation and its verb: nothing, or a name and an adverb ('“…” Ann Lee later said'). */
const NAME_ONLY_GAP =
  /^\s*(?:(?!(?:And|But|Or|So|Then|Yet|The|A|An|In|On|At|After|When)\b)\p{Lu}[\p{L}.'’-]*\s+){0,4}(?:(?:later|then|also|\p{Ll}+ly)\s+)?$/u;
/** After a reporting verb, a clause it reports ("said that ...", "said he would ..."). */
const REPORTED_CLAUSE = /^\s+(?:that|he|she|it|they|we|I|there)\b/;
/** Between a quotation and the name that signs it: a dash ('"…" ― Jane Doe'). */
const SIGNATURE_GAP = /^[\s,]*[―—–-]{1,2}\s*$/;
/** From a quotation to the reporting verb after it: no other quotation, question or exclamation ... */
const AFTER_QUOTE_GAP = /^[\s,—–-]*(?:[^\s,.!?"“”‧][^"“”!?‧]{0,200})?$/;
/** ... and no full stop after a word ("…," the aide left. Smith said); "Sen." and "J." are no sentence end. */
const SENTENCE_END = /(?:^|\s)\p{Ll}{2,}\.(?:\s|$)/u;
/** Before a quotation its reporting verb may be followed by a few words: "said the plan was", "called it". */
const BEFORE_QUOTE_GAP = /^[^"“”.!?‧]{0,120}$/;
/** Up to this many words, a quotation nothing attributes is a scare quote ("bot" computers), nobody's words. */
const SCARE_QUOTE_WORDS = 3;

/** The text with every quotation blanked out (same length), so verbs and names inside quotations are not read. */
function outsideQuotes(text: string, quotes: QuoteSpan[]): string {
  let masked = text;
  for (const q of quotes)
    masked = masked.slice(0, q.start) + '\u2027'.repeat(q.end - q.start) + masked.slice(q.end);
  return masked;
}

/** The speaker of a quotation a reporting verb attributes to someone the text does not name. */
const UNNAMED = -1;
const UNNAMED_SPEAKER_AFTER = /^\s+(?:a|an|one|another|the)\s+\p{Ll}/u;
const UNNAMED_SPEAKER_BEFORE = /\b(?:a|an|one|another|the)\s+(?:\p{Ll}+\s+){0,3}$/u;

/**
 * Whom a description that speaks stands for ("the prime minister", "the union", "a Zeta Telecom spokeswoman"):
 * the entity that holds the role in the document, or the role itself as an entity when nobody named holds it;
 * undefined when it names nobody the document knows.
 */
export type DescribedSpeaker = (description: string) => number | undefined;

/** A description right after a reporting verb, up to punctuation or an adverbial: "said a Zeta spokeswoman in". */
const DESCRIBED_AFTER =
  /^\s+((?:[Tt]he|[Aa]n?)\s+(?:(?:of\s+(?=\p{Lu})|(?!(?:in|on|at|for|with|to|from|during|after|before|when|while|who)\b)[\p{L}'’.&-]+)\s+){0,5}?\p{Ll}[\p{Ll}-]*)(?=\s*(?:[,.;:!?‧]|$)|\s+(?:in|on|at|for|with|to|from|during|after|before|when|while|who)\b)/u;
/** A description right before a reporting verb (an adverb between): "the prime minister (also) said". */
const DESCRIBED_BEFORE =
  /(?:^|[,;:]\s*|\s)((?:[Tt]he|[Aa]n?)\s+(?:(?:of\s+(?=\p{Lu})|[\p{L}'’.&-]+)\s+){0,5}?\p{Ll}[\p{Ll}-]*)\s+(?:(?:also|later|then|has|had|\p{Ll}+ly)\s+)?$/u;
/**
 * A description is an article and a noun phrase: no function word after the article but "of" inside a name ("a
 * Department of Homeland Security spokesman"; not "the world lost a voice that").
 */
const isDescription = (text: string) =>
  text
    .replace(/\s+of\s+(?=\p{Lu})/gu, ' ')
    .split(/\s+/)
    .slice(1)
    .every((w) => !STOP_WORDS.has(w.toLowerCase()));

/** Nouns of a person's role: a description with one of these speaks for a person, never an organization. */
export const PERSON_NOUNS = new Set([...ROLE_NOUNS, ...DESCRIPTION_NOUNS]);

/**
 * The speaker the sentence's own words give a quotation (`quoted` the text, `masked` the text with its quotations
 * blanked, `sentenceStart` where the quotation's sentence starts): a verb right after it, else the verb before it
 * in its sentence, else a colon or a signature.
 */
function attributed(
  quoted: string,
  masked: string,
  quotes: QuoteSpan[],
  i: number,
  actors: readonly Actor[],
  verbs: Verb[],
  sentenceStart: number,
  describe: DescribedSpeaker,
) {
  const q = quotes[i] as QuoteSpan;
  const nextStart = quotes[i + 1]?.start ?? masked.length;
  const previousEnd = Math.max(quotes[i - 1]?.end ?? 0, sentenceStart);
  const endsSentence = /[.!?…]\P{L}*$/u.test(quoted.slice(q.start + 1, q.closed ? q.end - 1 : q.end));
  // '“Why now?” Mills then writes back, “You look cute.”': after a quotation that ends its sentence, a verb
  // with only a few lowercase words up to the next quotation introduces that one
  const introducesNext = (from: number, maxChars: number) => {
    const gap = masked.slice(from, nextStart);
    return (
      endsSentence && nextStart < masked.length && gap.length <= maxChars && /^[\s\p{Ll},:]*$/u.test(gap)
    );
  };
  // '"...," said X' / '"...," X said' / '"...," X, an adviser, said'
  for (const v of verbs) {
    if (v.at < q.end || v.at >= nextStart) continue;
    const between = masked.slice(q.end, v.at);
    // a full stop after the closing mark ends the sentence (British style): what follows is another one
    if (!AFTER_QUOTE_GAP.test(between) || SENTENCE_END.test(withoutParentheses(between))) break;
    // '“We will win.” And Sen. Ann Lee said …': after a quotation that ends its sentence only a name and its verb
    // attribute it ('“We will win.” Lee said.'), not the next sentence
    if (endsSentence && !NAME_ONLY_GAP.test(withoutParentheses(between))) break;
    // ('“We will win.” Lee said he would run again': that sentence reports words of its own)
    if (endsSentence && REPORTED_CLAUSE.test(masked.slice(v.end))) break;
    if (introducesNext(v.end, 20)) break;
    // 'Lee boasted of it - "the best in the state" - and stressed …': a verb joined by "and" is the sentence's
    // subject's, and says nothing of this quotation
    if (COORDINATED.test(between)) break;
    const speaker = speakerOfVerb(masked, actors, v, q.end, true);
    if (speaker !== undefined) return speaker;
    // '"...," said the prime minister', '"...," the former monopoly said': whom the description stands for
    const description = DESCRIBED_BEFORE.exec(between)?.[1] ?? DESCRIBED_AFTER.exec(masked.slice(v.end))?.[1];
    const described = description === undefined ? undefined : describe(description);
    if (described !== undefined) return described;
    // '"...," said a spokesman', '"...," the paper wrote': someone the text does not name, not the last speaker
    if (UNNAMED_SPEAKER_AFTER.test(masked.slice(v.end)) || UNNAMED_SPEAKER_BEFORE.test(between))
      return UNNAMED;
    break;
  }
  // 'X said: "..."' / 'X called it "a disgrace"' / 'according to X, "..."'
  for (let k = verbs.length - 1; k >= 0; k--) {
    const v = verbs[k] as Verb;
    if (v.end > q.start || v.at < previousEnd) continue;
    if (!BEFORE_QUOTE_GAP.test(masked.slice(v.end, q.start))) break;
    const speaker = speakerOfVerb(masked, actors, v, previousEnd);
    if (speaker !== undefined) return speaker;
    // 'the prime minister told reporters: "…"'
    const description = DESCRIBED_BEFORE.exec(masked.slice(previousEnd, v.at))?.[1];
    const described = description === undefined ? undefined : describe(description);
    if (described !== undefined) return described;
    // 'Lee stated that it "was not good." Adding, "…"': a participle opening its sentence goes on with the
    // reporting verb before it
    const earlier = verbs[k - 1];
    if (earlier && PARTICIPLE.test(v.verb) && /^\P{L}*$/u.test(masked.slice(sentenceStart, v.at)))
      return speakerOfVerb(masked, actors, earlier, 0);
    // 'Lee said he welcomed it and added, "…"': a verb joined by "and" has the subject of the sentence
    if (COORDINATED.test(masked.slice(previousEnd, v.at)))
      return actors.find((a) => a.at >= sentenceStart && a.person && !isObjectAfter(masked.slice(0, a.at)))
        ?.entity;
    break;
  }
  // '"…," Bennett shot back', '"…?" Beck wondered': a person right after a quotation that ends with a comma or a
  // question speaks it, whatever the verb
  const next = actors.find((a) => a.at >= q.end);
  if (
    next?.person &&
    /[,?]\P{L}*$/u.test(quoted.slice(q.start, q.end)) &&
    /^\s+$/.test(masked.slice(q.end, next.at)) &&
    // (not '“Why now?” Mills then writes back, “…”': that verb introduces the next quotation)
    !introducesNext(next.end, 40)
  )
    return next.entity;
  // '"…" ― Jane Doe': a quotation signed after a dash
  // (a whole sentence quoted, not a phrase a sentence of the text goes on with: '… was "still the best."--J. Doe')
  const whole = /^\P{L}*\p{Lu}/u.test(quoted.slice(q.start + 1, q.end));
  const signed = whole && actors.find((a) => a.at >= q.end && SIGNATURE_GAP.test(masked.slice(q.end, a.at)));
  return colonSpeaker(masked, actors, q.start) ?? (signed ? signed.entity : undefined);
}

/**
 * The person a reporting verb of the sentence `text` (at offset `base`) gives as speaker, outside its quotations:
 * "Kunin said in an interview" makes Kunin whom the next "she said" means. Undefined when none.
 */
export function reportingSubject(
  text: string,
  base: number,
  actors: readonly Actor[],
  spans: QuoteSpan[],
): number | undefined {
  const masked = outsideQuotes(text, spans);
  const local = actors
    .map((a) => ({ ...a, at: a.at - base, end: a.end - base }))
    .filter((a) => !spans.some((q) => a.at >= q.start && a.at < q.end));
  for (const v of verbsIn(masked)) {
    const speaker = speakerOfVerb(masked, local, v, 0);
    if (speaker !== undefined && local.some((a) => a.entity === speaker && a.person)) return speaker;
  }
  return undefined;
}

const wordCount = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * The speaker a sentence that ends with a colon introduces ("Cruz continued:"), for the quotation that opens the
 * next paragraph; undefined when it introduces none.
 */
function introducedSpeaker(masked: string, actors: readonly Actor[], verbs: Verb[], from: number) {
  if (!/:\s*$/.test(masked)) return undefined;
  const v = verbs.filter((x) => x.at >= from).at(-1);
  return (
    (v && speakerOfVerb(masked, actors, v, from)) ?? colonSpeaker(masked, actors, masked.trimEnd().length - 1)
  );
}

const sentenceStart = (sentences: readonly { start: number }[], at: number) =>
  sentences.filter((x) => x.start <= at).at(-1)?.start ?? 0;

/**
 * 'Ann Lee touted her record. "We need …"': a quotation that opens a sentence and names nobody is the words of the
 * person who opens the sentence before it in the paragraph (names and titles only before her), if any.
 */
function previousSentenceSubject(
  text: string,
  sentences: readonly { start: number; actors: Actor[] }[],
  sentenceStart: number,
): number | undefined {
  const k = sentences.findIndex((x) => x.start === sentenceStart);
  const before = sentences[k - 1];
  const subject = before?.actors[0];
  if (!before || !subject?.person) return undefined;
  // (only names and titles before her: no word in lowercase)
  return /(?:^|\s)\p{Ll}/u.test(text.slice(before.start, subject.at)) ? undefined : subject.entity;
}

/**
 * 'Ann Lee said the war had hurt trust. "Issues of war and peace …"': a quotation that opens a sentence after one
 * that reports a person's words (and quotes nothing) goes on with that person, not the paragraph's last speaker.
 */
function reportedBefore(
  masked: string,
  sentences: readonly { start: number; actors: Actor[] }[],
  verbs: Verb[],
  sentenceStart: number,
): number | undefined {
  const k = sentences.findIndex((x) => x.start === sentenceStart);
  const before = sentences[k - 1];
  if (!before || masked.slice(before.start, sentenceStart).includes('\u2027')) return undefined;
  for (const v of verbs) {
    if (v.at < before.start || v.end > sentenceStart) continue;
    const speaker = speakerOfVerb(masked, before.actors, v, before.start);
    if (speaker !== undefined && before.actors.some((a) => a.entity === speaker && a.person)) return speaker;
  }
  return undefined;
}

/** The first person acting before `at` in the sentence that holds it: the subject a quotation falls back on. */
function sentenceSubject(sentences: readonly { start: number; actors: Actor[] }[], at: number) {
  const sentence = sentences.filter((x) => x.start <= at).at(-1);
  return sentence?.actors.find((a) => a.at < at && a.person)?.entity;
}

/**
 * The quotations of the paragraph `text` at offset `base` of the body, with their speakers among its sentences'
 * actors (sentence starts and actors in body offsets, reading order), in paragraph number `paragraph`. `context`
 * is read and updated.
 */
export function paragraphQuotes(
  text: string,
  base: number,
  sentences: readonly { start: number; actors: Actor[] }[],
  paragraph: number,
  context: QuoteContext,
  describedSpeaker: DescribedSpeaker,
): LocalQuote[] {
  const spans = quotedRanges(text);
  // most paragraphs quote nobody and introduce no quotation: nothing to read
  if (spans.length === 0 && !/:\s*$/.test(text)) return [];
  const masked = outsideQuotes(text, spans);
  const inQuote = (at: number) => spans.some((q) => at >= q.start && at < q.end);
  const local = sentences.map((x) => ({
    start: x.start - base,
    actors: x.actors.map((a) => ({ ...a, at: a.at - base, end: a.end - base })).filter((a) => !inQuote(a.at)),
  }));
  const outside = local.flatMap((x) => x.actors);
  const verbs = verbsIn(masked);
  const quotes: LocalQuote[] = [];
  /** The sentence (its start) and speaker of the paragraph's latest quotation with a speaker. */
  let previous: { sentence: number; speaker: number } | undefined;
  for (const [i, q] of spans.entries()) {
    const sentence = sentenceStart(local, q.start);
    const describe = (description: string) =>
      isDescription(description) ? describedSpeaker(description) : undefined;
    let speaker = attributed(text, masked, spans, i, outside, verbs, sentence, describe);
    // 'X said the plan "is dead" and "will not return"': a second quotation of the sentence is X's too
    if (speaker === undefined && previous?.sentence === sentence) speaker = previous.speaker;
    // a quotation that opens its sentence and names nobody goes on with the latest one
    const opens = /^\s*$/.test(masked.slice(sentence, q.start));
    const continues =
      (context.lastParagraph === paragraph && opens) ||
      (context.lastParagraph === paragraph - 1 && (context.lastOpen || (opens && q.start === 0)));
    if (speaker === undefined && opens) speaker = reportedBefore(masked, local, verbs, sentence);
    if (speaker === undefined && continues && context.lastParagraph > 0) speaker = context.lastSpeaker;
    if (speaker === undefined && opens) speaker = previousSentenceSubject(text, local, sentence);
    const words = wordCount(text.slice(q.start + 1, q.end - 1));
    if (speaker === undefined && words <= SCARE_QUOTE_WORDS) continue;
    speaker ??= sentenceSubject(local, q.start);
    quotes.push({
      start: base + q.start + 1,
      end: base + q.end - (q.closed ? 1 : 0),
      speaker: speaker ?? -1,
    });
    Object.assign(context, { lastSpeaker: speaker ?? -1, lastParagraph: paragraph, lastOpen: !q.closed });
    previous = speaker === undefined ? previous : { sentence, speaker };
  }
  const introduced = introducedSpeaker(masked, outside, verbs, spans.at(-1)?.end ?? 0);
  if (introduced !== undefined)
    Object.assign(context, { lastSpeaker: introduced, lastParagraph: paragraph, lastOpen: true });
  return quotes;
}

/**
 * A statement a sentence reports in its own words ("Lee said the talks would resume", "according to Lee, …",
 * "Lee denied …"), at [start, end) of the sentence: `speaker` the actor it is reported of (-1 none), `subject`
 * the words that name the source ("Russian officials") when no actor does.
 */
export interface ReportedStatement {
  start: number;
  end: number;
  speaker: number;
  subject?: string;
}

/** Before a verb, "and" or "but" (and an auxiliary) join it to the verb before it: "and says", "but has said". */
const JOINED_VERB = /\b(?:and|but)\s+(?:(?:then|also|later|has|had|have)\s+)*$/;
/** Reporting verbs that report a statement (not "called it", "quoted"). */
const STATEMENT_VERB =
  /^(?:said|says|say|told|tells|added|adds|stated|states|wrote|writes|declared|declares|explained|explains|noted|notes|insisted|insists|warned|warns|argued|argues|claimed|claims|announced|announces|acknowledged|admitted|admits|conceded|stressed|suggested|suggests|predicted|promised|vowed|urged|complained|boasted|responded|countered|concluded|recalled|replied|reported|reports|denied|denies|saying|asserted|asserts|according to)$/;
/** The object of "told": "told reporters", "told the BBC", "told Radio North". */
const TOLD_OBJECT = /^\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:(?:\p{Lu}[\p{L}'’.&-]*\s+)+|\p{Ll}+\s+)/u;
/** "that" a few words after the verb opens what it reports ("said on Monday that …"). */
const THAT_CLAUSE = /^(?:\s+[^\s,.;:!?‧]+){0,6}?\s+that\s+/;
/** Verbs that tell someone what to do ("urged voters to stay home"): that is no statement. */
const DIRECTIVE_VERB = /^(?:urged|asked|told|tells)$/;
/** After a verb, an object and an infinitive: "voters to stay". */
const TO_INFINITIVE = /^\s+(?:[\p{L}'’-]+\s+){1,3}?to\s+\p{Ll}/u;
/** Before the verb, a plural or role noun phrase that names a source the text does not name: "Russian officials". */
const COMMON_SUBJECT =
  /(?:^|[,;]\s+|\b(?:and|but|while)\s+)((?:(?:some|many|most|several|other|the|a|an)\s+)?(?:[\p{L}'’-]+\s+){0,3}?\p{L}[\p{Ll}-]*)\s+(?:(?:also|have|has|had|\p{Ll}+ly)\s+)?$/u;
/** Words a subject of its own is never: pronouns and determiners alone. */
const NOT_A_SUBJECT = /^(?:he|she|it|they|we|i|you|this|that|there|who|which|one)$/i;
/** At least this many words make a statement. */
const MIN_STATEMENT_WORDS = 4;

/** [start, end) with the spaces and punctuation at its ends left out. */
function trimmed(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /[\s,;:—–-]/.test(text[s] as string)) s++;
  while (e > s && /[\s,;:—–-]/.test(text[e - 1] as string)) e--;
  return { start: s, end: e };
}

/**
 * The statement the sentence `text` reports, with `actors` at sentence offsets (the names outside its
 * quotations), or undefined. A sentence whose words are mostly a direct quotation reports none: that is a
 * quotation.
 */
export function reportedStatement(text: string, actors: readonly Actor[]): ReportedStatement | undefined {
  const spans = quotedRanges(text);
  const masked = outsideQuotes(text, spans);
  const outside = actors.filter((a) => !spans.some((q) => a.at >= q.start && a.at < q.end));
  for (const v of verbsIn(masked)) {
    if (!STATEMENT_VERB.test(v.verb)) continue;
    // 'Lee exhorted them to vote and said she …': a verb joined by "and" or "but" has the sentence's subject
    const speaker = JOINED_VERB.test(masked.slice(0, v.at))
      ? outside.find((a) => a.person && !isObjectAfter(masked.slice(0, a.at)))?.entity
      : speakerOfVerb(masked, outside, v, 0);
    const source =
      outside.find((a) => a.entity === speaker && a.at < v.at) ?? outside.find((a) => a.entity === speaker);
    let subject: string | undefined;
    if (speaker === undefined) {
      subject = COMMON_SUBJECT.exec(masked.slice(0, v.at))?.[1];
      if (!subject || NOT_A_SUBJECT.test(subject) || /‧/.test(subject)) continue;
    }
    let span: { start: number; end: number };
    if (v.verb === 'according to') {
      const comma = masked.indexOf(',', v.end);
      span = /\p{L}/u.test(masked.slice(0, v.at))
        ? trimmed(text, 0, v.at)
        : trimmed(text, comma < 0 ? text.length : comma + 1, text.length);
    } else if (source && source.at > v.at) {
      // '…, said Lee.' / '…, Lee said': what it reports comes first
      span = trimmed(text, 0, Math.min(v.at, source.at));
    } else {
      let from = v.end;
      // ('urged voters to stay home': what someone should do, no statement)
      if (DIRECTIVE_VERB.test(v.verb) && TO_INFINITIVE.test(masked.slice(from))) continue;
      if (/^tel/.test(v.verb)) from += TOLD_OBJECT.exec(masked.slice(from))?.[0].length ?? 0;
      from += THAT_CLAUSE.exec(masked.slice(from))?.[0].length ?? 0;
      span = trimmed(text, from, text.length);
      // 'The plan is dead, Lee said.': what it reports comes before its subject
      const at = source?.at ?? v.at - (subject?.length ?? 0);
      if (/^\s*(?:[,:]|$)/.test(masked.slice(from)) || /^[\s.!?]*$/.test(masked.slice(span.start, span.end)))
        span = /,\s*$/.test(masked.slice(0, at)) ? trimmed(text, 0, at) : { start: 0, end: 0 };
    }
    const words = wordCount(masked.slice(span.start, span.end));
    if (words < MIN_STATEMENT_WORDS || words < wordCount(text.slice(span.start, span.end)) / 2) continue;
    return { ...span, speaker: speaker ?? -1, ...(subject ? { subject } : {}) };
  }
  return undefined;
}
