/**
 * Proper-name spans in a sentence: runs of capitalised words ("Canada's Revenue Agency",
 * "French Foreign Minister Anne Martin"), split into a role and a name, classified as person,
 * organization or other. Cheap rules only: this runs on every sentence at index time.
 */
import {
  AFFILIATIONS,
  CALENDAR_WORDS,
  HONORIFICS,
  NATIONALITY_ADJECTIVES,
  NON_NAME_WORDS,
  ORG_WORDS,
  PLACE_PREFIXES,
  PLACE_WORDS,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SPEAKER_VERBS,
  TITLE_WORDS,
} from './lexicon.ts';
import { extendName } from './name-rules.ts';
import { bare, isPossessive, sentenceTokens, type Token } from './name-run.ts';

export type NameKind = 'person' | 'org' | 'other';

export interface NameSpan {
  /** Offsets in the sentence of the whole span, role included. */
  start: number;
  end: number;
  /** Offsets of the name itself (without role, "the" or possessive ending). */
  nameStart: number;
  nameEnd: number;
  name: string;
  role?: string;
  kind: NameKind;
  /** "Martin's handling": the name is an owner, not an actor. */
  possessive: boolean;
  /** One capitalised word before a lowercase one that looks like a nationality ("French officials"). */
  adjectiveLike: boolean;
}

/** Adjectives of nationality or region ("French officials"): not names on their own. */
const ADJECTIVE_ENDING = /(?:ian|ean|ese|ish|ic|ern)$/;
const isAdjective = (word: string) =>
  ADJECTIVE_ENDING.test(word) || NATIONALITY_ADJECTIVES.has(word) || AFFILIATIONS.has(word);

/** A person's name without its generational suffix or regnal number: "Martin Luther King" of "..., Jr.". */
export function withoutSuffix(name: string): string {
  return name.replace(/,?\s+(?:Jr|Sr)\.?$|\s+[IVXLC]+$/, '');
}

/**
 * lowercaseWords: words the document also writes in lowercase; a capitalised sentence-initial word that
 * is one of them ("Analysts suggest") is an ordinary word, not a name. onRule hears the id of every name rule
 * applied (name-rules.ts).
 */
export function findNameSpans(
  sentence: string,
  lowercaseWords: ReadonlySet<string>,
  capitalWords?: ReadonlySet<string>,
  onRule?: (id: string) => void,
): NameSpan[] {
  const s = sentenceTokens(sentence, lowercaseWords, capitalWords);
  const spans: NameSpan[] = [];
  let i = 0;
  while (i < s.tokens.length) {
    if (!s.isCap(i)) {
      i++;
      continue;
    }
    const j = extendName(s, i, onRule);
    const span = withAffiliation(makeSpan(sentence, s.tokens, i, j), s, i, j, lowercaseWords);
    // "Liberal Democrat" of "Liberal Democrat leader Charles Kennedy": the organization in a role, no person
    const previous = spans.at(-1);
    if (span && previous && span.start < previous.end && previous.kind === 'person') previous.kind = 'other';
    if (span) spans.push(span);
    i = j + 1;
  }
  return spans;
}

/**
 * "Republican Christine Todd Whitman": a party word before a full name the document never writes in lowercase is
 * the person's affiliation, kept as the role; any other span is returned as it is.
 */
function withAffiliation(
  span: NameSpan | null,
  s: ReturnType<typeof sentenceTokens>,
  first: number,
  last: number,
  lowercaseWords: ReadonlySet<string>,
): NameSpan | null {
  if (!span || span.role || !AFFILIATIONS.has(s.lower(first)) || last - first < 2) return span;
  for (let k = first + 1; k <= last; k++) {
    const w = s.lower(k);
    if (lowercaseWords.has(w) || ORG_WORDS.has(w) || PLACE_WORDS.has(w) || TITLE_WORDS.has(w)) return span;
  }
  const named = makeSpan(s.sentence, s.tokens, first + 1, last);
  if (named?.kind !== 'person') return span;
  return { ...named, start: span.start, role: (s.tokens[first] as Token).text };
}

/**
 * The index in `lowers` of the role's last word, -1 for no role: everything up to the last title word that still
 * has a name after it (a suffix is no name: "Martin Luther King, Jr." has no role).
 */
function roleEnd(lowers: string[]): number {
  const named = /^(?:jr|sr)$/.test(lowers[lowers.length - 1] as string)
    ? lowers.length - 2
    : lowers.length - 1;
  let titleEnd = -1;
  for (let k = 0; k < named; k++) if (TITLE_WORDS.has(lowers[k] as string)) titleEnd = k;
  // an organization keeps its whole name ("General Teaching Council", "Prime Minister's Office")
  if (titleEnd >= 0 && lowers.slice(titleEnd + 1).some((w) => ORG_WORDS.has(w))) return -1;
  // "Secretary of State Marco Rubio": the "of X" belongs to the title; "Director of the Space Center" is one
  // name, a title with no person named.
  if (titleEnd >= 0 && lowers[titleEnd + 1] === 'of') {
    if (/^(?:the|a|an)$/.test(lowers[titleEnd + 2] ?? '')) return -1;
    if (titleEnd + 3 < lowers.length) return titleEnd + 2;
  }
  return titleEnd;
}

/** How far before a name its lowercase role and organization may start (characters). */
const ROLE_BEFORE_REACH = 120;
const ROLE_BEFORE = /((?:\p{Lu}[\p{L}'’&.-]*\s+){0,3})((?:[a-z]+\s+){0,3})([a-z]+) $/u;

/** The lowercase role (and the organization before it) that ends right before a name, or undefined. */
function lowercaseRoleBefore(before: string): string | undefined {
  // cheap test first: the word right before the name is a role noun
  const head = /([a-z]+) $/.exec(before.slice(-24))?.[1];
  if (!head || !ROLE_NOUNS.has(head)) return undefined;
  const from = Math.max(0, before.length - ROLE_BEFORE_REACH);
  const m = ROLE_BEFORE.exec(before.slice(from));
  if (!m || (from + m.index > 0 && !/\s$/.test(before.slice(0, from + m.index)))) return undefined;
  const modifiers = (m[2] as string).split(/\s+/).filter(Boolean);
  let k = modifiers.length;
  while (k > 0 && ROLE_MODIFIERS.has(modifiers[k - 1] as string)) k--;
  const qualifiers = modifiers.slice(k);
  // the organization counts only right before the qualifiers: "Liberal Democrat leader", not "Monday chief"
  const organization =
    k === 0 ? (m[1] as string).split(/\s+/).filter((w) => w && !NON_NAME_WORDS.has(w.toLowerCase())) : [];
  if (organization.some((w) => CALENDAR_WORDS.has(bare(w).toLowerCase()))) organization.length = 0;
  return [...organization, ...qualifiers, m[3]].join(' ');
}

/** A role in an apposition after a name: ", senior manager at Symantec," / ", the former governor of Vermont,". */
const ROLE_AFTER =
  /^,\s+(?:the\s+|an?\s+)?((?:[a-z]+\s+){0,3}([a-z]+)(?:\s+(?:at|of|for|with|to)\s+(?:the\s+)?\p{Lu}[^,;:"“”()]{0,80})?),/u;

function roleAfter(after: string): string | undefined {
  const m = ROLE_AFTER.exec(after);
  if (!m || !ROLE_NOUNS.has(m[2] as string)) return undefined;
  const words = (m[1] as string).split(/\s+/);
  const head = words.indexOf(m[2] as string);
  return words.slice(0, head).every((w) => ROLE_MODIFIERS.has(w)) ? (m[1] as string) : undefined;
}

interface SpanRole {
  role?: string;
  start: number;
  courtesy: boolean;
}

/** The role of a span, where it starts, and whether a courtesy title ("Sir", "Mr.") stands for it. */
function spanRole(
  sentence: string,
  tokens: Token[],
  first: number,
  titleEnd: number,
  nameWords: number,
): SpanRole {
  const before = sentence.slice(0, (tokens[first] as Token).start);
  let role: string | undefined;
  let start = (tokens[first] as Token).start;
  if (titleEnd >= 0) role = sentence.slice(start, (tokens[first + titleEnd] as Token).end);
  else {
    // a lowercase title right before the name, with its qualifiers and organization: "president Barack Obama",
    // "shadow foreign secretary Michael Ancram", "BBC political editor Andrew Marr"
    const lowercase = nameWords >= 2 ? lowercaseRoleBefore(before) : undefined;
    if (lowercase) {
      role = lowercase;
      start = before.length - lowercase.length - 1;
    }
  }
  // "Sir Isaac Newton", "Mr. Jones": a person, but the courtesy title says nothing of what they do
  let courtesy = !!role && HONORIFICS.has(role.toLowerCase().replace(/\.$/, ''));
  const courtesyBefore = /(?:^|\s)(\p{Lu}\p{Ll}+)\.? $/u.exec(before);
  if (!role && courtesyBefore && HONORIFICS.has((courtesyBefore[1] as string).toLowerCase())) {
    courtesy = true;
    start = before.length - courtesyBefore[0].trimStart().length;
  }
  return courtesy ? { start, courtesy } : { role, start, courtesy };
}

function kindOf(
  nameTokens: Token[],
  nameLowers: string[],
  role: SpanRole,
  before: string,
  after: string,
): NameKind {
  if (nameLowers.some((w) => ORG_WORDS.has(w))) return 'org';
  if (role.courtesy) return 'person';
  if (PLACE_WORDS.has(nameLowers[nameLowers.length - 1] as string)) return 'other';
  if (role.role) return 'person';
  if (
    nameTokens.length >= 2 &&
    nameTokens.length <= 4 &&
    nameTokens.every((t) => /^\p{Lu}[\p{Ll}'’.-]/u.test(t.text) || /^\p{Lu}\.$/u.test(t.text)) &&
    !nameLowers.some((w) => TITLE_WORDS.has(w)) &&
    !isAdjective(nameLowers[0] as string) &&
    !PLACE_PREFIXES.has(nameLowers[0] as string)
  )
    return 'person';
  // "the Pentagon", "the Pentagon announced", but not "the Smith campaign": a name before a noun modifies it
  if (nameTokens.length === 1 && /(?:^|\s)the $/i.test(before) && !/^ \p{Ll}+(?<!ed|s)\b/u.test(after))
    return 'org';
  // "Cruz said", "Cruz later told": a surname, one word, speaking
  const verb = /^\s+(?:(?:has|had|have|also|later|then|[a-z]+ly)\s+)*([a-z]+)\b/.exec(after)?.[1];
  if (
    nameTokens.length === 1 &&
    /^\p{Lu}\p{Ll}+$/u.test(nameTokens[0]?.text ?? '') &&
    verb &&
    SPEAKER_VERBS.has(verb)
  )
    return 'person';
  return 'other';
}

/**
 * "French officials", "Western allies": probably an adjective; the document decides (a surname it gives in
 * full elsewhere, such as "Meloni", stays a name).
 */
const isAdjectiveLike = (nameLowers: string[], after: string, possessive: boolean) =>
  nameLowers.length === 1 &&
  isAdjective(nameLowers[0] as string) &&
  /^ \p{Ll}/u.test(after) &&
  // an adjective is followed by its noun, not by "and", "was", "said" ("Rutan and Coolidge")
  !/^ (?:and|or|but|of|in|on|at|to|for|with|by|from|was|is|were|are|has|had|have|said|says|who|which|that|as)\b/.test(
    after,
  ) &&
  !possessive;

function makeSpan(sentence: string, tokens: Token[], first: number, last: number): NameSpan | null {
  const lowers = tokens.slice(first, last + 1).map((t) => bare(t.text).toLowerCase());
  const titleEnd = roleEnd(lowers);
  let nameFirst = first + titleEnd + 1;
  if (titleEnd < 0 && (lowers[0] === 'the' || lowers[0] === 'a')) nameFirst = first + 1;
  if (nameFirst > last) return null;
  const nameTokens = tokens.slice(nameFirst, last + 1);
  const nameLowers = nameTokens.map((t) => bare(t.text).toLowerCase());
  const lastToken = tokens[last] as Token;
  const possessive = isPossessive(lastToken.text);
  const nameStart = (tokens[nameFirst] as Token).start;
  const nameEnd = possessive ? lastToken.end - 2 : lastToken.end;
  let name = sentence.slice(nameStart, nameEnd);
  if (!/(?:\p{Lu}\.){2,}$|\b(?:Jr|Sr)\.$/u.test(name)) name = name.replace(/\.$/, '');
  if (!/\p{L}/u.test(name)) return null;
  const before = sentence.slice(0, (tokens[first] as Token).start);
  const after = sentence.slice(lastToken.end);
  const role = spanRole(sentence, tokens, first, titleEnd, nameTokens.length);
  const appositive = nameTokens.length >= 2 || role.courtesy ? roleAfter(after) : undefined;
  if (appositive && (!role.role || appositive.length > role.role.length)) role.role = appositive;
  if (nameTokens.length === 1 && /^\p{Lu}\p{Ll}+$/u.test(name) && /^-/.test(after)) return null;
  const span: NameSpan = {
    start: role.start,
    end: nameEnd,
    nameStart,
    nameEnd,
    name,
    kind: kindOf(nameTokens, nameLowers, role, before, after),
    possessive,
    adjectiveLike: false,
  };
  // "French officials", but not "Estrosi told": a name the verb after it makes a person is no adjective
  span.adjectiveLike = span.kind !== 'person' && isAdjectiveLike(nameLowers, after, possessive);
  if (role.role) span.role = role.role;
  return span;
}
