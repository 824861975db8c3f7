/**
 * Following news feeds: subscribe, unsubscribe, and poll — each feed when it is due — adding every new
 * item's article once (items are known by guid or link, and a link already in the knowledge base is never
 * added again). A feed that fails is tried again later and later (doubling, up to FEED_BACKOFF_MAX_MS), and
 * its failure is kept for /kb status; the state is saved after every change, so a restart forgets nothing.
 */
import { type Feed, FeedError, type FeedItem, parseFeed } from './feed.ts';
import { type FeedState, loadFeedStates, SEEN_ITEMS_MAX, saveFeedStates } from './feed-store.ts';
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

function failureReason(error: unknown): string {
  if (error instanceof WebFetchError || error instanceof FeedError) return error.message;
  throw error;
}

export class FeedFollower {
  readonly #sources: WebSources;
  readonly #file: string;
  readonly #intervalMs: number;
  readonly #now: () => Date;
  #feeds: FeedState[] = [];
  #polling = false;

  constructor(sources: WebSources, options: FeedFollowerOptions) {
    this.#sources = sources;
    this.#file = options.feedStateFile;
    this.#intervalMs = options.feedPollMinutes * 60_000;
    this.#now = options.now ?? (() => new Date());
  }

  /** Reads the saved state; returns a warning when an unreadable file had to be moved aside. */
  async load(): Promise<string | undefined> {
    const { feeds, warning } = await loadFeedStates(this.#file);
    this.#feeds = feeds;
    return warning;
  }

  list(): readonly FeedState[] {
    return this.#feeds;
  }

  /** Subscribes to a feed after reading it once (so a link that is no feed is refused at once). */
  async add(link: string, by: string): Promise<FeedAddOutcome> {
    let url: string;
    let parsed: Feed;
    try {
      const page = await fetchText(link, FEED_TYPES, this.#sources.policy);
      url = page.url;
      parsed = parseFeed(page.text, page.url);
    } catch (error) {
      return { status: 'refused', reason: failureReason(error) };
    }
    if (this.#find(link) ?? this.#find(url))
      return { status: 'refused', reason: `${url} is already followed` };
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
    this.#feeds.push(feed);
    await saveFeedStates(this.#file, this.#feeds);
    return { status: 'added', feed, items: parsed.items.length };
  }

  /** Stops following a feed (given by its URL or its title); the articles it added stay. */
  async remove(which: string): Promise<FeedRemoveOutcome> {
    const feed = this.#find(which);
    if (!feed) return { status: 'refused', reason: `no followed feed is ${which}` };
    this.#feeds = this.#feeds.filter((other) => other !== feed);
    await saveFeedStates(this.#file, this.#feeds);
    return { status: 'removed', feed };
  }

  #find(which: string): FeedState | undefined {
    return this.#feeds.find((feed) => feed.url === which || feed.title === which);
  }

  /** Polls every feed that is due; a poll still running is not started twice (returns no reports). */
  async pollDue(): Promise<FeedPollReport[]> {
    if (this.#polling) return [];
    this.#polling = true;
    try {
      const reports: FeedPollReport[] = [];
      for (const feed of [...this.#feeds])
        if (Date.parse(feed.nextPollAt) <= this.#now().getTime()) reports.push(await this.#poll(feed));
      return reports;
    } finally {
      this.#polling = false;
    }
  }

  async #poll(feed: FeedState): Promise<FeedPollReport> {
    const report: FeedPollReport = {
      url: feed.url,
      title: feed.title,
      status: 'polled',
      added: [],
      skipped: [],
      nextPollAt: '',
    };
    feed.lastPollAt = this.#now().toISOString();
    let items: FeedItem[];
    try {
      const page = await fetchText(feed.url, FEED_TYPES, this.#sources.policy);
      items = parseFeed(page.text, page.url).items;
    } catch (error) {
      feed.failures += 1;
      feed.lastError = failureReason(error);
      const backoff = Math.min(
        this.#intervalMs * 2 ** feed.failures,
        Math.max(FEED_BACKOFF_MAX_MS, this.#intervalMs),
      );
      feed.nextPollAt = new Date(this.#now().getTime() + backoff).toISOString();
      await saveFeedStates(this.#file, this.#feeds);
      return { ...report, status: 'failed', error: feed.lastError, nextPollAt: feed.nextPollAt };
    }
    const firstPoll = feed.lastSuccessAt === undefined;
    feed.failures = 0;
    delete feed.lastError;
    feed.lastSuccessAt = feed.lastPollAt;
    const seen = new Set(feed.seen);
    const fresh = items.filter((item) => !seen.has(item.key));
    // On the first poll only the newest items are added: a feed can list years of articles.
    if (firstPoll) for (const item of fresh.slice(MAX_NEW_ITEMS_PER_POLL)) this.#markSeen(feed, item.key);
    for (const item of fresh.slice(0, MAX_NEW_ITEMS_PER_POLL)) await this.#take(feed, item, report);
    feed.nextPollAt = new Date(this.#now().getTime() + this.#intervalMs).toISOString();
    await saveFeedStates(this.#file, this.#feeds);
    return { ...report, nextPollAt: feed.nextPollAt };
  }

  /** Adds one new item's article, or counts a failed attempt at it (giving up after MAX_ITEM_ATTEMPTS). */
  async #take(feed: FeedState, item: FeedItem, report: FeedPollReport): Promise<void> {
    if (this.#sources.documentWithSource(item.link)) {
      this.#markSeen(feed, item.key);
      report.skipped.push({ link: item.link, reason: 'already in the knowledge base' });
      return;
    }
    const outcome = await this.#sources.addUrl(item.link, { by: `feed ${feed.title}` });
    if (outcome.status === 'added' && outcome.add.status === 'added') {
      this.#markSeen(feed, item.key);
      feed.articlesAdded += 1;
      report.added.push({ id: outcome.add.document.id, title: outcome.add.document.title });
      return;
    }
    const reason =
      outcome.status === 'refused'
        ? outcome.reason
        : outcome.add.status === 'refused'
          ? outcome.add.problems.map((p) => p.problem).join('; ')
          : 'not added';
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
    if (feed.seen.length > SEEN_ITEMS_MAX) feed.seen.splice(0, feed.seen.length - SEEN_ITEMS_MAX);
  }
}
