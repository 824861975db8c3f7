/**
 * KnowledgeBase: documents, passages and extracted facts, built once and never changed; a reload builds a
 * new one. Answers, completions and snapshots are all served from here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { type Answer, type Command, QUERY_MAX_CHARS } from '../engine/answer.ts';
import { answerQuery } from '../engine/answering/answer-query.ts';
import { nameAfterTitles } from '../engine/answering/entity-resolution.ts';
import { HONORIFICS } from '../engine/extract/lexicon.ts';
import { warmUpDerivations } from '../engine/text/derivations.ts';
import { warmUpInflections } from '../engine/text/inflections.ts';
import { warmUpTagger } from '../engine/text/pos.ts';
import { buildTimeline, type TimelineEvent } from '../engine/timeline.ts';
import { INDEX_CODE_VERSION } from '../index/code-version.ts';
import { checkColumns, type RecordColumns } from '../index/kb-columns.ts';
import {
  type Analyze,
  aliasKey,
  type BuiltData,
  buildData,
  type EntityData,
  finishData,
  finishDataAsync,
  type KbData,
} from '../index/kb-data.ts';
import { KbView } from '../index/kb-view.ts';
import { NAME_SEARCH } from '../index/name-search.ts';
import { type IndexedPassage, PASSAGE_INDEX_OPTIONS } from '../index/passage-index.ts';
import { topSearchMatches } from '../index/top-matches.ts';
import {
  decodeIndex,
  decodeIndexAsync,
  encodeIndex,
  type PackedIndex,
  packedDocumentFrequencies,
} from '../persistence/index-codec.ts';
import {
  type DocumentMeta,
  type DocumentProblem,
  type KnowledgeDocument,
  readDocuments,
} from './document.ts';
import { type NameChoice, RoleIndex } from './role-completion.ts';

/**
 * The version of the index and extraction code (a hash of that code, see code-version.ts): snapshots built by
 * any other code are rebuilt.
 */
export const INDEX_VERSION: string = INDEX_CODE_VERSION;

export interface KnowledgeStats {
  documents: number;
  passages: number;
  people: number;
  quotes: number;
  times: number;
}

/** The extracted records, stored in a snapshot just as the knowledge base holds them. */
type ExtractedData = Pick<KbData, 'documents' | 'entities' | keyof RecordColumns>;

/**
 * Data for packJson (json-chunks.ts): JSON-serialisable but for the typed arrays of the columns, which it
 * stores as raw bytes. The packed passage index plus everything extraction found.
 */
export interface KnowledgeBaseSnapshot extends ExtractedData {
  indexVersion: string;
  version: string;
  /** The passage index in the compact form of index-codec.ts (paragraph frequencies are read from it). */
  index: PackedIndex;
  /** Files of the folder that were not loaded, and why (absent in snapshots that skipped none). */
  skipped?: DocumentProblem[];
}

/** Completions given when the caller does not say how many (Discord shows at most 25 choices). */
const DEFAULT_COMPLETIONS = 25;
/** Most completions one call gives, and the longest input it reads. */
const MAX_COMPLETIONS = 100;
const COMPLETION_INPUT_MAX_CHARS = 100;

/** Where a knowledge base reports an unexpected error; the bot's JSON logger (src/bot/log.ts) is one. */
export interface ErrorLog {
  error(event: string, fields?: Record<string, unknown>): void;
}

/** The default ErrorLog: one JSON line on stderr (the CLI and tools). */
export const STDERR_ERROR_LOG: ErrorLog = {
  error: (event, fields = {}) => {
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level: 'error', event };
    for (const [key, value] of Object.entries(fields))
      entry[key] =
        value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
    process.stderr.write(`${JSON.stringify(entry)}\n`);
  },
};

export interface AnswerOptions {
  /** Most results (default DEFAULT_LIMIT, at most MAX_LIMIT of answer.ts). */
  limit?: number;
  /** Where an unexpected error is logged (default STDERR_ERROR_LOG). */
  log?: ErrorLog;
}

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
  readonly #view: KbView;
  /** Entity ids of people and organizations, most mentioned first (for empty autocomplete input). */
  readonly #byMentions: number[];
  readonly #entityKeys: string[][] = [];
  /** The people's roles for autocomplete, made at the first completion that needs them. */
  #roles: RoleIndex | undefined;

  private constructor(data: KbData, skipped: readonly DocumentProblem[]) {
    warmUpTagger();
    warmUpDerivations();
    warmUpInflections();
    this.#data = data;
    this.skipped = skipped;
    this.#view = new KbView(data);
    this.documents = documentMetas(data);
    this.version = versionOf(this.documents);
    const people = data.entities.filter((e) => e.kind === 'person').length;
    this.stats = {
      documents: data.documents.length,
      passages: data.paragraphs.document.length,
      people,
      quotes: data.quotes.sentence.length,
      times: data.times.sentence.length,
    };
    this.#byMentions = data.entities
      .map((e, id) => ({ e, id }))
      .filter(({ e }) => e.kind !== 'other')
      .sort((a, b) => b.e.mentions.length - a.e.mentions.length || a.e.name.localeCompare(b.e.name))
      .map(({ id }) => id);
  }

  static fromDocuments(
    docs: KnowledgeDocument[],
    skipped: readonly DocumentProblem[] = [],
    analyze?: Analyze,
  ): KnowledgeBase {
    return new KnowledgeBase(finishData(buildData(docs, analyze)), skipped);
  }

  /** Every good document of the folder; bad files are left out and listed in `skipped`. */
  static async load(dir: string): Promise<KnowledgeBase> {
    const { documents, skipped } = await readDocuments(dir);
    return KnowledgeBase.fromDocuments(documents, skipped);
  }

  /**
   * Never throws: an unexpected error (a bug) is logged under a new error id, and the answer says that
   * something went wrong, with that id — never that nothing was found.
   */
  answer(command: Command, query: string, options: AnswerOptions = {}): Answer {
    try {
      return answerQuery(this.#view, command, query, options.limit);
    } catch (error) {
      const errorId = randomBytes(4).toString('hex');
      const shortQuery = String(query ?? '').slice(0, QUERY_MAX_CHARS);
      (options.log ?? STDERR_ERROR_LOG).error('answer.failed', {
        errorId,
        command,
        query: shortQuery,
        error,
      });
      return {
        command,
        query: shortQuery,
        found: false,
        summary: `Something went wrong (error id ${errorId}); it has been logged.`,
        results: [],
        suggestions: [],
        errorId,
      };
    }
  }

  /** The dated events, in date order; `about`: only those of passages with all its words. */
  timeline(about?: string): TimelineEvent[] {
    return buildTimeline(this.#view, String(about ?? '').slice(0, QUERY_MAX_CHARS));
  }

  /** People and organizations (the names of nameChoices). */
  completeNames(input: string, limit = DEFAULT_COMPLETIONS): string[] {
    return this.nameChoices(input, limit).map((c) => c.value);
  }

  /** People who are quoted, ranked like completeNames. */
  completeSpeakers(input: string, limit = DEFAULT_COMPLETIONS): string[] {
    return this.speakerChoices(input, limit).map((c) => c.value);
  }

  /**
   * People and organizations for autocomplete: the name as typed > the holders of a role typed whole ("the
   * chancellor") > the name after courtesy titles and roles ("Mr Hale") > names that start so > the holders of a
   * role typed in part ("prime min") > names after titles that start so > near spellings; '' gives the most
   * mentioned. What reads as a role typed in part gives no name after titles ("prime min" is not "Min"). A role
   * holder's choice shows the role ("Ann Lee — Prime Minister"); its value is the name.
   */
  nameChoices(input: string, limit = DEFAULT_COMPLETIONS): NameChoice[] {
    return this.#complete(input, limit, (e) => e.kind !== 'other');
  }

  /** People who are quoted, as nameChoices offers them. */
  speakerChoices(input: string, limit = DEFAULT_COMPLETIONS): NameChoice[] {
    return this.#complete(input, limit, (e) => e.quotes.length > 0);
  }

  #complete(input: string, limit: number, keep: (e: EntityData) => boolean): NameChoice[] {
    const max = Math.max(0, Math.min(MAX_COMPLETIONS, Math.floor(limit)));
    const data = this.#data;
    const key = aliasKey(String(input ?? '').slice(0, COMPLETION_INPUT_MAX_CHARS));
    const out: NameChoice[] = [];
    const offer = (choice: NameChoice) => {
      if (out.length < max && !out.some((c) => c.value === choice.value)) out.push(choice);
    };
    const add = (id: number) => {
      const e = data.entities[id];
      if (e && keep(e)) offer({ name: e.name, value: e.name });
    };
    if (!key) {
      for (const id of this.#byMentions) {
        if (out.length >= max) break;
        add(id);
      }
      return out;
    }
    for (const id of data.aliases.get(key) ?? []) add(id);
    if (!this.#roles) this.#roles = new RoleIndex(data.entities);
    const holders = this.#roles.holders(key, keep);
    for (const c of holders.whole) offer(c);
    // "Mr Hale": the name after the titles, unless what is typed reads as a role being typed ("prime min"); after
    // a courtesy title ("Mr Dor") always, first (a role that holds the words, "Mr Dorn's ally", comes after)
    const name = nameAfterTitles(key);
    const courtesy = HONORIFICS.has(key.split(' ')[0] as string) && name !== key;
    const afterTitles = name !== key && (courtesy || holders.partial.length === 0);
    if (afterTitles) for (const id of data.aliases.get(name) ?? []) add(id);
    const byMentions = (a: number, b: number) =>
      (data.entities[b]?.mentions.length ?? 0) - (data.entities[a]?.mentions.length ?? 0);
    // search's hits in its order, without a result object per hit: a one-letter prefix matches thousands of names.
    const hits = (typed: string) =>
      topSearchMatches(data.names, typed, NAME_SEARCH.complete, Number.POSITIVE_INFINITY).map(
        (h) => h.id as number,
      );
    // Only entities `keep` takes can be added: the others need no prefix test nor sorting.
    const startsWith = (typed: string) => (id: number) =>
      keep(data.entities[id] as EntityData) && this.#prefixKeys(id).some((k) => k.startsWith(typed));
    const ids = hits(key);
    for (const id of ids.filter(startsWith(key)).sort(byMentions)) add(id);
    const named = () => {
      if (afterTitles) for (const id of hits(name).filter(startsWith(name)).sort(byMentions)) add(id);
    };
    if (courtesy) named();
    for (const c of holders.partial) offer(c);
    if (!courtesy) named();
    for (const id of ids) {
      if (out.length >= max) break;
      add(id);
    }
    return out;
  }

  /**
   * An entity's folded name and aliases (folded once, as the knowledge base was loaded) and each of their
   * words, worked out once (autocomplete is hot).
   */
  #prefixKeys(id: number): string[] {
    let keys = this.#entityKeys[id];
    if (!keys) {
      const folded = this.#data.foldedNames[id] ?? [];
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
    index: encodeIndex(data.index),
  };
}

function checkSnapshotVersion(snapshot: KnowledgeBaseSnapshot): void {
  if (!snapshot || snapshot.indexVersion !== INDEX_VERSION)
    throw new Error(`snapshot index version ${snapshot?.indexVersion} is not ${INDEX_VERSION}`);
}

function snapshotData(snapshot: KnowledgeBaseSnapshot, index: KbData['index']): BuiltData {
  checkColumns(snapshot);
  return {
    documents: snapshot.documents,
    paragraphs: snapshot.paragraphs,
    sentences: snapshot.sentences,
    entities: snapshot.entities,
    mentions: snapshot.mentions,
    times: snapshot.times,
    quotes: snapshot.quotes,
    df: packedDocumentFrequencies(snapshot.index, 'text'),
    index,
  };
}

function checkedAgainst(snapshot: KnowledgeBaseSnapshot, kb: KnowledgeBase): KnowledgeBase {
  if (kb.version !== snapshot.version) throw new Error('snapshot does not match its documents');
  return kb;
}
