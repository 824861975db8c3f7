import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { FuzzyTerms, scanFuzzyLookups } from '../../src/index/fuzzy-terms.ts';
import { internalsOf } from '../../src/index/minisearch-internals.ts';
import { seededRandom } from '../../tools/bench/corpus.ts';

const SYLLABLES = ['ka', 'lo', 'mer', 'tin', 'bra', 'vel', 'os', 'u', 'dré', 'ñe', 'st', 'ql'];

/** Made-up words of one to five syllables, some sharing beginnings (a deep tree, nodes split both ways). */
function madeUpTexts(count: number): { id: number; text: string }[] {
  const random = seededRandom(11);
  const word = () => {
    let w = '';
    for (let s = 1 + Math.floor(random() * 5); s > 0; s--)
      w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return w;
  };
  return Array.from({ length: count }, (_, id) => ({
    id,
    text: Array.from({ length: 6 }, word).join(' '),
  }));
}

function index() {
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  mini.addAll(madeUpTexts(400));
  return mini;
}

/** A look-up's terms, distances and whether each value is the tree's own, in order. */
function shown(results: Map<string, [unknown, number]>, tree: ReturnType<typeof internalsOf>['_index']) {
  return [...results].map(([term, [data, distance]]) => [term, distance, data === tree.get(term)]);
}

const WORDS = ['kalomer', 'tinbra', 'velos', 'drené', 'u', 'ka', 'ñeñe', 'stqlka', 'xyz', 'merkatinbravelos'];

describe('fuzzy look-ups by a scan of the terms', () => {
  it('find what the tree finds, with the same distances, in the same order', () => {
    const tree = internalsOf(index())._index;
    const terms = new FuzzyTerms(tree);
    for (const word of WORDS)
      for (const maxDistance of [2, 3, 4]) {
        expect(FuzzyTerms.scans(word, maxDistance)).toBe(true);
        const expected = shown(tree.fuzzyGet(word, maxDistance), tree);
        expect(shown(terms.lookUp(word, maxDistance), tree)).toEqual(expected);
      }
    expect(shown(terms.lookUp('velos', 3), tree).length).toBeGreaterThan(3);
  });

  it('leave one edit, the empty word and words too long for a machine word to the tree', () => {
    expect(FuzzyTerms.scans('velos', 1)).toBe(false);
    expect(FuzzyTerms.scans('', 2)).toBe(false);
    expect(FuzzyTerms.scans('k'.repeat(32), 2)).toBe(false);
  });

  it('leave search results unchanged once installed', () => {
    const plain = index();
    const scanned = index();
    scanFuzzyLookups(scanned);
    for (const query of [...WORDS, 'kalomer tinbra', 'k'.repeat(40)])
      for (const options of [{ fuzzy: 0.34, prefix: true }, { fuzzy: 3 }, { fuzzy: 1 }])
        expect(scanned.search(query, options)).toEqual(plain.search(query, options));
  });
});
