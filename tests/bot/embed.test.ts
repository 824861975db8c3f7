import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { renderAnswerEmbed } from '../../src/bot/embed.ts';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
} from '../../src/bot/limits.ts';
import type { Answer, AnswerResult } from '../../src/engine/answer.ts';

const label = { version: 'abc123', passages: 42 };

function result(overrides: Partial<AnswerResult> = {}): AnswerResult {
  return {
    excerpt: 'The minister said the talks would resume on Monday in the capital.',
    highlight: 'on Monday',
    citation: { document: 'talks', title: 'Talks resume', paragraph: 3, sentence: 2 },
    score: 1,
    ...overrides,
  };
}

function answer(overrides: Partial<Answer> = {}): Answer {
  return {
    command: 'when',
    query: 'talks resume',
    found: true,
    summary: 'The talks resume on Monday.',
    results: [result()],
    suggestions: [],
    ...overrides,
  };
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

describe('renderAnswerEmbed', () => {
  it('shows the question, the summary, the excerpt with its answer in bold, the citation and the version', () => {
    const embed = renderAnswerEmbed(answer(), label);
    expect(embed.title).toBe('/when talks resume');
    expect(embed.description).toBe('The talks resume on Monday.');
    expect(embed.fields).toEqual([
      {
        name: '1',
        value:
          'The minister said the talks would resume **on Monday** in the capital.\n— Talks resume ¶ 3, sentence 2',
      },
    ]);
    expect(embed.footer?.text).toBe('Knowledge base abc123 · 42 passages');
  });

  it('links the citation to the source and names the speaker or date', () => {
    const embed = renderAnswerEmbed(
      answer({
        results: [
          result({
            speaker: 'The minister',
            date: '2025-06-09',
            citation: {
              document: 'talks',
              title: 'Talks resume',
              paragraph: 1,
              sentence: 1,
              source: 'https://example.org/a_(b)',
            },
          }),
        ],
      }),
      label,
    );
    expect(embed.fields?.[0]?.name).toBe('1 · The minister · 2025-06-09');
    expect(embed.fields?.[0]?.value).toContain(
      '— [Talks resume](<https://example.org/a_(b)>) ¶ 1, sentence 1',
    );
  });

  it('marks a reported statement in its label', () => {
    const embed = renderAnswerEmbed(
      answer({
        results: [
          result({ speaker: 'Ann Lee', kind: 'reported' }),
          result({ speaker: 'Ann Lee', kind: 'direct' }),
        ],
      }),
      label,
    );
    expect(embed.fields?.map((f) => f.name)).toEqual(['1 · Ann Lee · reported', '2 · Ann Lee']);
  });

  it('shows an ellipsis after an excerpt that stops inside a sentence, and none after a whole one', () => {
    const cut = renderAnswerEmbed(
      answer({ results: [result({ excerpt: 'The talks would resume on Monday in', truncated: true })] }),
      label,
    );
    expect(cut.fields?.[0]?.value.split('\n')[0]).toBe('The talks would resume **on Monday** in…');
    const whole = renderAnswerEmbed(answer(), label);
    expect(whole.fields?.[0]?.value.split('\n')[0]).toMatch(/capital\.$/);
    const inside = renderAnswerEmbed(
      answer({ results: [result({ excerpt: 'resume on Monday in Rome.', truncatedStart: true })] }),
      label,
    );
    expect(inside.fields?.[0]?.value.split('\n')[0]).toBe('…resume **on Monday** in Rome.');
  });

  it('shows at most three excerpts', () => {
    const embed = renderAnswerEmbed(answer({ results: [1, 2, 3, 4, 5].map(() => result()) }), label);
    expect(embed.fields?.map((field) => field.name)).toEqual(['1', '2', '3']);
  });

  it('escapes markdown and mentions in quoted text', () => {
    const embed = renderAnswerEmbed(
      answer({
        summary: 'Said **loudly** to @everyone and <@123>',
        results: [result({ excerpt: 'A _secret_ `code` for <@&456>', highlight: '`code`' })],
      }),
      label,
    );
    expect(embed.description).toBe('Said \\*\\*loudly\\*\\* to @everyone and \\<@123>');
    expect(embed.fields?.[0]?.value.split('\n')[0]).toBe('A \\_secret\\_ **\\`code\\`** for \\<@&456>');
  });

  it('escapes markdown in the speaker named above an excerpt', () => {
    const embed = renderAnswerEmbed(answer({ results: [result({ speaker: 'Ann *the* Bold_' })] }), label);
    expect(embed.fields?.[0]?.name).toBe('1 · Ann \\*the\\* Bold\\_');
  });

  it('carries the suggestions of a not-found answer', () => {
    const embed = renderAnswerEmbed(
      answer({
        found: false,
        summary: 'Nobody matches "Smyth".',
        results: [],
        suggestions: ['Smith', 'Smythe'],
      }),
      label,
    );
    expect(embed.description).toBe('Nobody matches "Smyth".\n\nDid you mean: Smith, Smythe?');
    expect(embed.fields).toEqual([]);
  });

  it('does not repeat suggestions the summary already gives, and names namesakes of a found person', () => {
    const given = renderAnswerEmbed(
      answer({
        found: false,
        summary: 'Nobody matches "Smyth". Did you mean Smith, Smythe?',
        results: [],
        suggestions: ['Smith', 'Smythe'],
      }),
      label,
    );
    expect(given.description).toBe('Nobody matches "Smyth". Did you mean Smith, Smythe?');
    const found = renderAnswerEmbed(
      answer({ summary: 'Owen Marsh — Coach', suggestions: ['Lena Marsh'] }),
      label,
    );
    expect(found.description).toBe('Owen Marsh — Coach\n\nOthers of that name: Lena Marsh');
  });

  it('leaves out a source URL that its escaping would make too long for a field', () => {
    const source = `https://e.org/${'>'.repeat(280)}`;
    const embed = renderAnswerEmbed(
      answer({ results: [result({ citation: { ...result().citation, title: '*'.repeat(200), source } })] }),
      label,
    );
    const value = embed.fields?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
    expect(value).not.toContain('https://e.org/');
    expect(value).toContain('on Monday');
  });

  it('cuts everything to Discord limits at a word, whatever the sizes', () => {
    const long = 'word* '.repeat(2000);
    const embed = renderAnswerEmbed(
      answer({
        query: long,
        summary: long,
        suggestions: Array.from({ length: 100 }, (_, i) => `name${i}`),
        results: [1, 2, 3].map(() =>
          result({
            excerpt: long.slice(0, 500),
            highlight: long.slice(6, 300),
            speaker: long,
            citation: {
              document: 'd',
              title: long,
              paragraph: 1,
              sentence: 1,
              source: `https://e.org/${'x'.repeat(400)}`,
            },
          }),
        ),
      }),
      label,
    );
    expect(embed.title?.length).toBeLessThanOrEqual(EMBED_TITLE_MAX);
    expect(embed.title?.endsWith('…')).toBe(true);
    expect(embed.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_MAX);
    expect(embed.description?.endsWith('…')).toBe(true);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(EMBED_FIELD_NAME_MAX);
      expect(field.value.length).toBeLessThanOrEqual(EMBED_FIELD_VALUE_MAX);
      expect(field.value).not.toContain('https://e.org');
    }
    expect(embedLength(embed)).toBeLessThanOrEqual(EMBED_TOTAL_MAX);
  });
});
