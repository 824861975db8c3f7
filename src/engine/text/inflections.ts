/**
 * Irregular forms the stemmer cannot join to their word: "led" and "lead", "began" and "begin", "held" and
 * "hold", "children" and "child" (WordNet's exception lists of verbs and nouns, as wink-nlp's English model
 * ships them). A question asks "who leads" where the text says "led by".
 */
import { createRequire } from 'node:module';
import { type TermRelations, termRelations } from './term-relations.ts';
import { stem } from './terms.ts';

const EXCEPTION_LISTS = [
  'wink-eng-lite-web-model/dist/wn-verb-exceptions.js',
  'wink-eng-lite-web-model/dist/wn-noun-exceptions.js',
];

let forms: TermRelations | null = null;

/** Reads the lists (about 4k forms, a few milliseconds, once per process). */
function load(): TermRelations {
  const require = createRequire(import.meta.url);
  return termRelations((link) => {
    for (const list of EXCEPTION_LISTS) {
      const exceptions = require(list) as Record<string, string>;
      for (const [form, lemma] of Object.entries(exceptions)) link(stem(form), stem(lemma));
    }
  });
}

export function warmUpInflections(): void {
  forms ??= load();
}

/** Index terms (stems) of the other forms of the word of this term: "led" -> "lead", "lead" -> "led". */
export function inflectedTerms(term: string): readonly string[] {
  forms ??= load();
  return forms.get(term) ?? [];
}
