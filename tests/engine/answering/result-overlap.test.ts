/** /when and /who: no two results of an answer quote the same characters, even from one paragraph. */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../src/engine/answer.ts';
import { knowledgeOf } from '../../helpers.ts';

const PARAGRAPH = [
  'The harbour bridge at Quillmouth was first painted grey in 1921 by a crew of twelve.',
  'Dockers from the east quay complained that the grey paint peeled within a single winter.',
  'The council had the harbour bridge painted green in 1934, after a vote that split the town.',
  'Tourists who came for the regatta photographed the green span from the ferry for years.',
  'In 1958 the harbour bridge was painted red, the colour of the Quillmouth rowing club.',
  'Painters hung from ropes for months, and two of them were rescued from the water.',
  'The harbour bridge was painted red again in 1987 by Nell Farrow and her son Abel.',
  'Nell Farrow painted the harbour bridge once more in 1999, her last work on it.',
  'The harbour bridge was painted blue in 2011 for the centenary of the Quillmouth ferry.',
  'Storms stripped the railings in the winter that followed, and the town repaired them slowly.',
  'A crew led by Tobin Marsh painted the harbour bridge white in 2020, in under a month.',
].join(' ');

const kb = knowledgeOf('bridge.txt', `${PARAGRAPH}\n\nThe ferry stopped running in 2004.`);

/** Each result's place in the paragraph; fails when an excerpt is not found there once. */
function places(answer: Answer): { start: number; end: number }[] {
  return answer.results.map((r) => {
    const start = PARAGRAPH.indexOf(r.excerpt);
    expect(start, r.excerpt).toBeGreaterThanOrEqual(0);
    expect(PARAGRAPH.indexOf(r.excerpt, start + 1)).toBe(-1);
    return { start, end: start + r.excerpt.length };
  });
}

function expectDisjoint(spans: { start: number; end: number }[]) {
  for (const [i, a] of spans.entries())
    for (const b of spans.slice(i + 1))
      expect(a.end <= b.start || b.end <= a.start, JSON.stringify([a, b])).toBe(true);
}

describe('results that do not overlap', () => {
  it('/when: results of one paragraph share no characters, and each holds a time', () => {
    const answer = kb.answer('when', 'when was the harbour bridge painted', { limit: 3 });
    expect(answer.results).toHaveLength(3);
    expectDisjoint(places(answer));
    for (const r of answer.results) {
      expect(r.precision).toBe('year');
      expect(r.excerpt).toContain(r.highlight);
    }
  });

  it("/when: a time an earlier result shows is not a later result's answer", () => {
    const answer = kb.answer('when', 'when was the harbour bridge painted', { limit: 3 });
    const times = answer.results.map((r) => r.highlight);
    expect(new Set(times).size).toBe(times.length);
  });

  it('/who: results of one paragraph share no characters', () => {
    const answer = kb.answer('who', 'who painted the harbour bridge', { limit: 3 });
    expect(answer.results.length).toBeGreaterThan(1);
    expectDisjoint(places(answer));
    // no result is the fragment of a sentence an earlier result mostly shows
    for (const r of answer.results) expect(r.truncatedStart).toBeUndefined();
  });
});
