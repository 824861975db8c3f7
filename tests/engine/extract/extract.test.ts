import { describe, expect, it } from 'vitest';
import { analyzeDocument } from '../../../src/engine/extract/analyze.ts';
import { findNameSpans } from '../../../src/engine/extract/names.ts';
import { findTimeSpans } from '../../../src/engine/extract/times.ts';
import type { KnowledgeDocument } from '../../../src/knowledge/document.ts';
import { parseDocument } from '../../../src/knowledge/document.ts';

const doc = (text: string, published?: string): KnowledgeDocument =>
  parseDocument(
    'test.md',
    new TextEncoder().encode(`---\ntitle: Test${published ? `\npublished: ${published}` : ''}\n---\n${text}`),
  );

describe('a sentence-opening word the document capitalises nowhere else', () => {
  const opening = (sentence: string) =>
    findNameSpans(sentence, new Set(['official']), new Set()).map((n) => n.name);
  it('is a name before a verb, but not an adverb or the plural of a lowercase word', () => {
    expect(opening('Dorsey openly admitted the pick was political.')).toEqual(['Dorsey']);
    expect(opening('Succinctly stated, the rule holds.')).toEqual([]);
    expect(opening('Officials warned of delays.')).toEqual([]);
  });
});

describe('findNameSpans', () => {
  const names = (sentence: string) =>
    findNameSpans(sentence, new Set(['analysts', 'officials'])).map((n) => ({
      name: n.name,
      kind: n.kind,
      role: n.role,
    }));

  it('splits a role from a name', () => {
    expect(names('German Chancellor Angela Merkel met French President Emmanuel Macron.')).toEqual([
      { name: 'Angela Merkel', kind: 'person', role: 'German Chancellor' },
      { name: 'Emmanuel Macron', kind: 'person', role: 'French President' },
    ]);
    expect(names('He spoke with Secretary of State Marco Rubio.')[0]).toEqual({
      name: 'Marco Rubio',
      kind: 'person',
      role: 'Secretary of State',
    });
    // a title "of the" something names a position, not a person
    expect(names('He met the Director of the Kessel Observatory.')[0]).toMatchObject({
      name: 'Director of the Kessel Observatory',
      role: undefined,
    });
  });

  it('takes a courtesy title for a person with no role', () => {
    expect(names('Sir Tobias Grey met Mr. Okafor and Dame Ruth Hale.')).toEqual([
      { name: 'Tobias Grey', kind: 'person', role: undefined },
      { name: 'Okafor', kind: 'person', role: undefined },
      { name: 'Ruth Hale', kind: 'person', role: undefined },
    ]);
  });

  it('keeps an owner with an organization, and "of" inside a name', () => {
    expect(names('Britain’s Foreign Office and the University of Chicago agreed.')).toEqual([
      { name: 'Britain’s Foreign Office', kind: 'org', role: undefined },
      { name: 'University of Chicago', kind: 'org', role: undefined },
    ]);
  });

  it('drops sentence-initial common words and shouted words, and marks nationality adjectives', () => {
    const spans = findNameSpans(
      'Analysts said Chinese officials were "VERY ANGRY" in Beijing.',
      new Set(['analysts']),
    );
    expect(spans.map((n) => [n.name, n.adjectiveLike])).toEqual([
      ['Chinese', true],
      ['Beijing', false],
    ]);
    expect(names('NATO and the CBS network reported it.').map((n) => n.name)).toEqual(['NATO', 'CBS']);
    expect(names('Under Mayor Tom Reyes the wall was rebuilt.')).toEqual([
      { name: 'Tom Reyes', kind: 'person', role: 'Mayor' },
    ]);
  });

  it('keeps particles and numerals that belong to a name', () => {
    expect(names('The prize went to Jean de la Fontaine and Pope Pius XII.').map((n) => n.name)).toEqual([
      'Jean de la Fontaine',
      'Pius XII',
    ]);
    expect(names('It was listed as Grade II by Historic England.').map((n) => n.name)).toEqual([
      'Grade II',
      'Historic England',
    ]);
  });

  it("keeps a plural possessive inside an organization's name, not before a person's", () => {
    expect(names("He led the Farmers' Union and met the Rovers' Tom Vance.").map((n) => n.name)).toEqual([
      "Farmers' Union",
      'Rovers',
      'Tom Vance',
    ]);
  });

  it('keeps a generational suffix with the name, not as a title', () => {
    expect(
      names('The pastor Amos Reed Hale, Jr., met Senator Ida Holt Sr. and Tom Vance Jr. today.'),
    ).toEqual([
      { name: 'Amos Reed Hale, Jr.', kind: 'person', role: 'pastor' },
      { name: 'Ida Holt Sr.', kind: 'person', role: 'Senator' },
      { name: 'Tom Vance Jr.', kind: 'person', role: undefined },
    ]);
  });

  it('keeps organizations whole, with "for" and a title word inside', () => {
    expect(names('Analysts register with the General Teaching Council for Scotland.')).toEqual([
      { name: 'General Teaching Council for Scotland', kind: 'org', role: undefined },
    ]);
    expect(names('It was led by Ivan the Terrible of Moscow.').map((n) => n.name)).toEqual([
      'Ivan the Terrible of Moscow',
    ]);
  });

  it('does not glue names across "and"', () => {
    expect(names('Lennon and McCartney wrote it.').map((n) => n.name)).toEqual(['Lennon', 'McCartney']);
  });
});

describe('findTimeSpans', () => {
  const times = (sentence: string, published?: string) =>
    findTimeSpans(sentence, published).map((t) => [t.text, t.date ?? null]);

  it('finds dates, months, years, decades and centuries', () => {
    expect(
      times('The treaty was signed on March 3, 1918, ratified in May 1918 and lapsed in the 1920s.'),
    ).toEqual([
      ['March 3, 1918', '1918-03-03'],
      ['May 1918', null],
      ['the 1920s', null],
    ]);
    expect(times('Trade grew in the 16th century and again from 1850 to 1914.')).toEqual([
      ['the 16th century', null],
      ['from 1850 to 1914', null],
    ]);
  });

  it('resolves relative expressions against the publication date', () => {
    expect(times('The vote came on Tuesday, two days ago.', '2024-03-07')).toEqual([
      ['on Tuesday', '2024-03-05'],
      ['two days ago', '2024-03-05'],
    ]);
    expect(times('Talks resume next Friday, after a break over the weekend.', '2024-03-07')).toEqual([
      ['next Friday', '2024-03-15'],
      ['over the weekend', '2024-03-02'],
    ]);
    expect(times('Prices have risen since April 2 and in recent weeks.', '2024-05-01')).toEqual([
      ['since April 2', '2024-04-02'],
      ['in recent weeks', null],
    ]);
  });

  it('keeps durations without a date, and ignores "may" the verb', () => {
    expect(times('It may last nearly two and a half years.', '2024-01-01')).toEqual([
      ['nearly two and a half years', null],
    ]);
  });
});

describe('analyzeDocument', () => {
  it('resolves surnames, descriptions and pronouns, and finds quotes with their speakers', () => {
    const d = doc(
      'Chancellor Olaf Scholz met Italian Prime Minister Giorgia Meloni in Rome. ' +
        'Scholz said the talks went well. The Italian leader was less sure.\n\n' +
        'She remarked, "We are not there yet. Far from it." ' +
        '"It will take time," said Scholz. Meloni called the plan "a good start".',
    );
    const a = analyzeDocument(d);
    const name = (id: number) => a.entities[id]?.name;
    const speakers = a.sentences.flatMap((s) =>
      s.quotes.map((q) => [d.body.slice(q.start, q.end), name(q.speaker)]),
    );
    expect(speakers).toEqual([
      ['We are not there yet. Far from it.', 'Giorgia Meloni'],
      ['It will take time,', 'Olaf Scholz'],
      ['a good start', 'Giorgia Meloni'],
    ]);
    const meloni = a.entities.find((e) => e.name === 'Giorgia Meloni');
    expect(meloni?.role).toBe('Italian Prime Minister');
    expect([...(meloni?.aliases ?? [])]).toEqual(expect.arrayContaining(['Meloni', 'the Italian leader']));
    const second = a.sentences[1];
    expect(second?.mentions.map((m) => name(m.entity))).toEqual(['Olaf Scholz']);
    expect(a.entities.map((e) => e.name)).not.toContain('Italian');
  });

  it('takes a description word followed by a noun for a modifier, not a person', () => {
    const d = doc(
      'General Ada Voss reviewed the troops. The general theory of supply was taught by the general, ' +
        'and the general reportedly agreed. The general said little.',
    );
    const a = analyzeDocument(d);
    const described = a.sentences.flatMap((s) =>
      s.mentions.filter((m) => m.via === 'description').map((m) => d.body.slice(m.start, m.end)),
    );
    expect(described).toEqual(['the general', 'the general', 'The general']);
    const mentionAt = (text: string) =>
      a.sentences.flatMap((s) => s.mentions).some((m) => d.body.slice(m.start).startsWith(text));
    expect(mentionAt('The general theory')).toBe(false);
  });

  it('gives surnames and first names as aliases, never a suffix or a regnal number', () => {
    const a = analyzeDocument(doc('Amos Reed Hale, Jr., met Henry VIII of Wessex.'));
    const aliases = (name: string) => [...(a.entities.find((e) => e.name === name)?.aliases ?? [])];
    expect(aliases('Amos Reed Hale, Jr.')).toEqual(expect.arrayContaining(['Hale', 'Amos']));
    expect(aliases('Amos Reed Hale, Jr.')).not.toContain('Jr.');
    expect(aliases('Henry VIII')).not.toContain('VIII');
  });

  it('stores "he" and "she" as mentions of the person they stand for beyond doubt, and no other', () => {
    const d = doc(
      'Mr Oren Vale met Prime Minister Ida Brandt on Monday. The two spoke for an hour. Later he left.\n\n' +
        'Ms Kira Holm said she would fly to Lyon. There she signed a pact with Dan Weir.\n\n' +
        'Ana Rusk met Tom Feld at the club. He said no. "He is wrong," said Ms Holm.\n\n' +
        'Mr Vale arrived. Then Ana Rusk met Tom Feld. He said yes.',
    );
    const a = analyzeDocument(d);
    const pronouns = a.sentences.flatMap((s) =>
      s.mentions
        .filter((m) => m.via === 'pronoun')
        .map((m) => [
          d.body.slice(s.start, m.end).split(' ').slice(-2).join(' '),
          a.entities[m.entity]?.name,
        ]),
    );
    expect(pronouns).toEqual([
      ['Later he', 'Oren Vale'],
      ['said she', 'Kira Holm'],
      ['There she', 'Kira Holm'],
    ]);
  });

  it('resolves times against the published date', () => {
    const a = analyzeDocument(doc('The strike happened on Monday.', '2025-01-08'));
    expect(a.sentences[0]?.times[0]).toMatchObject({ text: 'on Monday', date: '2025-01-06' });
  });
});

describe('findTimeSpans, more forms', () => {
  const texts = (sentence: string) => findTimeSpans(sentence).map((t) => t.text);

  it('finds ranges, eras, large numbers of years and recurring dates', () => {
    expect(texts('The boom lasted between 1945 and 1970, from 1950 to 1960 at its peak.')).toEqual([
      'between 1945 and 1970',
      'from 1950 to 1960',
    ]);
    expect(texts('Writing began in the 4th century BCE; life began 3.5 billion years ago.')).toEqual([
      'the 4th century BCE',
      '3.5 billion years ago',
    ]);
    expect(
      texts('Strikes came over the winter of 1983–84, from the 14th to 17th centuries, May through June.'),
    ).toEqual(['winter of 1983–84', 'the 14th to 17th centuries', 'May through June']);
    expect(texts('It was proven at the end of the 19th century.')).toEqual(['the end of the 19th century']);
    expect(texts('It faded by the middle of the 20th century.')).toEqual(['the middle of the 20th century']);
    expect(texts('The crater formed 3–2.5 billion years ago and was seen on Christmas Eve.')).toEqual([
      '3–2.5 billion years ago',
      'Christmas Eve',
    ]);
    expect(texts('The fair is held on the last weekend of August and the market every May.')).toEqual([
      'the last weekend of August',
      'every May',
    ]);
  });
});
