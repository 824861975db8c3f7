/**
 * End to end, as a separate process: `npm run start:http`'s command (the compiled bot in dist/, as `npm ci`
 * builds it) refuses to start without DISCORD_PUBLIC_KEY, answers PING and a slash command on its port, and
 * shuts down cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_ID, FakeDiscord, option } from './fake-discord.ts';
import { copyKnowledge, REPO, TOKEN } from './harness.ts';
import { balance, postSigned, signingKey } from './http-client.ts';

const MAIN = path.join(REPO, 'dist/src/bot/main.js');
const key = signingKey();
let fake: FakeDiscord;
let cwd: string;
let dir: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  cwd = await mkdtemp(path.join(tmpdir(), 'storybot-cwd-'));
  dir = await copyKnowledge();
});

afterAll(async () => {
  await fake?.close();
  await rm(cwd, { recursive: true, force: true });
  await rm(dir, { recursive: true, force: true });
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN, '--http'], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: dir,
      SNAPSHOT_DIR: path.join(cwd, 'snapshots'),
      GUILD_DATA_DIR: path.join(cwd, 'guilds'),
      FEEDBACK_DIR: path.join(cwd, 'feedback'),
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk) => {
    output.stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    output.stderr += String(chunk);
  });
  /** The port from the http.ready line, once it is printed. */
  const ready = new Promise<number>((resolve, reject) => {
    const check = () => {
      const port = /"event":"http\.ready".*?"port":(\d+)/.exec(output.stdout)?.[1];
      if (port) resolve(Number(port));
    };
    child.stdout.on('data', check);
    child.once('exit', () => reject(new Error(`exited before ready: ${output.stdout}${output.stderr}`)));
  });
  // A start that is refused never gets ready; only a test that waits for it cares.
  ready.catch(() => undefined);
  return { child, output, ready };
}

describe('npm run start:http', () => {
  it('refuses to start without DISCORD_PUBLIC_KEY, naming it', async () => {
    const { child, output } = start({});
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output.stderr).toContain('DISCORD_PUBLIC_KEY');
  });

  it('answers PING and a slash command, and stops with exit code 0 on SIGTERM', async () => {
    const { child, output, ready } = start({ DISCORD_PUBLIC_KEY: key.publicKey, FEED_POLLER: 'false' });
    const port = await ready;
    const url = `http://127.0.0.1:${port}/`;
    const ping = JSON.stringify({
      id: '900000000000000700',
      type: 1,
      token: 't',
      application_id: APPLICATION_ID,
    });
    expect(await postSigned(url, ping, key)).toEqual({ status: 200, body: { type: 1 } });
    balance(fake, [url], key);
    const reply = await fake.response(fake.command('search', [option.string('query', 'drone')]), 10_000);
    expect(reply.type).toBe(4);
    expect((reply.data.embeds as { title?: string }[])[0]?.title).toBe('/search drone');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    expect(output.stdout).toContain('"event":"bot.stopped"');
  });
});
