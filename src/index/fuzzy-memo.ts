/**
 * Remembered fuzzy look-ups for a MiniSearch index that never changes (a knowledge base's name index).
 * Finding every term within edit distance 2–3 of a word walks much of the term tree; "did you mean"
 * suggestions look up the same words again (the whole query, then word by word) and people ask with the same
 * words over and over. A bounded memo (least recently used out first) answers repeats at once; results are
 * those of the tree itself. It reads MiniSearch's term tree (`_index`, a SearchableMap) directly.
 */
import type MiniSearch from 'minisearch';
import { internalsOf, type MiniSearchInternals } from './minisearch-internals.ts';

type FuzzyResults = ReturnType<MiniSearchInternals['_index']['fuzzyGet']>;

export function memoizeFuzzyLookups<T>(index: MiniSearch<T>, capacity = 4096): void {
  const tree = internalsOf(index)._index;
  const lookUp = tree.fuzzyGet.bind(tree);
  const memo = new Map<string, FuzzyResults>();
  tree.fuzzyGet = (term: string, maxDistance: number): FuzzyResults => {
    const key = `${maxDistance}\u0000${term}`;
    let results = memo.get(key);
    if (results) {
      memo.delete(key);
    } else {
      results = lookUp(term, maxDistance);
      if (memo.size >= capacity) memo.delete(memo.keys().next().value as string);
    }
    memo.set(key, results);
    // MiniSearch deletes entries from the map it gets: hand out a copy.
    return new Map(results);
  };
}
