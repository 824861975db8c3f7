import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPersonNoun } from '../../../src/engine/extract/roles.ts';
import { wordnetDir } from '../../../tools/derivations.ts';
import { formatPersonNouns, PERSON_NOUNS_FILE } from '../../../tools/person-nouns.ts';

describe('person nouns (WordNet noun.person)', () => {
  it('know roles, trades and relations beyond the hand-written titles', () => {
    for (const word of [
      'striker',
      'journalist',
      'critic',
      'regulator',
      'sprinter',
      'medallist',
      'actress',
      'wife',
    ])
      expect(isPersonNoun(word), word).toBe(true);
    expect(isPersonNoun('MP')).toBe(true);
    expect(isPersonNoun('vice-president')).toBe(true);
  });

  it('leave out things, particular people and hyphenated words that are no title', () => {
    for (const word of ['bridge', 'year', 'einstein', 'fly-half', 'the'])
      expect(isPersonNoun(word), word).toBe(false);
  });

  it('ships the file that `npm run person-nouns` writes from WordNet, license notice included', () => {
    const committed = readFileSync(PERSON_NOUNS_FILE, 'utf8');
    expect(committed).toContain('WordNet 3.0 Copyright 2006 by Princeton University');
    expect(committed).toContain('\nrock star\n');
    expect(committed).toBe(formatPersonNouns(wordnetDir()));
  });
});
