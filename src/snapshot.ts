/**
 * Saved knowledge-base snapshots, so a start-up reads the built index instead of building it again.
 *
 * A snapshot is keyed by a hash of the documents (id and content hash of each) and of INDEX_VERSION: when either
 * changes the key changes, the old file no longer matches and the knowledge base is rebuilt (stale). A file that
 * is damaged — truncated, altered, unreadable — is reported through `warn` and rebuilt, never a crash.
 *
 * File layout: one header line of JSON (format, key, byte count, sha256, piece table), then the snapshot as
 * packed JSON pieces (see json-chunks.ts), which load a piece at a time and have no single-string size limit.
 * Files are written to a temporary name and renamed, so a reader never sees half a snapshot.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { loadDocuments } from './document.ts';
import { type PackedJson, type Piece, packJson, unpackJson } from './json-chunks.ts';
import { INDEX_VERSION, KnowledgeBase, type KnowledgeBaseSnapshot } from './knowledge-base.ts';

export const DEFAULT_CACHE_DIR = '.cache';
const FORMAT = 'storybot-snapshot/1';

interface SnapshotHeader {
  format: string;
  key: string;
  bytes: number;
  sha256: string;
  pieces: Piece[];
}

export type Warn = (message: string) => void;

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The snapshot key of a set of documents for a given index code version. */
export function snapshotKey(
  documents: readonly { id: string; hash: string }[],
  indexVersion: number,
): string {
  const lines = documents.map((d) => `${d.id}\t${d.hash}`).sort();
  return sha256(`index ${indexVersion}\n${lines.join('\n')}`).slice(0, 32);
}

/** Snapshots of one knowledge folder share a name prefix, so saving a new one can remove the stale ones. */
function folderPrefix(knowledgeDir: string): string {
  return `kb-${sha256(resolve(knowledgeDir)).slice(0, 12)}-`;
}

export function snapshotFile(cacheDir: string, knowledgeDir: string, key: string): string {
  return join(cacheDir, `${folderPrefix(knowledgeDir)}${key}.snapshot`);
}

/** Write atomically (temporary file, fsync, rename), then remove older snapshots of the same folder. */
export async function writeSnapshot(
  cacheDir: string,
  knowledgeDir: string,
  key: string,
  packed: PackedJson,
): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  const file = snapshotFile(cacheDir, knowledgeDir, key);
  const body = packed.bytes;
  const header: SnapshotHeader = {
    format: FORMAT,
    key,
    bytes: body.length,
    sha256: sha256(body),
    pieces: packed.pieces,
  };
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(header)}\n`);
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  const prefix = folderPrefix(knowledgeDir);
  const current = file.slice(cacheDir.length + 1);
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith(prefix) && name !== current && name.endsWith('.snapshot')) {
      await rm(join(cacheDir, name), { force: true });
    }
  }
  return file;
}

/**
 * The packed snapshot saved for `key`, or undefined when there is none (first start, or stale) or when it is
 * damaged (then `warn` says so and why).
 */
export async function readSnapshot(
  cacheDir: string,
  knowledgeDir: string,
  key: string,
  warn: Warn,
): Promise<PackedJson | undefined> {
  const file = snapshotFile(cacheDir, knowledgeDir, key);
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      warn(`snapshot ${file} cannot be read (${(error as Error).message}); rebuilding`);
    }
    return undefined;
  }
  const damaged = (why: string) => {
    warn(`snapshot ${file} is damaged (${why}); rebuilding`);
    return undefined;
  };
  const newline = data.indexOf(10);
  if (newline < 0) return damaged('no header');
  let header: SnapshotHeader;
  try {
    header = JSON.parse(data.subarray(0, newline).toString('utf8')) as SnapshotHeader;
  } catch {
    return damaged('unreadable header');
  }
  if (header?.format !== FORMAT || !Array.isArray(header.pieces)) return damaged('unknown format');
  if (header.key !== key) return damaged('key does not match its name');
  const body = data.subarray(newline + 1);
  if (body.length !== header.bytes) return damaged(`${body.length} of ${header.bytes} bytes`);
  if (sha256(body) !== header.sha256) return damaged('checksum mismatch');
  return { bytes: body, pieces: header.pieces };
}

export type SnapshotSource = 'snapshot' | 'build';

export interface SnapshotOptions {
  /** Where snapshots live; null turns them off (always build, save nothing). Default `.cache`. */
  cacheDir?: string | null;
  /** Told about damaged snapshots and failed saves; defaults to console.warn. */
  warn?: Warn;
  /** Build even when a matching snapshot exists (it failed to load), and save over it. */
  ignoreSaved?: boolean;
}

export interface PreparedSnapshot {
  packed: PackedJson;
  source: SnapshotSource;
  /** Set when the knowledge base was built here rather than read from a snapshot. */
  knowledgeBase?: KnowledgeBase;
}

/**
 * Load the documents of `dir`; return the saved snapshot when it matches them, else build the knowledge base
 * and save its snapshot (a failed save is a warning: the next start simply builds again).
 */
export async function prepareSnapshot(dir: string, options: SnapshotOptions = {}): Promise<PreparedSnapshot> {
  const cacheDir = options.cacheDir === undefined ? DEFAULT_CACHE_DIR : options.cacheDir;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const documents = await loadDocuments(dir);
  const key = snapshotKey(documents, INDEX_VERSION);
  if (cacheDir !== null && !options.ignoreSaved) {
    const saved = await readSnapshot(cacheDir, dir, key, warn);
    if (saved) return { packed: saved, source: 'snapshot' };
  }
  const knowledgeBase = KnowledgeBase.fromDocuments(documents);
  const packed = packJson(knowledgeBase.toSnapshot());
  if (cacheDir !== null) {
    try {
      await writeSnapshot(cacheDir, dir, key, packed);
    } catch (error) {
      warn(`snapshot could not be saved in ${cacheDir} (${(error as Error).message})`);
    }
  }
  return { packed, source: 'build', knowledgeBase };
}

/** Rehydrate a knowledge base from a packed snapshot, yielding to the event loop as it goes. */
export async function knowledgeBaseFromPacked(packed: PackedJson): Promise<KnowledgeBase> {
  return KnowledgeBase.fromSnapshot((await unpackJson(packed)) as KnowledgeBaseSnapshot);
}

/**
 * The knowledge base of `dir`, from its snapshot when one matches the documents (warm start), else built from
 * the documents. A snapshot that fails to load is reported and rebuilt.
 */
export async function loadKnowledgeBase(
  dir: string,
  options: SnapshotOptions = {},
): Promise<{ knowledgeBase: KnowledgeBase; source: SnapshotSource }> {
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const prepared = await prepareSnapshot(dir, { ...options, warn });
  if (prepared.knowledgeBase) return { knowledgeBase: prepared.knowledgeBase, source: 'build' };
  try {
    return { knowledgeBase: await knowledgeBaseFromPacked(prepared.packed), source: 'snapshot' };
  } catch (error) {
    warn(`snapshot of ${dir} does not load (${(error as Error).message}); rebuilding`);
    const rebuilt = await prepareSnapshot(dir, { ...options, warn, ignoreSaved: true });
    return {
      knowledgeBase: rebuilt.knowledgeBase ?? (await knowledgeBaseFromPacked(rebuilt.packed)),
      source: 'build',
    };
  }
}
