import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { judge, readStoryQuestions, runStoryEval } from '../../tools/story-eval.ts';
import { KNOWLEDGE_DIR } from '../helpers.ts';

describe('the story question set', () => {
  const questions = readStoryQuestions();

  it('has at least 40 questions over the four commands, with not-found cases', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
    for (const command of ['who', 'when', 'quote', 'search'])
      expect(questions.filter((q) => q.command === command).length).toBeGreaterThanOrEqual(8);
    expect(questions.filter((q) => !q.found).length).toBeGreaterThanOrEqual(6);
  });

  it('is answered right at least 95 % of the time', async () => {
    const kb = await KnowledgeBase.load(KNOWLEDGE_DIR);
    const verdicts = runStoryEval(kb, questions);
    const wrong = verdicts
      .filter((v) => !v.right)
      .map((v) => `${v.question.command} ${v.question.query}: ${v.why}`);
    expect(wrong.length / verdicts.length, wrong.join('\n')).toBeLessThanOrEqual(0.05);
  });

  it('judges paragraph, found and answer text', () => {
    const q = { command: 'who' as const, query: 'x', found: true, paragraph: 2, answer: 'Pete' };
    const result = {
      excerpt: 'Pete Hegseth',
      highlight: 'Pete Hegseth',
      citation: { document: 'd', title: 't', paragraph: 2, sentence: 1 },
      score: 1,
    };
    const answer = {
      command: 'who' as const,
      query: 'x',
      found: true,
      summary: '',
      results: [result],
      suggestions: [],
    };
    expect(judge(q, answer).right).toBe(true);
    expect(judge({ ...q, paragraph: 3 }, answer).right).toBe(false);
    expect(judge({ ...q, answer: 'Trump' }, answer).right).toBe(false);
    expect(judge({ ...q, found: false }, answer).right).toBe(false);
  });
});
