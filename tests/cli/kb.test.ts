import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/kb.ts';
import { ROOT, tempKnowledge } from '../helpers.ts';
import { rssFeed } from '../web/pages.ts';
import { fixture, WebServer } from '../web/web-server.ts';

const SEED = '---\ntitle: Seed\n---\n\nA seed document.\n';
let server: WebServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await WebServer.start();
  server.routes.set('/news/library', { body: fixture('article.html') });
  env = { KB_URL_ALLOW_HOSTS: server.allowHost };
});

afterAll(async () => {
  await server?.close();
});

describe('the kb CLI', () => {
  it('adds a page, lists it, and refreshes it', async () => {
    const dir = tempKnowledge({ 'seed.md': SEED });
    const added = await run(['add', server.url('/news/library'), '--knowledge', dir], env);
    expect(added.code).toBe(0);
    expect(added.out).toContain(
      `"Riverside library reopens after winter flood" from ${server.url('/news/library')}: 5 paragraphs, published 2025-03-04, by Elena Marsh.`,
    );
    expect(added.out).toContain('Added riverside-library-reopens-after-winter-flood.md');
    expect(await readdir(dir)).toContain('riverside-library-reopens-after-winter-flood.md');

    const listed = await run(['list', '--knowledge', dir], env);
    expect(listed.out).toContain(
      `riverside-library-reopens-after-winter-flood — Riverside library reopens after winter flood (2025-03-04, ${server.url('/news/library')})`,
    );
    expect(listed.out).toContain('seed — Seed');

    const unchanged = await run(['refresh', '--knowledge', dir], env);
    expect(unchanged).toEqual({
      code: 0,
      out: '0 changed, 1 unchanged, 0 failed.\nunchanged  riverside-library-reopens-after-winter-flood',
    });
    server.routes.set('/news/library', { body: 'gone', status: 410 });
    const failed = await run(
      ['refresh', 'riverside-library-reopens-after-winter-flood', '--knowledge', dir],
      env,
    );
    expect(failed.code).toBe(1);
    expect(failed.out).toContain(
      `failed     riverside-library-reopens-after-winter-flood: 127.0.0.1:${server.port} answered HTTP 410 (kept as it was)`,
    );
    server.routes.set('/news/library', { body: fixture('article.html') });
  });

  it('adds a file, and refuses what it cannot add with exit code 1', async () => {
    const dir = tempKnowledge({ 'seed.md': SEED });
    const file = path.join(tempKnowledge({}), 'notes.md');
    await writeFile(file, '---\ntitle: Notes\n---\n\nSome notes of the editor.\n');
    const added = await run(['add', file, '--knowledge', dir], env);
    expect(added.code).toBe(0);
    expect(await readFile(path.join(dir, 'notes.md'), 'utf8')).toContain('Some notes');
    const again = await run(['add', file, '--knowledge', dir], env);
    expect(again.code).toBe(1);
    expect(again.out).toContain('already exists');
    const local = await run(['add', `http://localhost:${server.port}/news/library`, '--knowledge', dir], {});
    expect(local.code).toBe(1);
    expect(local.out).toMatch(/^Not added: localhost resolves to .*, a loopback address\.$/);
  });

  it('follows, lists, polls and removes a feed', async () => {
    const dir = tempKnowledge({ 'seed.md': SEED });
    server.routes.set('/feeds/town.xml', {
      body: rssFeed('Town Courier', [
        { guid: 'lib-1', link: server.url('/news/library'), title: 'Library' },
        { guid: 'gone-1', link: server.url('/news/gone'), title: 'Gone' },
      ]),
      type: 'application/rss+xml',
    });
    const feed = server.url('/feeds/town.xml');
    const knowledge = ['--knowledge', dir];
    expect(await run(['feed', 'list', ...knowledge], env)).toEqual({
      code: 0,
      out: 'No feeds are followed.',
    });
    const added = await run(['feed', 'add', feed, ...knowledge], env);
    expect(added.code).toBe(0);
    expect(added.out).toContain(`Following "Town Courier" (${feed}), 2 items listed now.`);
    expect((await run(['feed', 'add', feed, ...knowledge], env)).out).toBe(
      `Not added: ${feed} is already followed.`,
    );
    const polled = await run(['poll', ...knowledge], env);
    expect(polled.code).toBe(0);
    expect(polled.out.split('\n')).toEqual([
      `polled  Town Courier (${feed}): 1 added, 1 skipped`,
      '  added    riverside-library-reopens-after-winter-flood — Riverside library reopens after winter flood',
      `  skipped  ${server.url('/news/gone')}: 127.0.0.1:${server.port} answered HTTP 404 (attempt 1 of 3)`,
      'The knowledge base has 2 documents.',
    ]);
    expect(await readdir(dir)).toContain('riverside-library-reopens-after-winter-flood.md');
    // "poll" reads every feed now, due or not.
    const again = await run(['poll', ...knowledge], env);
    expect(again.out).toContain(`polled  Town Courier (${feed}): 0 added, 1 skipped`);
    expect((await run(['feed', 'list', ...knowledge], env)).out).toBe(
      `Town Courier — ${feed}: 1 articles added`,
    );
    const removed = await run(['feed', 'remove', 'Town Courier', ...knowledge], env);
    expect(removed).toEqual({
      code: 0,
      out: `Stopped following "Town Courier" (${feed}); the 1 articles it added stay.`,
    });
    expect(await run(['feed', 'remove', feed, ...knowledge], env)).toEqual({
      code: 1,
      out: `Not removed: no followed feed is ${feed}.`,
    });
    expect(await run(['poll', ...knowledge], env)).toEqual({ code: 0, out: 'No feeds are followed.' });
  });

  it('says when a poll fails, with exit code 1', async () => {
    const dir = tempKnowledge({ 'seed.md': SEED });
    server.routes.set('/feeds/flaky.xml', { body: rssFeed('Flaky', []), type: 'application/rss+xml' });
    await run(['feed', 'add', server.url('/feeds/flaky.xml'), '--knowledge', dir], env);
    server.routes.set('/feeds/flaky.xml', { body: 'down', status: 503 });
    const failed = await run(['poll', '--knowledge', dir], env);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(
      new RegExp(`^failed  Flaky \\(.*\\): 127\\.0\\.0\\.1:${server.port} answered HTTP 503; next try `),
    );
  });

  it('explains its usage', async () => {
    expect(await run([], env)).toMatchObject({ code: 2, out: expect.stringContaining('npm run kb -- add') });
    expect((await run(['add'], env)).out).toContain('add needs a link or a file');
    expect((await run(['list', 'x'], env)).out).toContain('list takes no argument');
    expect((await run(['feed'], env)).out).toContain('feed needs add, remove or list');
    expect((await run(['feed', 'add'], env)).out).toContain('feed add needs the link of an RSS or Atom feed');
    expect((await run(['feed', 'remove'], env)).out).toContain('feed remove needs');
    expect((await run(['poll', 'now'], env)).out).toContain('poll takes no argument');
    expect((await run(['feed', 'list', 'x'], env)).code).toBe(2);
    expect((await run(['list'], { KB_MAX_UPLOAD_BYTES: 'lots' })).out).toContain('KB_MAX_UPLOAD_BYTES');
  });

  it('runs as npm run kb', async () => {
    const dir = tempKnowledge({ 'seed.md': SEED });
    // npm run kb's command: the compiled CLI in dist/.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'dist/src/cli/kb.js'), 'list', '--knowledge', dir],
      {
        cwd: ROOT,
        timeout: 30_000,
      },
    );
    expect(stdout).toBe('seed — Seed\n');
  });
});
