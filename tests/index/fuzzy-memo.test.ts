import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { memoizeFuzzyLookups } from '../../src/index/fuzzy-memo.ts';

const names = [
  'Volodymyr Zelenskyy',
  'Vladimir Putin',
  'Donald Trump',
  'Pete Hegseth',
  'Zelda Fitzgerald',
  'Putnam County',
].map((name, id) => ({ id, name }));

function index() {
  const mini = new MiniSearch<{ id: number; name: string }>({ fields: ['name'] });
  mini.addAll(names);
  return mini;
}

describe('remembered fuzzy look-ups', () => {
  it('give the same results as the index itself, the first time and again', () => {
    const plain = index();
    const memoized = index();
    memoizeFuzzyLookups(memoized, 3);
    const queries = [
      'zelensky',
      'putn',
      'trump hegset',
      'zelensky',
      'puttin',
      'fitzgerlad zelenskyy',
      'putn',
    ];
    for (const options of [
      { fuzzy: 0.34, prefix: true },
      { fuzzy: 0.25, maxFuzzy: 2 },
    ]) {
      for (let round = 0; round < 2; round++) {
        for (const query of queries)
          expect(memoized.search(query, options)).toEqual(plain.search(query, options));
      }
    }
  });

  it('look a word up in the tree once while it stays among the most recent', () => {
    const memoized = index();
    const tree = (memoized as unknown as { _index: { fuzzyGet: (...args: unknown[]) => unknown } })._index;
    const original = tree.fuzzyGet.bind(tree);
    let lookUps = 0;
    tree.fuzzyGet = (...args: unknown[]) => {
      lookUps++;
      return original(...args);
    };
    memoizeFuzzyLookups(memoized, 2);
    memoized.search('zelensky', { fuzzy: 0.34 });
    memoized.search('zelensky', { fuzzy: 0.34 });
    expect(lookUps).toBe(1);
    memoized.search('putn trump', { fuzzy: 0.34 });
    expect(lookUps).toBe(3);
    memoized.search('zelensky', { fuzzy: 0.34 });
    expect(lookUps).toBe(4);
  });
});
