import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { parseFeed } from '../../src/web/feed.ts';
import {
  FEED_BACKOFF_MAX_MS,
  MAX_ITEM_ATTEMPTS,
  MAX_NEW_ITEMS_PER_POLL,
} from '../../src/web/feed-follower.ts';
import { feedStateFileFor } from '../../src/web/feed-store.ts';
import { WebSources } from '../../src/web/web-sources.ts';
import { tempKnowledge } from '../helpers.ts';
import { articlePage, atomFeed, rssFeed, type TestItem } from './pages.ts';
import { WebServer } from './web-server.ts';

const MINUTE = 60_000;
const sentence = (topic: string) =>
  `The council met on Thursday to discuss ${topic}, and members spoke for more than an hour about what the town should do next, before a vote that was closer than anyone expected.`;
const story = (topic: string) => [
  sentence(topic),
  sentence(`${topic} again`),
  sentence(`the cost of ${topic}`),
];

let server: WebServer;
let dir: string;
let clock: Date;

beforeAll(async () => {
  server = await WebServer.start();
  for (const topic of ['bridges', 'parking', 'libraries', 'bins'])
    server.routes.set(`/news/${topic}`, { body: articlePage(`Council and ${topic}`, story(topic)) });
});

afterAll(async () => {
  await server?.close();
});

beforeEach(() => {
  dir = tempKnowledge({ 'seed.md': '---\ntitle: Seed\n---\n\nA seed document.\n' });
  clock = new Date('2025-05-06T10:00:00Z');
});

async function open() {
  const knowledge = await KnowledgeService.open(dir);
  const { sources } = await WebSources.open({
    target: knowledge,
    policy: { allowHosts: [server.allowHost], maxBytes: 50_000 },
    feedStateFile: feedStateFileFor(dir),
    feedPollMinutes: 15,
    now: () => clock,
  });
  return { knowledge, feeds: sources.feeds };
}

const item = (topic: string, guid?: string): TestItem => ({
  link: server.url(`/news/${topic}`),
  title: `Council and ${topic}`,
  ...(guid ? { guid } : {}),
});
const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * MINUTE);
};

describe('parseFeed', () => {
  it('reads RSS and Atom items, keyed by guid or id, links resolved', () => {
    const rss = parseFeed(
      rssFeed('Town news', [{ guid: 'g-1', link: '/news/a', title: 'A' }]),
      'http://h.test/f',
    );
    expect(rss).toEqual({
      title: 'Town news',
      items: [{ key: 'g-1', link: 'http://h.test/news/a', title: 'A' }],
    });
    const atom = parseFeed(
      atomFeed('Town atom', [{ link: 'https://h.test/b', title: 'B & C' }]),
      'http://h.test/a',
    );
    expect(atom).toEqual({
      title: 'Town atom',
      items: [{ key: 'https://h.test/b', link: 'https://h.test/b', title: 'B & C' }],
    });
  });

  it('refuses what is not a feed', () => {
    expect(() => parseFeed('<html><body>hi</body></html>', 'http://h.test/')).toThrow(
      /not an RSS or Atom feed/,
    );
  });
});

describe('following a feed', () => {
  it('adds new articles once, by guid or link, across polls and restarts', async () => {
    server.routes.set('/rss', {
      body: rssFeed('Town news', [item('bridges', 'id-1'), item('parking')]),
      type: 'application/rss+xml',
    });
    const first = await open();
    const added = await first.feeds.add(server.url('/rss'), 'mod');
    expect(added).toMatchObject({ status: 'added', items: 2, feed: { title: 'Town news' } });
    const poll1 = await first.feeds.pollDue();
    expect(poll1).toHaveLength(1);
    expect(poll1[0]?.added.map((a) => a.id).sort()).toEqual(['council-and-bridges', 'council-and-parking']);
    expect(first.knowledge.current.documents.map((d) => d.id).sort()).toEqual([
      'council-and-bridges',
      'council-and-parking',
      'seed',
    ]);
    // Not due yet: nothing is fetched.
    later(10);
    expect(await first.feeds.pollDue()).toEqual([]);
    // The same items again (one now under a new title), and one new item, after a restart.
    server.routes.set('/rss', {
      body: rssFeed('Town news', [
        item('libraries'),
        { ...item('bridges', 'id-1'), title: 'Renamed' },
        item('parking'),
      ]),
      type: 'application/rss+xml',
    });
    const pagesBefore = server.hits('/news/bridges') + server.hits('/news/parking');
    const second = await open();
    later(5);
    const poll2 = await second.feeds.pollDue();
    expect(poll2[0]?.added.map((a) => a.id)).toEqual(['council-and-libraries']);
    expect(server.hits('/news/bridges') + server.hits('/news/parking')).toBe(pagesBefore);
    expect((await readdir(dir)).filter((f) => f.endsWith('.md')).sort()).toEqual([
      'council-and-bridges.md',
      'council-and-libraries.md',
      'council-and-parking.md',
      'seed.md',
    ]);
    expect(second.feeds.list()[0]).toMatchObject({ articlesAdded: 3, failures: 0 });
  });

  it('backs off while a feed fails, says why, and recovers', async () => {
    server.routes.set('/atom', { body: atomFeed('Town atom', [item('bins')]), type: 'application/atom+xml' });
    const { feeds } = await open();
    await feeds.add(server.url('/atom'), 'mod');
    server.routes.set('/atom', { body: 'down for maintenance', status: 503, type: 'text/plain' });
    const failed = await feeds.pollDue();
    expect(failed[0]).toMatchObject({
      status: 'failed',
      error: `127.0.0.1:${server.port} answered HTTP 503`,
    });
    expect(feeds.list()[0]).toMatchObject({
      failures: 1,
      lastError: `127.0.0.1:${server.port} answered HTTP 503`,
    });
    expect(feeds.list()[0]?.nextPollAt).toBe(new Date(clock.getTime() + 30 * MINUTE).toISOString());
    later(15);
    expect(await feeds.pollDue()).toEqual([]);
    later(15);
    expect((await feeds.pollDue())[0]?.status).toBe('failed');
    expect(feeds.list()[0]?.nextPollAt).toBe(new Date(clock.getTime() + 60 * MINUTE).toISOString());
    later(60);
    server.routes.set('/atom', { body: atomFeed('Town atom', [item('bins')]), type: 'application/atom+xml' });
    const recovered = await feeds.pollDue();
    expect(recovered[0]).toMatchObject({ status: 'polled', added: [{ id: 'council-and-bins' }] });
    expect(feeds.list()[0]).toMatchObject({ failures: 0 });
    expect(feeds.list()[0]?.lastError).toBeUndefined();
    expect(FEED_BACKOFF_MAX_MS).toBeGreaterThan(60 * MINUTE);
  });

  it('adds only the newest items on a first poll, and gives up on an item after its attempts', async () => {
    const items = Array.from({ length: MAX_NEW_ITEMS_PER_POLL + 2 }, (_, n) => ({
      guid: `missing-${n}`,
      link: server.url(`/missing/${n}`),
      title: `Missing ${n}`,
    }));
    server.routes.set('/big.xml', { body: rssFeed('Big', items), type: 'application/rss+xml' });
    const { feeds } = await open();
    await feeds.add(server.url('/big.xml'), 'mod');
    for (let poll = 1; poll <= MAX_ITEM_ATTEMPTS; poll++) {
      const [report] = await feeds.pollDue();
      expect(report?.skipped).toHaveLength(MAX_NEW_ITEMS_PER_POLL);
      expect(report?.skipped[0]?.reason).toBe(
        `127.0.0.1:${server.port} answered HTTP 404 (attempt ${poll} of ${MAX_ITEM_ATTEMPTS})`,
      );
      later(15);
    }
    expect(server.hits('/missing/0')).toBe(MAX_ITEM_ATTEMPTS);
    expect(server.hits(`/missing/${MAX_NEW_ITEMS_PER_POLL}`)).toBe(0);
    const [last] = await feeds.pollDue();
    expect(last).toMatchObject({ status: 'polled', added: [], skipped: [] });
    expect(server.hits('/missing/0')).toBe(MAX_ITEM_ATTEMPTS);
    expect(feeds.list()[0]?.seen).toHaveLength(items.length);
  });

  it('refuses a link that is no feed, a feed followed twice, and removes a feed', async () => {
    server.routes.set('/page', { body: articlePage('Council and bins', story('bins')) });
    server.routes.set('/xml', { body: '<note>hello</note>', type: 'application/xml' });
    server.routes.set('/rss2', { body: rssFeed('Second', []), type: 'application/rss+xml' });
    const { feeds } = await open();
    expect(await feeds.add(server.url('/page'), 'mod')).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('is text/html, not application/rss+xml'),
    });
    expect(await feeds.add(server.url('/xml'), 'mod')).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('not an RSS or Atom feed'),
    });
    await feeds.add(server.url('/rss2'), 'mod');
    expect(await feeds.add(server.url('/rss2'), 'mod')).toMatchObject({
      reason: expect.stringContaining('already followed'),
    });
    expect(await feeds.remove('Second')).toMatchObject({ status: 'removed' });
    expect(feeds.list()).toEqual([]);
    expect(await feeds.remove('Second')).toMatchObject({ status: 'refused' });
  });

  it('keeps its state beside the knowledge folder, not in it, and survives an unreadable state file', async () => {
    const stateFile = feedStateFileFor(dir);
    expect(path.dirname(stateFile)).toBe(path.dirname(dir));
    server.routes.set('/rss3', { body: rssFeed('Third', []), type: 'application/rss+xml' });
    await (await open()).feeds.add(server.url('/rss3'), 'mod');
    expect(JSON.parse(await readFile(stateFile, 'utf8')).feeds[0].url).toBe(server.url('/rss3'));
    expect(await readdir(dir)).toEqual(['seed.md']);
    await writeFile(stateFile, '{ not json');
    const knowledge = await KnowledgeService.open(dir);
    const reopened = await WebSources.open({
      target: knowledge,
      policy: { allowHosts: [], maxBytes: 1000 },
      feedStateFile: stateFile,
      feedPollMinutes: 15,
    });
    expect(reopened.warning).toMatch(/could not be read; it was moved to .*unreadable-/);
    expect(reopened.sources.feeds.list()).toEqual([]);
  });
});
