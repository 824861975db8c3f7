/**
 * The HTTP endpoint scaled out: two instances on one shared KNOWLEDGE_DIR and GUILD_DATA_DIR behind a
 * round-robin balancer. A document added through one is answered by the other within seconds (the change
 * stamps); hundreds of concurrent signed requests are all answered within Discord's 3 s; an answer that takes
 * longer than that is deferred by the endpoint and delivered through the webhook.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SlashCommand } from '../../src/bot/command.ts';
import { respond } from '../../src/bot/respond.ts';
import { STAMP_FILE } from '../../src/knowledge/change-stamps.ts';
import {
  FakeDiscord,
  type InteractionUser,
  MODERATOR_ROLE_ID,
  OTHER_GUILD_ID,
  option,
  PERMISSIONS,
} from './fake-discord.ts';
import { copyKnowledge, type Running, startBot } from './harness.ts';
import { balance, signingKey } from './http-client.ts';

const key = signingKey();
/**
 * Discord waits 3 s for an HTTP response and the endpoint defers at 2.5 s; the tests allow twice that, room for a
 * machine busy with other tests. `npm run bench:http` measures the real figure, on two processes.
 */
const HTTP_RESPONSE_BOUND_MS = 6000;
const moderator: InteractionUser = { roles: [MODERATOR_ROLE_ID], permissions: PERMISSIONS.manageGuild };
/** Takes longer than Discord waits for the HTTP response, without deferring by itself. */
const slow: SlashCommand = {
  data: { name: 'slow', toJSON: () => ({ name: 'slow', description: 'answers after 2.8 s' }) },
  execute: async (interaction) => {
    await new Promise((resolve) => setTimeout(resolve, 2800));
    await respond(interaction, { content: 'Answered slowly.', ephemeral: true });
  },
};

let fake: FakeDiscord;
let instances: Running[];
let deliveries: ReturnType<typeof balance>;
/** The instance the next interaction goes to; undefined: round robin. */
let target: number | undefined;
let turn = 0;
let dir: string;
let guildDir: string;

beforeAll(async () => {
  fake = await FakeDiscord.start();
  dir = await copyKnowledge();
  guildDir = await mkdtemp(path.join(tmpdir(), 'storybot-guilds-'));
  const shared = {
    fake,
    dir,
    guildDir,
    keepFiles: true,
    http: { publicKey: key.publicKey },
    extraCommands: [slow],
  };
  instances = [await startBot(shared), await startBot(shared)];
  const urls = instances.map((instance) => `http://127.0.0.1:${instance.endpoint?.port}/`);
  deliveries = balance(fake, urls, key, () => target ?? turn++);
});

afterAll(async () => {
  for (const instance of instances ?? []) await instance.close();
  await fake?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(guildDir, { recursive: true, force: true });
});

/** Asks `query` through instance `index` until the answer contains `expected`; the milliseconds it took. */
async function answeredBy(index: number, query: string, expected: string, guild?: string): Promise<number> {
  const started = performance.now();
  target = index;
  try {
    for (;;) {
      const user = guild ? { guild } : {};
      const reply = await fake.response(fake.command('who', [option.string('query', query)], user), 5000);
      if (JSON.stringify(reply.data).includes(expected)) return performance.now() - started;
      if (performance.now() - started > 10_000)
        throw new Error(`instance ${index} never answered "${expected}"`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    target = undefined;
  }
}

async function add(index: number, name: string, text: string, user: InteractionUser): Promise<string> {
  const file = fake.attachment(name, Buffer.from(text));
  target = index;
  try {
    const id = fake.command('kb', [option.subcommand('add', [option.attachment('file', file.id)])], user, [
      file,
    ]);
    return String((await fake.response(id, 15_000)).data.content);
  } finally {
    target = undefined;
  }
}

describe('two instances on one shared folder', () => {
  it('a base document added through one is answered by the other within 5 s', async () => {
    const doc =
      '---\ntitle: Canal works\n---\n\nOrlando Vessimer, the canal engineer of Brunmoor, said the lock opens in May.\n';
    expect(await add(0, 'canal.md', doc, moderator)).toContain('canal');
    const version = instances[0]?.knowledge.current.version;
    // The stamp is written once the change's reply has gone.
    await vi.waitFor(async () =>
      expect((await readFile(path.join(dir, STAMP_FILE), 'utf8')).trim()).toBe(version),
    );
    expect(await answeredBy(1, 'Orlando Vessimer', 'canal engineer')).toBeLessThan(5000);
    expect(instances[1]?.knowledge.current.version).toBe(version);
  });

  it("a server's own document added through one is answered by the other within 5 s", async () => {
    const member = { ...moderator, guild: OTHER_GUILD_ID };
    const mill =
      '---\ntitle: Mill fire\n---\n\nPhilippa Drosk, the fire chief of Amberlee, said the mill burned.\n';
    expect(await add(0, 'mill.md', mill, member)).toContain('mill');
    // Now the other instance has the server's documents in memory, as they were before the next change.
    await answeredBy(1, 'Philippa Drosk', 'fire chief', OTHER_GUILD_ID);
    const bakery =
      '---\ntitle: Bakery\n---\n\nTobiah Lunst, the baker of Amberlee, said bread prices rise.\n';
    expect(await add(0, 'bakery.md', bakery, member)).toContain('bakery');
    expect(await answeredBy(1, 'Tobiah Lunst', 'the baker', OTHER_GUILD_ID)).toBeLessThan(5000);
  });
});

describe('load', () => {
  it('answers 300 concurrent signed requests over the two instances, none lost, none left waiting', async () => {
    const queries = ['Putin', 'Trump', 'Zelenskyy', 'drone attack', 'airfields', 'nothing like this at all'];
    const commands = ['who', 'search', 'quote', 'when'];
    const ids = Array.from({ length: 300 }, (_, i) =>
      fake.command(
        commands[i % commands.length] as string,
        [option.string('query', queries[i % queries.length] as string)],
        {
          id: String(900000000000100000n + BigInt(i)),
        },
      ),
    );
    const replies = await Promise.all(ids.map((id) => fake.response(id, 20_000)));
    // Each is the answer itself, or (on a machine too busy to answer in time) the edit of the endpoint's deferral.
    expect(replies.every((reply) => reply.type === 4 || reply.via === 'edit')).toBe(true);
    expect(replies.every((reply) => (reply.data.embeds as unknown[]).length === 1)).toBe(true);
    const timings = ids.map((id) => deliveries.get(id));
    expect(timings.every((delivery) => delivery?.status === 200)).toBe(true);
    expect(new Set(timings.map((delivery) => delivery?.endpoint)).size).toBe(2);
    expect(Math.max(...timings.map((delivery) => delivery?.ms ?? Number.POSITIVE_INFINITY))).toBeLessThan(
      HTTP_RESPONSE_BOUND_MS,
    );
  });

  it('defers an answer that outlasts 3 s, then edits the deferral with it', async () => {
    const id = fake.command('slow');
    const reply = await fake.response(id, 10_000);
    expect(fake.repliesTo(id)[0]?.type).toBe(5);
    expect(deliveries.get(id)?.ms).toBeLessThan(HTTP_RESPONSE_BOUND_MS);
    expect(reply).toMatchObject({ via: 'edit', ephemeral: true, data: { content: 'Answered slowly.' } });
  });
});
