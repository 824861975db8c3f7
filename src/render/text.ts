/** The Answer as terminal text: the one-line answer, then each excerpt with its citation. */
import { type Answer, type AnswerResult, DID_YOU_MEAN, shownDate } from '../engine/answer.ts';
import { ELLIPSIS } from '../engine/text/cut.ts';

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
  if (answer.suggestions.length === 0 || answer.summary.includes(DID_YOU_MEAN)) return null;
  const names = answer.suggestions.join(', ');
  return answer.found ? `Others of that name: ${names}` : `${DID_YOU_MEAN}: ${names}?`;
}

function citationLine(r: AnswerResult): string {
  const c = r.citation;
  const parts = [`${c.title} (${c.document}), paragraph ${c.paragraph}, sentence ${c.sentence}`];
  const date = shownDate(r);
  if (date) parts.push(`date ${date}`);
  if (c.source) parts.push(c.source);
  return parts.join(' · ');
}

/** A piece of an excerpt as renderers draw it; `highlight` marks the part that answers. */
export interface ExcerptPiece {
  text: string;
  highlight?: boolean;
}

/** The excerpt split around its highlight, with an ellipsis where it starts or stops inside a sentence. */
export function excerptPieces(r: AnswerResult): ExcerptPiece[] {
  const at = r.highlight ? r.excerpt.indexOf(r.highlight) : -1;
  const pieces: ExcerptPiece[] =
    at < 0
      ? [{ text: r.excerpt }]
      : [
          { text: r.excerpt.slice(0, at) },
          { text: r.highlight, highlight: true },
          { text: r.excerpt.slice(at + r.highlight.length) },
        ];
  if (r.truncatedStart) pieces.unshift({ text: ELLIPSIS });
  if (r.truncated) pieces.push({ text: ELLIPSIS });
  return pieces;
}

function markedExcerpt(r: AnswerResult, style: TextStyle): string {
  return excerptPieces(r)
    .map((piece) => (piece.highlight ? style.mark(piece.text) : piece.text))
    .join('');
}

export function renderAnswerText(answer: Answer, style: TextStyle = PLAIN_STYLE): string {
  const lines = [
    `${answer.command} ${answer.query}`,
    // A failure (errorId) says so in its summary: it is not a "not found".
    answer.found || answer.errorId ? answer.summary : `Not found. ${answer.summary}`,
  ];
  for (const [i, r] of answer.results.entries()) {
    lines.push('');
    // a reported statement is marked as such: the excerpt is the text's words, not the speaker's
    const reported = r.kind === 'reported' ? '(reported) ' : '';
    const speaker = r.speaker ? `${r.speaker}: ${reported}` : reported;
    lines.push(`${i + 1}. ${speaker}${markedExcerpt(r, style).replace(/\s*\n\s*/g, ' ')}`);
    lines.push(`   — ${citationLine(r)}`);
  }
  const suggestions = suggestionLine(answer);
  if (suggestions) lines.push('', suggestions);
  return lines.join('\n');
}
