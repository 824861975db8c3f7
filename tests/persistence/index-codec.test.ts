import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { internalsOf } from '../../src/index/minisearch-internals.ts';
import { PackedPostings } from '../../src/index/packed-postings.ts';
import { topMatches } from '../../src/index/top-matches.ts';
import {
  decodeIndex,
  decodeIndexAsync,
  documentFrequencies,
  encodeIndex,
  type PackedIndex,
  packedDocumentFrequencies,
} from '../../src/persistence/index-codec.ts';
import { packJson, unpackJson } from '../../src/persistence/json-chunks.ts';

const options = { fields: ['text', 'title'], storeFields: ['title'] };
const documents = [
  { id: 'a', text: 'The harbor plan was approved on Monday', title: 'Harbor' },
  { id: 'b', text: 'The mayor said the plan is sound; the harbor is deep', title: 'Mayor' },
  { id: 'c', text: 'Nothing about boats here', title: 'Other' },
];

function built() {
  const index = new MiniSearch<(typeof documents)[number]>(options);
  index.addAll(documents);
  index.discard('c');
  // Added after a discard: a posting list out of document order, as toJSON would never write it.
  index.add({ id: 'd', text: 'a harbor of boats', title: 'Late' });
  return index;
}

/** toJSON of the index with its terms added in sorted order, as decodeIndex adds them: they come out in reverse. */
function sortedJson<T>(index: MiniSearch<T>) {
  const json = index.toJSON();
  return { ...json, index: [...json.index].sort(([a], [b]) => (a < b ? 1 : -1)) };
}

describe('compact index', () => {
  it('decodes to the same index as toJSON and loadJS would give', async () => {
    const original = built();
    const loaded = MiniSearch.loadJSON(JSON.stringify(original), options);
    const packed = (await unpackJson(packJson(encodeIndex(original)))) as PackedIndex;
    expect(packedDocumentFrequencies(packed, 'text')).toEqual(documentFrequencies(original, 'text'));
    for (const copy of [decodeIndex(packed, options), await decodeIndexAsync(packed, options, 0)]) {
      expect(copy.toJSON()).toEqual(sortedJson(loaded));
      expect([...copy.search('harbor')].map((r) => r.id)).toEqual(
        [...loaded.search('harbor')].map((r) => r.id),
      );
      for (const query of ['harbor', 'plan sound', 'boats', 'har']) {
        expect(copy.search(query, { prefix: true, fuzzy: 0.2 })).toEqual(
          original.search(query, { prefix: true, fuzzy: 0.2 }),
        );
      }
    }
  });

  it('reads the postings of an index without discarded documents in place, with the same results', async () => {
    const original = new MiniSearch<(typeof documents)[number]>(options);
    original.addAll(documents);
    const packed = (await unpackJson(packJson(encodeIndex(original)))) as PackedIndex;
    for (const copy of [decodeIndex(packed, options), await decodeIndexAsync(packed, options, 0)]) {
      const harbor = internalsOf(copy)._index.get('harbor');
      expect([...(harbor?.values() ?? [])][0]).toBeInstanceOf(PackedPostings);
      expect(copy.toJSON()).toEqual(sortedJson(original));
      for (const query of ['harbor', 'plan sound', 'boats', 'har']) {
        expect(copy.search(query, { prefix: true, fuzzy: 0.2 })).toEqual(
          original.search(query, { prefix: true, fuzzy: 0.2 }),
        );
        expect(topMatches(copy, query.split(' '), 2)).toEqual(topMatches(original, query.split(' '), 2));
      }
    }
    const damaged = { ...packed, postings: packed.postings.map((x, i) => (i === 1 ? 1000 : x)) };
    expect(() => decodeIndex(damaged, options)).toThrow(/damaged/);
  });

  it('is refused when its terms are missing or do not match the postings', () => {
    const packed = encodeIndex(built());
    expect(() => decodeIndex({ ...packed, postings: packed.postings.slice(1) }, options)).toThrow(
      /incomplete/,
    );
    expect(() => decodeIndex({ ...packed, postingsFrom: packed.postingsFrom.slice(1) }, options)).toThrow(
      /incomplete/,
    );
    expect(() => decodeIndex({ ...packed, postings: [...packed.postings] } as never, options)).toThrow(
      /incomplete/,
    );
    expect(() => decodeIndex({ ...packed, terms: undefined } as never, options)).toThrow(/incomplete/);
  });

  it('counts, per term, the documents that hold it in a field', () => {
    const index = new MiniSearch<(typeof documents)[number]>(options);
    index.addAll(documents);
    const df = documentFrequencies(index, 'text');
    expect(df.get('harbor')).toBe(2);
    expect(df.get('the')).toBe(2);
    expect(df.get('boats')).toBe(1);
    // a term only in another field is not counted
    expect(df.has('mayor')).toBe(true);
    expect(df.has('other')).toBe(false);
    expect(documentFrequencies(index, 'nosuchfield').size).toBe(0);
  });
});
