import { describe, expect, it } from 'vitest';
import { synonymTerms } from '../../../src/engine/text/synonyms.ts';
import { stem } from '../../../src/engine/text/terms.ts';
import { knowledgeOf } from '../../helpers.ts';

describe('verbs that name the same event', () => {
  it('joins each verb to the others of its set, both ways, in any form', () => {
    expect(synonymTerms(stem('founded'))).toContain(stem('established'));
    expect(synonymTerms(stem('establish'))).toContain(stem('found'));
    expect(synonymTerms(stem('decides'))).toContain(stem('determine'));
    expect(synonymTerms(stem('founded'))).not.toContain(stem('founded'));
  });

  it('has nothing for other words', () => {
    expect(synonymTerms(stem('bridge'))).toEqual([]);
    expect(synonymTerms('')).toEqual([]);
  });

  it('finds the paragraph that tells the event in other words', () => {
    const kb = knowledgeOf(
      'town.md',
      '---\ntitle: Norvale\n---\n' +
        'The Norvale library was closed for repairs in 1954.\n\n' +
        'In 1881 the parish council established the Norvale library near the old mill.\n\n',
    );
    expect(kb.answer('when', 'When was the Norvale library founded?').results[0]?.highlight).toBe('1881');
  });
});
