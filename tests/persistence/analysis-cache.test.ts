import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalysisCache } from '../../src/persistence/analysis-cache.ts';
import { BuildWorker, buildInWorker } from '../../src/persistence/build-worker.ts';
import { type PackedJson, packedSize } from '../../src/persistence/json-chunks.ts';
import { prepareSnapshot } from '../../src/persistence/snapshot.ts';

let dir: string;

const documents: Record<string, string> = {
  'harbour.md':
    '---\ntitle: Harbour\n---\n\nMayor Ilse Varrow said on Monday, "The harbour of Tolmere reopens in May."\n\nThe ferry resumed on 3 March 2025.\n',
  'mill.md':
    '---\ntitle: Mill\n---\n\nOtto Brenn, the mill\'s owner, told reporters the mill would close.\n\n"We had no choice," Brenn said.\n',
  'council.md': '---\ntitle: Council\n---\n\nThe council of Tolmere met on Tuesday. Varrow chaired it.\n',
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storybot-analyses-'));
  for (const [file, content] of Object.entries(documents)) await writeFile(join(dir, file), content);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytesOf = (packed: PackedJson) => Buffer.concat(packed.blocks);

/** The packed snapshot of `dir` as built: with the cache given, else analysing every document afresh. */
async function built(cache?: AnalysisCache): Promise<Buffer> {
  const prepared = await prepareSnapshot(dir, {
    cacheDir: null,
    keepKnowledgeBase: false,
    ...(cache ? { analyze: cache.forBuild(), afterBuild: cache.trim } : {}),
  });
  expect(packedSize(prepared.packed)).toBeGreaterThan(0);
  return bytesOf(prepared.packed);
}

describe('incremental builds (the build worker reusing analyses)', () => {
  it('re-analyses only the document added, replaced or removed, and builds the same bytes as a full build', async () => {
    const cache = new AnalysisCache();
    expect(await built(cache)).toEqual(await built());
    expect(cache.misses).toBe(3);

    await writeFile(
      join(dir, 'bridge.md'),
      '---\ntitle: Bridge\n---\n\nThe bridge at Olvast was closed, Brenn said.\n',
    );
    expect(await built(cache)).toEqual(await built());
    expect(cache.misses).toBe(4);

    await writeFile(
      join(dir, 'mill.md'),
      '---\ntitle: Mill\n---\n\n"The mill stays open," said Ilse Varrow.\n',
    );
    expect(await built(cache)).toEqual(await built());
    expect(cache.misses).toBe(5);

    await rm(join(dir, 'harbour.md'));
    expect(await built(cache)).toEqual(await built());
    expect(cache.misses).toBe(5);
  });

  it('keeps every analysis of a server larger than its bound: the next build re-analyses only the document added', async () => {
    const cache = new AnalysisCache(100);
    await built(cache);
    const first = cache.misses;
    expect(cache.chars).toBeGreaterThan(100);
    await writeFile(
      join(dir, 'lighthouse.md'),
      '---\ntitle: Lighthouse\n---\n\nThe lighthouse keeper, Edda Smaalvik, retired in June.\n',
    );
    try {
      expect(await built(cache)).toEqual(await built());
      expect(cache.misses).toBe(first + 1);
    } finally {
      await rm(join(dir, 'lighthouse.md'));
    }
  });

  it("drops an earlier build's analyses, least recently used first, when another build needs room", async () => {
    const other = await mkdtemp(join(tmpdir(), 'storybot-analyses-other-'));
    try {
      await writeFile(
        join(other, 'kiln.md'),
        '---\ntitle: Kiln\n---\n\nThe kiln of Brask cooled overnight.\n',
      );
      const cache = new AnalysisCache(1);
      await built(cache);
      const first = cache.misses;
      await prepareSnapshot(other, {
        cacheDir: null,
        keepKnowledgeBase: false,
        analyze: cache.forBuild(),
        afterBuild: cache.trim,
      });
      expect(cache.misses).toBe(first + 1);
      expect(await built(cache)).toEqual(await built());
      expect(cache.misses).toBe(2 * first + 1);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('through the kept build worker: a server build after an add is the full build, and answers from the new document', async () => {
    const worker = new BuildWorker();
    try {
      await worker.build(dir, { cacheDir: null });
      await writeFile(
        join(dir, 'quay.md'),
        '---\ntitle: Quay\n---\n\n"The quay is finished," said engineer Mara Quillon.\n',
      );
      const incremental = (await worker.build(dir, { cacheDir: null })).knowledgeBase;
      const full = (await buildInWorker(dir, { cacheDir: null })).knowledgeBase;
      expect(JSON.stringify(incremental.toSnapshot())).toBe(JSON.stringify(full.toSnapshot()));
      expect(incremental.answer('search', 'quay finished').results[0]?.citation.document).toBe('quay');
    } finally {
      await worker.close();
    }
  });
});
