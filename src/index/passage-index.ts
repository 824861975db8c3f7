/**
 * The passage index, built straight into the packed form a loaded snapshot holds (index-codec.ts): each passage's
 * terms counted, each term's postings appended in passage order, then one flat array. MiniSearch's `addAll`
 * gives the same index (the tests compare them term by term; only its term tree is filled in sorted order, see
 * decodeIndex) through a term-tree update per word: a quarter of a build at 100k passages, and a Map per term
 * that packing then had to copy.
 */
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { termOf, wordTexts } from '../engine/text/terms.ts';
import { decodeIndex, type PackedIndex } from '../persistence/index-codec.ts';

export interface IndexedPassage {
  id: number;
  text: string;
}

export const PASSAGE_INDEX_OPTIONS: Options<IndexedPassage> = {
  fields: ['text'],
  storeFields: [],
  tokenize: wordTexts,
  processTerm: termOf,
  searchOptions: {
    processTerm: (term) => term,
    tokenize: (text) => text.split(' '),
  },
};

/** Each term's postings, `[passage, frequency, ...]` in passage order; terms in the order first met. */
interface Postings {
  byTerm: Map<string, number[]>;
  /** Per passage: its number of distinct words (what MiniSearch counts as a field's length). */
  lengths: number[];
}

function collectPostings(passages: readonly IndexedPassage[]): Postings {
  const byTerm = new Map<string, number[]>();
  const lengths: number[] = [];
  const distinct = new Set<string>();
  for (const [shortId, passage] of passages.entries()) {
    distinct.clear();
    for (const token of wordTexts(passage.text)) {
      distinct.add(token);
      const term = termOf(token);
      if (!term) continue;
      // a term's postings end with this passage's pair once it has met the term here
      const list = byTerm.get(term);
      if (!list) byTerm.set(term, [shortId, 1]);
      else if (list[list.length - 2] === shortId)
        list[list.length - 1] = (list[list.length - 1] as number) + 1;
      else list.push(shortId, 1);
    }
    lengths.push(distinct.size);
  }
  return { byTerm, lengths };
}

/** The postings as PackedIndex lays them out: per term `[field, count, passage, frequency, ...]`. */
function packed(byTerm: Map<string, number[]>): Pick<PackedIndex, 'terms' | 'postings' | 'postingsFrom'> {
  let length = 0;
  for (const list of byTerm.values()) length += 2 + list.length;
  const postings = new Int32Array(length);
  const postingsFrom = new Int32Array(byTerm.size + 1);
  let at = 0;
  let t = 0;
  for (const list of byTerm.values()) {
    postings[at++] = 0;
    postings[at++] = list.length / 2;
    postings.set(list, at);
    at += list.length;
    postingsFrom[++t] = at;
  }
  return { terms: [...byTerm.keys()], postings, postingsFrom };
}

/** The index MiniSearch would build of the passages (added in order, ids 0, 1, ... as their short ids). */
export function indexPassages(passages: readonly IndexedPassage[]): MiniSearch<IndexedPassage> {
  const { byTerm, lengths } = collectPostings(passages);
  const documentIds: Record<number, number> = {};
  const fieldLength: Record<number, number[]> = {};
  // MiniSearch's running average, in its order of operations (the scores depend on it to the last bit)
  let average = 0;
  for (const [shortId, passage] of passages.entries()) {
    documentIds[shortId] = passage.id;
    const length = lengths[shortId] as number;
    fieldLength[shortId] = [length];
    average = (average * shortId + length) / (shortId + 1);
  }
  const index: PackedIndex = {
    documentCount: passages.length,
    nextId: passages.length,
    documentIds,
    fieldIds: { text: 0 },
    fieldLength,
    averageFieldLength: passages.length > 0 ? [average] : [],
    storedFields: {},
    dirtCount: 0,
    serializationVersion: 2,
    ...packed(byTerm),
  };
  return decodeIndex(index, PASSAGE_INDEX_OPTIONS);
}
