/**
 * Fetching a page a moderator names, safely: http(s) only; every host resolved through a `lookup` that
 * refuses non-public addresses (so the address checked is the address connected to), the connected socket's
 * address checked again; redirects followed by hand, at most MAX_REDIRECTS, each one checked anew; one
 * deadline for the whole exchange; the body streamed and cut off at a byte limit (KB_MAX_PAGE_BYTES); only
 * the expected content types; the body decoded as the HTML standard says (./decode.ts). Every refusal is a
 * WebFetchError whose message says why, in words a moderator understands.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, isAllowedHost } from './address.ts';
import { decodePage } from './decode.ts';

/** Redirects followed before giving up (browsers allow about 20; a news page needs one or two). */
export const MAX_REDIRECTS = 5;
/** The whole exchange (every redirect, the body) must finish within this. */
export const FETCH_TIMEOUT_MS = 10_000;
/** KB_MAX_PAGE_BYTES's default: the largest page or feed downloaded (news article pages reach 2 MB of HTML). */
export const DEFAULT_MAX_PAGE_BYTES = 5_000_000;
export const USER_AGENT = 'storybot/0.1 (Discord news bot; fetches pages its moderators add)';

export const HTML_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml'];
export const FEED_TYPES: readonly string[] = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
];

export interface FetchPolicy {
  /** KB_URL_ALLOW_HOSTS, parsed: hosts fetched whatever their addresses. */
  allowHosts: readonly string[];
  /** KB_MAX_UPLOAD_BYTES: the largest document saved from a page (its text, not its HTML). */
  maxBytes: number;
  /** KB_MAX_PAGE_BYTES: a body past this is abandoned (default DEFAULT_MAX_PAGE_BYTES). */
  maxPageBytes?: number;
  timeoutMs?: number;
  userAgent?: string;
}

export interface FetchedPage {
  /** The URL the body came from, after redirects. */
  url: string;
  contentType: string;
  /** The body decoded as the HTML standard says (./decode.ts). */
  text: string;
  /** The encoding it was read in, and where that came from ("declared in the Content-Type header"...). */
  encoding: string;
  encodingHow: string;
}

export class WebFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebFetchError';
  }
}

type Resolve = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for the HTTP agents: resolves every address of a host (with `resolve`, DNS by default) and
 * fails when any of them is not public; answers in the shape asked for (one address, or all of them).
 */
export function publicOnlyLookup(resolve: Resolve = dnsLookup as Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((entry) => addressRefusal(entry.address));
      if (refused) {
        const why = addressRefusal(refused.address);
        return callback(
          new WebFetchError(`${hostname} resolves to ${refused.address}, a ${why} address`),
          '',
          0,
        );
      }
      if (options.all) return (callback as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

const checkedAgents = {
  'http:': new http.Agent({ lookup: publicOnlyLookup() }),
  'https:': new https.Agent({ lookup: publicOnlyLookup() }),
};

/** Why this URL may not be requested at all (scheme, a literal non-public address), or undefined. */
function urlRefusal(url: URL, allowHosts: readonly string[]): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `only http and https links are fetched, not ${url.protocol.replace(/:$/, '')}`;
  if (url.username || url.password) return 'links with a user name or password are not fetched';
  if (isAllowedHost(url, allowHosts)) return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A literal address is never looked up, so the lookup's check would not see it: check it here.
  const literal = addressRefusal(host);
  if (literal !== 'not an IP address' && literal) return `${host} is a ${literal} address`;
  return undefined;
}

/**
 * Why the bot must drop a connection to `remoteAddress` made for `url`, or undefined. The lookup already
 * refused non-public addresses; this checks the socket itself, so that no path to a connection (a cached
 * or literal address, a future agent option) escapes the rule.
 */
export function connectedAddressRefusal(
  remoteAddress: string | undefined,
  url: URL,
  allowHosts: readonly string[],
): string | undefined {
  if (!remoteAddress || isAllowedHost(url, allowHosts)) return undefined;
  const why = addressRefusal(remoteAddress);
  return why ? `${url.hostname} connected to ${remoteAddress}, a ${why} address` : undefined;
}

/** One GET, no redirects followed; resolves with the response (body not yet read). */
function request(url: URL, policy: FetchPolicy, accept: readonly string[], signal: AbortSignal) {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const allowed = isAllowedHost(url, policy.allowHosts);
    const protocol = url.protocol === 'https:' ? https : http;
    const agent = allowed ? undefined : checkedAgents[url.protocol as keyof typeof checkedAgents];
    const req = protocol.get(url, {
      agent,
      signal,
      headers: {
        'user-agent': policy.userAgent ?? USER_AGENT,
        accept: `${accept.join(', ')};q=1.0, */*;q=0.1`,
        'accept-encoding': 'identity',
      },
    });
    req.on('socket', (socket) => {
      const check = () => {
        const refusal = connectedAddressRefusal(socket.remoteAddress, url, policy.allowHosts);
        if (refusal) req.destroy(new WebFetchError(refusal));
      };
      if (socket.remoteAddress) check();
      else socket.once('connect', check);
    });
    req.on('response', resolve);
    req.on('error', reject);
  });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Reads the body up to maxBytes; past that the response is destroyed and the fetch refused. */
async function readBody(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      throw new WebFetchError(`the page is larger than ${maxBytes} bytes (KB_MAX_PAGE_BYTES)`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function describe(error: unknown, url: URL, timeoutMs: number, signal: AbortSignal): WebFetchError {
  if (error instanceof WebFetchError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof WebFetchError) return cause;
  if (signal.aborted) return new WebFetchError(`${url.host} did not answer within ${timeoutMs / 1000} s`);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new WebFetchError(`${url.hostname} was not found`);
  if (code === 'ECONNREFUSED') return new WebFetchError(`${url.host} refused the connection`);
  return new WebFetchError(`fetching ${url.host} failed: ${(error as Error).message ?? String(error)}`);
}

/**
 * GETs `link`, following redirects, and returns the decoded body; throws WebFetchError saying why when the
 * link, an address, a redirect, the status, the content type, the size or the time is not acceptable.
 */
export async function fetchText(
  link: string,
  accept: readonly string[],
  policy: FetchPolicy,
): Promise<FetchedPage> {
  const timeoutMs = policy.timeoutMs ?? FETCH_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new WebFetchError(`"${link.slice(0, 200)}" is not a link (it must start with http:// or https://)`);
  }
  const signal = AbortSignal.timeout(timeoutMs);
  for (let redirects = 0; ; redirects++) {
    const refusal = urlRefusal(url, policy.allowHosts);
    if (refusal) throw new WebFetchError(redirects === 0 ? refusal : `redirected to ${url.href}: ${refusal}`);
    try {
      const response = await request(url, policy, accept, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        response.resume();
        if (redirects >= MAX_REDIRECTS) throw new WebFetchError(`more than ${MAX_REDIRECTS} redirects`);
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new WebFetchError(`${url.host} answered HTTP ${status}`);
      }
      const contentType = response.headers['content-type'] ?? '';
      if (!accept.includes(mediaType(contentType))) {
        response.resume();
        throw new WebFetchError(
          `${url.href} is ${mediaType(contentType) || 'of no declared type'}, not ${accept.join(' or ')}`,
        );
      }
      const maxBytes = policy.maxPageBytes ?? DEFAULT_MAX_PAGE_BYTES;
      const declared = Number(response.headers['content-length']);
      if (declared > maxBytes) {
        response.destroy();
        throw new WebFetchError(
          `the page is ${declared} bytes; the limit is ${maxBytes} bytes (KB_MAX_PAGE_BYTES)`,
        );
      }
      const body = await readBody(response, maxBytes);
      const { text, encoding, how } = decodePage(body, contentType);
      return { url: url.href, contentType, text, encoding, encodingHow: how };
    } catch (error) {
      throw describe(error, url, timeoutMs, signal);
    }
  }
}
