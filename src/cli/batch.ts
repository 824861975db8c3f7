/**
 * `ask --batch`: one request per input line, one JSON record per output line, in the same order, so that
 * output line N always belongs to input line N. A line that is not a request — blank, not JSON, an unknown
 * command — gets an error record `{"line": N, "error": "…"}` instead of an answer.
 */
import { COMMANDS, type Command, isCommand } from '../engine/answer.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { renderAnswerJson } from '../render/json.ts';

export interface BatchError {
  /** 1-based input line number. */
  line: number;
  error: string;
}

/** The lines of a batch; the newline that ends the last one does not start another. */
export function batchLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

const EXPECTED = `expected {"command": "${COMMANDS.join('|')}", "query": "..."}`;

/** The request on one line, or why there is none. */
function parseRequest(line: string): { command: Command; query: string } | string {
  if (line.trim() === '') return `empty line: ${EXPECTED}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `not JSON: ${EXPECTED}`;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return `not a JSON object: ${EXPECTED}`;
  const { command, query } = parsed as { command?: unknown; query?: unknown };
  if (typeof command !== 'string' || !isCommand(command))
    return `unknown command ${JSON.stringify(command ?? null)}: ${EXPECTED}`;
  if (typeof query !== 'string') return `"query" must be a string: ${EXPECTED}`;
  return { command, query };
}

/** The output line for input line `lineNo`: the Answer JSON, or an error record. */
export function answerBatchLine(kb: KnowledgeBase, line: string, lineNo: number, limit?: number): string {
  const request = parseRequest(line);
  if (typeof request === 'string')
    return JSON.stringify({ line: lineNo, error: request } satisfies BatchError);
  return renderAnswerJson(kb.answer(request.command, request.query, { limit }));
}
