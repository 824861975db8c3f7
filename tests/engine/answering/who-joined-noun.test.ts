/** /who: a plain noun joined to the answer by "and" is part of it; a longer phrase after "and" is not. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'harbour.md',
  '---\ntitle: Harbour\n---\n' +
    'Mayor Ilse Brandvik was persuaded by Tallin merchants and traders, her neighbours at the quay.\n\n' +
    'The new pier was paid for by Kestrel shipowners and trade unions from the coast.\n\n',
);

const top = (query: string) => kb.answer('who', query).results[0]?.highlight;

describe('/who: nouns joined by "and"', () => {
  it('keeps a plain noun joined by "and" with the answer', () => {
    expect(top('who persuaded Mayor Ilse Brandvik')).toBe('Tallin merchants and traders');
  });

  it('leaves out a longer phrase after "and"', () => {
    expect(top('who paid for the new pier')).toBe('Kestrel shipowners');
  });
});
