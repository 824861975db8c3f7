/**
 * Who the sentences around a quotation name as its speaker: the sentence before that introduces it ("Cruz
 * continued:", "Lee issued the following statement:"), reports a person's words or opens with a person, a
 * signature in the next paragraph, a next sentence that names the quotation as someone's, and the subject the
 * quotation's own sentence falls back on. quotes.ts asks these when no reporting verb attributes a quotation.
 */
import {
  type Actor,
  colonSpeaker,
  isObjectAfter,
  mainClauseStart,
  speakerOfVerb,
  type Verb,
  verbsIn,
} from './reporting-verbs.ts';

/**
 * The speaker a sentence that ends with a colon introduces ("Cruz continued:"), for the quotation that opens the
 * next paragraph; undefined when it introduces none.
 */
export function introducedSpeaker(masked: string, actors: readonly Actor[], verbs: Verb[], from: number) {
  if (!/:\s*$/.test(masked)) return undefined;
  const v = verbs.filter((x) => x.at >= from).at(-1);
  return (
    (v && speakerOfVerb(masked, actors, v, from)) ?? colonSpeaker(masked, actors, masked.trimEnd().length - 1)
  );
}

/** 'Ann Lee issued the following statement:' introduces the next paragraph's quotation as the subject's words. */
const STATEMENT_INTRO =
  /\b(?:issued|released|put\s+out|posted|sent|read)\s+(?:the\s+following|a|an|this)\s+(?:\p{Ll}+\s+)?statement\s*:\s*$/u;

/** The person (after `from`) who issues the statement the paragraph ends with, if any. */
export function statementIssuer(masked: string, actors: readonly Actor[], from: number) {
  const verb = STATEMENT_INTRO.exec(masked)?.index;
  if (verb === undefined) return undefined;
  // (the subject right before the verb: 'When Tom Vance died, Ann Lee issued …' is Ann Lee's)
  const a = actors.findLast((x) => x.at >= from && x.end <= verb && !isObjectAfter(masked.slice(0, x.at)));
  return a?.person && /^[^,;:]{0,40}$/.test(masked.slice(a.end, verb)) ? a.entity : undefined;
}

/** After a quotation, a sentence that opens by naming it as someone's: "That quote from", "The remark by". */
const QUOTE_OF =
  /^[\s.]*(?:That|The|This|Those|These)\s+(?:\p{Ll}+\s+)?(?:quote|quotation|quotes|remark|remarks|comment|comments|line|words|quip|statement)\s+(?:from|by|of)\s+(?:[^\s.,;:!?"“”‧()]+\s+){0,5}$/u;

/** The person a sentence after the quotation names as its speaker ('"…." That quote from Tom Hale …'), if any. */
export function namedAfter(masked: string, actors: readonly Actor[], end: number): number | undefined {
  const a = actors.find((x) => x.at >= end);
  return a?.person && QUOTE_OF.test(masked.slice(end, a.at)) ? a.entity : undefined;
}

export const sentenceStart = (sentences: readonly { start: number }[], at: number) =>
  sentences.filter((x) => x.start <= at).at(-1)?.start ?? 0;

/**
 * 'Ann Lee touted her record. "We need …"': a quotation that opens a sentence and names nobody is the words of the
 * person who opens the sentence before it in the paragraph (names and titles only before her), if any.
 */
export function previousSentenceSubject(
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
export function reportedBefore(
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

/**
 * '- Ann Lee.', '—Sen. Ann Lee, in a tweet': a paragraph that opens with a dash and a person (only names and
 * titles between) and says nothing more of them signs the paragraph of quotations before it; its person, if any.
 */
export function paragraphSigner(
  text: string,
  base: number,
  sentences: readonly { start: number; actors: Actor[] }[],
): number | undefined {
  const dash = /^\s*[―—–-]{1,2}\s*/.exec(text);
  const first = sentences[0]?.actors[0];
  if (!dash || !first?.person) return undefined;
  const before = text.slice(dash[0].length, first.at - base);
  const after = text.slice(first.end - base);
  return /\p{Ll}/u.test(before) || !/^\s*(?:[,.]|$)/.test(after) ? undefined : first.entity;
}

/** A clause of its own within a sentence: after ", while", ", whereas" or a semicolon. */
const CLAUSE_OPENING = /(?:,\s+(?:while|whereas)|;)\s+/g;

/**
 * The first person acting before `at` in the sentence that holds it, in its main clause if any ('When Lee asked,
 * Vale fired back: "…"'): the subject a quotation falls back on.
 */
export function sentenceSubject(
  masked: string,
  sentences: readonly { start: number; actors: Actor[] }[],
  at: number,
) {
  const k = sentences.findLastIndex((x) => x.start <= at);
  const sentence = sentences[k];
  if (!sentence) return undefined;
  // ('Granting that Hart "has a point," Lee said …': a quotation inside the opening clause is the main clause's)
  const whole = masked.slice(sentence.start, sentences[k + 1]?.start ?? masked.length);
  const mainOfAll = sentence.start + mainClauseStart(whole);
  const subject = sentence.actors.find(
    (a) => a.person && a.at >= mainOfAll && !isObjectAfter(masked.slice(0, a.at)),
  );
  if (at < mainOfAll && subject) return subject.entity;
  const text = masked.slice(sentence.start, at);
  const main = sentence.start + mainClauseStart(text);
  // ('Hart signed an order, while Ann Lee, the former governor, proposed "…"': the clause's own subject, unless
  // the clause is reported by a verb before it)
  const opening = [...text.matchAll(CLAUSE_OPENING)].at(-1)?.index ?? 0;
  const clause = verbsIn(text.slice(0, opening)).length > 0 ? at : sentence.start + opening;
  const before = sentence.actors.filter((a) => a.at < at && a.person);
  const own = before.find((a) => a.at >= clause && a.at >= main && !isObjectAfter(masked.slice(0, a.at)));
  return (own ?? before.find((a) => a.at >= main) ?? before[0])?.entity;
}
