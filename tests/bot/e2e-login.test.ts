/**
 * End to end, as separate processes (`npm start`'s command): every way Discord can refuse or fail the bot
 * ends in one error line naming the cause and a non-zero exit status (what a supervisor such as systemd
 * needs to restart it), never a stack trace; and start-up succeeds with an empty folder or a bad file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REFUSED_EXIT_CODE } from '../../src/bot/discord-failures.ts';
import { APPLICATION_ID, FakeDiscord } from './fake-discord.ts';
import { copyKnowledge, REPO, TOKEN } from './harness.ts';

const TSX = path.join(REPO, 'node_modules/.bin/tsx');

let fake: FakeDiscord;
let cwd: string;
let knowledgeDir: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  cwd = await mkdtemp(path.join(tmpdir(), 'storybot-cwd-'));
  knowledgeDir = await copyKnowledge();
});

afterAll(async () => {
  await fake?.close();
  await rm(cwd, { recursive: true, force: true });
  await rm(knowledgeDir, { recursive: true, force: true });
});

afterEach(() => {
  delete fake.faults.acceptedToken;
  delete fake.faults.identifyCloseCode;
});

interface LogLine {
  level: string;
  event: string;
  cause?: string;
  [key: string]: unknown;
}

interface Exited {
  code: number | null;
  lines: LogLine[];
  stderr: string;
}

/** Starts the bot and waits for it to exit; `whenReady` runs once it logs bot.ready. */
async function start(
  env: Record<string, string>,
  whenReady?: (child: ChildProcess) => void,
): Promise<Exited> {
  const child = spawn(TSX, [path.join(REPO, 'src/bot/main.ts')], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: fake.apiUrl,
      KNOWLEDGE_DIR: knowledgeDir,
      SNAPSHOT_DIR: path.join(cwd, 'snapshots'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
    if (whenReady && stdout.includes('"bot.ready"')) {
      whenReady(child);
      whenReady = undefined;
    }
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine);
  return { code, lines, stderr };
}

/** One error line naming the cause; exit 78 when Discord refused the bot for good (a restart cannot help), else 1. */
function expectOneCause(exited: Exited, event: string, cause: RegExp, code = 1): void {
  expect(exited.code).toBe(code);
  const errors = exited.lines.filter((line) => line.level === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ event });
  expect(errors[0]?.cause).toMatch(cause);
  expect(exited.stderr).toBe('');
  expect(JSON.stringify(exited.lines)).not.toContain(TOKEN);
}

describe('a log-in that fails', () => {
  it('names a token the API refuses', async () => {
    fake.faults.acceptedToken = 'another-token';
    expectOneCause(
      await start({}),
      'bot.login_failed',
      /Discord refused the token \(HTTP 401\)/,
      REFUSED_EXIT_CODE,
    );
  });

  it('names a token the gateway refuses (close code 4004)', async () => {
    fake.faults.identifyCloseCode = 4004;
    expectOneCause(
      await start({}),
      'bot.login_failed',
      /Discord refused the token \(close code 4004\)/,
      REFUSED_EXIT_CODE,
    );
  });

  it('names disallowed intents (close code 4014)', async () => {
    fake.faults.identifyCloseCode = 4014;
    expectOneCause(
      await start({}),
      'bot.login_failed',
      /privileged gateway intent .*\(close code 4014\)/,
      REFUSED_EXIT_CODE,
    );
  });

  it('names an API that refuses connections', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const exited = await start({ DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expectOneCause(
      exited,
      'bot.login_failed',
      new RegExp(`127\\.0\\.0\\.1:${port} cannot be reached \\(ECONNREFUSED\\)`),
    );
  });

  it('names a host that DNS cannot find', async () => {
    const exited = await start({ DISCORD_API_URL: 'https://storybot-test.invalid/api' });
    expectOneCause(
      exited,
      'bot.login_failed',
      /storybot-test\.invalid could not be found \(DNS lookup failed\)/,
    );
  });

  it('gives up on an API that never answers, after LOGIN_TIMEOUT_SECONDS', async () => {
    const silent: Server = createServer(() => undefined);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    try {
      const exited = await start({
        DISCORD_API_URL: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`,
        LOGIN_TIMEOUT_SECONDS: '1',
      });
      expectOneCause(exited, 'bot.login_failed', /Discord did not let the bot in within 1 s/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });
});

describe('a gateway closed for good after start-up', () => {
  it('logs the cause and exits with the refused status', async () => {
    const exited = await start({}, () => fake.closeGateway(4014));
    expect(exited.lines.map((line) => line.event)).toContain('bot.ready');
    expectOneCause(exited, 'gateway.fatal_close', /privileged gateway intent/, REFUSED_EXIT_CODE);
  });
});

describe('start-up with a folder that is not all good', () => {
  const stopWhenReady = (child: ChildProcess) => child.kill('SIGTERM');

  it('starts with an empty folder', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'storybot-empty-'));
    try {
      const exited = await start({ KNOWLEDGE_DIR: empty }, stopWhenReady);
      expect(exited.code).toBe(0);
      const events = exited.lines.map((line) => line.event);
      expect(events).toContain('knowledge.empty');
      expect(events).toContain('bot.ready');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('starts with a bad file beside a good one, logging the file and why', async () => {
    const mixed = await copyKnowledge();
    await writeFile(path.join(mixed, 'latin1.txt'), Uint8Array.from([0x63, 0x61, 0x66, 0xe9]));
    try {
      const exited = await start({ KNOWLEDGE_DIR: mixed }, stopWhenReady);
      expect(exited.code).toBe(0);
      expect(exited.lines).toContainEqual(
        expect.objectContaining({
          event: 'knowledge.document_skipped',
          file: 'latin1.txt',
          problem: 'not valid UTF-8 text',
        }),
      );
      expect(exited.lines.map((line) => line.event)).toContain('bot.ready');
    } finally {
      await rm(mixed, { recursive: true, force: true });
    }
  });
});
