import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KnowledgeLoadError } from '../../src/knowledge/document.ts';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { buildInWorker, workerBuild } from '../../src/persistence/build-worker.ts';

let root: string;
let knowledgeDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'storybot-worker-'));
  knowledgeDir = join(root, 'knowledge');
  await cp('knowledge', knowledgeDir, { recursive: true });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('building on a worker thread', () => {
  it('gives the same knowledge base as building on the main thread, which keeps running meanwhile', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const built = await buildInWorker(knowledgeDir, { cacheDir: join(root, 'cache') });
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
    expect(built.source).toBe('build');
    const local = await KnowledgeBase.load(knowledgeDir);
    expect(built.knowledgeBase.version).toBe(local.version);
    expect(built.knowledgeBase.answer('who', 'Hegseth')).toEqual(local.answer('who', 'Hegseth'));
    expect(built.knowledgeBase.completeNames('pu')).toEqual(local.completeNames('pu'));
    const again = await buildInWorker(knowledgeDir, { cacheDir: join(root, 'cache') });
    expect(again.source).toBe('snapshot');
    expect(again.knowledgeBase.answer('quote', 'Zelenskyy')).toEqual(local.answer('quote', 'Zelenskyy'));
  });

  it('leaves a bad file out, naming it, also when read back from the snapshot', async () => {
    const bad = join(root, 'bad');
    await cp(knowledgeDir, bad, { recursive: true });
    await writeFile(join(bad, 'empty.md'), '---\ntitle: Empty\n---\n\n');
    for (const source of ['build', 'snapshot']) {
      const built = await buildInWorker(bad, { cacheDir: join(root, 'bad-cache') });
      expect(built.source).toBe(source);
      expect(built.knowledgeBase.documents.map((d) => d.id)).toEqual(['trump-putin-call']);
      expect(built.knowledgeBase.skipped).toEqual([
        { file: 'empty.md', problem: 'empty document: no text paragraphs' },
      ]);
    }
  });

  it('rejects with the loader error when the folder is missing', async () => {
    const error = await buildInWorker(join(root, 'missing'), { cacheDir: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KnowledgeLoadError);
    expect((error as KnowledgeLoadError).problems[0]?.problem).toBe('folder does not exist');
  });

  it('is the build step of the knowledge service: reloads report their diff and the files they left out', async () => {
    const dir = join(root, 'service');
    await cp(knowledgeDir, dir, { recursive: true });
    const service = await KnowledgeService.open(dir, {
      build: workerBuild({ cacheDir: join(root, 'cache') }),
    });
    const before = service.current;
    await writeFile(join(dir, 'harbor.md'), '---\ntitle: Harbor\n---\n\nThe harbor plan was approved.\n');
    const reloaded = await service.reload('tester');
    expect(reloaded.status).toBe('reloaded');
    if (reloaded.status === 'reloaded') expect(reloaded.diff.added.map((d) => d.id)).toEqual(['harbor']);
    expect(service.current.answer('search', 'harbor plan approved').found).toBe(true);
    await writeFile(join(dir, 'broken.md'), '---\ntitle: Empty\n---\n\n');
    const withBroken = await service.reload('tester');
    if (withBroken.status !== 'reloaded') throw new Error(`expected a reload, got ${withBroken.status}`);
    expect(withBroken.diff.skipped.map((p) => p.file)).toEqual(['broken.md']);
    expect(service.current).not.toBe(before);
    expect(service.current.documents.map((d) => d.id).sort()).toEqual(['harbor', 'trump-putin-call']);
  });
});
