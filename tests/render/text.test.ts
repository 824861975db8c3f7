import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/engine/answer.ts';
import { renderAnswerJson } from '../../src/render/json.ts';
import { renderAnswerText, suggestionLine } from '../../src/render/text.ts';

const answer: Answer = {
  command: 'when',
  query: 'the vote',
  found: true,
  summary: 'on Tuesday (2024-03-05)',
  results: [
    {
      excerpt: 'The vote came on Tuesday.\nIt passed.',
      highlight: 'on Tuesday',
      date: '2024-03-05',
      citation: {
        document: 'news/vote',
        title: 'The vote',
        paragraph: 2,
        sentence: 1,
        source: 'https://example.org/v',
      },
      score: 1.5,
    },
  ],
  suggestions: [],
};

describe('renderAnswerText', () => {
  it('gives the answer, each excerpt with the highlight marked, and its citation', () => {
    expect(renderAnswerText(answer)).toBe(
      [
        'when the vote',
        'on Tuesday (2024-03-05)',
        '',
        '1. The vote came [on Tuesday]. It passed.',
        '   — The vote (news/vote), paragraph 2, sentence 1 · date 2024-03-05 · https://example.org/v',
      ].join('\n'),
    );
  });

  it('shows an ellipsis after an excerpt that stops inside a sentence', () => {
    const first = answer.results[0] as Answer['results'][number];
    const cut: Answer = {
      ...answer,
      results: [{ ...first, excerpt: 'The vote came on Tuesday. It passed by', truncated: true }],
    };
    expect(renderAnswerText(cut).split('\n')[3]).toBe('1. The vote came [on Tuesday]. It passed by…');
    const inside: Answer = {
      ...answer,
      results: [{ ...first, excerpt: 'came on Tuesday. It passed.', truncatedStart: true }],
    };
    expect(renderAnswerText(inside).split('\n')[3]).toBe('1. …came [on Tuesday]. It passed.');
  });

  it('marks a reported statement after its speaker, and a direct quote not at all', () => {
    const first = answer.results[0] as Answer['results'][number];
    const quoted = (kind: 'direct' | 'reported'): Answer => ({
      ...answer,
      command: 'quote',
      results: [{ ...first, speaker: 'Ann Lee', kind }],
    });
    expect(renderAnswerText(quoted('reported')).split('\n')[3]).toBe(
      '1. Ann Lee: (reported) The vote came [on Tuesday]. It passed.',
    );
    expect(renderAnswerText(quoted('direct')).split('\n')[3]).toBe(
      '1. Ann Lee: The vote came [on Tuesday]. It passed.',
    );
  });

  it('says not found and lists suggestions the summary does not already give', () => {
    const text = renderAnswerText({
      ...answer,
      found: false,
      summary: 'Nothing in the knowledge base about "zelnsky".',
      results: [],
      suggestions: ['Volodymyr Zelenskyy'],
    });
    expect(text).toMatch(/^when the vote\nNot found\. Nothing/);
    expect(text).toMatch(/Did you mean: Volodymyr Zelenskyy\?$/);
  });
});

describe('suggestionLine', () => {
  it('offers names like the query when nothing was found, unless the summary already does', () => {
    const notFound = { ...answer, found: false, results: [], suggestions: ['Ann Lee', 'Anne Li'] };
    expect(suggestionLine({ ...notFound, summary: 'Nothing.' })).toBe('Did you mean: Ann Lee, Anne Li?');
    expect(suggestionLine({ ...notFound, summary: 'Nothing. Did you mean Ann Lee, Anne Li?' })).toBeNull();
    expect(suggestionLine({ ...notFound, suggestions: [] })).toBeNull();
  });

  it('names the others of the same name after a found person', () => {
    const found = { ...answer, summary: 'Owen Marsh — Coach', suggestions: ['Lena Marsh'] };
    expect(suggestionLine(found)).toBe('Others of that name: Lena Marsh');
    expect(renderAnswerText(found).split('\n').at(-1)).toBe('Others of that name: Lena Marsh');
  });
});

describe('renderAnswerJson', () => {
  it('is the Answer itself, on one line unless asked to indent', () => {
    expect(JSON.parse(renderAnswerJson(answer))).toEqual(answer);
    expect(renderAnswerJson(answer)).not.toContain('\n  ');
    expect(renderAnswerJson(answer, { pretty: true })).toContain('\n  "command": "when"');
  });
});
