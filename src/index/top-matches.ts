/**
 * The best few documents for an OR query of exact terms, with the same scores and the same order as
 * `index.search(terms.join(' '), { combineWith: 'OR' }).slice(0, k)` — without building a result object for
 * every matching document. At 100k passages a common term matches tens of thousands of them, and MiniSearch's
 * per-document objects (and the garbage they leave) were most of the answer time.
 *
 * It reads MiniSearch's index directly (src/minisearch-internals.ts), so it is limited to what the engine asks
 * for: OR, field boosts from the index's search options, no term or document boosts; `topMatches` takes exact
 * terms (already processed), `topSearchMatches` adds prefix and fuzzy expansion for the suggestions.
 * The tests compare it with `search` on real text.
 */
import type MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import { type MiniSearchInternals as Internals, internalsOf, type TermData } from './minisearch-internals.ts';
import { PackedPostings } from './packed-postings.ts';

export interface TopMatch {
  id: unknown;
  score: number;
}

/** Scratch arrays per index, reused by every query (answers run one at a time on the main thread). */
interface Scratch {
  score: Float64Array;
  /** 1 + index of the last query term that matched the document; 0 for untouched documents. */
  lastTerm: Int32Array;
  matchedTerms: Uint16Array;
  touched: Int32Array;
  termScore: Float64Array;
  termTouched: Int32Array;
  /** Per field id: each document's field length. */
  fieldLength: Float64Array[];
  /** What the arrays were made from; a changed index gets new ones. */
  signature: string;
}
const scratches = new WeakMap<object, Scratch>();

function signatureOf(index: Internals): string {
  return `${index._nextId}/${index._documentCount}/${index._dirtCount}`;
}

/** Field lengths in flat arrays: a Map look-up per posting was a large part of the time. */
function fieldLengths(index: Internals): Float64Array[] {
  const n = index._nextId;
  const arrays = Object.values(index._fieldIds).map(() => new Float64Array(n));
  for (const [docId, lengths] of index._fieldLength) {
    for (const [fieldId, array] of arrays.entries()) array[docId] = lengths[fieldId] as number;
  }
  return arrays;
}

function scratchFor(index: Internals): Scratch {
  const n = index._nextId;
  let scratch = scratches.get(index);
  if (!scratch || scratch.signature !== signatureOf(index)) {
    scratch = {
      score: new Float64Array(n),
      lastTerm: new Int32Array(n),
      matchedTerms: new Uint16Array(n),
      touched: new Int32Array(n),
      termScore: new Float64Array(n).fill(-1),
      termTouched: new Int32Array(n),
      fieldLength: fieldLengths(index),
      signature: signatureOf(index),
    };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** One query term and the index terms it matches: itself, and its prefix and fuzzy expansions, weighted. */
interface TermSpec {
  term: string;
  matches: [TermData, number][];
}

function searchTop<T>(index: MiniSearch<T>, query: string, options: SearchOptions, k: number): TopMatch[] {
  return index
    .search(query, { combineWith: 'OR', ...options })
    .slice(0, k)
    .map(({ id, score }) => ({ id, score }));
}

/** The index's fields with their boosts from its search options (a boost of 0 counts as 1). */
function boostedFields(mini: Internals): { id: number; boost: number }[] {
  const { boost = {} } = mini._options.searchOptions;
  return mini._options.fields.map((field) => ({
    id: mini._fieldIds[field] as number,
    boost: (Object.hasOwn(boost, field) ? boost[field] : undefined) || 1,
  }));
}

/**
 * The best `k` of an OR query (or an AND query: `every`), as MiniSearch scores it. Sums are made in MiniSearch's
 * order — per query term: its index terms one by one, each field by field; then query term by query term —
 * and documents are met in its order, so scores and ties come out the same.
 */
function rank(mini: Internals, specs: readonly TermSpec[], k: number, every = false): TopMatch[] {
  const bm25 = mini._options.searchOptions.bm25;
  const fields = boostedFields(mini);
  const scratch = scratchFor(mini);
  const { termScore, termTouched, fieldLength: lengths } = scratch;
  let count = 0;
  let lastTermCount = 0;
  // The current query term and field, read by the helper below: made once per query, not per index term and
  // field (a one-letter prefix expands to thousands of index terms).
  let term: TermScoring = { invDocFreq: 0, avgFieldLength: 0, weight: 0, mark: 0, counts: false };
  let direct = false;
  let termCount = 0;
  let fieldLengthOf = lengths[0] as Float64Array;
  const add = (docId: number, termFreq: number) => {
    const value = weightedScore(term, bm25, termFreq, fieldLengthOf[docId] as number);
    if (direct) {
      count = addToDocument(scratch, docId, value, term.mark, term.counts, count);
    } else if ((termScore[docId] as number) < 0) {
      termTouched[termCount++] = docId;
      termScore[docId] = value;
    } else {
      termScore[docId] = (termScore[docId] as number) + value;
    }
  };
  for (const [t, spec] of specs.entries()) {
    // A query term given twice adds its score twice but counts once, as in MiniSearch.
    const counts = specs.findIndex((other) => other.term === spec.term) === t;
    // One index term in one field meets each document once: its score goes straight into the document's.
    // (AND keeps the order in which the last term meets them: that pass lists them.)
    direct = !every && spec.matches.length === 1 && fields.length === 1;
    termCount = 0;
    for (const [fieldData, termWeight] of spec.matches) {
      for (const field of fields) {
        const freqs = fieldData.get(field.id);
        if (!freqs) continue;
        fieldLengthOf = lengths[field.id] as Float64Array;
        term = {
          invDocFreq: Math.log(1 + (mini._documentCount - freqs.size + 0.5) / (freqs.size + 0.5)),
          avgFieldLength: mini._avgFieldLength[field.id] as number,
          weight: termWeight * field.boost,
          mark: t + 1,
          counts,
        };
        if (freqs instanceof PackedPostings && direct) {
          count = addDirect(scratch, bm25, freqs, fieldLengthOf, term, count);
        } else if (freqs instanceof PackedPostings) {
          // Straight from the flat array: an iterator step per posting was most of a common term's time.
          const { flat, start, end } = freqs;
          for (let p = start; p < end; p += 2) add(flat[p] as number, flat[p + 1] as number);
        } else {
          for (const [docId, termFreq] of freqs) add(docId, termFreq);
        }
      }
    }
    for (let i = 0; i < termCount; i++) {
      const docId = termTouched[i] as number;
      count = addToDocument(scratch, docId, termScore[docId] as number, t + 1, counts, count);
      termScore[docId] = -1;
    }
    lastTermCount = termCount;
  }
  if (every)
    return everyTermByScore(mini, scratch, count, lastTermCount, new Set(specs.map((s) => s.term)).size, k);
  return bestByScore(mini, scratch, count, k);
}

/** How one query term's postings in one field score, and how they count (`mark`: 1 + the term's place). */
interface TermScoring {
  invDocFreq: number;
  avgFieldLength: number;
  weight: number;
  mark: number;
  /** The term counts towards the document's matched terms (not a repeat of an earlier query term). */
  counts: boolean;
}

/** MiniSearch's BM25+ score of a posting (calcBM25Score, in its order of operations), times the term's weight. */
function weightedScore(
  term: TermScoring,
  { k: k1, b, d }: { k: number; b: number; d: number },
  termFreq: number,
  fieldLength: number,
): number {
  const raw =
    term.invDocFreq *
    (d + (termFreq * (k1 + 1)) / (termFreq + k1 * (1 - b + (b * fieldLength) / term.avgFieldLength)));
  return term.weight * raw;
}

/**
 * Adds a query term's score to the document's (`mark`, `counts`: TermScoring's); returns the new count of
 * documents touched.
 */
function addToDocument(
  { score, lastTerm, matchedTerms, touched }: Scratch,
  docId: number,
  value: number,
  mark: number,
  counts: boolean,
  touchedCount: number,
): number {
  let count = touchedCount;
  if (lastTerm[docId] === 0) {
    touched[count++] = docId;
    score[docId] = value;
    matchedTerms[docId] = 1;
  } else {
    score[docId] = (score[docId] as number) + value;
    if (counts) matchedTerms[docId] = (matchedTerms[docId] as number) + 1;
  }
  lastTerm[docId] = mark;
  return count;
}

/**
 * `add` for each of one term's postings (one field, read in place, scored straight into the documents'), in one
 * loop with no closure: the loop over a common term's thousands of postings.
 */
function addDirect(
  scratch: Scratch,
  bm25: { k: number; b: number; d: number },
  postings: PackedPostings,
  fieldLengthOf: Float64Array,
  term: TermScoring,
  touchedCount: number,
): number {
  const { flat, start, end } = postings;
  let count = touchedCount;
  for (let p = start; p < end; p += 2) {
    const docId = flat[p] as number;
    const value = weightedScore(term, bm25, flat[p + 1] as number, fieldLengthOf[docId] as number);
    count = addToDocument(scratch, docId, value, term.mark, term.counts, count);
  }
  return count;
}

/** The best `k` matched documents: highest score first; among equal scores the document met first. */
function bestByScore(mini: Internals, scratch: Scratch, count: number, k: number): TopMatch[] {
  const { score, lastTerm, matchedTerms, touched } = scratch;
  // As MiniSearch's stable sort leaves them.
  if (count <= k) return allByScore(mini, touched, count, score, matchedTerms, lastTerm);
  const best: { docId: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    const docId = touched[i] as number;
    const final = (score[docId] as number) * (matchedTerms[docId] as number);
    lastTerm[docId] = 0;
    if (best.length === k && final <= (best[k - 1] as { score: number }).score) continue;
    let at = best.length;
    while (at > 0 && (best[at - 1] as { score: number }).score < final) at--;
    best.splice(at, 0, { docId, score: final });
    if (best.length > k) best.pop();
  }
  return best.map(({ docId, score: s }) => ({ id: mini._documentIds.get(docId), score: s }));
}

/**
 * The documents that match every query term (`terms` distinct ones), best first, among equal scores in the
 * order the last term met them: MiniSearch's AND keeps the last term's order.
 */
function everyTermByScore(
  mini: Internals,
  { score, lastTerm, matchedTerms, touched, termTouched }: Scratch,
  count: number,
  lastTermCount: number,
  terms: number,
  k: number,
): TopMatch[] {
  const all: { docId: number; score: number }[] = [];
  for (let i = 0; i < lastTermCount; i++) {
    const docId = termTouched[i] as number;
    if (matchedTerms[docId] === terms) all.push({ docId, score: (score[docId] as number) * terms });
  }
  for (let i = 0; i < count; i++) lastTerm[touched[i] as number] = 0;
  all.sort((a, b) => b.score - a.score);
  return all.slice(0, k).map(({ docId, score: s }) => ({ id: mini._documentIds.get(docId), score: s }));
}

/** Every matched document, best first (a stable sort: the insertion of `rank` is quadratic for them all). */
function allByScore(
  mini: Internals,
  touched: Int32Array,
  count: number,
  score: Float64Array,
  matchedTerms: Uint16Array,
  lastTerm: Int32Array,
): TopMatch[] {
  const all: { docId: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    const docId = touched[i] as number;
    all.push({ docId, score: (score[docId] as number) * (matchedTerms[docId] as number) });
    lastTerm[docId] = 0;
  }
  all.sort((a, b) => b.score - a.score);
  return all.map(({ docId, score: s }) => ({ id: mini._documentIds.get(docId), score: s }));
}

/** `index.search(terms.join(' '), { combineWith: 'OR' }).slice(0, k)` for terms already processed. */
export function topMatches<T>(index: MiniSearch<T>, terms: readonly string[], k: number): TopMatch[] {
  if (k <= 0 || terms.length === 0) return [];
  const mini = internalsOf(index);
  // Discarded documents are cleaned out of the postings lazily, changing the scores as search meets them:
  // leave that to search itself.
  if (mini._dirtCount > 0) return searchTop(index, terms.join(' '), {}, k);
  const specs = terms.map((term) => {
    const data = mini._index.get(term);
    return { term, matches: data ? ([[data, 1]] as [TermData, number][]) : [] };
  });
  return rank(mini, specs, k);
}

export interface ExpandedSearchOptions {
  prefix?: boolean;
  fuzzy?: number;
  maxFuzzy?: number;
  /** OR (the default): documents that match any term; AND: only those that match every term. */
  combineWith?: 'OR' | 'AND';
}

/**
 * `index.search(query, { combineWith: 'OR', ...options }).slice(0, k)` with prefix and fuzzy matching:
 * the query is split and processed as search does, and each term expanded as MiniSearch expands it
 * (prefix matches weighted by length, fuzzy ones by edit distance, a term that is both counted as a prefix).
 */
export function topSearchMatches<T>(
  index: MiniSearch<T>,
  query: string,
  options: ExpandedSearchOptions,
  k: number,
): TopMatch[] {
  if (k <= 0) return [];
  const mini = internalsOf(index);
  if (mini._dirtCount > 0) return searchTop(index, query, options, k);
  const global = mini._options;
  const tokenize = global.searchOptions.tokenize ?? global.tokenize;
  const processTerm = global.searchOptions.processTerm ?? global.processTerm;
  const weights = { fuzzy: 0.45, prefix: 0.375, ...global.searchOptions.weights };
  const maxFuzzy = options.maxFuzzy ?? global.searchOptions.maxFuzzy ?? 6;
  const terms = tokenize(query)
    .flatMap((term) => processTerm(term) || [])
    .filter((term): term is string => !!term);
  const specs = terms.map((term) => {
    const matches: [TermData, number][] = [];
    const exact = mini._index.get(term);
    if (exact) matches.push([exact, 1]);
    let fuzzyMatches: Map<string, [TermData, number]> | undefined;
    if (options.fuzzy) {
      const maxDistance =
        options.fuzzy < 1 ? Math.min(maxFuzzy, Math.round(term.length * options.fuzzy)) : options.fuzzy;
      if (maxDistance) fuzzyMatches = mini._index.fuzzyGet(term, maxDistance);
    }
    if (options.prefix) {
      for (const [derived, data] of mini._index.atPrefix(term)) {
        const distance = derived.length - term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(derived);
        matches.push([data, (weights.prefix * derived.length) / (derived.length + 0.3 * distance)]);
      }
    }
    for (const [derived, [data, distance]] of fuzzyMatches ?? []) {
      if (!distance) continue;
      matches.push([data, (weights.fuzzy * derived.length) / (derived.length + distance)]);
    }
    return { term, matches };
  });
  return rank(mini, specs, k, options.combineWith === 'AND');
}

/**
 * The index term closest in spelling to `term` (within `maxDistance` edits, same first letter), the most
 * frequent on a tie; null when there is none. A walk of the index's term tree bounded by the distance, not a
 * scan of every term.
 */
export function closestIndexTerm<T>(index: MiniSearch<T>, term: string, maxDistance: number): string | null {
  const mini = internalsOf(index);
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  let bestFrequency = 0;
  for (const [candidate, [postings, distance]] of mini._index.fuzzyGet(term, maxDistance)) {
    if (candidate[0] !== term[0]) continue;
    let frequency = 0;
    for (const docs of postings.values()) frequency += docs.size;
    if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
      best = candidate;
      bestDistance = distance;
      bestFrequency = frequency;
    }
  }
  return best;
}
