/** An unexpected error while answering is logged under an error id and said to be one, never a "not found". */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../src/bot/log.ts';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { renderAnswerText } from '../../src/render/text.ts';
import { knowledgeOf } from '../helpers.ts';

const TEXT = 'Mayor Ada Brenner opened the mill in 1901.\n\nThe mill closed in 1950.';

/** A knowledge base whose built data is damaged: the first mention names an entity that does not exist. */
function damagedKnowledgeBase(): KnowledgeBase {
  const good = knowledgeOf('a.txt', TEXT);
  const snapshot = good.toSnapshot();
  const entity = snapshot.mentions.entity.slice();
  if (entity.length === 0) throw new Error('the document has no mention');
  entity[0] = 12345;
  return KnowledgeBase.fromSnapshot({ ...snapshot, mentions: { ...snapshot.mentions, entity } });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('KnowledgeBase.answer on an internal error', () => {
  it('logs it with an error id and answers "something went wrong" with that id', () => {
    const kb = damagedKnowledgeBase();
    const log = createMemoryLogger();
    const answer = kb.answer('who', 'who opened the mill', { log });
    expect(answer.found).toBe(false);
    expect(answer.errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(answer.summary).toBe(`Something went wrong (error id ${answer.errorId}); it has been logged.`);
    expect(answer.summary).not.toMatch(/not found|nothing/i);
    expect(answer.results).toEqual([]);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({
      level: 'error',
      event: 'answer.failed',
      errorId: answer.errorId,
      command: 'who',
      query: 'who opened the mill',
      error: { name: 'RangeError', message: 'no entity 12345 in the knowledge base' },
    });
    expect(renderAnswerText(answer)).not.toMatch(/Not found/);
  });

  it('gives each failure its own id, and logs to stderr when no logger is given', () => {
    const kb = damagedKnowledgeBase();
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const first = kb.answer('who', 'who opened the mill');
    const second = kb.answer('who', 'who opened the mill');
    expect(first.errorId).not.toBe(second.errorId);
    expect(written).toHaveLength(2);
    expect(JSON.parse(written[0] ?? '')).toMatchObject({ event: 'answer.failed', errorId: first.errorId });
  });

  it('still answers the queries the damage does not touch', () => {
    const kb = damagedKnowledgeBase();
    const answer = kb.answer('when', 'when did the mill close');
    expect(answer.errorId).toBeUndefined();
    expect(answer.results[0]?.highlight).toBe('1950');
  });
});
