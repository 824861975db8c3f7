/**
 * Web sources per target: the base's (one WebSources over KNOWLEDGE_DIR, feeds in KNOWLEDGE_DIR.feeds.json)
 * and each server's (over its own documents, feeds in GUILD_DATA_DIR/<id>.feeds.json, beside its folder as
 * the base's file is beside the base). Discord-free: a guild is an id.
 *
 * A server's WebSources is made on first use (a /kb web action, or a state file found at start) and kept: it
 * holds only the feed state. Its documents are reached through a target that is bound to the server's
 * KnowledgeService only while a change runs (GuildKnowledge.change pins the server in memory), so a server
 * with feeds stays out of memory between polls and is opened only when one of its feeds is due.
 */
import { readdir } from 'node:fs/promises';
import type { GuildKnowledge } from '../knowledge/guild-knowledge.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import type { FeedFollower, FeedPollReport } from './feed-follower.ts';
import type { FeedPollTarget } from './feed-poller.ts';
import { feedStateFileFor } from './feed-store.ts';
import type { FetchPolicy } from './safe-fetch.ts';
import { type KnowledgeTarget, WebSources } from './web-sources.ts';

const FEED_STATE_FILE = /^(\d{17,20})\.feeds\.json$/;

/** A server's documents as a KnowledgeTarget: the service the running change was given. */
class GuildTarget implements KnowledgeTarget {
  service: KnowledgeService | undefined;
  constructor(readonly dir: string) {}

  #bound(): KnowledgeService {
    if (!this.service) throw new Error('a server’s web sources are used only inside GuildWebSources.change');
    return this.service;
  }

  get current() {
    return this.#bound().current;
  }

  add(...args: Parameters<KnowledgeTarget['add']>) {
    return this.#bound().add(...args);
  }
}

interface GuildWeb {
  sources: WebSources;
  target: GuildTarget;
}

export interface GuildWebSourcesOptions {
  policy: FetchPolicy;
  feedPollMinutes: number;
  now?: () => Date;
  /** Told about a server's feed state file that was not valid (moved aside) or cannot be read at all. */
  warn?: (guildId: string, message: string) => void;
}

export class GuildWebSources {
  readonly base: WebSources;
  readonly #guilds: GuildKnowledge;
  readonly #options: GuildWebSourcesOptions;
  readonly #byGuild = new Map<string, Promise<GuildWeb>>();

  constructor(base: WebSources, guilds: GuildKnowledge, options: GuildWebSourcesOptions) {
    this.base = base;
    this.#guilds = guilds;
    this.#options = options;
  }

  /** Opens the web sources of every server this process serves that has a feed state file. */
  async openSaved(): Promise<void> {
    const names = await readdir(this.#guilds.dataDir).catch(() => [] as string[]);
    for (const name of names) {
      const guildId = FEED_STATE_FILE.exec(name)?.[1];
      if (guildId && this.#guilds.serves(guildId)) await this.#web(guildId);
    }
  }

  #web(guildId: string): Promise<GuildWeb> {
    let opening = this.#byGuild.get(guildId);
    if (!opening) {
      const dir = this.#guilds.folderOf(guildId);
      const target = new GuildTarget(dir);
      const { policy, feedPollMinutes, now } = this.#options;
      opening = WebSources.open({
        target,
        policy,
        feedPollMinutes,
        feedStateFile: feedStateFileFor(dir),
        ...(now ? { now } : {}),
      }).then(({ sources, warning }) => {
        if (warning) this.#options.warn?.(guildId, warning);
        return { sources, target };
      });
      this.#byGuild.set(guildId, opening);
      opening.catch(() => this.#byGuild.delete(guildId));
    }
    return opening;
  }

  /** The server's feed follower: feeds are listed, added and removed without opening its documents. */
  async feedsOf(guildId: string): Promise<FeedFollower> {
    return (await this.#web(guildId)).sources.feeds;
  }

  /** Runs `work` with the server's web sources, its documents in memory meanwhile (made on first use). */
  async change<T>(guildId: string, work: (sources: WebSources) => Promise<T>): Promise<T> {
    const web = await this.#web(guildId);
    return this.#guilds.change(guildId, (own) => {
      web.target.service = own;
      return work(web.sources);
    });
  }

  /** What the poller reads: the base's feeds, then every known server's (opened only when a feed is due). */
  pollTargets(): FeedPollTarget[] {
    const targets: FeedPollTarget[] = [{ guild: null, pollDue: () => this.base.feeds.pollDue() }];
    for (const [guildId, opening] of this.#byGuild)
      targets.push({ guild: guildId, pollDue: () => this.#pollGuild(guildId, opening) });
    return targets;
  }

  async #pollGuild(guildId: string, opening: Promise<GuildWeb>): Promise<FeedPollReport[]> {
    const { sources } = await opening;
    // A state file that could not be read is tried again on every check, so a fixed file needs no restart.
    if (await sources.feeds.recheck()) return [];
    const now = (this.#options.now ?? (() => new Date()))().getTime();
    if (!sources.feeds.list().some((feed) => Date.parse(feed.nextPollAt) <= now)) return [];
    return this.change(guildId, (web) => web.feeds.pollDue());
  }
}
