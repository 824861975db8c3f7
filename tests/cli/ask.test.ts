import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INDEX_VERSION } from '../../src/knowledge/knowledge-base.ts';
import { knowledgeFiles, snapshotFile, snapshotKey } from '../../src/persistence/snapshot.ts';
import { ROOT, tempKnowledge } from '../helpers.ts';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ASK = path.join(ROOT, 'src/cli/ask.ts');
/** Snapshots go to a temporary folder, never into the repository's .cache. */
const SNAPSHOT_DIR = mkdtempSync(path.join(tmpdir(), 'storybot-ask-cache-'));

function askWith(options: { input?: string; env?: Record<string, string> }, ...args: string[]) {
  const run = spawnSync(TSX, [ASK, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    input: options.input,
    env: { ...process.env, SNAPSHOT_DIR, ...options.env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ask = (...args: string[]) => askWith({}, ...args);

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('the ask CLI', () => {
  it('answers in readable text from the bundled story', () => {
    const r = ask('who', 'Putin');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Vladimir Putin — Russian President/);
    expect(r.stdout).toMatch(/paragraph 1, sentence 1/);
  });

  it('prints the Answer JSON with --json and respects --limit', () => {
    const r = ask('search', 'drone', 'attack', '--json', '--limit', '2');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer).toMatchObject({ command: 'search', query: 'drone attack', found: true });
    expect(answer.results).toHaveLength(2);
  });

  it('answers a batch file line by line, one output line per input line, bad and blank lines as errors', () => {
    const dir = tempKnowledge({});
    const batch = path.join(dir, 'q.jsonl');
    writeFileSync(
      batch,
      [
        JSON.stringify({ command: 'who', query: 'Hegseth' }),
        'not json',
        '',
        JSON.stringify({ command: 'when', query: 'drone strike' }),
        JSON.stringify({ command: 'dance', query: 'x' }),
        JSON.stringify({ command: 'search', query: 'drone attack' }),
      ].join('\n'),
    );
    const r = ask('--batch', batch, '--limit', '1');
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatchObject({ command: 'who', found: true });
    expect(lines[1]).toEqual({ line: 2, error: expect.stringMatching(/^not JSON: expected/) });
    expect(lines[2]).toEqual({ line: 3, error: expect.stringMatching(/^empty line/) });
    expect(lines[3]).toMatchObject({ command: 'when', found: true });
    expect(lines[4]).toEqual({ line: 5, error: expect.stringMatching(/^unknown command "dance"/) });
    expect(lines[5]).toMatchObject({ command: 'search', found: true });
    for (const answer of [lines[0], lines[3], lines[5]]) expect(answer.results).toHaveLength(1);
  });

  it('runs as the storybot-ask bin, printing nothing but the JSON', () => {
    const bin = path.join(ROOT, 'bin/storybot-ask.js');
    const run = spawnSync(process.execPath, [bin, 'who', 'Putin', '--json', '--limit', '1'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, SNAPSHOT_DIR },
    });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ command: 'who', found: true });
  });

  it('reads a batch from standard input with --batch -', () => {
    const r = askWith({ input: `${JSON.stringify({ command: 'who', query: 'Putin' })}\n` }, '--batch', '-');
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout)).toEqual([expect.objectContaining({ command: 'who', found: true })]);
  });

  it('says why a batch file cannot be read', () => {
    const r = ask('--batch', '/nonexistent/questions.jsonl');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ask: cannot read batch file /nonexistent/questions.jsonl: no such file\n');
  });

  it('prints usage and exits 0 for --help and -h', () => {
    for (const flag of ['--help', '-h']) {
      const r = ask(flag);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^usage:/);
      expect(r.stderr).toBe('');
    }
  });

  it('ends quietly when the reader closes early', () => {
    const lines = Array.from({ length: 400 }, () => JSON.stringify({ command: 'search', query: 'Putin' }));
    const batch = path.join(tempKnowledge({}), 'many.jsonl');
    writeFileSync(batch, lines.join('\n'));
    const run = spawnSync(
      'bash',
      ['-c', `set -o pipefail; "${TSX}" "${ASK}" --batch "${batch}" | head -1 >/dev/null`],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, SNAPSHOT_DIR },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('reads and writes the snapshots the bot uses (SNAPSHOT_DIR)', async () => {
    const dir = tempKnowledge({ 'note.txt': 'The ferry left the harbour on Monday.' });
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'storybot-ask-snapshots-'));
    const key = snapshotKey(await knowledgeFiles(dir), INDEX_VERSION);
    const r = askWith({ env: { SNAPSHOT_DIR: cacheDir } }, 'when', 'ferry left', '--knowledge', dir);
    expect(r.code).toBe(0);
    expect(existsSync(snapshotFile(cacheDir, dir, key))).toBe(true);
    const again = askWith({ env: { SNAPSHOT_DIR: cacheDir } }, 'when', 'ferry left', '--knowledge', dir);
    expect(again.stdout).toBe(r.stdout);
  });

  it('loads another folder with --knowledge', () => {
    const dir = tempKnowledge({
      'moon.txt':
        'Apollo 11 landed on the Moon on July 20, 1969.\n\nNeil Armstrong said: "That\'s one small step."',
    });
    const r = ask('when', 'Apollo 11 landed on the Moon', '--knowledge', dir, '--json');
    expect(r.code).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(answer.results[0].highlight).toBe('July 20, 1969');
    expect(answer.results[0].date).toBe('1969-07-20');
    expect(answer.results[0].citation).toMatchObject({ document: 'moon', title: 'Moon', paragraph: 1 });
  });

  it('exits 2 with usage on bad arguments', () => {
    for (const args of [
      [],
      ['dance', 'x'],
      ['who', 'x', '--limit', 'zero'],
      ['who', '--knowledge'],
      ['--batch'],
      ['who'],
      ['who', '  '],
    ]) {
      const r = ask(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage:/);
    }
    // Seven runs of the program: more than the default 30 s on a loaded machine.
  }, 120_000);

  it('exits 1 naming every bad file, unless --skip-bad answers from the good ones', () => {
    const dir = tempKnowledge({
      'a.md': '---\nauthor: X\n---\nText.',
      'b.txt': '',
      'good.txt': 'The ferry left the harbour on Monday.',
    });
    const r = ask('who', 'x', '--knowledge', dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/use --skip-bad/);
    expect(r.stderr).toMatch(/a\.md: front matter needs "title"/);
    expect(r.stderr).toMatch(/b\.txt: empty document/);
    const skipping = ask('when', 'ferry left', '--knowledge', dir, '--skip-bad', '--json');
    expect(skipping.code).toBe(0);
    expect(JSON.parse(skipping.stdout)).toMatchObject({ found: true });
    expect(skipping.stderr).toMatch(/these files are left out:\n {2}a\.md: .*\n {2}b\.txt: /);
  });

  it('exits 1 for a missing folder or one without documents', () => {
    expect(ask('who', 'x', '--knowledge', '/nonexistent/storybot').stderr).toMatch(/folder does not exist/);
    const empty = ask('who', 'x', '--knowledge', tempKnowledge({}));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/has no \.md or \.txt documents/);
  });

  it('does not crash on hostile queries', () => {
    for (const q of ['🙂🙂🙂', '(((', 'x'.repeat(10_000), 'Зеленский']) {
      const r = ask('search', q);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Not found/);
    }
  });
});
