/**
 * Autocomplete by role: typing "prime min", "the chancellor" or "Zeta chief econ" offers the people whose role in
 * the documents holds those words ("Ann Lee — Prime Minister"), as /who answers "who is the chancellor" with the
 * person who holds it; a role nobody named holds offers no one. Courtesy titles and roles before a name ("Mr Hale",
 * "president brandt") leave the name to complete.
 */
import { aliasKey, type EntityData } from '../index/kb-data.ts';

/** An autocomplete choice: what Discord shows (`name`, up to 100 characters) and what it sends back (`value`). */
export interface NameChoice {
  name: string;
  value: string;
}

export const ROLE_COMPLETION = {
  /** A single typed word shorter than this ("mi") completes no role word: too many would match. */
  minPrefixChars: 3,
} as const;

interface RoleEntry {
  entity: number;
  /** The role as the text gives it. */
  role: string;
  /** Folded (aliasKey). */
  key: string;
}

/** The people's roles, and for each word of them the roles that have it; made once, at the first role typed. */
export class RoleIndex {
  readonly #entities: readonly EntityData[];
  readonly #entries: RoleEntry[] = [];
  readonly #byWord = new Map<string, number[]>();
  /** The distinct role words, sorted (for a typed word's prefix). */
  readonly #words: string[];

  constructor(entities: readonly EntityData[]) {
    this.#entities = entities;
    for (const [entity, e] of entities.entries()) {
      if (e.kind !== 'person') continue;
      for (const role of new Set([e.role ?? '', ...(e.roles ?? [])])) {
        const key = aliasKey(role);
        if (!key) continue;
        const at = this.#entries.push({ entity, role, key }) - 1;
        for (const word of new Set(key.split(' '))) {
          const list = this.#byWord.get(word);
          if (list) list.push(at);
          else this.#byWord.set(word, [at]);
        }
      }
    }
    this.#words = [...this.#byWord.keys()].sort();
  }

  /**
   * The people (those `keep` takes) whose role holds the folded `key` from the start of one of its words, the last
   * word typed maybe in part, the most mentioned first, labelled "Name — role": `whole`, those whose role ends with
   * the whole key (of whom /who answers with the first), and `partial`, the others.
   */
  holders(key: string, keep: (e: EntityData) => boolean): { whole: NameChoice[]; partial: NameChoice[] } {
    const typed = key.split(' ');
    const first = typed[0] ?? '';
    const whole: NameChoice[] = [];
    const partial: NameChoice[] = [];
    if (typed.length === 1 && first.length < ROLE_COMPLETION.minPrefixChars) return { whole, partial };
    const candidates = new Set<number>();
    if (typed.length > 1) for (const at of this.#byWord.get(first) ?? []) candidates.add(at);
    else
      for (let i = lowerBound(this.#words, first); this.#words[i]?.startsWith(first); i++)
        for (const at of this.#byWord.get(this.#words[i] as string) ?? []) candidates.add(at);
    const found = [...candidates]
      .map((at) => this.#entries[at] as RoleEntry)
      .filter((r) => ` ${r.key}`.includes(` ${key}`) && keep(this.#entities[r.entity] as EntityData));
    const mentions = (r: RoleEntry) => (this.#entities[r.entity] as EntityData).mentions.length;
    found.sort((a, b) => mentions(b) - mentions(a) || a.role.length - b.role.length || a.entity - b.entity);
    for (const r of found) {
      const name = (this.#entities[r.entity] as EntityData).name;
      const ends = r.key === key || r.key.endsWith(` ${key}`);
      (ends ? whole : partial).push({ name: `${name} — ${r.role}`, value: name });
    }
    return { whole, partial };
  }
}

/** The first index of sorted `words` not before `word`. */
function lowerBound(words: readonly string[], word: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((words[mid] as string) < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
