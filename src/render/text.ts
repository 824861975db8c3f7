/** The Answer as terminal text: the one-line answer, then each excerpt with its citation. */
import type { Answer, AnswerResult } from '../answer.ts';
import { ELLIPSIS } from '../text/cut.ts';

export interface TextStyle {
  /** Marks the highlight inside the excerpt (bold on a terminal, brackets otherwise). */
  mark: (text: string) => string;
}

export const PLAIN_STYLE: TextStyle = { mark: (text) => `[${text}]` };
export const TERMINAL_STYLE: TextStyle = { mark: (text) => `\u001b[1m${text}\u001b[22m` };

/**
 * The line that lists an answer's suggestions, unless its summary already gives them: names like the query
 * for a "not found", the others of the same name for a found person ("Newton": Isaac and Cam).
 */
export function suggestionLine(answer: Answer): string | null {
  if (answer.suggestions.length === 0 || answer.summary.includes('Did you mean')) return null;
  const names = answer.suggestions.join(', ');
  return answer.found ? `Others of that name: ${names}` : `Did you mean: ${names}?`;
}

function citationLine(r: AnswerResult): string {
  const c = r.citation;
  const parts = [`${c.title} (${c.document}), paragraph ${c.paragraph}, sentence ${c.sentence}`];
  if (r.date) parts.push(`date ${r.date}`);
  if (c.source) parts.push(c.source);
  return parts.join(' · ');
}

function markedExcerpt(r: AnswerResult, style: TextStyle): string {
  const at = r.highlight ? r.excerpt.indexOf(r.highlight) : -1;
  const marked =
    at < 0
      ? r.excerpt
      : r.excerpt.slice(0, at) + style.mark(r.highlight) + r.excerpt.slice(at + r.highlight.length);
  return `${r.truncatedStart ? ELLIPSIS : ''}${marked}${r.truncated ? ELLIPSIS : ''}`;
}

export function renderAnswerText(answer: Answer, style: TextStyle = PLAIN_STYLE): string {
  const lines = [
    `${answer.command} ${answer.query}`,
    answer.found ? answer.summary : `Not found. ${answer.summary}`,
  ];
  for (const [i, r] of answer.results.entries()) {
    lines.push('');
    const speaker = r.speaker ? `${r.speaker}: ` : '';
    lines.push(`${i + 1}. ${speaker}${markedExcerpt(r, style).replace(/\s*\n\s*/g, ' ')}`);
    lines.push(`   — ${citationLine(r)}`);
  }
  const suggestions = suggestionLine(answer);
  if (suggestions) lines.push('', suggestions);
  return lines.join('\n');
}
