/** /when: the end of a hyphenated compound in the question ("rate-setting") is no verb of its event. */
import { describe, expect, it } from 'vitest';
import { questionVerbTerms } from '../../../src/engine/answering/time-attachment.ts';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'levy.md',
  '---\ntitle: Levy news\npublished: 2034-05-19\n---\n' +
    'The Orvane Reserve Bank said its levy would stay at 3%.\n\n' +
    "The bank's seven-member price-setting panel agreed without dissent earlier this month to keep the levy at 3%, the minutes of its session showed on Friday.",
);

describe('/when: a question with a hyphenated compound', () => {
  it('reads the verb of the question, not the end of its compound', () => {
    expect([...questionVerbTerms('when were the minutes of the price-setting meeting published')]).toEqual([
      'publish',
    ]);
  });

  it("answers with the time of the clause the question names, not of the compound's verb", () => {
    const answer = kb.answer(
      'when',
      'when were the minutes of the Orvane Reserve Bank price-setting session published',
    );
    expect(answer.summary).toMatch(/^on Friday/);
  });
});
