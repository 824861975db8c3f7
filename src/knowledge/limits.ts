/** A server's quotas (GUILD_MAX_DOCUMENTS, GUILD_MAX_BYTES), counted over the files of its folder. */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles } from './document.ts';

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
