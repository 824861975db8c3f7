/**
 * End to end: the buttons under answers (More, Share, 👍 / 👎), /kb gaps, the message command, /timeline,
 * and buttons pressed after a restart or a reload — through the real client and the fake Discord, on two
 * short invented documents. Last, every component the bot sent is checked against Discord's limits.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASK_MESSAGE_NAME } from '../../commands/ask-message.ts';
import { ALREADY_SHARED, EXPIRED_BUTTON, KNOWLEDGE_CHANGED } from '../../src/bot/buttons.ts';
import { ACTIONS, type Action } from '../../src/bot/custom-id.ts';
import {
  ACTION_ROWS_MAX,
  BUTTON_LABEL_MAX,
  BUTTONS_PER_ROW_MAX,
  CUSTOM_ID_MAX,
} from '../../src/bot/limits.ts';
import {
  FakeDiscord,
  type FakeMessage,
  type InteractionUser,
  option,
  PERMISSIONS,
  type Reply,
} from './fake-discord.ts';
import { contentOf, embedOf, type Running, startBot } from './harness.ts';

const asker = { id: '900000000000000301' };
const other = { id: '900000000000000302' };
const admin = { id: '900000000000000303', permissions: PERMISSIONS.manageGuild };

const LIBRARY = `---
title: "Lakeside library expands"
published: 2025-07-01
---

The Lakeside library opened its new reading room on March 3, 2021, the librarian Ada Brook said.

The library was first built in the 1990s by the town council.

In June 2019 the library board asked for money to repair the library roof.

Three years ago the library started lending tools as well as books.

Last week the library welcomed its ten thousandth member, Brook said.

The library garden will open next spring, according to the town council.

Volunteers at the library run a reading club for children every Saturday.

The library café sells coffee and cake to readers and visitors.
`;

const FERRY = `---
title: "Ferry timetable history"
published: 2025-07-01
---

The first ferry crossed the bay on May 1, 2010.

A second ferry joined the service on April 12, 2012.

The ferry pier was rebuilt in August 2014.

Night crossings began on October 5, 2016.

The ferry company changed its name in 2018.

A storm stopped every crossing on January 20, 2020.
`;

async function knowledgeFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-buttons-'));
  await writeFile(path.join(dir, 'lakeside.md'), LIBRARY);
  await writeFile(path.join(dir, 'ferry.md'), FERRY);
  return dir;
}

function buttonsOf(message: { components?: unknown }) {
  const rows = (message.components ?? []) as { components: { custom_id?: string; label?: string }[] }[];
  return rows.flatMap((row) => row.components);
}

function button(message: { components?: unknown }, action: Action) {
  return buttonsOf(message).find((b) => b.custom_id?.split(':')[1] === ACTIONS[action]);
}

function customIdOf(message: { components?: unknown }, action: Action): string {
  const found = button(message, action);
  if (!found?.custom_id) throw new Error(`no ${action} button in ${JSON.stringify(message.components)}`);
  return found.custom_id;
}

const fieldNumbers = (data: Record<string, unknown>) =>
  ((data.embeds as { fields?: { name: string }[] }[])[0]?.fields ?? []).map((f) => f.name.split(' ')[0]);

/** Runs a command and returns its reply and the message it made. */
async function ask(
  fake: FakeDiscord,
  command: string,
  options: ReturnType<typeof option.string>[],
  user: InteractionUser = asker,
): Promise<{ reply: Reply & { ephemeral: boolean }; message: FakeMessage }> {
  const id = fake.command(command, options, user);
  const reply = await fake.response(id);
  return { reply, message: fake.messagesFrom(id)[0] as FakeMessage };
}

async function press(
  fake: FakeDiscord,
  message: FakeMessage,
  customId: string,
  user: InteractionUser = asker,
) {
  const id = fake.press(message.id, customId, user);
  return { id, reply: await fake.response(id) };
}

async function gapsText(fake: FakeDiscord, clear = false): Promise<string> {
  const options = clear ? [option.boolean('clear', true)] : [];
  const id = fake.command('kb', [option.subcommand('gaps', options)], admin);
  return contentOf(await fake.response(id));
}

let run: Running;

beforeAll(async () => {
  run = await startBot({ dir: await knowledgeFolder() });
});

afterAll(async () => {
  await run?.close();
});

describe('More', () => {
  it('pages a public answer to its end, editing the message, the count going down', async () => {
    const { reply, message } = await ask(run.fake, 'search', [option.string('query', 'library')]);
    expect(reply.ephemeral).toBe(false);
    expect(fieldNumbers(reply.data)).toEqual(['1', '2', '3']);
    expect(button(message, 'more')?.label).toBe('More (5 left)');
    expect(button(message, 'share')).toBeUndefined();

    const second = await press(run.fake, message, customIdOf(message, 'more'));
    expect(second.reply.type).toBe(7);
    expect(fieldNumbers(second.reply.data)).toEqual(['4', '5', '6']);
    expect(button(second.reply.data, 'more')?.label).toBe('More (2 left)');

    const third = await press(run.fake, message, customIdOf(run.fake.messageById(message.id), 'more'));
    expect(fieldNumbers(third.reply.data)).toEqual(['7', '8']);
    expect(button(third.reply.data, 'more')).toBeUndefined();
    expect(button(third.reply.data, 'up')).toBeDefined();
  });

  it('gives someone else their own private copy of the next page, leaving the message as it is', async () => {
    const { message } = await ask(run.fake, 'search', [option.string('query', 'library')]);
    const { id, reply } = await press(run.fake, message, customIdOf(message, 'more'), other);
    expect(reply.type).toBe(4);
    expect(reply.ephemeral).toBe(true);
    expect(fieldNumbers(reply.data)).toEqual(['4', '5', '6']);
    expect(fieldNumbers(run.fake.messageById(message.id))).toEqual(['1', '2', '3']);
    // Their copy pages on for them.
    const copy = run.fake.messagesFrom(id)[0] as FakeMessage;
    const next = await press(run.fake, copy, customIdOf(copy, 'more'), other);
    expect(next.reply.type).toBe(7);
    expect(fieldNumbers(next.reply.data)).toEqual(['7', '8']);
  });
});

describe('Share', () => {
  it('posts a private answer in the channel once, naming who shared it without a ping', async () => {
    const { reply, message } = await ask(run.fake, 'search', [
      option.string('query', 'library'),
      option.boolean('private', true),
    ]);
    expect(reply.ephemeral).toBe(true);
    const shareId = customIdOf(message, 'share');
    const { id } = await press(run.fake, message, shareId);
    const followUp = await run.fake.waitFor(() => run.fake.repliesTo(id).find((r) => r.via === 'followup'));
    expect(Number(followUp.data.flags ?? 0) & 64).toBe(0);
    expect(followUp.data.allowed_mentions).toEqual({ parse: [] });
    expect(contentOf(followUp)).toBe(`Shared by <@${asker.id}>`);
    expect(followUp.data.embeds).toEqual(message.embeds);
    expect(button(followUp.data, 'share')).toBeUndefined();
    expect(button(followUp.data, 'up')).toBeDefined();
    // The private answer loses its Share button.
    expect(button(run.fake.messageById(message.id), 'share')).toBeUndefined();
    // The sharer pages the shared answer on, keeping who shared it.
    const shared = run.fake.messagesFrom(id)[0] as FakeMessage;
    const paged = await press(run.fake, shared, customIdOf(shared, 'more'));
    expect(paged.reply.type).toBe(7);
    expect(contentOf(paged.reply)).toBe(`Shared by <@${asker.id}>`);
    expect(paged.reply.data.allowed_mentions).toEqual({ parse: [] });

    const publicPosts = () => run.fake.requests.filter((r) => /\/webhooks\/\d+\/[^/]+$/.test(r.path)).length;
    const before = publicPosts();
    const again = await press(run.fake, message, shareId);
    expect(again.reply.ephemeral).toBe(true);
    expect(contentOf(again.reply)).toBe(ALREADY_SHARED);
    expect(publicPosts()).toBe(before);
  });

  it('is offered on a not-found answer, which is private', async () => {
    const { reply, message } = await ask(run.fake, 'who', [option.string('query', 'Zebulon Quarrington')]);
    expect(reply.ephemeral).toBe(true);
    expect(button(message, 'share')?.label).toBe('Share');
  });
});

describe('feedback and /kb gaps', () => {
  it('counts 👍 then 👎 as one 👎, acknowledged privately each time', async () => {
    await gapsText(run.fake, true);
    const { message } = await ask(run.fake, 'search', [option.string('query', 'coffee and cake')]);
    const up = await press(run.fake, message, customIdOf(message, 'up'));
    expect(up.reply.ephemeral).toBe(true);
    expect(contentOf(up.reply)).toContain('Thank you for the 👍');
    const down = await press(run.fake, message, customIdOf(message, 'down'));
    expect(contentOf(down.reply)).toBe('Your vote is now 👎. Thank you!');
    const again = await press(run.fake, message, customIdOf(message, 'down'));
    expect(contentOf(again.reply)).toBe('You already voted 👎 on this answer.');
    const text = await gapsText(run.fake);
    expect(text).toContain('1. "coffee and cake" — 👎 1× (/search)');
    expect(text).not.toContain('👎 2×');
  });

  it('lists not-found questions, most frequent first with counts and dates, and clears them', async () => {
    await gapsText(run.fake, true);
    for (const query of ['Zebulon Quarrington', 'zebulon  quarrington', 'Ottoline Vance'])
      await ask(run.fake, 'who', [option.string('query', query)]);
    const text = await gapsText(run.fake);
    const today = new Date().toISOString().slice(0, 10);
    expect(text).toContain(`1. "zebulon  quarrington" — not found 2× (/who), last ${today}`);
    expect(text).toContain(`2. "Ottoline Vance" — not found 1× (/who), last ${today}`);
    expect(await gapsText(run.fake, true)).toContain('3 recorded questions and votes forgotten');
    expect(await gapsText(run.fake)).toContain('No knowledge gaps');
  });

  it('acknowledges votes in direct messages without recording them or their questions', async () => {
    await gapsText(run.fake, true);
    const inDm = { ...asker, dm: true };
    const { reply, message } = await ask(run.fake, 'who', [option.string('query', 'Philippa Dorsey')], inDm);
    expect(reply.ephemeral).toBe(true);
    const vote = await press(run.fake, message, customIdOf(message, 'down'), inDm);
    expect(vote.reply.ephemeral).toBe(true);
    expect(contentOf(vote.reply)).toBe('Thank you for the 👎. (Votes in direct messages are not recorded.)');
    expect(await gapsText(run.fake)).toContain('No knowledge gaps');
  });

  it('refuses /kb gaps to members who are not moderators', async () => {
    const id = run.fake.command('kb', [option.subcommand('gaps')], other);
    expect(contentOf(await run.fake.response(id))).toContain('Only moderators');
  });
});

describe('Search the knowledge base (message command)', () => {
  it("answers privately from the message's text, with Share", async () => {
    const id = run.fake.messageCommand(ASK_MESSAGE_NAME, 'who repaired\n\nthe library   roof?');
    const reply = await run.fake.response(id);
    expect(reply.ephemeral).toBe(true);
    expect(embedOf(reply).title).toBe('/search who repaired the library roof?');
    expect(embedOf(reply).fields?.[0]?.value).toContain('roof');
    expect(button(reply.data, 'share')).toBeDefined();
  });

  it('says so when the message has no text', async () => {
    const reply = await run.fake.response(run.fake.messageCommand(ASK_MESSAGE_NAME, '   '));
    expect(reply.ephemeral).toBe(true);
    expect(contentOf(reply)).toContain('no text');
  });
});

describe('/timeline', () => {
  it('lists the dated events in date order at the precision of the text, with citations, paged', async () => {
    const { reply, message } = await ask(run.fake, 'timeline', []);
    const lines = String(embedOf(reply).description).split('\n');
    expect(lines.map((line) => /^\*\*(.+?)\*\*/.exec(line)?.[1])).toEqual([
      'the 1990s',
      '1 May 2010',
      '12 April 2012',
      'August 2014',
      '5 October 2016',
      '2018',
      'June 2019',
      '20 January 2020',
      '3 March 2021',
      '2022',
    ]);
    expect(lines[3]).toBe(
      '**August 2014** — The ferry pier was rebuilt in August 2014. — Ferry timetable history ¶ 3',
    );
    expect(embedOf(reply).footer?.text).toContain('Events 1–10 of 11');
    expect(button(message, 'more')?.label).toBe('More (1 left)');
    const next = await press(run.fake, message, customIdOf(message, 'more'));
    expect(String(embedOf(next.reply).description)).toMatch(/^\*\*the week of 24 June 2025\*\* — Last week/);
    expect(button(next.reply.data, 'more')).toBeUndefined();
  });

  it('keeps to the events about the words given', async () => {
    const { reply } = await ask(run.fake, 'timeline', [option.string('about', 'roof')]);
    expect(embedOf(reply).description).toBe(
      '**June 2019** — In June 2019 the library board asked for money to repair the library roof. — Lakeside library expands ¶ 3',
    );
    const none = await ask(run.fake, 'timeline', [option.string('about', 'volcano')]);
    expect(none.reply.ephemeral).toBe(true);
    expect(embedOf(none.reply).description).toBe('No dated events about "volcano".');
  });
});

describe('a 500-character question', () => {
  it('keeps its buttons working through a hashed custom id', async () => {
    const query = `${'library '.repeat(62)}the `;
    expect(query.length).toBe(500);
    const { message } = await ask(run.fake, 'search', [option.string('query', query)]);
    const more = customIdOf(message, 'more');
    expect(more).toMatch(/^sb1:m:search:[0-9a-f]{12}:3:#/);
    const { reply } = await press(run.fake, message, more);
    expect(fieldNumbers(reply.data)).toEqual(['4', '5', '6']);
  });
});

describe('after a restart and after a reload', () => {
  it('pages from the id after a restart, asks again for a forgotten long query, and gives fresh results', async () => {
    const fake = await FakeDiscord.start();
    const first = await startBot({ dir: await knowledgeFolder(), fake, keepFiles: true });
    const short = await ask(first.fake, 'search', [option.string('query', 'library')]);
    const long = await ask(first.fake, 'search', [option.string('query', 'library '.repeat(20))]);
    await first.close();

    const second = await startBot({ dir: first.dir, fake, env: { FEEDBACK_DIR: first.config.feedbackDir } });
    try {
      const paged = await press(second.fake, short.message, customIdOf(short.message, 'more'));
      expect(fieldNumbers(paged.reply.data)).toEqual(['4', '5', '6']);
      const expired = await press(second.fake, long.message, customIdOf(long.message, 'more'));
      expect(expired.reply.ephemeral).toBe(true);
      expect(contentOf(expired.reply)).toBe(`${EXPIRED_BUTTON} (/search)`);

      await writeFile(
        path.join(second.dir, 'lakeside.md'),
        LIBRARY.replace('The library café', 'The new library shop and the library café'),
      );
      await second.knowledge.reload('test');
      const fresh = await press(second.fake, short.message, customIdOf(short.message, 'more'));
      expect(contentOf(fresh.reply)).toBe(KNOWLEDGE_CHANGED);
      expect(fieldNumbers(fresh.reply.data)).toEqual(['1', '2', '3']);
      const footer = embedOf(fresh.reply).footer?.text;
      expect(footer).toContain(second.knowledge.current.version);
    } finally {
      await second.close();
      await fake.close();
      await rm(first.config.feedbackDir, { recursive: true, force: true });
    }
  });
});

describe('Discord limits', () => {
  it('keeps every component the bot sent within 5 rows, 5 buttons a row, 100-character ids, 80-character labels', () => {
    const bodies = run.fake.requests
      .map((request) => request.body as Record<string, unknown> | undefined)
      .map((body) =>
        body && 'type' in body && 'data' in body ? (body.data as Record<string, unknown>) : body,
      )
      .filter((body): body is Record<string, unknown> => typeof body === 'object' && body !== null);
    const rowsSent = bodies.map((body) => (body.components ?? []) as FakeMessage['components'] & object[]);
    expect(rowsSent.filter((rows) => rows.length > 0).length).toBeGreaterThan(10);
    for (const rows of rowsSent) {
      expect(rows.length).toBeLessThanOrEqual(ACTION_ROWS_MAX);
      for (const row of rows) {
        expect(row.components.length).toBeLessThanOrEqual(BUTTONS_PER_ROW_MAX);
        for (const component of row.components) {
          expect(component.custom_id?.length ?? 0).toBeLessThanOrEqual(CUSTOM_ID_MAX);
          expect(component.label?.length ?? 0).toBeLessThanOrEqual(BUTTON_LABEL_MAX);
          expect(component.label?.length ?? 0).toBeGreaterThan(0);
        }
      }
    }
  });
});
