/**
 * End to end, the HTTP interactions endpoint: the fake Discord's interactions signed and POSTed to the bot's
 * endpoint as Discord sends them, each answered exactly as the gateway bot answers the same interaction (a gateway
 * bot on its own fake Discord, asked the same things, is the reference). Then what only the endpoint does:
 * PING, refused signatures and timestamps, unknown types, /healthz.
 */
import { sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SKEW_SECONDS } from '../../src/bot/http/signature.ts';
import {
  type CommandOption,
  type FakeDiscord,
  type FakeMessage,
  type InteractionUser,
  MODERATOR_ROLE_ID,
  option,
  PERMISSIONS,
} from './fake-discord.ts';
import { type Running, startBot } from './harness.ts';
import { balance, postSigned, signingKey } from './http-client.ts';

const key = signingKey();
const moderator: InteractionUser = { roles: [MODERATOR_ROLE_ID], permissions: PERMISSIONS.manageGuild };
let gateway: Running;
let http: Running;
let url: string;

beforeAll(async () => {
  [gateway, http] = await Promise.all([startBot(), startBot({ http: { publicKey: key.publicKey } })]);
  url = `http://127.0.0.1:${http.endpoint?.port}/interactions`;
  balance(http.fake, [url], key);
});

afterAll(async () => {
  await Promise.all([gateway?.close(), http?.close()]);
});

/** A reply as a person sees it, without what differs between two runs (ids, times). */
function seen(reply: { type: number; ephemeral: boolean; data: Record<string, unknown> }): unknown {
  return JSON.parse(
    JSON.stringify({ ...reply, via: undefined })
      .replace(/\d{17,20}/g, '<id>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
      .replace(/\d\d:\d\d:\d\d/g, '<time>')
      .replace(/\d+ ms/g, '<ms>'),
  );
}

/** The same interaction sent to both bots; the person's view of each reply. */
async function both(send: (fake: FakeDiscord) => string): Promise<[unknown, unknown]> {
  const [a, b] = await Promise.all(
    [gateway.fake, http.fake].map(async (fake) => seen(await fake.response(send(fake), 10_000))),
  );
  return [a, b];
}

const commandCases: [string, CommandOption[], InteractionUser?][] = [
  ['who', [option.string('query', 'Putin')]],
  ['when', [option.string('query', 'drone attack')]],
  ['quote', [option.string('query', 'Zelenskyy')]],
  ['search', [option.string('query', 'airfields'), option.boolean('private', true)]],
  ['search', [option.string('query', 'qqqzzx nothing like it')]],
  ['timeline', []],
  ['help', []],
  ['kb', [option.subcommand('status')], moderator],
  ['kb', [option.subcommand('status')]],
  ['kb', [option.subcommand('gaps')], moderator],
];

describe('the HTTP endpoint answers as the gateway bot does', () => {
  it.each(commandCases)('/%s %j', async (name, options, user = {}) => {
    const [viaGateway, viaHttp] = await both((fake) => fake.command(name, options, user));
    expect(viaHttp).toEqual(viaGateway);
  });

  it('autocomplete', async () => {
    for (const [name, options] of [
      ['who', [option.string('query', 'Pu', true)]],
      ['quote', [option.string('query', '', true)]],
      ['kb', [option.subcommand('remove', [option.string('document', 'tr', true)])]],
    ] as [string, CommandOption[]][]) {
      const [viaGateway, viaHttp] = await both((fake) => fake.autocomplete(name, options, moderator));
      expect(viaHttp).toEqual(viaGateway);
      expect((viaHttp as { type: number }).type).toBe(8);
    }
  });

  it('the message command', async () => {
    const [viaGateway, viaHttp] = await both((fake) =>
      fake.messageCommand('Search the knowledge base', 'drone attack on airfields'),
    );
    expect(viaHttp).toEqual(viaGateway);
  });

  it('buttons: More, Share and the votes, on a public and a private answer', async () => {
    const buttons = (message: FakeMessage) =>
      (message.components ?? []).flatMap((row) => row.components).map((b) => b.custom_id as string);
    for (const ephemeral of [false, true]) {
      const asked = async (fake: FakeDiscord) => {
        const id = fake.command('search', [
          option.string('query', 'Russia'),
          option.boolean('private', ephemeral),
        ]);
        await fake.response(id);
        const message = fake.messagesFrom(id)[0] as FakeMessage;
        return { message, customIds: buttons(message) };
      };
      const viaGateway = await asked(gateway.fake);
      const viaHttp = await asked(http.fake);
      expect(viaHttp.customIds).toEqual(viaGateway.customIds);
      expect(viaHttp.customIds.length).toBeGreaterThan(1);
      for (const customId of viaHttp.customIds) {
        const [pressedGateway, pressedHttp] = await both((fake) =>
          fake.press((fake === gateway.fake ? viaGateway : viaHttp).message.id, customId),
        );
        expect(pressedHttp).toEqual(pressedGateway);
      }
    }
  });

  it('/kb add with an attachment, then answers from the new document', async () => {
    const text =
      '---\ntitle: Harbour news\n---\n\nMarisol Quenby, the harbour master of Tessaly, said the pier reopens.\n';
    const [viaGateway, viaHttp] = await both((fake) => {
      const file = fake.attachment('harbour.md', Buffer.from(text));
      return fake.command('kb', [option.subcommand('add', [option.attachment('file', file.id)])], moderator, [
        file,
      ]);
    });
    expect(JSON.stringify(viaHttp).replace(/\d+ ms/g, '')).toEqual(
      JSON.stringify(viaGateway).replace(/\d+ ms/g, ''),
    );
    const answer = await http.fake.response(
      http.fake.command('who', [option.string('query', 'Marisol Quenby')]),
    );
    expect(JSON.stringify(answer.data)).toContain('harbour master');
  });
});

describe('what only the endpoint does', () => {
  const ping = JSON.stringify({
    id: '900000000000000777',
    type: 1,
    token: 't',
    application_id: '1',
    version: 1,
  });

  it('answers PING with PONG', async () => {
    expect(await postSigned(url, ping, key)).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses a bad signature, a missing one, another key and a stale or future timestamp with 401', async () => {
    const other = signingKey();
    const old = String(Math.floor(Date.now() / 1000) - MAX_SKEW_SECONDS - 5);
    const future = String(Math.floor(Date.now() / 1000) + MAX_SKEW_SECONDS + 5);
    const now = String(Math.floor(Date.now() / 1000));
    const signed = (body: string, at: string) =>
      sign(null, Buffer.from(at + body), key.privateKey).toString('hex');
    for (const delivery of [
      await postSigned(url, ping, key, { signature: '00'.repeat(64) }),
      await postSigned(url, ping, key, { signature: '' }),
      await postSigned(url, ping, other),
      await postSigned(url, ping, key, { timestamp: old }),
      await postSigned(url, ping, key, { timestamp: future }),
      // A body changed after it was signed.
      await postSigned(url, ping.replace('"t"', '"u"'), key, {
        timestamp: now,
        signature: signed(ping, now),
      }),
    ])
      expect(delivery.status).toBe(401);
    expect(http.log.entries.some((entry) => entry.event === 'http.refused')).toBe(true);
  });

  it('refuses an unknown interaction type and a body that is no interaction with 400', async () => {
    const unknown = JSON.stringify({ id: '900000000000000778', type: 99, token: 't', application_id: '1' });
    expect((await postSigned(url, unknown, key)).status).toBe(400);
    expect((await postSigned(url, '{"hello":1}', key)).status).toBe(400);
    expect((await postSigned(url, 'not json', key)).status).toBe(400);
  });

  it('answers a modal or a select menu it never sent privately, rather than leaving it unanswered', async () => {
    const modal = JSON.stringify({
      id: '900000000000000779',
      type: 5,
      token: 't',
      application_id: '1',
      data: { custom_id: 'x', components: [] },
    });
    const delivery = await postSigned(url, modal, key);
    expect(delivery.status).toBe(200);
    expect(delivery.body).toMatchObject({ type: 4, data: { flags: 64 } });
  });

  it('serves /healthz for the load balancer, and nothing else but POST', async () => {
    const health = await fetch(`http://127.0.0.1:${http.endpoint?.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', knowledgeBase: http.knowledge.current.version });
    expect((await fetch(url)).status).toBe(404);
  });
});
