/** /when query [private] — when something happened: the time expressions near it, resolved to dates. */
import { SlashCommandBuilder } from 'discord.js';
import { replyWithAnswer } from '../src/bot/answer-reply.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { QUERY_MAX_CHARS } from '../src/engine/answer.ts';

const when: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('when')
    .setDescription('When did it happen? Dates from the stories, with cited excerpts.')
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('An event or topic, e.g. a meeting or a call')
        .setRequired(true)
        .setMaxLength(QUERY_MAX_CHARS),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you')),
  execute: (interaction, context) => replyWithAnswer(interaction, context, 'when'),
};

export default when;
