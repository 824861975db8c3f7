/**
 * Word families the stemmer cannot join: "invade" and "invasion", "settle" and "settlement", "die" and "death"
 * (derivationally related forms from WordNet, in derivations.txt). A question often names an event with a
 * verb where the text has the noun, or the other way round.
 */
import { readFileSync } from 'node:fs';
import { stem } from './terms.ts';

const FILE = new URL('./derivations.txt', import.meta.url);

let families: Map<string, readonly string[]> | null = null;

/** Reads the file (about 12k lines, a few tens of milliseconds, once per process). */
function load(): Map<string, readonly string[]> {
  const related = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = related.get(a) ?? new Set<string>();
    set.add(b);
    related.set(a, set);
  };
  for (const line of readFileSync(FILE, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [head, ...others] = line.split(' ').map(stem);
    for (const other of others)
      if (head && other !== head) {
        link(head, other);
        link(other, head);
      }
  }
  return new Map([...related].map(([term, set]) => [term, [...set]]));
}

export function warmUpDerivations(): void {
  families ??= load();
}

/** Index terms (stems) of the words derivationally related to the word of this term: "invad" -> "invas", ... */
export function derivedTerms(term: string): readonly string[] {
  families ??= load();
  return families.get(term) ?? [];
}
