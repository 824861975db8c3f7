/**
 * Word families the stemmer cannot join: "invade" and "invasion", "settle" and "settlement", "die" and "death"
 * (derivationally related forms from WordNet, in derivations.txt). A question often names an event with a
 * verb where the text has the noun, or the other way round.
 */
import { readFileSync } from 'node:fs';
import { type TermRelations, termRelations } from './term-relations.ts';
import { stem } from './terms.ts';

const FILE = new URL('./derivations.txt', import.meta.url);

let families: TermRelations | null = null;

/** Reads the file (about 12k lines, a few tens of milliseconds, once per process). */
function load(): TermRelations {
  return termRelations((link) => {
    for (const line of readFileSync(FILE, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [head, ...others] = line.split(' ').map(stem);
      if (head) for (const other of others) link(head, other);
    }
  });
}

export function warmUpDerivations(): void {
  families ??= load();
}

/** Index terms (stems) of the words derivationally related to the word of this term: "invad" -> "invas", ... */
export function derivedTerms(term: string): readonly string[] {
  families ??= load();
  return families.get(term) ?? [];
}
