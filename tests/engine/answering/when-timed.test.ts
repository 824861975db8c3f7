/** /when: after the best matching passage, results hold a time whenever one exists. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'ferry.txt',
  'The old ferry sailed from the harbour with the mail.\n\n' +
    'The old ferry sailed past the lighthouse with the mail.\n\n' +
    'The old ferry sailed past the lighthouse with the mail again.\n\n' +
    'In 1950 the old ferry sailed past the lighthouse once more, with a cargo of coal and timber.',
);

describe('/when results with a time', () => {
  it('puts a passage that holds a time before ones that tell the event about as well without', () => {
    const answer = kb.answer('when', 'when did the old ferry sail past the lighthouse with the mail', {
      limit: 2,
    });
    expect(answer.results).toHaveLength(2);
    // of the passages that tell the event about as well as the best, the one with a time leads
    expect(answer.results[0]).toMatchObject({ highlight: '1950', precision: 'year', date: '1950' });
    expect(answer.results[1]?.citation.paragraph).toBe(2);
    expect(answer.summary).toBe('1950');
  });
});
