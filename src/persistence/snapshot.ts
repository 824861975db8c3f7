/**
 * Saved knowledge-base snapshots, so a start-up reads the built index instead of building it again.
 *
 * A snapshot is keyed by a hash of the documents (id and content hash of each) and of INDEX_VERSION (a hash of
 * the index and extraction code itself): when either changes the key changes, the old file no longer matches and
 * the knowledge base is rebuilt (stale). A file that is damaged — truncated, altered, unreadable — is reported through `warn` and rebuilt, never a crash.
 *
 * File layout: one header line of JSON (format, key, byte count, sha256, piece table), then the snapshot as
 * packed JSON pieces (see json-chunks.ts), which load a piece at a time and have no single-string size limit.
 * Files are written to a temporary name and renamed, so a reader never sees half a snapshot.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { yieldToEventLoop } from '../index/event-loop.ts';
import { type Analyze, buildData } from '../index/kb-data.ts';
import { listFiles, readDocuments } from '../knowledge/document.ts';
import {
  INDEX_VERSION,
  KnowledgeBase,
  type KnowledgeBaseSnapshot,
  snapshotOf,
} from '../knowledge/knowledge-base.ts';
import { type PackedJson, type Piece, packedSize, packJson, unpackJson } from './json-chunks.ts';

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

export interface KnowledgeFile {
  /** Path relative to the knowledge folder. */
  file: string;
  /** sha256 of the file's bytes, as DocumentMeta.hash. */
  hash: string;
}

/** The snapshot key of a set of files for a given index code version. */
export function snapshotKey(files: readonly KnowledgeFile[], indexVersion: string): string {
  const lines = files.map((f) => `${f.file}\t${f.hash}`).sort();
  return sha256(`index ${indexVersion}\n${lines.join('\n')}`).slice(0, 32);
}

/** Files hashed between two yields to the event loop (a few milliseconds of small files). */
const HASH_BATCH_FILES = 64;
/** Bytes hashed between two yields, whatever the number of files (a server's few large documents). */
const HASH_BATCH_BYTES = 2_000_000;

/**
 * The files the loader reads (every file, in sub-folders too, except dot-files and dot-folders), hashed. A
 * warm start needs only this to find its snapshot — not the parsing, which takes longer at 100k passages.
 */
export async function knowledgeFiles(dir: string): Promise<KnowledgeFile[]> {
  const names = await listFiles(dir);
  const files: KnowledgeFile[] = [];
  let batchFiles = 0;
  let batchBytes = 0;
  // Synchronous reads: for thousands of small files, a quarter of the CPU time of promise-based reads (each
  // an open, stat, read and close through the thread pool), which were a third of a warm start at 100k
  // passages. Batches, with a yield between them, keep the event loop turning.
  for (const file of names) {
    const bytes = readFileSync(join(dir, file));
    files.push({ file, hash: sha256(bytes) });
    batchFiles++;
    batchBytes += bytes.length;
    if (batchFiles >= HASH_BATCH_FILES || batchBytes >= HASH_BATCH_BYTES) {
      await yieldToEventLoop();
      batchFiles = 0;
      batchBytes = 0;
    }
  }
  await yieldToEventLoop();
  return files;
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
  const header: SnapshotHeader = {
    format: FORMAT,
    key,
    bytes: packedSize(packed),
    sha256: packed.blocks.reduce((hash, block) => hash.update(block), createHash('sha256')).digest('hex'),
    pieces: packed.pieces,
  };
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(header)}\n`);
      for (const block of packed.blocks) await handle.writeFile(block);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    // A full disk or a failed rename must not leave a half-written file in the cache for ever.
    await rm(temporary, { force: true });
    throw error;
  }
  const prefix = folderPrefix(knowledgeDir);
  const current = basename(file);
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
  if ((await sha256InSlices(body)) !== header.sha256) return damaged('checksum mismatch');
  return { blocks: [body], pieces: header.pieces };
}

/** sha256 of a large buffer a few milliseconds at a time, letting answers run between the pieces. */
async function sha256InSlices(data: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  for (let start = 0; start < data.length; start += HASH_BATCH_BYTES) {
    hash.update(data.subarray(start, start + HASH_BATCH_BYTES));
    await yieldToEventLoop();
  }
  return hash.digest('hex');
}

/**
 * The packed snapshot saved in `cacheDir` for the documents `dir` holds now, if there is one and it is sound;
 * read without blocking this thread for long (files hashed in batches, the snapshot checked in slices).
 */
export async function savedSnapshot(
  dir: string,
  cacheDir: string,
  warn: Warn,
): Promise<PackedJson | undefined> {
  const files = await knowledgeFiles(dir).catch(() => null);
  if (!files) return undefined;
  return readSnapshot(cacheDir, dir, snapshotKey(files, INDEX_VERSION), warn);
}

export type SnapshotSource = 'snapshot' | 'build';

export interface SnapshotOptions {
  /** Where snapshots live; null turns them off (always build, save nothing). Default `.cache`. */
  cacheDir?: string | null;
  /** Told about damaged snapshots and failed saves; defaults to console.warn. */
  warn?: Warn;
  /** Build even when a matching snapshot exists (it failed to load), and save over it. */
  ignoreSaved?: boolean;
  /** Called between building and packing (the build worker collects its garbage there). */
  afterBuild?: () => void;
  /**
   * Whether a build returns the knowledge base it made (default true). A builder that only hands the packed
   * snapshot on says false, and lets the built index go before packing: a lower peak of memory.
   */
  keepKnowledgeBase?: boolean;
  /** How a build analyses each document (default analyzeDocument; the build worker's AnalysisCache). */
  analyze?: Analyze;
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
  // A folder that cannot be listed is the loader's error to report, in its words.
  const files = await knowledgeFiles(dir).catch(() => null);
  const key = files && snapshotKey(files, INDEX_VERSION);
  if (key && cacheDir !== null && !options.ignoreSaved) {
    const saved = await readSnapshot(cacheDir, dir, key, warn);
    if (saved) return { packed: saved, source: 'snapshot' };
  }
  const { documents, skipped } = await readDocuments(dir);
  // Saved only if the documents built are the files hashed (none changed in between).
  const hashes = new Map(files?.map((f) => [f.file, f.hash]));
  const unchanged =
    files?.length === documents.length + skipped.length &&
    documents.every((d) => hashes.get(d.file) === d.hash);
  const knowledgeBase =
    options.keepKnowledgeBase === false
      ? undefined
      : KnowledgeBase.fromDocuments(documents, skipped, options.analyze);
  const snapshot = knowledgeBase
    ? knowledgeBase.toSnapshot()
    : snapshotOf(buildData(documents, options.analyze), skipped);
  options.afterBuild?.();
  const packed = packJson(snapshot);
  if (key && cacheDir !== null && unchanged) {
    try {
      await writeSnapshot(cacheDir, dir, key, packed);
    } catch (error) {
      warn(`snapshot could not be saved in ${cacheDir} (${(error as Error).message})`);
    }
  }
  return knowledgeBase ? { packed, source: 'build', knowledgeBase } : { packed, source: 'build' };
}

/**
 * Rehydrate a knowledge base from a packed snapshot. `nonBlocking` works in short slices, yielding to the
 * event loop between them (a reload while answering); without it the index is rebuilt in one go (start-up).
 */
export async function knowledgeBaseFromPacked(
  packed: PackedJson,
  nonBlocking = true,
): Promise<KnowledgeBase> {
  const snapshot = (await unpackJson(packed)) as KnowledgeBaseSnapshot;
  return nonBlocking ? KnowledgeBase.fromSnapshotAsync(snapshot) : KnowledgeBase.fromSnapshot(snapshot);
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
    return { knowledgeBase: await knowledgeBaseFromPacked(prepared.packed, false), source: 'snapshot' };
  } catch (error) {
    warn(`snapshot of ${dir} does not load (${(error as Error).message}); rebuilding`);
    const rebuilt = await prepareSnapshot(dir, { ...options, warn, ignoreSaved: true });
    return {
      knowledgeBase: rebuilt.knowledgeBase ?? (await knowledgeBaseFromPacked(rebuilt.packed)),
      source: 'build',
    };
  }
}
