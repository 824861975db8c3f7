/**
 * The story question set: each line of tests/fixtures/story-questions.jsonl says what a right answer is:
 * found or not, the paragraph of the top result, and text the highlight or summary must contain.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { type Answer, type Command, isCommand } from '../src/engine/answer.ts';
import type { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';
import { projectRoot } from '../src/project-root.ts';

const STORY_QUESTIONS = path.join(projectRoot(import.meta.url), 'tests/fixtures/story-questions.jsonl');

export interface StoryQuestion {
  command: Command;
  query: string;
  found: boolean;
  /** 1-based paragraph of the top result. */
  paragraph?: number;
  /** Text the top highlight or the summary must contain (case-insensitive). */
  answer?: string;
}

export interface StoryVerdict {
  question: StoryQuestion;
  answer: Answer;
  right: boolean;
  why: string;
  ms: number;
}

export function readStoryQuestions(file = STORY_QUESTIONS): StoryQuestion[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const q = JSON.parse(line) as StoryQuestion;
      if (!isCommand(q.command) || typeof q.query !== 'string' || typeof q.found !== 'boolean')
        throw new Error(`${file}:${i + 1}: needs command, query and found`);
      return q;
    });
}

/** Case and curly quotes folded, as answers are compared. */
export const fold = (text: string) => text.toLowerCase().replace(/[’‘]/g, "'");

export function judge(question: StoryQuestion, answer: Answer): { right: boolean; why: string } {
  if (answer.found !== question.found) return { right: false, why: `found is ${answer.found}` };
  const top = answer.results[0];
  if (question.paragraph !== undefined && top?.citation.paragraph !== question.paragraph)
    return { right: false, why: `top result is paragraph ${top?.citation.paragraph ?? 'none'}` };
  if (question.answer !== undefined) {
    const expected = fold(question.answer);
    if (!fold(top?.highlight ?? '').includes(expected) && !fold(answer.summary).includes(expected))
      return { right: false, why: `"${question.answer}" is not in the highlight or the summary` };
  }
  return { right: true, why: '' };
}

export function runStoryEval(kb: KnowledgeBase, questions: StoryQuestion[]): StoryVerdict[] {
  return questions.map((question) => {
    const started = performance.now();
    const answer = kb.answer(question.command, question.query);
    const ms = performance.now() - started;
    return { question, answer, ms, ...judge(question, answer) };
  });
}
