import { beforeAll, describe, expect, it } from 'vitest';
import { type Answer, COMMANDS, EXCERPT_MAX_CHARS, SUMMARY_MAX_CHARS } from '../../src/engine/answer.ts';
import { parseDocument } from '../../src/knowledge/document.ts';
import {
  INDEX_VERSION,
  KnowledgeBase,
  type KnowledgeBaseSnapshot,
} from '../../src/knowledge/knowledge-base.ts';
import { packJson, unpackJson } from '../../src/persistence/json-chunks.ts';
import { KNOWLEDGE_DIR } from '../helpers.ts';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await KnowledgeBase.load(KNOWLEDGE_DIR);
});

/** The Answer contract: excerpts verbatim and bounded, highlights inside them, 1-based citations. */
function expectContract(answer: Answer, body: string) {
  for (const r of answer.results) {
    expect(r.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(body.includes(r.excerpt)).toBe(true);
    expect(r.excerpt.includes(r.highlight)).toBe(true);
    expect(r.citation.paragraph).toBeGreaterThanOrEqual(1);
    expect(r.citation.sentence).toBeGreaterThanOrEqual(1);
  }
}

describe('KnowledgeBase on the story', () => {
  it('counts what it holds', () => {
    expect(kb.stats.documents).toBe(1);
    expect(kb.stats.passages).toBe(9);
    expect(kb.stats.people).toBeGreaterThanOrEqual(4);
    expect(kb.stats.quotes).toBeGreaterThanOrEqual(3);
    expect(kb.stats.times).toBeGreaterThanOrEqual(8);
    expect(kb.version).toMatch(/^[0-9a-f]{12}$/);
    expect(kb.documents[0]?.id).toBe('trump-putin-call');
  });

  it('answers who with the name and role from the text', () => {
    const a = kb.answer('who', 'Hegseth');
    expect(a.found).toBe(true);
    expect(a.summary).toMatch(/^Pete Hegseth — U\.S\. Defense Secretary/);
    expect(a.results[0]?.highlight).toBe('U.S. Defense Secretary Pete Hegseth');
    expect(a.results[0]?.citation).toMatchObject({ document: 'trump-putin-call', paragraph: 7, sentence: 1 });
  });

  it('finds a misspelt name', () => {
    const a = kb.answer('who', 'zelensky');
    expect(a.found).toBe(true);
    expect(a.summary).toMatch(/Volodymyr Zelenskyy/);
  });

  it('reads "is X" after the command word as X', () => {
    for (const query of ['is Putin', 'who is Putin?', 'was Putin', 'is the Russian leader']) {
      expect(kb.answer('who', query).summary, query).toMatch(/^Vladimir Putin — Russian President/);
    }
  });

  it('keeps summaries to one short line, cut at a word', () => {
    const a = kb.answer('quote', 'spam');
    expect(a.summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(a.summary).toMatch(/^Volodymyr Zelenskyy: "Honestly, this document looks like spam\..*\S…"$/);
  });

  it('answers who did something with the actor', () => {
    const a = kb.answer('who', 'who destroyed 41 Russian aircraft');
    expect(a.found).toBe(true);
    expect(a.results[0]?.highlight).toMatch(/Security Service/);
    expect(a.results[0]?.citation.paragraph).toBe(8);
  });

  it('answers when with the time expression and its date', () => {
    const a = kb.answer('when', 'the phone call between Trump and Putin');
    expect(a.results[0]?.highlight).toMatch(/Wednesday/);
    expect(a.results[0]?.date).toBe('2025-06-04');
  });

  it('quotes a person with the speaker, and says when someone is never quoted', () => {
    const z = kb.answer('quote', 'Zelenskyy');
    expect(z.found).toBe(true);
    expect(z.results[0]?.speaker).toBe('Volodymyr Zelenskyy');
    expect(z.results[0]?.highlight).toMatch(/^Honestly, this document looks like spam\./);
    expect(kb.answer('quote', 'zelensky').results[0]?.speaker).toBe('Volodymyr Zelenskyy');
    const topic = kb.answer('quote', 'terrorist acts on rail lines');
    expect(topic.results[0]).toMatchObject({ speaker: 'Vladimir Putin', highlight: 'terrorist acts' });
    const h = kb.answer('quote', 'Hegseth');
    expect(h.found).toBe(false);
    expect(h.summary).toBe('No direct quotes from Pete Hegseth; mentioned in trump-putin-call ¶7.');
    expect(h.results[0]?.citation.paragraph).toBe(7);
  });

  it('says not found, with suggestions, instead of a random passage', () => {
    const a = kb.answer('search', 'Merkel banana recipe');
    expect(a.found).toBe(false);
    expect(a.results).toEqual([]);
    const b = kb.answer('who', 'Zelenskiy Volodimir');
    expect(b.found).toBe(true);
  });

  it('keeps the contract for every command and hostile queries, and never throws', async () => {
    const body = (await import('node:fs')).readFileSync(`${KNOWLEDGE_DIR}/trump-putin-call.md`, 'utf8');
    const queries = [
      '',
      '   ',
      'x'.repeat(10_000),
      '🙂🔥🙂',
      '.*+?^{}$()|[]\\',
      'Путин',
      '普京',
      'Putin '.repeat(2000),
    ];
    for (const command of COMMANDS)
      for (const query of [...queries, 'Putin', 'drone attack', 'Istanbul talks']) {
        const a = kb.answer(command, query);
        expect(a.command).toBe(command);
        expectContract(a, body);
      }
    expect(kb.answer('search', '').found).toBe(false);
    expect(kb.answer('who', '.*+?^$()|[]{}').found).toBe(false);
  });

  it('honours the limit', () => {
    expect(kb.answer('search', 'Putin', { limit: 1 }).results).toHaveLength(1);
    expect(kb.answer('who', 'Putin', { limit: 5 }).results.length).toBeGreaterThan(3);
  });

  it('completes names: exact > prefix > fuzzy, and the most mentioned for empty input', () => {
    expect(kb.completeNames('')[0]).toBe('Vladimir Putin');
    expect(kb.completeNames('heg')).toEqual(['Pete Hegseth']);
    expect(kb.completeNames('zelen')[0]).toBe('Volodymyr Zelenskyy');
    expect(kb.completeNames('putn')).toContain('Vladimir Putin');
    expect(kb.completeSpeakers('')).toEqual(expect.arrayContaining(['Volodymyr Zelenskyy', 'Donald Trump']));
    expect(kb.completeSpeakers('')).not.toContain('Pete Hegseth');
  });

  it('round-trips through a packed snapshot', async () => {
    const snapshot = (await unpackJson(packJson(kb.toSnapshot()))) as KnowledgeBaseSnapshot;
    expect(snapshot.indexVersion).toBe(INDEX_VERSION);
    expect(snapshot.sentences.start).toBeInstanceOf(Int32Array);
    const copy = KnowledgeBase.fromSnapshot(snapshot);
    expect(copy.version).toBe(kb.version);
    expect(copy.stats).toEqual(kb.stats);
    for (const [command, query] of [
      ['who', 'Hegseth'],
      ['when', 'drone strike'],
      ['quote', 'spam'],
      ['search', 'Kerch Bridge'],
    ] as const)
      expect(copy.answer(command, query)).toEqual(kb.answer(command, query));
    expect(() => KnowledgeBase.fromSnapshot({ ...snapshot, indexVersion: 'other code' })).toThrow(/version/);
    const damaged = {
      ...snapshot,
      quotes: { ...snapshot.quotes, speaker: snapshot.quotes.speaker.slice(1) },
    };
    expect(() => KnowledgeBase.fromSnapshot(damaged)).toThrow(/quotes column speaker/);
    const parsed = JSON.parse(JSON.stringify(snapshot));
    expect(() => KnowledgeBase.fromSnapshot(parsed)).toThrow(/missing or damaged|incomplete/);
  });
});

describe('KnowledgeBase on documents of its own', () => {
  const make = (files: Record<string, string>) =>
    KnowledgeBase.fromDocuments(
      Object.entries(files).map(([file, text]) => parseDocument(file, new TextEncoder().encode(text))),
    );

  it('answers about the most mentioned of two people of one name, and names the other', () => {
    const kb = make({
      'physics.txt': 'The physicist Lena Marsh built the first detector.\n\nMarsh later taught in Leiden.',
      'sport.txt':
        'Coach Owen Marsh won the cup.\n\nMarsh retired in 2001.\n\nMarsh still coaches at weekends.',
    });
    const a = kb.answer('who', 'Marsh');
    expect(a.summary).toMatch(/^Owen Marsh — Coach/);
    expect(a.suggestions).toEqual(['Lena Marsh']);
    expect(kb.answer('who', 'Lena Marsh').suggestions).toEqual([]);
    const three = make({
      'a.txt': 'Ida Marsh sang.',
      'b.txt': 'Coach Owen Marsh won.\n\nMarsh retired.\n\nMarsh coached.',
      'c.txt': 'Lena Marsh built it.\n\nMarsh taught.',
    });
    expect(three.answer('who', 'Marsh').suggestions).toEqual(['Lena Marsh', 'Ida Marsh']);
  });

  it('finds a person by any word of the name, not by another word that starts the same', () => {
    const kb = make({
      'a.txt': 'The pastor Amos Reed Hale, Jr., spoke first.\n\nSome Reedite churches sang.',
    });
    expect(kb.answer('who', 'Reed').summary).toMatch(/^Amos Reed Hale, Jr\./);
    expect(kb.answer('who', 'Reedi').summary).not.toMatch(/^Reedite/);
  });

  it('resolves a misspelt name to the closest spelling', () => {
    const kb = make({
      'a.txt': 'Coach Tom Kenny praised the team.\n\nSenator John Kennedy voted against the bill.',
    });
    expect(kb.answer('who', 'kenedy').summary).toMatch(/^John Kennedy — Senator/);
    expect(kb.answer('who', 'keny').summary).toMatch(/^Tom Kenny — Coach/);
  });

  it('says when an excerpt stops inside a sentence, and only then', () => {
    const filler =
      'and the committee heard from farmers, engineers and teachers about the cost of the works '.repeat(6);
    const kb = make({
      'c.txt': `The canal opened in 1890. ${filler}before the vote.\n\nThe bridge opened in 1901.`,
    });
    const cut = kb.answer('when', 'canal opened').results[0];
    expect(cut?.highlight).toBe('1890');
    expect(cut?.truncated).toBe(true);
    expect(cut?.excerpt.endsWith('.')).toBe(false);
    const whole = kb.answer('when', 'bridge opened').results[0];
    expect(whole?.excerpt).toBe('The bridge opened in 1901.');
    expect(whole?.truncated).toBeUndefined();
  });

  it('shows an answer that lies past the bound of a long sentence, starting the excerpt at a word inside it', () => {
    const list = 'the mills, the wharves, the warehouses and the long sheds by the river '.repeat(9);
    const body = `The survey counted ${list}before the engineer Ada Brenner signed it in 1890.`;
    const kb = make({ 'survey.txt': body });
    const r = kb.answer('who', 'Brenner').results[0];
    // (the mention holds the role written before the name, "engineer")
    expect(r?.highlight).toBe('engineer Ada Brenner');
    expect(r?.excerpt).toContain('engineer Ada Brenner signed it in 1890.');
    expect(r?.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(body.includes(r?.excerpt ?? '-')).toBe(true);
    expect(body[body.indexOf(r?.excerpt ?? '-') - 1]).toBe(' ');
    expect(r?.truncatedStart).toBe(true);
    expect(r?.truncated).toBeUndefined();
    expect(r?.citation.sentence).toBe(1);
    // an answer within the bound keeps the excerpt at the sentence start
    const early = kb.answer('search', 'survey counted mills').results[0];
    expect(early?.excerpt.startsWith('The survey counted')).toBe(true);
    expect(early?.truncatedStart).toBeUndefined();
  });

  it('keeps bare descriptions out of the aliases, qualified ones in', () => {
    const kb = make({
      'b.txt':
        'French President Emmanuel Macron met the press. The president said little. The French leader left.',
    });
    expect(kb.answer('who', 'the French leader').summary).toMatch(/^Emmanuel Macron/);
    expect(kb.completeNames('the french leader')).toEqual(['Emmanuel Macron']);
    // "the president" finds him as the holder of his role, not by an alias: labelled with it, as /who answers
    expect(kb.nameChoices('the president')).toEqual([
      { name: 'Emmanuel Macron — French President', value: 'Emmanuel Macron' },
    ]);
    expect(kb.answer('who', 'the president').summary).toMatch(/^Emmanuel Macron — French President/);
  });

  it('completes a role, typed whole or in part, with the person who holds it, and a name after a title', () => {
    const kb = make({
      'c.txt':
        'Prime Minister Ann Lee met Mr Tom Hale, chief executive of Zeta Broadband, on Monday. Ms Lee thanked ' +
        'Kim Moss, the chancellor. Lin Min and Eli Hale left. Ivo Brandt, minister for Europe, agreed. The ' +
        'governor said little.',
    });
    const choices = (typed: string) => kb.nameChoices(typed);
    expect(choices('prime min')).toEqual([{ name: 'Ann Lee — Prime Minister', value: 'Ann Lee' }]);
    expect(choices('the chancellor')).toEqual([{ name: 'Kim Moss — chancellor', value: 'Kim Moss' }]);
    expect(choices('the chief executive')[0]?.value).toBe('Tom Hale');
    // the holder of the whole role first, as /who answers "who is the minister"
    expect(choices('minister').map((c) => c.value)).toEqual(['Ann Lee', 'Ivo Brandt']);
    expect(kb.answer('who', 'minister').summary).toMatch(/^Ann Lee/);
    // a name after a courtesy title, but not the end of a role being typed ("prime min" is no "Min")
    for (const typed of ['Mr Hale', 'mr hal']) expect(kb.completeNames(typed)[0]).toBe('Tom Hale');
    expect(choices('prime min')[0]?.value).toBe('Ann Lee');
    // a role nobody named holds offers no one
    expect(choices('the governor')).toEqual([]);
    expect(choices('Ann')[0]).toEqual({ name: 'Ann Lee', value: 'Ann Lee' });
  });

  it('completes the name after a courtesy title before a role that holds the same words', () => {
    const kb = make({
      'd.txt':
        "Tom Dorn spoke in Leeds on Monday. Mr Dorn was cheered. New Jersey Governor Chris Vale, Mr Dorn's " +
        'staunch ally, said he agreed.',
    });
    expect(kb.nameChoices('Mr Dor')).toEqual([
      { name: 'Tom Dorn', value: 'Tom Dorn' },
      { name: "Chris Vale — Mr Dorn's staunch ally", value: 'Chris Vale' },
    ]);
  });

  it("counts a document's title words as present in each of its passages", () => {
    const kb = make({
      'a-port.txt': 'The port is old.\n\nWork there started in 1950 and took two years.',
      'b-dam.md':
        '---\ntitle: Lake Varna Dam\n---\nThe dam is old.\n\nWork there started in 1931 and took five years.',
    });
    const a = kb.answer('when', 'When did work start on the Lake Varna Dam?');
    expect(a.results[0]).toMatchObject({ highlight: '1931' });
    expect(a.results[0]?.citation).toMatchObject({ document: 'b-dam', paragraph: 2 });
  });

  it("counts a word of the query word's family, at less than the word itself", () => {
    const kb = make({
      'vale.txt':
        'The painter Oren Vale moved to Lyon in 1840.\n\nThe death of Oren Vale at his home near the harbour came in 1870.',
    });
    expect(kb.answer('when', 'When did Oren Vale die?').results[0]).toMatchObject({ highlight: '1870' });
    expect(kb.answer('when', 'When did Oren Vale move?').results[0]).toMatchObject({ highlight: '1840' });
  });

  it('takes the owner of the action asked about for its actor, and a role only by its head word', () => {
    const kb = make({
      'ports.txt': 'Northern Governor Hal Brandt condemned Velmar’s surprise attack on Northern ports.',
    });
    const a = kb.answer('who', 'Who attacked Northern ports?');
    expect(a.results[0]?.highlight).toBe('Velmar');
    expect(kb.answer('who', 'Who is the governor?').results[0]?.highlight).toContain('Hal Brandt');
  });

  it('answers "who did it" from a passive sentence with its agent', () => {
    const kb = make({
      'harbor.txt': 'Under Mayor Tom Reyes the old harbor wall was designed by the engineer Ada Brenner.',
    });
    expect(kb.answer('who', 'Who designed the harbor wall?').results[0]?.highlight).toContain('Ada Brenner');
  });

  it('takes the subject before its prepositional phrases, not the last phrase before the verb', () => {
    const kb = make({
      'fair.txt': 'In 1890 the county farmers at their spring meeting in the old barn voted for a new fair.',
    });
    expect(kb.answer('who', 'Who voted for a new fair?').results[0]?.highlight).toBe('the county farmers');
  });

  it('reads an ordinal in digits as the same ordinal in words, and back', () => {
    const kb = make({
      'abbey.txt':
        'The third abbot, Piers Lund, built the library.\n\nThe fifth abbot, Tomas Reyes, built the cloister and the gate.',
    });
    expect(kb.answer('who', 'Who was the 5th abbot?').results[0]?.highlight).toContain('Tomas Reyes');
    expect(kb.answer('who', 'Who was the 3rd abbot?').results[0]?.highlight).toContain('Piers Lund');
  });

  it('reads a misspelt query word as the closest word the documents use', () => {
    const kb = make({
      'coast.txt':
        'The lighthouse keeper Mara Olsen rescued the sailors in 1911.\n\nThe harbour froze that winter.\n\nFishing boats stayed home.',
    });
    const a = kb.answer('who', 'Who rescued the sailers?');
    expect(a.found).toBe(true);
    expect(a.results[0]?.highlight).toContain('Mara Olsen');
    // a word with no close spelling in the documents is not stretched to one
    expect(kb.answer('who', 'Who rescued the astronauts from orbit?').found).toBe(false);
    // nor is a query of one unknown word: that would answer about something else
    const lone = make({ 'mill.txt': 'The old miller ground the wheat.\n\nThe river ran fast.' });
    expect(lone.answer('search', 'milner').found).toBe(false);
    expect(lone.answer('search', 'milner wheat').found).toBe(true);
  });

  it('fills the excerpt up to its bound with the start of the next sentence, cut after a whole word', () => {
    const filler = 'the committee also reviewed several unrelated budget matters at length'.repeat(4);
    const body = `The glass bridge over the canyon was approved by the regional council after ${filler}. Construction was led by the engineer Ada Brenner, whose firm ${filler} and more.`;
    const kb = make({ 'bridge.txt': body });
    const r = kb.answer('search', 'glass bridge canyon approved').results[0];
    expect(r?.excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_CHARS);
    expect(r?.excerpt.length).toBeGreaterThan(EXCERPT_MAX_CHARS - 20);
    expect(body.startsWith(r?.excerpt ?? '-')).toBe(true);
    expect(r?.excerpt).toContain('Construction was led by the engineer Ada Brenner');
    expect(r?.excerpt).toMatch(/\w$/);
    expect(body[r?.excerpt.length ?? 0]).toBe(' ');
  });

  it('answers across documents and cites the right one', () => {
    const kb = make({
      'moon.txt': 'Apollo 11 landed on the Moon on July 20, 1969.',
      'mars.md':
        '---\ntitle: Mars\nsource: https://example.org/mars\n---\nThe Perseverance rover landed on Mars on February 18, 2021.',
    });
    const a = kb.answer('when', 'rover landed on Mars');
    expect(a.results[0]).toMatchObject({ highlight: 'February 18, 2021', date: '2021-02-18' });
    expect(a.results[0]?.citation).toEqual({
      document: 'mars',
      title: 'Mars',
      paragraph: 1,
      sentence: 1,
      source: 'https://example.org/mars',
    });
  });
});
