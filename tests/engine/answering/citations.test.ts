/** Every result's citation names the paragraph and the sentence that hold its highlight, for every command. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../../src/engine/answer.ts';
import { type KnowledgeDocument, parseDocument } from '../../../src/knowledge/document.ts';
import { KnowledgeBase } from '../../../src/knowledge/knowledge-base.ts';
import { citedSentences, citesHighlight } from '../../../tools/citation-check.ts';
import { readStoryQuestions } from '../../../tools/story-eval.ts';
import { STORY_FILE } from '../../helpers.ts';

function expectCitedHighlights(docs: KnowledgeDocument[], kb: KnowledgeBase, asked: [Command, string][]) {
  let checked = 0;
  for (const [command, query] of asked)
    for (const c of citedSentences(docs, kb.answer(command, query))) {
      expect(c.excerpt, query).toContain(c.highlight);
      // the highlight starts in the cited sentence (a whole-sentence highlight may be cut at the excerpt's end)
      expect(citesHighlight(c), `${command} ${query}: "${c.highlight}" in "${c.sentence}"`).toBe(true);
      checked++;
    }
  return checked;
}

describe('citations', () => {
  it('name the sentence of the highlight in every answer about the bundled story', () => {
    const doc = parseDocument('trump-putin-call.md', readFileSync(STORY_FILE));
    const kb = KnowledgeBase.fromDocuments([doc]);
    const asked: [Command, string][] = readStoryQuestions().map((q) => [q.command, q.query]);
    asked.push(['when', 'when was the second round of peace talks'], ['who', 'Zelenskyy']);
    expect(expectCitedHighlights([doc], kb, asked)).toBeGreaterThan(60);
  });

  it('name the sentence of the highlight in an encyclopaedia article, where answers sit mid-paragraph', () => {
    const doc = parseDocument(
      'harbour.txt',
      new TextEncoder().encode(
        [
          'Port Velmar is a harbour town on the Oskary coast. Its old quarter stands on a rocky spit. ' +
            'The first pier was built by the engineer Tomas Wendel in 1783. A second pier followed in 1812.',
          'The town grew with the herring trade. Its guild hall was designed by the architect Irma Solk. ' +
            'The hall opened in 1854 and burned down in 1901. It was rebuilt by Solk’s pupil Aron Dey in 1905.',
          'A railway reached the town late. Trains first arrived in 1879, after a long quarrel over the route. ' +
            'The line was closed in 1967 by the national railway board.',
        ].join('\n\n'),
      ),
    );
    const kb = KnowledgeBase.fromDocuments([doc]);
    const asked: [Command, string][] = [
      ['who', 'Who built the first pier of Port Velmar?'],
      ['when', 'When was the first pier built?'],
      ['who', 'Who designed the guild hall?'],
      ['when', 'When did the guild hall burn down?'],
      ['who', 'Who rebuilt the guild hall?'],
      ['when', 'When did trains first arrive in Port Velmar?'],
      ['when', 'When was the railway line closed?'],
      ['search', 'railway board'],
    ];
    expect(expectCitedHighlights([doc], kb, asked)).toBeGreaterThan(7);
    expect(kb.answer('when', 'When did the guild hall burn down?').results[0]?.citation).toMatchObject({
      paragraph: 2,
      sentence: 3,
    });
  });
});
