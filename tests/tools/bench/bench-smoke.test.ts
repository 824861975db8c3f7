import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let out: string;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'storybot-bench-smoke-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('npm run bench (1k smoke run)', () => {
  it('measures storybot and raw MiniSearch on about 1,000 passages and writes the results', async () => {
    const file = join(out, 'results.json');
    const { stdout } = await run(
      'npx',
      [
        'tsx',
        'tools/bench/bench.ts',
        '--size',
        '1k',
        '--queries',
        '30',
        '--raw-queries',
        '10',
        '--out',
        file,
        '--cpu-time',
      ],
      { timeout: 90_000 },
    );
    expect(stdout).toMatch(/who p50 \/ p99/);
    expect(stdout).toMatch(/answers during reload/);
    expect(stdout).toMatch(/who CPU p50 \/ p99/);
    expect(stdout).toMatch(/first queries p99/);
    const report = JSON.parse(await readFile(file, 'utf8'));
    expect(report.machine.cpus).toBeGreaterThan(0);
    const [result] = report.results;
    expect(result.label).toBe('1k');
    expect(result.passages).toBeGreaterThanOrEqual(1000);
    expect(result.passages).toBeLessThan(1100);
    expect(result.build.totalMs).toBeGreaterThan(0);
    expect(result.snapshot.sizeMB).toBeGreaterThan(0);
    expect(result.snapshot.warmStartMs).toBeGreaterThan(0);
    expect(result.reload.during.n).toBeGreaterThan(0);
    for (const workload of ['who', 'when', 'quote', 'search', 'autocomplete']) {
      expect(result.latency[workload].n).toBe(30);
      expect(result.latency[workload].p99).toBeGreaterThanOrEqual(result.latency[workload].p50);
      expect(result.raw.latency[workload].n).toBe(10);
      expect(result.latency[workload].cpu.n).toBe(30);
      expect(result.latency[workload].cpu.p99).toBeGreaterThan(0);
      // the first queries after the build and the steady ones are separate sets, both timed
      expect(result.latencyFirst[workload].n).toBe(30);
      expect(result.latencyFirst[workload].p99).toBeGreaterThan(0);
    }
    expect(result.latency.who.found).toBeGreaterThan(0);
  }, 120_000);

  it('refuses a bad option with the usage', async () => {
    const error = await run('npx', ['tsx', 'tools/bench/bench.ts', '--size', 'lots']).catch(
      (e: unknown) => e,
    );
    expect((error as { code: number }).code).toBe(2);
    expect((error as { stderr: string }).stderr).toMatch(/usage: npm run bench/);
  });
});
