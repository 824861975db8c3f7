import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempKnowledge } from '../helpers.ts';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ASK = path.join(ROOT, 'src/cli/ask.ts');

function ask(...args: string[]) {
  const run = spawnSync(TSX, [ASK, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

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

  it('answers a batch file line by line, in order, keeping bad lines in place', () => {
    const dir = tempKnowledge({});
    const batch = path.join(dir, 'q.jsonl');
    writeFileSync(
      batch,
      [
        JSON.stringify({ command: 'who', query: 'Hegseth' }),
        'not json',
        JSON.stringify({ command: 'when', query: 'drone strike' }),
        JSON.stringify({ command: 'dance', query: 'x' }),
      ].join('\n'),
    );
    const r = ask('--batch', batch);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ command: 'who', found: true });
    expect(lines[1]).toMatchObject({ found: false });
    expect(lines[2]).toMatchObject({ command: 'when', found: true });
    expect(lines[3].summary).toMatch(/line 4/);
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
    ]) {
      const r = ask(...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/usage:/);
    }
  });

  it('exits 1 naming every file when the knowledge folder fails to load', () => {
    const dir = tempKnowledge({ 'a.md': '---\nauthor: X\n---\nText.', 'b.txt': '' });
    const r = ask('who', 'x', '--knowledge', dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/a\.md: front matter needs "title"/);
    expect(r.stderr).toMatch(/b\.txt: empty document/);
  });

  it('does not crash on hostile queries', () => {
    for (const q of ['🙂🙂🙂', '(((', 'x'.repeat(10_000), 'Зеленский']) {
      const r = ask('search', q);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Not found/);
    }
  });
});
