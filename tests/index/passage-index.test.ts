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

describe('passage index', () => {
  it('holds the terms, postings, field lengths and average of the index addAll builds', () => {
    const ours = indexPassages(passages);
    const theirs = byMiniSearch(passages);
    expect(encodeIndex(ours)).toEqual(encodeIndex(theirs));
    expect(ours.toJSON()).toEqual(theirs.toJSON());
    // its terms in the order addAll first met them, and the postings read in place
    expect([...internalsOf(ours)._index].map(([term]) => term)).toEqual(
      [...internalsOf(theirs)._index].map(([term]) => term),
    );
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
