/**
 * The extraction results of documents built before, kept by the build worker for its next builds: a server's
 * change re-analyses only the documents that changed, and reuses the others' analyses (the bulk of a build).
 *
 * An entry is keyed by a hash of the code version (INDEX_CODE_VERSION) and of the whole parsed document (id,
 * metadata, body, paragraphs), so a hit is exactly what analyzeDocument would return for it. Entries are
 * dropped least recently used first, past a bound on the text they cover.
 */
import { createHash } from 'node:crypto';
import { type AnalyzedDocument, analyzeDocument } from '../engine/extract/analyze.ts';
import { INDEX_CODE_VERSION } from '../index/code-version.ts';
import type { KnowledgeDocument } from '../knowledge/document.ts';

/**
 * Characters of document text whose analyses are kept: about 200 MB of the worker's heap at most (an analysis
 * takes ~20 bytes a character of news text), the whole text of a server of 2,000 five-KB articles.
 */
export const DEFAULT_ANALYSIS_CACHE_CHARS = 10_000_000;

interface Entry {
  analyzed: AnalyzedDocument;
  chars: number;
}

export class AnalysisCache {
  readonly #maxChars: number;
  readonly #entries = new Map<string, Entry>();
  #chars = 0;
  /** Documents analysed (not found in the cache) since it was made. */
  misses = 0;

  constructor(maxChars = DEFAULT_ANALYSIS_CACHE_CHARS) {
    this.#maxChars = maxChars;
  }

  /** analyzeDocument(doc), from the cache when the same document was analysed by the same code. */
  readonly analyze = (doc: KnowledgeDocument): AnalyzedDocument => {
    const key = createHash('sha256').update(INDEX_CODE_VERSION).update(JSON.stringify(doc)).digest('hex');
    const found = this.#entries.get(key);
    if (found) {
      // Most recently used last: the Map's order is the eviction order.
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return found.analyzed;
    }
    this.misses++;
    const entry = { analyzed: analyzeDocument(doc), chars: doc.body.length };
    this.#entries.set(key, entry);
    this.#chars += entry.chars;
    for (const [oldest, { chars }] of this.#entries) {
      if (this.#chars <= this.#maxChars || oldest === key) break;
      this.#entries.delete(oldest);
      this.#chars -= chars;
    }
    return entry.analyzed;
  };
}
