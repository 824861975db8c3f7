/** Cutting text to a length bound at a word, for summaries and for every renderer's limits. */

export const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` characters: at the last word boundary that fits, followed by an ellipsis.
 * A single word longer than the limit is cut inside the word.
 */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = max - ELLIPSIS.length;
  const head = text.slice(0, room + 1);
  const lastSpace = head.search(/\s\S*$/);
  const cut = lastSpace > 0 ? head.slice(0, lastSpace) : text.slice(0, room);
  return `${cut.trimEnd()}${ELLIPSIS}`;
}
