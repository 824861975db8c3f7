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
  /** Build even when a matching snapshot exists (it failed to load), and save over it. */
  ignoreSaved: boolean;
  /** Run below normal priority, after the main thread's answers (a BuildWorker's builds). */
  background: boolean;
}

export type WorkerReply =
  | { ok: true; packed: PackedJson; source: SnapshotSource; warnings: string[]; buildMs: number }
  | { ok: false; message: string; problems?: DocumentProblem[]; warnings: string[] };

export interface WorkerBuildOptions {
  /** Where snapshots are read and saved; null or unset: always build, save nothing. */
  cacheDir?: string | null;
  warn?: (message: string) => void;
  /** Build even when a matching snapshot exists (it failed to load), and save over it. */
  ignoreSaved?: boolean;
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

/** Sends one request to a worker and waits for its reply (or its failure). */
function requestBuild(worker: Worker, request: WorkerRequest): Promise<WorkerReply> {
  return new Promise<WorkerReply>((resolve, reject) => {
    const settle = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: WorkerReply) => {
      settle();
      resolve(reply);
    };
    const onError = (error: Error) => {
      settle();
      reject(error);
    };
    const onExit = (code: number) => {
      settle();
      reject(new Error(`the build worker stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}

function requestOf(dir: string, options: WorkerBuildOptions, background: boolean): WorkerRequest {
  return {
    dir,
    cacheDir: options.cacheDir === undefined ? null : options.cacheDir,
    ignoreSaved: options.ignoreSaved === true,
    background,
  };
}

/** The knowledge base of a worker's reply, rehydrated on this thread in short slices. */
async function resultOf(reply: WorkerReply, options: WorkerBuildOptions): Promise<WorkerBuildResult> {
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

/** Load and build the knowledge base of `dir` off the main thread. Rejects with KnowledgeLoadError for bad documents. */
export async function buildInWorker(
  dir: string,
  options: WorkerBuildOptions = {},
): Promise<WorkerBuildResult> {
  const worker = startWorker();
  let reply: WorkerReply;
  try {
    reply = await requestBuild(worker, requestOf(dir, options, false));
  } finally {
    // Ending the thread now frees everything it built before the main thread rehydrates its own copy.
    await worker.terminate();
  }
  return resultOf(reply, options);
}

/**
 * One worker thread kept for many small builds (servers' documents), so that a build does not pay a thread's
 * start (about a second) each time. Builds run one at a time, in the order asked: each server asks for one
 * at a time (its changes are queued), so a server's build waits behind at most one build of each other server.
 * The thread keeps the analyses of the documents it built (analysis-cache.ts): a server's next build analyses
 * only the documents that changed.
 * The thread runs below normal priority: when the CPU is short, answers go first and builds take longer.
 * It does not keep the process alive, and is started again if it dies.
 */
export class BuildWorker {
  #worker: Worker | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  async build(dir: string, options: WorkerBuildOptions = {}): Promise<WorkerBuildResult> {
    const run = () => this.#request(requestOf(dir, options, true));
    const reply = this.#queue.then(run, run);
    this.#queue = reply.catch(() => undefined);
    // Rehydrated outside the queue: the thread goes on with the next build meanwhile.
    return resultOf(await reply, options);
  }

  /** Ends the thread (the next build starts another). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  async #request(request: WorkerRequest): Promise<WorkerReply> {
    if (!this.#worker) {
      this.#worker = startWorker();
      this.#worker.unref();
    }
    const worker = this.#worker;
    try {
      return await requestBuild(worker, request);
    } catch (error) {
      if (this.#worker === worker) this.#worker = undefined;
      await worker.terminate();
      throw error;
    }
  }
}
