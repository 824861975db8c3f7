/** /quote with a quotation's own words: the quotation that says them, however common the words are. */
import { describe, expect, it } from 'vitest';
import { QUOTE_PHRASE } from '../../../src/engine/answering/quote-phrase.ts';
import { knowledgeOf } from '../../helpers.ts';

const SPEAKERS = ['Ada Brill', 'Owen Marsh', 'Lena Ortiz', 'Carl Dunne', 'Sara Field', 'Tom Reed'];
const filler = Array.from(
  { length: 30 },
  (_, i) => `"We can win and we will go on to win," said ${SPEAKERS[i % SPEAKERS.length]} at rally ${i + 1}.`,
);
const kb = knowledgeOf(
  'rallies.txt',
  [...filler.slice(0, 15), '"If we don\'t win, we go home," said Tom Vance.', ...filler.slice(15)].join(
    '\n\n',
  ),
);

describe('quote by its own words', () => {
  it('finds the quotation that says the words, typed with or without the apostrophe', () => {
    for (const query of [
      "If we don't win we go home",
      'If we don t win we go home',
      'if we dont win, we go',
    ]) {
      const a = kb.answer('quote', query);
      expect(a.found).toBe(true);
      expect(a.results[0]?.speaker).toBe('Tom Vance');
      expect(a.results[0]?.highlight).toBe("If we don't win, we go home,");
    }
  });

  it('shows words quoted twice first where the text says whose they are', () => {
    const twice = knowledgeOf(
      'twice.txt',
      '"The harbour levy must be dropped before the winter session begins."\n\n' +
        'The council met on Monday.\n\n' +
        '"The harbour levy must be dropped before the winter session begins," Ada Brill said in a statement.',
    );
    const a = twice.answer('quote', 'the harbour levy must be dropped before the winter');
    expect(a.results.map((r) => r.speaker)).toEqual(['Ada Brill', undefined]);
  });

  it('matches letters across typographic punctuation and accents, whichever way the query writes them', () => {
    const typeset = knowledgeOf(
      'typeset.txt',
      '“We’ll rebuild the harbor — all of it — by spring,” said Ada Brill.\n\n' +
        '“The café will open again,” said Tom Vance.',
    );
    const asked: [string, string][] = [
      ["we'll rebuild the harbor all of it", 'Ada Brill'],
      ['We’ll rebuild the harbor, all of it, by spring', 'Ada Brill'],
      ['the cafe will open again', 'Tom Vance'],
      ['The café will open', 'Tom Vance'],
    ];
    for (const [query, speaker] of asked) {
      expect(typeset.answer('quote', query).results[0]?.speaker).toBe(speaker);
    }
  });

  it('finds the quotation, not a headline name never quoted, when the query says its words', () => {
    const headline = knowledgeOf(
      'headline.txt',
      'Floods Are ‘The Worst Regional Water Crisis,’ Ada Brill Tells Council.\n\n' +
        'Floods are "the worst regional water crisis" of the decade, Ada Brill told the council on Monday.',
    );
    const a = headline.answer('quote', 'the worst regional water crisis');
    expect(a.found).toBe(true);
    expect(a.results[0]?.speaker).toBe('Ada Brill');
    expect(a.results[0]?.highlight).toBe('the worst regional water crisis');
  });

  it('puts the quotation that opens with the words before one that holds them further in', () => {
    const echo = knowledgeOf(
      'echo.txt',
      'Ada Brill wrote: "Vance said he would never resign from the board, not ever."\n\n' +
        '"He would never resign from the board," Tom Vance said.',
    );
    const a = echo.answer('quote', 'he would never resign from the board');
    expect(a.results.map((r) => r.speaker)).toEqual(['Tom Vance', 'Ada Brill']);
  });

  it('finds the quotation when the query stops inside a word', () => {
    const cut = knowledgeOf(
      'cut.txt',
      'Don Reyes spoke first.\n\n"We will go home if we don\'t win the vote," said Ada Brill.',
    );
    const a = cut.answer('quote', 'We will go home if we don');
    expect(a.results[0]?.speaker).toBe('Ada Brill');
  });

  it("reads a question about what was said as a topic, not as a quotation's words", () => {
    const asked = knowledgeOf(
      'asked.txt',
      'Ada Brill wrote: "What did they say about the harbor? Nothing at all."\n\n' +
        'Tom Vance said "the harbor plan is sound and the harbor will reopen."',
    );
    const a = asked.answer('quote', 'what did they say about the harbor');
    expect(a.results[0]?.speaker).toBe('Tom Vance');
  });

  it('finds the quotation when its rarest word is in many paragraphs (read only where the next one is too)', () => {
    const many = Array.from(
      { length: QUOTE_PHRASE.narrowAbove + 10 },
      (_, i) => `"The harbor board met again today," said ${SPEAKERS[i % SPEAKERS.length]} on day ${i + 1}.`,
    );
    const crowded = knowledgeOf(
      'harbor.txt',
      [...many, '"The harbor board must reopen the quay," said Tom Vance.'].join('\n\n'),
    );
    const a = crowded.answer('quote', 'the harbor board must reopen');
    expect(a.results[0]?.speaker).toBe('Tom Vance');
    expect(a.results[0]?.highlight).toBe('The harbor board must reopen the quay,');
  });

  it('ranks by topic when no quotation says the words in a row', () => {
    const a = kb.answer('quote', 'win home');
    expect(a.results.some((r) => r.speaker === 'Tom Vance')).toBe(true);
  });
});
