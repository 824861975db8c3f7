import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuildKnowledge } from '../../src/knowledge/guild-knowledge.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { feedStateFileFor } from '../../src/web/feed-store.ts';
import { GuildWebSources } from '../../src/web/guild-web-sources.ts';
import { WebSources } from '../../src/web/web-sources.ts';
import { tempKnowledge } from '../helpers.ts';
import { articlePage, rssFeed } from './pages.ts';
import { WebServer } from './web-server.ts';

const BROKEN = '100000000000000011';
const WORKING = '100000000000000012';
const INVALID = '100000000000000013';
const PARAGRAPHS = [
  'The village bakery reopened on Saturday after a fire in March, and a queue had formed outside its door an hour before the first loaves came out of the rebuilt oven.',
  'The baker, Tomas Reyl, said neighbours had lent him their own kitchens for three months so that the school and the care home never went without bread.',
  'Reyl said the new oven was smaller than the old one but faster, and that he would keep baking the rye bread the village has asked for since his grandfather opened the shop.',
];

let server: WebServer;

beforeAll(async () => {
  server = await WebServer.start();
  server.routes.set('/news/bakery', { body: articlePage('Bakery reopens after fire', PARAGRAPHS) });
  server.routes.set('/village.xml', {
    body: rssFeed('Village news', [{ guid: 'bakery', link: server.url('/news/bakery'), title: 'Bakery' }]),
    type: 'application/rss+xml',
  });
});

afterAll(async () => {
  await server?.close();
});

describe('GuildWebSources', () => {
  it('opens every server though one server’s feed state cannot be read, which answers with the reason', async () => {
    const dataDir = tempKnowledge({});
    const base = await KnowledgeService.open(
      tempKnowledge({ 'seed.md': '---\ntitle: Seed\n---\n\nA seed.\n' }),
    );
    const guilds = new GuildKnowledge(base, { dataDir, warn: () => undefined });
    const brokenFile = feedStateFileFor(path.join(dataDir, BROKEN));
    await mkdir(brokenFile);
    await writeFile(feedStateFileFor(path.join(dataDir, INVALID)), '{ "version": 1, "feeds": [ { "url": 3');
    const now = new Date('2025-05-06T10:00:00Z');
    await writeFile(
      feedStateFileFor(path.join(dataDir, WORKING)),
      JSON.stringify({
        version: 1,
        feeds: [
          {
            url: server.url('/village.xml'),
            title: 'Village news',
            addedBy: 'mod',
            addedAt: now.toISOString(),
            seen: [],
            itemAttempts: {},
            articlesAdded: 0,
            failures: 0,
            nextPollAt: now.toISOString(),
          },
        ],
      }),
    );
    const policy = { allowHosts: [server.allowHost], maxBytes: 50_000 };
    const { sources } = await WebSources.open({
      target: base,
      policy,
      feedStateFile: feedStateFileFor(base.dir),
      feedPollMinutes: 15,
    });
    const warnings: [string, string][] = [];
    const web = new GuildWebSources(sources, guilds, {
      policy,
      feedPollMinutes: 15,
      now: () => now,
      warn: (guild, message) => warnings.push([guild, message]),
    });
    await web.openSaved();
    const reason = `cannot read ${BROKEN}.feeds.json: a folder is where the file should be`;
    // Servers are opened in the order their files are listed, which the file system decides.
    const told = Object.fromEntries(warnings);
    expect(told).toEqual({
      [BROKEN]: reason,
      [INVALID]: expect.stringMatching(
        /^\d+\.feeds\.json could not be read \(not valid feed state\); it was moved to /,
      ),
    });
    expect((await web.feedsOf(BROKEN)).problem).toBe(reason);
    expect((await web.feedsOf(INVALID)).notice).toBe(told[INVALID]);
    expect(await (await web.feedsOf(BROKEN)).add(server.url('/village.xml'), 'mod')).toEqual({
      status: 'refused',
      reason: `the feeds cannot be changed: ${reason}`,
    });
    const polled: Record<string, string[]> = {};
    for (const target of web.pollTargets())
      polled[target.guild ?? 'base'] = (await target.pollDue()).flatMap((r) => r.added.map((a) => a.id));
    expect(polled).toEqual({
      base: [],
      [BROKEN]: [],
      [WORKING]: ['bakery-reopens-after-fire'],
      [INVALID]: [],
    });
    // Once the file is fixed, the next check reads it: no restart needed.
    await rm(brokenFile, { recursive: true });
    const broken = web.pollTargets().find((target) => target.guild === BROKEN);
    expect(await broken?.pollDue()).toEqual([]);
    expect((await web.feedsOf(BROKEN)).problem).toBeUndefined();
  });
});
