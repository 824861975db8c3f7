/**
 * The feeds a knowledge folder follows, and what the bot has already taken from each, kept in one small JSON
 * file beside the folder (never inside it: the loader would try to read it as a document). Written
 * atomically (temporary file, then rename), so a crash mid-write leaves the previous state; a file that
 * cannot be read is moved aside, never overwritten, and the bot starts with no feeds.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/** Item keys remembered per feed: far more than any feed lists at once, so an old item never comes back. */
export const SEEN_ITEMS_MAX = 2000;

const feedSchema = z.object({
  url: z.string(),
  title: z.string(),
  addedBy: z.string(),
  addedAt: z.string(),
  /** Keys (guid or link) of items already added or given up on, oldest first. */
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

/** Reads the state; a missing file is no feeds, an unreadable one is moved aside (and said so in `warning`). */
export async function loadFeedStates(file: string): Promise<{ feeds: FeedState[]; warning?: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { feeds: [] };
    throw error;
  }
  try {
    return { feeds: fileSchema.parse(JSON.parse(text)).feeds };
  } catch {
    const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file, aside);
    return { feeds: [], warning: `${file} could not be read; it was moved to ${aside}` };
  }
}

export async function saveFeedStates(file: string, feeds: readonly FeedState[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify({ version: 1, feeds }, null, 2)}\n`, { flag: 'wx' });
    await rename(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}
