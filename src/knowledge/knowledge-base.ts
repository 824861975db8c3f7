/**
 * KnowledgeBase: documents, passages and extracted facts, built once and never changed; a reload builds a
 * new one. Answers, completions and snapshots are all served from here.
 */
import { createHash } from 'node:crypto';
import type { Answer, Command } from '../engine/answer.ts';
import { answerQuery } from '../engine/answering.ts';
import { warmUpDerivations } from '../engine/text/derivations.ts';
import { warmUpTagger } from '../engine/text/pos.ts';
import { buildTimeline, type TimelineEvent } from '../engine/timeline.ts';
import {
  aliasKey,
  type BuiltData,
  buildData,
  type EntityData,
  finishData,
  finishDataAsync,
  type IndexedPassage,
  type KbData,
  PASSAGE_INDEX_OPTIONS,
} from '../index/kb-data.ts';
import { decodeIndex, decodeIndexAsync, encodeIndex, type PackedIndex } from '../persistence/index-codec.ts';
import {
  type DocumentMeta,
  type DocumentProblem,
  type KnowledgeDocument,
  readDocuments,
} from './document.ts';

/** Bump when the index or extraction code changes: snapshots of an older version are rebuilt. */
export const INDEX_VERSION = 12;

export interface KnowledgeStats {
  documents: number;
  passages: number;
  people: number;
  quotes: number;
  times: number;
}

/** The extracted records, stored in a snapshot just as the knowledge base holds them. */
type ExtractedData = Pick<
  KbData,
  'documents' | 'paragraphs' | 'sentences' | 'entities' | 'mentions' | 'times' | 'quotes'
>;

/** Plain JSON-serialisable data: the packed passage index plus everything extraction found. */
export interface KnowledgeBaseSnapshot extends ExtractedData {
  indexVersion: number;
  version: string;
  df: [string, number][];
  /** The passage index in the compact form of index-codec.ts. */
  index: PackedIndex;
  /** Files of the folder that were not loaded, and why (absent in snapshots that skipped none). */
  skipped?: DocumentProblem[];
}

const DEFAULT_COMPLETIONS = 25;

function versionOf(documents: readonly DocumentMeta[]): string {
  const hash = createHash('sha256').update(`index ${INDEX_VERSION}\n`);
  for (const d of documents) hash.update(`${d.id}\t${d.hash}\n`);
  return hash.digest('hex').slice(0, 12);
}

export class KnowledgeBase {
  readonly version: string;
  readonly documents: readonly DocumentMeta[];
  readonly stats: KnowledgeStats;
  /** Files of the folder left out because they are not valid documents, each with the reason. */
  readonly skipped: readonly DocumentProblem[];
  readonly #data: KbData;
  /** Entity ids of people and organizations, most mentioned first (for empty autocomplete input). */
  readonly #byMentions: number[];
  readonly #entityKeys: string[][] = [];

  private constructor(data: KbData, skipped: readonly DocumentProblem[]) {
    warmUpTagger();
    warmUpDerivations();
    this.#data = data;
    this.skipped = skipped;
    this.documents = documentMetas(data);
    this.version = versionOf(this.documents);
    const people = data.entities.filter((e) => e.kind === 'person').length;
    this.stats = {
      documents: data.documents.length,
      passages: data.paragraphs.length,
      people,
      quotes: data.quotes.length,
      times: data.times.length,
    };
    this.#byMentions = data.entities
      .map((e, id) => ({ e, id }))
      .filter(({ e }) => e.kind !== 'other')
      .sort((a, b) => b.e.mentions.length - a.e.mentions.length || a.e.name.localeCompare(b.e.name))
      .map(({ id }) => id);
  }

  static fromDocuments(docs: KnowledgeDocument[], skipped: readonly DocumentProblem[] = []): KnowledgeBase {
    return new KnowledgeBase(finishData(buildData(docs)), skipped);
  }

  /** Every good document of the folder; bad files are left out and listed in `skipped`. */
  static async load(dir: string): Promise<KnowledgeBase> {
    const { documents, skipped } = await readDocuments(dir);
    return KnowledgeBase.fromDocuments(documents, skipped);
  }

  /** Never throws on user input: a failure inside becomes a "not found" answer that says so. */
  answer(command: Command, query: string, options?: { limit?: number }): Answer {
    try {
      return answerQuery(this.#data, command, query, options?.limit);
    } catch (error) {
      return {
        command,
        query: String(query ?? '').slice(0, 500),
        found: false,
        summary: `Could not answer this query (${error instanceof Error ? error.message : String(error)}).`,
        results: [],
        suggestions: [],
      };
    }
  }

  /** The dated events, in date order; `about`: only those of passages with all its words. */
  timeline(about?: string): TimelineEvent[] {
    return buildTimeline(this.#data, String(about ?? '').slice(0, 500));
  }

  /** People and organizations: exact > prefix > fuzzy; '' gives the most mentioned. */
  completeNames(input: string, limit = DEFAULT_COMPLETIONS): string[] {
    return this.#complete(input, limit, (e) => e.kind !== 'other');
  }

  /** People who are quoted, ranked like completeNames. */
  completeSpeakers(input: string, limit = DEFAULT_COMPLETIONS): string[] {
    return this.#complete(input, limit, (e) => e.quotes.length > 0);
  }

  #complete(input: string, limit: number, keep: (e: EntityData) => boolean): string[] {
    const max = Math.max(0, Math.min(100, Math.floor(limit)));
    const data = this.#data;
    const key = aliasKey(String(input ?? '').slice(0, 100));
    const out: string[] = [];
    const add = (id: number) => {
      const e = data.entities[id];
      if (e && keep(e) && !out.includes(e.name) && out.length < max) out.push(e.name);
    };
    if (!key) {
      for (const id of this.#byMentions) {
        if (out.length >= max) break;
        add(id);
      }
      return out;
    }
    for (const id of data.aliases.get(key) ?? []) add(id);
    const hits = data.names.search(key, { prefix: true, fuzzy: 0.25, maxFuzzy: 2, combineWith: 'AND' });
    const isPrefix = (id: number) => this.#prefixKeys(id).some((k) => k.startsWith(key));
    const byMentions = (a: number, b: number) =>
      (data.entities[b]?.mentions.length ?? 0) - (data.entities[a]?.mentions.length ?? 0);
    const ids = hits.map((h) => h.id as number);
    for (const id of ids.filter(isPrefix).sort(byMentions)) add(id);
    for (const id of ids) add(id);
    return out;
  }

  /** An entity's folded name and aliases and each of their words, worked out once (autocomplete is hot). */
  #prefixKeys(id: number): string[] {
    let keys = this.#entityKeys[id];
    if (!keys) {
      const e = this.#data.entities[id] as EntityData;
      const folded = [e.name, ...e.aliases].map(aliasKey);
      keys = [...folded, ...folded.flatMap((k) => k.split(' '))];
      this.#entityKeys[id] = keys;
    }
    return keys;
  }

  toSnapshot(): KnowledgeBaseSnapshot {
    return snapshotOf(this.#data, this.skipped);
  }

  static fromSnapshot(snapshot: KnowledgeBaseSnapshot): KnowledgeBase {
    checkSnapshotVersion(snapshot);
    const index = decodeIndex<IndexedPassage>(snapshot.index, PASSAGE_INDEX_OPTIONS);
    return checkedAgainst(
      snapshot,
      new KnowledgeBase(finishData(snapshotData(snapshot, index)), snapshot.skipped ?? []),
    );
  }

  /** fromSnapshot in short slices, for a main thread that keeps answering while it rehydrates. */
  static async fromSnapshotAsync(snapshot: KnowledgeBaseSnapshot): Promise<KnowledgeBase> {
    checkSnapshotVersion(snapshot);
    const index = await decodeIndexAsync<IndexedPassage>(snapshot.index, PASSAGE_INDEX_OPTIONS);
    const data = await finishDataAsync(snapshotData(snapshot, index));
    return checkedAgainst(snapshot, new KnowledgeBase(data, snapshot.skipped ?? []));
  }
}

function documentMetas(data: BuiltData): DocumentMeta[] {
  return data.documents.map(({ body: _body, ...meta }) => meta);
}

/**
 * The snapshot of built data, what `toSnapshot` gives, without making a KnowledgeBase of it: a builder that
 * only packs the snapshot (the build worker) then holds no autocomplete tables, tagger or word families, and
 * the index's maps are garbage as soon as they are encoded.
 */
export function snapshotOf(data: BuiltData, skipped: readonly DocumentProblem[] = []): KnowledgeBaseSnapshot {
  return {
    ...(skipped.length > 0 ? { skipped: [...skipped] } : {}),
    indexVersion: INDEX_VERSION,
    version: versionOf(documentMetas(data)),
    documents: data.documents,
    paragraphs: data.paragraphs,
    sentences: data.sentences,
    entities: data.entities,
    mentions: data.mentions,
    times: data.times,
    quotes: data.quotes,
    df: [...data.df],
    index: encodeIndex(data.index),
  };
}

function checkSnapshotVersion(snapshot: KnowledgeBaseSnapshot): void {
  if (!snapshot || snapshot.indexVersion !== INDEX_VERSION)
    throw new Error(`snapshot index version ${snapshot?.indexVersion} is not ${INDEX_VERSION}`);
}

function snapshotData(snapshot: KnowledgeBaseSnapshot, index: KbData['index']): BuiltData {
  return {
    documents: snapshot.documents,
    paragraphs: snapshot.paragraphs,
    sentences: snapshot.sentences,
    entities: snapshot.entities,
    mentions: snapshot.mentions,
    times: snapshot.times,
    quotes: snapshot.quotes,
    df: new Map(snapshot.df),
    index,
  };
}

function checkedAgainst(snapshot: KnowledgeBaseSnapshot, kb: KnowledgeBase): KnowledgeBase {
  if (kb.version !== snapshot.version) throw new Error('snapshot does not match its documents');
  return kb;
}
