/** /quote with a speaker and a topic: that speaker's quotations, the ones about the topic first. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'council.txt',
  'Jo Smith said "the budget is balanced at last."\n\n' +
    'Smith also said "the memorandum was never signed by the council."\n\n' +
    'Mayor Ada Brenner said "the memorandum is a forgery."\n\n' +
    'Smith added "the park will reopen in May."',
);

describe('quote PERSON TOPIC', () => {
  it("ranks the person's quotes by the topic, leaving out other speakers", () => {
    const a = kb.answer('quote', 'what did Smith say about the memorandum?');
    expect(a.found).toBe(true);
    expect(a.summary).toMatch(/^3 direct quotes from Jo Smith; 1 about "the memorandum"/);
    expect(a.results.map((r) => r.speaker)).toEqual(['Jo Smith', 'Jo Smith', 'Jo Smith']);
    expect(a.results[0]?.highlight).toContain('the memorandum was never signed');
    const b = kb.answer('quote', 'quotes by Smith on the park');
    expect(b.results[0]?.highlight).toContain('the park will reopen');
  });

  it('says when none of the quotes is about the topic', () => {
    const a = kb.answer('quote', 'what did Smith say about taxes');
    expect(a.summary).toMatch(/none about "taxes"/);
    expect(a.results[0]?.highlight).toContain('the budget is balanced');
  });
});
