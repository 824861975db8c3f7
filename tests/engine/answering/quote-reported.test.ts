/** /quote and reported speech: what the text says someone said in its own words, after their direct quotes. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'bridge.txt',
  'Engineers worked through the night on the Varna crossing.\n\n' +
    'Mayor Ida Brenner said "the crossing will reopen on Friday."\n\n' +
    'Brenner said the repair of the Varna crossing would cost twice the estimate.\n\n' +
    'Eastland officials said the Varna crossing had been damaged by a drone, a claim the army denied.\n\n' +
    'Analysts say the closure will cost the port a month of trade.\n\n' +
    'According to Tom Vale, the port authority had warned of the risk in March.\n\n' +
    'The closure is a disaster for the fishing fleet, Vale said.',
);

describe('quote: reported statements', () => {
  it("gives a person's reported statements after their direct quotes, marked reported", () => {
    const a = kb.answer('quote', 'Brenner');
    expect(a.found).toBe(true);
    expect(a.summary).toMatch(/^1 direct quote and 1 reported statement from Ida Brenner/);
    expect(a.results.map((r) => [r.kind, r.speaker])).toEqual([
      ['direct', 'Ida Brenner'],
      ['reported', 'Ida Brenner'],
    ]);
    expect(a.results[1]?.highlight).toMatch(
      /^the repair of the Varna crossing would cost twice the estimate/,
    );
  });

  it('finds what someone never quoted directly said, before or after the reporting verb', () => {
    const a = kb.answer('quote', 'Tom Vale');
    expect(a.found).toBe(true);
    expect(a.summary).toMatch(/^2 reported statements from Tom Vale/);
    expect(a.results.map((r) => r.highlight)).toEqual([
      'the port authority had warned of the risk in March.',
      'The closure is a disaster for the fishing fleet',
    ]);
    expect(a.results.every((r) => r.kind === 'reported' && r.speaker === 'Tom Vale')).toBe(true);
  });

  it('answers "what did <officials> say about <topic>" and "what did analysts say" from reported speech', () => {
    const a = kb.answer('quote', 'what did Eastland officials say about the Varna crossing');
    expect(a.found).toBe(true);
    expect(a.results[0]).toMatchObject({ kind: 'reported', speaker: 'Eastland officials' });
    expect(a.results[0]?.highlight).toMatch(/^the Varna crossing had been damaged by a drone/);
    const b = kb.answer('quote', 'what did analysts say');
    expect(b.found).toBe(true);
    expect(b.results[0]).toMatchObject({ kind: 'reported', speaker: 'Analysts' });
    expect(b.results[0]?.highlight).toMatch(/^the closure will cost the port/);
  });

  it('puts statements about the topic first when a person is asked about one', () => {
    const a = kb.answer('quote', 'what did Brenner say about the repair cost');
    expect(a.summary).toMatch(/1 about "the repair cost"/);
    expect(a.results[0]).toMatchObject({ kind: 'reported', speaker: 'Ida Brenner' });
  });

  it('reads a reporting verb joined by "and" or "but" with the sentence\'s subject, and a participle', () => {
    const joined = knowledgeOf(
      'vote.txt',
      'Senator Rosa Malik urged voters to stay home and said the count was rigged from the start.\n\n' +
        'Governor Ivo Brandt praised the result, saying the turnout showed real trust in the system.',
    );
    expect(joined.answer('quote', 'Malik').results[0]).toMatchObject({
      kind: 'reported',
      speaker: 'Rosa Malik',
      highlight: 'the count was rigged from the start.',
    });
    expect(joined.answer('quote', 'Brandt').results[0]).toMatchObject({
      kind: 'reported',
      speaker: 'Ivo Brandt',
      highlight: 'the turnout showed real trust in the system.',
    });
  });

  it('reads "he said" for the one person named just before, and for nobody when two were', () => {
    const said = knowledgeOf(
      'club.txt',
      'Coach Bob Vance arrived late on Monday. He said the team would train twice on Sunday.\n\n' +
        'Ann Lee met Tom Ray at the club. He said the pitch would be relaid in the spring.',
    );
    expect(said.answer('quote', 'Vance').results[0]).toMatchObject({
      kind: 'reported',
      speaker: 'Bob Vance',
      highlight: 'the team would train twice on Sunday.',
    });
    expect(said.answer('quote', 'Tom Ray').found).toBe(false);
  });

  it('reads "she said" for the person extraction resolved it to, the text having told her gender', () => {
    const said = knowledgeOf(
      'club.txt',
      'Ms Ada Kell met Tom Ray at the club. She said the pitch would be relaid in the spring.',
    );
    expect(said.answer('quote', 'Ada Kell').results[0]).toMatchObject({
      kind: 'reported',
      speaker: 'Ada Kell',
      highlight: 'the pitch would be relaid in the spring.',
    });
    expect(said.answer('quote', 'Tom Ray').found).toBe(false);
  });
});
