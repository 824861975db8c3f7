/** /when for "when did X reveal that Y happened": the statement's time, not the time of what it says. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'mills.md',
  '---\ntitle: Mill news\npublished: 2033-03-04\n---\n' +
    'On Tuesday there was more bad news for the region, as the Vardell Trade Office revealed textile exports unexpectedly shrank in January.\n\n' +
    'Textile exports had grown in each of the four months before it.',
);
const when = (query: string) => kb.answer('when', query);

describe('/when: a question about a statement and what it said', () => {
  it('answers with the day of the statement, not the month of what it reports', () => {
    const answer = when(
      'when did the Vardell Trade Office reveal that textile exports had unexpectedly shrunk',
    );
    expect(answer.summary).toMatch(/^On Tuesday/);
  });

  it('still answers with the month when the question asks about the event itself', () => {
    expect(when('when did textile exports unexpectedly shrink').summary).toMatch(/^in January/);
    const inside = when('the Vardell Trade Office revealed that textile exports shrank in which month');
    expect(inside.summary).toMatch(/^in January/);
  });
});
