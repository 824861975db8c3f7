/**
 * Descriptions that stand for a person named before: "the French leader", "the minister".
 */
import type { EntityTable, LocalEntity } from './entities.ts';
import { AFTER_DESCRIPTION, DESCRIPTION_NOUNS, NON_NAME_WORDS, ROLE_MODIFIERS } from './lexicon.ts';
import { isPersonNoun } from './roles.ts';

export interface LocalMention {
  entity: number;
  /** The whole mention, role included ("French Foreign Minister Anne Martin"). */
  start: number;
  end: number;
  /** Where the name itself starts (after the role). */
  nameStart: number;
  /** How the text names the entity ("he" or "she" standing for a person: 'pronoun'). */
  via: 'name' | 'alias' | 'description' | 'pronoun';
  possessive: boolean;
}

const DESCRIPTION = new RegExp(
  `\\b[Tt]he ((?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,2})(${[...DESCRIPTION_NOUNS].join('|')})\\b(?!\\s+of\\b)`,
  'gu',
);

/**
 * The person a description with this qualifier and noun stands for, -1 for none. A bare one ("the president")
 * stands for the latest person whose role has its noun, else for the latest person if they have no role yet, never
 * for one the text gave another role ("Tom Hale, chief executive of Zeta, ... The president said").
 */
function describedPerson(
  table: EntityTable,
  pool: number[],
  qualifier: string,
  noun: string,
  mentions: LocalMention[],
  start: number,
): number {
  const roleOf = (id: number) => ((table.entities[id] as LocalEntity).role ?? '').toLowerCase();
  if (!qualifier) {
    const word = new RegExp(`\\b${noun.toLowerCase()}\\b`);
    const holder = pool.findLast((id) => word.test(roleOf(id)));
    if (holder !== undefined) return holder;
    const latest = pool.at(-1);
    return latest !== undefined && !roleOf(latest) ? latest : -1;
  }
  for (let k = pool.length - 1; k >= 0; k--)
    if (roleOf(pool[k] as number).includes(qualifier)) return pool[k] as number;
  if (pool.length === 0) return -1;
  // a qualifier no role mentions ("the Treasury chief"): the latest person, if named in this sentence
  const latest = pool[pool.length - 1] as number;
  return mentions.some((x) => x.entity === latest && x.start < start) ? latest : -1;
}

/**
 * The descriptions in a sentence (text at offset `base` of the body) resolved to the latest person whose role
 * carries the qualifier, else the latest person, added to `mentions` (the sentence's mentions so far: a later
 * description sees the earlier ones). Returns the role of an opening description that holds no one yet.
 */
export function addDescribedMentions(
  text: string,
  base: number,
  mentions: LocalMention[],
  table: EntityTable,
  recentPeople: readonly number[],
): string | undefined {
  for (const m of text.matchAll(DESCRIPTION)) {
    const start = base + m.index;
    const end = start + m[0].length;
    if (mentions.some((x) => x.start < end && start < x.end && table.isPerson(x.entity))) continue;
    const qualifier = (m[1] ?? '').trim().toLowerCase();
    if (qualifier && NON_NAME_WORDS.has(qualifier)) continue;
    const next = /^\s+(\p{Ll}+)\b/u.exec(text.slice(m.index + m[0].length))?.[1];
    if (next && !AFTER_DESCRIPTION.has(next) && !/(?:ed|ly|s)$/.test(next)) continue;
    const pool = [
      ...recentPeople,
      ...mentions.filter((x) => x.start < start && table.isPerson(x.entity)).map((x) => x.entity),
    ];
    const target = describedPerson(table, pool, qualifier, m[2] as string, mentions, start);
    if (target < 0) continue;
    // "the French leader" names one person; a bare "the president" is no alias for the whole knowledge base
    if (qualifier) (table.entities[target] as LocalEntity).aliases.add(m[0].replace(/^The/, 'the'));
    mentions.push({ entity: target, start, end, nameStart: start, via: 'description', possessive: false });
  }
  return addRoleMentions(text, base, mentions, table, recentPeople);
}

/** "the company's chief financial officer", "the Zeta striker": "the" and up to four words. */
const ROLE_DESCRIPTION = /\b[Tt]he((?: +[^\s,;:.!?"“”()]+){1,4})/g;

/** The role's own words, without the phrase after them: "chief executive" of "chief executive of Zeta". */
const roleHead = (role: string) =>
  role.toLowerCase().split(/\s+(?:of|at|for|with|to|in|on|from)\s+/)[0] as string;

/**
 * The person whose role ends in the words of a description (after "the"), -1 for none: the longest of them that
 * ends in a person noun and a role of the pool ends in ("the chief financial officer added", "the Zeta striker").
 * Returns the entity and how many words the description takes.
 */
function roleHolder(words: string[], pool: number[], table: EntityTable): { entity: number; words: number } {
  for (let k = words.length; k >= 1; k--) {
    const head = words[k - 1] as string;
    if (!/^\p{Ll}[\p{Ll}-]*$/u.test(head) || !isPersonNoun(head)) continue;
    // the role's words: what follows an owner ("company's") or a capitalised word ("Zeta striker")
    let from = k - 1;
    while (from > 0 && /^\p{Ll}[\p{Ll}-]*$/u.test(words[from - 1] as string)) from--;
    const phrase = words.slice(from, k).join(' ');
    const entity = pool.findLast((id) => {
      const role = roleHead((table.entities[id] as LocalEntity).role ?? '');
      return role === phrase || role.endsWith(` ${phrase}`);
    });
    if (entity !== undefined) return { entity, words: k };
  }
  return { entity: -1, words: 0 };
}

/**
 * "... poor old Mathew Tait. The England centre will have ...": a sentence that opens with "the" and a role, as the
 * subject of its verb, names the latest person of the sentences before when that person has no role yet: the role
 * is theirs (no mention is made of it: who speaks is not guessed from it). With no such person ("The Zeta
 * sports minister says he ..." opening an article), the role is returned: the person the next sentence opens
 * with may be the one it introduces.
 */
function giveOpeningRole(
  words: string[],
  table: EntityTable,
  recentPeople: readonly number[],
): string | undefined {
  // the role ends at its person noun, and a verb follows ("will", "said", "hoisted", "has")
  const head = words.findIndex((w) => /^\p{Ll}[\p{Ll}-]*$/u.test(w) && isPersonNoun(w));
  const next = words[head + 1];
  if (head < 0 || !next || !(AFTER_DESCRIPTION.has(next) || /^\p{Ll}+(?:ed|s)$/u.test(next)))
    return undefined;
  const role = words.slice(0, head + 1);
  if (!role.every((w, k) => k === head || /^\p{Lu}/u.test(w) || ROLE_MODIFIERS.has(w))) return undefined;
  const latest = recentPeople.at(-1);
  if (latest === undefined || (table.entities[latest] as LocalEntity).role) return role.join(' ');
  const e = table.entities[latest] as LocalEntity;
  table.entityFor(e.name, e.kind, role.join(' '));
  return undefined;
}

/**
 * Descriptions by a role a person named before holds ("the chief financial officer" after "Ann Lee, the company's
 * chief financial officer"): the latest person whose role ends in the description's role words. Only a role the
 * text gave a person makes a description of them; nothing is guessed from recency alone. Returns the role of an
 * opening description that holds no one yet (see giveOpeningRole).
 */
function addRoleMentions(
  text: string,
  base: number,
  mentions: LocalMention[],
  table: EntityTable,
  recentPeople: readonly number[],
): string | undefined {
  // only people with a role can be described by it, and a sentence opening with "the" can give one
  const hasRole = (id: number) => !!(table.entities[id] as LocalEntity).role;
  const anyRole =
    recentPeople.some(hasRole) || mentions.some((x) => table.isPerson(x.entity) && hasRole(x.entity));
  if (!anyRole && !/^[Tt]he /.test(text)) return undefined;
  let introduced: string | undefined;
  for (const m of text.matchAll(ROLE_DESCRIPTION)) {
    // cheap test first: a person noun among the words ("the company" has none)
    const words = (m[1] as string).trim().split(/ +/);
    if (!words.some((w) => isPersonNoun(w))) continue;
    const start = base + m.index;
    // an apposition right after a name ("Ann Lee, the company's ...") is no mention of its own
    const apposition = text.slice(m.index - 2, m.index) === ', ' && mentions.some((x) => x.end === start - 2);
    if (apposition || mentions.some((x) => x.start <= start && start < x.end)) continue;
    const pool = [
      ...recentPeople.filter(hasRole),
      ...mentions
        .filter((x) => x.start < start && table.isPerson(x.entity) && hasRole(x.entity))
        .map((x) => x.entity),
    ];
    const found = roleHolder(words, pool, table);
    if (found.entity < 0) {
      if (m.index === 0) introduced = giveOpeningRole(words, table, recentPeople);
      continue;
    }
    // "the" and the description's words, as written
    const taken = new RegExp(`^\\S+(?:\\s+\\S+){${found.words}}`).exec(m[0])?.[0] ?? m[0];
    const end = start + taken.length;
    if (mentions.some((x) => x.start < end && start < x.end)) continue;
    mentions.push({
      entity: found.entity,
      start,
      end,
      nameStart: start,
      via: 'description',
      possessive: false,
    });
  }
  return introduced;
}
