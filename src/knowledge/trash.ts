/**
 * The trash folder's clean-up. Removed and replaced documents are moved to KNOWLEDGE_DIR/.trash/ under a name
 * that starts with the time they were moved (see KnowledgeService); after TRASH_RETENTION_DAYS they are
 * deleted. Only names that carry such a time are ever deleted: anything else put there by hand stays.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/** `2026-11-29T02-15-14-123Z-…`: the ISO time of the move with `:` and `.` made file-name safe. */
const TRASHED_AT = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-/;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The name prefix of a file trashed at `at`, which pruneTrash reads back. */
export function trashStamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

function trashedAt(name: string): number | undefined {
  const match = TRASHED_AT.exec(name);
  if (!match) return undefined;
  const [, day, hours, minutes, seconds, ms] = match;
  const time = Date.parse(`${day}T${hours}:${minutes}:${seconds}.${ms}Z`);
  return Number.isNaN(time) ? undefined : time;
}

/** Deletes the files of `trashDir` trashed more than `retentionDays` before `now`; returns their names. */
export async function pruneTrash(trashDir: string, retentionDays: number, now: Date): Promise<string[]> {
  const names = await readdir(trashDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const cutoff = now.getTime() - retentionDays * DAY_MS;
  const pruned: string[] = [];
  for (const name of names.sort()) {
    const at = trashedAt(name);
    if (at === undefined || at >= cutoff) continue;
    await rm(path.join(trashDir, name), { recursive: true, force: true });
    pruned.push(name);
  }
  return pruned;
}
