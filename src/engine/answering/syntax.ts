/**
 * Small syntax helpers over part-of-speech tags (text/pos.ts): noun phrases, the question's verb in a
 * sentence, the passive's agent, and the slot where a /who answer stands. Offsets are those of the tagged text.
 */
import type { Span } from '../../index/kb-view.ts';
import type { TaggedWord } from '../text/pos.ts';
import { termOf } from '../text/terms.ts';

/** How many words may stand between a possessive and the action it owns ("Velmar's surprise attack"). */
const POSSESSED_WORDS = 4;

/** Where the answer stands relative to the question's words: "who did X beat" asks for an object (right). */
export type AnswerSide = 'left' | 'right' | null;

const PHRASE_WORD = ['ADJ', 'NOUN', 'PROPN', 'NUM'];
const NOT_A_PHRASE_START = /^(?:this|that|these|those|which|what|any|each|every|some|no)$/i;

/** Word `j` carries on the noun phrase that started before it (the last noun or name being word `lastHead`). */
function continuesPhrase(tagged: readonly TaggedWord[], j: number, lastHead: number): boolean {
  const t = tagged[j];
  if (!t) return false;
  const previous = tagged[j - 1];
  const next = tagged[j + 1];
  return (
    PHRASE_WORD.includes(t.pos) ||
    (t.text === '&' && next?.pos === 'PROPN') ||
    // "Chicago's physics department", "the courts of member states"
    (/^['’]s$/.test(t.text) && ['ADJ', 'NOUN', 'PROPN'].includes(next?.pos ?? '')) ||
    (t.text === 'of' && lastHead === j - 1 && ['ADJ', 'NOUN', 'PROPN', 'DET'].includes(next?.pos ?? '')) ||
    (t.pos === 'DET' && previous?.text === 'of') ||
    // a hyphen inside a word: "Anglo-Saxon", "New York–based"
    (/^[-–]$/.test(t.text) && previous?.end === t.start && next?.start === t.end)
  );
}

/** Noun phrases: an optional determiner, then adjectives, nouns, names and numbers, ending on a noun or name. */
export function nounPhrases(tagged: readonly TaggedWord[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < tagged.length) {
    const w = tagged[i];
    if (!w || !['DET', ...PHRASE_WORD].includes(w.pos) || NOT_A_PHRASE_START.test(w.text)) {
      i++;
      continue;
    }
    let j = i;
    let lastHead = -1;
    while (j < tagged.length) {
      const t = tagged[j];
      if (!t || (j > i && !continuesPhrase(tagged, j, lastHead))) break;
      if (j > i && t.pos === 'DET' && tagged[j - 1]?.text !== 'of') break;
      if (t.pos === 'NOUN' || t.pos === 'PROPN') lastHead = j;
      j++;
    }
    const head = tagged[lastHead];
    if (lastHead >= i && head) {
      out.push({ start: w.start, end: head.end });
      i = lastHead + 1;
    } else i = j > i ? j : i + 1;
  }
  return out;
}

/** The terms of the dictionary forms of the question's verbs: "who held" -> hold. */
export function verbLemmaTerms(tagged: readonly TaggedWord[]): Set<string> {
  const out = new Set<string>();
  for (const t of tagged) {
    const term = t.pos === 'VERB' ? termOf(t.lemma) : null;
    if (term) out.add(term);
  }
  return out;
}

/**
 * Index of the first verb of the sentence that the question also uses (its term is `matched`, or its
 * dictionary form is one of the question's verbs': "held" for "who continued to hold"), else -1.
 */
export function questionVerbAt(
  tagged: readonly TaggedWord[],
  matched: Set<string>,
  verbLemmas: Set<string>,
): number {
  return tagged.findIndex((t) => {
    if (t.pos !== 'VERB' && t.pos !== 'AUX') return false;
    const term = termOf(t.text);
    if (term !== null && matched.has(term)) return true;
    const lemma = t.pos === 'VERB' ? termOf(t.lemma) : null;
    return lemma !== null && verbLemmas.has(lemma);
  });
}

/** A form of "be" before a verb makes it passive ("were drafted"). */
const BE = /^(?:is|are|was|were|be|been|being)$/i;

/** The question's verb at `verbAt` is passive: a form of "be" stands in the two words before it. */
export function isPassive(tagged: readonly TaggedWord[], verbAt: number): boolean {
  return verbAt > 0 && tagged.slice(Math.max(0, verbAt - 2), verbAt).some((t) => BE.test(t.text));
}

/** The "by" right after the question's verb ("was designed by"), if there is one. */
export function passiveAgent(tagged: readonly TaggedWord[], verbAt: number): TaggedWord | undefined {
  const next = verbAt >= 0 ? tagged[verbAt + 1] : undefined;
  return next?.text.toLowerCase() === 'by' ? next : undefined;
}

/** Between `end` and `start` stands a preposition, with at most a determiner: " at their ", " in ". */
function linksByPreposition(tagged: readonly TaggedWord[], end: number, start: number): boolean {
  const between = tagged.filter((t) => t.start >= end && t.end <= start);
  return (
    between.length > 0 &&
    between[0]?.pos === 'ADP' &&
    between.slice(1).every((t) => t.pos === 'DET' || t.pos === 'PRON')
  );
}

/**
 * The subject just before the question's verb ("Geochronologists precisely date rocks"), with the phrases
 * joined to it by "and", "or" or commas; null when something other than adverbs and auxiliaries stands
 * between it and the verb.
 */
function subjectBefore(
  tagged: readonly TaggedWord[],
  phrases: Span[],
  text: string,
  verb: TaggedWord,
): Span | null {
  const before = phrases.filter((p) => p.end <= verb.start);
  // "NFL owners at their spring meetings in Boston voted": the subject is before the prepositional phrases
  let at = before.length - 1;
  for (; at > 0; at--) {
    const left = before[at - 1];
    const right = before[at];
    if (!left || !right || !linksByPreposition(tagged, left.end, right.start)) break;
  }
  const subject = before[at];
  const last = before[before.length - 1];
  if (
    !last ||
    !/^\s*(?:(?:\p{L}+ly|has|have|had|was|were|is|are|will|would|also|then|not)\s+)*$/u.test(
      text.slice(last.end, verb.start),
    )
  )
    return null;
  let slot = { start: (subject ?? last).start, end: (subject ?? last).end };
  for (let k = at - 1; k >= 0; k--) {
    const prev = before[k];
    if (!prev || !/^(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+)$/.test(text.slice(prev.end, slot.start))) break;
    slot = { start: prev.start, end: slot.end };
  }
  return slot;
}

/**
 * Where the answer stands in the sentence, from part-of-speech tags: the subject just before the question's
 * verb ("Geochronologists precisely date rocks"), the agent after "by", or the object right after the verb.
 */
export function answerSlot(
  tagged: readonly TaggedWord[],
  phrases: Span[],
  text: string,
  verbAt: number,
  query: string,
  side: AnswerSide,
): Span | null {
  const verb = tagged[verbAt];
  if (verbAt < 0 || !verb) return null;
  if (/\bby\s+whom?\b/i.test(query)) {
    const by = tagged.find((t, i) => i > verbAt && t.text.toLowerCase() === 'by');
    return by ? (phrases.find((p) => p.start >= by.end) ?? null) : null;
  }
  if (side === 'right') {
    const next = phrases.find((p) => p.start >= verb.end);
    return next && /^\s*(?:\p{Ll}+\s+){0,1}$/u.test(text.slice(verb.end, next.start)) ? next : null;
  }
  if (side !== 'left') return null;
  // "Who tackled X?" — "X ... was tackled by safety Darian Stewart": the agent of the passive
  const by = passiveAgent(tagged, verbAt);
  if (by) return phrases.find((p) => p.start >= by.end) ?? null;
  return subjectBefore(tagged, phrases, text, verb);
}

/**
 * The possessive ending at `end` (in the tagged sentence) owns one of the question's actions, named by a noun
 * of the phrase it opens: "Velmar's surprise attack on the ports" answers "who attacked"; "Ada's father" does
 * not answer "who was her father" (no action is asked), nor "Ada's ideas became radical" "whose ideas became".
 */
export function possessesAction(tagged: readonly TaggedWord[], end: number, actions: Set<string>): boolean {
  if (actions.size === 0) return false;
  let k = tagged.findIndex((t) => t.start >= end);
  if (k >= 0 && /^['’]s?$/.test(tagged[k]?.text ?? '')) k++;
  for (let n = 0; k >= 0 && k < tagged.length && n < POSSESSED_WORDS; k++, n++) {
    const t = tagged[k];
    if (!t || !PHRASE_WORD.includes(t.pos)) return false;
    const term = t.pos === 'NOUN' ? termOf(t.text) : null;
    if (term && actions.has(term)) return true;
  }
  return false;
}
