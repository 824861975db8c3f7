/**
 * Direct quotations in a sentence and who said them, as news writes them: the grammatical subject of the
 * reporting verb ("X said", "said X", "X, an adviser, added:", "according to X", "X told Y"), a quotation that
 * continues the previous one (a paragraph that opens with a quotation mark and names nobody), and nobody's
 * quotation for a short term nothing attributes (a scare quote). When nothing attributes a quotation its
 * speaker stays unknown: a wrong speaker is worse than none.
 */

import { STOP_WORDS } from '../text/terms.ts';
import { DESCRIPTION_NOUNS, ROLE_NOUNS } from './lexicon.ts';
import { outsideQuotes, type QuoteSpan, quotedRanges, wordCount } from './quote-marks.ts';
import {
  introducedSpeaker,
  namedAfter,
  paragraphSigner,
  previousSentenceSubject,
  reportedBefore,
  sentenceStart,
  sentenceSubject,
  statementIssuer,
} from './quote-neighbours.ts';
import {
  type Actor,
  colonSpeaker,
  isObjectAfter,
  mainClauseStart,
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
  /** The quotations of the latest paragraph when it holds nothing else: a signature after it may name them. */
  signable: LocalQuote[];
}

/** Before a verb, "and" joins it to the verb before it ("said he would and added"). */
const COORDINATED = /\band\s+(?:then\s+|also\s+|later\s+)?$/;
/** Between a quotation and its verb: nothing, or a name and an adverb ('“…” Ann Lee later said'). */
const NAME_ONLY_GAP =
  /^\s*(?:(?!(?:And|But|Or|So|Then|Yet|The|A|An|In|On|At|After|When)\b)\p{Lu}[\p{L}.'’-]*\s+){0,4}(?:(?:later|then|also|\p{Ll}+ly)\s+)?$/u;
/**
 * Between a quotation that ends its sentence and its verb, a name with a role before it or an apposition after
 * it ('“Why now?” Ann Lee, the mayor, said', '“…!” the party's nominee, Ann Lee, tweeted'), when nothing but an
 * adverbial follows the verb (not '“….” Ann Lee, the mayor, said the vote would pass': a sentence of its own).
 */
const NAME_WORDS = String.raw`(?:\p{Lu}[\p{L}.'’-]*\s+){0,3}\p{Lu}[\p{L}.'’-]*(?:\s+\([^()]*\))?`;
const NAME_APPOSITION_GAP = new RegExp(
  String.raw`^\s*(?!(?:And|But|Or|So|Then|Yet|The|A|An|In|On|At|After|When)\b)(?:(?:the|a|an)\s+[^"“”,;:!?‧]{2,80},\s+${NAME_WORDS},|${NAME_WORDS},\s[^"“”;:!?‧]{2,120},)\s+(?:(?:later|then|also|\p{Ll}+ly)\s+)?$`,
  'u',
);
const ADVERBIAL_AFTER =
  /^(?:\s*(?:[,.;:!?]|$)|\s+(?:of|in|on|at|to|after|before|during|about|with|from|for|by|last|this|yesterday|today|\p{Lu}\p{Ll}+day)\b)/u;
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

/**
 * `Lee's "we will build it" promise`: a possessive, a quotation and a noun of something said make the owner its
 * speaker (not `Lee's "safe streets" plan`).
 */
export const POSSESSED_WORDS =
  /^['’]s\s+["“][^"“”]{1,400}["”]\s+(?:promise|pledge|vow|claim|remark|comment|line|slogan|mantra|warning|quip|boast|statement|assertion|declaration|refrain|motto|catchphrase|retort|tweet|words)s?\b/;

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
 * Whether a reporting verb `between` a quotation and `after` it can be the quotation's: no other sentence between
 * (a full stop after the closing mark ends the sentence, British style); after a quotation that `endsSentence`,
 * only a name and its verb ('“We will win.” Lee said.'), not the next sentence ('“We will win.” And Sen. Ann Lee
 * said …') nor one that reports words of its own ('“We will win.” Lee said he would run again').
 */
function reachesBack(between: string, after: string, endsSentence: boolean): boolean {
  if (!AFTER_QUOTE_GAP.test(between) || SENTENCE_END.test(withoutParentheses(between))) return false;
  if (!endsSentence) return true;
  const named =
    NAME_ONLY_GAP.test(withoutParentheses(between)) ||
    (NAME_APPOSITION_GAP.test(between) && ADVERBIAL_AFTER.test(after));
  return named && !REPORTED_CLAUSE.test(after);
}

/** `Lee's "we will build it" promise`: the person whose possessive is right before the quotation. */
function possessedBy(quoted: string, masked: string, q: QuoteSpan, actors: readonly Actor[]) {
  const owner = actors.findLast((a) => a.end <= q.start);
  return owner?.person &&
    /^['’]s\s*$/.test(masked.slice(owner.end, q.start)) &&
    POSSESSED_WORDS.test(quoted.slice(owner.end))
    ? owner.entity
    : undefined;
}

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
  const owner = possessedBy(quoted, masked, q, actors);
  if (owner !== undefined) return owner;
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
    // ('“We will win.” According to Lee, …' opens another sentence)
    if (endsSentence && v.verb === 'according to') break;
    if (!reachesBack(between, masked.slice(v.end), endsSentence) || introducesNext(v.end, 20)) break;
    // 'Lee boasted of it - "the best in the state" - and stressed …': a verb joined by "and" is the sentence's
    // subject's, and says nothing of this quotation
    if (COORDINATED.test(between)) break;
    // ('… of "leading from behind" and Ana Ruiz says …': a clause "and" opens after it is about other words)
    if (/^[\s,]*and\s[^,]*$/.test(between)) break;
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
  const main = sentenceStart + mainClauseStart(masked.slice(sentenceStart, q.start));
  for (let k = verbs.length - 1; k >= 0; k--) {
    const v = verbs[k] as Verb;
    if (v.end > q.start || v.at < previousEnd) continue;
    // ('When Lee suggested it, Vale fired back: "…"': a verb of an opening subordinate clause is not the main one's)
    if (v.at < main) break;
    if (!BEFORE_QUOTE_GAP.test(masked.slice(v.end, q.start))) break;
    // ('Lee defended "Zeta values," saying the town was "the heart of it all"': a participle's subject may come
    // before an earlier quotation of its sentence)
    const speaker = speakerOfVerb(masked, actors, v, PARTICIPLE.test(v.verb) ? sentenceStart : previousEnd);
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
    // ('Lee said that, according to its analysis, "…"': an "according to" that names nobody leaves the verb before)
    if (v.verb === 'according to') continue;
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
  const signer = context.lastParagraph === paragraph - 1 ? paragraphSigner(text, base, sentences) : undefined;
  if (spans.length === 0 && signer !== undefined) {
    for (const q of context.signable) q.speaker = signer;
    context.lastSpeaker = signer;
  }
  context.signable = [];
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
    // 'Guns are "a crisis" and "a plague," Dean said': the sentence quotes on, and its later quotation's verb is
    // this one's too
    for (let j = i + 1; speaker === undefined && j < spans.length; j++) {
      const before = spans[j - 1] as QuoteSpan;
      const later = spans[j] as QuoteSpan;
      const quotedBefore = text.slice(before.start + 1, before.closed ? before.end - 1 : before.end);
      if (
        sentenceStart(local, later.start) !== sentence ||
        /[.;:!?]/.test(masked.slice(before.end, later.start)) ||
        /[.!?]\P{L}*$/u.test(quotedBefore) ||
        verbs.some((v) => v.at >= before.end && v.end <= later.start)
      )
        break;
      speaker = attributed(text, masked, spans, j, outside, verbs, sentence, describe);
    }
    // '"…." That quote from Zeta commissioner Tom Hale appeared …': the next sentence names whose words they were
    speaker ??= namedAfter(masked, outside, q.end);
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
    speaker ??= sentenceSubject(masked, local, q.start);
    quotes.push({
      start: base + q.start + 1,
      end: base + q.end - (q.closed ? 1 : 0),
      speaker: speaker ?? -1,
    });
    Object.assign(context, { lastSpeaker: speaker ?? -1, lastParagraph: paragraph, lastOpen: !q.closed });
    previous = speaker === undefined ? previous : { sentence, speaker };
  }
  if (/^[\s\p{P}\u2027]*$/u.test(masked)) context.signable = quotes;
  const from = spans.at(-1)?.end ?? 0;
  const introduced =
    introducedSpeaker(masked, outside, verbs, from) ??
    statementIssuer(masked, outside, Math.max(from, local.at(-1)?.start ?? 0));
  if (introduced !== undefined)
    Object.assign(context, { lastSpeaker: introduced, lastParagraph: paragraph, lastOpen: true });
  return quotes;
}
