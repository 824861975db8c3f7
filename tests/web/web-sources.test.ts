import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { feedStateFileFor } from '../../src/web/feed-store.ts';
import { WebSources } from '../../src/web/web-sources.ts';
import { tempKnowledge } from '../helpers.ts';
import { articlePage } from './pages.ts';
import { fixture, WebServer } from './web-server.ts';

const SEED = '---\ntitle: Seed\n---\n\nA seed document so that the folder is never empty.\n';
const FERRY = [
  'The island ferry will sail every half hour from June, the harbour master Ines Duarte said on Monday, ending a winter in which islanders waited up to three hours for a crossing to the mainland.',
  'Duarte said the new timetable had been agreed with the crews after two months of talks about pay and rest days, and that two retired boats would be brought back into service for the summer season.',
  '"Nobody should miss a hospital appointment because of a boat," Duarte told the island council on Monday evening, to applause from the residents who had filled the public gallery of the old school hall.',
];

let server: WebServer;
let dir: string;
let knowledge: KnowledgeService;
let web: WebSources;

beforeAll(async () => {
  server = await WebServer.start();
});

afterAll(async () => {
  await server?.close();
});

beforeEach(async () => {
  dir = tempKnowledge({ 'seed.md': SEED });
  knowledge = await KnowledgeService.open(dir);
  ({ sources: web } = await WebSources.open({
    target: knowledge,
    policy: { allowHosts: [server.allowHost], maxBytes: 50_000, maxPageBytes: 200_000, timeoutMs: 300 },
    feedStateFile: feedStateFileFor(dir),
    feedPollMinutes: 15,
  }));
});

const files = async () => (await readdir(dir)).sort();
/** A page that names its canonical link. */
const withCanonical = (page: string, href: string) =>
  page.replace('</head>', `<link rel="canonical" href="${href}"></head>`);

describe('WebSources.addUrl', () => {
  it('adds a page as a Markdown document with front matter, and reports the article', async () => {
    server.routes.set('/news/library', { body: fixture('article.html') });
    const outcome = await web.addUrl(server.url('/news/library'), { by: 'tester' });
    expect(outcome).toMatchObject({
      status: 'added',
      article: {
        title: 'Riverside library reopens after winter flood',
        paragraphs: 5,
        published: '2025-03-04',
        author: 'Elena Marsh',
      },
      add: { status: 'added', reload: { status: 'reloaded' } },
    });
    if (outcome.status !== 'added') return;
    expect(outcome.article.firstParagraph).toMatch(/^The Riverside public library reopened on Monday/);
    const saved = await readFile(path.join(dir, 'riverside-library-reopens-after-winter-flood.md'), 'utf8');
    expect(saved.split('\n').slice(0, 6)).toEqual([
      '---',
      'title: "Riverside library reopens after winter flood"',
      `source: "${server.url('/news/library')}"`,
      'published: 2025-03-04',
      'author: "Elena Marsh"',
      '---',
    ]);
    const doc = knowledge.current.documents.find((d) => d.source === server.url('/news/library'));
    expect(doc?.id).toBe('riverside-library-reopens-after-winter-flood');
  });

  it('records the final URL after a redirect, and replaces the same article only when asked', async () => {
    server.routes.set('/ferry', { body: articlePage('Ferry every half hour', FERRY) });
    server.routes.set('/short/1', { redirect: '/ferry' });
    const first = await web.addUrl(server.url('/short/1'), { by: 'tester' });
    expect(first).toMatchObject({ status: 'added', article: { source: server.url('/ferry') } });
    const again = await web.addUrl(server.url('/ferry'), { by: 'tester' });
    expect(again).toMatchObject({ status: 'added', add: { status: 'refused' } });
    if (again.status === 'added' && again.add.status === 'refused')
      expect(again.add.problems[0]?.problem).toContain('already exists');
    const replaced = await web.addUrl(server.url('/ferry'), { by: 'tester', replace: true });
    expect(replaced).toMatchObject({
      status: 'added',
      add: { status: 'added', replaced: [expect.any(String)] },
    });
  });

  it('gives another article with the same title its own id', async () => {
    server.routes.set('/a', { body: articlePage('Ferry every half hour', FERRY) });
    server.routes.set('/b', { body: articlePage('Ferry every half hour', FERRY.slice().reverse()) });
    await web.addUrl(server.url('/a'), { by: 'tester' });
    const second = await web.addUrl(server.url('/b'), { by: 'tester' });
    expect(second).toMatchObject({ add: { status: 'added', document: { id: 'ferry-every-half-hour-2' } } });
  });

  it('refuses unsafe or unsuitable links with a reason and writes nothing', async () => {
    server.routes.set('/to-private', { redirect: 'http://10.0.0.5/article' });
    server.routes.set('/heavy', { body: `<p>${'word '.repeat(50_000)}</p>` });
    const sentence =
      'The council met again on Tuesday evening to hear from residents about the new bus routes. ';
    server.routes.set('/long', { body: articlePage('A long evening', Array(150).fill(sentence.repeat(4))) });
    server.routes.set('/slow', { stall: '<html><body><p>Once upon' });
    server.routes.set('/data.json', { body: '{"a":1}', type: 'application/json' });
    server.routes.set('/login', { body: fixture('not-article.html') });
    const before = await files();
    const cases: [string, RegExp][] = [
      [
        server.url('/to-private'),
        /redirected to http:\/\/10\.0\.0\.5\/article: 10\.0\.0\.5 is a private address/,
      ],
      [`http://localhost:${server.port}/ferry`, /localhost resolves to .*, a loopback address/],
      [server.url('/heavy'), /the page is \d+ bytes; the limit is 200000 bytes \(KB_MAX_PAGE_BYTES\)/],
      [
        server.url('/long'),
        /the article's text is \d+ bytes; the limit is 50000 bytes \(KB_MAX_UPLOAD_BYTES\)/,
      ],
      [server.url('/slow'), /did not answer within 0\.3 s/],
      [server.url('/data.json'), /is application\/json, not text\/html/],
      [server.url('/login'), /main text is \d+ characters .* an article has at least 400/],
    ];
    for (const [link, reason] of cases) {
      const outcome = await web.addUrl(link, { by: 'tester' });
      expect(outcome.status).toBe('refused');
      if (outcome.status === 'refused') expect(outcome.reason).toMatch(reason);
    }
    expect(await files()).toEqual(before);
    expect(knowledge.current.documents.map((d) => d.id)).toEqual(['seed']);
  });
});

describe('WebSources.addUrl: one article, one document', () => {
  it('takes a link with tracking parameters or a fragment for the same article, and saves it without them', async () => {
    server.routes.set('/ferry', { body: articlePage('Ferry every half hour', FERRY) });
    const first = await web.addUrl(server.url('/ferry?utm_source=newsletter&id=7&fbclid=abc#top'), {
      by: 'tester',
    });
    expect(first).toMatchObject({ status: 'added', article: { source: server.url('/ferry?id=7') } });
    for (const link of [server.url('/ferry?id=7#comments'), server.url('/ferry?utm_campaign=spring&id=7')]) {
      const again = await web.addUrl(link, { by: 'tester' });
      expect(again).toMatchObject({ status: 'added', add: { status: 'refused' } });
    }
    expect((await files()).filter((f) => f.endsWith('.md'))).toEqual(['ferry-every-half-hour.md', 'seed.md']);
  });

  it('knows a copy of a page by the canonical link it names, on the same site only', async () => {
    server.routes.set('/ferry', { body: articlePage('Ferry every half hour', FERRY) });
    server.routes.set('/print/ferry', {
      body: withCanonical(articlePage('Ferry every half hour', FERRY), '/ferry?utm_medium=print'),
    });
    server.routes.set('/elsewhere', {
      body: withCanonical(articlePage('Island boats', FERRY), 'https://aggregator.example/ferry'),
    });
    server.routes.set('/news/boats', { body: withCanonical(articlePage('Harbour boats', FERRY), '/') });
    server.routes.set('/news/boats-2', {
      body: withCanonical(articlePage('Harbour boats again', FERRY.slice().reverse()), '/news/'),
    });
    await web.addUrl(server.url('/ferry'), { by: 'tester' });
    const copy = await web.addUrl(server.url('/print/ferry'), { by: 'tester' });
    expect(copy).toMatchObject({ article: { source: server.url('/ferry') }, add: { status: 'refused' } });
    const other = await web.addUrl(server.url('/elsewhere'), { by: 'tester' });
    expect(other).toMatchObject({ article: { source: server.url('/elsewhere') }, add: { status: 'added' } });
    const toFrontPage = await web.addUrl(server.url('/news/boats'), { by: 'tester' });
    expect(toFrontPage).toMatchObject({
      article: { source: server.url('/news/boats') },
      add: { status: 'added' },
    });
    const toSection = await web.addUrl(server.url('/news/boats-2'), { by: 'tester' });
    expect(toSection).toMatchObject({
      article: { source: server.url('/news/boats-2') },
      add: { status: 'added' },
    });
  });

  it('refuses a page whose body is empty, binary or compressed, with the reason', async () => {
    server.routes.set('/empty', { body: '' });
    server.routes.set('/binary', { body: Buffer.from([0, 159, 146, 150, 255, 1, 2, 3, 0, 0]) });
    server.routes.set('/gzip', { body: gzipSync(articlePage('Ferry every half hour', FERRY)) });
    server.routes.set('/blank', { body: '   \n' });
    for (const page of ['/empty', '/binary', '/gzip', '/blank']) {
      const outcome = await web.addUrl(server.url(page), { by: 'tester' });
      expect(outcome, page).toEqual({
        status: 'refused',
        link: server.url(page),
        reason: 'the page holds no HTML (its body is empty, binary or compressed)',
      });
    }
    expect(knowledge.current.documents.map((d) => d.id)).toEqual(['seed']);
  });
});

describe('WebSources.refresh', () => {
  it('reports a page that moved to another article as failed, and keeps the document as it was', async () => {
    server.routes.set('/dead', { body: articlePage('Ferry every half hour', FERRY) });
    server.routes.set('/', { body: articlePage('Island Courier front page', FERRY.slice().reverse()) });
    await web.addUrl(server.url('/dead'), { by: 'tester' });
    const saved = await readFile(path.join(dir, 'ferry-every-half-hour.md'), 'utf8');
    server.routes.set('/dead', { redirect: '/' });
    const report = await web.refresh({ by: 'tester' });
    expect(report).toEqual({
      changed: [],
      unchanged: [],
      failed: [{ id: 'ferry-every-half-hour', reason: `moved to ${server.url('/')}` }],
    });
    expect(await readFile(path.join(dir, 'ferry-every-half-hour.md'), 'utf8')).toBe(saved);
    // A redirect to the same article (a trailing slash, tracking parameters) is no move.
    server.routes.set('/dead', { redirect: '/dead/?utm_source=redirect' });
    server.routes.set('/dead/', { body: articlePage('Ferry every half hour', FERRY) });
    expect((await web.refresh({ by: 'tester' })).unchanged).toHaveLength(1);
  });

  it('picks up a title change alone', async () => {
    server.routes.set('/one', { body: articlePage('First story', FERRY) });
    await web.addUrl(server.url('/one'), { by: 'tester' });
    server.routes.set('/one', { body: articlePage('First story, corrected', FERRY) });
    const report = await web.refresh({ by: 'tester' });
    expect(report.changed).toMatchObject([{ id: 'first-story', title: 'First story, corrected' }]);
    expect(await readFile(path.join(dir, 'first-story.md'), 'utf8')).toContain(
      'title: "First story, corrected"',
    );
  });

  it('replaces changed documents, keeps unchanged and failing ones, and says which is which', async () => {
    server.routes.set('/one', { body: articlePage('First story', FERRY) });
    server.routes.set('/two', { body: articlePage('Second story', FERRY) });
    server.routes.set('/three', { body: articlePage('Third story', FERRY.slice().reverse()) });
    for (const page of ['/one', '/two', '/three']) await web.addUrl(server.url(page), { by: 'tester' });
    const third = await readFile(path.join(dir, 'third-story.md'), 'utf8');
    const hashBefore = knowledge.current.documents.find((d) => d.id === 'first-story')?.hash;
    const corrected = [...FERRY.slice(0, 2), `${FERRY[2]} A correction was added later.`];
    server.routes.set('/one', { body: articlePage('First story', corrected) });
    server.routes.set('/three', { body: 'gone', status: 404 });
    const report = await web.refresh({ by: 'tester' });
    expect(report.changed.map((c) => c.id)).toEqual(['first-story']);
    expect(report.unchanged.map((u) => u.id)).toEqual(['second-story']);
    expect(report.failed).toEqual([
      { id: 'third-story', reason: `127.0.0.1:${server.port} answered HTTP 404` },
    ]);
    expect(await readFile(path.join(dir, 'first-story.md'), 'utf8')).toContain(
      'A correction was added later.',
    );
    expect(await readFile(path.join(dir, 'third-story.md'), 'utf8')).toBe(third);
    const trash = await readdir(path.join(dir, '.trash'));
    expect(trash.filter((f) => f.endsWith('first-story.md'))).toHaveLength(1);
    const served = knowledge.current.documents.find((d) => d.id === 'first-story');
    expect(served?.hash).not.toBe(hashBefore);
    expect(report.changed[0]?.add).toMatchObject({ status: 'added', document: { hash: served?.hash } });
  });

  it('refreshes one named document, and explains one it cannot', async () => {
    server.routes.set('/one', { body: articlePage('First story', FERRY) });
    await web.addUrl(server.url('/one'), { by: 'tester' });
    expect(await web.refresh({ by: 'tester', document: 'first-story' })).toEqual({
      changed: [],
      unchanged: [{ id: 'first-story', title: 'First story' }],
      failed: [],
    });
    expect((await web.refresh({ by: 'tester', document: 'seed' })).failed).toEqual([
      { id: 'seed', reason: 'it has no source link in its front matter' },
    ]);
    expect((await web.refresh({ by: 'tester', document: 'nope' })).failed[0]?.reason).toContain(
      'no document',
    );
  });
});
