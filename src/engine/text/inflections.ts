/**
 * Irregular forms the stemmer cannot join to their word: "led" and "lead", "began" and "begin", "held" and
 * "hold", "children" and "child" (WordNet's exception lists of verbs and nouns, as wink-nlp's English model
 * ships them). A question asks "who leads" where the text says "led by".
 */
import { createRequire } from 'node:module';
import { stem } from './terms.ts';

const EXCEPTION_LISTS = [
  'wink-eng-lite-web-model/dist/wn-verb-exceptions.js',
  'wink-eng-lite-web-model/dist/wn-noun-exceptions.js',
];

let forms: Map<string, readonly string[]> | null = null;

/** Reads the lists (about 4k forms, a few milliseconds, once per process). */
function load(): Map<string, readonly string[]> {
  const require = createRequire(import.meta.url);
  const related = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    const set = related.get(a) ?? new Set<string>();
    set.add(b);
    related.set(a, set);
  };
  for (const list of EXCEPTION_LISTS) {
    const exceptions = require(list) as Record<string, string>;
    for (const [form, lemma] of Object.entries(exceptions)) {
      const a = stem(form);
      const b = stem(lemma);
      if (a !== b) {
        link(a, b);
        link(b, a);
      }
    }
  }
  return new Map([...related].map(([term, set]) => [term, [...set]]));
}

export function warmUpInflections(): void {
  forms ??= load();
}

/** Index terms (stems) of the other forms of the word of this term: "led" -> "lead", "lead" -> "led". */
export function inflectedTerms(term: string): readonly string[] {
  forms ??= load();
  return forms.get(term) ?? [];
}
