import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/knowledge/document.ts';
import { INDEX_VERSION, KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { packJson, unpackJson } from '../../src/persistence/json-chunks.ts';
import {
  knowledgeBaseFromPacked,
  knowledgeFiles,
  loadKnowledgeBase,
  prepareSnapshot,
  snapshotFile,
  snapshotKey,
  writeSnapshot,
} from '../../src/persistence/snapshot.ts';

let root: string;
let knowledgeDir: string;
let cacheDir: string;
let warnings: string[];
const warn = (message: string) => warnings.push(message);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'storybot-snapshots-'));
  knowledgeDir = join(root, 'knowledge');
  cacheDir = join(root, 'cache');
  await cp('knowledge', knowledgeDir, { recursive: true });
  await writeFile(
    join(knowledgeDir, 'harbor.md'),
    '---\ntitle: Harbor plan\npublished: 2024-03-01\n---\n\nMayor Mary Collins said on Monday, "The harbor plan is sound."\n',
  );
  warnings = [];
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const load = () => loadKnowledgeBase(knowledgeDir, { cacheDir, warn });

function sameAnswers(a: KnowledgeBase, b: KnowledgeBase) {
  expect(b.version).toBe(a.version);
  expect(b.stats).toEqual(a.stats);
  for (const [command, query] of [
    ['who', 'Hegseth'],
    ['when', 'drone attack'],
    ['quote', 'Zelenskyy'],
    ['quote', 'the harbor plan is sound'],
    ['search', 'harbor plan'],
  ] as const) {
    expect(b.answer(command, query)).toEqual(a.answer(command, query));
  }
  expect(b.answer('quote', 'the harbor plan is sound').results[0]?.speaker).toBe('Mary Collins');
  expect(b.completeNames('ze')).toEqual(a.completeNames('ze'));
  expect(b.completeSpeakers('')).toEqual(a.completeSpeakers(''));
}

describe('knowledge files', () => {
  it('are the files the loader reads, with the same hashes, leaving out dot-files and the trash', async () => {
    await writeFile(join(knowledgeDir, '.notes.md'), 'hidden');
    await cp(join(knowledgeDir, 'harbor.md'), join(knowledgeDir, '.trash-harbor.md'));
    const files = await knowledgeFiles(knowledgeDir);
    const documents = await loadDocuments(knowledgeDir);
    expect(files.map((f) => [f.file, f.hash]).sort()).toEqual(documents.map((d) => [d.file, d.hash]).sort());
  });
});

describe('knowledge base snapshots', () => {
  it('are saved on the first load and used on the next, with the same answers', async () => {
    const first = await load();
    expect(first.source).toBe('build');
    expect(await readdir(cacheDir)).toHaveLength(1);
    const second = await load();
    expect(second.source).toBe('snapshot');
    sameAnswers(first.knowledgeBase, second.knowledgeBase);
    sameAnswers(await KnowledgeBase.load(knowledgeDir), second.knowledgeBase);
    expect(warnings).toEqual([]);
  });

  it('can be built without keeping the knowledge base, packing the same snapshot', async () => {
    const kept = await prepareSnapshot(knowledgeDir, { cacheDir: null });
    const packedOnly = await prepareSnapshot(knowledgeDir, { cacheDir: null, keepKnowledgeBase: false });
    expect(kept.knowledgeBase).toBeDefined();
    expect(packedOnly.knowledgeBase).toBeUndefined();
    expect(await unpackJson(packedOnly.packed)).toEqual(await unpackJson(kept.packed));
    sameAnswers(kept.knowledgeBase as KnowledgeBase, await knowledgeBaseFromPacked(packedOnly.packed));
  });

  it('are rebuilt when a document changes (stale), replacing the old file', async () => {
    await load();
    await writeFile(
      join(knowledgeDir, 'harbor.md'),
      '---\ntitle: Harbor plan\n---\n\nThe harbor plan was dropped.\n',
    );
    const changed = await load();
    expect(changed.source).toBe('build');
    expect(changed.knowledgeBase.answer('search', 'harbor dropped').found).toBe(true);
    expect(await readdir(cacheDir)).toHaveLength(1);
    expect((await load()).source).toBe('snapshot');
    expect(warnings).toEqual([]);
  });

  it('are rebuilt with a warning when truncated, and saved again', async () => {
    await load();
    const [name] = await readdir(cacheDir);
    const file = join(cacheDir, name as string);
    await truncate(file, Math.floor((await readFile(file)).length / 2));
    const rebuilt = await load();
    expect(rebuilt.source).toBe('build');
    expect(rebuilt.knowledgeBase.stats.documents).toBe(2);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/damaged/);
    expect((await load()).source).toBe('snapshot');
  });

  it('are rebuilt with a warning when intact but not a knowledge base', async () => {
    const key = snapshotKey(await knowledgeFiles(knowledgeDir), INDEX_VERSION);
    await writeSnapshot(
      cacheDir,
      knowledgeDir,
      key,
      packJson({ indexVersion: INDEX_VERSION, index: 'nonsense' }),
    );
    const rebuilt = await load();
    expect(rebuilt.source).toBe('build');
    expect(rebuilt.knowledgeBase.answer('who', 'Hegseth').found).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/does not load/);
    expect((await load()).source).toBe('snapshot');
  });

  it('live in the cache folder, outside the knowledge folder, and can be turned off', async () => {
    await load();
    expect((await readdir(knowledgeDir)).sort()).toEqual(['harbor.md', 'trump-putin-call.md']);
    const key = snapshotKey(await knowledgeFiles(knowledgeDir), INDEX_VERSION);
    expect(snapshotFile(cacheDir, knowledgeDir, key).startsWith(cacheDir)).toBe(true);
    await rm(cacheDir, { recursive: true });
    expect((await loadKnowledgeBase(knowledgeDir, { cacheDir: null, warn })).source).toBe('build');
    await expect(readdir(cacheDir)).rejects.toThrow();
  });

  it('are kept when the cache folder is written with a trailing slash or "./"', async () => {
    for (const dir of [`${cacheDir}/`, `${cacheDir}/./`]) {
      await rm(cacheDir, { recursive: true, force: true });
      expect((await loadKnowledgeBase(knowledgeDir, { cacheDir: dir, warn })).source).toBe('build');
      expect(await readdir(cacheDir)).toHaveLength(1);
      expect((await loadKnowledgeBase(knowledgeDir, { cacheDir: dir, warn })).source).toBe('snapshot');
    }
    expect(warnings).toEqual([]);
  });

  it('that cannot be saved only cause a warning', async () => {
    await writeFile(cacheDir, 'a file where the cache folder should be');
    const loaded = await load();
    expect(loaded.source).toBe('build');
    expect(loaded.knowledgeBase.stats.documents).toBe(2);
    expect(warnings.some((w) => /could not be saved/.test(w))).toBe(true);
  });
});
