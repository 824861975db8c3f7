/**
 * The worker side of build-worker.ts: one reply per request, in order. A one-off build's thread is ended after
 * its reply; a BuildWorker's stays for the next request.
 */
import { constants, setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { KnowledgeLoadError } from '../knowledge/document.ts';
import { AnalysisCache } from './analysis-cache.ts';
import type { WorkerReply, WorkerRequest } from './build-worker.ts';
import { prepareSnapshot } from './snapshot.ts';

// The build leaves hundreds of megabytes of garbage at 100k passages; collecting it before packing the
// snapshot lets the packing reuse that memory instead of growing the process (the peak RSS of a reload).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * A kept thread's (BuildWorker's) documents analysed before: a server's next build re-analyses only the
 * documents that changed. A one-off build (the base) does not fill it: its thread ends after the build.
 */
const analyses = new AnalysisCache();

const port = parentPort;
if (!port) throw new Error('build-worker-thread.ts runs only as a worker thread');

port.on('message', async (request: WorkerRequest) => {
  // Background builds (servers' documents) yield the CPU to the main thread's answers whenever both want it.
  // On Linux a thread has a priority of its own; elsewhere the call would lower the whole process: not made.
  if (request.background && process.platform === 'linux')
    setPriority(constants.priority.PRIORITY_BELOW_NORMAL);
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  let reply: WorkerReply;
  try {
    const started = performance.now();
    const prepared = await prepareSnapshot(request.dir, {
      cacheDir: request.cacheDir,
      ignoreSaved: request.ignoreSaved,
      warn,
      keepKnowledgeBase: false,
      ...(request.background
        ? {
            analyze: analyses.forBuild(),
            afterBuild: () => {
              analyses.trim();
              collectGarbage();
            },
          }
        : { afterBuild: collectGarbage }),
    });
    reply = {
      ok: true,
      packed: prepared.packed,
      source: prepared.source,
      warnings,
      buildMs: performance.now() - started,
    };
  } catch (error) {
    reply = {
      ok: false,
      message: (error as Error).message,
      ...(error instanceof KnowledgeLoadError ? { problems: error.problems } : {}),
      warnings,
    };
  }
  const buffers = reply.ok ? new Set(reply.packed.blocks.map((block) => block.buffer as ArrayBuffer)) : [];
  port.postMessage(reply, [...buffers]);
});
