/**
 * Proper-name spans in a sentence: runs of capitalised words ("Canada's Revenue Agency",
 * "French Foreign Minister Anne Martin"), split into a role and a name, classified as person,
 * organization or other. Cheap rules only: this runs on every sentence at index time.
 */
import {
  AFFILIATIONS,
  HONORIFICS,
  NATIONALITY_ADJECTIVES,
  ORG_WORDS,
  PLACE_PREFIXES,
  PLACE_WORDS,
  SPEAKER_VERBS,
  STYLE_DEGREE,
  TITLE_WORDS,
} from './lexicon.ts';
import { extendName } from './name-rules.ts';
import { bare, isPossessive, sentenceTokens, type Token } from './name-run.ts';
import { isPersonNoun, isPluralRole, roleAfter, roleBefore } from './roles.ts';

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
    const span = withAffiliation(makeSpan(sentence, s.tokens, i, j, capitalWords), s, i, j, lowercaseWords);
    // "Liberal Democrat" of "Liberal Democrat leader Charles Kennedy": the organization in a role, no person
    const previous = spans.at(-1);
    // (but "Sir Tom Hale's partner Dan Ray": a person owns the relation)
    if (span && previous && span.start < previous.end && previous.kind === 'person' && !previous.possessive)
      previous.kind = 'other';
    // "Ann Lee, chief executive of Zeta Broadband": a name of no role inside a person's role, after "of", "at",
    // "for" or "from" in it, is an organization's, not a person's
    // "Fellow locks Robert Sidoli and Brent Cockbain": a plural role is each listed name's
    if (
      span?.kind === 'person' &&
      !span.role &&
      previous?.kind === 'person' &&
      previous.role &&
      isPluralRole(previous.role) &&
      /^(?:,\s+|\s+and\s+|,\s+and\s+)$/.test(sentence.slice(previous.end, span.start))
    )
      span.role = previous.role;
    const holder = spans.findLast((x) => x.kind === 'person' && x.role);
    if (
      span?.kind === 'person' &&
      !span.role &&
      holder?.role?.includes(span.name) &&
      /\s(?:of|at|for|from)\s/.test(sentence.slice(holder.end, span.start))
    )
      span.kind = 'other';
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
    // ("the Archbishop of Zeta" alone names no one either)
    return titleEnd + 3 < lowers.length ? titleEnd + 2 : -1;
  }
  return titleEnd;
}

/** A courtesy title or style of address: "Mr.", "Sir", "the Most Reverend", "Rt Hon". */
const isCourtesy = (title: string) =>
  HONORIFICS.has(title.toLowerCase().replace(STYLE_DEGREE, '').replace(/\.$/, ''));

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
  name: string,
  after: string,
): SpanRole {
  const before = sentence.slice(0, (tokens[first] as Token).start);
  let role: string | undefined;
  let start = (tokens[first] as Token).start;
  if (titleEnd >= 0) role = sentence.slice(start, (tokens[first + titleEnd] as Token).end);
  // "Sir Isaac Newton", "Mr. Jones": a person, but the courtesy title says nothing of what they do
  let courtesy = !!role && isCourtesy(role);
  const courtesyBefore = /(?:^|\s)(\p{Lu}\p{Ll}+)\.? $/u.exec(before);
  if (!role && courtesyBefore && HONORIFICS.has((courtesyBefore[1] as string).toLowerCase())) {
    courtesy = true;
    start = before.length - courtesyBefore[0].trimStart().length;
  }
  if (courtesy) role = undefined;
  // "Ex-PM Lord": the courtesy title that ends a role is none of it
  else if (role) role = role.replace(/\s+(?:sir|dame|lord|lady|mr|mrs|ms|miss)\.?$/i, '') || undefined;
  if (!role && (nameWords >= 2 || courtesy)) {
    // a lowercase title before the name (and its courtesy title), with its qualifiers and organization:
    // "president Barack Obama", "shadow foreign secretary Michael Ancram", "former cabinet colleague Lord Hale"
    // (a style of address keeps its "the" out of the role: "the Archbishop of Zeta, the Most Reverend Ann Lee")
    const roleText = sentence.slice(0, start).replace(/(,\s+)the\s+$/i, courtesy ? '$1' : '$&');
    const lowercase = roleBefore(roleText, name, after);
    if (lowercase) {
      role = lowercase;
      start = roleText.lastIndexOf(lowercase);
    }
  }
  return { role, start, courtesy };
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
  // "the Zeta Courier reported", "by the Harlow Sentinel": people are not named after "the" (a name before a noun
  // modifies it: "the Ann Lee campaign")
  if (nameTokens.length >= 2 && /(?:^|\s)the $/i.test(before) && !/^ \p{Ll}+(?<!ed|s)\b/u.test(after))
    return 'other';
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
  // "Cruz said", "Cruz later told", "Cruz quipped": a surname, one word, speaking
  const verb = /^\s+(?:(?:has|had|have|also|later|then|[a-z]+ly)\s+)*([a-z]+)\b/.exec(after)?.[1];
  if (
    nameTokens.length === 1 &&
    /^\p{Lu}\p{Ll}+$/u.test(nameTokens[0]?.text ?? '') &&
    verb &&
    (SPEAKER_VERBS.has(verb) || PERSON_SPEECH_VERBS.has(verb))
  )
    return 'person';
  return 'other';
}

/** Ways of speaking that news gives people rather than organizations: "Lee quipped", "Lee stated". */
const PERSON_SPEECH_VERBS = new Set(
  'stated declared joked quipped boasted conceded mused exclaimed retorted lamented remarked shouted yelled'.split(
    ' ',
  ),
);

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

/**
 * A title glued to a person's name of two words or more: an abbreviation after it ("Frank Field MP") or a
 * capitalised member noun before it whose plural the document writes as a name ("Beatle George Harrison" beside
 * "the Beatles"). The tokens [first, last] of the name without it, and the title; undefined for none.
 */
function gluedTitle(
  tokens: Token[],
  first: number,
  last: number,
  capitalWords: ReadonlySet<string> | undefined,
): { first: number; last: number; title: string } | undefined {
  if (last - first < 2) return undefined;
  const end = bare(tokens[last]?.text ?? '');
  if (/^\p{Lu}{2,5}$/u.test(end) && isPersonNoun(end)) return { first, last: last - 1, title: end };
  const start = bare(tokens[first]?.text ?? '');
  const plural = start.toLowerCase().replace(/y$/, 'ie');
  if (/^\p{Lu}\p{Ll}+$/u.test(start) && capitalWords?.has(`${plural}s`))
    return { first: first + 1, last, title: start };
  return undefined;
}

function makeSpan(
  sentence: string,
  tokens: Token[],
  first: number,
  last: number,
  capitalWords?: ReadonlySet<string>,
): NameSpan | null {
  const lowers = tokens.slice(first, last + 1).map((t) => bare(t.text).toLowerCase());
  const titleEnd = roleEnd(lowers);
  let nameFirst = first + titleEnd + 1;
  if (titleEnd < 0 && (lowers[0] === 'the' || lowers[0] === 'a')) nameFirst = first + 1;
  if (nameFirst > last) return null;
  const lastToken = tokens[last] as Token;
  const possessive = isPossessive(lastToken.text);
  // (after a courtesy title too: "the Rt Hon Tom Hale MP")
  const styled =
    titleEnd >= 0 &&
    isCourtesy(sentence.slice((tokens[first] as Token).start, (tokens[first + titleEnd] as Token).end));
  const glued = titleEnd < 0 || styled ? gluedTitle(tokens, nameFirst, last, capitalWords) : undefined;
  if (glued) nameFirst = glued.first;
  const nameLast = glued?.last ?? last;
  const nameTokens = tokens.slice(nameFirst, nameLast + 1);
  const nameLowers = nameTokens.map((t) => bare(t.text).toLowerCase());
  const nameStart = (tokens[nameFirst] as Token).start;
  const nameEnd = possessive && nameLast === last ? lastToken.end - 2 : (tokens[nameLast] as Token).end;
  let name = sentence.slice(nameStart, nameEnd);
  if (!/(?:\p{Lu}\.){2,}$|\b(?:Jr|Sr)\.$/u.test(name)) name = name.replace(/\.$/, '');
  if (!/\p{L}/u.test(name)) return null;
  const before = sentence.slice(0, (tokens[first] as Token).start);
  const after = sentence.slice(lastToken.end);
  const role = spanRole(sentence, tokens, first, titleEnd, nameTokens.length, name, after);
  if (glued) role.role = glued.title;
  const appositive = nameTokens.length >= 2 || role.courtesy ? roleAfter(after) : undefined;
  // "Zeta Broadband is a supplier": a role after "is" makes no person of a name that is not one already
  const copula = appositive !== undefined && /^\s+(?:is|was)\s/.test(after);
  if (appositive && !copula && (!role.role || appositive.length > role.role.length)) role.role = appositive;
  if (nameTokens.length === 1 && /^\p{Lu}\p{Ll}+$/u.test(name) && /^-/.test(after)) return null;
  const span: NameSpan = {
    start: role.start,
    end: nameEnd,
    nameStart,
    nameEnd,
    name,
    kind: glued ? 'person' : kindOf(nameTokens, nameLowers, role, before, after),
    possessive,
    adjectiveLike: false,
  };
  // "French officials", but not "Estrosi told": a name the verb after it makes a person is no adjective
  span.adjectiveLike = span.kind !== 'person' && isAdjectiveLike(nameLowers, after, possessive);
  if (copula && span.kind === 'person' && (!role.role || (appositive as string).length > role.role.length))
    role.role = appositive;
  if (role.role) span.role = role.role;
  return span;
}
