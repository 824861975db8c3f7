import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { parseFeed } from '../../src/web/feed.ts';
import {
  FEED_BACKOFF_MAX_MS,
  MAX_ITEM_ATTEMPTS,
  MAX_NEW_ITEMS_PER_POLL,
} from '../../src/web/feed-follower.ts';
import { feedStateFileFor, SEEN_ITEMS_MAX } from '../../src/web/feed-store.ts';
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

async function open(maxBytes = 50_000) {
  const knowledge = await KnowledgeService.open(dir);
  const { sources } = await WebSources.open({
    target: knowledge,
    policy: { allowHosts: [server.allowHost], maxBytes },
    feedStateFile: feedStateFileFor(dir),
    feedPollMinutes: 15,
    now: () => clock,
  });
  return { knowledge, feeds: sources.feeds };
}

/** Pages /story/<n> for each n, each its own article. */
function storyPages(count: number): void {
  for (let n = 0; n < count; n++)
    server.routes.set(`/story/${n}`, { body: articlePage(`Story number ${n}`, story(`story ${n}`)) });
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
    const published = Date.parse('2025-05-06T09:00:00Z');
    expect(rss).toEqual({
      title: 'Town news',
      items: [{ key: 'g-1', link: 'http://h.test/news/a', title: 'A', published }],
    });
    const atom = parseFeed(
      atomFeed('Town atom', [{ link: 'https://h.test/b', title: 'B & C' }]),
      'http://h.test/a',
    );
    expect(atom).toEqual({
      title: 'Town atom',
      items: [{ key: 'https://h.test/b', link: 'https://h.test/b', title: 'B & C', published }],
    });
  });

  it('takes a permalink guid as the link, keys a guid-less item by its canonical link, honours xml:base', () => {
    const feed = parseFeed(
      `<?xml version="1.0"?><rss version="2.0"><channel xml:base="https://h.test/town/"><title>T</title>
<item><title>Guid only</title><guid>https://h.test/news/guid-only</guid></item>
<item><title>Not a permalink</title><guid isPermaLink="false">tag:h.test,2025:7</guid></item>
<item><title>Tracked</title><link>https://h.test/news/tracked?id=4&amp;utm_source=rss&amp;fbclid=x#comments</link></item>
<item xml:base="/archive/"><title>Relative</title><link>2025/relative</link></item>
<item><title>Relative to the channel</title><link>local</link><dc:date>2025-05-07T10:00:00+02:00</dc:date></item>
</channel></rss>`,
      'http://feeds.test/rss',
    );
    expect(feed.items).toEqual([
      { key: 'https://h.test/news/guid-only', link: 'https://h.test/news/guid-only', title: 'Guid only' },
      {
        key: 'https://h.test/news/tracked?id=4',
        link: 'https://h.test/news/tracked?id=4&utm_source=rss&fbclid=x#comments',
        title: 'Tracked',
      },
      {
        key: 'https://h.test/archive/2025/relative',
        link: 'https://h.test/archive/2025/relative',
        title: 'Relative',
      },
      {
        key: 'https://h.test/town/local',
        link: 'https://h.test/town/local',
        title: 'Relative to the channel',
        published: Date.parse('2025-05-07T08:00:00Z'),
      },
    ]);
    const atom = parseFeed(
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://h.test/blog/"><title>A</title>
<entry><id>e-1</id><title>One</title><link href="posts/one"/><published>2025-05-01T00:00:00Z</published></entry>
<entry xml:base="/other/"><id>e-2</id><title>Two</title><link rel="alternate" href="two"/></entry></feed>`,
      'http://feeds.test/atom',
    );
    expect(atom.items.map((i) => i.link)).toEqual([
      'https://h.test/blog/posts/one',
      'https://h.test/other/two',
    ]);
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
    for (const again of ['/rss2', '/rss2?utm_source=share#top'])
      expect(await feeds.add(server.url(again), 'mod')).toEqual({
        status: 'refused',
        reason: `${server.url('/rss2')} is already followed`,
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
      policy: { allowHosts: [server.allowHost], maxBytes: 50_000 },
      feedStateFile: stateFile,
      feedPollMinutes: 15,
    });
    const name = path.basename(stateFile);
    expect(reopened.warning).toMatch(
      new RegExp(
        `^${name.replace(/\./g, '\\.')} could not be read \\(not valid feed state\\); it was moved to ${name.replace(/\./g, '\\.')}\\.unreadable-\\S+ and the feeds start empty$`,
      ),
    );
    const { feeds } = reopened.sources;
    expect(feeds.list()).toEqual([]);
    expect(feeds.notice).toBe(reopened.warning);
    // Told until the feeds are changed again.
    expect(await feeds.add(server.url('/rss3'), 'mod')).toMatchObject({ status: 'added' });
    expect(feeds.notice).toBeUndefined();
  });

  it('takes the newest items by date on a first poll, even from an oldest-first feed', async () => {
    storyPages(MAX_NEW_ITEMS_PER_POLL + 2);
    const oldestFirst = Array.from({ length: MAX_NEW_ITEMS_PER_POLL + 2 }, (_, n) => ({
      link: server.url(`/story/${n}`),
      title: `Story number ${n}`,
      published: new Date(Date.UTC(2025, 4, 1 + n)).toISOString(),
    }));
    server.routes.set('/oldest-first.xml', {
      body: rssFeed('Oldest', oldestFirst),
      type: 'application/rss+xml',
    });
    const { feeds } = await open();
    await feeds.add(server.url('/oldest-first.xml'), 'mod');
    const [first] = await feeds.pollDue();
    expect(first?.added.map((a) => a.title)).toEqual(
      Array.from(
        { length: MAX_NEW_ITEMS_PER_POLL },
        (_, i) => `Story number ${MAX_NEW_ITEMS_PER_POLL + 1 - i}`,
      ),
    );
    expect(server.hits('/story/0') + server.hits('/story/1')).toBe(0);
    later(15);
    expect((await feeds.pollDue())[0]).toMatchObject({ added: [], skipped: [] });
  });

  it('knows a guid-less item again when its link gains tracking parameters or a fragment', async () => {
    server.routes.set('/plain.xml', {
      body: rssFeed('Plain', [item('parking')]),
      type: 'application/rss+xml',
    });
    const { feeds, knowledge } = await open();
    await feeds.add(server.url('/plain.xml'), 'mod');
    expect((await feeds.pollDue())[0]?.added).toHaveLength(1);
    server.routes.set('/plain.xml', {
      body: rssFeed('Plain', [
        { ...item('parking'), link: `${item('parking').link}?utm_source=rss&utm_medium=feed#comments` },
      ]),
      type: 'application/rss+xml',
    });
    later(15);
    const hits = server.hits('/news/parking');
    expect((await feeds.pollDue())[0]).toMatchObject({ status: 'polled', added: [], skipped: [] });
    expect(server.hits('/news/parking')).toBe(hits);
    expect(knowledge.current.documents.map((d) => d.id).sort()).toEqual(['council-and-parking', 'seed']);
  });

  it('remembers every item a big feed lists: 10,000 items polled 5 times add 10 once', async () => {
    const count = 10_000;
    storyPages(count);
    const items = Array.from({ length: count }, (_, n) => ({
      guid: `big-${n}`,
      link: server.url(`/story/${n}`),
      title: `Story number ${n}`,
      published: new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString(),
    }));
    server.routes.set('/huge.xml', { body: rssFeed('Huge', items.reverse()), type: 'application/rss+xml' });
    const { feeds } = await open(5_000_000);
    await feeds.add(server.url('/huge.xml'), 'mod');
    const added: number[] = [];
    for (let poll = 0; poll < 5; poll++) {
      const [report] = await feeds.pollDue();
      expect(report?.status).toBe('polled');
      added.push(report?.added.length ?? -1);
      later(15);
    }
    expect(added).toEqual([MAX_NEW_ITEMS_PER_POLL, 0, 0, 0, 0]);
    expect(feeds.list()[0]?.seen.length).toBe(count);
    expect(count).toBeGreaterThan(SEEN_ITEMS_MAX);
  }, 60_000);

  it('keeps at most SEEN_ITEMS_MAX items beyond those the feed lists now', async () => {
    const listed = [{ guid: 'now-1', link: server.url('/missing/now'), title: 'Now' }];
    server.routes.set('/short.xml', { body: rssFeed('Short', listed), type: 'application/rss+xml' });
    const { feeds } = await open();
    await feeds.add(server.url('/short.xml'), 'mod');
    const feed = feeds.list()[0];
    if (!feed) throw new Error('no feed');
    feed.seen = [...Array.from({ length: SEEN_ITEMS_MAX + 5 }, (_, n) => `gone-${n}`), 'now-1'];
    feed.lastSuccessAt = clock.toISOString();
    await feeds.pollDue();
    expect(feeds.list()[0]?.seen).toEqual([
      ...Array.from({ length: SEEN_ITEMS_MAX }, (_, n) => `gone-${n + 5}`),
      'now-1',
    ]);
  });

  it('counts a bad item as that item’s failure, and polls the other items and feeds', async () => {
    server.routes.set('/bad/empty', { body: '' });
    server.routes.set('/bad/gzip', { body: gzipSync(articlePage('Zipped', story('zips'))) });
    server.routes.set('/bad/binary', { body: Buffer.from([0, 159, 146, 150, 255, 1, 2, 3, 0, 0]) });
    const bad = ['empty', 'gzip', 'binary'].map((name) => ({
      guid: `bad-${name}`,
      link: server.url(`/bad/${name}`),
      title: name,
    }));
    server.routes.set('/mixed.xml', {
      body: rssFeed('Mixed', [...bad, item('libraries', 'good-1')]),
      type: 'application/rss+xml',
    });
    server.routes.set('/after.xml', {
      body: rssFeed('After', [item('bins', 'good-2')]),
      type: 'application/rss+xml',
    });
    const { feeds } = await open();
    await feeds.add(server.url('/mixed.xml'), 'mod');
    await feeds.add(server.url('/after.xml'), 'mod');
    for (let attempt = 1; attempt <= MAX_ITEM_ATTEMPTS; attempt++) {
      const reports = await feeds.pollDue();
      expect(reports.map((r) => r.status)).toEqual(['polled', 'polled']);
      expect(reports[0]?.skipped.map((s) => s.link)).toEqual(bad.map((b) => b.link));
      for (const skipped of reports[0]?.skipped ?? [])
        expect(skipped.reason).toMatch(
          new RegExp(`^the page .*\\(attempt ${attempt} of ${MAX_ITEM_ATTEMPTS}\\)$`),
        );
      if (attempt === 1) {
        expect(reports[0]?.added.map((a) => a.id)).toEqual(['council-and-libraries']);
        expect(reports[1]?.added.map((a) => a.id)).toEqual(['council-and-bins']);
      }
      expect(feeds.list()[0]).toMatchObject({ failures: 0 });
      later(15);
    }
    expect((await feeds.pollDue())[0]).toMatchObject({ added: [], skipped: [] });
    expect(server.hits('/bad/gzip')).toBe(MAX_ITEM_ATTEMPTS);
  });

  it('keeps no feed whose save failed, and removes none whose save failed', async () => {
    const stateFile = feedStateFileFor(dir);
    server.routes.set('/kept.xml', { body: rssFeed('Kept', []), type: 'application/rss+xml' });
    const { feeds } = await open();
    await mkdir(stateFile);
    const refused = await feeds.add(server.url('/kept.xml'), 'mod');
    expect(refused).toEqual({
      status: 'refused',
      reason: `the feed was not saved: cannot write ${path.basename(stateFile)}: a folder is where the file should be`,
    });
    expect(feeds.list()).toEqual([]);
    await rm(stateFile, { recursive: true });
    expect(await feeds.add(server.url('/kept.xml'), 'mod')).toMatchObject({ status: 'added' });
    await rm(stateFile);
    await mkdir(stateFile);
    expect(await feeds.remove('Kept')).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining('the feed is still followed: cannot write'),
    });
    expect(feeds.list().map((f) => f.title)).toEqual(['Kept']);
  });

  it('answers with the reason while its state file cannot be read, and recovers once it can', async () => {
    const stateFile = feedStateFileFor(dir);
    await mkdir(stateFile);
    server.routes.set('/later.xml', { body: rssFeed('Later', []), type: 'application/rss+xml' });
    const { feeds } = await open();
    const reason = `cannot read ${path.basename(stateFile)}: a folder is where the file should be`;
    expect(feeds.problem).toBe(reason);
    expect(feeds.list()).toEqual([]);
    expect(await feeds.pollDue()).toEqual([]);
    expect(await feeds.add(server.url('/later.xml'), 'mod')).toEqual({
      status: 'refused',
      reason: `the feeds cannot be changed: ${reason}`,
    });
    expect(await feeds.remove('Later')).toMatchObject({
      status: 'refused',
      reason: expect.stringContaining(reason),
    });
    expect(await readdir(stateFile)).toEqual([]);
    await rm(stateFile, { recursive: true });
    expect(await feeds.add(server.url('/later.xml'), 'mod')).toMatchObject({ status: 'added' });
    expect(feeds.problem).toBeUndefined();
  });
});
