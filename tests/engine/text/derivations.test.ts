import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivedTerms } from '../../../src/engine/text/derivations.ts';
import { stem } from '../../../src/engine/text/terms.ts';
import { DERIVATIONS_FILE, formatDerivations, wordnetDir } from '../../../tools/derivations.ts';

describe('word families (WordNet derivations)', () => {
  it('joins words the stemmer leaves apart, both ways', () => {
    expect(derivedTerms(stem('invade'))).toContain(stem('invasion'));
    expect(derivedTerms(stem('invasion'))).toContain(stem('invade'));
    expect(derivedTerms(stem('settle'))).toContain(stem('settlement'));
    expect(derivedTerms(stem('death'))).toContain(stem('die'));
  });

  it('leaves out what the stemmer already joins, and words without a family', () => {
    expect(derivedTerms(stem('invade'))).not.toContain(stem('invader'));
    expect(derivedTerms(stem('the'))).toEqual([]);
    expect(derivedTerms('')).toEqual([]);
  });

  it('ships the file that `npm run derivations` writes from WordNet, license notice included', () => {
    const committed = readFileSync(DERIVATIONS_FILE, 'utf8');
    expect(committed).toContain('WordNet 3.0 Copyright 2006 by Princeton University');
    expect(committed).toBe(formatDerivations(wordnetDir()));
  });
});
