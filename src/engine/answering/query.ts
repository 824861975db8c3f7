/** The query as the engine reads it: cleaned, and the name it gives ("who is Anne Martin?" -> "Anne Martin"). */
import { QUERY_MAX_CHARS } from '../answer.ts';

/** A query (or its name part) of more words than this is a question or a topic, not a name. */
export const NAME_QUERY_MAX_WORDS = 5;

/** Whitespace runs made one space, the ends trimmed, cut to QUERY_MAX_CHARS (never rejected for length). */
export function normalizeQuery(raw: unknown): string {
  return (
    String(raw ?? '')
      // Cut before the regex work, with room for whitespace that the next step folds away.
      .slice(0, QUERY_MAX_CHARS * 2)
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, QUERY_MAX_CHARS)
  );
}

/** The query has a letter or a digit: something to look for. */
export function hasWords(query: string): boolean {
  return /[\p{L}\p{N}]/u.test(query);
}

/** The name part of a query: "who is Anne Martin?" -> "Anne Martin", "quotes by Martin" -> "Martin". */
export function nameOfQuery(query: string): string {
  return query
    .replace(/[?!.]+$/, '')
    .replace(/^(?:(?:who|what)\s+)?(?:is|was|are|were)\s+/i, '')
    .replace(/^(?:tell me about|quotes?\s+(?:by|from|of)|what\s+did|what\s+does|did|does)\s+/i, '')
    .replace(/\s+(?:say|said|says|quotes?)$/i, '')
    .trim();
}

/** At most this many words: short enough to be a name. */
export function isShortEnoughForName(text: string): boolean {
  return text.split(' ').length <= NAME_QUERY_MAX_WORDS;
}
