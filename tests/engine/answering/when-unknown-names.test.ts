/** /when: a name the question gives that no document mentions makes the answer "not found". */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'talks.txt',
  'Mayor Ada Brenner met Governor Hal Brandt on June 2, 2025.\n\nThe two leaders spoke again in July.',
);

describe('/when and names the knowledge base never mentions', () => {
  it('is not found, naming the unknown name', () => {
    const a = kb.answer('when', 'when did Tom Vale meet Brandt');
    expect(a.found).toBe(false);
    expect(a.results).toEqual([]);
    expect(a.summary).toMatch(/^Nothing in the knowledge base mentions "Tom Vale"\./);
  });

  it('counts a name that opens the query, but not a word capitalised as the start of a question', () => {
    const a = kb.answer('when', 'Tom Vale meets Brandt');
    expect(a.found).toBe(false);
    expect(a.summary).toMatch(/^Nothing in the knowledge base mentions "Tom Vale"\./);
    for (const query of ['Brenner meets Brandt', 'Did Brenner meet Brandt', 'Leaders spoke again'])
      expect(kb.answer('when', query).found).toBe(true);
  });

  it('answers when every name is known, misspelt or not', () => {
    for (const query of [
      'when did Brenner meet Brandt',
      'when did Brener meet Brandt',
      'When did Ada Brenner meet Hal Brandt',
    ]) {
      const a = kb.answer('when', query);
      expect(a.found).toBe(true);
      expect(a.results[0]?.highlight).toBe('June 2, 2025');
    }
  });

  it('knows the words of document titles', () => {
    const titled = knowledgeOf('dam.md', '---\ntitle: Lake Varna Dam\n---\nWork on the dam started in 1931.');
    expect(titled.answer('when', 'When did work start on the Lake Varna Dam?').results[0]?.highlight).toBe(
      '1931',
    );
  });

  it('takes calendar words for times, not names', () => {
    expect(kb.answer('when', 'when did Brenner and Brandt meet in June').found).toBe(true);
  });
});
