/** /quote query [private] — what someone said, or quotations about a topic, with who said them. */
import { SlashCommandBuilder } from 'discord.js';
import { replyWithAnswer } from '../src/bot/answer-reply.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { AUTOCOMPLETE_CHOICES_MAX } from '../src/bot/limits.ts';
import { respondChoices } from '../src/bot/respond.ts';
import { QUERY_MAX_CHARS } from '../src/engine/answer.ts';

const quote: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('quote')
    .setDescription('What did someone say? Quotations with their speaker and where they appear.')
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('A speaker or a topic (suggestions are the people quoted)')
        .setRequired(true)
        .setMaxLength(QUERY_MAX_CHARS)
        .setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you')),
  execute: (interaction, context) => replyWithAnswer(interaction, context, 'quote'),
  // The people quoted in the knowledge base, ranked like /who's names.
  autocomplete: async (interaction, { guilds }) =>
    respondChoices(
      interaction,
      (await guilds.view(interaction.guildId)).speakerChoices(
        interaction.options.getFocused(),
        AUTOCOMPLETE_CHOICES_MAX,
      ),
    ),
};

export default quote;
