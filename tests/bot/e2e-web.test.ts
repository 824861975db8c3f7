/**
 * End to end: the web side of /kb through the real client — a moderator adds a news page by its link, and
 * /quote and /who answer from it; unsafe links and wrong option combinations are refused; refresh reports
 * per document; feeds are followed, listed in /kb status, polled, and removed.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_CONTENT_MAX } from '../../src/bot/limits.ts';
import { formatFeedList } from '../../src/bot/web-report.ts';
import { feedStateFileFor } from '../../src/web/feed-store.ts';
import { articlePage, rssFeed } from '../web/pages.ts';
import { fixture, WebServer } from '../web/web-server.ts';
import {
  type CommandOption,
  type InteractionUser,
  MODERATOR_ROLE_ID,
  OTHER_GUILD_ID,
  OTHER_ROLE_ID,
  option,
  PERMISSIONS,
} from './fake-discord.ts';
import { contentOf, embedOf, messageBodies, type Running, startBot } from './harness.ts';

const moderator = { id: '900000000000000302', roles: [MODERATOR_ROLE_ID] };
const reader = { id: '900000000000000303', roles: [OTHER_ROLE_ID] };
/** Discord's subcommand group option type. */
const SUBCOMMAND_GROUP = 2;

let server: WebServer;
let run: Running;
let clock = new Date('2025-06-01T12:00:00Z');

beforeAll(async () => {
  server = await WebServer.start();
  server.routes.set('/news/library', { body: fixture('article.html') });
  run = await startBot({ env: { KB_URL_ALLOW_HOSTS: server.allowHost }, now: () => clock });
});

afterAll(async () => {
  await run?.close();
  await server?.close();
});

async function kb(user: InteractionUser, options: CommandOption[]) {
  const reply = await run.fake.response(run.fake.command('kb', options, user));
  return { reply, text: contentOf(reply) };
}
const sub = (name: string, options: CommandOption[] = []) => [option.subcommand(name, options)];
const feedSub = (name: string, options: CommandOption[] = []): CommandOption[] => [
  { name: 'feed', type: SUBCOMMAND_GROUP, options: [option.subcommand(name, options)] },
];

describe('/kb add url', () => {
  it('adds the article of a page, and /quote and /who answer from it', async () => {
    const { reply, text } = await kb(
      moderator,
      sub('add', [option.string('url', server.url('/news/library'))]),
    );
    expect(reply.ephemeral).toBe(true);
    expect(text).toContain(
      `“Riverside library reopens after winter flood” from <${server.url('/news/library')}>: 5 paragraphs, published 2025-03-04, by Elena Marsh.`,
    );
    expect(text).toContain(
      '> The Riverside public library reopened on Monday, three months after floodwater',
    );
    expect(text).toContain('Added riverside-library-reopens-after-winter-flood.md');
    expect(text).toMatch(/\+ added riverside-library-reopens-after-winter-flood/);

    const quote = embedOf(
      await run.fake.response(run.fake.command('quote', [option.string('query', 'Whitfield')])),
    );
    expect(JSON.stringify(quote)).toContain('We lost the local history room, but not the people who use it');
    expect(JSON.stringify(quote)).toContain('Riverside library reopens after winter flood');
    const who = embedOf(await run.fake.response(run.fake.command('who', [option.string('query', 'Okafor')])));
    expect(JSON.stringify(who)).toContain('Samuel Okafor');
  });

  it('asks for exactly one of file and url', async () => {
    const neither = await kb(moderator, sub('add'));
    expect(neither.text).toBe(
      'The document was not added: give exactly one of file: (a .md or .txt attachment) or url: (a web page).',
    );
    const file = run.fake.attachment('x.md', Buffer.from('---\ntitle: X\n---\n\nText.\n'), 'text/markdown');
    const id = run.fake.command(
      'kb',
      sub('add', [option.attachment('file', file.id), option.string('url', server.url('/news/library'))]),
      moderator,
      [file],
    );
    expect(contentOf(await run.fake.response(id))).toContain('give exactly one of file:');
    expect(await readdir(run.dir)).not.toContain('x.md');
  });

  it('refuses unsafe links with the reason, and lets no reader in', async () => {
    const files = await readdir(run.dir);
    const local = await kb(
      moderator,
      sub('add', [option.string('url', `http://localhost:${server.port}/news/library`)]),
    );
    expect(local.text).toMatch(/^The page was not added: localhost resolves to .*, a loopback address\./);
    const metadata = await kb(
      moderator,
      sub('add', [option.string('url', 'http://169.254.169.254/latest/')]),
    );
    expect(metadata.text).toContain('169.254.169.254 is a link-local (cloud metadata) address');
    const reader_ = await kb(reader, sub('add', [option.string('url', server.url('/news/library'))]));
    expect(reader_.text).toContain('Only moderators');
    expect(await readdir(run.dir)).toEqual(files);
  });
});

describe('/kb add url of a page with no HTML', () => {
  it('answers "not added" with the reason for an empty, binary or compressed page', async () => {
    server.routes.set('/news/empty', { body: '' });
    server.routes.set('/news/zipped', { body: gzipSync(articlePage('Zipped', ['text'])) });
    for (const page of ['/news/empty', '/news/zipped']) {
      const { text } = await kb(moderator, sub('add', [option.string('url', server.url(page))]));
      expect(text).toBe(
        `The page was not added: the page holds no HTML (its body is empty, binary or compressed).\nLink: <${server.url(page)}>`,
      );
    }
  });
});

describe('/kb refresh', () => {
  it('reports changed, unchanged and failed documents', async () => {
    const paragraphs = [
      'The town council agreed on Tuesday to repaint the old swing bridge before the summer, after years of complaints from the boat owners who use the canal every weekend.',
      'The work will take six weeks and the bridge will stay open to walkers, the council said in a statement read out at the end of the meeting by its chair, Hannah Brisk.',
      'Brisk said the paint would be the same dark green as the original, chosen when the bridge opened in the year the railway reached the town.',
    ];
    server.routes.set('/news/bridge', { body: articlePage('Swing bridge to be repainted', paragraphs) });
    await kb(moderator, sub('add', [option.string('url', server.url('/news/bridge'))]));
    server.routes.set('/news/bridge', {
      body: articlePage('Swing bridge to be repainted', [
        ...paragraphs,
        'The council later added that the bridge will close for one night.',
      ]),
    });
    server.routes.set('/news/library', { body: 'moved away', status: 404 });
    const { text } = await kb(moderator, sub('refresh'));
    expect(text).toContain('Refreshed 2 documents: 1 changed, 0 unchanged, 1 failed.');
    expect(text).toMatch(
      /~ changed swing-bridge-to-be-repainted — “Swing bridge to be repainted”, 4 paragraphs \(old version: \.trash\//,
    );
    expect(text).toContain(
      `✗ failed riverside-library-reopens-after-winter-flood: 127.0.0.1:${server.port} answered HTTP 404 (kept as it was)`,
    );
    expect(run.knowledge.current.documents.map((d) => d.id)).toContain(
      'riverside-library-reopens-after-winter-flood',
    );
    server.routes.set('/news/library', { body: fixture('article.html') });
    const one = await kb(
      moderator,
      sub('refresh', [option.string('document', 'riverside-library-reopens-after-winter-flood')]),
    );
    expect(one.text).toContain('Refreshed 1 document: 0 changed, 1 unchanged, 0 failed.');
  });
});

describe('/kb feed', () => {
  it('follows a feed, shows it in status, adds its new articles when polled, and stops', async () => {
    const paragraphs = [
      'Fishing boats returned to the northern harbour on Friday with the largest catch of the season, the harbour office said, and prices at the morning market fell by a third.',
      'Skipper Olaf Brenner said the cold spring had brought the shoals closer to the coast than in any year he could remember, and that his crew had filled the hold by noon.',
      '"We have not seen a morning like this in twenty years," Brenner said as the last crates were carried up from the quay to the waiting lorries.',
    ];
    server.routes.set('/news/catch', { body: articlePage('Record catch lands at harbour', paragraphs) });
    server.routes.set('/feed.xml', {
      body: rssFeed('Harbour News', [
        { guid: 'catch-1', link: server.url('/news/catch'), title: 'Record catch' },
      ]),
      type: 'application/rss+xml',
    });
    const added = await kb(moderator, feedSub('add', [option.string('url', server.url('/feed.xml'))]));
    expect(added.text).toContain(
      `Following “Harbour News” (<${server.url('/feed.xml')}>), 1 item listed now.`,
    );
    expect((await kb(moderator, feedSub('list'))).text).toMatch(
      /Following 1 feed:\n• “Harbour News” .* 0 articles added; not read yet/,
    );

    const reports = await run.web.feeds.pollDue();
    expect(reports[0]?.added.map((a) => a.id)).toEqual(['record-catch-lands-at-harbour']);
    const who = embedOf(
      await run.fake.response(run.fake.command('who', [option.string('query', 'Brenner')])),
    );
    expect(JSON.stringify(who)).toContain('Olaf Brenner');

    server.routes.set('/feed.xml', { body: 'busy', status: 500 });
    clock = new Date(clock.getTime() + run.config.feedPollMinutes * 60_000);
    await run.web.feeds.pollDue();
    const status = (await kb(moderator, sub('status'))).text;
    expect(status).toMatch(
      /Feeds:\n• “Harbour News” .* 1 article added; failing \(1 poll in a row: .* answered HTTP 500\), backing off, next try/,
    );

    const removed = await kb(moderator, feedSub('remove', [option.string('url', server.url('/feed.xml'))]));
    expect(removed.text).toContain('Stopped following “Harbour News”');
    expect(removed.text).toContain('The 1 article it added stay in the knowledge base.');
    expect((await kb(moderator, feedSub('list'))).text).toContain('No feeds are followed.');
  });

  it('keeps no feed it could not save, and says why', async () => {
    server.routes.set('/unsaved.xml', { body: rssFeed('Unsaved', []), type: 'application/rss+xml' });
    const stateFile = feedStateFileFor(run.dir);
    await rm(stateFile, { force: true });
    await mkdir(stateFile);
    const { text } = await kb(moderator, feedSub('add', [option.string('url', server.url('/unsaved.xml'))]));
    expect(text).toBe(
      `The feed was not added: the feed was not saved: cannot write ${path.basename(stateFile)}: a folder is where the file should be.`,
    );
    expect((await kb(moderator, feedSub('list'))).text).not.toContain('Unsaved');
    await rm(stateFile, { recursive: true });
  });

  it('answers a server whose feed state cannot be read with the reason, and the others as before', async () => {
    const stateFile = path.join(run.guildDir, `${OTHER_GUILD_ID}.feeds.json`);
    await mkdir(stateFile);
    const moderatorB = {
      id: '900000000000000304',
      permissions: PERMISSIONS.manageGuild,
      guild: OTHER_GUILD_ID,
    };
    const reason = `cannot read ${OTHER_GUILD_ID}.feeds.json: a folder is where the file should be`;
    expect((await kb(moderatorB, feedSub('list'))).text).toBe(
      `Feeds: cannot be used now (${reason}); they come back once the file can be read.`,
    );
    expect((await kb(moderatorB, sub('status'))).text).toContain(`Feeds: cannot be used now (${reason})`);
    expect((await kb(moderatorB, feedSub('add', [option.string('url', server.url('/feed.xml'))]))).text).toBe(
      `The feed was not added: the feeds cannot be changed: ${reason}.`,
    );
    expect((await kb(moderator, feedSub('list'))).text).not.toContain('cannot be used');
    await rm(stateFile, { recursive: true });
  });

  it('tells the moderators when their feed state was not valid and was moved aside', () => {
    const notice =
      '1.feeds.json could not be read (not valid feed state); it was moved to 1.feeds.json.unreadable-x';
    expect(formatFeedList([], undefined, notice)).toBe(
      `Note: ${notice}.\nNo feeds are followed. Add one with /kb feed add url:<RSS or Atom link>.`,
    );
  });

  it('refuses a page that is not a feed', async () => {
    server.routes.set('/not-a-feed', { body: articlePage('Page', ['text']) });
    const { text } = await kb(moderator, feedSub('add', [option.string('url', server.url('/not-a-feed'))]));
    expect(text).toMatch(/^The feed was not added: .* is text\/html, not application\/rss\+xml/);
  });

  it('keeps every reply within 2000 characters and pinging nobody', () => {
    for (const body of messageBodies(run.fake)) {
      expect(String(body.content ?? '').length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
