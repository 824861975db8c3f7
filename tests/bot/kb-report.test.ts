import { describe, expect, it } from 'vitest';
import { formatReload } from '../../src/bot/kb-report.ts';
import { MESSAGE_CONTENT_MAX } from '../../src/bot/limits.ts';
import { createLogger, createMemoryLogger } from '../../src/bot/log.ts';

describe('formatReload', () => {
  it('lists problems within 2000 characters, counting the ones left out', () => {
    const problems = Array.from({ length: 300 }, (_, i) => ({
      file: `folder/document_${i}.md`,
      problem: 'front matter "title" must not be empty',
    }));
    const text = formatReload({ status: 'failed', problems, durationMs: 12 }, 'abc123');
    expect(text.length).toBeLessThanOrEqual(MESSAGE_CONTENT_MAX);
    expect(text.split('\n')[0]).toBe(
      'Reload failed after 12 ms; the knowledge base in service is unchanged (version abc123). 300 problems:',
    );
    expect(text).toContain('• folder/document\\_0.md: front matter "title" must not be empty');
    const shown = text.split('\n').filter((line) => line.startsWith('• ')).length;
    expect(text.endsWith(`… and ${300 - shown} more`)).toBe(true);
  });

  it('says so when nothing changed', () => {
    const text = formatReload(
      {
        status: 'reloaded',
        diff: {
          added: [],
          changed: [],
          removed: [],
          skipped: [],
          documentsBefore: 1,
          documentsAfter: 1,
          passagesBefore: 9,
          passagesAfter: 9,
          versionBefore: 'v1',
          versionAfter: 'v1',
          durationMs: 3,
        },
      },
      'v1',
    );
    expect(text).toBe(
      'Reloaded in 3 ms. Documents 1 → 1, passages 9 → 9, version v1 → v1.\nNo document changed.',
    );
  });
});

describe('file names in replies', () => {
  it('keeps each left-out file on its own line, invisible characters written as their code', () => {
    const text = formatReload(
      {
        status: 'reloaded',
        diff: {
          added: [],
          changed: [],
          removed: [],
          skipped: [
            { file: 'evil\nname.md', problem: 'not valid UTF-8 text' },
            { file: 'a\u202Egpj.md', problem: 'not valid UTF-8 text' },
          ],
          documentsBefore: 1,
          documentsAfter: 1,
          passagesBefore: 9,
          passagesAfter: 9,
          versionBefore: 'v1',
          versionAfter: 'v1',
          durationMs: 3,
        },
      },
      'v1',
    );
    expect(text.split('\n').slice(2)).toEqual([
      '2 files were left out (fix and /kb reload):',
      '• evil{U+000A}name.md: not valid UTF-8 text',
      '• a{U+202E}gpj.md: not valid UTF-8 text',
    ]);
  });
});

describe('logs', () => {
  it('writes one JSON object per line, filtered by level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (line) => lines.push(line));
    log.info('ignored');
    log.warn('kb.add.refused', { user: '1', error: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({
      level: 'warn',
      event: 'kb.add.refused',
      user: '1',
      error: { message: 'boom' },
    });
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
  });

  it('keeps entries in memory for tests', () => {
    const log = createMemoryLogger('info');
    log.debug('hidden');
    log.error('shown', { errorId: 'x' });
    expect(log.entries.map((e) => e.event)).toEqual(['shown']);
  });
});
