/**
 * Text for Discord: escaping quoted text so that it shows as written, and cutting long text at a word
 * with an ellipsis so that Discord never rejects a reply for its length.
 */

import { cutAtWord, ELLIPSIS } from '../engine/text/cut.ts';

/** Characters that start or end Discord markdown anywhere in a line (emphasis, code, spoilers, links, mentions). */
const INLINE_MARKDOWN = /[\\*_~`|[\]<]/g;
/** Markers that only count at the start of a line: headings, block quotes, bulleted and numbered lists. */
const LINE_START_MARKER = /^([ \t]*)([#>+-])/gm;
const LINE_START_NUMBER = /^([ \t]*\d+)\./gm;

/**
 * Escapes Discord markdown so that quoted text shows exactly as written: no bold, links, headings, and no
 * rendered mentions. (Pings are prevented separately, by `allowedMentions` on every reply.)
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, '\\$&')
    .replace(LINE_START_MARKER, '$1\\$2')
    .replace(LINE_START_NUMBER, '$1\\.');
}

/** A piece of quoted text and how it is shown. */
export interface Segment {
  text: string;
  bold?: boolean;
}

function renderSegments(segments: Segment[]): string {
  return segments
    .filter((segment) => segment.text !== '')
    .map((segment) => (segment.bold ? `**${escapeMarkdown(segment.text)}**` : escapeMarkdown(segment.text)))
    .join('');
}

/** The first `chars` characters of the segments' text, cut at a word, with an ellipsis at the end. */
function headSegments(segments: Segment[], chars: number): Segment[] {
  const whole = segments.map((segment) => segment.text).join('');
  const cut = cutAtWord(whole, chars);
  const keep = cut.length - ELLIPSIS.length;
  const head: Segment[] = [];
  let used = 0;
  for (const segment of segments) {
    if (used >= keep) break;
    const text = segment.text.slice(0, keep - used);
    head.push({ ...segment, text });
    used += text.length;
  }
  const last = head.at(-1);
  if (last) last.text = last.text.trimEnd();
  head.push({ text: ELLIPSIS });
  return head;
}

/**
 * Escapes and renders the segments (bold ones between `**`), cutting the text at a word so that the
 * markdown, escapes included, fits in `max` characters. Cutting the plain text rather than the markdown
 * never leaves a dangling `**` or a lone backslash.
 */
export function renderQuoted(segments: Segment[], max: number): string {
  const full = renderSegments(segments);
  if (full.length <= max) return full;
  const total = segments.reduce((sum, segment) => sum + segment.text.length, 0);
  // The rendered length grows with the number of characters kept: binary search for the most that fit.
  let low = 0;
  let high = total;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (renderSegments(headSegments(segments, mid)).length <= max) low = mid;
    else high = mid - 1;
  }
  const best = renderSegments(headSegments(segments, low));
  return best.length <= max ? best : ELLIPSIS.slice(0, max);
}

/**
 * Joins lines with newlines within `max` characters; lines that do not fit are replaced by a last line
 * saying how many were left out. A single overlong line is cut at a word.
 */
export function joinLinesWithin(lines: string[], max: number): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const more = `${ELLIPSIS} and ${lines.length - i} more`;
    const candidate = [...kept, line].join('\n');
    const remaining = lines.length - i - 1;
    const tail = remaining > 0 ? `\n${ELLIPSIS} and ${remaining} more` : '';
    if (candidate.length + tail.length <= max) {
      kept.push(line);
      continue;
    }
    if (kept.length > 0) return cutAtWord([...kept, more].join('\n'), max);
    // Not even the first line fits beside the count of the others: cut it, and keep the count if there is room.
    return max > more.length * 2
      ? `${cutAtWord(line, max - more.length - 1)}\n${more}`
      : cutAtWord(line, max);
  }
  return cutAtWord(kept.join('\n'), max);
}
