/** A term's postings read in place from a flat array: the Map a build would have made, read-only. */
import { describe, expect, it } from 'vitest';
import { PackedPostings } from '../../src/index/packed-postings.ts';

// Two terms' worth of [doc, freq] pairs; the postings of interest are the three pairs after the first.
const flat = Int32Array.from([9, 9, 2, 1, 5, 3, 40, 2, 7, 7]);
const postings = new PackedPostings(flat, 2, 3);
const asMap = new Map([
  [2, 1],
  [5, 3],
  [40, 2],
]);

describe('PackedPostings', () => {
  it('reads like the Map of the same postings, in ascending document order', () => {
    expect(postings.size).toBe(3);
    expect([...postings]).toEqual([...asMap]);
    expect([...postings.keys()]).toEqual([2, 5, 40]);
    expect([...postings.values()]).toEqual([1, 3, 2]);
    expect(Object.fromEntries(postings)).toEqual(Object.fromEntries(asMap));
    const seen: [number, number][] = [];
    postings.forEach((freq, doc) => {
      seen.push([doc, freq]);
    });
    expect(seen).toEqual([...asMap]);
    expect(new Map(postings)).toEqual(asMap);
  });

  it('finds a document, and only its own', () => {
    for (const doc of [2, 5, 40])
      expect([postings.has(doc), postings.get(doc)]).toEqual([true, asMap.get(doc)]);
    for (const doc of [9, 7, 0, 3, 41])
      expect([postings.has(doc), postings.get(doc)]).toEqual([false, undefined]);
    expect(new PackedPostings(flat, 2, 0).get(2)).toBeUndefined();
  });

  it('cannot be changed', () => {
    expect(() => postings.set()).toThrow(/read-only/);
    expect(() => postings.delete()).toThrow(/read-only/);
    expect(() => postings.clear()).toThrow(/read-only/);
    expect(postings.size).toBe(3);
  });
});
