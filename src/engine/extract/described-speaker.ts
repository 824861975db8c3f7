/**
 * Whom a description that speaks stands for ("the prime minister said", "the former monopoly said"), read over
 * the document's entities and the people named so far in reading order.
 */
import { escapeRegExp } from '../text/terms.ts';
import type { EntityTable, LocalEntity } from './entities.ts';
import { type DescribedSpeaker, PERSON_NOUNS } from './quotes.ts';

/** What may name someone in front of an apposition: up to this many characters before its comma or dash. */
const APPOSITION_NAME_CHARS = 200;

/**
 * The text before each apposition of a document's body that is the given words (", the former monopoly",
 * " — the union"), lowercased: whoever's name ends it is described by the words. The body's commas and dashes
 * are read once, at the first description that needs them, then each description looks only at those followed
 * by its first letters, so a long document costs no more per description than a short one.
 */
function appositionsIn(body: string): (words: string) => string[] {
  const key = (text: string) => text.slice(0, 2).toLowerCase();
  let starts: Map<string, number[]> | undefined;
  const separators = () => {
    starts = new Map();
    for (const m of body.matchAll(/(?:,|\s[—–-])\s+(?:the\s+)?/gi)) {
      const after = m.index + m[0].length;
      const at = key(body.slice(after, after + 2));
      const list = starts.get(at);
      if (list) list.push(m.index, after);
      else starts.set(at, [m.index, after]);
    }
    return starts;
  };
  const found = new Map<string, string[]>();
  return (words) => {
    let before = found.get(words);
    if (before) return before;
    before = [];
    const all = starts ?? separators();
    const at = words.length < 2 ? [...all.values()].flat() : (all.get(key(words)) ?? []);
    const sticky = new RegExp(`${escapeRegExp(words)}\\b`, 'iy');
    for (let k = 0; k < at.length; k += 2) {
      const [separator, after] = [at[k] as number, at[k + 1] as number];
      sticky.lastIndex = after;
      if (sticky.test(body)) {
        before.push(body.slice(Math.max(0, separator - APPOSITION_NAME_CHARS), separator).toLowerCase());
      }
    }
    found.set(words, before);
    return before;
  };
}

/**
 * Whom a description that speaks stands for: a person whose role holds its words ("the prime minister" after
 * "Prime Minister Tom Hale"), the latest named; the one entity the text gives it as an apposition ("Zeta Telecom,
 * the former monopoly,"); the one organization named with its noun ("the union" after "the Metal Workers Union");
 * and a role of a named organization nobody named holds ("a Zeta Telecom spokeswoman") is an entity of its own,
 * shown as that role.
 */
export function describedSpeaker(
  body: string,
  table: EntityTable,
  reading: { readonly recentPeople: readonly number[] },
): DescribedSpeaker {
  const appositions = appositionsIn(body);
  return (description) => {
    const words = description.replace(/^\S+\s+/, '');
    const head = words.toLowerCase().split(/\s+/).at(-1) ?? '';
    if (/^the\s/i.test(description)) {
      const role = new RegExp(`\\b${escapeRegExp(words)}\\b`, 'i');
      const roleOf = (e: number) => (table.entities[e] as LocalEntity).role ?? '';
      const holder = reading.recentPeople.findLast((e) => role.test(roleOf(e)));
      if (holder !== undefined) return holder;
      // (a role the text gives shorter, "Minister" for "the prime minister": only when one person holds it)
      const noun = new RegExp(`\\b${head}\\b`, 'i');
      const holders = reading.recentPeople.filter((e) => noun.test(roleOf(e)));
      if (holders.length === 1 && PERSON_NOUNS.has(head)) return holders[0];
      const one = (ids: number[]) => (ids.length === 1 ? ids[0] : undefined);
      const before = appositions(words);
      const apposition = one(
        before.length === 0
          ? []
          : table.entities.flatMap((e, id) => {
              const name = e.name.toLowerCase();
              return e.kind !== 'other' && before.some((text) => text.endsWith(name)) ? [id] : [];
            }),
      );
      if (apposition !== undefined) return apposition;
      return one(
        table.entities.flatMap((e, id) =>
          e.kind === 'org' && e.name.toLowerCase().split(/\s+/).includes(head) ? [id] : [],
        ),
      );
    }
    return /\p{Lu}/u.test(words) && PERSON_NOUNS.has(head) ? table.entityFor(words, 'other') : undefined;
  };
}
