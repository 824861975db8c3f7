/**
 * Reported speech: the statement a sentence reports in its own words and whose it is, read with the same
 * reporting verbs and subjects as quotations (extract/reporting-verbs.ts). It is read when a question asks for
 * it (reported.ts), not when a knowledge base is built.
 */
import { outsideQuotes, quotedRanges, wordCount } from '../extract/quote-marks.ts';
import { type Actor, isObjectAfter, speakerOfVerb, verbsIn } from '../extract/reporting-verbs.ts';

/**
 * A statement a sentence reports in its own words ("Lee said the talks would resume", "according to Lee, …",
 * "Lee denied …"), at [start, end) of the sentence: `speaker` the actor it is reported of (-1 none), `subject`
 * the words that name the source ("Velmar officials") when no actor does.
 */
export interface ReportedStatement {
  start: number;
  end: number;
  speaker: number;
  subject?: string;
  /** Its subject is "he" or "she": whom that stands for is read from the sentences before. */
  pronoun?: boolean;
}

/** Before a verb, "and" or "but" (and an auxiliary) join it to the verb before it: "and says", "but has said". */
const JOINED_VERB = /\b(?:and|but)\s+(?:(?:then|also|later|has|had|have)\s+)*$/;
/** Reporting verbs that report a statement (not "called it", "quoted"). */
const STATEMENT_WORDS = `
  said says say told tells added adds stated states wrote writes declared declares explained explains noted
  notes insisted insists warned warns argued argues claimed claims announced announces acknowledged admitted
  admits conceded stressed suggested suggests predicted promised vowed urged complained boasted responded
  countered concluded recalled replied reported reports denied denies saying asserted asserts
`
  .trim()
  .split(/\s+/);
const STATEMENT_VERB = new RegExp(`^(?:${STATEMENT_WORDS.join('|')}|according to)$`);
/** A statement verb anywhere in a text: a sentence without one reports nothing, and is not read further. */
const HAS_STATEMENT_VERB = new RegExp(`\\b(?:${STATEMENT_WORDS.join('|')}|according to)\\b`, 'i');

/** Whether a sentence has a statement verb at all (cheap: most sentences are passed over on this alone). */
export const mayReport = (text: string) => HAS_STATEMENT_VERB.test(text);

/** The object of "told": "told reporters", "told the BBC", "told Radio North". */
const TOLD_OBJECT = /^\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:(?:\p{Lu}[\p{L}'’.&-]*\s+)+|\p{Ll}+\s+)/u;
/** "that" a few words after the verb opens what it reports ("said on Monday that …"). */
const THAT_CLAUSE = /^(?:\s+[^\s,.;:!?‧]+){0,6}?\s+that\s+/;
/** Verbs that tell someone what to do ("urged voters to stay home"): that is no statement. */
const DIRECTIVE_VERB = /^(?:urged|asked|told|tells)$/;
/** After a verb, an object and an infinitive: "voters to stay". */
const TO_INFINITIVE = /^\s+(?:[\p{L}'’-]+\s+){1,3}?to\s+\p{Ll}/u;
/** Before the verb, a plural or role noun phrase that names a source the text does not name: "Velmar officials". */
const COMMON_SUBJECT =
  /(?:^|[,;]\s+|\b(?:and|but|while)\s+)((?:(?:some|many|most|several|other|the|a|an)\s+)?(?:[\p{L}'’-]+\s+){0,3}?\p{L}[\p{Ll}-]*)\s+(?:(?:also|have|has|had|\p{Ll}+ly)\s+)?$/u;
/** Words that end no subject of its own: pronouns ("he" and "she" are read apart) and determiners. */
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
    let pronoun = false;
    const phrase = speaker === undefined ? COMMON_SUBJECT.exec(masked.slice(0, v.at))?.[1] : undefined;
    if (speaker === undefined) {
      const last = phrase?.split(/\s+/).at(-1) ?? '';
      if (!phrase || /‧/.test(phrase)) continue;
      if (/^(?:he|she)$/i.test(last)) pronoun = true;
      else if (NOT_A_SUBJECT.test(last)) continue;
      else subject = phrase;
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
      const at = source?.at ?? masked.slice(0, v.at).lastIndexOf(phrase ?? '');
      if (/^\s*(?:[,:]|$)/.test(masked.slice(from)) || /^[\s.!?]*$/.test(masked.slice(span.start, span.end)))
        span = /,\s*$/.test(masked.slice(0, at)) ? trimmed(text, 0, at) : { start: 0, end: 0 };
    }
    const words = wordCount(masked.slice(span.start, span.end));
    if (words < MIN_STATEMENT_WORDS || words < wordCount(text.slice(span.start, span.end)) / 2) continue;
    return {
      ...span,
      speaker: speaker ?? -1,
      ...(subject ? { subject } : {}),
      ...(pronoun ? { pronoun } : {}),
    };
  }
  return undefined;
}
