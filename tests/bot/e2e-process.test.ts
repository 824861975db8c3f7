/**
 * End to end, as separate processes: `npm run deploy-commands` (the bodies Discord receives, guild and
 * global), start-up refusing a bad configuration, and the bot (`npm start`'s command) shutting down cleanly
 * on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ASK_MESSAGE_NAME } from '../../commands/ask-message.ts';
import { REFUSED_EXIT_CODE } from '../../src/bot/discord-failures.ts';
import { QUERY_MAX_CHARS } from '../../src/engine/answer.ts';
import { tempKnowledge } from '../helpers.ts';
import {
  APPLICATION_ID,
  FakeDiscord,
  GUILD_ID,
  OTHER_GUILD_ID,
  option,
  PERMISSIONS,
} from './fake-discord.ts';
import { copyKnowledge, embedOf, REPO, TOKEN } from './harness.ts';

const TSX = path.join(REPO, 'node_modules/.bin/tsx');

let fake: FakeDiscord;
/** An empty working directory, so that no developer's .env is read. */
let cwd: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  cwd = await mkdtemp(path.join(tmpdir(), 'storybot-cwd-'));
});

afterAll(async () => {
  await fake?.close();
  await rm(cwd, { recursive: true, force: true });
});

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Launched {
  child: ChildProcess;
  output: Finished;
  /** Resolves once stdout contains `text`. */
  printed(text: string, timeoutMs?: number): Promise<void>;
}

function launch(script: string, env: Record<string, string>): Launched {
  const child = spawn(TSX, [path.join(REPO, script)], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: Finished = { code: null, stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk) => {
    output.stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output.stderr += String(chunk);
  });
  const printed = (text: string, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!output.stdout.includes(text)) return;
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve();
      };
      const timer = setTimeout(
        () => reject(new Error(`no "${text}" within ${timeoutMs} ms: ${output.stdout}`)),
        timeoutMs,
      );
      child.stdout?.on('data', check);
      check();
    });
  return { child, output, printed };
}

async function run(script: string, env: Record<string, string>): Promise<Finished> {
  const { child, output } = launch(script, env);
  [output.code] = (await once(child, 'exit')) as [number | null];
  return output;
}

const baseEnv = () => ({
  DISCORD_TOKEN: TOKEN,
  DISCORD_APPLICATION_ID: APPLICATION_ID,
  DISCORD_API_URL: fake.apiUrl,
});

interface CommandBody {
  name: string;
  type?: number;
  default_member_permissions?: string | null;
  contexts?: number[];
  options?: {
    name: string;
    type: number;
    required?: boolean;
    max_length?: number;
    autocomplete?: boolean;
    options?: CommandBody['options'];
  }[];
}

const SLASH_COMMAND_NAMES = ['who', 'when', 'quote', 'search', 'help', 'kb', 'timeline'];

describe('npm run deploy-commands', () => {
  it('registers every command to the guild when DISCORD_GUILD_ID is set', async () => {
    const result = await run('src/bot/deploy-commands.ts', { ...baseEnv(), DISCORD_GUILD_ID: GUILD_ID });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ event: 'commands.deployed', count: 8 });
    const put = fake.requests.find(
      (r) =>
        r.method === 'PUT' &&
        r.path === `/api/v10/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
    );
    const bodies = put?.body as CommandBody[];
    expect(bodies.map((c) => c.name)).toEqual([...SLASH_COMMAND_NAMES, ASK_MESSAGE_NAME]);
    // The message command: type 3 (message), no description or options.
    expect(bodies.find((c) => c.name === ASK_MESSAGE_NAME)).toMatchObject({ type: 3 });
    expect(bodies.find((c) => c.name === 'timeline')?.options).toEqual([
      expect.objectContaining({ name: 'about', type: 3, required: false, max_length: QUERY_MAX_CHARS }),
    ]);
    for (const name of ['who', 'when', 'quote', 'search']) {
      const command = bodies.find((c) => c.name === name);
      expect(command?.options).toEqual([
        expect.objectContaining({ name: 'query', type: 3, required: true, max_length: QUERY_MAX_CHARS }),
        expect.objectContaining({ name: 'private', type: 5, required: false }),
      ]);
      expect(command?.options?.[0]?.autocomplete ?? false).toBe(name === 'who' || name === 'quote');
    }
    const kb = bodies.find((c) => c.name === 'kb');
    expect(kb?.default_member_permissions).toBe('32');
    expect(kb?.contexts).toEqual([0]);
    expect(kb?.options?.map((o) => [o.name, o.type])).toEqual([
      ['status', 1],
      ['reload', 1],
      ['add', 1],
      ['remove', 1],
      ['gaps', 1],
      ['refresh', 1],
      ['feed', 2],
    ]);
    const gaps = kb?.options?.find((o) => o.name === 'gaps');
    expect(gaps?.options?.map((o) => [o.name, o.type, o.required])).toEqual([['clear', 5, false]]);
    const add = kb?.options?.find((o) => o.name === 'add');
    // file: or url:, exactly one of them (checked when the command runs: Discord cannot say "one of").
    expect(add?.options?.map((o) => [o.name, o.type, o.required])).toEqual([
      ['file', 11, false],
      ['url', 3, false],
      ['replace', 5, false],
      ['scope', 3, false],
    ]);
    const feed = kb?.options?.find((o) => o.name === 'feed');
    expect(feed?.options?.map((o) => o.name)).toEqual(['add', 'remove', 'list']);
    const remove = kb?.options?.find((o) => o.name === 'remove');
    expect(remove?.options?.[0]).toMatchObject({
      name: 'document',
      type: 3,
      required: true,
      autocomplete: true,
    });
    expect(bodies.find((c) => c.name === 'help')?.default_member_permissions).toBeUndefined();
  });

  it('registers globally without DISCORD_GUILD_ID', async () => {
    const result = await run('src/bot/deploy-commands.ts', baseEnv());
    expect(result.code).toBe(0);
    const put = fake.requests.find(
      (r) => r.method === 'PUT' && r.path === `/api/v10/applications/${APPLICATION_ID}/commands`,
    );
    expect((put?.body as CommandBody[] | undefined)?.map((c) => c.name)).toEqual([
      ...SLASH_COMMAND_NAMES,
      ASK_MESSAGE_NAME,
    ]);
  });
});

describe('npm start', () => {
  it('refuses a bad configuration, naming the variable and never printing the token', async () => {
    const [missing, bad] = await Promise.all([
      run('src/bot/main.ts', { DISCORD_API_URL: fake.apiUrl }),
      run('src/bot/main.ts', { ...baseEnv(), DISCORD_APPLICATION_ID: 'not-an-id', LOG_LEVEL: 'loud' }),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DISCORD_TOKEN');
    expect(missing.stderr).toContain('DISCORD_APPLICATION_ID');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/DISCORD_APPLICATION_ID must be a Discord id/);
    expect(bad.stderr).toMatch(/LOG_LEVEL /);
    expect(bad.stdout + bad.stderr).not.toContain(TOKEN);
  });

  it('answers, then shuts down cleanly on SIGTERM with exit code 0', async () => {
    const dir = await copyKnowledge();
    const identified = fake.identifies.length;
    const snapshots = `${dir}-snapshots`;
    const { child, output, printed } = launch('src/bot/main.ts', {
      ...baseEnv(),
      KNOWLEDGE_DIR: dir,
      SNAPSHOT_DIR: snapshots,
      // A single-server deployment: its moderators keep the base (KNOWLEDGE_DIR) as before.
      DISCORD_GUILD_ID: GUILD_ID,
    });
    try {
      await printed('"bot.ready"');
      // The knowledge base was built on a worker thread and its snapshot saved for the next start.
      expect((await readdir(snapshots)).filter((f) => f.endsWith('.snapshot'))).toHaveLength(1);
      expect(fake.identifies.length).toBe(identified + 1);
      const reply = await fake.response(fake.command('who', [option.string('query', 'Zelenskyy')]));
      expect(embedOf(reply).description).toContain('Volodymyr Zelenskyy');
      // A reload through the production build path (worker thread, snapshot folder).
      const admin = { id: '900000000000000201', permissions: PERMISSIONS.manageGuild };
      const reload = await fake.response(fake.command('kb', [option.subcommand('reload')], admin), 15_000);
      expect(String(reload.data.content)).toMatch(
        /^Reloaded in \d+ ms\. Documents 1 → 1, .*\nNo document changed\.$/,
      );
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code, signal] = (await exited) as [number | null, string | null];
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      await rm(snapshots, { recursive: true, force: true });
    }
    const events = output.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string });
    expect(events.map((e) => e.event)).toEqual([
      'knowledge.loaded',
      'bot.ready',
      'command.done',
      'kb.reload',
      'command.done',
      'bot.stopping',
      'bot.stopped',
    ]);
    expect(output.stdout).not.toContain(TOKEN);
  });
});

describe('npm run start:sharded', () => {
  /** Stdout's JSON lines of one event (the launcher's and its children's: they share stdout). */
  const linesOf = (output: Finished, event: string) =>
    output.stdout
      .split('\n')
      .filter((line) => line.includes(`"event":"${event}"`))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('refuses SHARD_COUNT unset (auto) with DISCORD_API_URL set, saying why', async () => {
    const result = await run('src/bot/sharded.ts', baseEnv());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SHARD_COUNT must be a number with DISCORD_API_URL set');
  });

  it('stops every shard, with one error line and the refused status, when Discord refuses one for good', async () => {
    const dir = tempKnowledge({ 'library.md': '---\ntitle: "Library"\n---\n\nThe library opened.\n' });
    const identified = fake.identifies.length;
    fake.faults.identifyCloseCode = 4004;
    try {
      const { child, output } = launch('src/bot/sharded.ts', {
        ...baseEnv(),
        KNOWLEDGE_DIR: dir,
        SNAPSHOT_DIR: `${dir}-snapshots`,
        SHARD_COUNT: '2',
      });
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(REFUSED_EXIT_CODE);
      expect(output.stderr).toBe('');
      const launcherErrors = linesOf(output, 'shards.refused');
      expect(launcherErrors).toHaveLength(1);
      expect(launcherErrors[0]).toMatchObject({ level: 'error', shard: 0 });
      // The shard's own line says why; it identified once and was never spawned again, nor was shard 1.
      expect(linesOf(output, 'bot.login_failed')[0]?.cause).toMatch(/close code 4004/);
      expect(linesOf(output, 'shard.spawned').map((l) => l.shard)).toEqual([0]);
      expect(fake.identifies.length - identified).toBe(1);
    } finally {
      delete fake.faults.identifyCloseCode;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('runs one process per shard, each answering its guilds, respawns one that dies, and shares base changes', async () => {
    const dir = tempKnowledge({
      'library.md': '---\ntitle: "Library opens"\n---\n\nMayor Ruth Ames opened the new library on Monday.\n',
    });
    const guildDir = await mkdtemp(path.join(tmpdir(), 'storybot-guilds-'));
    const identified = fake.identifies.length;
    const { child, output, printed } = launch('src/bot/sharded.ts', {
      ...baseEnv(),
      KNOWLEDGE_DIR: dir,
      SNAPSHOT_DIR: `${dir}-snapshots`,
      GUILD_DATA_DIR: guildDir,
      // Attachments come from the fake Discord (only ATTACHMENT_HOSTS are downloaded from).
      ATTACHMENT_HOSTS: new URL(fake.origin).host,
      // The same member asks again at once (as the in-process harness does, no cooldown).
      COOLDOWN_SECONDS: '0',
      SHARD_COUNT: '2',
      // GUILD_ID (shard 1) is the admin server: its base changes reach the process of shard 0 too.
      DISCORD_GUILD_ID: GUILD_ID,
    });
    const ask = async (guild: string) =>
      embedOf(await fake.response(fake.command('search', [option.string('query', 'library')], { guild })));
    try {
      await printed('"shards.ready"', 90_000);
      expect(fake.identifies.slice(identified).map((d) => (d as { shard: number[] }).shard)).toEqual([
        [0, 2],
        [1, 2],
      ]);
      for (const guild of [GUILD_ID, OTHER_GUILD_ID])
        expect((await ask(guild)).fields?.[0]?.value).toContain('Library opens');
      // A reply reaches Discord just before its process logs it done.
      const answered = (n: number) =>
        vi.waitFor(() => expect(linesOf(output, 'command.done')).toHaveLength(n), { timeout: 5_000 });
      await answered(2);
      const pids = new Map(linesOf(output, 'shard.spawned').map((l) => [l.shard, l.pid]));
      expect(pids.size).toBe(2);
      const shard0 = pids.get(0) as number;
      process.kill(shard0, 'SIGKILL');
      await vi.waitFor(
        () => {
          if (linesOf(output, 'shard.ready').length < 3) throw new Error('shard 0 not back yet');
        },
        { timeout: 60_000, interval: 200 },
      );
      expect(linesOf(output, 'shard.died').map((l) => l.shard)).toEqual([0]);
      expect((await ask(OTHER_GUILD_ID)).fields?.[0]?.value).toContain('Library opens');
      // Every answer done by the process of its guild's shard (another would have refused the guild).
      await answered(3);
      const bridge =
        '---\ntitle: "Bridge works"\n---\n\nThe old stone bridge reopened to walkers on Sunday.\n';
      const file = fake.attachment('bridge.md', new TextEncoder().encode(bridge));
      const admin = { id: '900000000000000201', permissions: PERMISSIONS.manageGuild, guild: GUILD_ID };
      const add = [option.subcommand('add', [option.attachment('file', file.id)])];
      const added = await fake.response(fake.command('kb', add, admin, [file]), 30_000);
      expect(String(added.data.content)).toContain('Added bridge.md');
      await vi.waitFor(
        () =>
          expect(linesOf(output, 'kb.reload').map((l) => [l.guild, l.scope])).toEqual([[GUILD_ID, 'base']]),
        { timeout: 60_000, interval: 200 },
      );
      const bridgeAnswer = await fake.response(
        fake.command('search', [option.string('query', 'stone bridge walkers')], { guild: OTHER_GUILD_ID }),
      );
      expect(embedOf(bridgeAnswer).fields?.[0]?.value).toContain('Bridge works');
      await answered(5);
      expect(linesOf(output, 'command.done').map((l) => l.guild)).toEqual([
        GUILD_ID,
        OTHER_GUILD_ID,
        OTHER_GUILD_ID,
        GUILD_ID,
        OTHER_GUILD_ID,
      ]);
      expect(linesOf(output, 'command.error')).toEqual([]);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      await rm(`${dir}-snapshots`, { recursive: true, force: true });
      await rm(guildDir, { recursive: true, force: true });
    }
    expect(output.stdout).not.toContain(TOKEN);
  }, 180_000);
});
