/** "who said ...": the speaker of the quotation that says it answers. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'mill.txt',
  'Mayor Ada Brenner said "the mill will stay open until spring." Critics disagreed.\n\n' +
    'The union leader Tom Vale said "wages at the mill must rise this year."\n\n' +
    'The mill was built by Otto Kern in 1901.',
);

describe('who said', () => {
  it('answers with the speaker of the matching quotation, highlighted where the sentence names them', () => {
    const a = kb.answer('who', 'who said the mill will stay open');
    expect(a.found).toBe(true);
    expect(a.summary).toMatch(/^Ada Brenner — Mayor: "the mill will stay open/);
    expect(a.results[0]?.speaker).toBe('Ada Brenner');
    expect(a.results[0]?.highlight).toBe('Mayor Ada Brenner');
    const b = kb.answer('who', 'Who says that wages must rise?');
    expect(b.summary).toMatch(/^Tom Vale/);
    expect(b.results[0]?.speaker).toBe('Tom Vale');
  });

  it('answers as any other question when no quotation says it', () => {
    const a = kb.answer('who', 'who said the mill was built in 1901');
    expect(a.results[0]?.speaker).toBeUndefined();
    expect(a.summary).not.toMatch(/Ada Brenner|Tom Vale/);
  });
});
