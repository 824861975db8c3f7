/**
 * `npm run bench:http [-- --requests N --knowledge DIR]`: the HTTP interactions endpoint scaled out, as it runs —
 * two `npm run start:http` processes (the compiled bot) on one shared knowledge folder, with a stand-in for
 * Discord's REST API that accepts the webhook edits and serves one attachment. Measures each process's start to
 * ready, N concurrent signed slash commands over both (every one must be answered within Discord's 3 s), and how
 * soon a document added through one process is answered by the other.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { once } from 'node:events';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../../src/project-root.ts';
import { percentile } from './stats.ts';

const ROOT = projectRoot(import.meta.url);
const APPLICATION_ID = '900000000000000001';
const GUILD_ID = '900000000000000002';
const DOCUMENT =
  '---\ntitle: Canal works\n---\n\nOrlando Vessimer, the canal engineer of Brunmoor, said the lock opens.\n';

interface Instance {
  child: ChildProcess;
  url: string;
  readyMs: number;
}

let nextId = 1n;
function snowflake(): string {
  nextId += 1n;
  return String(910000000000000000n + nextId);
}

/** A stand-in for Discord's REST API: accepts every webhook call, serves the attachment; counts the edits. */
async function restStandIn(): Promise<{ origin: string; edits: Set<string>; close(): void }> {
  const edits = new Set<string>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const token = /\/webhooks\/\d+\/([^/]+)\/messages\/@original/.exec(
        decodeURIComponent(req.url ?? ''),
      )?.[1];
      if (token && req.method === 'PATCH') edits.add(token);
      if (req.url?.startsWith('/attachments/'))
        res.writeHead(200, { 'content-type': 'text/markdown' }).end(DOCUMENT);
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, edits, close: () => server.close() };
}

async function startInstance(env: Record<string, string>): Promise<Instance> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/bot/main.js'), '--http'], {
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const found = /"event":"http\.ready".*?"port":(\d+)/.exec(out)?.[1];
      if (found) resolve(Number(found));
    });
    child.once('exit', () => reject(new Error(`start:http exited: ${out}`)));
  });
  return { child, url: `http://127.0.0.1:${port}/`, readyMs: performance.now() - started };
}

function interaction(
  name: string,
  options: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const id = snowflake();
  const user = {
    id: '900000000000000100',
    username: 'bench',
    discriminator: '0',
    global_name: null,
    avatar: null,
  };
  return {
    id,
    application_id: APPLICATION_ID,
    type: 2,
    token: `token-${id}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: '900000000000000003',
    member: {
      user,
      roles: [],
      permissions: String(1n << 5n),
      joined_at: '2025-01-01T00:00:00.000Z',
      flags: 0,
    },
    app_permissions: '0',
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': GUILD_ID },
    context: 0,
    data: { id: snowflake(), name, type: 1, options, guild_id: GUILD_ID, ...extra },
  };
}

async function post(url: string, payload: unknown, key: KeyObject): Promise<{ ms: number; body: string }> {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), key).toString('hex');
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': timestamp,
    },
    body,
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text}`);
  return { ms: performance.now() - started, body: text };
}

/** Adds the document through `one`, then asks `other` until it answers from it; milliseconds from the add's answer. */
async function propagation(
  one: Instance,
  other: Instance,
  origin: string,
  key: KeyObject,
  edits: Set<string>,
) {
  const attachment = {
    id: snowflake(),
    filename: 'canal.md',
    size: DOCUMENT.length,
    content_type: 'text/markdown',
  };
  const url = `${origin}/attachments/1/${attachment.id}/canal.md`;
  const add = interaction(
    'kb',
    [{ name: 'add', type: 1, options: [{ name: 'file', type: 11, value: attachment.id }] }],
    {
      resolved: { attachments: { [attachment.id]: { ...attachment, url, proxy_url: url } } },
    },
  );
  await post(one.url, add, key);
  const asked = performance.now();
  while (!edits.has(add.token as string)) {
    if (performance.now() - asked > 60_000) throw new Error('the add was never answered');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const added = performance.now();
  for (;;) {
    const { body } = await post(
      other.url,
      interaction('who', [{ name: 'query', type: 3, value: 'Orlando Vessimer' }]),
      key,
    );
    if (body.includes('canal engineer')) return performance.now() - added;
    if (performance.now() - added > 30_000)
      throw new Error('the other instance never answered from the new document');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { requests: { type: 'string', default: '300' }, knowledge: { type: 'string' } },
  });
  const requests = Number(values.requests);
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  const work = await mkdtemp(path.join(tmpdir(), 'storybot-bench-http-'));
  const knowledge = path.join(work, 'knowledge');
  await cp(values.knowledge ?? path.join(ROOT, 'knowledge'), knowledge, { recursive: true });
  const rest = await restStandIn();
  const env = {
    DISCORD_TOKEN: 'bench-token',
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_GUILD_ID: GUILD_ID,
    DISCORD_PUBLIC_KEY: der.subarray(der.length - 32).toString('hex'),
    DISCORD_API_URL: `${rest.origin}/api`,
    ATTACHMENT_HOSTS: new URL(rest.origin).host,
    KNOWLEDGE_DIR: knowledge,
    GUILD_DATA_DIR: path.join(work, 'guilds'),
    FEEDBACK_DIR: path.join(work, 'feedback'),
    SNAPSHOT_DIR: path.join(work, 'snapshots'),
    COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'warn',
  };
  const instances: Instance[] = [];
  try {
    // The first builds the snapshot; the second starts from it, as every later start does.
    instances.push(await startInstance({ ...env, LOG_LEVEL: 'info' }));
    instances.push(await startInstance({ ...env, LOG_LEVEL: 'info', FEED_POLLER: 'false' }));
    const queries = ['who', 'when', 'quote', 'search'];
    const started = performance.now();
    const timings = await Promise.all(
      Array.from({ length: requests }, (_, i) => {
        const command = queries[i % queries.length] as string;
        const payload = interaction(command, [
          { name: 'query', type: 3, value: ['Putin', 'drone attack', 'Trump'][i % 3] },
        ]);
        return post((instances[i % 2] as Instance).url, payload, privateKey).then((r) => r.ms);
      }),
    );
    const allMs = performance.now() - started;
    const spreadMs = await propagation(
      instances[0] as Instance,
      instances[1] as Instance,
      rest.origin,
      privateKey,
      rest.edits,
    );
    const report = {
      readyMs: instances.map((instance) => Math.round(instance.readyMs)),
      requests,
      allAnsweredMs: Math.round(allMs),
      p50Ms: Math.round(percentile(timings, 50)),
      p99Ms: Math.round(percentile(timings, 99)),
      maxMs: Math.round(Math.max(...timings)),
      within3s: timings.filter((ms) => ms < 3000).length,
      addedThroughOneAnsweredByOtherMs: Math.round(spreadMs),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    for (const instance of instances) instance.child.kill('SIGTERM');
    rest.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
