/**
 * A compact form of a MiniSearch index for snapshots. `toJSON` writes each term's postings as an object keyed
 * by document number ({"49857": 2, ...}); at 100k passages parsing those objects and `loadJS` turning them back
 * into Maps took most of a warm start. Here the postings are one flat Int32Array (stored as raw bytes, see
 * json-chunks.ts), and loading fills the index's Maps directly: the same index (the tests compare `toJSON` and
 * search results), in a fraction of the time.
 */

import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { yieldToEventLoop } from '../index/event-loop.ts';
import { internalsOf, type TermData } from '../index/minisearch-internals.ts';
import { PackedPostings } from '../index/packed-postings.ts';

/**
 * toJSON without `index`, plus the terms and their postings: term i's are `postings[postingsFrom[i]]` up to
 * `postings[postingsFrom[i + 1]]`, as `[fieldId, count, doc, freq, doc, freq, ...]*`.
 */
export interface PackedIndex extends Omit<AsPlainObject, 'index'> {
  terms: string[];
  postings: Int32Array;
  postingsFrom: Int32Array;
}

/**
 * What `toJSON` gives, with the postings flat. Read straight from the index: `toJSON`'s objects (a key per
 * posting) were the largest transient allocation of a reload at 100k passages.
 */
export function encodeIndex<T>(index: MiniSearch<T>): PackedIndex {
  const mini = internalsOf(index);
  return {
    documentCount: mini._documentCount,
    nextId: mini._nextId,
    documentIds: Object.fromEntries(mini._documentIds),
    fieldIds: mini._fieldIds,
    fieldLength: Object.fromEntries(mini._fieldLength),
    averageFieldLength: mini._avgFieldLength,
    storedFields: Object.fromEntries(mini._storedFields),
    dirtCount: mini._dirtCount,
    serializationVersion: 2,
    ...flatPostings(index),
  } as PackedIndex;
}

/**
 * The index's terms and their postings, as PackedIndex holds them: counted first, then written straight into
 * the one array (at 100k passages a growing array of numbers took more memory than the postings themselves).
 */
function flatPostings<T>(index: MiniSearch<T>): Pick<PackedIndex, 'terms' | 'postings' | 'postingsFrom'> {
  const tree = internalsOf(index)._index;
  const terms: string[] = [];
  let length = 0;
  for (const [term, fields] of tree) {
    terms.push(term);
    for (const freqs of fields.values()) length += 2 + 2 * freqs.size;
  }
  const flat = new Int32Array(length);
  const postingsFrom = new Int32Array(terms.length + 1);
  let at = 0;
  let i = 0;
  // the tree again, in the same order
  for (const [, fields] of tree) {
    for (const [fieldId, freqs] of fields) {
      flat[at++] = fieldId;
      flat[at++] = freqs.size;
      if (freqs instanceof PackedPostings) {
        flat.set(freqs.flat.subarray(freqs.start, freqs.end), at);
        at += freqs.end - freqs.start;
        continue;
      }
      for (const [doc, freq] of inDocumentOrder(freqs)) {
        flat[at++] = doc;
        flat[at++] = freq;
      }
    }
    postingsFrom[++i] = at;
  }
  return { terms, postings: flat, postingsFrom };
}

/** Postings in ascending document numbers, the order toJSON's objects (and so loadJS) give. */
function inDocumentOrder(freqs: Map<number, number>): Iterable<[number, number]> {
  let previous = -1;
  for (const doc of freqs.keys()) {
    if (doc < previous) return [...freqs].sort((a, b) => a[0] - b[0]);
    previous = doc;
  }
  return freqs;
}

/** For each term of the index, how many documents hold it in `field` (read from the postings, no re-tokenising). */
export function documentFrequencies<T>(index: MiniSearch<T>, field: string): Map<string, number> {
  const mini = internalsOf(index);
  const fieldId = mini._fieldIds[field];
  const df = new Map<string, number>();
  for (const [term, fields] of mini._index) {
    const size = fieldId === undefined ? 0 : (fields.get(fieldId)?.size ?? 0);
    if (size > 0) df.set(term, size);
  }
  return df;
}

/** The same counts as documentFrequencies, read from a packed index's postings. */
export function packedDocumentFrequencies(packed: PackedIndex, field: string): Map<string, number> {
  const fieldId = packed.fieldIds[field];
  const df = new Map<string, number>();
  const { postings, postingsFrom } = packed;
  for (const [t, term] of packed.terms.entries()) {
    const end = postingsFrom[t + 1] as number;
    for (let i = postingsFrom[t] as number; i < end; i += 2 + 2 * (postings[i + 1] as number)) {
      const count = postings[i + 1] as number;
      if (postings[i] === fieldId && count > 0) df.set(term, count);
    }
  }
  return df;
}

/**
 * A term's postings, read in place from the flat array (packed-postings.ts) — no Map entry per posting — unless
 * the index holds discarded documents (`dirty`: never a knowledge base's), whose postings MiniSearch removes
 * as searches meet them: those get Maps.
 */
function termData(flat: Int32Array, from: number, end: number, dirty: boolean): TermData {
  const data: TermData = new Map();
  let i = from;
  while (i < end) {
    const fieldId = flat[i] as number;
    const count = flat[i + 1] as number;
    if (!(count >= 0 && i + 2 + 2 * count <= end)) throw new Error('the index in the snapshot is damaged');
    const postings = new PackedPostings(flat, i + 2, count);
    data.set(fieldId, dirty ? new Map(postings) : postings);
    i += 2 + 2 * count;
  }
  return data;
}

/** The snapshot's index without its terms, checked for the shape written by encodeIndex. */
function withoutTerms(packed: PackedIndex): AsPlainObject {
  if (
    !Array.isArray(packed?.terms) ||
    !(packed.postings instanceof Int32Array) ||
    !(packed.postingsFrom instanceof Int32Array) ||
    packed.terms.length + 1 !== packed.postingsFrom.length ||
    packed.postingsFrom[packed.terms.length] !== packed.postings.length
  ) {
    throw new Error('the index in the snapshot is incomplete');
  }
  const { terms: _terms, postings: _postings, postingsFrom: _from, ...rest } = packed;
  return { ...rest, index: [] };
}

/**
 * The order to put the terms into the term tree: sorted. The tree's shape, and so the order its fuzzy and prefix
 * look-ups give terms in (which the scores' sums and ties follow), depends on the order terms are added. A
 * build meets terms in text order, a snapshot lists them in the tree's order: both sorted, they make the same
 * tree. A tree filled in sorted order iterates in reverse sorted order (what encodeIndex writes): no sort then.
 */
function insertionOrder(terms: readonly string[]): number[] {
  const order = [...terms.keys()];
  const ascending = (a: number, b: number) => ((terms[a] as string) < (terms[b] as string) ? -1 : 1);
  if (order.every((i) => i === 0 || ascending(i - 1, i) < 0)) return order;
  if (order.every((i) => i === 0 || ascending(i, i - 1) < 0)) return order.reverse();
  return order.sort(ascending);
}

export function decodeIndex<T>(packed: PackedIndex, options: Options<T>): MiniSearch<T> {
  const index = MiniSearch.loadJS<T>(withoutTerms(packed), options);
  const tree = internalsOf(index)._index;
  const { postings, postingsFrom } = packed;
  const dirty = (packed.dirtCount ?? 0) > 0;
  for (const i of insertionOrder(packed.terms)) {
    tree.set(
      packed.terms[i] as string,
      termData(postings, postingsFrom[i] as number, postingsFrom[i + 1] as number, dirty),
    );
  }
  return index;
}

/** decodeIndex in slices of about `sliceMs`, letting other callbacks run between them. */
export async function decodeIndexAsync<T>(
  packed: PackedIndex,
  options: Options<T>,
  sliceMs = 4,
): Promise<MiniSearch<T>> {
  // loadJSAsync builds the per-document maps in batches too.
  const index = await MiniSearch.loadJSAsync<T>(withoutTerms(packed), options);
  const tree = internalsOf(index)._index;
  const { postings, postingsFrom } = packed;
  const dirty = (packed.dirtCount ?? 0) > 0;
  let sliceStart = performance.now();
  for (const i of insertionOrder(packed.terms)) {
    tree.set(
      packed.terms[i] as string,
      termData(postings, postingsFrom[i] as number, postingsFrom[i + 1] as number, dirty),
    );
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return index;
}
