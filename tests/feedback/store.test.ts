/** The feedback store: one vote per answer and user, gaps, retention, per-server files, hashed users. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FeedbackStore, type VoteInput } from '../../src/feedback/store.ts';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const USER = '200000000000000001';

let dir: string;
let clock: Date;
const store = (retentionDays = 90) => new FeedbackStore({ dir, retentionDays, now: () => clock });

const vote = (answer: string, choice: 'up' | 'down', userId = USER): VoteInput => ({
  answer,
  userId,
  vote: choice,
  command: 'search',
  question: `question about ${answer}`,
  summary: 'A summary.',
  kbVersion: 'abc123abc123',
});

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-feedback-test-'));
  clock = new Date('2026-01-10T12:00:00Z');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('FeedbackStore', () => {
  it('keeps one vote per answer and user: a second press changes it, the same press changes nothing', async () => {
    const feedback = store();
    expect(await feedback.recordVote(GUILD, vote('m1', 'up'))).toEqual({ previous: undefined });
    expect(await feedback.recordVote(GUILD, vote('m1', 'down'))).toEqual({ previous: 'up' });
    expect(await feedback.recordVote(GUILD, vote('m1', 'down'))).toEqual({ previous: 'down' });
    await feedback.recordVote(GUILD, vote('m1', 'down', '200000000000000002'));
    const records = await feedback.records(GUILD);
    expect(records.map((r) => (r.type === 'vote' ? r.vote : r.type))).toEqual(['down', 'down']);
    // Read back from the file by a new store (a restart): still one vote per user.
    expect((await store().gaps(GUILD))[0]).toMatchObject({ downVotes: 2, count: 2 });
  });

  it('stores users only as a salted hash, never their id', async () => {
    await store().recordVote(GUILD, vote('m1', 'up'));
    const text = await readFile(path.join(dir, `${GUILD}.jsonl`), 'utf8');
    expect(text).not.toContain(USER);
    const [record] = await store().records(GUILD);
    expect(record).toMatchObject({ type: 'vote', user: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('keeps each server in its own file and never mixes them', async () => {
    const feedback = store();
    await feedback.recordNotFound(GUILD, { command: 'who', question: 'Ann Lee', kbVersion: 'v' });
    await feedback.recordNotFound(OTHER_GUILD, { command: 'who', question: 'Bo Chen', kbVersion: 'v' });
    expect((await feedback.gaps(GUILD)).map((g) => g.question)).toEqual(['Ann Lee']);
    expect((await feedback.gaps(OTHER_GUILD)).map((g) => g.question)).toEqual(['Bo Chen']);
    const files = (await readdir(dir)).filter((name) => name.endsWith('.jsonl'));
    expect(files.sort()).toEqual([`${GUILD}.jsonl`, `${OTHER_GUILD}.jsonl`].sort());
  });

  it('refuses a scope that is not a server id (no path can be named)', async () => {
    await expect(store().gaps('../etc')).rejects.toThrow('not a server id');
    await expect(
      store().recordNotFound('dm', { command: 'who', question: 'x', kbVersion: 'v' }),
    ).rejects.toThrow();
  });

  it('lists gaps most frequent first, grouping questions that differ in case and spacing', async () => {
    const feedback = store();
    const later = () => {
      clock = new Date(clock.getTime() + 60_000);
    };
    for (const question of ['Ann Lee', 'ann  lee', 'Bo Chen']) {
      await feedback.recordNotFound(GUILD, { command: 'who', question, kbVersion: 'v' });
      later();
    }
    // Equal counts: the most recent first.
    await feedback.recordVote(GUILD, vote('m1', 'down'));
    await feedback.recordVote(GUILD, vote('m2', 'up'));
    const gaps = await feedback.gaps(GUILD);
    expect(gaps.map((g) => [g.question, g.count])).toEqual([
      ['ann  lee', 2],
      ['question about m1', 1],
      ['Bo Chen', 1],
    ]);
  });

  it('forgets records older than the retention, and everything on clear', async () => {
    const feedback = store(30);
    await feedback.recordNotFound(GUILD, { command: 'who', question: 'old', kbVersion: 'v' });
    clock = new Date('2026-02-20T12:00:00Z');
    await feedback.recordNotFound(GUILD, { command: 'who', question: 'new', kbVersion: 'v' });
    expect((await feedback.gaps(GUILD)).map((g) => g.question)).toEqual(['new']);
    expect(await feedback.clear(GUILD)).toBe(1);
    expect(await feedback.gaps(GUILD)).toEqual([]);
    expect(await store(30).gaps(GUILD)).toEqual([]);
  });

  it('skips a line cut short by a crash and keeps the rest', async () => {
    await store().recordNotFound(GUILD, { command: 'who', question: 'Ann Lee', kbVersion: 'v' });
    const file = path.join(dir, `${GUILD}.jsonl`);
    await writeFile(file, `${await readFile(file, 'utf8')}{"type":"notFound","at":"2026-01-1`);
    expect((await store().gaps(GUILD)).map((g) => g.question)).toEqual(['Ann Lee']);
  });
});

describe('what the disk holds', () => {
  it('prunes records past FEEDBACK_RETENTION_DAYS from the file, not only from what is shown', async () => {
    const feedback = store(30);
    await feedback.recordVote(GUILD, vote('old', 'down'));
    clock = new Date('2026-01-25T12:00:00Z');
    await feedback.recordVote(GUILD, vote('recent', 'down'));
    clock = new Date('2026-02-15T12:00:00Z');
    expect((await feedback.gaps(GUILD)).map((gap) => gap.question)).toEqual(['question about recent']);
    const file = await readFile(path.join(dir, `${GUILD}.jsonl`), 'utf8');
    expect(file).toContain('question about recent');
    expect(file).not.toContain('question about old');
    // A store opened on the file later finds nothing expired either.
    clock = new Date('2026-03-01T12:00:00Z');
    await store(30).gaps(GUILD);
    expect(await readFile(path.join(dir, `${GUILD}.jsonl`), 'utf8')).toBe('');
  });

  it('says why when FEEDBACK_DIR cannot be written (a file where the folder goes)', async () => {
    const file = path.join(dir, 'feedback');
    await writeFile(file, 'not a folder');
    const feedback = new FeedbackStore({ dir: file, retentionDays: 90, now: () => clock });
    await expect(feedback.recordVote(GUILD, vote('m1', 'up'))).rejects.toThrow(
      /^cannot write the feedback folder \(FEEDBACK_DIR\): a file is where a folder should be$/,
    );
  });
});
