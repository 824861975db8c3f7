/**
 * The `--guilds N` workload: a base of the benchmark's size plus N servers with 20 small documents each, as a
 * bot in many servers holds them. Measures what issue 9 bounds: adding one document to one server (until it
 * is answered there), a server's first question when its documents are not in memory (read from its
 * snapshot), and the memory the servers take on top of the base — and that no server's change rebuilt the base.
 * Then issue 20's stall: server A's answers, asked at a steady pace, while server B adds ~960 KB documents in a
 * loop until its quota refuses one (each add rebuilds B's documents).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_RESIDENT_GUILDS, GuildKnowledge } from '../../src/knowledge/guild-knowledge.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { loadKnowledgeBase } from '../../src/persistence/snapshot.ts';
import { type BenchCorpus, seededRandom, writeBenchCorpus } from './corpus.ts';
import { type Memory, memory } from './harness.ts';
import { type LatencySummary, summarize } from './stats.ts';

/** A server's documents in the workload, and how many paragraphs each (small documents). */
const DOCUMENTS_PER_GUILD = 20;
const PARAGRAPHS_PER_DOCUMENT = 3;
/** How many adds and cold first questions are timed. */
const TIMED_ADDS = 20;
const TIMED_COLD_QUESTIONS = 50;

export const GUILD_TARGETS = { addMs: 2000, coldQuestionMs: 300, guildMemoryMB: 300, stallP99Ms: 50 };

/**
 * The stall workload: B's quota (GUILD_MAX_BYTES) and the size of each document it adds — issue 20's report,
 * twelve documents of ~960 KB. A's questions come every STALL_ASK_EVERY_MS (a busy server), each timed from when it was due
 * (so time the main thread was held by anything counts).
 */
const STALL_QUOTA_BYTES = 12_000_000;
const STALL_DOCUMENT_BYTES = 960_000;
const STALL_ASK_EVERY_MS = 100;
/** A's answers are first timed this long with B idle: the machine's own noise, to read the stall against. */
const STALL_IDLE_MS = 10_000;

export interface GuildOptions {
  label: string;
  guilds: number;
  seed: number;
  log: (line: string) => void;
}

export interface GuildResult {
  label: string;
  basePassages: number;
  guilds: number;
  documentsPerGuild: number;
  /** Building every server's documents once (and saving its snapshot), the first time. */
  populateMs: number;
  /** Servers' knowledge bases in memory at the end (the rest dropped, least recently used first). */
  resident: number;
  memoryBase: Memory;
  memoryWithGuilds: Memory;
  /** RSS with the servers minus RSS with the base alone. */
  guildMemoryMB: number;
  /** Adding a document to a server, until a question about it is answered from it there. */
  add: LatencySummary;
  /** A server's first question when its documents are not in memory: loaded from its snapshot, answered. */
  coldQuestion: LatencySummary;
  baseRebuilt: boolean;
  stall: StallResult;
}

export interface StallResult {
  /** B's quota and the size of each document it added. */
  quotaBytes: number;
  documentBytes: number;
  /** Documents B added before its quota refused one (the refusal is the loop's end). */
  documentsAdded: number;
  refusal: string;
  /** Each of B's adds, until its documents were answered from (rebuild included). */
  bAdd: LatencySummary;
  /** A's answers while B added: from when each was due to when it was answered. */
  aAnswer: LatencySummary;
  /** A's answers, timed the same way, before B began (B idle): what the machine alone costs. */
  aAnswerIdle: LatencySummary;
  /** Whether A's answers while B added met issue 20's target (p99 ≤ GUILD_TARGETS.stallP99Ms). */
  targetMet: boolean;
  /** The machine's 1-minute load average when B began and when it stopped: how shared the CPUs were. */
  loadAverage: { start: number; end: number };
}

const round = (x: number) => Math.round(x * 100) / 100;
const guildId = (i: number) => String(100_000_000_000_000_000n + BigInt(i));
const bytes = (text: string) => new TextEncoder().encode(text);

/** A server's 20 documents, each a few paragraphs drawn from the base corpus (seeded). */
async function writeGuildDocuments(dir: string, i: number, pool: readonly string[], random: () => number) {
  await mkdir(dir, { recursive: true });
  const writes: Promise<void>[] = [];
  for (let d = 0; d < DOCUMENTS_PER_GUILD; d++) {
    const paragraphs = Array.from(
      { length: PARAGRAPHS_PER_DOCUMENT },
      () => pool[Math.floor(random() * pool.length)] as string,
    );
    const content = `---\ntitle: "Server ${i} notes ${d}"\n---\n\n${paragraphs.join('\n\n')}\n`;
    writes.push(writeFile(join(dir, `notes-${d}.md`), content));
  }
  await Promise.all(writes);
}

/** Invented words, so that the added document is the only one that can answer the question about it. */
function addedDocument(n: number): { file: string; content: string; query: string } {
  const word = `quarvel${n}x`;
  return {
    file: `added-${n}.md`,
    content: `---\ntitle: "Added ${n}"\n---\n\nThe ${word} ferry of Tolmere sailed again on Monday.\n`,
    query: `${word} ferry Tolmere`,
  };
}

async function timeAdds(guilds: GuildKnowledge, count: number, random: () => number): Promise<number[]> {
  const samples: number[] = [];
  for (let n = 0; n < TIMED_ADDS; n++) {
    const guild = guildId(Math.floor(random() * count));
    const added = addedDocument(n);
    const started = performance.now();
    const outcome = await guilds.change(guild, (own) =>
      own.add(added.file, bytes(added.content), { by: 'bench' }),
    );
    const answer = (await guilds.view(guild)).answer('search', added.query);
    samples.push(performance.now() - started);
    if (outcome.status !== 'added' || answer.results[0]?.citation.document !== `added-${n}`)
      throw new Error(`the document added to server ${guild} is not answered there`);
  }
  return samples;
}

async function timeColdQuestions(guilds: GuildKnowledge, count: number, queries: readonly string[]) {
  const samples: number[] = [];
  // The servers touched longest ago are the ones no longer in memory.
  for (let i = 0; i < Math.min(TIMED_COLD_QUESTIONS, Math.max(0, count - guilds.residentCount)); i++) {
    const started = performance.now();
    (await guilds.view(guildId(i))).answer('search', queries[i % queries.length] as string);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** A document of about `size` bytes: paragraphs of the pool, in a seeded order. */
function largeDocument(n: number, size: number, pool: readonly string[], random: () => number): string {
  const paragraphs: string[] = [];
  let length = 0;
  while (length < size) {
    const paragraph = pool[Math.floor(random() * pool.length)] as string;
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return `---\ntitle: "Large ${n}"\n---\n\n${paragraphs.join('\n\n')}\n`;
}

/** A's questions every STALL_ASK_EVERY_MS until `until` settles, each timed from when it was due. */
async function askSteadily(
  guilds: GuildKnowledge,
  guild: string,
  queries: readonly string[],
  until: Promise<unknown>,
): Promise<number[]> {
  const samples: number[] = [];
  let done = false;
  until.finally(() => {
    done = true;
  });
  const started = performance.now();
  for (let n = 0; !done; n++) {
    const due = started + n * STALL_ASK_EVERY_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const command = n % 2 === 0 ? 'search' : 'who';
    (await guilds.view(guild)).answer(command, queries[n % queries.length] as string);
    samples.push(performance.now() - due);
  }
  return samples;
}

/** Server B adds large documents until its quota refuses one, while server A is asked steadily. */
async function benchStall(
  guilds: GuildKnowledge,
  [a, b]: [string, string],
  pool: readonly string[],
  queries: readonly string[],
  random: () => number,
): Promise<StallResult> {
  // B's documents are made before A is timed: making and encoding them is the bench's work, not the bot's.
  const documents = Array.from({ length: Math.ceil(STALL_QUOTA_BYTES / STALL_DOCUMENT_BYTES) + 1 }, (_, n) =>
    bytes(largeDocument(n, STALL_DOCUMENT_BYTES, pool, random)),
  );
  const idle = await askSteadily(
    guilds,
    a,
    queries,
    new Promise((resolve) => setTimeout(resolve, STALL_IDLE_MS)),
  );
  const loadAtStart = loadavg()[0] ?? 0;
  const bAdds: number[] = [];
  let refusal = '';
  const loop = (async () => {
    for (let n = 0; refusal === ''; n++) {
      const document = documents[n];
      if (!document) throw new Error(`server B's quota refused none of its ${documents.length} documents`);
      const started = performance.now();
      const outcome = await guilds.change(b, (own) => own.add(`large-${n}.md`, document, { by: 'bench' }));
      if (outcome.status === 'refused') refusal = outcome.problems.map((p) => p.problem).join('; ');
      else bAdds.push(performance.now() - started);
    }
  })();
  const answers = await askSteadily(guilds, a, queries, loop);
  await loop;
  const aAnswer = summarize(answers);
  return {
    quotaBytes: STALL_QUOTA_BYTES,
    documentBytes: STALL_DOCUMENT_BYTES,
    documentsAdded: bAdds.length,
    refusal,
    bAdd: summarize(bAdds),
    aAnswer,
    aAnswerIdle: summarize(idle),
    targetMet: aAnswer.p99 <= GUILD_TARGETS.stallP99Ms,
    loadAverage: { start: round(loadAtStart), end: round(loadavg()[0] ?? 0) },
  };
}

export async function benchGuilds(corpus: BenchCorpus, options: GuildOptions): Promise<GuildResult> {
  const { log, label } = options;
  const root = await mkdtemp(join(tmpdir(), `storybot-bench-guilds-${label}-`));
  const baseDir = join(root, 'base');
  const dataDir = join(root, 'guilds');
  const cacheDir = join(root, 'cache');
  try {
    await mkdir(baseDir);
    await writeBenchCorpus(corpus, baseDir);
    log(`[${label}] base of ${corpus.paragraphs} paragraphs: building its snapshot`);
    await loadKnowledgeBase(baseDir, { cacheDir, warn: log });
    // What a bot holds: the base from its snapshot.
    const base = await KnowledgeService.open(baseDir, {
      build: async (dir) => (await loadKnowledgeBase(dir, { cacheDir, warn: log })).knowledgeBase,
    });
    const baseVersion = base.current.version;
    const memoryBase = memory();
    const random = seededRandom(options.seed);
    const pool = corpus.uniqueDocuments.flatMap((d) => d.paragraphs).filter((p) => p.length > 80);
    // Up to the bot's limit in memory; a small run keeps half, so that it has cold servers to time too.
    const maxResident = Math.min(DEFAULT_MAX_RESIDENT_GUILDS, Math.max(1, Math.floor(options.guilds / 2)));
    // Every server's quota is the stall workload's (the others hold 20 small documents each, far below it).
    const limits = { maxDocuments: 10_000, maxBytes: STALL_QUOTA_BYTES };
    const guilds = new GuildKnowledge(base, { dataDir, warn: log, maxResident, limits });
    const p0 = performance.now();
    for (let i = 0; i < options.guilds; i++) {
      await writeGuildDocuments(join(dataDir, guildId(i)), i, pool, random);
      await guilds.view(guildId(i));
    }
    const populateMs = Math.round(performance.now() - p0);
    const memoryWithGuilds = memory();
    log(`[${label}] ${options.guilds} servers built in ${populateMs} ms; ${guilds.residentCount} in memory`);
    const queries = pool.slice(0, 50).map((p) => p.split(/\s+/).slice(0, 6).join(' '));
    const coldQuestion = summarize(await timeColdQuestions(guilds, options.guilds, queries));
    const add = summarize(await timeAdds(guilds, options.guilds, random));
    log(`[${label}] add p99 ${add.p99} ms; cold first question p99 ${coldQuestion.p99} ms`);
    log(`[${label}] stall: server B adds ${STALL_DOCUMENT_BYTES} B documents up to ${STALL_QUOTA_BYTES} B`);
    const pair: [string, string] = [guildId(options.guilds - 1), guildId(options.guilds)];
    await guilds.view(pair[0]);
    const stall = await benchStall(guilds, pair, pool, queries, random);
    log(
      `[${label}] stall: A's answer p99 ${stall.aAnswer.p99} ms over ${stall.aAnswer.n} answers ` +
        `(${stall.aAnswerIdle.p99} ms with B idle)`,
    );
    await guilds.close();
    const baseRebuilt = base.current.version !== baseVersion || base.lastReload.by !== 'start-up';
    return {
      label,
      basePassages: base.current.stats.passages,
      guilds: options.guilds,
      documentsPerGuild: DOCUMENTS_PER_GUILD,
      populateMs,
      resident: guilds.residentCount,
      memoryBase,
      memoryWithGuilds,
      guildMemoryMB: Math.round((memoryWithGuilds.rssMB - memoryBase.rssMB) * 10) / 10,
      add,
      coldQuestion,
      baseRebuilt,
      stall,
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
