/**
 * `npm run bench [-- --size 1k,10k,100k] [--queries N] [--raw-queries N] [--no-reload] [--out FILE]
 *  [--knowledge DIR] [--seed N] [--corpus brown|news] [--news DIR,DIR] [--guilds [N]] [--cpu-time]`: storybot
 * against raw MiniSearch at growing sizes; prints a table, writes JSON. `--cpu-time` adds rows with each
 * command's CPU time per query (in the JSON always: `latency.<command>.cpu`), a measure of the work done that
 * other jobs on the machine do not inflate.
 * `--guilds N` runs the servers workload instead (guilds.ts): a base of each size plus N servers (default 100) of 20
 * documents, then server A answering while server B adds documents up to its quota; written to
 * tools/bench/guilds-results.json unless --out says otherwise.
 */
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, homedir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  BROWN_PRESS_CATEGORIES,
  type BrownText,
  buildBenchCorpus,
  loadBrownTexts,
  loadNewsTexts,
  readExtraDocuments,
} from './corpus.ts';
import { benchGuilds, GUILD_TARGETS, type GuildResult } from './guilds.ts';
import { benchSize, type SizeResult } from './harness.ts';
import { buildQueryMix, WORKLOADS } from './queries.ts';

const USAGE =
  'usage: npm run bench -- [--size 1k,10k,100k] [--queries N] [--raw-queries N] [--no-reload] [--out FILE] [--knowledge DIR] [--seed N] [--corpus brown|news] [--news DIR,DIR] [--guilds [N]] [--cpu-time]';

/** Where ../shared/eval/make-quotes.py builds the PolNeAR knowledge folders, as its README suggests. */
const NEWS_CACHE = join(homedir(), '.cache', 'storybot-eval');
const DEFAULT_NEWS_DIRS = ['train', 'dev', 'test'].map((split) =>
  join(NEWS_CACHE, `quotes-${split}-knowledge`),
);

/** "1k" → 1000, "100k" → 100000, "2500" → 2500. */
function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(text.trim());
  if (!match) throw new Error(`not a size: ${text}`);
  return Math.round(Number(match[1]) * (match[2] ? 1000 : 1));
}

/** Servers of `--guilds` given without a number. */
const DEFAULT_GUILDS = '100';

function parseOptions(argv: string[]) {
  // `--guilds` alone (no number after it) is the default number of servers.
  const args = argv.flatMap((arg, i) =>
    arg === '--guilds' && !/^\d/.test(argv[i + 1] ?? '') ? [arg, DEFAULT_GUILDS] : [arg],
  );
  const { values } = parseArgs({
    args,
    options: {
      size: { type: 'string', default: '1k,10k,100k' },
      queries: { type: 'string', default: '200' },
      'raw-queries': { type: 'string', default: '60' },
      'no-reload': { type: 'boolean', default: false },
      'cpu-time': { type: 'boolean', default: false },
      out: { type: 'string' },
      guilds: { type: 'string' },
      knowledge: { type: 'string', default: 'knowledge' },
      seed: { type: 'string', default: '1' },
      corpus: { type: 'string', default: 'brown' },
      news: { type: 'string', default: DEFAULT_NEWS_DIRS.join(',') },
    },
  });
  if (values.corpus !== 'brown' && values.corpus !== 'news')
    throw new Error('--corpus must be brown or news');
  const count = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number`);
    return n;
  };
  return {
    sizes: values.size.split(',').map((s) => ({ label: s.trim(), target: parseSize(s) })),
    queries: Math.max(1, count('queries', values.queries)),
    rawQueries: count('raw-queries', values['raw-queries']),
    reload: !values['no-reload'],
    cpuTime: values['cpu-time'],
    guilds: values.guilds === undefined ? undefined : Math.max(1, count('guilds', values.guilds)),
    out:
      values.out ??
      (values.guilds === undefined ? 'tools/bench/results.json' : 'tools/bench/guilds-results.json'),
    knowledge: values.knowledge,
    seed: count('seed', values.seed),
    corpus: values.corpus,
    newsDirs: values.news.split(',').filter((dir) => dir !== ''),
  };
}

/**
 * The texts of the workload. `news`: real news articles (PolNeAR's, when built), else Brown's press sections —
 * short paragraphs dense with names, dates and quotes, which cost more per query than Brown's other genres.
 */
async function workloadTexts(
  options: ReturnType<typeof parseOptions>,
  log: (line: string) => void,
): Promise<BrownText[]> {
  if (options.corpus === 'brown') return loadBrownTexts();
  const news = await loadNewsTexts(options.newsDirs);
  if (news.length > 0) {
    log(`news workload: ${news.length} articles from ${options.newsDirs.join(', ')}`);
    return news;
  }
  log('news workload: no news folder found; using the Brown corpus press sections');
  return (await loadBrownTexts()).filter((text) => BROWN_PRESS_CATEGORIES.has(text.category));
}

const TARGETS = { p99Ms: 15, warmStartMs: 2000, buildMs: 30_000, rssMB: 1536, reloadP99Ms: 50 };

function table(results: SizeResult[], cpuTime = false): string {
  const rows: [string, ...string[]][] = [['', ...results.map((r) => r.label)]];
  const add = (name: string, cell: (r: SizeResult) => string) => rows.push([name, ...results.map(cell)]);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
  add('documents / passages', (r) => `${r.documents} / ${r.passages}`);
  add('people / quotes / times', (r) => `${r.people} / ${r.quotes} / ${r.times}`);
  add(
    'full build (load + index)',
    (r) => `${s(r.build.totalMs)} (${s(r.build.loadMs)} + ${s(r.build.indexMs)})`,
  );
  add('snapshot save / size', (r) => `${s(r.snapshot.saveMs)} / ${r.snapshot.sizeMB} MB`);
  add('warm start from snapshot', (r) => s(r.snapshot.warmStartMs));
  add('RSS / heap after build', (r) => `${r.memory.rssMB} / ${r.memory.heapUsedMB} MB`);
  add('RSS / heap after warm start', (r) => `${r.memoryWarm.rssMB} / ${r.memoryWarm.heapUsedMB} MB`);
  for (const w of WORKLOADS) {
    add(`${w} p50 / p99`, (r) => `${ms(r.latency[w].p50)} / ${ms(r.latency[w].p99)}`);
  }
  add('first queries p99: who / when / quote / search / ac', (r) =>
    WORKLOADS.map((w) => r.latencyFirst[w].p99.toFixed(1)).join(' / '),
  );
  if (cpuTime)
    for (const w of WORKLOADS) {
      add(`${w} CPU p50 / p99`, (r) => `${ms(r.latency[w].cpu.p50)} / ${ms(r.latency[w].cpu.p99)}`);
    }
  add('reload: total (worker + rehydrate)', (r) =>
    r.reload ? `${s(r.reload.totalMs)} (${s(r.reload.workerMs)} + ${s(r.reload.rehydrateMs)})` : '-',
  );
  add('peak RSS during reload', (r) => (r.reload ? `${r.reload.peakRssMB} MB` : '-'));
  add('answers during reload p50 / p99', (r) =>
    r.reload ? `${ms(r.reload.during.p50)} / ${ms(r.reload.during.p99)}` : '-',
  );
  add('raw MiniSearch build / heap', (r) =>
    r.raw ? `${s(r.raw.buildMs)} / ${r.raw.memory.heapUsedMB} MB` : '-',
  );
  for (const w of WORKLOADS) {
    add(`raw ${w} p50 / p99 (storybot ÷ raw p99)`, (r) => {
      if (!r.raw) return '-';
      const ratio = r.raw.storybot[w].p99 / Math.max(0.001, r.raw.latency[w].p99);
      return `${ms(r.raw.latency[w].p50)} / ${ms(r.raw.latency[w].p99)} (×${ratio.toFixed(3)})`;
    });
  }
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')).join('\n');
}

function machineInfo() {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

type Options = ReturnType<typeof parseOptions>;

/** The servers workload at each size, its table and its JSON. */
async function runGuilds(
  options: Options,
  guilds: number,
  texts: Awaited<ReturnType<typeof loadBrownTexts>>,
  extra: Awaited<ReturnType<typeof readExtraDocuments>>,
  log: (line: string) => void,
) {
  const results: GuildResult[] = [];
  for (const size of options.sizes) {
    const corpus = buildBenchCorpus(texts, extra, size.target, options.seed);
    results.push(await benchGuilds(corpus, { label: size.label, guilds, seed: options.seed, log }));
  }
  const machine = machineInfo();
  const report = { date: new Date().toISOString(), machine, targets: GUILD_TARGETS, options, results };
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(guildTable(results));
  for (const r of results) console.log(stallVerdict(r));
  console.log(
    `\n${machine.cpus} CPUs, Node ${machine.node}; peak RSS ${machine.peakRssMB} MB; written to ${options.out}`,
  );
}

/** Issue 20's target, met or not, in one line with what to read it against (the machine's noise and load). */
function stallVerdict(r: GuildResult): string {
  const { stall } = r;
  return (
    `[${r.label}] issue 20 target, A's answers p99 ≤ ${GUILD_TARGETS.stallP99Ms} ms while B adds documents to ` +
    `its quota: ${stall.targetMet ? 'MET' : 'NOT MET'} (p99 ${stall.aAnswer.p99.toFixed(1)} ms over ` +
    `${stall.aAnswer.n} answers; with B idle ${stall.aAnswerIdle.p99.toFixed(1)} ms; load average ` +
    `${stall.loadAverage.start} → ${stall.loadAverage.end} on ${availableParallelism()} CPUs)`
  );
}

function guildTable(results: GuildResult[]): string {
  const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
  const rows: [string, ...string[]][] = [
    ['', ...results.map((r) => r.label)],
    [
      'base passages / servers',
      ...results.map((r) => `${r.basePassages} / ${r.guilds} × ${r.documentsPerGuild} docs`),
    ],
    ['servers built (first time)', ...results.map((r) => `${(r.populateMs / 1000).toFixed(1)} s`)],
    [
      'RSS base / with servers',
      ...results.map(
        (r) => `${r.memoryBase.rssMB} / ${r.memoryWithGuilds.rssMB} MB (${r.resident} in memory)`,
      ),
    ],
    [`servers' memory (≤ ${GUILD_TARGETS.guildMemoryMB} MB)`, ...results.map((r) => `${r.guildMemoryMB} MB`)],
    [
      `add a document p50 / p99 (≤ ${GUILD_TARGETS.addMs} ms)`,
      ...results.map((r) => `${ms(r.add.p50)} / ${ms(r.add.p99)}`),
    ],
    [
      `cold first question p50 / p99 (≤ ${GUILD_TARGETS.coldQuestionMs} ms)`,
      ...results.map((r) => `${ms(r.coldQuestion.p50)} / ${ms(r.coldQuestion.p99)}`),
    ],
    ['base rebuilt by a server change', ...results.map((r) => (r.baseRebuilt ? 'YES' : 'no'))],
    [
      'B adds documents to its quota',
      ...results.map(
        (r) =>
          `${r.stall.documentsAdded} × ${r.stall.documentBytes / 1000} KB to ${r.stall.quotaBytes / 1e6} MB (add p50 ${ms(r.stall.bAdd.p50)})`,
      ),
    ],
    [
      `A's answers meanwhile p50 / p99 (≤ ${GUILD_TARGETS.stallP99Ms} ms)`,
      ...results.map((r) => `${ms(r.stall.aAnswer.p50)} / ${ms(r.stall.aAnswer.p99)} (${r.stall.aAnswer.n})`),
    ],
    [
      "A's answers with B idle p50 / p99",
      ...results.map(
        (r) => `${ms(r.stall.aAnswerIdle.p50)} / ${ms(r.stall.aAnswerIdle.p99)} (${r.stall.aAnswerIdle.n})`,
      ),
    ],
  ];
  const widths = (rows[0] ?? []).map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')).join('\n');
}

async function main() {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const log = (line: string) => console.error(line);
  const texts = await workloadTexts(options, log);
  const extra = await readExtraDocuments(options.knowledge);
  if (options.guilds !== undefined) {
    await runGuilds(options, options.guilds, texts, extra, log);
    return;
  }
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const corpus = buildBenchCorpus(texts, extra, size.target, options.seed);
    const paragraphs = corpus.uniqueDocuments.flatMap((d) => d.paragraphs);
    const mixes = {
      first: buildQueryMix(paragraphs, options.queries, options.seed),
      steady: buildQueryMix(paragraphs, options.queries, options.seed + 1),
    };
    results.push(
      await benchSize(corpus, mixes, {
        label: size.label,
        queries: options.queries,
        rawQueries: Math.min(options.rawQueries, options.queries),
        reload: options.reload,
        log,
      }),
    );
  }
  const machine = machineInfo();
  const report = { date: new Date().toISOString(), machine, targets: TARGETS, options, results };
  await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(table(results, options.cpuTime));
  console.log(
    `\n${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGB} GB, Node ${machine.node}; ` +
      `peak RSS ${machine.peakRssMB} MB; written to ${options.out}`,
  );
}

await main();
