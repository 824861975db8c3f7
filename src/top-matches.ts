/**
 * The best few documents for an OR query of exact terms, with the same scores and the same order as
 * `index.search(terms.join(' '), { combineWith: 'OR' }).slice(0, k)` — without building a result object for
 * every matching document. At 100k passages a common term matches tens of thousands of them, and MiniSearch's
 * per-document objects (and the garbage they leave) were most of the answer time.
 *
 * It reads MiniSearch's index directly (the fields it keeps since 6.0, unchanged in 7.x), so it is limited to
 * what the engine asks for: exact terms (already processed), OR, field boosts from the index's search options,
 * no term or document boosts, no prefix or fuzzy matching.
 * The tests compare it with `search` on real text.
 */
import type MiniSearch from 'minisearch';

interface BM25 {
  k: number;
  b: number;
  d: number;
}

/** The parts of a MiniSearch instance read here. */
interface Internals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _nextId: number;
  _dirtCount: number;
  _options: { fields: string[]; searchOptions: { bm25: BM25; boost?: Record<string, number> } };
}

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

/**
 * Sums are made in MiniSearch's order — per term, field by field; then term by term — and documents are met
 * in its order (a term's postings field by field, terms in query order), so scores and ties come out the same.
 */
export function topMatches<T>(index: MiniSearch<T>, terms: readonly string[], k: number): TopMatch[] {
  if (k <= 0 || terms.length === 0) return [];
  const mini = index as unknown as Internals;
  // Discarded documents are cleaned out of the postings lazily, changing the scores as search meets them:
  // leave that to search itself.
  if (mini._dirtCount > 0) {
    return index
      .search(terms.join(' '), { combineWith: 'OR' })
      .slice(0, k)
      .map(({ id, score }) => ({ id, score }));
  }
  const { bm25, boost = {} } = mini._options.searchOptions;
  const { k: k1, b, d } = bm25;
  const fields = mini._options.fields.map((field) => ({
    id: mini._fieldIds[field] as number,
    boost: (Object.hasOwn(boost, field) ? boost[field] : undefined) || 1,
  }));
  const {
    score,
    lastTerm,
    matchedTerms,
    touched,
    termScore,
    termTouched,
    fieldLength: lengths,
  } = scratchFor(mini);
  let count = 0;
  for (const [t, term] of terms.entries()) {
    const fieldData = mini._index.get(term);
    if (!fieldData) continue;
    let termCount = 0;
    for (const field of fields) {
      const freqs = fieldData.get(field.id);
      if (!freqs) continue;
      const avgFieldLength = mini._avgFieldLength[field.id] as number;
      const fieldLengthOf = lengths[field.id] as Float64Array;
      const invDocFreq = Math.log(1 + (mini._documentCount - freqs.size + 0.5) / (freqs.size + 0.5));
      for (const [docId, termFreq] of freqs) {
        const fieldLength = fieldLengthOf[docId] as number;
        const raw =
          invDocFreq *
          (d + (termFreq * (k1 + 1)) / (termFreq + k1 * (1 - b + (b * fieldLength) / avgFieldLength)));
        const weighted = field.boost * raw;
        if ((termScore[docId] as number) < 0) {
          termTouched[termCount++] = docId;
          termScore[docId] = weighted;
        } else {
          termScore[docId] = (termScore[docId] as number) + weighted;
        }
      }
    }
    const repeated = terms.indexOf(term) < t;
    for (let i = 0; i < termCount; i++) {
      const docId = termTouched[i] as number;
      if (lastTerm[docId] === 0) {
        touched[count++] = docId;
        score[docId] = termScore[docId] as number;
        matchedTerms[docId] = 1;
      } else {
        score[docId] = (score[docId] as number) + (termScore[docId] as number);
        // A query term given twice adds its score twice but counts once, as in MiniSearch.
        if (!repeated) matchedTerms[docId] = (matchedTerms[docId] as number) + 1;
      }
      lastTerm[docId] = t + 1;
      termScore[docId] = -1;
    }
  }
  // Highest score first; among equal scores the document met first, as MiniSearch's stable sort leaves them.
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
