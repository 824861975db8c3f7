/**
 * Answer and timeline messages as pages: the embed of one page and the buttons that lead on from it.
 * Pages are always worked out from the current knowledge base, never from a stored answer, so that a
 * button pressed after a reload shows what the knowledge base says now.
 */
import { type APIEmbed, ButtonStyle } from 'discord.js';
import { type Answer, type Command, QUERY_MAX_CHARS } from '../engine/answer.ts';
import { cutAtWord } from '../engine/text/cut.ts';
import type { TimelineEvent } from '../engine/timeline.ts';
import type { ErrorLog } from '../knowledge/knowledge-base.ts';
import type { AnswerSource } from '../knowledge/knowledge-view.ts';
import {
  type ButtonRow,
  type ButtonSpec,
  buttonRows,
  moreLabel,
  SHARE_LABEL,
  VOTE_LABELS,
} from './components.ts';
import type { ButtonMemory } from './custom-id.ts';
import { EXCERPTS_PER_EMBED, renderAnswerEmbed } from './embed.ts';
import { EMBED_DESCRIPTION_MAX, EMBED_FOOTER_TEXT_MAX, EMBED_TITLE_MAX } from './limits.ts';
import { escapeMarkdown, joinLinesWithin, renderQuoted } from './text.ts';

/** Results an answer can page through with More: five pages of three. */
export const MORE_RESULTS_MAX = 15;
/** Timeline events per page: ten one-line events fit an embed with room to spare. */
export const TIMELINE_EVENTS_PER_PAGE = 10;
/** A timeline event's sentence is cut here, to keep it to about a line. */
const TIMELINE_SENTENCE_MAX = 200;
const TIMELINE_TITLE_MAX = 150;
const EMBED_COLOR_TIMELINE = 0x2b7bb9;

export interface MessagePage {
  embeds: APIEmbed[];
  components: ButtonRow[];
}

export interface AnswerPageOptions {
  offset: number;
  /** Asked privately. A "not found" answer is private whatever was asked. */
  isPrivate: boolean;
  /** Shared already: no Share button again. */
  shared?: boolean;
  /** Where an engine failure is logged, under the error id the reply shows. */
  log?: ErrorLog;
}

/**
 * One page of an answer, with More when results are left, Share when the answer is private (and not
 * shared yet), and 👍 / 👎.
 */
export function answerPage(
  knowledgeBase: AnswerSource,
  command: Command,
  query: string,
  { offset, isPrivate, shared = false, log }: AnswerPageOptions,
  memory: ButtonMemory,
): MessagePage & { answer: Answer; ephemeral: boolean } {
  const answer = knowledgeBase.answer(command, query, { limit: MORE_RESULTS_MAX, ...(log ? { log } : {}) });
  const ephemeral = isPrivate || !answer.found;
  const start = offset < answer.results.length ? offset : 0;
  const embed = renderAnswerEmbed(
    answer,
    { version: knowledgeBase.version, passages: knowledgeBase.stats.passages },
    { offset: start },
  );
  const next = start + EXCERPTS_PER_EMBED;
  const specs: ButtonSpec[] = [];
  if (next < answer.results.length)
    specs.push({
      action: 'more',
      label: moreLabel(answer.results.length - next),
      style: ButtonStyle.Primary,
      offset: next,
    });
  if (ephemeral && !shared)
    specs.push({ action: 'share', label: SHARE_LABEL, style: ButtonStyle.Secondary, offset: start });
  specs.push(
    { action: 'up', label: VOTE_LABELS.up, style: ButtonStyle.Secondary, offset: start },
    { action: 'down', label: VOTE_LABELS.down, style: ButtonStyle.Secondary, offset: start },
  );
  const subject = { kind: command, query: query.slice(0, QUERY_MAX_CHARS), version: knowledgeBase.version };
  return { answer, ephemeral, embeds: [embed], components: buttonRows(subject, specs, memory) };
}

function timelineLine(event: TimelineEvent): string {
  const sentence = renderQuoted([{ text: event.text }], TIMELINE_SENTENCE_MAX);
  const title = escapeMarkdown(cutAtWord(event.citation.title, TIMELINE_TITLE_MAX));
  return `**${event.label}** — ${sentence} — ${title} ¶ ${event.citation.paragraph}`;
}

/** One page of the timeline (of the events about `about`, when given), with More while events are left. */
export function timelinePage(
  knowledgeBase: AnswerSource,
  about: string,
  offset: number,
  memory: ButtonMemory,
): MessagePage & { events: number } {
  const events = knowledgeBase.timeline(about);
  const start = offset < events.length ? offset : 0;
  const shown = events.slice(start, start + TIMELINE_EVENTS_PER_PAGE);
  const title = renderQuoted([{ text: about ? `Timeline: ${about}` : 'Timeline' }], EMBED_TITLE_MAX);
  const description =
    shown.length > 0
      ? joinLinesWithin(shown.map(timelineLine), EMBED_DESCRIPTION_MAX)
      : renderQuoted(
          [{ text: about ? `No dated events about "${about}".` : 'The knowledge base has no dated events.' }],
          EMBED_DESCRIPTION_MAX,
        );
  const range = shown.length > 0 ? `Events ${start + 1}–${start + shown.length} of ${events.length} · ` : '';
  const footer = cutAtWord(`${range}Knowledge base ${knowledgeBase.version}`, EMBED_FOOTER_TEXT_MAX);
  const embed: APIEmbed = { title, description, color: EMBED_COLOR_TIMELINE, footer: { text: footer } };
  const next = start + TIMELINE_EVENTS_PER_PAGE;
  const specs: ButtonSpec[] =
    next < events.length
      ? [{ action: 'more', label: moreLabel(events.length - next), style: ButtonStyle.Primary, offset: next }]
      : [];
  const subject = { kind: 'timeline' as const, query: about, version: knowledgeBase.version };
  return { embeds: [embed], components: buttonRows(subject, specs, memory), events: events.length };
}
