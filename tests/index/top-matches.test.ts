import MiniSearch from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { terms as termsOf } from '../../src/engine/text/terms.ts';
import { type IndexedPassage, PASSAGE_INDEX_OPTIONS } from '../../src/index/passage-index.ts';
import { topMatches, topSearchMatches } from '../../src/index/top-matches.ts';
import { loadBrownTexts, seededRandom } from '../../tools/bench/corpus.ts';

let index: MiniSearch<IndexedPassage>;
let vocabulary: string[];

beforeAll(async () => {
  const texts = (await loadBrownTexts()).slice(0, 60);
  const paragraphs = texts.flatMap((t) => t.paragraphs);
  // Every paragraph twice, as the benchmark's repeated texts: equal scores must keep MiniSearch's order.
  const passages = [...paragraphs, ...paragraphs].map((text, id) => ({
    id,
    text,
    title: texts[id % texts.length]?.title ?? '',
  }));
  index = new MiniSearch<IndexedPassage>(PASSAGE_INDEX_OPTIONS);
  index.addAll(passages);
  vocabulary = [...new Set(paragraphs.flatMap((p) => termsOf(p)))];
});

const reference = (terms: string[], k: number) =>
  index
    .search(terms.join(' '), { combineWith: 'OR' })
    .slice(0, k)
    .map(({ id, score }) => ({ id, score }));

describe('top matches', () => {
  it('are exactly the first results of a MiniSearch OR search: same documents, scores and order', () => {
    const random = seededRandom(5);
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(random() * 8);
      const terms = Array.from(
        { length: n },
        () => vocabulary[Math.floor(random() * vocabulary.length)] as string,
      );
      if (i % 10 === 0) terms.push('zzqxnotaterm');
      const unique = [...new Set(terms)];
      const k = [1, 12, Number.POSITIVE_INFINITY][i % 3] as number;
      expect(topMatches(index, unique, k)).toEqual(reference(unique, k));
    }
  });

  it('score a repeated query term twice but count it once, like MiniSearch', () => {
    const terms = [vocabulary[3] as string, vocabulary[7] as string, vocabulary[3] as string];
    expect(topMatches(index, terms, 12)).toEqual(reference(terms, 12));
  });

  it('are empty for no terms, unknown terms or k = 0', () => {
    expect(topMatches(index, [], 5)).toEqual([]);
    expect(topMatches(index, ['zzqxnotaterm'], 5)).toEqual([]);
    expect(topMatches(index, [vocabulary[0] as string], 0)).toEqual([]);
  });

  it('follow the field boosts of the index, and a boost of 0 counting as 1', () => {
    const multi = new MiniSearch<{ id: number; a: string; b: string }>({
      fields: ['a', 'b'],
      searchOptions: { boost: { a: 0, b: 2.5 } },
    });
    multi.addAll([
      { id: 1, a: 'red fox', b: 'fox' },
      { id: 2, a: 'red', b: 'red hen' },
      { id: 3, a: 'blue', b: 'fox' },
    ]);
    const expected = multi.search('red fox', { combineWith: 'OR' }).map(({ id, score }) => ({ id, score }));
    expect(topMatches(multi, ['red', 'fox'], 10)).toEqual(expected);
  });

  it('follow the index when documents are added or discarded after a query', () => {
    const small = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    small.addAll([
      { id: 1, text: 'harbor plan approved' },
      { id: 2, text: 'harbor deep and wide' },
      { id: 3, text: 'plan for the harbor' },
    ]);
    const same = () =>
      expect(topMatches(small, ['harbor', 'plan'], 10)).toEqual(
        small.search('harbor plan', { combineWith: 'OR' }).map(({ id, score }) => ({ id, score })),
      );
    same();
    small.discard(1);
    same();
    small.add({ id: 4, text: 'harbor plan harbor plan' });
    same();
  });
});

describe('top matches with prefix and fuzzy terms', () => {
  it('are exactly the first results of a MiniSearch OR search with the same options', async () => {
    const texts = (await loadBrownTexts()).slice(100, 140);
    const paragraphs = texts.flatMap((t) => t.paragraphs);
    const mini = new MiniSearch<{ id: number; text: string; title: string }>({
      fields: ['text', 'title'],
      searchOptions: { boost: { title: 2 } },
    });
    mini.addAll(
      [...paragraphs, ...paragraphs].map((text, id) => ({ id, text, title: texts[id % 40]?.title ?? '' })),
    );
    const words = [
      ...new Set(
        paragraphs
          .join(' ')
          .toLowerCase()
          .match(/[a-z]+/g) ?? [],
      ),
    ];
    const random = seededRandom(9);
    const pick = () => words[Math.floor(random() * words.length)] as string;
    const queries = [
      'what did they say about a few of the merits',
      'a',
      'the harbor',
      ...Array.from(
        { length: 60 },
        () => `${pick()} ${pick().slice(0, 3)} ${pick().replace(/^(.)(.)/, '$2$1')}`,
      ),
    ];
    for (const options of [
      { fuzzy: 0.34, prefix: true, maxFuzzy: 3 },
      { fuzzy: 0.2, prefix: true },
      { prefix: true },
      { fuzzy: 0.25 },
    ]) {
      for (const query of queries) {
        const expected = mini
          .search(query, { ...options, combineWith: 'OR' })
          .slice(0, 5)
          .map(({ id, score }) => ({ id, score }));
        expect(topSearchMatches(mini, query, options, 5)).toEqual(expected);
        // every match, best first: all of search's results in its order
        const all = mini
          .search(query, { ...options, combineWith: 'OR' })
          .map(({ id, score }) => ({ id, score }));
        expect(topSearchMatches(mini, query, options, Number.POSITIVE_INFINITY)).toEqual(all);
        // AND: only documents with every term, in search's order
        const every = mini
          .search(query, { ...options, combineWith: 'AND' })
          .map(({ id, score }) => ({ id, score }));
        const and = { ...options, combineWith: 'AND' } as const;
        expect(topSearchMatches(mini, query, and, Number.POSITIVE_INFINITY)).toEqual(every);
        expect(topSearchMatches(mini, query, and, 3)).toEqual(every.slice(0, 3));
        if (query === 'the harbor') expect(every.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('top matches of every term (AND)', () => {
  it("keep search's order among equal scores: the order the last term meets the documents", () => {
    const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    // Same lengths and frequencies: equal scores; "al" meets them in the term tree's order, "ze" in id order.
    mini.addAll(['alto zed', 'alpa zed', 'alma zed', 'alfa zed'].map((text, id) => ({ id, text })));
    for (const query of ['al ze', 'ze al']) {
      const options = { prefix: true, combineWith: 'AND' } as const;
      const expected = mini.search(query, options).map(({ id, score }) => ({ id, score }));
      expect(expected).toHaveLength(4);
      expect(topSearchMatches(mini, query, options, Number.POSITIVE_INFINITY)).toEqual(expected);
    }
  });
});
