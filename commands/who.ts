/** /who query [private] — who someone is (people and organizations), with cited excerpts. */
import { SlashCommandBuilder } from 'discord.js';
import { replyWithAnswer } from '../src/bot/answer-reply.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { AUTOCOMPLETE_CHOICES_MAX } from '../src/bot/limits.ts';
import { respondChoices } from '../src/bot/respond.ts';
import { QUERY_MAX_CHARS } from '../src/engine/answer.ts';

const who: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('who')
    .setDescription('Who is this person or organization in the news? Answered with cited excerpts.')
    .addStringOption((option) =>
      option
        .setName('query')
        .setDescription('A person or organization (suggestions come from the stories)')
        .setRequired(true)
        .setMaxLength(QUERY_MAX_CHARS)
        .setAutocomplete(true),
    )
    .addBooleanOption((option) => option.setName('private').setDescription('Show the answer only to you')),
  execute: (interaction, context) => replyWithAnswer(interaction, context, 'who'),
  // People and organizations of the knowledge base, from memory: exact > a role's holders > prefix > fuzzy
  // (KnowledgeBase.nameChoices); empty input offers the most mentioned.
  autocomplete: async (interaction, { guilds }) =>
    respondChoices(
      interaction,
      (await guilds.view(interaction.guildId)).nameChoices(
        interaction.options.getFocused(),
        AUTOCOMPLETE_CHOICES_MAX,
      ),
    ),
};

export default who;
