/**
 * The extraction results of documents built before, kept by the build worker for its next builds: a server's
 * change re-analyses only the documents that changed, and reuses the others' analyses (the bulk of a build).
 *
 * An entry is keyed by a hash of the code version (INDEX_CODE_VERSION) and of the whole parsed document (id,
 * metadata, body, paragraphs), so a hit is exactly what analyzeDocument would return for it. After each build,
 * entries past a bound on the text they cover are dropped least recently used first — but never those of that
 * build: a server larger than the bound keeps all its analyses, and its next build re-analyses only what
 * changed, instead of dropping, build after build, the analyses it is about to need.
 */
import { createHash } from 'node:crypto';
import { type AnalyzedDocument, analyzeDocument } from '../engine/extract/analyze.ts';
import { INDEX_CODE_VERSION } from '../index/code-version.ts';
import type { KnowledgeDocument } from '../knowledge/document.ts';
import { DEFAULT_GUILD_MAX_BYTES } from '../knowledge/limits.ts';

/**
 * Characters of document text whose analyses are kept (more only when the latest build alone had more):
 * GUILD_MAX_BYTES' default, so that a server at that quota keeps all its analyses (about 150 to 200 MB); one
 * over it (a raised quota) keeps them too, the memory growing with it.
 */
export const DEFAULT_ANALYSIS_CACHE_CHARS = DEFAULT_GUILD_MAX_BYTES;

interface Entry {
  analyzed: AnalyzedDocument;
  chars: number;
  /** The build that used it last. */
  build: number;
}

export class AnalysisCache {
  readonly #maxChars: number;
  /** Least recently used first (a Map keeps insertion order; a hit is moved to the end). */
  readonly #entries = new Map<string, Entry>();
  #chars = 0;
  #builds = 0;
  /** Documents analysed (not found in the cache) since it was made. */
  misses = 0;

  constructor(maxChars = DEFAULT_ANALYSIS_CACHE_CHARS) {
    this.#maxChars = maxChars;
  }

  /** Characters of text whose analyses are kept now. */
  get chars(): number {
    return this.#chars;
  }

  /**
   * analyzeDocument for one build: each document's analysis from the cache when the same document was
   * analysed by the same code. Call trim() when the build has its analyses.
   */
  forBuild(): (doc: KnowledgeDocument) => AnalyzedDocument {
    const build = ++this.#builds;
    return (doc) => this.#analyze(doc, build);
  }

  /**
   * Drops the least recently used analyses past the bound, never those of the latest build (the most recently
   * used: each was moved to the end when used, so dropping stops at the first of them).
   */
  readonly trim = (): void => {
    for (const [key, entry] of this.#entries) {
      if (this.#chars <= this.#maxChars || entry.build === this.#builds) return;
      this.#entries.delete(key);
      this.#chars -= entry.chars;
    }
  };

  #analyze(doc: KnowledgeDocument, build: number): AnalyzedDocument {
    const key = createHash('sha256').update(INDEX_CODE_VERSION).update(JSON.stringify(doc)).digest('hex');
    const found = this.#entries.get(key);
    if (found) {
      this.#entries.delete(key);
      this.#entries.set(key, { ...found, build });
      return found.analyzed;
    }
    this.misses++;
    const entry = { analyzed: analyzeDocument(doc), chars: doc.body.length, build };
    this.#entries.set(key, entry);
    this.#chars += entry.chars;
    return entry.analyzed;
  }
}
