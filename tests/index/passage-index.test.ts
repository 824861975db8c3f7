/** The passage index built straight into packed postings is the index MiniSearch's addAll builds. */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { internalsOf } from '../../src/index/minisearch-internals.ts';
import { PackedPostings } from '../../src/index/packed-postings.ts';
import { type IndexedPassage, indexPassages, PASSAGE_INDEX_OPTIONS } from '../../src/index/passage-index.ts';
import { topMatches } from '../../src/index/top-matches.ts';
import { encodeIndex } from '../../src/persistence/index-codec.ts';

const texts = [
  'The harbor board met on Monday; the harbor board will meet again.',
  '',
  '"We’ll rebuild the quay," said Ada Brill, who chairs the board.',
  'Café owners in Tallin Vale said the 2019 floods cost them dearly.',
  'Of the and to in: nothing but stop words here, and a number 42.',
  'The board’s plan: dredge the harbor, rebuild the quay, reopen the café by spring.',
];
const passages: IndexedPassage[] = [...texts, ...texts.map((t) => t.toUpperCase())].map((text, id) => ({
  id,
  text,
}));

function byMiniSearch(list: IndexedPassage[]): MiniSearch<IndexedPassage> {
  const index = new MiniSearch<IndexedPassage>(PASSAGE_INDEX_OPTIONS);
  index.addAll(list);
  return index;
}

/** toJSON of the index with its terms added in sorted order (index-codec.ts): they come out in reverse. */
function sortedJson(index: MiniSearch<IndexedPassage>) {
  const json = index.toJSON();
  return { ...json, index: [...json.index].sort(([a], [b]) => (a < b ? 1 : -1)) };
}

describe('passage index', () => {
  it('holds the terms, postings, field lengths and average of the index addAll builds', () => {
    const ours = indexPassages(passages);
    const theirs = byMiniSearch(passages);
    const { terms, ...rest } = encodeIndex(ours);
    const { terms: theirTerms, ...theirRest } = encodeIndex(theirs);
    expect(rest.documentIds).toEqual(theirRest.documentIds);
    expect(rest.fieldLength).toEqual(theirRest.fieldLength);
    expect(rest.averageFieldLength).toEqual(theirRest.averageFieldLength);
    expect(ours.toJSON()).toEqual(sortedJson(theirs));
    // its terms added in sorted order (whatever order they were met in), and the postings read in place
    expect(terms).toEqual([...theirTerms].sort().reverse());
    expect([...internalsOf(ours)._index].map(([term]) => term)).toEqual(terms);
    expect([...(internalsOf(ours)._index.get('harbor')?.values() ?? [])][0]).toBeInstanceOf(PackedPostings);
  });

  it("ranks and searches as addAll's index does", () => {
    const ours = indexPassages(passages);
    const theirs = byMiniSearch(passages);
    for (const query of ['harbor board', 'rebuild quay cafe', 'flood', '42', 'spring harbor tallin']) {
      const terms = query.split(' ');
      expect(topMatches(ours, terms, 3)).toEqual(topMatches(theirs, terms, 3));
      expect(ours.search(query, { prefix: true, fuzzy: 0.2 })).toEqual(
        theirs.search(query, { prefix: true, fuzzy: 0.2 }),
      );
    }
  });

  it('builds an empty index from no passages', () => {
    expect(encodeIndex(indexPassages([]))).toEqual(encodeIndex(byMiniSearch([])));
  });
});
