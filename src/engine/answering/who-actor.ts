/**
 * The /who answer within a result: the name (or, failing one, the noun phrase) that fills the slot the
 * question asks about — its subject, object or agent, next to the question's words.
 */
import type { KbView, Mention, Sentence, Span } from '../../index/kb-view.ts';
import { type TaggedWord, tagWords } from '../text/pos.ts';
import { termOf, words } from '../text/terms.ts';
import type { Window } from './excerpt-windows.ts';
import { type QueryTerms, repeatsQuery } from './query-terms.ts';
import type { RankedSentence } from './sentence-ranking.ts';
import { nearness, pickSpan, type SpanScorer } from './span-picking.ts';
import {
  type AnswerSide,
  answerSlot,
  isPassive,
  nounPhrases,
  passiveAgent,
  possessesAction,
  questionVerbAt,
  verbLemmaTerms,
} from './syntax.ts';

/** Tunables of /who, tuned with `npm run eval -- --squad ../shared/eval` (its who questions) and the story set. */
export const WHO = {
  /** Ranking bonus for a sentence that names someone besides those the question names. */
  sentenceBonus: 0.15,
  /** Bonus for a name on the side of the question's words where the answer stands (subject/object). */
  sideBonus: 0.4,
  /** Bonus for a name whose role is what the question asks about ("Who is the mayor" -> "Mayor Ed Lee"). */
  roleBonus: 1,
  /** Bonus for a name that fills the answer's slot (subject, object or agent), or owns the action asked. */
  slotBonus: 0.5,
  /** A possessive name ("Ada's") that owns no action the question asks about is less likely the answer. */
  possessivePenalty: 0.3,
  /**
   * Longest answer span (a name widened to its phrase, names joined by "and"): past this a highlight is no
   * longer a short answer (the SQuAD eval's answer score counts highlights up to 80 characters).
   */
  maxChars: 80,
} as const;

/** A span of the answer, with the entity it names (-1 for a noun phrase that is no known name). */
export interface Actor extends Span {
  entity: number;
}

/** What the question and the ranked sentence's syntax say about where the answer stands. */
interface Syntax {
  tagged: readonly TaggedWord[];
  /** Noun phrases of the ranked sentence (document offsets). */
  phrases: Span[];
  /** The answer's slot in the ranked sentence (document offsets), when its syntax shows one. */
  slot: Span | null;
  /** Side of the question's words the answer stands on. */
  answerAt: AnswerSide;
  /** The slot is the subject of the question's verb (not a passive's agent, not an object). */
  subjectSlot: boolean;
  /** Where the question's verb starts in the ranked sentence (document offset; -1 when it has none). */
  verbStart: number;
}

/** Side of the query's words where the answer stands: "who did X beat" asks for an object. */
function answerSide(query: string): AnswerSide {
  if (/^\s*(?:who|whom)\s+(?:did|does|do|will|would|can|could|should)\s+(?!not\b)/i.test(query))
    return 'right';
  if (/^\s*whom\b|\bby whom\b|\bwho\W*$/i.test(query)) return 'right';
  if (/^\s*who\s+(?!is\b|was\b|are\b|were\b|'s\b)\w+/i.test(query)) return 'left';
  return null;
}

/** What /who works out once per question to pick the actor of each result. */
export interface WhoQuestion {
  query: string;
  q: QueryTerms;
  /** Side of the query's words where the answer stands. */
  side: AnswerSide;
  /** The terms of the question's verbs, with their word families: "who attacked" -> attack, attacker. */
  actions: Set<string>;
  /** The terms of the dictionary forms of the question's verbs: "who held" -> hold. */
  verbLemmas: Set<string>;
}

export function whoQuestion(query: string, q: QueryTerms): WhoQuestion {
  const tagged = tagWords(query);
  const actions = new Set<string>();
  for (const w of tagged) {
    const t = w.pos === 'VERB' ? termOf(w.text) : null;
    if (!t) continue;
    actions.add(t);
    for (const a of q.alternates.get(t) ?? []) actions.add(a.term);
  }
  return { query, q, side: answerSide(query), actions, verbLemmas: verbLemmaTerms(tagged) };
}

function syntaxOf(kb: KbView, focus: Sentence, r: RankedSentence, w: WhoQuestion): Syntax {
  const { query, side } = w;
  const text = kb.text(focus);
  const tagged = tagWords(text);
  const verbAt = questionVerbAt(tagged, r.matched, w.verbLemmas);
  const local = nounPhrases(tagged);
  const shift = (span: Span) => ({ start: focus.start + span.start, end: focus.start + span.end });
  const slot = answerSlot(tagged, local, text, verbAt, query, side);
  // "who designed it" over "it was designed by X": the answer stands after the verb, not before it
  const answerAt = side === 'left' && passiveAgent(tagged, verbAt) ? 'right' : side;
  // "Its views were outlined in a pamphlet": a passive's subject is not the one who acted
  const subjectSlot = answerAt === 'left' && !isPassive(tagged, verbAt) && !/\bby\s+whom?\b/i.test(query);
  const verb = tagged[verbAt];
  const verbStart = verb ? focus.start + verb.start : -1;
  return { tagged, phrases: local.map(shift), slot: slot && shift(slot), answerAt, subjectSlot, verbStart };
}

/**
 * The role's head word is one the question uses: "Mayor Ed Lee" for "who is the mayor", but not "Northern
 * Governor Hal Brandt" for "who attacked Northern ports" (a qualifier, not the role, is shared).
 */
function roleHeadAsked(role: string, q: QueryTerms): boolean {
  const ws = words(role);
  const head = ws[ws.length - 1];
  const t = head ? termOf(head.word) : null;
  return t !== null && q.terms.includes(t);
}

/** The name part of a mention (after any role). */
function nameOf(m: Mention): Span {
  return { start: m.nameStart, end: m.end };
}

/** The possessive mention owns one of the question's actions ("Velmar's attack" for "who attacked"). */
function ownsAction(
  m: Mention,
  place: { isFocus: boolean },
  focus: Sentence,
  syntax: Syntax,
  actions: Set<string>,
) {
  return m.possessive && place.isFocus && possessesAction(syntax.tagged, m.end - focus.start, actions);
}

function mentionScorer(kb: KbView, q: QueryTerms, syntax: Syntax, actions: Set<string>): SpanScorer<Mention> {
  return (place) => {
    const matched = (w: { term: string | null }) => !!w.term && place.ranked.matched.has(w.term);
    const firstMatch = place.words.find(matched);
    const lastMatch = [...place.words].reverse().find(matched);
    const focus = place.ranked.sentence;
    const slot = syntax.slot;
    return (m) => {
      if (repeatsQuery(kb, place.sentence, nameOf(m), q)) return null;
      let score = nearness(place, m.nameStart, m.end);
      // "Who is the mayor ...": a role the question names, given right with the name ("Mayor Ed Lee")
      const role = { start: m.start, end: m.nameStart };
      if (m.nameStart > m.start && roleHeadAsked(kb.text(place.sentence, role), q)) score += WHO.roleBonus;
      if (m.possessive)
        score += ownsAction(m, place, focus, syntax, actions) ? WHO.slotBonus : -WHO.possessivePenalty;
      if (syntax.answerAt === 'left' && firstMatch && m.end <= firstMatch.start) score += WHO.sideBonus;
      if (syntax.answerAt === 'right' && lastMatch && m.start >= lastMatch.end) score += WHO.sideBonus;
      if (slot && m.start >= slot.start && m.end <= slot.end) score += WHO.slotBonus;
      return score;
    };
  };
}

/** Names joined by "and" or commas are one answer: "Beyoncé and Bruno Mars". */
function extendToGroup(kb: KbView, sentence: Sentence, span: Span, q: QueryTerms): Span {
  const body = kb.bodyOf(sentence);
  const spans = kb
    .mentionsIn(sentence)
    .filter((m) => !repeatsQuery(kb, sentence, nameOf(m), q))
    .sort((a, b) => a.start - b.start);
  let { start, end } = span;
  const joiner = /^(?:,\s*|\s+and\s+|,\s+and\s+|\s*&\s*)$/;
  for (const m of spans)
    if (m.start > end && joiner.test(body.slice(end, m.start)) && m.end - start <= WHO.maxChars) end = m.end;
  for (const m of [...spans].reverse())
    if (m.end < start && joiner.test(body.slice(m.end, start)) && end - m.start <= WHO.maxChars)
      start = m.start;
  return { start, end };
}

/**
 * The answer span as a reader would quote it: with "the" before an organization and a possessive 's (not for
 * the owner of the action asked about: "Velmar", not "Velmar's", attacked).
 */
function quotableSpan(kb: KbView, sentence: Sentence, span: Span, kind: string, withPossessive = true): Span {
  const body = kb.bodyOf(sentence);
  let { start, end } = span;
  const before = body.slice(Math.max(sentence.start, start - ' the '.length), start);
  if (kind !== 'person' && /(?:^|\s)the $/i.test(before)) start -= 'the '.length;
  if (withPossessive && /^['’]s\b/.test(body.slice(end, end + "'s ".length))) end += "'s".length;
  return { start, end };
}

/** The mention's answer span, widened to the group of names it is part of. */
function actorOf(kb: KbView, sentence: Sentence, m: Mention, q: QueryTerms, withPossessive = true): Actor {
  const kind = kb.entity(m.entity).kind;
  const span = quotableSpan(kb, sentence, extendToGroup(kb, sentence, m, q), kind, withPossessive);
  return { ...span, entity: m.entity };
}

function isShortAnswer(span: Span): boolean {
  return span.end - span.start <= WHO.maxChars;
}

/**
 * The subject of the question's verb when no known name stands in it: a group named by common nouns
 * ("Norvish officials", "Both nations"), so no named person is the actor there. Null otherwise.
 */
function groupActor(kb: KbView, focus: Sentence, syntax: Syntax, q: QueryTerms): Actor | null {
  const slot = syntax.slot;
  if (!slot || !syntax.subjectSlot || !isShortAnswer(slot) || repeatsQuery(kb, focus, slot, q)) return null;
  const named = kb.mentionsIn(focus).some((m) => m.start < slot.end && m.end > slot.start);
  // headed by a noun ("officials", "nations", a name the extractors missed), not a number ("grade II")
  const head = syntax.tagged.findLast((t) => focus.start + t.end <= slot.end);
  const nounHead = (head?.pos === 'NOUN' || head?.pos === 'PROPN') && !/^[IVXLCDM]+$/.test(head.text);
  if (named || !nounHead) return null;
  // with what qualifies it up to the verb: "Local farmers from Tallin Vale"
  const qualified = syntax.phrases.filter((p) => p.start >= slot.end && p.end <= syntax.verbStart).at(-1);
  const end = qualified && qualified.end - slot.start <= WHO.maxChars ? qualified.end : slot.end;
  return { start: slot.start, end, entity: -1 };
}

/**
 * "Hamburg merchants and traders": a plain noun joined to the answer by "and", ending the phrase, is part of it
 * (a noun that starts a longer phrase, "and trade routes", is left out).
 */
function withJoinedNoun(
  kb: KbView,
  focus: Sentence,
  tagged: readonly TaggedWord[],
  actor: Actor,
  q: QueryTerms,
): Actor {
  const at = tagged.findIndex((t) => focus.start + t.start > actor.end);
  const [and, noun, next] = [tagged[at], tagged[at + 1], tagged[at + 2]];
  if (and?.text.toLowerCase() !== 'and' || focus.start + and.start !== actor.end + 1) return actor;
  if (noun?.pos !== 'NOUN' || (next && (next.pos === 'NOUN' || next.pos === 'PROPN'))) return actor;
  const joined = { ...actor, end: focus.start + noun.end };
  return isShortAnswer(joined) && !repeatsQuery(kb, focus, joined, q) ? joined : actor;
}

/** What may stand between a subject and its verb: adverbs, auxiliaries ("he also quickly dismissed"). */
const BEFORE_VERB = /^\s+(?:(?:\p{L}+ly|has|have|had|was|were|is|are|will|would|also|then|not)\s+)*$/u;

/**
 * A "he" or "she" as the subject of the question's verb ("On Tuesday he dismissed the proposal") that extraction
 * resolved to a person beyond doubt (a mention of theirs), as the actor; null when there is none or the question
 * names that person.
 */
function pronounActor(kb: KbView, focus: Sentence, syntax: Syntax, q: QueryTerms): Actor | null {
  if (!syntax.subjectSlot || syntax.verbStart < 0) return null;
  const body = kb.bodyOf(focus);
  const p = kb
    .pronounsIn(focus)
    .find((m) => m.end <= syntax.verbStart && BEFORE_VERB.test(body.slice(m.end, syntax.verbStart)));
  if (!p) return null;
  const named = words(kb.entity(p.entity).name).some((w) => {
    const t = termOf(w.word);
    return t !== null && q.terms.includes(t);
  });
  return named ? null : { start: p.start, end: p.end, entity: p.entity };
}

/** The answer to "who" in a result's window; null when the window holds neither a name nor an answer slot. */
export function pickActor(kb: KbView, window: Window, r: RankedSentence, w: WhoQuestion): Actor | null {
  const { q, actions } = w;
  const focus = r.sentence;
  const syntax = syntaxOf(kb, focus, r, w);
  const { slot, phrases } = syntax;
  const best = pickSpan(kb, window, r, q, (s) => kb.mentionsIn(s), mentionScorer(kb, q, syntax, actions));
  const group = groupActor(kb, focus, syntax, q);
  const pronoun = pronounActor(kb, focus, syntax, q);
  // "There she signed the pact with Ivo Brandt": "she" is the subject, and stands for the person it resolved to
  if (pronoun && !(best?.place.isFocus && slot && best.span.start >= slot.start && best.span.end <= slot.end))
    return pronoun;
  // "Both nations exchanged memorandums at Tallin Vale": the subject is the actor, not the place named after
  if (group && slot && best?.place.isFocus && best.span.start >= slot.end) return group;
  if (best?.place.isFocus) {
    const m = best.span;
    const owns = ownsAction(m, best.place, focus, syntax, actions);
    const actor = actorOf(kb, focus, m, q, !owns);
    // the chosen name, widened to its phrase (or its slot) when that says no more of the question
    const phrase =
      (slot && slot.start <= actor.start && slot.end >= m.end && isShortAnswer(slot) ? slot : null) ??
      phrases.find((p) => p.start <= actor.start && p.end >= m.end && isShortAnswer(p));
    const widened =
      phrase && !repeatsQuery(kb, focus, phrase, q)
        ? {
            start: Math.min(phrase.start, actor.start),
            end: Math.max(phrase.end, actor.end),
            entity: m.entity,
          }
        : actor;
    return withJoinedNoun(kb, focus, syntax.tagged, widened, q);
  }
  // No name in the focus sentence: its answer slot, when the sentence shows one; else the nearest name.
  if (slot && isShortAnswer(slot) && !repeatsQuery(kb, focus, slot, q)) return { ...slot, entity: -1 };
  return best ? actorOf(kb, best.place.sentence, best.span, q) : null;
}
