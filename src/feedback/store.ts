/**
 * Feedback and knowledge gaps, per server: 👍 / 👎 votes on answers and the questions that found nothing.
 * One append-only JSON-lines file per scope (a Discord server id) under one folder; nothing is ever shared
 * between scopes. Users are kept only as a salted one-way hash. Records older than the retention are
 * dropped from the file by the next action on its scope (FEEDBACK_RETENTION_DAYS), and a file is rewritten whole (to a temporary file, then renamed) when it holds too much that
 * no longer counts, so that a crash leaves either the old file or the new one, never half of one.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cutAtWord } from '../engine/text/cut.ts';
import { storageError } from '../knowledge/problems.ts';

export type Vote = 'up' | 'down';

interface RecordBase {
  /** ISO time. */
  at: string;
  command: string;
  question: string;
  /** The knowledge-base version the answer came from. */
  kbVersion: string;
}

export interface VoteRecord extends RecordBase {
  type: 'vote';
  /** What was voted on (the answer's message id): one vote per answer and user. */
  answer: string;
  /** The user, as a salted hash: never their id. */
  user: string;
  vote: Vote;
  summary: string;
}

export interface NotFoundRecord extends RecordBase {
  type: 'notFound';
}

export type FeedbackRecord = VoteRecord | NotFoundRecord;

/** A question worth adding to the knowledge base: not found, or voted 👎. */
export interface Gap {
  /** The question as last asked. */
  question: string;
  commands: string[];
  notFound: number;
  downVotes: number;
  /** notFound + downVotes: gaps are listed most frequent first. */
  count: number;
  lastSeen: string;
}

export interface VoteInput {
  answer: string;
  userId: string;
  vote: Vote;
  command: string;
  question: string;
  summary: string;
  kbVersion: string;
}

export interface FeedbackStoreOptions {
  dir: string;
  retentionDays: number;
  now?: () => Date;
}

/** Questions and summaries are stored cut to these lengths (a question is at most 500 characters anyway). */
const QUESTION_MAX = 500;
const SUMMARY_MAX = 200;
/** Records kept per server at most, newest first: bounds memory and file size whatever the traffic. */
export const MAX_RECORDS_PER_SCOPE = 50_000;
/** A file is rewritten when at least this many of its lines no longer count (expired or superseded votes). */
const COMPACT_AFTER_STALE_LINES = 1_000;
const SALT_FILE = '.salt';
const DAY_MS = 86_400_000;
/** Scopes are Discord server ids: digits only, so that a scope can never name a path outside the folder. */
const SCOPE = /^\d{17,20}$/;

interface ScopeState {
  records: FeedbackRecord[];
  /** Lines in the file that no longer count. */
  stale: number;
}

export function normalizeQuestion(question: string): string {
  return question.trim().toLowerCase().replace(/\s+/g, ' ');
}

export class FeedbackStore {
  readonly dir: string;
  readonly retentionDays: number;
  readonly #now: () => Date;
  readonly #scopes = new Map<string, Promise<ScopeState>>();
  /** Writes per scope, one after another. */
  readonly #queues = new Map<string, Promise<unknown>>();
  #salt: Promise<Buffer> | undefined;

  constructor({ dir, retentionDays, now = () => new Date() }: FeedbackStoreOptions) {
    this.dir = dir;
    this.retentionDays = retentionDays;
    this.#now = now;
  }

  static isScope(scope: string): boolean {
    return SCOPE.test(scope);
  }

  /** Records a vote, replacing the user's earlier vote on the same answer. */
  recordVote(scope: string, input: VoteInput): Promise<{ previous: Vote | undefined }> {
    return this.#serially(scope, async (state) => {
      const user = await this.#userHash(scope, input.userId);
      const earlier = state.records.findIndex(
        (r) => r.type === 'vote' && r.answer === input.answer && r.user === user,
      );
      const previous = earlier >= 0 ? (state.records[earlier] as VoteRecord).vote : undefined;
      if (previous === input.vote) return { previous };
      if (earlier >= 0) {
        state.records.splice(earlier, 1);
        state.stale += 1;
      }
      const record: VoteRecord = {
        type: 'vote',
        at: this.#now().toISOString(),
        answer: input.answer,
        user,
        vote: input.vote,
        command: input.command,
        question: cutAtWord(input.question, QUESTION_MAX),
        summary: cutAtWord(input.summary, SUMMARY_MAX),
        kbVersion: input.kbVersion,
      };
      await this.#append(scope, state, record);
      return { previous };
    });
  }

  recordNotFound(
    scope: string,
    input: { command: string; question: string; kbVersion: string },
  ): Promise<void> {
    return this.#serially(scope, (state) =>
      this.#append(scope, state, {
        type: 'notFound',
        at: this.#now().toISOString(),
        command: input.command,
        question: cutAtWord(input.question, QUESTION_MAX),
        kbVersion: input.kbVersion,
      }),
    );
  }

  /** Not-found questions and 👎 answers within the retention, most frequent first, then most recent. */
  gaps(scope: string): Promise<Gap[]> {
    return this.#serially(scope, async (state) => {
      const byQuestion = new Map<string, Gap>();
      for (const record of this.#current(state)) {
        if (record.type === 'vote' && record.vote !== 'down') continue;
        const key = normalizeQuestion(record.question);
        const gap = byQuestion.get(key) ?? {
          question: record.question,
          commands: [],
          notFound: 0,
          downVotes: 0,
          count: 0,
          lastSeen: record.at,
        };
        if (record.type === 'vote') gap.downVotes += 1;
        else gap.notFound += 1;
        gap.count += 1;
        if (!gap.commands.includes(record.command)) gap.commands.push(record.command);
        if (record.at >= gap.lastSeen) {
          gap.lastSeen = record.at;
          gap.question = record.question;
        }
        byQuestion.set(key, gap);
      }
      return [...byQuestion.values()].sort(
        (a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen),
      );
    });
  }

  /** Votes and not-found questions within the retention (for reports and tests). */
  records(scope: string): Promise<FeedbackRecord[]> {
    return this.#serially(scope, async (state) => this.#current(state));
  }

  /** Forgets everything recorded for the scope; returns how many records that was. */
  clear(scope: string): Promise<number> {
    return this.#serially(scope, async (state) => {
      const count = this.#current(state).length;
      state.records = [];
      await this.#rewrite(scope, state);
      return count;
    });
  }

  #current(state: ScopeState): FeedbackRecord[] {
    const cutoff = new Date(this.#now().getTime() - this.retentionDays * DAY_MS).toISOString();
    return state.records.filter((r) => r.at >= cutoff);
  }

  #file(scope: string): string {
    return path.join(this.dir, `${scope}.jsonl`);
  }

  /**
   * Runs `work` on the scope's records, one action at a time, after dropping from the file the records past
   * the retention (a failed write of that is tried again next time: they are hidden meanwhile). A write the
   * disk refuses is a StorageError naming FEEDBACK_DIR.
   */
  #serially<T>(scope: string, work: (state: ScopeState) => Promise<T>): Promise<T> {
    if (!FeedbackStore.isScope(scope)) return Promise.reject(new Error(`not a server id: "${scope}"`));
    const run = (this.#queues.get(scope) ?? Promise.resolve())
      .then(async () => {
        const state = await this.#state(scope);
        await this.#pruneExpired(scope, state).catch(() => undefined);
        return work(state);
      })
      .catch((error: unknown) => {
        throw storageError('the feedback folder (FEEDBACK_DIR)', error);
      });
    this.#queues.set(
      scope,
      run.catch(() => undefined),
    );
    return run;
  }

  #state(scope: string): Promise<ScopeState> {
    let state = this.#scopes.get(scope);
    if (!state) {
      state = this.#load(scope);
      // A failed read is tried again next time rather than remembered.
      state.catch(() => this.#scopes.delete(scope));
      this.#scopes.set(scope, state);
    }
    return state;
  }

  async #load(scope: string): Promise<ScopeState> {
    let text = '';
    try {
      text = await readFile(this.#file(scope), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const state: ScopeState = { records: [], stale: 0 };
    const votes = new Map<string, number>();
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const record = parseRecord(line);
      // A line cut short by a crash, or written by hand wrongly, is skipped, not fatal.
      if (!record) {
        state.stale += 1;
        continue;
      }
      if (record.type === 'vote') {
        const key = `${record.answer}\t${record.user}`;
        const earlier = votes.get(key);
        if (earlier !== undefined) {
          state.records[earlier] = record;
          state.stale += 1;
          continue;
        }
        votes.set(key, state.records.length);
      }
      state.records.push(record);
    }
    // Records past the retention stay until #pruneExpired drops them from the file too.
    await this.#compactIfStale(scope, state);
    return state;
  }

  async #append(scope: string, state: ScopeState, record: FeedbackRecord): Promise<void> {
    state.records.push(record);
    if (state.records.length > MAX_RECORDS_PER_SCOPE) {
      state.stale += state.records.length - MAX_RECORDS_PER_SCOPE;
      state.records.splice(0, state.records.length - MAX_RECORDS_PER_SCOPE);
    }
    await mkdir(this.dir, { recursive: true });
    // One write of one whole line: appends of a line are not interleaved with another writer's.
    await appendFile(this.#file(scope), `${JSON.stringify(record)}\n`, 'utf8');
    await this.#compactIfStale(scope, state);
  }

  /** Rewrites the file without the records past the retention, if it holds any. */
  async #pruneExpired(scope: string, state: ScopeState): Promise<void> {
    const kept = this.#current(state);
    if (kept.length === state.records.length) return;
    state.records = kept;
    await this.#rewrite(scope, state);
  }

  async #compactIfStale(scope: string, state: ScopeState): Promise<void> {
    if (state.stale >= COMPACT_AFTER_STALE_LINES) {
      state.records = this.#current(state);
      await this.#rewrite(scope, state);
    }
  }

  async #rewrite(scope: string, state: ScopeState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.#file(scope);
    const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, state.records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8');
    await rename(temporary, file);
    state.stale = 0;
  }

  /** HMAC of the server and user ids with this installation's salt: the same user gives the same hash. */
  async #userHash(scope: string, userId: string): Promise<string> {
    const salt = await this.#loadSalt();
    return createHmac('sha256', salt).update(`${scope}:${userId}`).digest('hex').slice(0, 32);
  }

  #loadSalt(): Promise<Buffer> {
    this.#salt ??= (async () => {
      const file = path.join(this.dir, SALT_FILE);
      try {
        return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      await mkdir(this.dir, { recursive: true });
      const salt = randomBytes(32);
      // 'wx': two processes starting at once keep the first salt written.
      await writeFile(file, salt.toString('hex'), { mode: 0o600, flag: 'wx' }).catch(async (error) => {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      });
      return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
    })();
    this.#salt.catch(() => {
      this.#salt = undefined;
    });
    return this.#salt;
  }
}

function parseRecord(line: string): FeedbackRecord | undefined {
  try {
    const value = JSON.parse(line) as Partial<Omit<VoteRecord, 'type'>> & { type?: string };
    const base =
      typeof value.at === 'string' &&
      typeof value.command === 'string' &&
      typeof value.question === 'string' &&
      typeof value.kbVersion === 'string';
    if (!base) return undefined;
    if (value.type === 'notFound') return value as unknown as NotFoundRecord;
    const vote =
      value.type === 'vote' &&
      (value.vote === 'up' || value.vote === 'down') &&
      typeof value.answer === 'string' &&
      typeof value.user === 'string' &&
      typeof value.summary === 'string';
    return vote ? (value as unknown as VoteRecord) : undefined;
  } catch {
    return undefined;
  }
}
