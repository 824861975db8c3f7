import { describe, expect, it } from 'vitest';
import { inflectedTerms } from '../../../src/engine/text/inflections.ts';
import { stem } from '../../../src/engine/text/terms.ts';

describe('irregular forms (WordNet exception lists)', () => {
  it('joins irregular verb and noun forms to their word, both ways', () => {
    expect(inflectedTerms(stem('leads'))).toContain(stem('led'));
    expect(inflectedTerms(stem('led'))).toContain(stem('lead'));
    expect(inflectedTerms(stem('began'))).toContain(stem('begin'));
    expect(inflectedTerms(stem('held'))).toContain(stem('hold'));
    expect(inflectedTerms(stem('children'))).toContain(stem('child'));
  });

  it('leaves out what the stemmer already joins, and regular words', () => {
    expect(inflectedTerms(stem('attacked'))).toEqual([]);
    expect(inflectedTerms(stem('stemmed'))).not.toContain(stem('stem'));
    expect(inflectedTerms('')).toEqual([]);
  });
});
