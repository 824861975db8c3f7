/**
 * Following news feeds: subscribe, unsubscribe, and poll — each feed when it is due — adding every new
 * item's article once, newest first (items are known by guid or canonical link, and a link already in the
 * knowledge base is never added again). Failures stay where they happen: an item whose article cannot be
 * added is that item's (tried on MAX_ITEM_ATTEMPTS polls, then given up), a feed that fails is that feed's
 * (tried again later and later, doubling up to FEED_BACKOFF_MAX_MS, its failure kept for /kb status), and
 * neither stops the other feeds. The state is saved before a change is kept, and after every poll, so a
 * restart forgets nothing; a state file that cannot be read leaves the feeds refused with the reason.
 */
import { sameArticleUrl } from './canonical-url.ts';
import { type Feed, FeedError, type FeedItem, parseFeed } from './feed.ts';
import {
  type FeedState,
  FeedStateError,
  loadFeedStates,
  SEEN_ITEMS_MAX,
  saveFeedStates,
} from './feed-store.ts';
import { FEED_TYPES, fetchText, WebFetchError } from './safe-fetch.ts';
import type { WebSources } from './web-sources.ts';

/** The longest a failing feed waits before its next try. */
export const FEED_BACKOFF_MAX_MS = 6 * 60 * 60 * 1000;
/** Articles added from one feed in one poll; on a feed's first poll, older items are only marked as seen. */
export const MAX_NEW_ITEMS_PER_POLL = 10;
/** An item whose article cannot be added is tried on this many polls, then given up. */
export const MAX_ITEM_ATTEMPTS = 3;

export interface FeedPollReport {
  url: string;
  title: string;
  status: 'polled' | 'failed';
  added: { id: string; title: string }[];
  skipped: { link: string; reason: string }[];
  error?: string;
  nextPollAt: string;
}

export type FeedAddOutcome =
  | { status: 'added'; feed: FeedState; items: number }
  | { status: 'refused'; reason: string };

export type FeedRemoveOutcome =
  | { status: 'removed'; feed: FeedState }
  | { status: 'refused'; reason: string };

export interface FeedFollowerOptions {
  feedStateFile: string;
  feedPollMinutes: number;
  now?: () => Date;
}

/** Why a feed could not be read or parsed; anything unexpected is rethrown. */
function failureReason(error: unknown): string {
  if (error instanceof WebFetchError || error instanceof FeedError) return error.message;
  throw error;
}

/** What went wrong, as a sentence part, whatever was thrown. */
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The items newest first: by date where the feed gives dates (items without one after those with one),
 * else in the feed's own order, which the (stable) sort keeps among equals.
 */
function newestFirst(items: readonly FeedItem[]): FeedItem[] {
  const time = (item: FeedItem) => item.published ?? Number.NEGATIVE_INFINITY;
  // Two undated items give -Infinity - -Infinity, NaN: equal, as `|| 0` says.
  return [...items].sort((a, b) => time(b) - time(a) || 0);
}

export class FeedFollower {
  readonly #sources: WebSources;
  readonly #file: string;
  readonly #intervalMs: number;
  readonly #now: () => Date;
  #feeds: FeedState[] = [];
  /** Why the state file cannot be used (it cannot be read), while it cannot. */
  #problem: string | undefined;
  /** That the state file was not valid and was moved aside, until the feeds are changed. */
  #notice: string | undefined;
  #polling = false;

  constructor(sources: WebSources, options: FeedFollowerOptions) {
    this.#sources = sources;
    this.#file = options.feedStateFile;
    this.#intervalMs = options.feedPollMinutes * 60_000;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Reads the saved state; returns a warning when a file that is not valid state had to be moved aside, or
   * when the file cannot be read at all (then the feeds are refused with that reason until it can be).
   */
  async load(): Promise<string | undefined> {
    try {
      const { feeds, warning } = await loadFeedStates(this.#file);
      this.#feeds = feeds;
      this.#problem = undefined;
      this.#notice = warning;
      return warning;
    } catch (error) {
      if (!(error instanceof FeedStateError)) throw error;
      this.#feeds = [];
      this.#problem = error.message;
      return error.message;
    }
  }

  /** Why these feeds cannot be used now (their state file cannot be read), or undefined. */
  get problem(): string | undefined {
    return this.#problem;
  }

  /** That the state file was not valid and was moved aside (the feeds were lost), until they are changed. */
  get notice(): string | undefined {
    return this.#notice;
  }

  /** Reads the state file again when it could not be read; the problem that remains, if any. */
  async recheck(): Promise<string | undefined> {
    if (this.#problem !== undefined) await this.load();
    return this.#problem;
  }

  list(): readonly FeedState[] {
    return this.#feeds;
  }

  /** Saves `feeds` as the state, then keeps them; a save that fails keeps the state as it was. */
  async #change(feeds: FeedState[]): Promise<string | undefined> {
    try {
      await saveFeedStates(this.#file, feeds);
    } catch (error) {
      if (!(error instanceof FeedStateError)) throw error;
      return error.message;
    }
    this.#feeds = feeds;
    this.#notice = undefined;
    return undefined;
  }

  /** Subscribes to a feed after reading it once (so a link that is no feed is refused at once). */
  async add(link: string, by: string): Promise<FeedAddOutcome> {
    const unreadable = await this.recheck();
    if (unreadable) return { status: 'refused', reason: `the feeds cannot be changed: ${unreadable}` };
    let url: string;
    let parsed: Feed;
    try {
      const page = await fetchText(link, FEED_TYPES, this.#sources.policy);
      url = page.url;
      parsed = parseFeed(page.text, page.url);
    } catch (error) {
      return { status: 'refused', reason: failureReason(error) };
    }
    const followed = this.#feeds.find(
      (feed) => sameArticleUrl(feed.url, link) || sameArticleUrl(feed.url, url),
    );
    if (followed) return { status: 'refused', reason: `${followed.url} is already followed` };
    const now = this.#now().toISOString();
    const feed: FeedState = {
      url,
      title: parsed.title,
      addedBy: by,
      addedAt: now,
      seen: [],
      itemAttempts: {},
      articlesAdded: 0,
      failures: 0,
      nextPollAt: now,
    };
    const unsaved = await this.#change([...this.#feeds, feed]);
    if (unsaved) return { status: 'refused', reason: `the feed was not saved: ${unsaved}` };
    return { status: 'added', feed, items: parsed.items.length };
  }

  /** Stops following a feed (given by its URL or its title); the articles it added stay. */
  async remove(which: string): Promise<FeedRemoveOutcome> {
    const unreadable = await this.recheck();
    if (unreadable) return { status: 'refused', reason: `the feeds cannot be changed: ${unreadable}` };
    const feed = this.#find(which);
    if (!feed) return { status: 'refused', reason: `no followed feed is ${which}` };
    const unsaved = await this.#change(this.#feeds.filter((other) => other !== feed));
    if (unsaved) return { status: 'refused', reason: `the feed is still followed: ${unsaved}` };
    return { status: 'removed', feed };
  }

  #find(which: string): FeedState | undefined {
    return this.#feeds.find((feed) => feed.url === which || feed.title === which);
  }

  /** Polls every feed that is due; a poll still running is not started twice (returns no reports). */
  pollDue(): Promise<FeedPollReport[]> {
    return this.#pollEach((feed) => Date.parse(feed.nextPollAt) <= this.#now().getTime());
  }

  /** Polls every feed now, due or not (an operator's `kb poll`). */
  pollAll(): Promise<FeedPollReport[]> {
    return this.#pollEach(() => true);
  }

  /** Polls the feeds `due` picks, one after another; whatever one feed does, the next is polled. */
  async #pollEach(due: (feed: FeedState) => boolean): Promise<FeedPollReport[]> {
    if (this.#polling || (await this.recheck())) return [];
    this.#polling = true;
    try {
      const reports: FeedPollReport[] = [];
      for (const feed of [...this.#feeds]) {
        if (!due(feed)) continue;
        try {
          reports.push(await this.#poll(feed));
        } catch (error) {
          reports.push(await this.#failed(feed, messageOf(error)));
        }
      }
      return reports;
    } finally {
      this.#polling = false;
    }
  }

  #report(feed: FeedState): FeedPollReport {
    return { url: feed.url, title: feed.title, status: 'polled', added: [], skipped: [], nextPollAt: '' };
  }

  /** Counts a failed poll of the feed and puts its next try off (doubling each time). */
  async #failed(feed: FeedState, reason: string): Promise<FeedPollReport> {
    feed.failures += 1;
    feed.lastError = reason;
    const backoff = Math.min(
      this.#intervalMs * 2 ** feed.failures,
      Math.max(FEED_BACKOFF_MAX_MS, this.#intervalMs),
    );
    feed.nextPollAt = new Date(this.#now().getTime() + backoff).toISOString();
    try {
      await saveFeedStates(this.#file, this.#feeds);
    } catch (error) {
      if (!(error instanceof FeedStateError)) throw error;
      feed.lastError = `${reason}; ${error.message}`;
    }
    return { ...this.#report(feed), status: 'failed', error: feed.lastError, nextPollAt: feed.nextPollAt };
  }

  async #poll(feed: FeedState): Promise<FeedPollReport> {
    const report = this.#report(feed);
    feed.lastPollAt = this.#now().toISOString();
    let items: FeedItem[];
    try {
      const page = await fetchText(feed.url, FEED_TYPES, this.#sources.policy);
      items = newestFirst(parseFeed(page.text, page.url).items);
    } catch (error) {
      return this.#failed(feed, failureReason(error));
    }
    const firstPoll = feed.lastSuccessAt === undefined;
    const seen = new Set(feed.seen);
    const fresh = items.filter((item) => !seen.has(item.key));
    // On the first poll only the newest items are added: a feed can list years of articles.
    if (firstPoll) for (const item of fresh.slice(MAX_NEW_ITEMS_PER_POLL)) this.#markSeen(feed, item.key);
    for (const item of fresh.slice(0, MAX_NEW_ITEMS_PER_POLL)) await this.#take(feed, item, report);
    this.#forget(feed, items);
    feed.failures = 0;
    delete feed.lastError;
    feed.lastSuccessAt = feed.lastPollAt;
    feed.nextPollAt = new Date(this.#now().getTime() + this.#intervalMs).toISOString();
    await saveFeedStates(this.#file, this.#feeds);
    return { ...report, nextPollAt: feed.nextPollAt };
  }

  /**
   * Adds one new item's article, or counts a failed attempt at it (giving up after MAX_ITEM_ATTEMPTS):
   * whatever goes wrong with one item is that item's failure, never the feed's.
   */
  async #take(feed: FeedState, item: FeedItem, report: FeedPollReport): Promise<void> {
    if (this.#sources.documentWithSource(item.link)) {
      this.#markSeen(feed, item.key);
      report.skipped.push({ link: item.link, reason: 'already in the knowledge base' });
      return;
    }
    let reason: string;
    try {
      const outcome = await this.#sources.addUrl(item.link, { by: `feed ${feed.title}` });
      if (outcome.status === 'added' && outcome.add.status === 'added') {
        this.#markSeen(feed, item.key);
        feed.articlesAdded += 1;
        report.added.push({ id: outcome.add.document.id, title: outcome.add.document.title });
        return;
      }
      reason =
        outcome.status === 'refused'
          ? outcome.reason
          : outcome.add.status === 'refused'
            ? outcome.add.problems.map((p) => p.problem).join('; ')
            : 'not added';
    } catch (error) {
      reason = messageOf(error);
    }
    const attempts = (feed.itemAttempts[item.key] ?? 0) + 1;
    feed.itemAttempts[item.key] = attempts;
    if (attempts >= MAX_ITEM_ATTEMPTS) this.#markSeen(feed, item.key);
    report.skipped.push({
      link: item.link,
      reason: `${reason} (attempt ${attempts} of ${MAX_ITEM_ATTEMPTS})`,
    });
  }

  #markSeen(feed: FeedState, key: string): void {
    delete feed.itemAttempts[key];
    feed.seen.push(key);
  }

  /**
   * Keeps every seen item the feed lists now, and of those it no longer lists only the SEEN_ITEMS_MAX last
   * seen; attempts at items it no longer lists are dropped.
   */
  #forget(feed: FeedState, items: readonly FeedItem[]): void {
    const listed = new Set(items.map((item) => item.key));
    const unlisted = feed.seen.filter((key) => !listed.has(key));
    const forgotten = new Set(unlisted.slice(0, Math.max(0, unlisted.length - SEEN_ITEMS_MAX)));
    if (forgotten.size > 0) feed.seen = feed.seen.filter((key) => !forgotten.has(key));
    for (const key of Object.keys(feed.itemAttempts)) if (!listed.has(key)) delete feed.itemAttempts[key];
  }
}
