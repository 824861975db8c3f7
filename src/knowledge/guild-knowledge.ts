/**
 * Each server its own knowledge: the shared base (KNOWLEDGE_DIR, one KnowledgeService) and, per server, a
 * KnowledgeService of its own documents in GUILD_DATA_DIR/<guild id>/. Discord-free: a guild is an id.
 *
 * Cheap per server: a server's documents are a small knowledge base of their own, so adding one rebuilds
 * only that server's (never the base). Its snapshot is kept in the server's folder (`.cache/`, which the
 * loader skips like every dot-folder), so a server whose knowledge base was dropped from memory comes back by
 * reading it rather than rebuilding. At most `maxResident` servers stay in memory, least recently used
 * dropped first (never one with a change running).
 *
 * No server's work stalls another's answers: a rebuild runs on a worker thread (which re-analyses only the
 * documents changed since it last built them: analysis-cache.ts), and a snapshot is read and
 * rehydrated in short slices (build-worker.ts), so the main thread keeps answering every server meanwhile;
 * `limits` (GUILD_MAX_DOCUMENTS, GUILD_MAX_BYTES) bound how much one server can hold.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BuildWorker } from '../persistence/build-worker.ts';
import { knowledgeBaseFromPacked, savedSnapshot } from '../persistence/snapshot.ts';
import { listFiles } from './document.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { type BuildKnowledgeBase, KnowledgeService } from './knowledge-service.ts';
import { KnowledgeView } from './knowledge-view.ts';
import type { DocumentLimits } from './limits.ts';
import { storageError } from './problems.ts';

/**
 * Servers whose knowledge bases stay in memory. A server of 20 small documents (60 passages) takes 1.5 to 3 MB
 * of heap (its passage and name indexes, extracted facts): 100 of them stay well within 300 MB over the base,
 * and a dropped one comes back from its snapshot in tens of milliseconds.
 */
export const DEFAULT_MAX_RESIDENT_GUILDS = 100;
/** A server's snapshot folder, inside its own folder (a dot-folder, so never read as a document). */
export const GUILD_SNAPSHOT_FOLDER = '.cache';

const GUILD_ID = /^\d{17,20}$/;

async function isFolder(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() === true;
}

/** A guild id is a Discord snowflake: digits only, so it is always a safe folder name. */
export function isGuildId(value: unknown): value is string {
  return typeof value === 'string' && GUILD_ID.test(value);
}

export interface GuildKnowledgeOptions {
  /** GUILD_DATA_DIR: one folder per server. */
  dataDir: string;
  maxResident?: number;
  /** Whether this process serves a guild (its shard); others are refused. Default: every guild. */
  serves?: (guildId: string) => boolean;
  /** Told about damaged snapshots and servers whose documents do not load. */
  warn?: (message: string) => void;
  now?: () => Date;
  /** TRASH_RETENTION_DAYS, applied to each server's `.trash/` as to the base's. */
  trashRetentionDays?: number;
  /** Told which of a server's trashed files were deleted, or why pruning failed. */
  onTrashPruned?: (guildId: string, pruned: string[], error?: unknown) => void;
  /** What one server may hold (GUILD_MAX_DOCUMENTS, GUILD_MAX_BYTES); unset: no limit. */
  limits?: DocumentLimits;
}

export class GuildNotServedError extends Error {
  constructor(guildId: string) {
    super(`guild ${guildId} is not on a shard this process runs`);
    this.name = 'GuildNotServedError';
  }
}

export class GuildKnowledge {
  readonly base: KnowledgeService;
  readonly dataDir: string;
  readonly #maxResident: number;
  readonly #serves: (guildId: string) => boolean;
  readonly #warn: (message: string) => void;
  readonly #build: BuildKnowledgeBase;
  readonly #firstBuild: BuildKnowledgeBase;
  /** The thread every server's documents are built on. */
  readonly #worker = new BuildWorker();
  readonly #now: (() => Date) | undefined;
  readonly #trash: Pick<GuildKnowledgeOptions, 'trashRetentionDays' | 'onTrashPruned'>;
  readonly #limits: DocumentLimits | undefined;
  /** Resident servers, least recently used first (a Map keeps insertion order). */
  readonly #resident = new Map<string, Promise<KnowledgeService>>();
  /** Servers with a change asked or running (never dropped from memory meanwhile), and how many. */
  readonly #pins = new Map<string, number>();
  readonly #views = new Map<string, KnowledgeView>();
  #baseView: KnowledgeView | undefined;

  constructor(base: KnowledgeService, options: GuildKnowledgeOptions) {
    this.base = base;
    this.dataDir = options.dataDir;
    this.#maxResident = Math.max(1, options.maxResident ?? DEFAULT_MAX_RESIDENT_GUILDS);
    this.#serves = options.serves ?? (() => true);
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#now = options.now;
    this.#trash = options;
    this.#limits = options.limits;
    this.#build = (dir) => this.#buildGuild(dir, 'changed');
    this.#firstBuild = (dir) => this.#buildGuild(dir, 'opened');
  }

  /** Whether this process answers for the guild (it is on one of its shards). */
  serves(guildId: string): boolean {
    return isGuildId(guildId) && this.#serves(guildId);
  }

  folderOf(guildId: string): string {
    if (!isGuildId(guildId)) throw new Error('not a guild id');
    return path.join(this.dataDir, guildId);
  }

  /** How many servers' knowledge bases are in memory now. */
  get residentCount(): number {
    return this.#resident.size;
  }

  /**
   * The server's own documents, loading them if they are not in memory; undefined when it has none (no folder)
   * unless `create`. Throws GuildNotServedError for a guild of another shard (or not a guild id).
   */
  async own(guildId: string, { create = false } = {}): Promise<KnowledgeService | undefined> {
    if (!this.serves(guildId)) throw new GuildNotServedError(guildId);
    let opening = this.#resident.get(guildId);
    if (!opening) {
      if (!create && !(await isFolder(this.folderOf(guildId)))) return undefined;
      // Looked up again: another call may have opened it meanwhile. With `create` nothing is awaited before
      // this point, so changes asked in a row reach the server's queue in that order.
      opening = this.#resident.get(guildId) ?? this.#open(guildId, create);
    }
    this.#resident.delete(guildId);
    this.#resident.set(guildId, opening);
    return opening;
  }

  /**
   * Runs a change (add, remove, reload) on the server's own documents, making its knowledge base on first
   * use. The server stays in memory until the change is done: two services never work on one folder.
   */
  async change<T>(guildId: string, work: (own: KnowledgeService) => Promise<T>): Promise<T> {
    this.#pins.set(guildId, (this.#pins.get(guildId) ?? 0) + 1);
    try {
      return await work((await this.own(guildId, { create: true })) as KnowledgeService);
    } finally {
      const pins = (this.#pins.get(guildId) ?? 1) - 1;
      if (pins > 0) this.#pins.set(guildId, pins);
      else this.#pins.delete(guildId);
    }
  }

  /**
   * Opens the server's documents; `create` makes its folder first. A knowledge folder is never made by an add
   * (an add into a folder gone missing is refused, lest documents land where nobody looks), so a server's is
   * made here, deliberately, when its knowledge is first made for a change.
   */
  #open(guildId: string, create: boolean): Promise<KnowledgeService> {
    const { trashRetentionDays, onTrashPruned } = this.#trash;
    const dir = this.folderOf(guildId);
    const made = create
      ? mkdir(dir, { recursive: true }).catch((error: unknown) => {
          throw storageError("this server's folder in GUILD_DATA_DIR", error);
        })
      : Promise.resolve(undefined);
    const opening = made.then(() =>
      KnowledgeService.open(dir, {
        build: this.#build,
        firstBuild: this.#firstBuild,
        ...(this.#limits ? { limits: this.#limits } : {}),
        idProblem: (id) => this.#baseIdProblem(id),
        ...(this.#now ? { now: this.#now } : {}),
        ...(trashRetentionDays === undefined ? {} : { trashRetentionDays }),
        ...(onTrashPruned ? { onTrashPruned: (pruned, error) => onTrashPruned(guildId, pruned, error) } : {}),
      }),
    );
    this.#resident.set(guildId, opening);
    opening.then(
      () => this.#evictIdle(),
      () => {
        if (this.#resident.get(guildId) === opening) this.#resident.delete(guildId);
      },
    );
    return opening;
  }

  /** What the server sees: the base plus its own documents (the base alone in DMs and servers without any). */
  async view(guildId: string | null): Promise<KnowledgeView> {
    const base = this.base.current;
    let own: KnowledgeBase | undefined;
    if (guildId !== null) {
      try {
        own = (await this.own(guildId))?.current;
      } catch (error) {
        // A server whose folder does not load (a file broken on disk) is answered from the base alone.
        if (error instanceof GuildNotServedError) throw error;
        this.#warn(`documents of guild ${guildId} do not load: ${(error as Error).message}`);
      }
    }
    if (!own || own.stats.documents === 0) {
      if (this.#baseView?.base !== base) this.#baseView = new KnowledgeView(base, undefined);
      return this.#baseView;
    }
    const cached = this.#views.get(guildId as string);
    if (cached && cached.base === base && cached.own === own) return cached;
    const view = new KnowledgeView(base, own);
    this.#views.set(guildId as string, view);
    return view;
  }

  /**
   * A server's document may not take the id of a base document: both would be cited, and removed, under one
   * name. (Should the base gain the id of a server's document later, both are served, each answer citing its
   * own; the server's comes first on equal scores.)
   */
  #baseIdProblem(id: string): string | undefined {
    if (!this.base.current.documents.some((doc) => doc.id === id)) return undefined;
    return `a base document (shared by every server) already has the id "${id}"; give this one another file name`;
  }

  /** Drops the least recently used servers beyond the limit, never one with a change asked or running. */
  async #evictIdle(): Promise<void> {
    for (const [guildId, opening] of [...this.#resident]) {
      if (this.#resident.size <= this.#maxResident) return;
      const service = await opening.catch(() => undefined);
      if (this.#pins.has(guildId) || service?.running || this.#resident.get(guildId) !== opening) continue;
      this.#resident.delete(guildId);
      this.#views.delete(guildId);
    }
  }

  /**
   * A server's documents, never worked out on the main thread: when `opened` (it comes back into memory), from
   * its snapshot if that matches, read in slices; after a change, or without a snapshot, built on a worker
   * thread. An empty or missing folder is no documents.
   */
  async #buildGuild(dir: string, why: 'opened' | 'changed'): Promise<KnowledgeBase> {
    const files = await listFiles(dir).catch(() => [] as string[]);
    if (files.length === 0) return KnowledgeBase.fromDocuments([]);
    const cacheDir = path.join(dir, GUILD_SNAPSHOT_FOLDER);
    let ignoreSaved = false;
    const saved = why === 'opened' ? await savedSnapshot(dir, cacheDir, this.#warn) : undefined;
    if (saved) {
      try {
        return await knowledgeBaseFromPacked(saved);
      } catch (error) {
        this.#warn(`snapshot of ${dir} does not load (${(error as Error).message}); rebuilding`);
        ignoreSaved = true;
      }
    }
    return (await this.#worker.build(dir, { cacheDir, warn: this.#warn, ignoreSaved })).knowledgeBase;
  }

  /** Ends the build thread (a later change starts it again). */
  close(): Promise<void> {
    return this.#worker.close();
  }
}
