/**
 * The compiled code (dist/, built by `npm ci`'s prepare step, as `npm start` and the other scripts run it) does
 * what the TypeScript does: its build worker starts by path from dist/, its data files are found there, and the
 * snapshot key hashes the compiled modules.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';

const DIST = path.join(ROOT, 'dist/src');

interface CompiledBuildWorker {
  buildInWorker(dir: string): Promise<{ knowledgeBase: { stats: { passages: number; people: number } } }>;
}
interface CompiledCodeVersion {
  INDEX_CODE_VERSION: string;
  codeFiles(entry: string): { files: string[] };
}

describe('the compiled code in dist/', () => {
  it('builds a knowledge base on a worker thread started from dist/', async () => {
    const { buildInWorker } = (await import(
      path.join(DIST, 'persistence/build-worker.js')
    )) as CompiledBuildWorker;
    const { knowledgeBase } = await buildInWorker(path.join(ROOT, 'knowledge'));
    expect(knowledgeBase.stats.passages).toBeGreaterThan(0);
    expect(knowledgeBase.stats.people).toBeGreaterThan(0);
  });

  it('has the data files beside the modules that read them', () => {
    expect(existsSync(path.join(DIST, 'engine/text/derivations.txt'))).toBe(true);
  });

  it('keys snapshots by the compiled modules it runs', async () => {
    const { INDEX_CODE_VERSION, codeFiles } = (await import(
      path.join(DIST, 'index/code-version.js')
    )) as CompiledCodeVersion;
    const { files } = codeFiles(path.join(DIST, 'index/kb-data.js'));
    expect(files.length).toBeGreaterThan(10);
    // Compiled modules and the data files they read beside themselves (person-nouns.txt …), never TypeScript.
    expect(files.every((file) => file.startsWith(DIST) && !file.endsWith('.ts'))).toBe(true);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(INDEX_CODE_VERSION).toMatch(/^[0-9a-f]{16}$/);
  });
});
