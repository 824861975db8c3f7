/**
 * Each server its own knowledge: the shared base (KNOWLEDGE_DIR, one KnowledgeService) and, per server, a
 * KnowledgeService of its own documents in GUILD_DATA_DIR/<guild id>/. Discord-free: a guild is an id.
 *
 * Cheap per server: a server's documents are a small knowledge base of their own, so adding one rebuilds
 * only that server's (never the base). Its snapshot is kept in the server's folder (`.cache/`, which the
 * loader skips like every dot-folder), so a server whose knowledge base was dropped from memory comes back by
 * reading it rather than rebuilding. At most `maxResident` servers stay in memory, least recently used
 * dropped first (never one with a change running).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { loadKnowledgeBase } from '../persistence/snapshot.ts';
import { listFiles } from './document.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { type BuildKnowledgeBase, KnowledgeService } from './knowledge-service.ts';
import { KnowledgeView } from './knowledge-view.ts';

/** Servers whose knowledge bases stay in memory; 20 small documents take about 0.2 MB, so ~100 MB. */
export const DEFAULT_MAX_RESIDENT_GUILDS = 500;
/** A server's snapshot folder, inside its own folder (a dot-folder, so never read as a document). */
export const GUILD_SNAPSHOT_FOLDER = '.cache';

const GUILD_ID = /^\d{17,20}$/;

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
  readonly #now: (() => Date) | undefined;
  /** Resident servers, least recently used first (a Map keeps insertion order). */
  readonly #resident = new Map<string, Promise<KnowledgeService>>();
  readonly #views = new Map<string, KnowledgeView>();
  #baseView: KnowledgeView | undefined;

  constructor(base: KnowledgeService, options: GuildKnowledgeOptions) {
    this.base = base;
    this.dataDir = options.dataDir;
    this.#maxResident = Math.max(1, options.maxResident ?? DEFAULT_MAX_RESIDENT_GUILDS);
    this.#serves = options.serves ?? (() => true);
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#now = options.now;
    this.#build = (dir) => this.#buildGuild(dir);
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
   * unless `create` (an add is coming). Throws GuildNotServedError for a guild of another shard.
   */
  async own(guildId: string, { create = false } = {}): Promise<KnowledgeService | undefined> {
    if (!this.serves(guildId)) throw new GuildNotServedError(guildId);
    const resident = this.#resident.get(guildId);
    if (resident) {
      this.#resident.delete(guildId);
      this.#resident.set(guildId, resident);
      return resident;
    }
    const dir = this.folderOf(guildId);
    if (!create && !(await stat(dir).catch(() => undefined))?.isDirectory()) return undefined;
    // Asked twice at once, the second waits for the first's load rather than loading it again.
    const again = this.#resident.get(guildId);
    if (again) return again;
    const opening = KnowledgeService.open(dir, {
      build: this.#build,
      ...(this.#now ? { now: this.#now } : {}),
    });
    this.#resident.set(guildId, opening);
    opening.catch(() => this.#resident.delete(guildId));
    await this.#evictIdle();
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

  /** Drops the least recently used servers beyond the limit, skipping any with a change running. */
  async #evictIdle(): Promise<void> {
    for (const [guildId, opening] of this.#resident) {
      if (this.#resident.size <= this.#maxResident) return;
      const service = await opening.catch(() => undefined);
      if (service?.running) continue;
      this.#resident.delete(guildId);
      this.#views.delete(guildId);
    }
  }

  /** A server's documents, from its snapshot when it matches; an empty or missing folder is no documents. */
  async #buildGuild(dir: string): Promise<KnowledgeBase> {
    const files = await listFiles(dir).catch(() => [] as string[]);
    if (files.length === 0) return KnowledgeBase.fromDocuments([]);
    const { knowledgeBase } = await loadKnowledgeBase(dir, {
      cacheDir: path.join(dir, GUILD_SNAPSHOT_FOLDER),
      warn: this.#warn,
    });
    return knowledgeBase;
  }
}
