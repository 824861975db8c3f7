/**
 * `/kb add url` on pages as real sites serve them, through the whole path (fetch, decoding, extraction, the
 * saved document): in a legacy encoding declared late, not declared or declared wrongly — each saved with its
 * curly quotes and accents, or refused with the reason when it cannot be read — and with more HTML than
 * KB_MAX_UPLOAD_BYTES around a short article.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { encodeWindows1252 } from '../../src/web/decode.ts';
import { feedStateFileFor } from '../../src/web/feed-store.ts';
import { WebSources } from '../../src/web/web-sources.ts';
import { tempKnowledge } from '../helpers.ts';
import { WebServer } from './web-server.ts';

const PARAGRAPHS = [
  '“We won’t close the café,” said Zoë Farrant, who has run the harbour kiosk at Port Vellan for twenty-two years — through floods, strikes and three owners of the ferry line.',
  'The council’s plan would move the kiosk to the north quay… a move Farrant called “the end of the only place on the island where a coffee still costs under €3.”',
  'A decision is due in March, after a public meeting at which residents can speak for up to five minutes each; the meeting’s date will be posted at the library.',
];
const SCRIPTS = `<script>window.site = ${JSON.stringify({ sections: 'news '.repeat(300) })};</script>`;
const page = (head: string) =>
  `<!DOCTYPE html><html><head>${head}<title>Kiosk to move – Port Vellan Post</title></head>
  <body><article><h1>Kiosk to move</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

let server: WebServer;
let dir: string;
let web: WebSources;

beforeAll(async () => {
  server = await WebServer.start();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  dir = tempKnowledge({
    'seed.md': '---\ntitle: Seed\n---\n\nA seed document so that the folder is never empty.\n',
  });
  ({ sources: web } = await WebSources.open({
    target: await KnowledgeService.open(dir),
    policy: { allowHosts: [server.allowHost], maxBytes: 50_000 },
    feedStateFile: feedStateFileFor(dir),
    feedPollMinutes: 15,
  }));
});

async function savedParagraphs(route: string, body: Buffer, type = 'text/html') {
  server.routes.set(route, { body, type });
  const outcome = await web.addUrl(server.url(route), { by: 'tester' });
  if (outcome.status !== 'added') throw new Error(`refused: ${outcome.reason}`);
  const text = await readFile(path.join(dir, 'kiosk-to-move-port-vellan-post.md'), 'utf8');
  return (
    text
      .split('\n---\n')[1]
      ?.split('\n')
      .filter((line) => line.trim()) ?? []
  );
}

describe('pages in windows-1252', () => {
  it('saves a page whose <meta charset> comes after its first 1,024 bytes', async () => {
    const body = encodeWindows1252(page(`${SCRIPTS}<meta charset="windows-1252">`));
    expect(body.indexOf('<meta')).toBeGreaterThan(1024);
    expect(await savedParagraphs('/late', body)).toEqual(PARAGRAPHS);
  });

  it('saves undeclared Latin-1', async () => {
    expect(await savedParagraphs('/undeclared', encodeWindows1252(page(SCRIPTS)))).toEqual(PARAGRAPHS);
  });

  it('saves a page declared UTF-8 in its header and <meta> that is windows-1252', async () => {
    const body = encodeWindows1252(page('<meta charset="utf-8">'));
    expect(await savedParagraphs('/wrong', body, 'text/html; charset=utf-8')).toEqual(PARAGRAPHS);
  });

  it('saves a UTF-8 page declared iso-8859-1', async () => {
    const body = Buffer.from(
      page('<meta http-equiv="content-type" content="text/html; charset=iso-8859-1">'),
    );
    expect(await savedParagraphs('/utf8', body)).toEqual(PARAGRAPHS);
  });

  it('refuses, with the reason, a UTF-8 page whose text holds bytes that are not UTF-8', async () => {
    const [before, after] = page('<meta charset="utf-8">').split('twenty-two');
    const body = Buffer.concat([
      Buffer.from(before ?? ''),
      Buffer.from([0x97]),
      Buffer.from(`twenty-two${after}`),
    ]);
    server.routes.set('/broken', { body, type: 'text/html' });
    const outcome = await web.addUrl(server.url('/broken'), { by: 'tester' });
    expect(outcome).toMatchObject({
      status: 'refused',
      reason:
        "the page's text holds 1 replacement character (U+FFFD) and 0 control characters: it could not be read in its true character encoding (it was read as utf-8, declared at the start of the page), so it was not saved",
    });
  });
});

describe('page size', () => {
  it('adds an article whose page is larger than KB_MAX_UPLOAD_BYTES, as news pages with their scripts are', async () => {
    const scripts = `<script>window.data = ${JSON.stringify({ blob: 'x'.repeat(120_000) })};</script>`;
    const body = Buffer.from(page(`<meta charset="utf-8">${scripts}`));
    expect(body.length).toBeGreaterThan(100_000);
    expect(await savedParagraphs('/heavy', body)).toEqual(PARAGRAPHS);
  });
});
