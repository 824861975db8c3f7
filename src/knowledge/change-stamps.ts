/**
 * Several processes serving the same folders on shared storage — HTTP interaction instances behind a load
 * balancer, gateway shard groups on several machines — see each other's changes within seconds. Each knowledge
 * folder (the base, each server's) holds a stamp file, `.storybot-version` (a dot-file: never read as a
 * document), naming the version of the knowledge base last built from it. A process writes it after a change of
 * its own; before answering, a process reads the stamps of the folders it answers from (at most once per
 * `checkMs` each) and reloads a folder whose stamp names a version other than the one it serves.
 *
 * Versions are content hashes of the documents, so every process that reads the same files arrives at the same
 * version: a process whose reload gives a version other than the stamp's (it read the folder after a later
 * change) writes its own, and the others follow it. Discord-free: a guild is an id.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type GuildKnowledge, GuildNotServedError } from './guild-knowledge.ts';
import type { KnowledgeService, ReloadOutcome } from './knowledge-service.ts';

export const STAMP_FILE = '.storybot-version';
/** How often a folder's stamp is read at most, by default. */
export const DEFAULT_CHECK_MS = 1000;
/** How long an answer waits for a reload its check started, by default (then it answers from what it has). */
export const DEFAULT_WAIT_MS = 1500;

export interface ChangeStampsOptions {
  checkMs?: number;
  waitMs?: number;
  now?: () => number;
  /** Told of each reload a stamp caused, and of stamps that cannot be written. */
  onReload?: (folder: string, outcome: ReloadOutcome) => void;
  onError?: (folder: string, error: unknown) => void;
}

interface FolderState {
  /** The version this process served when it last wrote or followed the stamp. */
  served: string;
  /** The stamp last read and followed (or written). */
  seen: string | undefined;
  checkedAt: number;
  reloading: Promise<unknown> | undefined;
}

async function readStamp(dir: string): Promise<string | undefined> {
  try {
    return (await readFile(path.join(dir, STAMP_FILE), 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function writeStamp(dir: string, version: string): Promise<void> {
  const temporary = path.join(dir, `${STAMP_FILE}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, `${version}\n`);
    await rename(temporary, path.join(dir, STAMP_FILE));
  } finally {
    await rm(temporary, { force: true });
  }
}

export class ChangeStamps {
  readonly #guilds: GuildKnowledge;
  readonly #checkMs: number;
  readonly #waitMs: number;
  readonly #now: () => number;
  readonly #options: ChangeStampsOptions;
  readonly #folders = new WeakMap<KnowledgeService, FolderState>();

  constructor(guilds: GuildKnowledge, options: ChangeStampsOptions = {}) {
    this.#guilds = guilds;
    this.#checkMs = options.checkMs ?? DEFAULT_CHECK_MS;
    this.#waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    this.#now = options.now ?? Date.now;
    this.#options = options;
    // The base is followed from the start: a change to it before any answer (a feed poll) is published too.
    this.#state(guilds.base);
  }

  /**
   * Before answering in a server (null: a DM): the base's and the server's stamps are read, a folder changed by
   * another process is reloaded, and the answer waits for that reload at most `waitMs`.
   */
  async before(guildId: string | null): Promise<void> {
    const reloads = (await this.#services(guildId)).map((service) => this.#follow(service));
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#waitMs);
    });
    await Promise.race([Promise.all(reloads), waited]);
    clearTimeout(timer);
  }

  /** After an action in a server (or a feed poll): the stamps of the folders this process changed are written. */
  async after(guildId: string | null): Promise<void> {
    await Promise.all((await this.#services(guildId)).map((service) => this.#publish(service)));
  }

  /** The base, and the server's own documents when it has any and this process serves it. */
  async #services(guildId: string | null): Promise<KnowledgeService[]> {
    const services = [this.#guilds.base];
    if (guildId === null) return services;
    try {
      const own = await this.#guilds.own(guildId);
      if (own) services.push(own);
    } catch (error) {
      if (!(error instanceof GuildNotServedError)) this.#options.onError?.(guildId, error);
    }
    return services;
  }

  #state(service: KnowledgeService): FolderState {
    let state = this.#folders.get(service);
    if (!state) {
      state = {
        served: service.current.version,
        seen: undefined,
        checkedAt: Number.NEGATIVE_INFINITY,
        reloading: undefined,
      };
      this.#folders.set(service, state);
    }
    return state;
  }

  /**
   * Writes the stamp when this process's version moved since it last wrote or followed one. A folder first seen
   * now is taken as it is: every answer follows the stamps first (`before`), so a folder changed by an answer
   * was seen before it; other changes (feed polls) go through `changed`.
   */
  async #publish(service: KnowledgeService): Promise<void> {
    const state = this.#state(service);
    if (service.current.version !== state.served && !service.running) await this.#write(service);
  }

  /** Writes the stamps of folders this process has just changed, seen before or not, unless they already say so. */
  async changed(guildId: string | null): Promise<void> {
    for (const service of await this.#services(guildId)) {
      if (service.running) continue;
      if ((await readStamp(service.dir)) !== service.current.version) await this.#write(service);
    }
  }

  async #write(service: KnowledgeService): Promise<void> {
    const state = this.#state(service);
    const version = service.current.version;
    state.served = version;
    state.seen = version;
    try {
      await writeStamp(service.dir, version);
    } catch (error) {
      this.#options.onError?.(service.dir, error);
    }
  }

  /** Reloads the folder when its stamp names a version other than the one served (checked once per checkMs). */
  #follow(service: KnowledgeService): Promise<unknown> {
    const state = this.#state(service);
    if (state.reloading) return state.reloading;
    const at = this.#now();
    if (at - state.checkedAt < this.#checkMs) return Promise.resolve();
    state.checkedAt = at;
    const follow = async () => {
      // A change of this process not published yet (a feed poll) is published, not overwritten.
      if (service.current.version !== state.served) return this.#publish(service);
      const stamp = await readStamp(service.dir);
      if (stamp === undefined || stamp === state.seen) return;
      state.seen = stamp;
      if (stamp === service.current.version) return;
      const outcome = await service.reload('another instance (its change stamp)');
      this.#options.onReload?.(service.dir, outcome);
      state.served = service.current.version;
      // Read after a later change than the stamp's: this version is the newer one, and the others follow it.
      if (outcome.status === 'reloaded' && service.current.version !== stamp) await this.#write(service);
    };
    state.reloading = follow()
      .catch((error: unknown) => this.#options.onError?.(service.dir, error))
      .finally(() => {
        state.reloading = undefined;
      });
    return state.reloading;
  }
}
