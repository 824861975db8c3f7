/**
 * End to end: one server cannot hurt the others. A (GUILD_ID) and B (OTHER_GUILD_ID) share the bot; B's
 * rebuilds do not hold up A's answers, B's quotas (documents, bytes, feeds) are refused with the reason, and an
 * answer whose server documents take long to come is deferred, then delivered.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { KnowledgeView } from '../../src/knowledge/knowledge-view.ts';
import { tempKnowledge } from '../helpers.ts';
import { rssFeed } from '../web/pages.ts';
import { WebServer } from '../web/web-server.ts';
import { type CommandOption, GUILD_ID, OTHER_GUILD_ID, option, PERMISSIONS } from './fake-discord.ts';
import { contentOf, type Running, startBot } from './harness.ts';

const doc = (title: string, ...paragraphs: string[]) =>
  `---\ntitle: "${title}"\n---\n\n${paragraphs.join('\n\n')}\n`;

const readerA = { id: '900000000000000302', guild: GUILD_ID };
const moderatorB = { id: '900000000000000401', permissions: PERMISSIONS.manageGuild, guild: OTHER_GUILD_ID };
const SUBCOMMAND_GROUP = 2;
const LIMITS = { documents: 2, bytes: 60_000, feeds: 1 };

let server: WebServer;
let run: Running;

beforeAll(async () => {
  server = await WebServer.start();
  run = await startBot({
    dir: tempKnowledge({
      'kiln.md': doc('Kiln', 'Potter Ilka Marsh fired the new kiln in Dunmere on Tuesday.'),
    }),
    env: {
      KB_URL_ALLOW_HOSTS: server.allowHost,
      GUILD_MAX_DOCUMENTS: String(LIMITS.documents),
      GUILD_MAX_BYTES: String(LIMITS.bytes),
      GUILD_MAX_FEEDS: String(LIMITS.feeds),
    },
  });
});

afterAll(async () => {
  await run?.close();
  await server?.close();
});

/** Sends B's /kb with a file attached; returns the interaction id (the reply comes later). */
function kbAdd(name: string, text: string): string {
  const attachment = run.fake.attachment(name, new TextEncoder().encode(text));
  const options: CommandOption[] = [option.subcommand('add', [option.attachment('file', attachment.id)])];
  return run.fake.command('kb', options, moderatorB, [attachment]);
}
const feedAdd = (url: string): CommandOption[] => [
  { name: 'feed', type: SUBCOMMAND_GROUP, options: [option.subcommand('add', [option.string('url', url)])] },
];

/** A reply's text as read (Discord's markdown escapes taken out). */
const text = async (id: string) => contentOf(await run.fake.response(id, 60_000)).replaceAll('\\', '');

/** The edits and follow-ups of an interaction so far: its answer, once a deferral is done. */
const answered = (id: string) => run.fake.repliesTo(id).some((r) => r.via !== 'callback' || r.type !== 5);

describe('one server cannot hurt the others', () => {
  it("answers A while B's document is being built", async () => {
    const paragraphs = Array.from(
      { length: 300 },
      (_, i) => `Skipper Tove Lund moored barge ${i} at the Vessel quay on Monday, the harbour office said.`,
    );
    const bAdd = kbAdd('barges.md', doc('Barges', ...paragraphs));
    await run.fake.waitFor(() => run.fake.repliesTo(bAdd)[0]);
    const aSearch = run.fake.command('who', [option.string('query', 'Ilka Marsh')], readerA);
    const answer = await run.fake.response(aSearch);
    expect(JSON.stringify(answer.data)).toContain('Ilka Marsh');
    expect(answered(bAdd)).toBe(false);
    expect(contentOf(await run.fake.response(bAdd, 60_000))).toContain('Added barges.md');
  });

  it("refuses B's documents past GUILD_MAX_DOCUMENTS and GUILD_MAX_BYTES with the reason", async () => {
    const big = kbAdd('big.md', doc('Big', 'word '.repeat(14_000)));
    expect(await text(big)).toMatch(/not added:[\s\S]*of its 60000 bytes \(GUILD_MAX_BYTES\)/);
    // Added one after another until the limit refuses one: B then holds exactly its limit.
    let refusal = '';
    for (let n = 0; n <= LIMITS.documents && refusal === ''; n++) {
      const reply = await text(kbAdd(`note-${n}.md`, doc(`Note ${n}`, `Skipper Tove Lund wrote note ${n}.`)));
      if (!reply.startsWith('Added')) refusal = reply;
    }
    expect(refusal).toMatch(/not added:[\s\S]*at its limit of documents \(GUILD_MAX_DOCUMENTS = 2\)/);
    expect((await run.guilds.view(OTHER_GUILD_ID)).documents).toHaveLength(1 + LIMITS.documents);
  });

  it("refuses B's feeds past GUILD_MAX_FEEDS with the reason", async () => {
    for (const name of ['one', 'two'])
      server.routes.set(`/${name}.xml`, { body: rssFeed(`Feed ${name}`, []), type: 'application/rss+xml' });
    const first = run.fake.command('kb', feedAdd(server.url('/one.xml')), moderatorB);
    expect(contentOf(await run.fake.response(first))).toContain('Following “Feed one”');
    const second = run.fake.command('kb', feedAdd(server.url('/two.xml')), moderatorB);
    expect(await text(second)).toMatch(
      /The feed was not added: this server is at its limit of feeds followed \(GUILD_MAX_FEEDS = 1\)/,
    );
  });

  it("says why a server's folder cannot be made, instead of 'something went wrong'", async () => {
    await writeFile(path.join(run.guildDir, GUILD_ID), 'not a folder');
    const moderatorA = { id: '900000000000000301', permissions: PERMISSIONS.manageGuild, guild: GUILD_ID };
    const attachment = run.fake.attachment('note.md', new TextEncoder().encode(doc('Note', 'A note.')));
    const add = option.subcommand('add', [
      option.attachment('file', attachment.id),
      option.string('scope', 'server'),
    ]);
    const id = run.fake.command('kb', [add], moderatorA, [attachment]);
    expect(await text(id)).toBe(
      "That was not done: cannot write this server's folder in GUILD_DATA_DIR: a file is where a folder should be.",
    );
  });

  it("defers an answer whose server's documents take long to come, then gives it", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const view = run.guilds.view.bind(run.guilds);
    vi.spyOn(run.guilds, 'view').mockImplementation(async (guildId): Promise<KnowledgeView> => {
      await gate;
      return view(guildId);
    });
    try {
      const id = run.fake.command('who', [option.string('query', 'Ilka Marsh')], readerA);
      const deferral = await run.fake.waitFor(() => run.fake.repliesTo(id)[0]);
      expect(deferral).toMatchObject({ via: 'callback', type: 5 });
      release();
      const answer = await run.fake.response(id);
      expect(answer.via).toBe('edit');
      expect(JSON.stringify(answer.data)).toContain('Ilka Marsh');
    } finally {
      vi.restoreAllMocks();
    }
  });
});
