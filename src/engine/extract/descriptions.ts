/**
 * Descriptions that stand for a person named before: "the French leader", "the minister".
 */
import type { EntityTable, LocalEntity } from './entities.ts';
import { AFTER_DESCRIPTION, DESCRIPTION_NOUNS, NON_NAME_WORDS } from './lexicon.ts';

export interface LocalMention {
  entity: number;
  /** The whole mention, role included ("French Foreign Minister Anne Martin"). */
  start: number;
  end: number;
  /** Where the name itself starts (after the role). */
  nameStart: number;
  /** How the text names the entity. */
  via: 'name' | 'alias' | 'description';
  possessive: boolean;
}

const DESCRIPTION = new RegExp(
  `\\b[Tt]he ((?:\\p{Lu}[\\p{L}.'’-]*\\s+){0,2})(${[...DESCRIPTION_NOUNS].join('|')})\\b(?!\\s+of\\b)`,
  'gu',
);

/** The person a description with this qualifier stands for, -1 for none. */
function describedPerson(
  table: EntityTable,
  pool: number[],
  qualifier: string,
  mentions: LocalMention[],
  start: number,
): number {
  for (let k = pool.length - 1; k >= 0; k--) {
    const e = table.entities[pool[k] as number] as LocalEntity;
    if (!qualifier || (e.role ?? '').toLowerCase().includes(qualifier)) return pool[k] as number;
  }
  if (pool.length === 0) return -1;
  // a qualifier no role mentions ("the Treasury chief"): the latest person, if named in this sentence
  const latest = pool[pool.length - 1] as number;
  return mentions.some((x) => x.entity === latest && x.start < start) ? latest : -1;
}

/**
 * The descriptions in a sentence (text at offset `base` of the body) resolved to the latest person whose role
 * carries the qualifier, else the latest person, added to `mentions` (the sentence's mentions so far: a later
 * description sees the earlier ones).
 */
export function addDescribedMentions(
  text: string,
  base: number,
  mentions: LocalMention[],
  table: EntityTable,
  recentPeople: readonly number[],
): void {
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
    const target = describedPerson(table, pool, qualifier, mentions, start);
    if (target < 0) continue;
    // "the French leader" names one person; a bare "the president" is no alias for the whole knowledge base
    if (qualifier) (table.entities[target] as LocalEntity).aliases.add(m[0].replace(/^The/, 'the'));
    mentions.push({ entity: target, start, end, nameStart: start, via: 'description', possessive: false });
  }
}
