/**
 * Downloading a /kb add attachment without trusting the interaction payload: the URL it names must be on one
 * of ATTACHMENT_HOSTS (Discord's CDN by default) over https, a redirect is followed only to those hosts
 * again, and the body is read as a stream that stops at the byte cap — never buffered whole first.
 */
import { isLoopbackHost } from './config.ts';

/** Redirects followed at most (Discord's CDN answers directly; one or two hops are plenty). */
const MAX_REDIRECTS = 3;

export interface DownloadLimits {
  /** `host` or `host:port` entries; a URL's host must be one of them. */
  allowedHosts: readonly string[];
  maxBytes: number;
  /** The whole download, redirects included, is abandoned after this long. */
  timeoutMs: number;
}

export type Download = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

/** Why the bot will not fetch `url`, or undefined when it may. */
export function urlProblem(url: URL, allowedHosts: readonly string[]): string | undefined {
  if (!allowedHosts.includes(url.host)) return `the file is not on Discord's servers (${url.host})`;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    return `the file's address is not https (${url.protocol})`;
  return undefined;
}

/** The first response that is not a redirect, each hop checked against the allowed hosts. */
async function fetchAllowed(
  start: URL,
  limits: DownloadLimits,
  signal: AbortSignal,
): Promise<Response | string> {
  let url = start;
  for (let hop = 0; ; hop++) {
    const problem = urlProblem(url, limits.allowedHosts);
    if (problem) return problem;
    const response = await fetch(url, { redirect: 'manual', signal });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    if (hop === MAX_REDIRECTS) return `more than ${MAX_REDIRECTS} redirects`;
    url = new URL(location, url);
  }
}

/** Reads a body up to `maxBytes`; stops (and cancels the rest) as soon as it is larger. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | string> {
  const tooLarge = (size: string) => `it is ${size} bytes; the limit is ${maxBytes} bytes`;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    return tooLarge(String(declared));
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      total += read.value.length;
      if (total > maxBytes) {
        await reader.cancel();
        return tooLarge(`more than ${maxBytes}`);
      }
      chunks.push(read.value);
    }
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** Downloads an attachment within the limits; every refusal or failure comes back as a reason in words. */
export async function downloadAttachment(address: string, limits: DownloadLimits): Promise<Download> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { ok: false, problem: 'the file has no valid address' };
  }
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    const response = await fetchAllowed(url, limits, signal);
    if (typeof response === 'string') return { ok: false, problem: response };
    if (!response.ok) {
      await response.body?.cancel();
      return { ok: false, problem: `downloading it failed: HTTP ${response.status}` };
    }
    const bytes = await readCapped(response, limits.maxBytes);
    return typeof bytes === 'string' ? { ok: false, problem: bytes } : { ok: true, bytes };
  } catch (error) {
    const reason = signal.aborted
      ? `no answer within ${Math.round(limits.timeoutMs / 1000)} s`
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, problem: `downloading it failed (${reason})` };
  }
}
