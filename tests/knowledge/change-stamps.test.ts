/**
 * Change stamps between processes sharing a folder (two services standing for two processes): a change made by
 * one is followed by the other before it answers; a process whose reload read a later change publishes its own
 * version, and the first follows it; a reload that fails is not retried in a loop.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangeStamps, STAMP_FILE } from '../../src/knowledge/change-stamps.ts';
import { GuildKnowledge } from '../../src/knowledge/guild-knowledge.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { tempKnowledge } from '../helpers.ts';

const doc = (name: string, role: string) =>
  `---\ntitle: ${name}\n---\n\n${name}, the ${role} of Quillby, spoke.\n`;

async function process(dir: string) {
  const knowledge = await KnowledgeService.open(dir);
  const guilds = new GuildKnowledge(knowledge, { dataDir: path.join(dir, '.guilds') });
  const reloads: string[] = [];
  const stamps = new ChangeStamps(guilds, {
    checkMs: 0,
    onReload: (_folder, outcome) => reloads.push(outcome.status),
  });
  return { knowledge, stamps, reloads };
}

const stampOf = async (dir: string) => (await readFile(path.join(dir, STAMP_FILE), 'utf8')).trim();

describe('change stamps', () => {
  it("follow another process's change before answering, once", async () => {
    const dir = tempKnowledge({ 'a.md': doc('Ada Finch', 'miller') });
    const [one, other] = [await process(dir), await process(dir)];
    await one.stamps.before(null);
    await other.stamps.before(null);
    await one.knowledge.add('b.md', new TextEncoder().encode(doc('Bram Oster', 'ferryman')), { by: 'test' });
    await one.stamps.after(null);
    expect(await stampOf(dir)).toBe(one.knowledge.current.version);
    await other.stamps.before(null);
    expect(other.knowledge.current.version).toBe(one.knowledge.current.version);
    expect(other.knowledge.current.answer('who', 'Bram Oster').found).toBe(true);
    await other.stamps.before(null);
    expect(other.reloads).toEqual(['reloaded']);
    expect(one.reloads).toEqual([]);
  });

  it('publish the newer version when a reload read a later change than the stamp names', async () => {
    const dir = tempKnowledge({ 'a.md': doc('Ada Finch', 'miller') });
    const [one, other] = [await process(dir), await process(dir)];
    await one.knowledge.add('b.md', new TextEncoder().encode(doc('Bram Oster', 'ferryman')), { by: 'test' });
    await one.stamps.changed(null);
    // A third change lands on disk before the other process follows the stamp.
    await writeFile(path.join(dir, 'c.md'), doc('Cleo Varn', 'glazier'));
    await other.stamps.before(null);
    expect(await stampOf(dir)).toBe(other.knowledge.current.version);
    await one.stamps.before(null);
    expect(one.knowledge.current.version).toBe(other.knowledge.current.version);
    expect(one.knowledge.current.answer('who', 'Cleo Varn').found).toBe(true);
  });

  it('do nothing without a stamp, and follow a stamp only once even when the reload fails', async () => {
    const dir = tempKnowledge({ 'a.md': doc('Ada Finch', 'miller') });
    const alone = await process(dir);
    await alone.stamps.before(null);
    expect(alone.reloads).toEqual([]);
    await writeFile(path.join(dir, STAMP_FILE), 'someone-elses-version\n');
    await alone.stamps.before(null);
    await alone.stamps.before(null);
    // The folder reads as before, so the reload gives the same version; the stamp is not followed again.
    expect(alone.reloads).toEqual(['reloaded']);
  });
});
