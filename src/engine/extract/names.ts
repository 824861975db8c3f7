/**
 * Proper-name spans in a sentence: runs of capitalised words ("Canada's Revenue Agency",
 * "French Foreign Minister Anne Martin"), split into a role and a name, classified as person,
 * organization or other. Cheap rules only: this runs on every sentence at index time.
 */
import {
  HONORIFICS,
  MONTH_ABBREVIATIONS,
  MONTHS,
  NAME_CONNECTORS,
  NON_NAME_WORDS,
  ORG_WORDS,
  PLACE_WORDS,
  TITLE_WORDS,
  WEEKDAYS,
} from './lexicon.ts';

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

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*/gu;
const DOTTED_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'gov',
  'sen',
  'rep',
  'prof',
  'jr',
  'sr',
  'co',
  'inc',
  'corp',
  'ltd',
  'bros',
]);
const TIME_WORDS = new Set<string>([...MONTHS, ...WEEKDAYS, ...MONTH_ABBREVIATIONS]);
/** Adjectives of nationality or region ("French officials"): not names on their own. */
const ADJECTIVE_ENDING = /(?:ian|ean|an|ese|ish|ic|ern|i)$/;

/** A person's name without its generational suffix or regnal number: "Martin Luther King" of "..., Jr.". */
export function withoutSuffix(name: string): string {
  return name.replace(/,?\s+(?:Jr|Sr)\.?$|\s+[IVXLC]+$/, '');
}

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    let end = m.index + m[0].length;
    const lower = m[0].toLowerCase();
    if (sentence[end] === '.' && (DOTTED_TITLES.has(lower) || /^\p{Lu}$/u.test(m[0]))) end++;
    tokens.push({ text: sentence.slice(m.index, end), start: m.index, end });
  }
  return tokens;
}

const bare = (token: string) => token.replace(/['’]s$/, '').replace(/\.$/, '');
const isPossessive = (token: string) => /['’]s$/.test(token);

/**
 * lowercaseWords: words the document also writes in lowercase; a capitalised sentence-initial word that
 * is one of them ("Analysts suggest") is an ordinary word, not a name.
 */
export function findNameSpans(
  sentence: string,
  lowercaseWords: ReadonlySet<string>,
  capitalWords?: ReadonlySet<string>,
): NameSpan[] {
  const tokens = tokenize(sentence);
  const spans: NameSpan[] = [];
  const allCaps = (i: number) => {
    const b = bare(tokens[i]?.text ?? '');
    return b.length >= 2 && b === b.toUpperCase() && /\p{Lu}/u.test(b) && !/\d/.test(b) && !b.includes('.');
  };
  // Acronyms are names ("NATO", "CBS"); a long all-caps word, or a run of them, is emphasis.
  const isShouted = (i: number) =>
    allCaps(i) &&
    (bare(tokens[i]?.text ?? '').length >= 5 ||
      (allCaps(i - 1) && bare(tokens[i - 1]?.text ?? '').length >= 4) ||
      (allCaps(i + 1) && bare(tokens[i + 1]?.text ?? '').length >= 4));
  const isCap = (i: number): boolean => {
    const t = tokens[i];
    if (!t) return false;
    if (!/^\p{Lu}/u.test(t.text))
      return i > 0 && /^(?:al|ad|as|ash|el|ibn|bin|abu|de|di|da|du)-\p{Lu}/u.test(t.text);
    const b = bare(t.text);
    const lower = b.toLowerCase();
    if (TIME_WORDS.has(lower)) return false;
    if (isShouted(i)) return false; // "gone absolutely CRAZY", "VERY ANGRY"
    const prev = tokens[i - 1]?.text ?? '';
    // a Roman numeral alone ("Grade II") is no name; right after a name it is part of it ("Charles I")
    if (/^[IVXLC]+$/.test(b)) return i > 0 && /^\p{Lu}\p{Ll}/u.test(prev) && joined(i - 1, i) && isCap(i - 1);
    // a sentence start, also inside a quotation ("... yet. Far from it."), but not after an initial ("H. Debus")
    const initial =
      i === 0 ||
      /(?:^|["“‘(])\s*$/.test(sentence.slice(0, t.start)) ||
      (/[.!?]\s+$/.test(sentence.slice(0, t.start)) && !/^(?:\p{Lu}|[A-Z][a-z]{1,3})\.$/u.test(prev));
    if (initial && (NON_NAME_WORDS.has(lower) || lowercaseWords.has(lower))) return false;
    // A sentence-initial word the document never capitalises elsewhere ("Analysts suggest") is not a name,
    // unless another capitalised word follows it.
    if (initial && capitalWords && !capitalWords.has(lower) && !/^\p{Lu}/u.test(tokens[i + 1]?.text ?? ''))
      return false;
    if (NON_NAME_WORDS.has(lower) && lower.length <= 3 && !initial) return lower === 'st';
    return true;
  };
  const joined = (a: number, b: number) => {
    const x = tokens[a];
    const y = tokens[b];
    return !!x && !!y && /^[ \u00a0\u202f]+$/.test(sentence.slice(x.end, y.start));
  };
  /**
   * After a possessive at `j` (its gap to the next token allowed or not): the last token of the capitalised
   * run that follows, when the run holds an organization word ("Revenue Agency", "Party"); else -1.
   */
  const organizationAfter = (j: number, gapAllowed: boolean): number => {
    let k = j + 1;
    while (isCap(k) && (k === j + 1 ? gapAllowed : joined(k - 1, k)) && !isPossessive(tokens[k]?.text ?? ''))
      k++;
    const tail = tokens.slice(j + 1, k).map((t) => bare(t.text).toLowerCase());
    return k > j + 1 && tail.some((w) => ORG_WORDS.has(w)) ? k - 1 : -1;
  };
  let i = 0;
  while (i < tokens.length) {
    if (!isCap(i)) {
      i++;
      continue;
    }
    let j = i;
    // extend: Cap Cap, Cap of Cap, Cap of the Cap, Cap 50 ("Super Bowl 50")
    while (true) {
      const cur = tokens[j] as Token;
      if (isPossessive(cur.text)) {
        // "Canada's Revenue Agency": an organization keeps its owner; anything else ends here.
        const org = organizationAfter(j, joined(j, j + 1));
        if (org >= 0) j = org;
        break;
      }
      if (isCap(j + 1) && joined(j, j + 1)) {
        j++;
        continue;
      }
      // "Polish United Workers' Party": a plural possessive inside an organization's name
      if (/s$/.test(cur.text) && /^['’] $/.test(sentence.slice(cur.end, tokens[j + 1]?.start ?? cur.end))) {
        const org = organizationAfter(j, true);
        if (org >= 0) {
          j = org;
          continue;
        }
      }
      const next = tokens[j + 1];
      // "Martin Luther King, Jr.": a generational suffix after a comma belongs to the name
      if (next && /^(?:Jr|Sr)\.?$/.test(next.text) && sentence.slice(cur.end, next.start) === ', ') {
        j++;
        continue;
      }
      if (next && /^\d+$/.test(next.text) && joined(j, j + 1) && next.text.length <= 3) {
        j++;
        continue;
      }
      // "Tiffany & Co.", "Procter & Gamble"
      if (
        next &&
        isCap(j + 1) &&
        / & $/.test(sentence.slice(cur.end, next.start)) &&
        cur.end + 3 === next.start
      ) {
        j++;
        continue;
      }
      // "Suleiman the Magnificent", "Ivan the Terrible": an epithet after a one-word name
      if (
        next?.text === 'the' &&
        j === i &&
        joined(j, j + 1) &&
        isCap(j + 2) &&
        joined(j + 1, j + 2) &&
        !isCap(j + 3) &&
        !ORG_WORDS.has(bare(tokens[j + 2]?.text ?? '').toLowerCase()) &&
        !PLACE_WORDS.has(bare(tokens[j + 2]?.text ?? '').toLowerCase())
      ) {
        j += 2;
        continue;
      }
      // "General Teaching Council for Scotland", "Institute for Advanced Study"
      if (
        next?.text === 'for' &&
        joined(j, j + 1) &&
        isCap(j + 2) &&
        joined(j + 1, j + 2) &&
        tokens.slice(i, j + 1).some((t) => ORG_WORDS.has(bare(t.text).toLowerCase()))
      ) {
        j += 2;
        continue;
      }
      if (next && NAME_CONNECTORS.has(next.text) && joined(j, j + 1)) {
        let k = j + 2;
        // "of the", "de la", "van der"
        if ((tokens[k]?.text === 'the' || NAME_CONNECTORS.has(tokens[k]?.text ?? '')) && joined(j + 1, k))
          k++;
        if (isCap(k) && joined(k - 1, k)) {
          j = k;
          continue;
        }
      }
      break;
    }
    const span = makeSpan(sentence, tokens, i, j);
    if (span) spans.push(span);
    i = j + 1;
  }
  return spans;
}

function makeSpan(sentence: string, tokens: Token[], first: number, last: number): NameSpan | null {
  const lowers = tokens.slice(first, last + 1).map((t) => bare(t.text).toLowerCase());
  // Role: everything up to the last title word that still has a name after it (a suffix is no name:
  // "Martin Luther King, Jr." has no role).
  const named = /^(?:jr|sr)$/.test(lowers[lowers.length - 1] as string)
    ? lowers.length - 2
    : lowers.length - 1;
  let titleEnd = -1;
  for (let k = 0; k < named; k++) if (TITLE_WORDS.has(lowers[k] as string)) titleEnd = k;
  // an organization keeps its whole name ("General Teaching Council", "Prime Minister's Office")
  if (titleEnd >= 0 && lowers.slice(titleEnd + 1).some((w) => ORG_WORDS.has(w))) titleEnd = -1;
  // "Secretary of State Marco Rubio": the "of X" belongs to the title; "Director of the Space Center" is one
  // name, a title with no person named.
  if (titleEnd >= 0 && lowers[titleEnd + 1] === 'of') {
    if (/^(?:the|a|an)$/.test(lowers[titleEnd + 2] ?? '')) titleEnd = -1;
    else if (titleEnd + 3 < lowers.length) titleEnd += 2;
  }
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
  let role: string | undefined;
  let start = (tokens[first] as Token).start;
  if (titleEnd >= 0) role = sentence.slice(start, (tokens[first + titleEnd] as Token).end);
  else {
    // a lowercase title right before the name: "president Barack Obama"
    const m = /(?:^|\s)([a-z]+) $/.exec(before);
    if (m && TITLE_WORDS.has(m[1] as string) && nameTokens.length >= 2) {
      role = m[1] as string;
      start = before.length - (m[1] as string).length - 1;
    }
  }
  // "Sir Isaac Newton", "Mr. Jones": a person, but the courtesy title says nothing of what they do
  let courtesy = !!role && HONORIFICS.has(role.toLowerCase().replace(/\.$/, ''));
  const courtesyBefore = /(?:^|\s)(\p{Lu}\p{Ll}+)\.? $/u.exec(before);
  if (!role && courtesyBefore && HONORIFICS.has((courtesyBefore[1] as string).toLowerCase())) {
    courtesy = true;
    start = before.length - courtesyBefore[0].trimStart().length;
  }
  if (courtesy) role = undefined;
  let kind: NameKind = 'other';
  if (nameLowers.some((w) => ORG_WORDS.has(w))) kind = 'org';
  else if (courtesy) kind = 'person';
  else if (PLACE_WORDS.has(nameLowers[nameLowers.length - 1] as string)) kind = 'other';
  else if (role) kind = 'person';
  else if (
    nameTokens.length >= 2 &&
    nameTokens.length <= 4 &&
    nameTokens.every((t) => /^\p{Lu}[\p{Ll}'’.-]/u.test(t.text) || /^\p{Lu}\.$/u.test(t.text)) &&
    !nameLowers.some((w) => TITLE_WORDS.has(w)) &&
    !ADJECTIVE_ENDING.test(nameLowers[0] as string)
  )
    kind = 'person';
  else if (nameTokens.length === 1 && /(?:^|\s)the $/i.test(before)) kind = 'org';
  // "French officials", "Western allies": probably an adjective; the document decides (a surname it
  // gives in full elsewhere, such as "Meloni", stays a name).
  const adjectiveLike =
    nameTokens.length === 1 &&
    ADJECTIVE_ENDING.test(nameLowers[0] as string) &&
    /^ \p{Ll}/u.test(after) &&
    // an adjective is followed by its noun, not by "and", "was", "said" ("Rutan and Coolidge")
    !/^ (?:and|or|but|of|in|on|at|to|for|with|by|from|was|is|were|are|has|had|have|said|says|who|which|that|as)\b/.test(
      after,
    ) &&
    !possessive;
  if (nameTokens.length === 1 && /^\p{Lu}\p{Ll}+$/u.test(name) && /^-/.test(after)) return null;
  const span: NameSpan = {
    start,
    end: nameEnd,
    nameStart,
    nameEnd,
    name,
    kind,
    possessive,
    adjectiveLike,
  };
  if (role) span.role = role;
  return span;
}
