/** /when: a time right after a word of the question, in the paragraph of a best sentence that holds none. */
import { describe, expect, it } from 'vitest';
import { knowledgeOf } from '../../helpers.ts';

const kb = knowledgeOf(
  'council.md',
  '---\ntitle: Council news\npublished: 2032-02-11\n---\n' +
    'A Liberal council candidate has stood down after being quoted as calling for "a season of bold pruning in the county budget".\n\n' +
    'Wren Ostrander, who also chairs the Dunmere allotment society, had been due to stand in Carrow. ' +
    'She says her remark on Tuesday was twisted but she will not stand, for fear of harming the party. ' +
    'Party leader Hugh Pell accepted her decision "with sadness". ' +
    'Ms Ostrander was quoted in the Dunmere Herald saying: "We want a season of bold pruning in the county budget."\n\n' +
    'Tomas Reyl opened the Carrow bakery in 2029. He says the bakery was small. ' +
    'Mr Reyl told the Herald he had always wanted to bake bread for the whole town of Carrow.',
);
const when = (query: string) => kb.answer('when', query);

describe('/when: a time said right after a word of the question, near an untimed best sentence', () => {
  it('answers with "her remark on Tuesday" for when she made the remark the quotation tells', () => {
    const answer = when(
      'when did Wren Ostrander make her remark about a season of bold pruning in the county budget',
    );
    expect(answer.summary).toMatch(/^on Tuesday/);
    expect(answer.results[0]?.citation).toMatchObject({ paragraph: 2, sentence: 2 });
  });

  it("takes no time that follows a name or another word than the question's", () => {
    const answer = when('when did Tomas Reyl want to bake bread for the whole town');
    expect(answer.summary).not.toMatch(/2029/);
  });
});
