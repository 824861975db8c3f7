import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packJson, unpackJson } from '../../src/persistence/json-chunks.ts';
import { readSnapshot, snapshotFile, snapshotKey, writeSnapshot } from '../../src/persistence/snapshot.ts';

const value = { index: Array.from({ length: 2000 }, (_, i) => [`term${i}`, { 0: { [i]: 1 } }]), version: 1 };
let cacheDir: string;
let warnings: string[];
const warn = (message: string) => warnings.push(message);

beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'storybot-snapshot-'));
  warnings = [];
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

describe('snapshot keys', () => {
  const docs = [
    { file: 'a.md', hash: '11' },
    { file: 'b.md', hash: '22' },
  ];
  it('depend on every document hash and on the index version, not on order', () => {
    const key = snapshotKey(docs, 1);
    expect(snapshotKey([...docs].reverse(), 1)).toBe(key);
    expect(
      snapshotKey([docs[0] as { file: string; hash: string }, { file: 'b.md', hash: '23' }], 1),
    ).not.toBe(key);
    expect(snapshotKey(docs.slice(0, 1), 1)).not.toBe(key);
    expect(snapshotKey(docs, 2)).not.toBe(key);
  });
});

describe('snapshot files', () => {
  it('read back what was written', async () => {
    const file = await writeSnapshot(cacheDir, 'knowledge', 'k1', packJson(value, 1024));
    expect(file).toBe(snapshotFile(cacheDir, 'knowledge', 'k1'));
    const packed = await readSnapshot(cacheDir, 'knowledge', 'k1', warn);
    expect(packed).toBeDefined();
    expect(await unpackJson(packed as NonNullable<typeof packed>)).toEqual(value);
    expect(warnings).toEqual([]);
  });

  it('are missing, without a warning, for another key (a stale snapshot)', async () => {
    await writeSnapshot(cacheDir, 'knowledge', 'k1', packJson(value));
    expect(await readSnapshot(cacheDir, 'knowledge', 'k2', warn)).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('replace the stale snapshot of the same folder, leave other folders and no temporary files', async () => {
    await writeSnapshot(cacheDir, 'knowledge', 'k1', packJson(value));
    await writeSnapshot(cacheDir, 'other', 'k1', packJson(value));
    await writeSnapshot(cacheDir, 'knowledge', 'k2', packJson(value));
    const names = (await readdir(cacheDir)).sort();
    expect(names).toEqual(
      [snapshotFile(cacheDir, 'knowledge', 'k2'), snapshotFile(cacheDir, 'other', 'k1')]
        .map((f) => f.slice(cacheDir.length + 1))
        .sort(),
    );
  });

  it('leave no temporary file behind when the write fails', async () => {
    // A folder where the snapshot file should go makes the final rename fail.
    await mkdir(join(snapshotFile(cacheDir, 'knowledge', 'k1'), 'in-the-way'), { recursive: true });
    await expect(writeSnapshot(cacheDir, 'knowledge', 'k1', packJson(value))).rejects.toThrow();
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('warn and return nothing when truncated', async () => {
    const file = await writeSnapshot(cacheDir, 'knowledge', 'k1', packJson(value, 1024));
    const size = (await readFile(file)).length;
    await truncate(file, size - 100);
    expect(await readSnapshot(cacheDir, 'knowledge', 'k1', warn)).toBeUndefined();
    await truncate(file, 10);
    expect(await readSnapshot(cacheDir, 'knowledge', 'k1', warn)).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/damaged .*bytes.*rebuilding/);
    expect(warnings[1]).toMatch(/damaged \((no header|unreadable header)\)/);
  });

  it('warn and return nothing when a byte was changed', async () => {
    const file = await writeSnapshot(cacheDir, 'knowledge', 'k1', packJson(value, 1024));
    const data = await readFile(file);
    data[data.length - 50] = (data[data.length - 50] ?? 0) ^ 1;
    await writeFile(file, data);
    expect(await readSnapshot(cacheDir, 'knowledge', 'k1', warn)).toBeUndefined();
    expect(warnings[0]).toMatch(/checksum mismatch/);
  });

  it('warn when the file is not a snapshot at all', async () => {
    await writeFile(snapshotFile(cacheDir, 'knowledge', 'k1'), '{"hello": "world"}\n{}');
    expect(await readSnapshot(cacheDir, 'knowledge', 'k1', warn)).toBeUndefined();
    expect(warnings[0]).toMatch(/unknown format/);
  });
});
