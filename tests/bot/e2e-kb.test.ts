/**
 * End to end: /kb through the real client — who may use it, status, reload with its diff, a broken
 * document that leaves the old knowledge base serving, and add/remove with attachments the fake serves.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_CONTENT_MAX } from '../../src/bot/limits.ts';
import {
  type CommandOption,
  type InteractionUser,
  MODERATOR_ROLE_ID,
  OTHER_ROLE_ID,
  option,
  PERMISSIONS,
} from './fake-discord.ts';
import { contentOf, embedOf, messageBodies, type Running, startBot } from './harness.ts';

const admin = { id: '900000000000000201', permissions: PERMISSIONS.manageGuild };
const moderator = { id: '900000000000000202', roles: [MODERATOR_ROLE_ID] };
const reader = { id: '900000000000000203', roles: [OTHER_ROLE_ID] };

const DOCUMENT = `---
title: "Harbour bridge reopens"
published: 2025-07-01
---

The harbour bridge reopened on Tuesday after repairs, the city engineer Maria Lopez said.

"Traffic will flow normally from tonight," Lopez told reporters.
`;

let run: Running;

beforeAll(async () => {
  run = await startBot();
});

afterAll(async () => {
  await run?.close();
});

async function kb(
  user: InteractionUser,
  sub: string,
  options: CommandOption[] = [],
  attachments: Parameters<typeof run.fake.command>[3] = [],
) {
  const id = run.fake.command('kb', [option.subcommand(sub, options)], user, attachments);
  const reply = await run.fake.response(id);
  return { reply, text: contentOf(reply) };
}

describe('who may use /kb', () => {
  it('refuses, privately, a member without Manage Server or a moderator role', async () => {
    for (const sub of ['status', 'reload']) {
      const { reply, text } = await kb(reader, sub);
      expect(reply.ephemeral).toBe(true);
      expect(text).toContain('Only moderators');
    }
    const refused = run.log.entries.filter((e) => e.event === 'command.refused' && e.user === reader.id);
    expect(refused.length).toBe(2);
  });

  it('refuses a member with no roles and no permissions', async () => {
    const { text } = await kb({ id: '900000000000000204' }, 'status');
    expect(text).toContain('Only moderators');
  });

  it('lets a member with a moderator role, or with Manage Server, in', async () => {
    for (const user of [moderator, admin]) {
      const { reply, text } = await kb(user, 'status');
      expect(reply.ephemeral).toBe(true);
      const { stats, version } = run.knowledge.current;
      expect(text).toContain(
        `Knowledge base ${version}: ${stats.documents} documents, ${stats.passages} passages, ${stats.people} people, ${stats.quotes} quotes`,
      );
      expect(text).toContain('Last reload: reloaded');
      expect(text).toContain('by start-up');
    }
  });
});

describe('/kb reload', () => {
  it('defers, then replies with the diff; status shows who reloaded', async () => {
    const before = run.knowledge.current;
    const story = path.join(run.dir, 'trump-putin-call.md');
    await writeFile(story, `${await readFile(story, 'utf8')}\n\nA closing paragraph added by the editor.\n`);
    await writeFile(path.join(run.dir, 'harbour-bridge.md'), DOCUMENT);
    const id = run.fake.command('kb', [option.subcommand('reload')], moderator);
    const reply = await run.fake.response(id);
    expect(run.fake.repliesTo(id)[0]?.type).toBe(5);
    expect(reply.via).toBe('edit');
    expect(reply.ephemeral).toBe(true);
    const text = contentOf(reply);
    const after = run.knowledge.current;
    expect(text).toContain(`Documents 1 → 2, passages ${before.stats.passages} → ${after.stats.passages}`);
    expect(after.stats.passages).toBe(before.stats.passages + 3);
    expect(text).toContain(`version ${before.version} → ${after.version}`);
    expect(text).toMatch(/\+ added harbour-bridge \([0-9a-f]{8}\)/);
    expect(text).toMatch(/~ changed trump-putin-call \([0-9a-f]{8} → [0-9a-f]{8}\)/);
    expect(text).toMatch(/Reloaded in \d+ ms/);
    const status = (await kb(admin, 'status')).text;
    expect(status).toContain(`by user${moderator.id.slice(-3)} (${moderator.id})`);
    expect(run.log.entries.some((e) => e.event === 'kb.reload' && e.user === moderator.id)).toBe(true);
    const answer = embedOf(
      await run.fake.response(run.fake.command('who', [option.string('query', 'Lopez')])),
    );
    expect(answer.description).toContain('Maria Lopez');
  });

  it('serves every good document when some are broken, listing each broken file and why', async () => {
    const broken = [path.join(run.dir, 'broken.md'), path.join(run.dir, 'empty.txt')];
    await writeFile(broken[0] as string, '---\ntitle: ""\n---\n\nText.\n');
    await writeFile(broken[1] as string, '\n\n');
    const { text } = await kb(admin, 'reload');
    expect(text).toMatch(/^Reloaded in \d+ ms\. Documents 2 → 2,/);
    expect(text).toContain('2 files were left out (fix and /kb reload):');
    expect(text).toMatch(/• broken\.md: front matter "title"/);
    expect(text).toMatch(/• empty\.txt: empty document/);
    const answer = await run.fake.response(run.fake.command('who', [option.string('query', 'Lopez')]));
    expect(embedOf(answer).description).toContain('Maria Lopez');
    const status = (await kb(admin, 'status')).text;
    expect(status).toContain('Last reload: reloaded');
    expect(status).toMatch(/• broken\.md: front matter "title"/);
    expect(status).toMatch(/• empty\.txt: empty document/);
    expect(run.log.entries).toContainEqual(
      expect.objectContaining({ event: 'knowledge.document_skipped', file: 'empty.txt' }),
    );
    for (const file of broken) await rm(file);
    expect((await kb(admin, 'reload')).text).not.toContain('left out');
  });
});

describe('/kb add and remove', () => {
  const upload = (name: string, bytes: Uint8Array | string, contentType = 'text/markdown') =>
    run.fake.attachment(name, typeof bytes === 'string' ? Buffer.from(bytes) : bytes, contentType);
  const add = (user: InteractionUser, file: ReturnType<typeof upload>, replace?: boolean) =>
    kb(
      user,
      'add',
      [
        option.attachment('file', file.id),
        ...(replace === undefined ? [] : [option.boolean('replace', replace)]),
      ],
      [file],
    );
  const downloaded = (file: ReturnType<typeof upload>) =>
    run.fake.requests.some((r) => r.method === 'GET' && file.url.endsWith(encodeURI(r.path)));

  it('adds a document: downloaded, validated, written atomically, reloaded', async () => {
    const passages = run.knowledge.current.stats.passages;
    const file = upload('ferry-strike.md', DOCUMENT.replace('Harbour bridge reopens', 'Ferry crews strike'));
    const { text, reply } = await add(moderator, file);
    expect(reply.ephemeral).toBe(true);
    expect(downloaded(file)).toBe(true);
    expect(text).toContain('Added ferry-strike.md — “Ferry crews strike”.');
    expect(text).toMatch(/\+ added ferry-strike/);
    expect(run.knowledge.current.stats.passages).toBe(passages + 2);
    const files = await readdir(run.dir);
    expect(files).toContain('ferry-strike.md');
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await readFile(path.join(run.dir, 'ferry-strike.md'), 'utf8')).toContain('Ferry crews strike');
    expect(run.log.entries.some((e) => e.event === 'kb.add' && e.user === moderator.id)).toBe(true);
  });

  it('replaces an existing document only with replace:true, keeping the old one in the trash', async () => {
    const again = upload('ferry-strike.md', DOCUMENT.replace('Harbour bridge reopens', 'Ferry strike ends'));
    const refused = await add(admin, again);
    expect(refused.text).toContain('already exists');
    expect(refused.text).toContain('replace:true');
    expect(await readFile(path.join(run.dir, 'ferry-strike.md'), 'utf8')).toContain('Ferry crews strike');
    const { text } = await add(admin, again, true);
    expect(text).toContain('Added ferry-strike.md — “Ferry strike ends”.');
    expect(text).toMatch(/previous version went to \.trash\/.*ferry-strike\.md/);
    expect(text).toMatch(/~ changed ferry-strike/);
    const trash = await readdir(path.join(run.dir, '.trash'));
    const old = trash.find((f) => f.endsWith('ferry-strike.md')) as string;
    expect(await readFile(path.join(run.dir, '.trash', old), 'utf8')).toContain('Ferry crews strike');
  });

  it('refuses a too-big attachment without downloading it', async () => {
    const big = upload('huge.md', `---\ntitle: Huge\n---\n\n${'word '.repeat(200_000)}`);
    expect(big.size).toBeGreaterThan(1_000_000);
    const { text } = await add(admin, big);
    expect(text).toContain(
      `The document was not added: huge.md is ${big.size} bytes; the limit is 1000000 bytes.`,
    );
    expect(downloaded(big)).toBe(false);
    expect(await readdir(run.dir)).not.toContain('huge.md');
  });

  it('refuses a binary file, whatever its name says', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x00, 0x01]);
    const image = await add(admin, upload('photo.png', png, 'image/png'));
    expect(image.text).toContain('photo.png is not a document: attach a .md or .txt file.');
    const disguised = await add(admin, upload('notes.txt', png, 'text/plain'));
    expect(disguised.text).toContain('The document was not added:');
    expect(disguised.text).toContain('notes.txt: not valid UTF-8 text');
    expect(await readdir(run.dir)).not.toContain('notes.txt');
  });

  it('refuses an add from a member who is not a moderator, without downloading', async () => {
    const file = upload('intruder.md', DOCUMENT);
    const { text } = await add(reader, file);
    expect(text).toContain('Only moderators');
    expect(downloaded(file)).toBe(false);
  });

  it('downloads only from ATTACHMENT_HOSTS, saying why it refused', async () => {
    const file = { ...upload('elsewhere.md', DOCUMENT), url: 'http://127.0.0.1:1/elsewhere.md' };
    const { text } = await add(admin, file);
    expect(text).toBe(
      "The document was not added: elsewhere.md: the file is not on Discord's servers (127.0.0.1:1).",
    );
    expect(await readdir(run.dir)).not.toContain('elsewhere.md');
  });

  it('offers the document list to moderators only', async () => {
    const typed = [option.subcommand('remove', [option.string('document', '', true)])];
    const forReader = await run.fake.response(run.fake.autocomplete('kb', typed, reader));
    expect(forReader.data.choices).toEqual([]);
    const forModerator = await run.fake.response(run.fake.autocomplete('kb', typed, moderator));
    expect((forModerator.data.choices as unknown[]).length).toBeGreaterThan(0);
  });

  it('autocompletes documents and removes one to the trash', async () => {
    const choices = await run.fake.response(
      run.fake.autocomplete(
        'kb',
        [option.subcommand('remove', [option.string('document', 'ferry', true)])],
        admin,
      ),
    );
    expect(choices.data.choices).toEqual([
      { name: 'ferry-strike — Ferry strike ends', value: 'ferry-strike' },
    ]);
    const { text } = await kb(admin, 'remove', [option.string('document', 'ferry-strike')]);
    expect(text).toMatch(
      /Removed ferry-strike — “Ferry strike ends”: moved to \.trash\/.*ferry-strike\.md\./,
    );
    expect(text).toMatch(/− removed ferry-strike/);
    expect(await readdir(run.dir)).not.toContain('ferry-strike.md');
    expect(run.knowledge.current.documents.map((d) => d.id)).not.toContain('ferry-strike');
    expect(
      (await readdir(path.join(run.dir, '.trash'))).filter((f) => f.endsWith('ferry-strike.md')).length,
    ).toBe(2);
    const missing = await kb(admin, 'remove', [option.string('document', 'ferry-strike')]);
    expect(missing.text).toContain('Nothing was removed:');
  });

  it('keeps every /kb reply within 2000 characters and pinging nobody', () => {
    for (const body of messageBodies(run.fake)) {
      expect(String(body.content ?? '').length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
