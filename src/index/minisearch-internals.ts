/**
 * The private parts of a MiniSearch instance that storybot reads or fills directly (the fields MiniSearch has
 * kept since 6.0, unchanged in 7.x), declared once: the one place to check on a MiniSearch upgrade.
 * Used by the compact snapshot codec, the top-k search, the fuzzy memo and the fuzzy scan (fuzzy-terms.ts).
 */
import type MiniSearch from 'minisearch';

/** A node of the term tree: edge label -> child node; the empty label -> the data of the term ending here. */
export type TreeNode = Map<string, TreeNode | TermData>;

/** Per field id, each document's term frequency. */
export type TermData = Map<number, Map<number, number>>;

interface BM25 {
  k: number;
  b: number;
  d: number;
}

export interface MiniSearchInternals {
  /** The term tree (a SearchableMap): every term with its postings. */
  _index: Iterable<[string, TermData]> & {
    get(term: string): TermData | undefined;
    set(term: string, data: TermData): unknown;
    atPrefix(prefix: string): Iterable<[string, TermData]>;
    fuzzyGet(term: string, maxDistance: number): Map<string, [TermData, number]>;
    /** The radix tree itself: per node, each key's child node, and under "" the term's data. */
    _tree: TreeNode;
  };
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, Record<string, unknown> | undefined>;
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _options: {
    fields: string[];
    tokenize: (text: string) => string[];
    processTerm: (term: string) => string | string[] | null | undefined | false;
    searchOptions: {
      bm25: BM25;
      boost?: Record<string, number>;
      weights?: { fuzzy?: number; prefix?: number };
      maxFuzzy?: number;
      tokenize?: (text: string) => string[];
      processTerm?: (term: string) => string | string[] | null | undefined | false;
    };
  };
}

export function internalsOf<T>(index: MiniSearch<T>): MiniSearchInternals {
  return index as unknown as MiniSearchInternals;
}
