import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePage, decodeWindows1252, encodeWindows1252, encodingOf } from '../../src/web/decode.ts';
import { fetchText, HTML_TYPES } from '../../src/web/safe-fetch.ts';
import { WebServer } from './web-server.ts';

/** Invented text with the characters windows-1252 keeps in 0x80–0x9F and in the Latin-1 half. */
const TEXT =
  '“We won’t close the café,” said Zoë Farrant — the owner — before the €5 coffee tax… ' +
  'It was Mr Kowalski’s idea to sell the old piano.';
const paragraphs = `<p>${TEXT}</p>`.repeat(6);
/** Enough of a head to push a late `<meta>` past the first 1,024 bytes, as scripts and styles do on news sites. */
const longHead = `<script>var settings = ${JSON.stringify({ padding: 'x'.repeat(1500) })};</script>`;

const page = (head: string) =>
  `<!DOCTYPE html><html><head>${head}<title>Café tax</title></head><body><article>${paragraphs}</article></body></html>`;

describe('decodeWindows1252', () => {
  it('maps 0x80–0x9F to the characters windows-1252 puts there, not to C1 controls', () => {
    const bytes = Uint8Array.from([0x93, 0x41, 0x94, 0x92, 0x80, 0x85, 0x96, 0x97, 0x8a, 0x9f, 0xe9, 0x81]);
    expect(decodeWindows1252(bytes)).toBe('“A”’€…–—ŠŸé\u0081');
    expect(decodeWindows1252(encodeWindows1252(TEXT))).toBe(TEXT);
  });

  it('reads latin1, iso-8859-1 and ascii labels as windows-1252', () => {
    for (const label of ['latin1', 'ISO-8859-1', 'us-ascii', 'cp1252'])
      expect(encodingOf(label)).toBe('windows-1252');
    expect(encodingOf('no-such-charset')).toBeUndefined();
  });
});

describe('decodePage', () => {
  it('reads windows-1252 declared by a <meta> after the first 1,024 bytes', () => {
    const bytes = encodeWindows1252(page(`${longHead}<meta charset="windows-1252">`));
    expect(bytes.indexOf('<meta')).toBeGreaterThan(1024);
    const decoded = decodePage(bytes, 'text/html');
    expect(decoded).toMatchObject({
      encoding: 'windows-1252',
      how: 'declared in a <meta> after the first 1,024 bytes',
    });
    expect(decoded.text).toContain(TEXT);
  });

  it('reads an http-equiv declaration in the first 1,024 bytes', () => {
    const bytes = encodeWindows1252(
      page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'),
    );
    expect(decodePage(bytes, 'text/html')).toMatchObject({ encoding: 'windows-1252' });
    expect(decodePage(bytes, 'text/html').text).toContain(TEXT);
  });

  it('reads undeclared Latin-1 (bytes that are not UTF-8) as windows-1252', () => {
    const decoded = decodePage(encodeWindows1252(page('')), 'text/html');
    expect(decoded).toMatchObject({ encoding: 'windows-1252', how: 'not declared; the bytes are not UTF-8' });
    expect(decoded.text).toContain(TEXT);
    expect(decodePage(Buffer.from(page('')), 'text/html')).toMatchObject({ encoding: 'utf-8' });
  });

  it('sees through a wrong declaration, either way', () => {
    const latin = decodePage(encodeWindows1252(page('<meta charset="utf-8">')), 'text/html; charset=utf-8');
    expect(latin).toMatchObject({
      encoding: 'windows-1252',
      how: 'declared in the Content-Type header as UTF-8, but the bytes are not UTF-8',
    });
    expect(latin.text).toContain(TEXT);
    const utf8 = decodePage(Buffer.from(page('<meta charset="iso-8859-1">')), 'text/html');
    expect(utf8).toMatchObject({
      encoding: 'utf-8',
      how: 'declared at the start of the page as windows-1252, but the bytes are UTF-8',
    });
    expect(utf8.text).toContain(TEXT);
  });

  it('puts a byte order mark first and the Content-Type header before the page’s own <meta>', () => {
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(page('<meta charset="windows-1252">')),
    ]);
    expect(decodePage(bom, 'text/html; charset=windows-1252')).toMatchObject({ encoding: 'utf-8' });
    const koi8 = decodePage(Buffer.from(page('<meta charset="utf-8">')), 'text/html; charset=koi8-r');
    expect(koi8.how).toBe('declared in the Content-Type header as koi8-r, but the bytes are UTF-8');
    const header = decodePage(
      encodeWindows1252(page('<meta charset="iso-8859-2">')),
      'text/html; charset=windows-1252',
    );
    expect(header).toMatchObject({ encoding: 'windows-1252', how: 'declared in the Content-Type header' });
  });

  it('ignores a charset named only in a comment or a script', () => {
    const bytes = encodeWindows1252(
      page(`<!-- <meta charset="utf-8"> -->${longHead}<script>'<meta charset="utf-8">'</script>`),
    );
    expect(decodePage(bytes, 'text/html')).toMatchObject({ encoding: 'windows-1252' });
  });
});

describe('fetchText decodes what it fetches', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await WebServer.start();
  });
  afterAll(() => server.close());

  it('returns the text and says how its encoding was found', async () => {
    server.routes.set('/late', {
      body: encodeWindows1252(page(`${longHead}<meta charset="windows-1252">`)),
      type: 'text/html',
    });
    const fetched = await fetchText(server.url('/late'), HTML_TYPES, {
      allowHosts: [server.allowHost],
      maxBytes: 10_000,
    });
    expect(fetched.text).toContain(TEXT);
    expect(fetched).toMatchObject({
      encoding: 'windows-1252',
      encodingHow: 'declared in a <meta> after the first 1,024 bytes',
    });
  });
});
