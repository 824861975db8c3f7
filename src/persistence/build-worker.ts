/**
 * Building a knowledge base on a worker thread, so a reload does not stall answers: the worker loads the
 * documents and builds the index (or reads the saved snapshot), then hands back the snapshot as packed JSON in a
 * transferred buffer; the main thread rehydrates it a few milliseconds at a time (see json-chunks.ts).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type DocumentProblem, KnowledgeLoadError } from '../knowledge/document.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import type { PackedJson } from './json-chunks.ts';
import { knowledgeBaseFromPacked, type SnapshotSource } from './snapshot.ts';

export interface WorkerRequest {
  dir: string;
  cacheDir: string | null;
}

export type WorkerReply =
  | { ok: true; packed: PackedJson; source: SnapshotSource; warnings: string[]; buildMs: number }
  | { ok: false; message: string; problems?: DocumentProblem[]; warnings: string[] };

export interface WorkerBuildOptions {
  /** Where snapshots are read and saved; null or unset: always build, save nothing. */
  cacheDir?: string | null;
  warn?: (message: string) => void;
}

export interface WorkerBuildResult {
  knowledgeBase: KnowledgeBase;
  source: SnapshotSource;
  /** Time the worker spent loading and building (or reading the snapshot). */
  buildMs: number;
  /** Time the main thread spent rehydrating, spread over many short slices. */
  rehydrateMs: number;
}

/** This module's own extension: `.js` compiled (dist/), `.ts` run through tsx or vitest. */
const EXTENSION = path.extname(fileURLToPath(import.meta.url));
const THREAD_MODULE = new URL(`./build-worker-thread${EXTENSION}`, import.meta.url);

/**
 * A worker running the thread module: compiled, directly; as TypeScript, through tsx's loader, as the rest of
 * the code runs.
 */
function startWorker(): Worker {
  if (EXTENSION === '.js') return new Worker(THREAD_MODULE);
  const require = createRequire(import.meta.url);
  const tsx = pathToFileURL(require.resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const boot = `const { tsImport } = await import(${JSON.stringify(tsx)});
await tsImport(${JSON.stringify(THREAD_MODULE.href)}, import.meta.url);`;
  return new Worker(boot, { eval: true });
}

/** A build step for KnowledgeService: each reload on a worker thread, through the snapshots. */
export function workerBuild(options: WorkerBuildOptions = {}): (dir: string) => Promise<KnowledgeBase> {
  return async (dir) => (await buildInWorker(dir, options)).knowledgeBase;
}

/** Load and build the knowledge base of `dir` off the main thread. Rejects with KnowledgeLoadError for bad documents. */
export async function buildInWorker(
  dir: string,
  options: WorkerBuildOptions = {},
): Promise<WorkerBuildResult> {
  const worker = startWorker();
  const request: WorkerRequest = { dir, cacheDir: options.cacheDir === undefined ? null : options.cacheDir };
  let reply: WorkerReply;
  try {
    reply = await new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the build worker stopped (exit code ${code})`)));
      worker.postMessage(request);
    });
  } finally {
    // Ending the thread now frees everything it built before the main thread rehydrates its own copy.
    await worker.terminate();
  }
  for (const warning of reply.warnings) options.warn?.(warning);
  if (!reply.ok) {
    throw reply.problems ? new KnowledgeLoadError(reply.problems) : new Error(reply.message);
  }
  const started = performance.now();
  const knowledgeBase = await knowledgeBaseFromPacked(reply.packed);
  return {
    knowledgeBase,
    source: reply.source,
    buildMs: reply.buildMs,
    rehydrateMs: performance.now() - started,
  };
}
