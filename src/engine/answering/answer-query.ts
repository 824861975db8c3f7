/**
 * The engine's entry point: a command and a query in, an Answer out (answer.ts). Every answer cites exact
 * text: an excerpt is a window of a document body (excerpt-windows.ts) and its highlight a substring of it.
 */
import type { KbView } from '../../index/kb-view.ts';
import { type Answer, type Command, DEFAULT_LIMIT, MAX_LIMIT } from '../answer.ts';
import type { Answerer } from './answerer.ts';
import { hasWords, normalizeQuery } from './query.ts';
import { quoteAnswerer } from './quote.ts';
import { searchAnswerer } from './search.ts';
import { whenAnswerer } from './when.ts';
import { whoAnswerer } from './who.ts';

/** One answerer per command: a command added to COMMANDS does not compile until it has one here. */
export const ANSWERERS: Record<Command, Answerer> = {
  who: whoAnswerer,
  when: whenAnswerer,
  quote: quoteAnswerer,
  search: searchAnswerer,
};

/** The requested limit as a whole number from 1 to MAX_LIMIT; DEFAULT_LIMIT when none (or no number) is given. */
function clampLimit(requested: number | undefined): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(Number(requested) || DEFAULT_LIMIT)));
}

export function answerQuery(kb: KbView, command: Command, rawQuery: string, limit?: number): Answer {
  const query = normalizeQuery(rawQuery);
  const unanswered: Answer = { command, query, found: false, summary: '', results: [], suggestions: [] };
  if (!hasWords(query)) {
    return {
      ...unanswered,
      summary: 'Ask about a name, an event or a topic: the query has no words to look for.',
    };
  }
  return ANSWERERS[command].answer(kb, { query, limit: clampLimit(limit), unanswered });
}
