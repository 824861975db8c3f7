/** /who did X: a group named by common nouns is the actor when no name is; a named actor always wins. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'border.md',
  '---\ntitle: Border\npublished: 2025-03-12\n---\n' +
    'Norvish officials denied the damage to the Kestrel bridge, but satellite images showed two spans missing.\n\n' +
    'Both nations exchanged memorandums at the border post in Tallin Vale.\n\n' +
    'Local farmers from Tallin Vale held a protest near the Kestrel bridge on Sunday.\n\n' +
    'Mayor Ilse Brandvik held talks with the Norvish envoy at the Tallin Vale customs house.\n\n',
);

const top = (query: string) => kb.answer('who', query).results[0]?.highlight;

describe('/who: groups as actors', () => {
  it('answers with the group that is the subject when no name stands there', () => {
    expect(top('who denied the damage to the Kestrel bridge')).toBe('Norvish officials');
    expect(top('who exchanged memorandums')).toBe('Both nations');
  });

  it('takes the question\'s verb in any of its forms ("held" for "hold"), with what qualifies the group', () => {
    expect(top('who continued to hold a protest near the Kestrel bridge')).toBe(
      'Local farmers from Tallin Vale',
    );
  });

  it('never puts a group before a named person who is the actor', () => {
    expect(top('who held talks with the Norvish envoy')).toContain('Ilse Brandvik');
  });
});
