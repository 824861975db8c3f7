/** A courtesy title before a surname in the question matches the person named in full or by surname alone. */
import { describe, expect, it } from 'vitest';
import { queryTerms } from '../../../src/engine/answering/query-terms.ts';
import { buildData, finishData } from '../../../src/index/kb-data.ts';
import { KbView } from '../../../src/index/kb-view.ts';
import { parseDocument } from '../../../src/knowledge/document.ts';
import { KnowledgeBase } from '../../../src/knowledge/knowledge-base.ts';

const doc = parseDocument(
  'lighthouse.md',
  new TextEncoder().encode(
    '---\ntitle: Coast news\npublished: 2031-04-18\n---\n' +
      'Mr Halloran visited the lighthouse on Friday. Mr Halloran thanked Mr Dunne.\n\n' +
      'Tomas Halloran left the lighthouse in March 2029, and Halloran retired as its keeper in 2030.\n\n' +
      'Mrs Dunne and Mr Dunne painted the tower in 2027.',
  ),
);
const kb = KnowledgeBase.fromDocuments([doc]);
const view = new KbView(finishData(buildData([doc])));

describe('queries with a courtesy title before a name', () => {
  it('drop the title and keep the name, in capitals or not', () => {
    for (const query of [
      'when did Mr Halloran resign',
      'when did mr halloran resign',
      'when did Lady Ashby go',
    ])
      expect(queryTerms(view, query).terms, query).not.toContainEqual(expect.stringMatching(/^(mr|ladi?)$/));
  });

  it('keep a word that is a title elsewhere where no name follows ("miss the deadline")', () => {
    expect(queryTerms(view, 'when did the keepers miss the boat').terms).toContain('miss');
    expect(queryTerms(view, 'when did Lord Baine miss training').terms).toContain('miss');
  });

  it('answers "Mr <surname>" with the sentence that names the person in full', () => {
    const left = kb.answer('when', 'when did Mr Halloran leave the lighthouse');
    expect(left.summary).toMatch(/^March 2029/);
    expect(left.results[0]?.citation).toMatchObject({ paragraph: 2, sentence: 1 });
    expect(kb.answer('when', 'when did Mr Halloran retire as keeper').summary).toMatch(/^2030/);
  });
});
