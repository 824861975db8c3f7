import { describe, expect, it } from 'vitest';
import { escapeMarkdown, joinLinesWithin, renderQuoted } from '../../src/bot/text.ts';
import { cutAtWord, ELLIPSIS } from '../../src/engine/text/cut.ts';

describe('escapeMarkdown', () => {
  it('escapes emphasis, code, spoilers, links and mentions so they show as written', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ||spoiler|| ~~x~~ [a](b) <@123>')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\~\\~x\\~\\~ \\[a\\](b) \\<@123>',
    );
  });

  it('escapes headings, quotes and list markers only at the start of a line', () => {
    expect(escapeMarkdown('# Title\n> quoted\n- item\n1. first\nA-B > C')).toBe(
      '\\# Title\n\\> quoted\n\\- item\n1\\. first\nA-B > C',
    );
  });

  it('escapes backslashes first, so an escape in the text cannot undo ours', () => {
    expect(escapeMarkdown('\\*')).toBe('\\\\\\*');
  });
});

describe('cutAtWord', () => {
  it('leaves text that fits alone', () => {
    expect(cutAtWord('short text', 10)).toBe('short text');
  });

  it('cuts at the last whole word and adds an ellipsis, within the limit', () => {
    const cut = cutAtWord('the quick brown fox jumps', 17);
    expect(cut).toBe(`the quick brown${ELLIPSIS}`);
    expect(cut.length).toBeLessThanOrEqual(17);
  });

  it('cuts inside a single word longer than the limit', () => {
    expect(cutAtWord('abcdefghijklmnop', 6)).toBe(`abcde${ELLIPSIS}`);
  });
});

describe('renderQuoted', () => {
  it('bolds the highlight and escapes every part', () => {
    expect(renderQuoted([{ text: 'a *b* ' }, { text: 'c_d', bold: true }, { text: ' e' }], 100)).toBe(
      'a \\*b\\* **c\\_d** e',
    );
  });

  it('fits escapes included, never leaving a dangling ** or lone backslash', () => {
    const segments = [{ text: 'x '.repeat(30) }, { text: '*'.repeat(40), bold: true }, { text: ' tail' }];
    for (let max = 10; max < 140; max += 7) {
      const out = renderQuoted(segments, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith(ELLIPSIS)).toBe(true);
      expect((out.match(/(?<!\\)\*\*/g) ?? []).length % 2).toBe(0);
      expect(out.replace(/\\\\/g, '')).not.toMatch(/\\(?![*_~`|[\]<#>+\-.])/);
    }
  });
});

describe('joinLinesWithin', () => {
  it('joins lines that fit', () => {
    expect(joinLinesWithin(['a', 'b'], 10)).toBe('a\nb');
  });

  it('replaces the lines that do not fit by a count', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line number ${i}`);
    const out = joinLinesWithin(lines, 100);
    expect(out.length).toBeLessThanOrEqual(100);
    expect(out.startsWith('line number 0\nline number 1\n')).toBe(true);
    expect(out).toMatch(/… and \d+ more$/);
    const shown = out.split('\n').length - 1;
    expect(out).toContain(`and ${50 - shown} more`);
  });
});
