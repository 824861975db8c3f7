/** The Answer as JSON: one line for batches, indented for people. */
import type { Answer } from '../engine/answer.ts';

export function renderAnswerJson(answer: Answer, options: { pretty?: boolean } = {}): string {
  return options.pretty ? JSON.stringify(answer, null, 2) : JSON.stringify(answer);
}
