/** /when: a passage with no calendar time answers with the event its time is told by ("after the fire ..."). */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'chapel.txt',
  'Marta Quell rebuilt the hill chapel after the fire destroyed its roof, with stone from the quarry.\n\n' +
    'Pilgrims may enter the crypt only while the abbot is present.',
);

describe('/when: times told by another event', () => {
  it('highlights the event phrase and sums up with it when no result has a calendar time', () => {
    const answer = kb.answer('when', 'when did Marta Quell rebuild the hill chapel');
    expect(answer.results[0]).toMatchObject({
      highlight: 'after the fire destroyed its roof',
      precision: 'relative',
    });
    expect(answer.summary).toBe('after the fire destroyed its roof');
    expect(kb.answer('when', 'when may pilgrims enter the crypt').results[0]?.highlight).toBe(
      'while the abbot is present',
    );
  });

  it('sums up with the first result, not with a calendar time of another passage', () => {
    const withYear = knowledgeOf(
      'tower.txt',
      'Marta Quell rebuilt the hill chapel after the fire destroyed its roof.\n\n' +
        'The bell tower of the hill chapel was rebuilt as well, in 1921.',
    );
    const answer = withYear.answer('when', 'when did Marta Quell rebuild the hill chapel');
    expect(answer.results.map((r) => r.highlight)).toEqual(['after the fire destroyed its roof', '1921']);
    expect(answer.summary).toBe('after the fire destroyed its roof');
  });
});
