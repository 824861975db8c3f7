/**
 * The Discord renderer of an Answer: one embed with the question as title, the summary, up to three cited
 * excerpts (the answering part in bold) and a footer naming the knowledge-base version. Everything quoted
 * is escaped and cut to Discord's limits here, so that Discord never rejects a reply.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import { type Answer, type AnswerResult, shownDate } from '../engine/answer.ts';
import { cutAtWord } from '../engine/text/cut.ts';
import { excerptPieces, suggestionLine } from '../render/text.ts';
import {
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
} from './limits.ts';
import { escapeMarkdown, renderQuoted, type Segment } from './text.ts';

/** Excerpts shown per answer: three keep an answer readable on a phone (More shows the next three). */
export const EXCERPTS_PER_EMBED = 3;
/** Citation titles are cut here, leaving most of a field for the excerpt itself. */
const CITATION_TITLE_MAX = 150;
/** Longer source URLs are left out of the citation rather than eating the excerpt's room. */
const SOURCE_URL_MAX = 300;

const EMBED_COLOR_FOUND = 0x2b7bb9;
const EMBED_COLOR_NOT_FOUND = 0x99aab5;

export interface KnowledgeBaseLabel {
  version: string;
  passages: number;
}

/** The excerpt split around its highlight, so that the answering part can be shown in bold. */
function excerptSegments(result: AnswerResult): Segment[] {
  return excerptPieces(result).map(({ text, highlight }) => (highlight ? { text, bold: true } : { text }));
}

/** "Title ¶ 3, sentence 2", the title linked to the document's source when it has one. */
function citationLine(result: AnswerResult): string {
  const { citation } = result;
  const title = escapeMarkdown(cutAtWord(citation.title, CITATION_TITLE_MAX));
  // Angle brackets keep a URL with parentheses whole and stop Discord from adding a link preview; the bound
  // is on the URL as written into the field.
  const encoded = citation.source?.replace(/>/g, '%3E');
  const url = encoded && encoded.length <= SOURCE_URL_MAX ? encoded : undefined;
  const named = url ? `[${title}](<${url}>)` : title;
  return `— ${named} ¶ ${citation.paragraph}, sentence ${citation.sentence}`;
}

function resultField(result: AnswerResult, position: number): APIEmbedField {
  const reported = result.kind === 'reported' ? 'reported' : undefined;
  const label = [String(position), result.speaker, reported, shownDate(result)].filter(Boolean).join(' · ');
  const citation = citationLine(result);
  const excerpt = renderQuoted(excerptSegments(result), EMBED_FIELD_VALUE_MAX - citation.length - 1);
  return { name: renderQuoted([{ text: label }], EMBED_FIELD_NAME_MAX), value: `${excerpt}\n${citation}` };
}

/** `offset`: the first result shown (0-based), for the pages that More shows. */
export function renderAnswerEmbed(
  answer: Answer,
  knowledgeBase: KnowledgeBaseLabel,
  { offset = 0 }: { offset?: number } = {},
): APIEmbed {
  const title = renderQuoted([{ text: `/${answer.command} ${answer.query}` }], EMBED_TITLE_MAX);
  const fields = answer.results
    .slice(offset, offset + EXCERPTS_PER_EMBED)
    .map((result, i) => resultField(result, offset + i + 1));
  const footer = cutAtWord(
    `Knowledge base ${knowledgeBase.version} · ${knowledgeBase.passages} passages`,
    EMBED_FOOTER_TEXT_MAX,
  );
  const used =
    title.length +
    footer.length +
    fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  const room = Math.min(EMBED_DESCRIPTION_MAX, EMBED_TOTAL_MAX - used);
  const summary = renderQuoted([{ text: answer.summary }], room);
  const suggestionRoom = room - summary.length - 2;
  const line = suggestionLine(answer);
  const suggestions = line && suggestionRoom > 20 ? renderQuoted([{ text: line }], suggestionRoom) : '';
  const description = suggestions ? `${summary}\n\n${suggestions}` : summary;
  return {
    title,
    description,
    color: answer.found ? EMBED_COLOR_FOUND : EMBED_COLOR_NOT_FOUND,
    fields,
    footer: { text: footer },
  };
}
