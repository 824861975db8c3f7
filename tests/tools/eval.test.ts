import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempKnowledge } from '../helpers.ts';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function evaluate(...args: string[]) {
  const run = spawnSync(TSX, [path.join(ROOT, 'tools/eval.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stderr: run.stderr };
}

describe('npm run eval -- --squad DIR', () => {
  it('says the folder is missing, or what it lacks, before evaluating anything', () => {
    const missing = evaluate('--squad', '/nonexistent/squad');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^eval: the folder \/nonexistent\/squad does not exist\nusage:/);
    const empty = tempKnowledge({});
    const lacking = evaluate('--squad', empty);
    expect(lacking.code).toBe(2);
    expect(lacking.stderr).toContain(`eval: the folder ${empty} has no squad-dev.json`);
  });
});
