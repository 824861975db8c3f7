/**
 * A table of index terms that stand for one another (word families, irregular forms, synonyms), built from
 * links that go both ways: each term with the other terms linked to it.
 */
export type TermRelations = Map<string, readonly string[]>;

/** The relations `addLinks` makes by calling `link(a, b)` for each pair of terms (a term is never its own). */
export function termRelations(addLinks: (link: (a: string, b: string) => void) => void): TermRelations {
  const related = new Map<string, Set<string>>();
  const one = (a: string, b: string) => {
    const set = related.get(a) ?? new Set<string>();
    set.add(b);
    related.set(a, set);
  };
  addLinks((a, b) => {
    if (a === b) return;
    one(a, b);
    one(b, a);
  });
  return new Map([...related].map(([term, set]) => [term, [...set]]));
}
