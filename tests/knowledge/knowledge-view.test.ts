import { describe, expect, it } from 'vitest';
import type { Answer, AnswerResult } from '../../src/engine/answer.ts';
import { mergeAnswers } from '../../src/knowledge/knowledge-view.ts';

const result = (document: string, score: number): AnswerResult => ({
  excerpt: `${document} text`,
  highlight: 'text',
  citation: { document, title: document, paragraph: 1, sentence: 1 },
  score,
});
const answer = (summary: string, results: AnswerResult[], suggestions: string[] = []): Answer => ({
  command: 'search',
  query: 'q',
  found: results.length > 0,
  summary,
  results,
  suggestions,
});

describe('mergeAnswers', () => {
  it('orders both lists by score, keeps the limit, and takes the summary of the best', () => {
    const own = answer('own says', [result('own-1', 1.2), result('own-2', 0.4)]);
    const base = answer('base says', [result('base-1', 1.5), result('base-2', 0.9), result('base-3', 0.1)]);
    const merged = mergeAnswers(own, base, 3);
    expect(merged.results.map((r) => r.citation.document)).toEqual(['base-1', 'own-1', 'base-2']);
    expect(merged.summary).toBe('base says');
    expect(mergeAnswers(answer('own says', [result('own-1', 2)]), base, 3).summary).toBe('own says');
  });

  it("puts the server's result first on equal scores", () => {
    const merged = mergeAnswers(answer('own', [result('own', 1)]), answer('base', [result('base', 1)]), 2);
    expect(merged.results.map((r) => r.citation.document)).toEqual(['own', 'base']);
  });

  it('answers from whichever found something, and keeps the suggestions of a not-found answer whole', () => {
    const nothing = answer('nothing', []);
    const base = answer('base says', [result('base-1', 1)]);
    expect(mergeAnswers(nothing, base, 3)).toBe(base);
    expect(mergeAnswers(base, nothing, 3)).toBe(base);
    const suggestsOwn = answer('Did you mean Ann?', [], ['Ann']);
    const suggestsBase = answer('Did you mean Bo?', [], ['Bo']);
    expect(mergeAnswers(suggestsOwn, suggestsBase, 3)).toBe(suggestsOwn);
    expect(mergeAnswers(nothing, suggestsBase, 3)).toBe(suggestsBase);
  });
});
