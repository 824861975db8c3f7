/**
 * One benchmark run for one document-set size: full build, query latencies per command and for autocomplete,
 * memory, snapshot save and warm start, answering while a reload builds on a worker thread, and the same
 * queries on raw MiniSearch over the same passages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Command } from '../../src/engine/answer.ts';
import { loadDocuments } from '../../src/knowledge/document.ts';
import { INDEX_VERSION, KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { buildInWorker } from '../../src/persistence/build-worker.ts';
import { packedSize, packJson } from '../../src/persistence/json-chunks.ts';
import {
  knowledgeFiles,
  loadKnowledgeBase,
  snapshotKey,
  writeSnapshot,
} from '../../src/persistence/snapshot.ts';
import { type BenchCorpus, writeBenchCorpus } from './corpus.ts';
import { type BenchQuery, type QueryMix, WORKLOADS, type Workload } from './queries.ts';
import { buildRawIndex, rawQuery } from './raw-minisearch.ts';
import { type LatencySummary, summarize } from './stats.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

export interface SizeOptions {
  label: string;
  /** Queries per workload for storybot, and how many of them (the first) also run on raw MiniSearch. */
  queries: number;
  rawQueries: number;
  reload: boolean;
  log: (line: string) => void;
}

type WorkloadLatency = LatencySummary & { found: number; cpu: LatencySummary };

/** Two sets of queries from the same passages, drawn with different seeds. */
export interface BenchMixes {
  first: QueryMix;
  steady: QueryMix;
}

export interface Memory {
  rssMB: number;
  heapUsedMB: number;
}

export interface SizeResult {
  label: string;
  documents: number;
  passages: number;
  copies: number;
  people: number;
  quotes: number;
  times: number;
  build: { loadMs: number; indexMs: number; totalMs: number };
  memory: Memory;
  /** After a warm start from the snapshot (the first knowledge base released). */
  memoryWarm: Memory;
  /** Steady state: the steady mix, after the first. */
  latency: Record<Workload, WorkloadLatency>;
  /** The first queries after the knowledge base is built (the first mix, after 20 of each). */
  latencyFirst: Record<Workload, WorkloadLatency>;
  snapshot: { saveMs: number; sizeMB: number; warmStartMs: number };
  reload: {
    totalMs: number;
    workerMs: number;
    rehydrateMs: number;
    during: LatencySummary;
    /** Highest RSS seen while reloading: old knowledge base, the worker's build, and the new one. */
    peakRssMB: number;
  } | null;
  raw: {
    buildMs: number;
    memory: Memory;
    latency: Record<Workload, LatencySummary>;
    /** storybot on the same queries */
    storybot: Record<Workload, LatencySummary>;
  } | null;
}

const round = (x: number) => Math.round(x * 10) / 10;

export function memory(): Memory {
  collectGarbage();
  const m = process.memoryUsage();
  return { rssMB: round(m.rss / 2 ** 20), heapUsedMB: round(m.heapUsed / 2 ** 20) };
}

/** Run one query; returns whether it found something (autocomplete: any choice). */
function ask(kb: KnowledgeBase, workload: Workload, query: BenchQuery): boolean {
  if (workload === 'autocomplete') {
    const choices =
      query.complete === 'speakers' ? kb.completeSpeakers(query.text, 25) : kb.completeNames(query.text, 25);
    return choices.length > 0;
  }
  return kb.answer(workload as Command, query.text).found;
}

/**
 * Each query's wall time, and the CPU time the process spent on it (all its threads: garbage collection
 * helpers too) — what the query cost whatever else the machine was doing, where the wall time also counts
 * the time other processes held the cores.
 */
function timeQueries(queries: readonly BenchQuery[], run: (q: BenchQuery) => boolean) {
  const samples: number[] = [];
  const cpuSamples: number[] = [];
  let found = 0;
  for (const query of queries) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    if (run(query)) found++;
    samples.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuSamples.push((used.user + used.system) / 1000);
  }
  return { samples, cpuSamples, found };
}

/**
 * Answer a query every `intervalMs` (counted from the end of the previous one) until `work` settles. A query's
 * latency counts from when its timer should have fired, so main-thread time spent on anything else
 * (rehydrating the new knowledge base, garbage collection) shows up as latency, as it would for a user.
 */
async function answerWhile<T>(kb: KnowledgeBase, mix: QueryMix, work: Promise<T>, intervalMs = 10) {
  const all = WORKLOADS.flatMap((w) => mix[w].map((q) => [w, q] as const));
  const samples: number[] = [];
  let peakRss = process.memoryUsage.rss();
  let done = false;
  const settled = work.finally(() => {
    done = true;
  });
  for (let i = 0; !done; i++) {
    const due = performance.now() + intervalMs;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const [workload, query] = all[i % all.length] as (typeof all)[number];
    ask(kb, workload, query);
    samples.push(performance.now() - due);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }
  return { result: await settled, samples, peakRssMB: round(peakRss / 2 ** 20) };
}

/** Start-up from the saved snapshot: documents read and hashed, snapshot checked, unpacked and rehydrated. */
async function timeWarmStart(dir: string, cacheDir: string, log: (line: string) => void) {
  const started = performance.now();
  const warm = await loadKnowledgeBase(dir, { cacheDir, warn: log });
  const ms = round(performance.now() - started);
  if (warm.source !== 'snapshot') throw new Error('the warm start did not use the snapshot');
  return { ms, knowledgeBase: warm.knowledgeBase };
}

/** Save the snapshot (as a build does after indexing); returns its time and size. */
async function timeSnapshotSave(kb: KnowledgeBase, dir: string, cacheDir: string) {
  const started = performance.now();
  const packed = packJson(kb.toSnapshot());
  await writeSnapshot(cacheDir, dir, snapshotKey(await knowledgeFiles(dir), INDEX_VERSION), packed);
  return { saveMs: round(performance.now() - started), sizeMB: round(packedSize(packed) / 2 ** 20) };
}

/** Each workload's queries of a mix, timed: latency summaries and the raw samples. */
function timeMix(kb: KnowledgeBase, mix: QueryMix) {
  const latency = {} as SizeResult['latency'];
  const timings = {} as Record<Workload, number[]>;
  for (const workload of WORKLOADS) {
    const { samples, cpuSamples, found } = timeQueries(mix[workload], (q) => ask(kb, workload, q));
    timings[workload] = samples;
    latency[workload] = {
      ...summarize(samples),
      found: round((100 * found) / Math.max(1, samples.length)),
      cpu: summarize(cpuSamples),
    };
  }
  return { latency, timings };
}

/**
 * The first mix's queries after a short warm-up (the first questions a started bot answers, while V8 is still
 * compiling its hot code), then the steady mix's (other questions, met for the first time, on code V8 has
 * optimised): the figures a bot that has been up for a while gives.
 */
function timeWorkloads(kb: KnowledgeBase, mixes: BenchMixes) {
  for (const workload of WORKLOADS) {
    timeQueries(mixes.first[workload].slice(0, 20), (q) => ask(kb, workload, q));
  }
  const first = timeMix(kb, mixes.first);
  const steady = timeMix(kb, mixes.steady);
  return { latency: steady.latency, latencyFirst: first.latency, timings: steady.timings };
}

/** A reload on a worker thread while this thread keeps answering. */
async function timeReload(kb: KnowledgeBase, dir: string, mix: QueryMix, log: (line: string) => void) {
  const r0 = performance.now();
  const reloading = buildInWorker(dir, { cacheDir: null, warn: log }).then((r) => ({
    buildMs: r.buildMs,
    rehydrateMs: r.rehydrateMs,
    passages: r.knowledgeBase.stats.passages,
  }));
  const { result, samples, peakRssMB } = await answerWhile(kb, mix, reloading);
  if (result.passages !== kb.stats.passages) throw new Error('the reloaded knowledge base differs');
  return {
    totalMs: round(performance.now() - r0),
    workerMs: round(result.buildMs),
    rehydrateMs: round(result.rehydrateMs),
    during: summarize(samples),
    peakRssMB,
  };
}

/** The same queries on raw MiniSearch over the same passages, beside storybot's times for them. */
function timeRawMiniSearch(
  corpus: BenchCorpus,
  mix: QueryMix,
  timings: Record<Workload, number[]>,
  options: SizeOptions,
): NonNullable<SizeResult['raw']> {
  const storybot = {} as Record<Workload, LatencySummary>;
  for (const workload of WORKLOADS) {
    storybot[workload] = summarize(timings[workload].slice(0, options.rawQueries));
  }
  memory();
  const rawPassages = corpus.documents.flatMap((d) =>
    d.paragraphs.map((text, i) => ({ id: `${d.file}#${i + 1}`, text })),
  );
  const b0 = performance.now();
  const index = buildRawIndex(rawPassages);
  const buildMs = round(performance.now() - b0);
  const rawMemory = memory();
  const rawLatency = {} as Record<Workload, LatencySummary>;
  for (const workload of WORKLOADS) {
    const queries = mix[workload].slice(0, options.rawQueries);
    const { samples } = timeQueries(queries, (q) => rawQuery(index, workload === 'autocomplete', q.text) > 0);
    rawLatency[workload] = summarize(samples);
  }
  options.log(
    `[${options.label}] raw MiniSearch: ${WORKLOADS.map((w) => `${w} p99 ${rawLatency[w].p99} ms`).join(', ')}`,
  );
  return { buildMs, memory: rawMemory, latency: rawLatency, storybot };
}

export async function benchSize(
  corpus: BenchCorpus,
  mixes: BenchMixes,
  options: SizeOptions,
): Promise<SizeResult> {
  const { log } = options;
  const mix = mixes.steady;
  const dir = await mkdtemp(join(tmpdir(), `storybot-bench-${options.label}-`));
  const cacheDir = await mkdtemp(join(tmpdir(), `storybot-bench-cache-${options.label}-`));
  try {
    await writeBenchCorpus(corpus, dir);
    log(`[${options.label}] ${corpus.documents.length} documents, ${corpus.paragraphs} paragraphs: building`);
    memory();
    const t0 = performance.now();
    const documents = await loadDocuments(dir);
    const t1 = performance.now();
    let kb: KnowledgeBase | undefined = KnowledgeBase.fromDocuments(documents);
    const t2 = performance.now();
    const build = { loadMs: round(t1 - t0), indexMs: round(t2 - t1), totalMs: round(t2 - t0) };
    const afterBuild = memory();
    log(`[${options.label}] built in ${(build.totalMs / 1000).toFixed(1)} s; RSS ${afterBuild.rssMB} MB`);
    const { latency, latencyFirst, timings } = timeWorkloads(kb, mixes);
    log(
      `[${options.label}] queries: ${WORKLOADS.map((w) => `${w} p99 ${latency[w].p99} ms (first ${latencyFirst[w].p99})`).join(', ')}`,
    );

    const { saveMs, sizeMB } = await timeSnapshotSave(kb, dir, cacheDir);
    const stats = kb.stats;
    // The rest runs on the knowledge base a restarted bot would have: the one from the snapshot.
    kb = undefined;
    memory();
    const warm = await timeWarmStart(dir, cacheDir, log);
    kb = warm.knowledgeBase;
    const afterWarmStart = memory();
    log(
      `[${options.label}] snapshot ${sizeMB} MB saved in ${saveMs} ms; warm start ${warm.ms} ms, RSS ${afterWarmStart.rssMB} MB`,
    );

    let reload: SizeResult['reload'] = null;
    if (options.reload) {
      reload = await timeReload(kb, dir, mix, log);
      log(`[${options.label}] reload ${reload.totalMs} ms, answering p99 ${reload.during.p99} ms meanwhile`);
    }
    kb = undefined;
    const raw = options.rawQueries > 0 ? timeRawMiniSearch(corpus, mix, timings, options) : null;

    return {
      label: options.label,
      documents: stats.documents,
      passages: stats.passages,
      copies: corpus.copies,
      people: stats.people,
      quotes: stats.quotes,
      times: stats.times,
      build,
      memory: afterBuild,
      memoryWarm: afterWarmStart,
      latency,
      latencyFirst,
      snapshot: { saveMs, sizeMB, warmStartMs: warm.ms },
      reload,
      raw,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cacheDir, { recursive: true, force: true });
  }
}
