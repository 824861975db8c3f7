/**
 * End to end with SHARD_COUNT=2 through the fake gateway: GUILD_ID lives on shard 1 and OTHER_GUILD_ID on
 * shard 0 (`(id >> 22) % 2`). Two bots share one fake Discord and one GUILD_DATA_DIR, each running one shard
 * (SHARDS=0, SHARDS=1), as two processes of a shard group would; then one bot runs both shards.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shardOfGuild } from '../../src/bot/shards.ts';
import { tempKnowledge } from '../helpers.ts';
import { FakeDiscord, GUILD_ID, OTHER_GUILD_ID, option, PERMISSIONS } from './fake-discord.ts';
import { contentOf, embedOf, type Running, startBot } from './harness.ts';

const doc = (title: string, ...paragraphs: string[]) =>
  `---\ntitle: "${title}"\n---\n\n${paragraphs.join('\n\n')}\n`;
const BASE = doc('Library opens', 'Mayor Ruth Ames opened the new library on Monday.');
const OWN = doc('Ferry news', 'The night ferry to Wexmoor resumed sailing on Thursday.');

const SHARD_1_GUILD = GUILD_ID;
const SHARD_0_GUILD = OTHER_GUILD_ID;
const moderator = { id: '900000000000000501', permissions: PERMISSIONS.manageGuild, guild: SHARD_1_GUILD };

describe('two shards, one process each', () => {
  let fake: FakeDiscord;
  let guildDir: string;
  let shards: Running[];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    guildDir = await mkdtemp(path.join(tmpdir(), 'storybot-guilds-'));
    shards = [];
    for (const shard of ['0', '1']) {
      shards.push(
        await startBot({
          dir: tempKnowledge({ 'library.md': BASE }),
          fake,
          guildDir,
          env: { SHARD_COUNT: '2', SHARDS: shard },
        }),
      );
    }
  });

  afterAll(async () => {
    for (const run of shards ?? []) await run.close();
    await fake?.close();
    await rm(guildDir, { recursive: true, force: true });
  });

  it('identifies each process with its own shard', () => {
    expect(shardOfGuild(SHARD_0_GUILD, 2)).toBe(0);
    expect(shardOfGuild(SHARD_1_GUILD, 2)).toBe(1);
    expect(fake.identifies.map((d) => (d as { shard: number[] }).shard)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(shards.map((run) => [...run.bot.client.guilds.cache.keys()])).toEqual([
      [SHARD_0_GUILD],
      [SHARD_1_GUILD],
    ]);
  });

  it('answers each guild from the process of its shard', async () => {
    for (const [guild, process] of [
      [SHARD_0_GUILD, 0],
      [SHARD_1_GUILD, 1],
    ] as const) {
      const reply = await fake.response(
        fake.command('search', [option.string('query', 'library')], { guild }),
      );
      expect(embedOf(reply).fields?.[0]?.value).toContain('Library opens');
      const done = (run: Running) =>
        run.log.entries.filter((e) => e.event === 'command.done' && e.guild === guild).length;
      // The reply reaches Discord before the handler logs it done.
      await vi.waitFor(() => expect(done(shards[process] as Running)).toBe(1));
      expect(done(shards[1 - process] as Running)).toBe(0);
    }
  });

  it('answers a document added in a guild on shard 1 there, and only there', async () => {
    const file = fake.attachment('ferry.md', new TextEncoder().encode(OWN));
    const added = await fake.response(
      fake.command(
        'kb',
        [option.subcommand('add', [option.attachment('file', file.id), option.string('scope', 'server')])],
        moderator,
        [file],
      ),
    );
    expect(contentOf(added)).toContain('Added ferry.md');
    expect(await readdir(guildDir)).toEqual([SHARD_1_GUILD]);
    const here = await fake.response(
      fake.command('search', [option.string('query', 'night ferry Wexmoor')], { guild: SHARD_1_GUILD }),
    );
    expect(embedOf(here).fields?.[0]?.value).toContain('Ferry news');
    const there = await fake.response(
      fake.command('search', [option.string('query', 'night ferry Wexmoor')], { guild: SHARD_0_GUILD }),
    );
    expect(JSON.stringify(embedOf(there))).not.toContain('Ferry news');
    // The process of shard 0 never loaded the documents of a guild on shard 1.
    expect(shards[0]?.guilds.residentCount).toBe(0);
    await expect(shards[0]?.guilds.view(SHARD_1_GUILD)).rejects.toThrow('not on a shard this process runs');
  });
});

describe('two shards in one process', () => {
  let run: Running;

  beforeAll(async () => {
    run = await startBot({ dir: tempKnowledge({ 'library.md': BASE }), env: { SHARD_COUNT: '2' } });
  });

  afterAll(async () => {
    await run?.close();
  });

  it('connects both shards and answers both guilds, each with its own documents', async () => {
    expect(run.fake.identifies.map((d) => (d as { shard: number[] }).shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const file = run.fake.attachment('ferry.md', new TextEncoder().encode(OWN));
    const add = [
      option.subcommand('add', [option.attachment('file', file.id), option.string('scope', 'server')]),
    ];
    expect(contentOf(await run.fake.response(run.fake.command('kb', add, moderator, [file])))).toContain(
      'Added ferry.md',
    );
    const search = (guild: string) =>
      run.fake.response(
        run.fake.command('search', [option.string('query', 'night ferry Wexmoor')], { guild }),
      );
    expect(embedOf(await search(SHARD_1_GUILD)).fields?.[0]?.value).toContain('Ferry news');
    expect(JSON.stringify(embedOf(await search(SHARD_0_GUILD)))).not.toContain('Ferry news');
  });
});
