/**
 * The feeds a knowledge folder follows, and what the bot has already taken from each, kept in one small JSON
 * file beside the folder (never inside it: the loader would try to read it as a document). Written
 * atomically (temporary file, then rename), so a crash mid-write leaves the previous state; a file that is
 * not valid state is moved aside, never overwritten, and the bot starts with no feeds. A file that cannot be
 * read or written at all (permissions, a folder where the file goes) is a FeedStateError saying why (naming
 * the file, not its folder: the reason is shown to a server's moderators).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Item keys remembered per feed beyond those its current list holds (every item listed now is always kept
 * as seen, however long the list): an item that left the list and comes back is not added again.
 */
export const SEEN_ITEMS_MAX = 2000;

export class FeedStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedStateError';
  }
}

/** Why a file operation failed, in words (the error's code), else its message. */
export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    EISDIR: 'a folder is where the file should be',
    ENOTDIR: 'a file is where a folder should be',
    EEXIST: 'a file is where a folder should be',
    ENOSPC: 'no space left on the disk',
  };
  return (code && words[code]) || (error instanceof Error ? error.message : String(error));
}

const feedSchema = z.object({
  url: z.string(),
  title: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
  /** Keys (guid or canonical link) of items already added or given up on, oldest first. */
  seen: z.array(z.string()),
  /** Failed attempts at items not yet seen, by key. */
  itemAttempts: z.record(z.string(), z.number()),
  articlesAdded: z.number(),
  /** Polls that failed in a row (0 when the last one worked). */
  failures: z.number(),
  lastError: z.string().optional(),
  lastPollAt: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  nextPollAt: z.string(),
});

const fileSchema = z.object({ version: z.literal(1), feeds: z.array(feedSchema) });

export type FeedState = z.infer<typeof feedSchema>;

/**
 * Where the feed state of a knowledge folder is kept: beside it, named after it
 * (`knowledge/` -> `knowledge.feeds.json`).
 */
export function feedStateFileFor(knowledgeDir: string): string {
  const resolved = path.resolve(knowledgeDir);
  return path.join(path.dirname(resolved), `${path.basename(resolved)}.feeds.json`);
}

/**
 * Reads the state; a missing file is no feeds, one that is not valid state is moved aside (and said so in
 * `warning`); throws FeedStateError when the file cannot be read (or moved aside) at all.
 */
export async function loadFeedStates(file: string): Promise<{ feeds: FeedState[]; warning?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { feeds: [] };
    throw new FeedStateError(`cannot read ${path.basename(file)}: ${fileProblem(error)}`);
  }
  try {
    return { feeds: fileSchema.parse(JSON.parse(text)).feeds };
  } catch {
    const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(file, aside);
    } catch (error) {
      throw new FeedStateError(
        `${file} is not valid feed state and cannot be moved aside: ${fileProblem(error)}`,
      );
    }
    return {
      feeds: [],
      warning: `${path.basename(file)} could not be read (not valid feed state); it was moved to ${path.basename(aside)} and the feeds start empty`,
    };
  }
}

/** Writes the state atomically; throws FeedStateError saying why when it cannot. */
export async function saveFeedStates(file: string, feeds: readonly FeedState[]): Promise<void> {
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(temporary, `${JSON.stringify({ version: 1, feeds }, null, 2)}\n`, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    throw new FeedStateError(`cannot write ${path.basename(file)}: ${fileProblem(error)}`);
  } finally {
    // Where the temporary file could not be made (a file where the folder goes), there is none to remove.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}
