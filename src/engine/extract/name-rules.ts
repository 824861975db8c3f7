/**
 * The rules that grow a proper name from its first capitalised word, as data: each names what it joins, with
 * an example sentence (tests/engine/extract/name-rules.test.ts runs every example). At the run's last token
 * the rules are tried in order; the first that applies extends the run, and the run ends when none does or
 * when the rule that applied ends it.
 */
import { NAME_CONNECTORS, ORG_WORDS, PLACE_PREFIXES, PLACE_WORDS, TITLE_WORDS } from './lexicon.ts';
import { isPossessive, type SentenceTokens } from './name-run.ts';

export interface NameRule {
  id: string;
  description: string;
  /** A sentence the rule applies in, and the name it then finds there. */
  example: { sentence: string; name: string };
  /** The run's new last token when the rule applies to a run [first, last]; undefined when it does not. */
  extend(s: SentenceTokens, first: number, last: number): number | undefined;
  /** The run ends after this rule, even if another could extend it. */
  ends?: boolean;
}

/**
 * The run [first, last] reads as a person's name, its role aside: two or more name words or initials, none an
 * organization, place or title word ("Sen. Tammy Baldwin", not "Bank", "Kansas City" or "Secretary").
 */
function isPersonRun(s: SentenceTokens, first: number, last: number): boolean {
  // after the role, if any ("CBC Chairman G.K. Lane")
  let k = first;
  for (let m = first; m <= last; m++) if (TITLE_WORDS.has(s.lower(m))) k = m + 1;
  if (last - k < 1 || PLACE_PREFIXES.has(s.lower(k))) return false;
  for (let m = k; m <= last; m++) {
    const word = s.lower(m);
    if (ORG_WORDS.has(word) || PLACE_WORDS.has(word) || TITLE_WORDS.has(word)) return false;
    if (!/^(?:\p{Lu}\p{Ll}|(?:\p{Lu}\.)+$)/u.test(s.tokens[m]?.text ?? '')) return false;
  }
  return true;
}

export const NAME_RULES: readonly NameRule[] = [
  {
    id: 'possessive-owner',
    description: 'a possessive ends a name, unless an organization follows, which keeps its owner',
    example: { sentence: 'Canada’s Revenue Agency wrote to him.', name: 'Canada’s Revenue Agency' },
    extend: (s, _first, j) => {
      if (!isPossessive(s.tokens[j]?.text ?? '')) return undefined;
      const org = s.organizationAfter(j, s.joined(j, j + 1));
      return org >= 0 ? org : j;
    },
    ends: true,
  },
  {
    id: 'capitalised-word',
    description: 'a capitalised word right after the name',
    example: { sentence: 'Then Anne Martin spoke.', name: 'Anne Martin' },
    extend: (s, _first, j) => (s.isCap(j + 1) && s.joined(j, j + 1) ? j + 1 : undefined),
  },
  {
    id: 'plural-possessive-organization',
    description: "a plural possessive inside an organization's name",
    example: {
      sentence: "He led the Polish United Workers' Party for years.",
      name: "Polish United Workers' Party",
    },
    extend: (s, _first, j) => {
      const cur = s.tokens[j];
      const next = s.tokens[j + 1];
      if (!cur || !/s$/.test(cur.text) || !/^['’] $/.test(s.sentence.slice(cur.end, next?.start ?? cur.end)))
        return undefined;
      const org = s.organizationAfter(j, true);
      return org >= 0 ? org : undefined;
    },
  },
  {
    id: 'generational-suffix',
    description: 'a generational suffix after a comma belongs to the name',
    example: { sentence: 'Martin Luther King, Jr. spoke.', name: 'Martin Luther King, Jr.' },
    extend: (s, _first, j) => {
      const cur = s.tokens[j];
      const next = s.tokens[j + 1];
      return cur && next && /^(?:Jr|Sr)\.?$/.test(next.text) && s.sentence.slice(cur.end, next.start) === ', '
        ? j + 1
        : undefined;
    },
  },
  {
    id: 'number',
    description: 'a number of up to three digits right after the name',
    example: { sentence: 'They played Super Bowl 50 in the rain.', name: 'Super Bowl 50' },
    extend: (s, _first, j) => {
      const next = s.tokens[j + 1];
      return next && /^\d+$/.test(next.text) && s.joined(j, j + 1) && next.text.length <= 3
        ? j + 1
        : undefined;
    },
  },
  {
    id: 'ampersand',
    description: 'two names joined by a spaced ampersand',
    example: { sentence: 'She joined Procter & Gamble in May.', name: 'Procter & Gamble' },
    extend: (s, _first, j) => {
      const cur = s.tokens[j];
      const next = s.tokens[j + 1];
      return cur && next && s.isCap(j + 1) && s.sentence.slice(cur.end, next.start) === ' & '
        ? j + 1
        : undefined;
    },
  },
  {
    id: 'epithet',
    description: 'an epithet with "the" after a one-word name, if it is no organization or place',
    example: { sentence: 'It was ruled by Suleiman the Magnificent then.', name: 'Suleiman the Magnificent' },
    extend: (s, first, j) =>
      s.tokens[j + 1]?.text === 'the' &&
      j === first &&
      s.joined(j, j + 1) &&
      s.isCap(j + 2) &&
      s.joined(j + 1, j + 2) &&
      !s.isCap(j + 3) &&
      !ORG_WORDS.has(s.lower(j + 2)) &&
      !PLACE_WORDS.has(s.lower(j + 2))
        ? j + 2
        : undefined,
  },
  {
    id: 'organization-for',
    description: 'an organization "for" something',
    example: {
      sentence: 'He is at the Institute for Advanced Study now.',
      name: 'Institute for Advanced Study',
    },
    extend: (s, first, j) => {
      if (
        s.tokens[j + 1]?.text !== 'for' ||
        !s.joined(j, j + 1) ||
        !s.isCap(j + 2) ||
        !s.joined(j + 1, j + 2)
      )
        return undefined;
      for (let k = first; k <= j; k++) if (ORG_WORDS.has(s.lower(k))) return j + 2;
      return undefined;
    },
  },
  {
    id: 'connector',
    description: 'a particle inside a name ("of", "de la", "van der"), but a person\'s name ends before "of"',
    example: { sentence: 'They met at the Bank of the North today.', name: 'Bank of the North' },
    extend: (s, first, j) => {
      const next = s.tokens[j + 1];
      if (!next || !NAME_CONNECTORS.has(next.text) || !s.joined(j, j + 1)) return undefined;
      if (next.text === 'of' && isPersonRun(s, first, j)) return undefined;
      let k = j + 2;
      const after = s.tokens[k]?.text ?? '';
      if ((after === 'the' || NAME_CONNECTORS.has(after)) && s.joined(j + 1, k)) k++;
      return s.isCap(k) && s.joined(k - 1, k) ? k : undefined;
    },
  },
];

/** The last token of the name that starts at token `first`; `onRule` hears the id of every rule applied. */
export function extendName(s: SentenceTokens, first: number, onRule?: (id: string) => void): number {
  let last = first;
  for (;;) {
    let applied: NameRule | undefined;
    for (const rule of NAME_RULES) {
      const next = rule.extend(s, first, last);
      if (next === undefined) continue;
      applied = rule;
      last = next;
      break;
    }
    if (!applied) return last;
    onRule?.(applied.id);
    if (applied.ends) return last;
  }
}
