/**
 * The knowledge base a running bot serves, and the moderator actions on it: reload (build a new knowledge
 * base from KNOWLEDGE_DIR and swap it in at once), add a document, remove one. Discord-free: the bot's
 * /kb command is one client of it, a CLI could be another.
 *
 * Concurrency: answers always read `current`, which is swapped in one assignment, so they never wait and
 * never see half a knowledge base. Reloads, adds and removes run one at a time through a queue; a reload
 * asked while another reload is running or waiting is not queued a second time — the caller is told
 * ("busy") — while an add or remove waits for its turn, because it must be followed by its own reload.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  DOCUMENT_EXTENSIONS,
  type DocumentMeta,
  type DocumentProblem,
  KnowledgeLoadError,
  parseDocument,
} from './document.ts';
import { fileNameProblem, normalizeFileName } from './file-names.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { type DocumentLimits, limitProblem } from './limits.ts';
import { KNOWLEDGE_FOLDER_LABEL, relativeProblems, StorageError, storageError } from './problems.ts';
import { pruneTrash, trashStamp } from './trash.ts';

export type BuildKnowledgeBase = (dir: string) => Promise<KnowledgeBase>;

export interface KnowledgeServiceOptions {
  /** How a knowledge base is built from the folder; the default loads and indexes it in this thread. */
  build?: BuildKnowledgeBase;
  /**
   * How the first one is built, when that differs (default: `build`): at start-up nothing is served yet, so
   * the bot loads its snapshot in this thread rather than through a worker.
   */
  firstBuild?: BuildKnowledgeBase;
  now?: () => Date;
  /** Trashed files older than this many days are deleted, at start and after each add or remove. */
  trashRetentionDays?: number;
  /** Told which trashed files were deleted, or why pruning failed (the action itself still succeeds). */
  onTrashPruned?: (pruned: string[], error?: unknown) => void;
  /** What the folder may hold: an add past a limit is refused, saying which. Unset: no limit (the base). */
  limits?: DocumentLimits;
  /** Why a document id may not be added here, if so (a server's: the id of a base document). */
  idProblem?: (id: string) => string | undefined;
}

export interface DocumentRef {
  id: string;
  hash: string;
}

export interface ReloadDiff {
  added: DocumentRef[];
  /** Same id, different bytes: `hash` is the new one. */
  changed: (DocumentRef & { previousHash: string })[];
  removed: DocumentRef[];
  /** Files of the folder left out of the new knowledge base, each with why. */
  skipped: DocumentProblem[];
  documentsBefore: number;
  documentsAfter: number;
  passagesBefore: number;
  passagesAfter: number;
  versionBefore: string;
  versionAfter: string;
  durationMs: number;
}

export type ReloadOutcome =
  | { status: 'reloaded'; diff: ReloadDiff }
  /** Nothing changed in what is served: the old knowledge base keeps serving. */
  | { status: 'failed'; problems: DocumentProblem[]; durationMs: number }
  | { status: 'busy'; running: RunningAction };

export interface RunningAction {
  action: 'reload' | 'add' | 'remove';
  by: string;
  since: Date;
}

export interface ReloadInfo {
  at: Date;
  by: string;
  status: 'reloaded' | 'failed';
  durationMs: number;
}

export type AddOutcome =
  | { status: 'added'; document: DocumentMeta; replaced: string[]; reload: ReloadOutcome }
  | { status: 'refused'; problems: DocumentProblem[] };

export type RemoveOutcome =
  | { status: 'removed'; document: DocumentMeta; trashedAs: string; reload: ReloadOutcome }
  | { status: 'refused'; problems: DocumentProblem[] };

export const TRASH_DIR = '.trash';

/** The default build: load and index the folder in this thread. */
const buildInThread: BuildKnowledgeBase = (dir) => KnowledgeBase.load(dir);

function problemsOf(error: unknown, fallbackFile: string): DocumentProblem[] {
  if (error instanceof KnowledgeLoadError) return error.problems;
  return [{ file: fallbackFile, problem: error instanceof Error ? error.message : String(error) }];
}

/** Differences between two knowledge bases, by document id and content hash. */
export function diffKnowledgeBases(
  before: KnowledgeBase,
  after: KnowledgeBase,
  durationMs: number,
): ReloadDiff {
  const old = new Map(before.documents.map((doc) => [doc.id, doc.hash]));
  const now = new Map(after.documents.map((doc) => [doc.id, doc.hash]));
  const diff: ReloadDiff = {
    added: [],
    changed: [],
    removed: [],
    skipped: [...after.skipped],
    documentsBefore: before.documents.length,
    documentsAfter: after.documents.length,
    passagesBefore: before.stats.passages,
    passagesAfter: after.stats.passages,
    versionBefore: before.version,
    versionAfter: after.version,
    durationMs,
  };
  for (const [id, hash] of now) {
    const previousHash = old.get(id);
    if (previousHash === undefined) diff.added.push({ id, hash });
    else if (previousHash !== hash) diff.changed.push({ id, hash, previousHash });
  }
  for (const [id, hash] of old) if (!now.has(id)) diff.removed.push({ id, hash });
  return diff;
}

export class KnowledgeService {
  readonly dir: string;
  #current: KnowledgeBase;
  #lastReload: ReloadInfo;
  #running: RunningAction | undefined;
  /** A reload waiting in the queue behind another action. */
  #pendingReload: RunningAction | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #build: BuildKnowledgeBase;
  readonly #now: () => Date;
  readonly #options: KnowledgeServiceOptions;

  private constructor(
    dir: string,
    knowledgeBase: KnowledgeBase,
    info: ReloadInfo,
    options: KnowledgeServiceOptions,
  ) {
    this.dir = dir;
    this.#current = knowledgeBase;
    this.#lastReload = info;
    this.#build = options.build ?? buildInThread;
    this.#now = options.now ?? (() => new Date());
    this.#options = options;
  }

  /** Builds the first knowledge base; throws KnowledgeLoadError listing every problem if it cannot. */
  static async open(dir: string, options: KnowledgeServiceOptions = {}): Promise<KnowledgeService> {
    const now = options.now ?? (() => new Date());
    const started = performance.now();
    const knowledgeBase = await (options.firstBuild ?? options.build ?? buildInThread)(dir);
    const info: ReloadInfo = {
      at: now(),
      by: 'start-up',
      status: 'reloaded',
      durationMs: Math.round(performance.now() - started),
    };
    const service = new KnowledgeService(dir, knowledgeBase, info, options);
    await service.#pruneTrash();
    return service;
  }

  /** The knowledge base answers come from right now. */
  get current(): KnowledgeBase {
    return this.#current;
  }

  get lastReload(): ReloadInfo {
    return this.#lastReload;
  }

  /** The action running now (or a reload about to start), if any. */
  get running(): RunningAction | undefined {
    return this.#running ?? this.#pendingReload;
  }

  /** Re-reads the folder and swaps the new knowledge base in; `by` says who asked (for status and logs). */
  reload(by: string): Promise<ReloadOutcome> {
    const running = this.#running ?? this.#pendingReload;
    if (running) return Promise.resolve({ status: 'busy', running });
    this.#pendingReload = { action: 'reload', by, since: this.#now() };
    return this.#enqueue('reload', by, () => {
      this.#pendingReload = undefined;
      return this.#reloadNow(by);
    });
  }

  /**
   * Adds a document: validated exactly as the loader validates it, written atomically (temporary file, then
   * rename) into the folder, then reloaded. A document with the same id is replaced only when `replace` is
   * set; the replaced file goes to the trash folder.
   */
  add(fileName: string, bytes: Uint8Array, options: { by: string; replace?: boolean }): Promise<AddOutcome> {
    return this.#enqueue('add', options.by, async () => {
      const outcome = await this.#addNow(normalizeFileName(fileName), bytes, options);
      await this.#pruneTrash();
      return outcome;
    });
  }

  /**
   * Moves a document's file to KNOWLEDGE_DIR/.trash/, then reloads. Trashed files are deleted only after
   * the retention period (`trashRetentionDays`).
   */
  remove(documentId: string, options: { by: string }): Promise<RemoveOutcome> {
    return this.#enqueue('remove', options.by, async () => {
      const outcome = await this.#removeNow(documentId, options.by);
      await this.#pruneTrash();
      return outcome;
    });
  }

  async #pruneTrash(): Promise<void> {
    const { trashRetentionDays, onTrashPruned } = this.#options;
    if (trashRetentionDays === undefined) return;
    try {
      const pruned = await pruneTrash(path.join(this.dir, TRASH_DIR), trashRetentionDays, this.#now());
      if (pruned.length > 0) onTrashPruned?.(pruned);
    } catch (error) {
      onTrashPruned?.([], error);
    }
  }

  /**
   * Why nothing can be written into the knowledge folder, if so: a folder that went missing is not quietly
   * made again, since the knowledge base would then hold the new document and none of the others.
   */
  async #folderProblem(fileName: string): Promise<DocumentProblem | undefined> {
    const folder = await stat(this.dir).catch(() => undefined);
    if (folder?.isDirectory()) return undefined;
    return {
      file: fileName,
      problem: `${KNOWLEDGE_FOLDER_LABEL} (KNOWLEDGE_DIR) is missing on the server, so nothing was written; restore it (or fix KNOWLEDGE_DIR) and add the document again`,
    };
  }

  #enqueue<T>(action: RunningAction['action'], by: string, work: () => Promise<T>): Promise<T> {
    const run = async () => {
      this.#running = { action, by, since: this.#now() };
      try {
        return await work();
      } finally {
        this.#running = undefined;
      }
    };
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #reloadNow(by: string): Promise<ReloadOutcome> {
    const started = performance.now();
    let next: KnowledgeBase;
    try {
      next = await this.#build(this.dir);
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      this.#lastReload = { at: this.#now(), by, status: 'failed', durationMs };
      return {
        status: 'failed',
        problems: relativeProblems(problemsOf(error, this.dir), this.dir),
        durationMs,
      };
    }
    const durationMs = Math.round(performance.now() - started);
    const diff = diffKnowledgeBases(this.#current, next, durationMs);
    this.#current = next;
    this.#lastReload = { at: this.#now(), by, status: 'reloaded', durationMs };
    return { status: 'reloaded', diff };
  }

  async #addNow(
    fileName: string,
    bytes: Uint8Array,
    { by, replace = false }: { by: string; replace?: boolean },
  ): Promise<AddOutcome> {
    const nameProblem = fileNameProblem(fileName);
    if (nameProblem) return { status: 'refused', problems: [{ file: fileName, problem: nameProblem }] };
    let document: DocumentMeta;
    try {
      const { body: _body, paragraphs: _paragraphs, ...meta } = parseDocument(fileName, bytes);
      document = meta;
    } catch (error) {
      return { status: 'refused', problems: relativeProblems(problemsOf(error, fileName), this.dir) };
    }
    const idProblem = this.#options.idProblem?.(document.id);
    if (idProblem) return { status: 'refused', problems: [{ file: fileName, problem: idProblem }] };
    const folderProblem = await this.#folderProblem(fileName);
    if (folderProblem) return { status: 'refused', problems: [folderProblem] };
    const existing = await this.#filesOf(document.id);
    if (existing.length > 0 && !replace) {
      return {
        status: 'refused',
        problems: [
          {
            file: fileName,
            problem: `a document "${document.id}" already exists (${existing.join(', ')}); add it with replace:true to replace it`,
          },
        ],
      };
    }
    const { limits } = this.#options;
    const overLimit = limits && (await limitProblem(this.dir, limits, bytes.length, existing));
    if (overLimit) return { status: 'refused', problems: [{ file: fileName, problem: overLimit }] };
    const temporary = path.join(this.dir, `.${fileName}.${randomBytes(4).toString('hex')}.tmp`);
    const replaced: string[] = [];
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      for (const file of existing) replaced.push(await this.#trash(file));
      await rename(temporary, path.join(this.dir, fileName));
    } catch (error) {
      // A folder the bot may not write (or a file where one goes): nothing is added, and the member is told.
      const problem = storageError(`${fileName} into ${KNOWLEDGE_FOLDER_LABEL}`, error);
      if (!(problem instanceof StorageError)) throw error;
      if (replaced.length > 0) await this.#reloadNow(by);
      return { status: 'refused', problems: [{ file: fileName, problem: problem.message }] };
    } finally {
      await rm(temporary, { force: true });
    }
    const reload = await this.#reloadNow(by);
    return { status: 'added', document, replaced, reload };
  }

  async #removeNow(documentId: string, by: string): Promise<RemoveOutcome> {
    const document = this.#current.documents.find((doc) => doc.id === documentId);
    if (!document) {
      return {
        status: 'refused',
        problems: [{ file: documentId, problem: 'no document with this id in the knowledge base' }],
      };
    }
    let trashedAs: string;
    try {
      trashedAs = await this.#trash(document.file);
    } catch (error) {
      return { status: 'refused', problems: relativeProblems(problemsOf(error, document.file), this.dir) };
    }
    const reload = await this.#reloadNow(by);
    return { status: 'removed', document, trashedAs, reload };
  }

  /** Files in the folder (relative paths) holding the document `id`, whatever their extension. */
  async #filesOf(id: string): Promise<string[]> {
    const inKnowledgeBase = this.#current.documents.filter((doc) => doc.id === id).map((doc) => doc.file);
    const onDisk: string[] = [];
    const folder = path.join(this.dir, path.dirname(id));
    const entries = await readdir(folder).catch(() => [] as string[]);
    for (const entry of entries) {
      const ext = path.extname(entry);
      const sameId = entry.slice(0, entry.length - ext.length) === path.basename(id);
      if (sameId && DOCUMENT_EXTENSIONS.includes(ext) && !entry.startsWith('.')) {
        const file = path.join(path.dirname(id), entry);
        if ((await stat(path.join(this.dir, file))).isFile()) onDisk.push(file);
      }
    }
    return [...new Set([...inKnowledgeBase, ...onDisk])];
  }

  /** Moves a file of the folder into the trash folder under a name that never overwrites; returns that name. */
  async #trash(file: string): Promise<string> {
    const trash = path.join(this.dir, TRASH_DIR);
    const name = `${trashStamp(this.#now())}-${randomBytes(2).toString('hex')}-${file.replace(/[\\/]/g, '__')}`;
    try {
      await mkdir(trash, { recursive: true });
      await rename(path.join(this.dir, file), path.join(trash, name));
    } catch (error) {
      throw storageError(`${file} into the trash folder (${TRASH_DIR})`, error);
    }
    return path.join(TRASH_DIR, name);
  }
}
