/** A server's quotas (GUILD_MAX_DOCUMENTS, GUILD_MAX_BYTES), counted over the files of its folder. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from './document.ts';

/**
 * GUILD_MAX_BYTES' default, and the build worker's bound on the text whose analyses it keeps
 * (analysis-cache.ts): a server at its quota is rebuilt re-analysing only what changed, and the analyses kept
 * take about 150 to 200 MB of the worker's heap (7.5 to 10 bytes a character of news text, measured on
 * PolNeAR's and TimeBank's articles).
 */
export const DEFAULT_GUILD_MAX_BYTES = 20_000_000;

export interface DocumentLimits {
  maxDocuments: number;
  maxBytes: number;
}

/**
 * Why a document of `size` bytes would take the folder `dir` past its limits, if so: the files it holds (but
 * those the document replaces) and this one, counted and summed.
 */
export async function limitProblem(
  dir: string,
  limits: DocumentLimits,
  size: number,
  replaced: readonly string[],
): Promise<string | undefined> {
  const held = (await listFiles(dir)).filter((file) => !replaced.includes(file));
  if (held.length + 1 > limits.maxDocuments)
    return `this server is at its limit of documents (GUILD_MAX_DOCUMENTS = ${limits.maxDocuments}): remove one before adding another`;
  let heldBytes = 0;
  for (const file of held) heldBytes += (await stat(path.join(dir, file))).size;
  if (heldBytes + size > limits.maxBytes)
    return `this server's documents take ${heldBytes} of its ${limits.maxBytes} bytes (GUILD_MAX_BYTES): this one (${size} bytes) does not fit; remove some before adding it`;
  return undefined;
}
