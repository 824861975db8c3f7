/**
 * End to end with two servers: A (GUILD_ID, the admin server) and B (OTHER_GUILD_ID). Nothing of B's reaches A
 * — answers, autocomplete, status, suggestions, /help — B cannot touch the base, A can, and replaced or
 * removed files are kept in `.trash/`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempKnowledge } from '../helpers.ts';
import {
  type CommandOption,
  GUILD_ID,
  type InteractionUser,
  OTHER_GUILD_ID,
  option,
  PERMISSIONS,
} from './fake-discord.ts';
import { contentOf, embedOf, type Running, startBot } from './harness.ts';

const doc = (title: string, ...paragraphs: string[]) =>
  `---\ntitle: "${title}"\n---\n\n${paragraphs.join('\n\n')}\n`;

const STORY = doc(
  'Library opens',
  'Mayor Ruth Ames opened the new library on Monday, 3 March 2025.',
  '"Books are for everyone," Ames said.',
);
const PLANTED = doc(
  'Planted claims',
  'Councillor Zara Quintrell said the library will close on Friday, 7 March 2025.',
  '"The library is finished," Quintrell said.',
);

const moderatorA = { id: '900000000000000301', permissions: PERMISSIONS.manageGuild, guild: GUILD_ID };
const readerA = { id: '900000000000000302', guild: GUILD_ID };
const moderatorB = { id: '900000000000000401', permissions: PERMISSIONS.manageGuild, guild: OTHER_GUILD_ID };
const readerB = { id: '900000000000000402', guild: OTHER_GUILD_ID };

let run: Running;

beforeAll(async () => {
  run = await startBot({ dir: tempKnowledge({ 'story.md': STORY }) });
});

afterAll(async () => {
  await run?.close();
});

async function kb(
  user: InteractionUser,
  sub: string,
  options: CommandOption[] = [],
  file?: [string, string],
) {
  const attachment = file && run.fake.attachment(file[0], new TextEncoder().encode(file[1]));
  const withFile = attachment ? [option.attachment('file', attachment.id), ...options] : options;
  const id = run.fake.command('kb', [option.subcommand(sub, withFile)], user, attachment ? [attachment] : []);
  const reply = await run.fake.response(id);
  return { reply, text: contentOf(reply) };
}

async function ask(user: InteractionUser, command: string, query: string) {
  const reply = await run.fake.response(run.fake.command(command, [option.string('query', query)], user));
  return { reply, embed: embedOf(reply), text: JSON.stringify(embedOf(reply)) };
}

async function complete(user: InteractionUser, command: string, focused: CommandOption[]) {
  const reply = await run.fake.response(run.fake.autocomplete(command, focused, user));
  return (reply.data.choices as { name: string; value: string }[]).map((c) => c.value);
}

describe('two servers', () => {
  it("keeps B's own document to B: answers, autocomplete, suggestions, /help and status in A know nothing of it", async () => {
    const added = await kb(moderatorB, 'add', [], ['planted.md', PLANTED]);
    expect(added.text).toContain('Added planted.md');
    expect(await readdir(path.join(run.guildDir, OTHER_GUILD_ID))).toContain('planted.md');
    expect(await readdir(run.dir)).toEqual(['story.md']);

    const inB = await ask(readerB, 'search', 'library close Friday');
    expect(inB.embed.fields?.[0]?.value).toContain('Planted claims');
    expect(inB.reply.ephemeral).toBe(false);

    for (const user of [readerA, { ...readerA, guild: null }]) {
      const inA = await ask(user, 'search', 'library close Friday');
      expect(inA.text).not.toContain('Quintrell');
      expect(inA.text).not.toContain('Planted');
      const who = await ask(user, 'who', 'Quintrel');
      expect(who.embed.description).not.toContain('Quintrell');
      expect(who.text).not.toContain('Quintrell');
      const names = [
        ...(await complete(user, 'who', [option.string('query', 'Quin', true)])),
        ...(await complete(user, 'quote', [option.string('query', '', true)])),
      ];
      expect(names.join('|')).toContain('Ruth Ames');
      expect(names.join('|')).not.toContain('Quintrell');
      const help = await run.fake.response(run.fake.command('help', [], user));
      expect(embedOf(help).description).toContain('Library opens');
      expect(embedOf(help).description).not.toContain('Planted');
    }
    // B itself sees both: its own document and the base.
    const namesB = [
      ...(await complete(readerB, 'who', [option.string('query', 'Quin', true)])),
      ...(await complete(readerB, 'quote', [option.string('query', '', true)])),
    ];
    expect(namesB.join('|')).toContain('Zara Quintrell');
    const helpB = await run.fake.response(run.fake.command('help', [], readerB));
    expect(embedOf(helpB).description).toMatch(
      /Library opens[\s\S]*Planted claims|Planted claims[\s\S]*Library/,
    );

    const statusA = await kb(moderatorA, 'status');
    expect(statusA.text).not.toContain('planted');
    expect(statusA.text).not.toContain(moderatorB.id);
    const statusB = await kb(moderatorB, 'status');
    expect(statusB.text).toContain('planted — Planted claims');
    expect(statusB.text).toContain('story — Library opens');
  });

  it('refuses B any change to the base, privately and saying why; the base file stays', async () => {
    const removed = await kb(moderatorB, 'remove', [option.string('document', 'story')]);
    expect(removed.reply.ephemeral).toBe(true);
    expect(removed.text).toContain('Nothing was removed');
    expect(removed.text).toContain('is a base document, shared by every server');
    for (const [sub, options, file] of [
      ['remove', [option.string('document', 'story'), option.string('scope', 'base')], undefined],
      ['reload', [option.string('scope', 'base')], undefined],
      ['add', [option.string('scope', 'base')], ['story.md', PLANTED]],
    ] as const) {
      const refused = await kb(moderatorB, sub, [...options], file ? [...file] : undefined);
      expect(refused.reply.ephemeral).toBe(true);
      expect(refused.text).toContain('only moderators of the bot’s admin servers can change them');
    }
    expect(await readFile(path.join(run.dir, 'story.md'), 'utf8')).toBe(STORY);
    expect(await readdir(run.dir)).toEqual(['story.md']);
    const inA = await ask(readerA, 'search', 'library Monday');
    expect(inA.embed.fields?.[0]?.value).toContain('Library opens');
  });

  it('offers /kb remove only what the asker may remove, and nothing to non-moderators', async () => {
    const typed = (scope?: string) => [
      option.subcommand('remove', [
        option.string('document', '', true),
        ...(scope ? [option.string('scope', scope)] : []),
      ]),
    ];
    expect(await complete(moderatorB, 'kb', typed())).toEqual(['planted']);
    expect(await complete(moderatorB, 'kb', typed('base'))).toEqual([]);
    expect(await complete(readerB, 'kb', typed())).toEqual([]);
    expect(await complete(readerA, 'kb', typed())).toEqual([]);
    expect(await complete(moderatorA, 'kb', typed())).toEqual(['story']);
    expect(await complete(moderatorA, 'kb', typed('server'))).toEqual([]);
  });

  it('lets A (admin server) change the base, which every server then answers', async () => {
    const extra = doc('Bridge works', 'The old stone bridge reopened to walkers on Sunday.');
    const added = await kb(moderatorA, 'add', [], ['bridge.md', extra]);
    expect(added.text).toContain('Added bridge.md');
    expect(await readdir(run.dir)).toContain('bridge.md');
    for (const user of [readerA, readerB]) {
      const answer = await ask(user, 'search', 'stone bridge walkers');
      expect(answer.embed.fields?.[0]?.value).toContain('Bridge works');
    }
    // Who changed the base is shown in the admin server only.
    expect((await kb(moderatorA, 'status')).text).toContain(moderatorA.id);
    expect((await kb(moderatorB, 'status')).text).not.toContain(moderatorA.id);
    const removed = await kb(moderatorA, 'remove', [option.string('document', 'bridge')]);
    expect(removed.text).toContain('moved to .trash');
    expect((await readdir(path.join(run.dir, '.trash'))).some((f) => f.endsWith('bridge.md'))).toBe(true);
    expect((await ask(readerB, 'search', 'stone bridge walkers')).text).not.toContain('Bridge works');
  });

  it("keeps B's replaced and removed files in B's .trash", async () => {
    const trash = path.join(run.guildDir, OTHER_GUILD_ID, '.trash');
    const replacement = doc('Planted claims', 'Councillor Zara Quintrell withdrew her claims on Saturday.');
    const refused = await kb(moderatorB, 'add', [], ['planted.md', replacement]);
    expect(refused.text).toContain('already exists');
    const replaced = await kb(
      moderatorB,
      'add',
      [option.boolean('replace', true)],
      ['planted.md', replacement],
    );
    expect(replaced.text).toContain('The previous version went to .trash');
    const trashed = await readdir(trash);
    expect(trashed).toHaveLength(1);
    expect(await readFile(path.join(trash, trashed[0] as string), 'utf8')).toBe(PLANTED);
    const removed = await kb(moderatorB, 'remove', [option.string('document', 'planted')]);
    expect(removed.text).toContain('moved to .trash');
    expect(await readdir(trash)).toHaveLength(2);
    expect((await ask(readerB, 'search', 'Quintrell withdrew claims')).text).not.toContain('Planted');
  });

  it('still refuses /kb in a direct message', async () => {
    const { reply, text } = await kb({ ...moderatorA, guild: null }, 'status');
    expect(reply.ephemeral).toBe(true);
    expect(text).toContain('Only moderators');
  });

  it('names the server on every kb.* and command.* log line', () => {
    const lines = run.log.entries.filter((e) => /^(kb|command)\./.test(String(e.event)));
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(Object.hasOwn(line, 'guild')).toBe(true);
    const adds = lines.filter((e) => e.event === 'kb.add');
    expect(adds.map((e) => [e.guild, e.scope])).toContainEqual([OTHER_GUILD_ID, 'server']);
    expect(adds.map((e) => [e.guild, e.scope])).toContainEqual([GUILD_ID, 'base']);
    expect(lines.filter((e) => e.event === 'kb.remove').every((e) => e.guild !== undefined)).toBe(true);
  });
});
