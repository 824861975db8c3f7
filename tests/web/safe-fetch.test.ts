import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectedAddressRefusal,
  type FetchPolicy,
  fetchText,
  HTML_TYPES,
  publicOnlyLookup,
  USER_AGENT,
} from '../../src/web/safe-fetch.ts';
import { WebServer } from './web-server.ts';

let server: WebServer;
let policy: FetchPolicy;

beforeAll(async () => {
  server = await WebServer.start();
  policy = { allowHosts: [server.allowHost], maxBytes: 1000, maxPageBytes: 10_000 };
  server.routes.set('/page', { body: '<p>hello</p>' });
  server.routes.set('/moved', { redirect: '/page', status: 301 });
});

afterAll(async () => {
  await server?.close();
});

const refusal = (link: string, fetchPolicy = policy) =>
  fetchText(link, HTML_TYPES, fetchPolicy).then(
    () => 'fetched',
    (error: Error) => `${error.name}: ${error.message}`,
  );

describe('fetchText', () => {
  it('fetches an allowed page, follows a redirect, and names the bot', async () => {
    const page = await fetchText(server.url('/moved'), HTML_TYPES, policy);
    expect(page).toMatchObject({ url: server.url('/page'), text: '<p>hello</p>' });
    expect(server.requests.at(-1)?.userAgent).toBe(USER_AGENT);
  });

  it('refuses other schemes and links with credentials', async () => {
    expect(await refusal('ftp://example.com/x')).toBe(
      'WebFetchError: only http and https links are fetched, not ftp',
    );
    expect(await refusal('file:///etc/passwd')).toContain('not file');
    expect(await refusal('http://user:pw@127.0.0.1/')).toContain('user name or password');
    expect(await refusal('not a link')).toContain('is not a link');
  });

  it('refuses a name that resolves to a loopback address when it is not on the allow-list', async () => {
    const before = server.requests.length;
    expect(await refusal(`http://localhost:${server.port}/page`)).toMatch(
      /^WebFetchError: localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
    );
    expect(server.requests.length).toBe(before);
  });

  it('refuses literal private addresses, also another port of an allowed address', async () => {
    expect(await refusal('http://10.1.2.3/x')).toBe('WebFetchError: 10.1.2.3 is a private address');
    expect(await refusal('http://169.254.169.254/latest/meta-data/')).toContain(
      'link-local (cloud metadata)',
    );
    expect(await refusal('http://[::ffff:127.0.0.1]/')).toContain('loopback');
    expect(await refusal('http://[::ffff:0:127.0.0.1]/')).toContain('a loopback address');
    expect(await refusal('http://[2002:7f00:1::]/')).toContain('a loopback address');
    expect(await refusal('http://0.0.0.0/')).toContain('this-network');
    expect(await refusal(`http://127.0.0.1:${server.port + 1}/`)).toContain(
      '127.0.0.1 is a loopback address',
    );
  });

  it('checks every redirect again', async () => {
    server.routes.set('/to-private', { redirect: 'http://192.168.0.10/admin' });
    server.routes.set('/to-localhost', { redirect: `http://localhost:${server.port}/page` });
    expect(await refusal(server.url('/to-private'))).toBe(
      'WebFetchError: redirected to http://192.168.0.10/admin: 192.168.0.10 is a private address',
    );
    expect(await refusal(server.url('/to-localhost'))).toMatch(/localhost resolves to .*loopback/);
  });

  it('gives up after five redirects', async () => {
    server.routes.set('/loop', { redirect: '/loop' });
    expect(await refusal(server.url('/loop'))).toBe('WebFetchError: more than 5 redirects');
    expect(server.hits('/loop')).toBe(6);
  });

  it('refuses a body larger than KB_MAX_PAGE_BYTES, announced or not', async () => {
    server.routes.set('/big', { body: 'x'.repeat(10_001) });
    server.routes.set('/endless', { stream: 1000, chunkBytes: 1000 });
    expect(await refusal(server.url('/big'))).toBe(
      'WebFetchError: the page is 10001 bytes; the limit is 10000 bytes (KB_MAX_PAGE_BYTES)',
    );
    expect(await refusal(server.url('/endless'))).toBe(
      'WebFetchError: the page is larger than 10000 bytes (KB_MAX_PAGE_BYTES)',
    );
  });

  it('gives up on a body that stops coming', async () => {
    server.routes.set('/slow', { stall: '<html><body><p>The first words' });
    expect(await refusal(server.url('/slow'), { ...policy, timeoutMs: 300 })).toBe(
      `WebFetchError: 127.0.0.1:${server.port} did not answer within 0.3 s`,
    );
  });

  it('refuses content that is not a web page, and error statuses', async () => {
    server.routes.set('/doc.pdf', { body: '%PDF-1.7', type: 'application/pdf' });
    server.routes.set('/gone', { body: 'gone', status: 410 });
    expect(await refusal(server.url('/doc.pdf'))).toBe(
      `WebFetchError: ${server.url('/doc.pdf')} is application/pdf, not text/html or application/xhtml+xml`,
    );
    expect(await refusal(server.url('/gone'))).toBe(
      `WebFetchError: 127.0.0.1:${server.port} answered HTTP 410`,
    );
  });

  it('decodes the charset the page declares', async () => {
    server.routes.set('/latin1', {
      body: Buffer.from('<p>caf\xe9</p>', 'latin1'),
      type: 'text/html; charset=iso-8859-1',
    });
    expect((await fetchText(server.url('/latin1'), HTML_TYPES, policy)).text).toBe('<p>café</p>');
  });
});

describe('connectedAddressRefusal', () => {
  it('judges the address a socket is connected to, whatever name led there', () => {
    const url = new URL('https://news.example/story');
    expect(connectedAddressRefusal('10.0.0.8', url, [])).toBe(
      'news.example connected to 10.0.0.8, a private address',
    );
    expect(connectedAddressRefusal('::ffff:127.0.0.1', url, [])).toContain('a loopback address');
    expect(connectedAddressRefusal('93.184.215.14', url, [])).toBeUndefined();
    expect(connectedAddressRefusal('10.0.0.8', url, ['news.example'])).toBeUndefined();
  });
});

describe('publicOnlyLookup', () => {
  const resolveTo =
    (...addresses: string[]): Parameters<typeof publicOnlyLookup>[0] =>
    (_host, _options, callback) =>
      callback(
        null,
        addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
  const lookUp = (resolve: ReturnType<typeof resolveTo>, all: boolean) =>
    new Promise<unknown>((done) => {
      publicOnlyLookup(resolve)('news.example', { all }, (error, address, family) =>
        done(error ? error.message : { address, family }),
      );
    });

  it('answers one address or all of them, as the connection asks', async () => {
    const resolve = resolveTo('93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c');
    expect(await lookUp(resolve, false)).toEqual({ address: '93.184.215.14', family: 4 });
    expect(await lookUp(resolve, true)).toEqual({
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
      family: undefined,
    });
  });

  it('refuses a name when any of its addresses is not public', async () => {
    expect(await lookUp(resolveTo('93.184.215.14', '10.0.0.7'), true)).toBe(
      'news.example resolves to 10.0.0.7, a private address',
    );
  });
});
