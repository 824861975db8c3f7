/**
 * /kb gaps: what to add to the knowledge base next — the questions of this server that found nothing or
 * got 👎, most frequent first, with counts and the day last seen — as text within Discord's 2000 characters.
 */
import { cutAtWord } from '../engine/text/cut.ts';
import type { Gap } from '../feedback/store.ts';
import { MESSAGE_CONTENT_MAX } from './limits.ts';
import { escapeMarkdown, joinLinesWithin } from './text.ts';

/** A question is cut here in the list, so that a long one does not push the others out. */
const GAP_QUESTION_MAX = 120;

function gapLine(gap: Gap, position: number): string {
  const counts = [
    gap.notFound > 0 ? `not found ${gap.notFound}×` : '',
    gap.downVotes > 0 ? `👎 ${gap.downVotes}×` : '',
  ].filter(Boolean);
  const commands = gap.commands.map((command) => `/${command}`).join(', ');
  const question = escapeMarkdown(cutAtWord(gap.question, GAP_QUESTION_MAX));
  return `${position}. "${question}" — ${counts.join(', ')} (${commands}), last ${gap.lastSeen.slice(0, 10)}`;
}

export function formatGaps(gaps: readonly Gap[], retentionDays: number): string {
  if (gaps.length === 0)
    return `No knowledge gaps: every question of the last ${retentionDays} days was answered, and none got 👎.`;
  const head = `Knowledge gaps of the last ${retentionDays} days, most frequent first (${gaps.length}):`;
  return joinLinesWithin([head, ...gaps.map((gap, i) => gapLine(gap, i + 1))], MESSAGE_CONTENT_MAX);
}

export function formatGapsCleared(count: number): string {
  return `Knowledge gaps cleared: ${count} recorded ${count === 1 ? 'question and vote' : 'questions and votes'} forgotten.`;
}
