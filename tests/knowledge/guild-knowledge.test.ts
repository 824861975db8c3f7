import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GuildKnowledge, GuildNotServedError } from '../../src/knowledge/guild-knowledge.ts';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { seededRandom } from '../../tools/bench/corpus.ts';
import { tempKnowledge } from '../helpers.ts';

const doc = (title: string, ...paragraphs: string[]) =>
  `---\ntitle: "${title}"\n---\n\n${paragraphs.join('\n\n')}\n`;
const bytes = (text: string) => new TextEncoder().encode(text);

const GUILD_A = '100000000000000001';
const GUILD_B = '100000000000000002';
const GUILD_C = '100000000000000003';
const BY = { by: 'tester (1)' };

const BASE = {
  'library.md': doc('Library opens', 'Mayor Ruth Ames opened the new library on Monday.'),
  'flood.md': doc('River flood', 'The river flooded the lower town on Friday.'),
};

let baseDir: string;
let dataDir: string;

beforeEach(async () => {
  baseDir = tempKnowledge(BASE);
  dataDir = await mkdtemp(path.join(tmpdir(), 'storybot-guilds-'));
});

afterEach(async () => {
  await rm(baseDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

let opened: GuildKnowledge[] = [];

afterEach(async () => {
  for (const guilds of opened) await guilds.close();
  opened = [];
  vi.restoreAllMocks();
});

async function open(
  options: {
    maxResident?: number;
    serves?: (id: string) => boolean;
    limits?: { maxDocuments: number; maxBytes: number };
  } = {},
) {
  const base = await KnowledgeService.open(baseDir);
  const guilds = new GuildKnowledge(base, { dataDir, warn: () => undefined, ...options });
  opened.push(guilds);
  return guilds;
}

describe('GuildKnowledge', () => {
  it('answers a server from the base plus its own documents, and nothing of another server', async () => {
    const guilds = await open();
    const own = await guilds.own(GUILD_A, { create: true });
    const added = await own?.add(
      'ferry.md',
      bytes(doc('Ferry', 'The quillon ferry sank near the pier.')),
      BY,
    );
    expect(added?.status).toBe('added');
    const a = await guilds.view(GUILD_A);
    expect(a.documents.map((d) => d.id).sort()).toEqual(['ferry', 'flood', 'library']);
    expect(a.answer('search', 'quillon ferry').results[0]?.citation.document).toBe('ferry');
    expect(a.answer('search', 'library Monday').found).toBe(true);
    for (const other of [await guilds.view(GUILD_B), await guilds.view(null)]) {
      expect(other.documents.map((d) => d.id).sort()).toEqual(['flood', 'library']);
      expect(other.answer('search', 'quillon ferry').found).toBe(false);
    }
    // A server that never added anything has no folder: nothing was created for it.
    expect(await readdir(dataDir)).toEqual([GUILD_A]);
  });

  it('drops idle servers beyond the limit and reloads them from their snapshot', async () => {
    const guilds = await open({ maxResident: 2 });
    for (const [guild, word] of [
      [GUILD_A, 'abalone'],
      [GUILD_B, 'bramble'],
      [GUILD_C, 'cormorant'],
    ] as const) {
      const own = await guilds.own(guild, { create: true });
      await own?.add(`${word}.md`, bytes(doc(word, `The ${word} festival drew crowds.`)), BY);
    }
    expect(guilds.residentCount).toBe(2);
    // Server A was the least recently used: it was dropped, and comes back from its snapshot.
    expect(await readdir(path.join(dataDir, GUILD_A, '.cache'))).toHaveLength(1);
    const a = await guilds.view(GUILD_A);
    expect(a.answer('search', 'abalone festival').results[0]?.citation.document).toBe('abalone');
    const cited = a.answer('search', 'cormorant festival').results.map((r) => r.citation.document);
    expect(cited).toContain('abalone');
    expect(cited).not.toContain('cormorant');
    expect(guilds.residentCount).toBe(2);
  });

  it("answers a server while another server's rebuild is pending, which is built off the main thread", async () => {
    const guilds = await open();
    const a = await guilds.own(GUILD_A, { create: true });
    await a?.add('abalone.md', bytes(doc('Abalone', 'The abalone festival drew crowds.')), BY);
    // From here on, no knowledge base may be built, nor a snapshot rehydrated in one go, on this thread.
    const fromDocuments = vi.spyOn(KnowledgeBase, 'fromDocuments');
    const fromSnapshot = vi.spyOn(KnowledgeBase, 'fromSnapshot');
    const paragraphs = Array.from(
      { length: 400 },
      (_, i) =>
        `Captain Orla Brenn moored barge ${i} at the bramble quay on Monday, the harbour office said.`,
    );
    let bDone = false;
    const bAdd = guilds
      .change(GUILD_B, (own) => own.add('bramble.md', bytes(doc('Bramble quay', ...paragraphs)), BY))
      .finally(() => {
        bDone = true;
      });
    await vi.waitFor(() => expect((guilds as unknown as { residentCount: number }).residentCount).toBe(2));
    const answer = (await guilds.view(GUILD_A)).answer('search', 'abalone festival');
    expect(answer.results[0]?.citation.document).toBe('abalone');
    expect(bDone).toBe(false);
    expect((await bAdd).status).toBe('added');
    expect((await guilds.view(GUILD_B)).answer('who', 'Orla Brenn').found).toBe(true);
    // (B's folder, empty when it was opened, is no documents: nothing to build.)
    expect(fromDocuments.mock.calls.map(([documents]) => documents.length)).toEqual([0]);
    expect(fromSnapshot).not.toHaveBeenCalled();
  });

  it('refuses an add past the server limits, saying which, and lets a document be replaced at the limit', async () => {
    const guilds = await open({ limits: { maxDocuments: 2, maxBytes: 400 } });
    const add = (name: string, text: string, replace = false) =>
      guilds.change(GUILD_A, (own) => own.add(name, bytes(text), { ...BY, replace }));
    expect((await add('one.md', doc('One', 'The first quillet note.'))).status).toBe('added');
    expect((await add('two.md', doc('Two', 'The second quillet note.'))).status).toBe('added');
    const third = await add('three.md', doc('Three', 'The third quillet note.'));
    expect(third).toMatchObject({ status: 'refused' });
    expect(third.status === 'refused' && third.problems[0]?.problem).toMatch(
      /at its limit of documents \(GUILD_MAX_DOCUMENTS = 2\): remove one/,
    );
    // Replacing keeps the count: allowed while it fits in the bytes.
    expect((await add('two.md', doc('Two', 'The second quillet note, corrected.'), true)).status).toBe(
      'added',
    );
    const big = await add('two.md', doc('Two', 'quillet '.repeat(60)), true);
    expect(big.status === 'refused' && big.problems[0]?.problem).toMatch(
      /take \d+ of its 400 bytes \(GUILD_MAX_BYTES\): this one \(\d+ bytes\) does not fit/,
    );
    expect(await readdir(path.join(dataDir, GUILD_A))).toEqual(expect.arrayContaining(['one.md', 'two.md']));
    expect((await guilds.view(GUILD_A)).documents.map((d) => d.id).sort()).toEqual([
      'flood',
      'library',
      'one',
      'two',
    ]);
    // The base has no such limit; the other servers have their own.
    expect(
      (await guilds.change(GUILD_B, (own) => own.add('b.md', bytes(doc('B', 'A note.')), BY))).status,
    ).toBe('added');
  });

  it("refuses a server document with a base document's id, and says why a server folder cannot be made", async () => {
    const guilds = await open();
    const same = await guilds.change(GUILD_A, (own) =>
      own.add('library.md', bytes(doc('Our library', 'The quillon library reopened.')), BY),
    );
    expect(same.status === 'refused' && same.problems[0]?.problem).toMatch(
      /a base document \(shared by every server\) already has the id "library"/,
    );
    await writeFile(path.join(dataDir, GUILD_B), 'not a folder');
    await expect(
      guilds.change(GUILD_B, (own) => own.add('b.md', bytes(doc('B', 'A note.')), BY)),
    ).rejects.toThrow(
      /^cannot write this server's folder in GUILD_DATA_DIR: a file is where a folder should be$/,
    );
  });

  it('refuses a guild on a shard this process does not run, and anything that is not a guild id', async () => {
    const guilds = await open({ serves: (id) => id === GUILD_A });
    await expect(guilds.view(GUILD_B)).rejects.toBeInstanceOf(GuildNotServedError);
    await expect(guilds.own('../../etc', { create: true })).rejects.toBeInstanceOf(GuildNotServedError);
    expect((await guilds.view(GUILD_A)).documents).toHaveLength(2);
  });
});

/**
 * Ranking across the two indexes: a 300-passage base whose passages each hold part of the question, against a
 * server of two documents. The idf of the same word differs a lot between them (ln 200 against ln 2); the
 * passage that matches the question better must still come first, whichever index it is in.
 */
describe('ranking across the base and a server', () => {
  const QUESTION = 'harbour crane collapse inquiry';
  const partial = (i: number) =>
    [
      `Dock report ${i}: the harbour crane was inspected and painted this week.`,
      `Council note ${i}: an inquiry into parking fees at the harbour opens soon.`,
      `Weather log ${i}: a crane operator waited out the wind at the harbour.`,
    ][i % 3] as string;

  beforeEach(async () => {
    await rm(baseDir, { recursive: true, force: true });
    const files: Record<string, string> = {};
    for (let d = 0; d < 30; d++) {
      const paragraphs = Array.from({ length: 10 }, (_, p) => partial(d * 10 + p));
      files[`port-${d}.md`] = doc(`Port notes ${d}`, ...paragraphs);
    }
    baseDir = tempKnowledge(files);
  });

  it('puts a server passage that matches the whole question above base passages matching part of it', async () => {
    const guilds = await open();
    const own = await guilds.own(GUILD_A, { create: true });
    await own?.add(
      'collapse.md',
      bytes(
        doc(
          'Crane collapse',
          'An inquiry into the harbour crane collapse began on Monday.',
          'Tea was served.',
        ),
      ),
      BY,
    );
    const answer = (await guilds.view(GUILD_A)).answer('search', QUESTION);
    expect(answer.results[0]?.citation.document).toBe('collapse');
    expect(answer.results.slice(1).every((r) => r.citation.document.startsWith('port-'))).toBe(true);
  });

  it('puts a base passage that matches the whole question above a server passage matching part of it', async () => {
    await rm(baseDir, { recursive: true, force: true });
    const files: Record<string, string> = {
      'collapse.md': doc('Crane collapse', 'An inquiry into the harbour crane collapse began on Monday.'),
    };
    for (let d = 0; d < 30; d++)
      files[`port-${d}.md`] = doc(`Port ${d}`, ...Array.from({ length: 10 }, (_, p) => partial(d * 10 + p)));
    baseDir = tempKnowledge(files);
    const guilds = await open();
    const own = await guilds.own(GUILD_A, { create: true });
    await own?.add('crane.md', bytes(doc('Crane', 'The harbour crane was repainted blue.')), BY);
    const answer = (await guilds.view(GUILD_A)).answer('search', QUESTION);
    expect(answer.results[0]?.citation.document).toBe('collapse');
    expect(answer.results.some((r) => r.citation.document === 'crane')).toBe(true);
  });
});

describe('property: random interleavings of adds and removes', () => {
  const GUILDS = [GUILD_A, GUILD_B, GUILD_C];
  const WORDS = ['marlin', 'tundra', 'saffron', 'quasar', 'juniper', 'obsidian'];

  for (const seed of [1, 2, 3]) {
    it(`never shows a server another server's documents (seed ${seed})`, async () => {
      const random = seededRandom(seed);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
      // Two resident servers at most: interleavings also cross evictions and reloads from snapshots.
      const guilds = await open({ maxResident: 2 });
      const model = new Map<string, Set<string>>(GUILDS.map((g) => [g, new Set()]));
      const steps: Promise<void>[] = [];
      for (let step = 0; step < 24; step++) {
        const guild = pick(GUILDS);
        const word = pick(WORDS);
        const id = `${word}-${guild.slice(-1)}`;
        const mine = model.get(guild) as Set<string>;
        // Changes run side by side; the model is updated when each is asked, and each server's own queue
        // keeps its changes in the order asked.
        if (mine.has(id) && random() < 0.6) {
          mine.delete(id);
          steps.push(
            guilds.change(guild, async (own) => {
              expect((await own.remove(id, BY)).status).toBe('removed');
            }),
          );
        } else {
          const replace = mine.has(id);
          mine.add(id);
          const text = doc(id, `The ${word} report of server ${guild} mentions ${id.replace('-', ' ')}.`);
          steps.push(
            guilds.change(guild, async (own) => {
              expect((await own.add(`${id}.md`, bytes(text), { ...BY, replace })).status).toBe('added');
            }),
          );
        }
        // Several changes run at once before each check.
        if (random() < 0.6 && step < 23) continue;
        await Promise.all(steps.splice(0));
        for (const g of GUILDS) {
          const view = await guilds.view(g);
          const own = view.documents.map((d) => d.id).filter((d) => d !== 'library' && d !== 'flood');
          expect(own.sort()).toEqual([...(model.get(g) as Set<string>)].sort());
          for (const other of GUILDS.filter((o) => o !== g))
            for (const foreign of model.get(other) as Set<string>) {
              const found = view.answer('search', foreign.replace('-', ' '));
              expect(found.results.map((r) => r.citation.document)).not.toContain(foreign);
            }
        }
      }
    }, 60_000);
  }
});
