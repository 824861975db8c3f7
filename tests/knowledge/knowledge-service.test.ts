import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';

const doc = (title: string, ...paragraphs: string[]) =>
  `---\ntitle: "${title}"\n---\n\n${paragraphs.join('\n\n')}\n`;
const ALPHA = doc(
  'Alpha',
  'Mayor Ruth Ames opened the new library on Monday.',
  'Ames said, "Books are for everyone."',
);
const BETA = doc('Beta', 'The river flooded the lower town on Friday.');

const BY = { by: 'tester (1)' };

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'storybot-service-'));
  await writeFile(path.join(dir, 'alpha.md'), ALPHA);
  await writeFile(path.join(dir, 'beta.md'), BETA);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A build that waits for `release()`, to hold a reload in progress. */
function gatedBuild() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let calls = 0;
  let gated = false;
  return {
    build: async (folder: string) => {
      calls += 1;
      if (gated) await gate;
      return KnowledgeBase.load(folder);
    },
    hold: () => {
      gated = true;
    },
    release: () => release(),
    calls: () => calls,
  };
}

describe('KnowledgeService', () => {
  it('opens the folder and records the start-up load', async () => {
    const service = await KnowledgeService.open(dir);
    expect(service.current.documents.map((d) => d.id)).toEqual(['alpha', 'beta']);
    expect(service.lastReload).toMatchObject({ by: 'start-up', status: 'reloaded' });
  });

  it('reloads with a diff by id and hash: added, changed, removed, passages before and after', async () => {
    const service = await KnowledgeService.open(dir);
    const before = service.current;
    const oldAlpha = before.documents.find((d) => d.id === 'alpha')?.hash;
    await writeFile(path.join(dir, 'alpha.md'), ALPHA.replace('Monday', 'Tuesday'));
    await rm(path.join(dir, 'beta.md'));
    await writeFile(path.join(dir, 'gamma.txt'), 'A plain text note.\n\nWith two paragraphs.\n');
    const outcome = await service.reload('Mod (1)');
    if (outcome.status !== 'reloaded') throw new Error(`expected a reload, got ${outcome.status}`);
    const after = service.current;
    const hash = (id: string) => after.documents.find((d) => d.id === id)?.hash;
    expect(outcome.diff).toMatchObject({
      added: [{ id: 'gamma', hash: hash('gamma') }],
      changed: [{ id: 'alpha', hash: hash('alpha'), previousHash: oldAlpha }],
      removed: [{ id: 'beta', hash: before.documents.find((d) => d.id === 'beta')?.hash }],
      documentsBefore: 2,
      documentsAfter: 2,
      passagesBefore: 3,
      passagesAfter: 4,
      versionBefore: before.version,
      versionAfter: after.version,
    });
    expect(outcome.diff.durationMs).toBeGreaterThanOrEqual(0);
    expect(service.lastReload).toMatchObject({ by: 'Mod (1)', status: 'reloaded' });
  });

  it('leaves bad files out of a reload, reporting every file and problem', async () => {
    const service = await KnowledgeService.open(dir);
    await writeFile(path.join(dir, 'bad.md'), '---\ntitle: x\nauthor:\n---\n\nText.\n');
    await writeFile(path.join(dir, 'image.png'), Buffer.from([0x89, 0x50]));
    const outcome = await service.reload('Mod');
    if (outcome.status !== 'reloaded') throw new Error(`expected a reload, got ${outcome.status}`);
    expect(outcome.diff.skipped.map((p) => p.file).sort()).toEqual(['bad.md', 'image.png']);
    expect(service.current.documents.map((d) => d.id)).toEqual(['alpha', 'beta']);
    expect(service.current.skipped.map((p) => p.file).sort()).toEqual(['bad.md', 'image.png']);
  });

  it('keeps the old knowledge base when the folder cannot be read, naming no server path', async () => {
    const service = await KnowledgeService.open(dir);
    const serving = service.current;
    await rm(dir, { recursive: true });
    const outcome = await service.reload('Mod');
    expect(outcome).toMatchObject({
      status: 'failed',
      problems: [{ file: 'the knowledge folder', problem: 'folder does not exist' }],
    });
    expect(JSON.stringify(outcome)).not.toContain(dir);
    expect(service.current).toBe(serving);
    expect(service.lastReload).toMatchObject({ by: 'Mod', status: 'failed' });
  });

  it('opens an empty folder as an empty knowledge base', async () => {
    await rm(path.join(dir, 'alpha.md'));
    await rm(path.join(dir, 'beta.md'));
    const service = await KnowledgeService.open(dir);
    expect(service.current.documents).toEqual([]);
    expect(service.current.answer('who', 'Ames').found).toBe(false);
  });

  it('never runs two reloads at once: the second is told who is reloading', async () => {
    const gated = gatedBuild();
    const service = await KnowledgeService.open(dir, { build: gated.build });
    gated.hold();
    const first = service.reload('First');
    const second = await service.reload('Second');
    expect(second).toMatchObject({ status: 'busy', running: { action: 'reload', by: 'First' } });
    gated.release();
    expect((await first).status).toBe('reloaded');
    expect(gated.calls()).toBe(2);
    expect((await service.reload('Third')).status).toBe('reloaded');
  });

  it('uses the injected build for every knowledge base', async () => {
    const gated = gatedBuild();
    const service = await KnowledgeService.open(dir, { build: gated.build });
    await service.reload('Mod');
    await service.add('delta.md', Buffer.from(doc('Delta', 'Delta text.')), { by: 'Mod' });
    expect(gated.calls()).toBe(3);
  });

  it('builds the first knowledge base with firstBuild when given, and every later one with build', async () => {
    const first = gatedBuild();
    const later = gatedBuild();
    const service = await KnowledgeService.open(dir, { firstBuild: first.build, build: later.build });
    await service.reload('Mod');
    expect([first.calls(), later.calls()]).toEqual([1, 1]);
  });

  it('lets answers read the old knowledge base while a reload runs, then swaps at once', async () => {
    const gated = gatedBuild();
    const service = await KnowledgeService.open(dir, { build: gated.build });
    const old = service.current;
    gated.hold();
    await writeFile(path.join(dir, 'gamma.md'), doc('Gamma', 'Gamma text.'));
    const reloading = service.reload('Mod');
    expect(service.current).toBe(old);
    expect(service.running).toMatchObject({ action: 'reload', by: 'Mod' });
    gated.release();
    await reloading;
    expect(service.current).not.toBe(old);
    expect(service.current.documents.map((d) => d.id)).toContain('gamma');
  });
});

describe('KnowledgeService.add', () => {
  it('validates like the loader, writes atomically, and reloads', async () => {
    const service = await KnowledgeService.open(dir);
    const outcome = await service.add('delta.md', Buffer.from(doc('Delta', 'Delta text.')), { by: 'Mod' });
    expect(outcome).toMatchObject({
      status: 'added',
      document: { id: 'delta', title: 'Delta' },
      replaced: [],
    });
    expect(outcome.status === 'added' && outcome.reload.status).toBe('reloaded');
    expect((await readdir(dir)).sort()).toEqual(['alpha.md', 'beta.md', 'delta.md']);
    expect(service.current.documents.map((d) => d.id)).toContain('delta');
  });

  it('refuses what the loader would refuse, and names the file', async () => {
    const service = await KnowledgeService.open(dir);
    const cases: [string, string, RegExp][] = [
      ['notes.pdf', 'text', /unsupported file type/],
      ['empty.md', '\n\n', /empty document/],
      ['bad.md', '---\ntitle: x\nsource: not a url\n---\n\nText.', /source/],
      ['../escape.md', doc('Escape', 'x'), /dot/],
      ['sub/escape.md', doc('Escape', 'x'), /contains "\/"/],
      ['tab\tname.md', doc('Tab', 'x'), /U\+0009/],
      ['.hidden.md', doc('Hidden', 'x'), /dot/],
    ];
    for (const [name, text, problem] of cases) {
      const outcome = await service.add(name, Buffer.from(text), { by: 'Mod' });
      expect(outcome.status).toBe('refused');
      if (outcome.status === 'refused') {
        expect(outcome.problems[0]?.file).toBe(name);
        expect(outcome.problems[0]?.problem).toMatch(problem);
      }
    }
    const binary = await service.add('blob.txt', Uint8Array.from([0xff, 0xfe, 0x00]), { by: 'Mod' });
    expect(binary).toMatchObject({
      status: 'refused',
      problems: [{ file: 'blob.txt', problem: 'not valid UTF-8 text' }],
    });
    expect((await readdir(dir)).sort()).toEqual(['alpha.md', 'beta.md']);
  });

  it('replaces an existing id only when asked, moving the old file (any extension) to the trash', async () => {
    const service = await KnowledgeService.open(dir);
    const text = Buffer.from('Beta, rewritten as plain text.\n');
    const refused = await service.add('beta.txt', text, { by: 'Mod' });
    expect(refused.status).toBe('refused');
    expect(await readFile(path.join(dir, 'beta.md'), 'utf8')).toBe(BETA);
    const replaced = await service.add('beta.txt', text, { by: 'Mod', replace: true });
    if (replaced.status !== 'added') throw new Error('expected the document to be added');
    expect(replaced.replaced).toHaveLength(1);
    expect(replaced.replaced[0]).toMatch(/^\.trash\/.*beta\.md$/);
    expect(await readFile(path.join(dir, replaced.replaced[0] as string), 'utf8')).toBe(BETA);
    expect((await readdir(dir)).filter((f) => !f.startsWith('.')).sort()).toEqual(['alpha.md', 'beta.txt']);
    expect(replaced.reload.status === 'reloaded' && replaced.reload.diff.changed.map((d) => d.id)).toEqual([
      'beta',
    ]);
  });

  it('stores the NFC form of a name', async () => {
    const service = await KnowledgeService.open(dir);
    const outcome = await service.add('Re\u0301sume\u0301.md', Buffer.from(doc('Resume', 'x')), {
      by: 'Mod',
    });
    expect(outcome).toMatchObject({ status: 'added', document: { file: 'R\u00e9sum\u00e9.md' } });
    expect(await readdir(dir)).toContain('R\u00e9sum\u00e9.md');
  });

  it('refuses to write into a knowledge folder that was deleted, rather than make a new one', async () => {
    const service = await KnowledgeService.open(dir);
    await rm(dir, { recursive: true });
    const outcome = await service.add('delta.md', Buffer.from(doc('Delta', 'Delta text.')), { by: 'Mod' });
    expect(outcome).toMatchObject({ status: 'refused', problems: [{ file: 'delta.md' }] });
    if (outcome.status === 'refused')
      expect(outcome.problems[0]?.problem).toMatch(/knowledge folder .* is missing/);
    await expect(readdir(dir)).rejects.toThrow(/ENOENT/);
    expect(service.current.documents.map((d) => d.id)).toEqual(['alpha', 'beta']);
  });

  it('waits for a running reload instead of being refused', async () => {
    const gated = gatedBuild();
    const service = await KnowledgeService.open(dir, { build: gated.build });
    gated.hold();
    const reloading = service.reload('First');
    const adding = service.add('delta.md', Buffer.from(doc('Delta', 'Delta text.')), { by: 'Second' });
    expect(await service.reload('Third')).toMatchObject({ status: 'busy' });
    gated.release();
    await reloading;
    expect(await adding).toMatchObject({ status: 'added' });
    expect(service.current.documents.map((d) => d.id)).toContain('delta');
  });
});

describe('names and folders the disk refuses', () => {
  it('counts the name limit in bytes, so every name accepted can be removed and added again', async () => {
    const service = await KnowledgeService.open(dir);
    // 74 three-byte letters and ".md": 225 bytes, the limit; one letter more is over it.
    const longest = `${'語'.repeat(74)}.md`;
    const added = await service.add(longest, new TextEncoder().encode(doc('Long', 'A long name.')), BY);
    expect(added.status).toBe('added');
    const id = '語'.repeat(74);
    expect((await service.remove(id, BY)).status).toBe('removed');
    const again = await service.add(longest, new TextEncoder().encode(doc('Long', 'Back again.')), BY);
    expect(again.status).toBe('added');
    const over = await service.add(`${'語'.repeat(75)}.md`, new TextEncoder().encode(doc('Over', 'X.')), BY);
    expect(over.status === 'refused' && over.problems[0]?.problem).toMatch(
      /takes 228 bytes .*; the limit is 225/,
    );
  });

  it('says why when a file stands where the trash folder goes, and keeps the document', async () => {
    await writeFile(path.join(dir, '.trash'), 'not a folder');
    const service = await KnowledgeService.open(dir);
    const removed = await service.remove('beta', BY);
    expect(removed).toEqual({
      status: 'refused',
      problems: [
        {
          file: 'beta.md',
          problem: 'cannot write beta.md into the trash folder (.trash): a file is where a folder should be',
        },
      ],
    });
    const replaced = await service.add('beta.md', new TextEncoder().encode(BETA), { ...BY, replace: true });
    expect(replaced.status === 'refused' && replaced.problems[0]?.problem).toMatch(
      /^cannot write beta\.md into the trash folder \(\.trash\): a file is where a folder should be$/,
    );
    expect(service.current.documents.map((d) => d.id).sort()).toEqual(['alpha', 'beta']);
    expect(await readFile(path.join(dir, 'beta.md'), 'utf8')).toBe(BETA);
  });
});

describe('KnowledgeService.remove', () => {
  it('moves the file to .trash (never deleting) and reloads', async () => {
    const service = await KnowledgeService.open(dir);
    const first = await service.remove('beta', { by: 'Mod' });
    if (first.status !== 'removed') throw new Error('expected removal');
    expect(first.trashedAs).toMatch(/^\.trash\/.*beta\.md$/);
    expect(first.reload.status === 'reloaded' && first.reload.diff.removed.map((d) => d.id)).toEqual([
      'beta',
    ]);
    expect(await readdir(dir)).not.toContain('beta.md');
    // The same id removed twice keeps both files in the trash.
    await writeFile(path.join(dir, 'beta.md'), BETA);
    await service.reload('Mod');
    const second = await service.remove('beta', { by: 'Mod' });
    expect(second.status).toBe('removed');
    expect(await readdir(path.join(dir, '.trash'))).toHaveLength(2);
    expect(service.current.documents.map((d) => d.id)).toEqual(['alpha']);
  });

  it('refuses an unknown document', async () => {
    const service = await KnowledgeService.open(dir);
    expect(await service.remove('nope', { by: 'Mod' })).toMatchObject({
      status: 'refused',
      problems: [{ file: 'nope' }],
    });
  });
});

describe('the trash', () => {
  it('deletes trashed files older than the retention, at start and after a remove, and keeps the rest', async () => {
    const trash = path.join(dir, '.trash');
    await mkdir(trash);
    await writeFile(path.join(trash, '2026-01-01T10-00-00-000Z-aaaa-old.md'), 'old');
    await writeFile(path.join(trash, '2026-03-05T10-00-00-000Z-bbbb-recent.md'), 'recent');
    await writeFile(path.join(trash, 'put-here-by-hand.md'), 'kept');
    let now = new Date('2026-03-10T12:00:00Z');
    const pruned: string[][] = [];
    const service = await KnowledgeService.open(dir, {
      now: () => now,
      trashRetentionDays: 30,
      onTrashPruned: (files) => pruned.push(files),
    });
    expect((await readdir(trash)).sort()).toEqual([
      '2026-03-05T10-00-00-000Z-bbbb-recent.md',
      'put-here-by-hand.md',
    ]);
    expect(pruned).toEqual([['2026-01-01T10-00-00-000Z-aaaa-old.md']]);
    now = new Date('2026-04-20T12:00:00Z');
    const removed = await service.remove('beta', { by: 'Mod' });
    if (removed.status !== 'removed') throw new Error('expected removal');
    expect((await readdir(trash)).sort()).toEqual([path.basename(removed.trashedAs), 'put-here-by-hand.md']);
  });
});
