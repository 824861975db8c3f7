/**
 * End to end, faults a running bot must survive: hostile attachments (other hosts, redirects, bodies larger
 * than declared, file names that hide or break text), an emptied or deleted knowledge folder, bad files beside
 * good ones, and rate-limited interaction replies.
 */
import { once } from 'node:events';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { type CommandOption, option, PERMISSIONS } from './fake-discord.ts';
import { contentOf, type Running, startBot } from './harness.ts';

const admin = { id: '900000000000000301', permissions: PERMISSIONS.manageGuild };

const text = (title: string) =>
  `---\ntitle: "${title}"\n---\n\nThe ${title.toLowerCase()} opened on Monday.\n`;

let run: Running;

beforeAll(async () => {
  run = await startBot({ env: { KB_MAX_UPLOAD_BYTES: '100000' } });
});

afterAll(async () => {
  await run?.close();
});

afterEach(() => {
  delete run.fake.faults.rateLimit;
});

async function kb(
  sub: string,
  options: CommandOption[] = [],
  attachments: Parameters<typeof run.fake.command>[3] = [],
) {
  const reply = await run.fake.response(
    run.fake.command('kb', [option.subcommand(sub, options)], admin, attachments),
  );
  return contentOf(reply);
}

const add = (file: ReturnType<typeof run.fake.attachment>) =>
  kb('add', [option.attachment('file', file.id)], [file]);
const upload = (name: string, content: string) => run.fake.attachment(name, Buffer.from(content));

describe('attachment downloads', () => {
  it('does not follow a redirect off the allowed hosts', async () => {
    let fetched = 0;
    const other = createServer((_req, res) => {
      fetched += 1;
      res.end('A secret served only on this machine.');
    });
    other.listen(0, '127.0.0.1');
    await once(other, 'listening');
    try {
      const target = `http://127.0.0.1:${(other.address() as AddressInfo).port}/secret.txt`;
      const reply = await add(run.fake.redirectingAttachment('secret.txt', target));
      expect(reply).toContain('The document was not added: secret.txt:');
      expect(reply).toContain("the file is not on Discord's servers");
      expect(fetched).toBe(0);
      expect(await readdir(run.dir)).not.toContain('secret.txt');
    } finally {
      other.close();
    }
  });

  it('stops reading a body larger than the cap, whatever size it declared', async () => {
    const total = 200 * 1024 * 1024;
    const file = run.fake.streamingAttachment('flood.txt', total, 100);
    const reply = await add(file);
    expect(reply).toBe(
      'The document was not added: flood.txt: it is more than 100000 bytes; the limit is 100000 bytes.',
    );
    const sent = [...run.fake.streamedBytes.values()][0] ?? 0;
    // The bot hung up long before the end: the fake could write only what the socket buffers took.
    expect(sent).toBeLessThan(total / 4);
    expect(await readdir(run.dir)).not.toContain('flood.txt');
  });
});

describe('file names', () => {
  it('refuses names that hide, reorder or break text, or are too long, saying why', async () => {
    const cases: [string, RegExp][] = [
      ['invoice\u202Etxt.md', /invoice\{U\+202E\}txt\.md: the file name may only hold .*U\+202E/],
      ['zero\u200Bwidth.md', /U\+200B/],
      ['two\nlines.md', /two\{U\+000A\}lines\.md: .*U\+000A/],
      ['nul\u0000.md', /U\+0000/],
      [`${'a'.repeat(297)}.md`, /the file name is 300 characters long; the limit is 100/],
      ['folder/escape.md', /contains "\/"/],
    ];
    for (const [name, reason] of cases) {
      const reply = await add(upload(name, text('Refused')));
      expect(reply.split('\n')).toHaveLength(1);
      expect(reply).toMatch(/^The document was not added: /);
      expect(reply).toMatch(reason);
    }
    expect((await readdir(run.dir)).filter((f) => f !== 'trump-putin-call.md')).toEqual([]);
  });

  it('stores an accepted name in its NFC form', async () => {
    const reply = await add(upload('Cafe\u0301 notes.md', text('Cafe notes')));
    expect(reply).toContain('Added Café notes.md');
    expect(await readdir(run.dir)).toContain('Caf\u00e9 notes.md');
    await kb('remove', [option.string('document', 'Caf\u00e9 notes')]);
  });
});

describe('bad files beside good ones', () => {
  it('adds a good document beside a file that is not UTF-8, and lists that file', async () => {
    await writeFile(path.join(run.dir, 'latin1.txt'), Uint8Array.from([0x63, 0x61, 0x66, 0xe9]));
    const reply = await add(upload('good.md', text('Good bridge')));
    expect(reply).toMatch(/^Added good\.md — “Good bridge”\.\nReloaded in/);
    expect(reply).toContain('1 file was left out (fix and /kb reload):\n• latin1.txt: not valid UTF-8 text');
    expect(await readdir(run.dir)).toContain('good.md');
    expect(await kb('status')).toContain('• latin1.txt: not valid UTF-8 text');
    await rm(path.join(run.dir, 'latin1.txt'));
    await kb('remove', [option.string('document', 'good')]);
  });
});

describe('an empty knowledge base', () => {
  it('answers that it is empty after the last document is removed, and opens again after a restart', async () => {
    for (const doc of run.knowledge.current.documents)
      await kb('remove', [option.string('document', doc.id)]);
    expect(run.knowledge.current.documents).toEqual([]);
    const answer = await run.fake.response(run.fake.command('who', [option.string('query', 'anyone')]));
    expect(answer.ephemeral).toBe(true);
    expect(contentOf(answer)).toBe(
      'The knowledge base is empty — moderators can add documents with /kb add.',
    );
    expect(await kb('status')).toContain('The knowledge base is empty');
    const restarted = await KnowledgeService.open(run.dir);
    expect(restarted.current.documents).toEqual([]);
  });

  it('refuses an add into a deleted knowledge folder instead of making a new one', async () => {
    const trash = await readFile(
      path.join(run.dir, '.trash', (await readdir(path.join(run.dir, '.trash')))[0] as string),
    );
    await rm(run.dir, { recursive: true });
    const reply = await add(upload('lonely.md', text('Lonely')));
    expect(reply).toContain(
      'lonely.md: the knowledge folder (KNOWLEDGE\\_DIR) is missing on the server, so nothing was written',
    );
    await expect(readdir(run.dir)).rejects.toThrow(/ENOENT/);
    const reload = await kb('reload');
    expect(reload).toContain('• the knowledge folder: folder does not exist');
    expect(reload).not.toContain(run.dir);
    await mkdir(run.dir);
    await writeFile(path.join(run.dir, 'restored.md'), trash);
    expect(await kb('reload')).toMatch(/Documents 0 → 1/);
  });
});

describe('rate limits', () => {
  it('waits out a short rate limit on an interaction reply (Retry-After: 1) and gives the answer', async () => {
    run.fake.faults.rateLimit = {
      path: /\/callback$/,
      retryAfterSeconds: 1,
      bodyRetryAfterSeconds: 0.3,
      times: 1,
    };
    const id = run.fake.command('who', [option.string('query', 'Putin')]);
    const answer = await run.fake.response(id, 5000);
    expect(answer.via).toBe('callback');
    expect(JSON.stringify(answer.data)).toContain('Putin');
    expect(run.log.entries).toContainEqual(
      expect.objectContaining({ event: 'rest.rate_limited', action: 'waiting' }),
    );
  });

  it('logs a rate-limited interaction reply and gives up instead of waiting past Discord’s 3 s', async () => {
    run.fake.faults.rateLimit = { path: /\/callback$/, retryAfterSeconds: 30 };
    run.fake.command('who', [option.string('query', 'anyone')]);
    // Without the limit the client would wait the 30 s out, then reply long after Discord stopped listening.
    const failed = await vi.waitFor(
      () => {
        const entry = run.log.entries.find((e) => e.event === 'command.error_reply_failed');
        if (!entry) throw new Error('the reply has not failed yet');
        return entry;
      },
      { timeout: 5000 },
    );
    expect(String((failed.error as { name?: string }).name)).toMatch(/RateLimitError/);
    expect(run.log.entries).toContainEqual(
      expect.objectContaining({
        event: 'rest.rate_limited',
        route: '/interactions/:id/:token/callback',
        retryAfterMs: expect.toSatisfy((ms: number) => ms >= 30_000),
      }),
    );
  });
});
