/**
 * End to end: documents that try to break a reply — one far longer than Discord allows, one full of
 * markdown and mentions — and the per-user cooldown.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
} from '../../src/bot/limits.ts';
import { QUERY_MAX_CHARS } from '../../src/engine/answer.ts';
import { option } from './fake-discord.ts';
import { contentOf, type EmbedBody, embedOf, messageBodies, type Running, startBot } from './harness.ts';

const LONG_TITLE = `The ${'very '.repeat(80)}long story`;
// One paragraph of very long sentences, each mentioning the same person.
const LONG_BODY = Array.from(
  { length: 40 },
  (_, i) =>
    `Governor Anna Berg said that ${'the reservoir level kept falling '.repeat(12)} in week ${i + 1}.`,
).join(' ');

const MARKDOWN_DOCUMENT = `---
title: "**Bold** claims: a _test_ of <@123>"
source: https://example.org/news_(1)
---

Spokesman Karl Weiss told @everyone and <@123456789012345678> that **nothing** had happened, calling it "a ~~fake~~ __story__ for ||everyone||" and adding [a link](https://evil.example).
`;

let run: Running;

beforeAll(async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-content-'));
  await writeFile(path.join(dir, 'long.md'), `---\ntitle: "${LONG_TITLE}"\n---\n\n${LONG_BODY}\n`);
  await writeFile(path.join(dir, 'markdown.md'), MARKDOWN_DOCUMENT);
  run = await startBot({ dir, env: { COOLDOWN_SECONDS: '60' } });
});

afterAll(async () => {
  await run?.close();
});

let nextUser = 300;
async function ask(command: string, query: string) {
  nextUser += 1;
  const id = run.fake.command(command, [option.string('query', query)], { id: `900000000000000${nextUser}` });
  return run.fake.response(id);
}

function embedLength(embed: EmbedBody): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function expectWithinLimits(embed: EmbedBody): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_TITLE_MAX);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeLessThanOrEqual(EMBED_FIELD_NAME_MAX);
    expect(field.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
  }
  expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
}

describe('a long document', () => {
  it('is cut to Discord limits at a word, with an ellipsis', async () => {
    for (const command of ['who', 'search', 'when']) {
      const embed = embedOf(await ask(command, 'Anna Berg reservoir level'));
      expectWithinLimits(embed);
      expect(embed.fields?.length).toBeGreaterThan(0);
    }
    const embed = embedOf(await ask('search', 'reservoir level kept falling'));
    const citation = embed.fields?.[0]?.value.split('\n').at(-1) ?? '';
    expect(citation).toMatch(/^— The very (very )+\S*… ¶ 1, sentence \d+$/);
  });

  it('cuts a query as long as Discord allows into a title within limits', async () => {
    const embed = embedOf(await ask('search', `${'reservoir '.repeat(60)}`.slice(0, QUERY_MAX_CHARS)));
    expect(embed.title?.length).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(embed.title?.endsWith('…')).toBe(true);
    expectWithinLimits(embed);
  });
});

describe('a document with markdown and mentions', () => {
  it('is quoted as written: markdown escaped, mentions not rendered, nobody pinged', async () => {
    const reply = await ask('search', 'nothing had happened');
    const embed = embedOf(reply);
    const value = embed.fields?.[0]?.value ?? '';
    expect(value).toContain('@everyone');
    expect(value).toContain('\\<@123456789012345678>');
    expect(value).toContain('\\*\\*nothing\\*\\*');
    expect(value).toContain('\\~\\~fake\\~\\~ \\_\\_story\\_\\_ for \\|\\|everyone\\|\\|');
    expect(value).toContain('\\[a link\\](https://evil.example)');
    expect(value).toContain(
      '[\\*\\*Bold\\*\\* claims: a \\_test\\_ of \\<@123>](<https://example.org/news_(1)>)',
    );
    expect(reply.data.allowed_mentions).toEqual({ parse: [] });
  });

  it('/help escapes the titles it lists', async () => {
    const embed = embedOf(await ask('help', ''));
    expect(embed.description).toContain('\\*\\*Bold\\*\\* claims');
  });
});

describe('cooldown', () => {
  it('asks a member to wait before using the same command again, privately', async () => {
    const user = { id: '900000000000000999' };
    const first = await run.fake.response(
      run.fake.command('search', [option.string('query', 'reservoir')], user),
    );
    expect(first.ephemeral).toBe(false);
    const second = await run.fake.response(
      run.fake.command('search', [option.string('query', 'reservoir')], user),
    );
    expect(second.ephemeral).toBe(true);
    expect(contentOf(second)).toMatch(/^Please wait \d+ s before using \/search again/);
    const other = await run.fake.response(run.fake.command('who', [option.string('query', 'Weiss')], user));
    expect(other.ephemeral).toBe(false);
  });

  it('never lets a reply ping anyone', () => {
    for (const body of messageBodies(run.fake)) expect(body.allowed_mentions).toEqual({ parse: [] });
  });
});
