/**
 * What every command's answering provides. One module per command (who.ts, when.ts, quote.ts, search.ts)
 * implements it; answer-query.ts dispatches to them through a `Record<Command, Answerer>`, so a command added
 * to COMMANDS does not compile until its answerer exists.
 */
import type { KbView } from '../../index/kb-view.ts';
import type { Answer } from '../answer.ts';

export interface Question {
  /** The query, whitespace-normalised and cut to QUERY_MAX_CHARS; it holds at least one letter or digit. */
  query: string;
  /** Most results to give (1 to MAX_LIMIT). */
  limit: number;
  /** The answer with nothing found yet (command and query set), for the answerer to complete. */
  unanswered: Answer;
}

export interface Answerer {
  answer(kb: KbView, question: Question): Answer;
}
