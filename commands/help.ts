/**
 * /help — what each command does, with an example taken from the knowledge base itself (nothing about a
 * particular story is written here), and what the knowledge base holds.
 */
import { type APIEmbed, SlashCommandBuilder } from 'discord.js';
import type { SlashCommand } from '../bot/command.ts';
import { EMBED_DESCRIPTION_MAX } from '../bot/limits.ts';
import { respond } from '../bot/respond.ts';
import { escapeMarkdown, joinLinesWithin } from '../bot/text.ts';
import type { KnowledgeBase } from '../src/knowledge-base.ts';

/** A word of a document title to search for: its longest word, so that the example finds something. */
function titleWord(knowledgeBase: KnowledgeBase): string | undefined {
  const words = knowledgeBase.documents[0]?.title.match(/[\p{L}\p{N}]{4,}/gu) ?? [];
  return [...words].sort((a, b) => b.length - a.length)[0];
}

export function helpEmbed(knowledgeBase: KnowledgeBase): APIEmbed {
  const [topName, secondName] = knowledgeBase.completeNames('', 2);
  const [topSpeaker] = knowledgeBase.completeSpeakers('', 1);
  const example = (command: string, query: string | undefined) =>
    query ? ` Example: \`/${command} ${query.replace(/`/g, "'")}\`` : '';
  const { stats } = knowledgeBase;
  const lines = [
    'Every answer quotes the stories word for word and says where: document, paragraph (¶) and sentence.',
    '',
    `**/who** \`query\` — who a person or organization is.${example('who', topName)}`,
    `**/when** \`query\` — when something happened, with the date.${example('when', secondName ?? topName)}`,
    `**/quote** \`query\` — what someone said, and who said it.${example('quote', topSpeaker)}`,
    `**/search** \`query\` — the passages that best match your words.${example('search', titleWord(knowledgeBase))}`,
    'Add `private: True` to any of them to see the answer alone.',
    '**/kb** — moderators: status, reload, add and remove documents.',
    '',
    `The knowledge base holds ${stats.documents} document${stats.documents === 1 ? '' : 's'}, ${stats.passages} passages, ` +
      `${stats.people} people, ${stats.quotes} quotes and ${stats.times} time expressions:`,
    ...knowledgeBase.documents.map(
      (doc) => `• ${escapeMarkdown(doc.title)}${doc.published ? ` (${doc.published})` : ''}`,
    ),
  ];
  return {
    title: 'storybot — questions about the news, answered with citations',
    description: joinLinesWithin(lines, EMBED_DESCRIPTION_MAX),
    footer: { text: `Knowledge base ${knowledgeBase.version}` },
  };
}

const help: SlashCommand = {
  data: new SlashCommandBuilder().setName('help').setDescription('What the commands do, with examples'),
  execute: (interaction, { knowledge }) =>
    respond(interaction, { embeds: [helpEmbed(knowledge.current)], ephemeral: true }),
};

export default help;
