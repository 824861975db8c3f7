/**
 * End to end with two servers, A (GUILD_ID, the admin server) and B (OTHER_GUILD_ID), on the surfaces added
 * beside per-server knowledge: web pages and feeds, /kb gaps, the More button and /timeline. Each is checked
 * both ways: B sees its own documents (so the question could reach them), A never does.
 */
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/bot/custom-id.ts';
import { tempKnowledge } from '../helpers.ts';
import { articlePage, rssFeed } from '../web/pages.ts';
import { WebServer } from '../web/web-server.ts';
import {
  type CommandOption,
  type FakeMessage,
  GUILD_ID,
  type InteractionUser,
  OTHER_GUILD_ID,
  option,
  PERMISSIONS,
} from './fake-discord.ts';
import { contentOf, type Running, startBot } from './harness.ts';

const doc = (title: string, ...paragraphs: string[]) =>
  `---\ntitle: "${title}"\npublished: 2025-07-01\n---\n\n${paragraphs.join('\n\n')}\n`;

/** The base: enough lighthouse paragraphs for an answer with a More button. */
const BASE = doc(
  'Lighthouse keepers',
  ...Array.from(
    { length: 8 },
    (_, i) => `The lighthouse keeper painted stair ${i + 1} of the lighthouse white.`,
  ),
);
/** B's own: lighthouse paragraphs too (so they would rank), and dated events. */
const B_OWN = doc(
  'Secret lighthouse plans',
  ...Array.from(
    { length: 8 },
    (_, i) => `The lighthouse keeper hid lighthouse plan ${i + 1} in the cellar on May ${i + 1}, 2031.`,
  ),
);

/** An article long enough to be one: its lead, then ordinary paragraphs. */
const story = (lead: string) => [
  lead,
  'The work took three days and was paid for by the town, the council said in a statement on Wednesday.',
  'Residents gathered on the quay to watch, and several of them said they were pleased with the result.',
  'More work of the same kind is planned for next year, when the budget allows it, officials said.',
  'A small exhibition about the history of the quay opens at the town museum at the end of the month.',
];

const moderatorA = { id: '900000000000000301', permissions: PERMISSIONS.manageGuild, guild: GUILD_ID };
const readerA = { id: '900000000000000302', guild: GUILD_ID };
const moderatorB = { id: '900000000000000401', permissions: PERMISSIONS.manageGuild, guild: OTHER_GUILD_ID };
const readerB = { id: '900000000000000402', guild: OTHER_GUILD_ID };
/** Discord's subcommand group option type. */
const SUBCOMMAND_GROUP = 2;

let server: WebServer;
let run: Running;

beforeAll(async () => {
  server = await WebServer.start();
  run = await startBot({
    dir: tempKnowledge({ 'lighthouse.md': BASE }),
    env: { KB_URL_ALLOW_HOSTS: server.allowHost },
  });
});

afterAll(async () => {
  await run?.close();
  await server?.close();
});

async function kb(user: InteractionUser, options: CommandOption[], file?: [string, string]) {
  const attachment = file && run.fake.attachment(file[0], new TextEncoder().encode(file[1]));
  const withFile = attachment
    ? options.map((o) => ({
        ...o,
        options: [option.attachment('file', attachment.id), ...(o.options ?? [])],
      }))
    : options;
  const id = run.fake.command('kb', withFile, user, attachment ? [attachment] : []);
  return contentOf(await run.fake.response(id));
}
const sub = (name: string, options: CommandOption[] = []) => [option.subcommand(name, options)];
const feedSub = (name: string, options: CommandOption[] = []): CommandOption[] => [
  { name: 'feed', type: SUBCOMMAND_GROUP, options: [option.subcommand(name, options)] },
];

async function ask(user: InteractionUser, command: string, options: CommandOption[]) {
  const id = run.fake.command(command, options, user);
  const reply = await run.fake.response(id);
  return { reply, text: JSON.stringify(reply.data), message: run.fake.messagesFrom(id)[0] as FakeMessage };
}
const search = (user: InteractionUser, query: string) => ask(user, 'search', [option.string('query', query)]);

function moreButton(message: FakeMessage): string | undefined {
  const rows = (message.components ?? []) as { components: { custom_id?: string }[] }[];
  return rows.flatMap((row) => row.components).find((b) => b.custom_id?.split(':')[1] === ACTIONS.more)
    ?.custom_id;
}

/** An answer and every page More leads to, pressed by the asker, as JSON. */
async function everyPage(user: InteractionUser, query: string): Promise<string[]> {
  const first = await search(user, query);
  const pages = [first.text];
  let message = first.message;
  for (let customId = moreButton(message); customId; customId = moreButton(message)) {
    const reply = await run.fake.response(run.fake.press(message.id, customId, user));
    pages.push(JSON.stringify(reply.data));
    message = run.fake.messageById(message.id);
  }
  return pages;
}

describe('web sources per server', () => {
  it("answers B's /kb add url page in B only, and writes it into B's folder", async () => {
    server.routes.set('/news/harbour', {
      body: articlePage(
        'Harbour crane repainted',
        story('Engineer Tomasz Vell repainted the harbour crane bright orange on Tuesday.'),
      ),
    });
    const added = await kb(moderatorB, sub('add', [option.string('url', server.url('/news/harbour'))]));
    expect(added).toContain('Harbour crane repainted');
    expect(await readdir(`${run.guildDir}/${OTHER_GUILD_ID}`)).toContain('harbour-crane-repainted.md');
    expect(await readdir(run.dir)).toEqual(['lighthouse.md']);

    expect((await search(readerB, 'harbour crane orange')).text).toContain('Harbour crane repainted');
    const inA = await search(readerA, 'harbour crane orange');
    expect(inA.text).not.toContain('Harbour crane');
    expect(inA.text).not.toContain('Vell');
  });

  it("follows B's feed in B's own state file; its articles are answered in B, never in A", async () => {
    server.routes.set('/news/ferry', {
      body: articlePage(
        'Ferry gets new engine',
        story('Captain Ilse Marrow fitted the ferry with a quiet engine on Monday.'),
      ),
    });
    server.routes.set('/b-feed.xml', {
      body: rssFeed('Bay News', [{ guid: 'ferry-1', link: server.url('/news/ferry'), title: 'Ferry' }]),
      type: 'application/rss+xml',
    });
    const followed = await kb(moderatorB, feedSub('add', [option.string('url', server.url('/b-feed.xml'))]));
    expect(followed).toContain('Following “Bay News”');
    expect(await kb(moderatorA, feedSub('list'))).toContain('No feeds are followed.');
    expect(await readdir(run.guildDir)).toContain(`${OTHER_GUILD_ID}.feeds.json`);

    const polled = await Promise.all(
      run.guildWeb.pollTargets().map(async (t) => [t.guild, await t.pollDue()]),
    );
    expect(polled).toContainEqual([
      OTHER_GUILD_ID,
      [
        expect.objectContaining({
          title: 'Bay News',
          added: [expect.objectContaining({ id: 'ferry-gets-new-engine' })],
        }),
      ],
    ]);

    expect((await search(readerB, 'ferry quiet engine')).text).toContain('Ferry gets new engine');
    expect((await search(readerA, 'ferry quiet engine')).text).not.toContain('Marrow');
    expect(await kb(moderatorB, sub('status'))).toMatch(/Feeds:\n• “Bay News”/);
    expect(await kb(moderatorA, sub('status'))).not.toContain('Bay News');
  });

  it('refuses scope: base to B for web sources too', async () => {
    const refused = await kb(
      moderatorB,
      sub('add', [option.string('url', server.url('/news/harbour')), option.string('scope', 'base')]),
    );
    expect(refused).toContain('only moderators of the bot’s admin servers can change them');
  });
});

describe('gaps, More and /timeline per server', () => {
  beforeAll(async () => {
    expect(await kb(moderatorB, sub('add'), ['secret.md', B_OWN])).toContain('Added secret.md');
  });

  it("keeps B's not-found questions out of A's /kb gaps", async () => {
    await search(readerB, 'zeppelin quarantine xylophone');
    expect(await kb(moderatorB, sub('gaps'))).toContain('zeppelin quarantine xylophone');
    expect(await kb(moderatorA, sub('gaps'))).not.toContain('zeppelin');
  });

  it("never shows B's documents on More in A (and does show them in B)", async () => {
    const inB = await everyPage(readerB, 'lighthouse keeper');
    expect(inB.join('\n')).toContain('Secret lighthouse plans');

    const inA = await everyPage(readerA, 'lighthouse keeper');
    expect(inA.length).toBeGreaterThan(1);
    for (const page of inA) {
      expect(page).not.toContain('Secret lighthouse');
      expect(page).not.toContain('cellar');
    }
  });

  it("lists no event of B's documents in A's /timeline", async () => {
    expect((await ask(readerB, 'timeline', [])).text).toContain('2031');
    const inA = await ask(readerA, 'timeline', []);
    expect(inA.text).not.toContain('2031');
    expect(inA.text).not.toContain('Secret lighthouse');
  });
});
