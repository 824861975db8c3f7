import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { codeFiles, codeVersion, SNAPSHOT_FORMAT } from '../../src/index/code-version.ts';
import { INDEX_VERSION } from '../../src/knowledge/knowledge-base.ts';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('codeVersion', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function tree(): Promise<string> {
    dir = mkdtempSync(path.join(tmpdir(), 'code-version-'));
    await mkdir(path.join(dir, 'src', 'lib'), { recursive: true });
    const write = (file: string, text: string) => writeFileSync(path.join(dir, 'src', file), text);
    write(
      'entry.ts',
      "import { b } from './b.ts';\nimport type { C } from './lib/c.ts';\nimport MiniSearch from 'minisearch';\nimport { readFileSync } from 'node:fs';\n",
    );
    write('b.ts', "export const b = 1;\nconst DATA = new URL('./lib/data.txt', import.meta.url);\n");
    write('lib/c.ts', 'export type C = number;\n');
    write('lib/data.txt', 'words\n');
    write('unreached.ts', 'export const u = 1;\n');
    return path.join(dir, 'src', 'entry.ts');
  }

  it('follows relative imports, type imports and data files, and lists packages', async () => {
    const entry = await tree();
    const { files, packages } = codeFiles(entry);
    expect(files.map((f) => path.relative(path.join(dir, 'src'), f))).toEqual([
      'b.ts',
      'entry.ts',
      path.join('lib', 'c.ts'),
      path.join('lib', 'data.txt'),
    ]);
    expect(packages).toEqual(['minisearch']);
  });

  it('changes with any reached file and the format, not with other files', async () => {
    const entry = await tree();
    const before = codeVersion(entry, 1);
    expect(codeVersion(entry, 1)).toBe(before);
    writeFileSync(path.join(dir, 'src', 'unreached.ts'), 'export const u = 2;\n');
    expect(codeVersion(entry, 1)).toBe(before);
    expect(codeVersion(entry, 2)).not.toBe(before);
    for (const file of ['b.ts', 'lib/c.ts', 'lib/data.txt']) {
      const full = path.join(dir, 'src', file);
      writeFileSync(full, `${file} changed\n`);
      expect(codeVersion(entry, 1), file).not.toBe(before);
    }
  });
});

describe('INDEX_VERSION', () => {
  const builder = path.join(SRC, 'index', 'kb-data.ts');

  it('is the hash of the code that builds the data', () => {
    expect(INDEX_VERSION).toBe(codeVersion(builder, SNAPSHOT_FORMAT));
  });

  it('covers every extraction module, the sentence splitter and the data builder', () => {
    const { files } = codeFiles(builder);
    const extraction = readdirSync(path.join(SRC, 'engine', 'extract')).map((f) =>
      path.join(SRC, 'engine', 'extract', f),
    );
    expect(files).toEqual(
      expect.arrayContaining([
        ...extraction,
        path.join(SRC, 'engine', 'text', 'sentences.ts'),
        path.join(SRC, 'engine', 'text', 'terms.ts'),
        builder,
      ]),
    );
  });
});
