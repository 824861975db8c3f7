/** /search query [private] — the passages that best match the words, with citations. */
import { SlashCommandBuilder } from 'discord.js';
import { replyWithAnswer } from '../src/bot/answer-reply.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { QUERY_MAX_CHARS } from '../src/engine/answer.ts';

const search: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription('Search the stories: the best matching passages, with citations.')
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('Words to look for')
        .setRequired(true)
        .setMaxLength(QUERY_MAX_CHARS),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you')),
  execute: (interaction, context) => replyWithAnswer(interaction, context, 'search'),
};

export default search;
