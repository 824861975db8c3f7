/** /timeline [about] — the dated events of the knowledge base in date order, with citations, paged with More. */
import { SlashCommandBuilder } from 'discord.js';
import { timelinePage } from '../src/bot/answer-message.ts';
import type { SlashCommand } from '../src/bot/command.ts';
import { deferWhileSlow, respond } from '../src/bot/respond.ts';
import { QUERY_MAX_CHARS } from '../src/engine/answer.ts';

const timeline: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('timeline')
    .setDescription('The dated events of the stories in date order, with citations.')
    .addStringOption((option) =>
      option
        .setName('about')
        .setDescription('Only the events of passages with these words')
        .setMaxLength(QUERY_MAX_CHARS),
    ),
  execute: async (interaction, { guilds, buttons }) => {
    const about = (interaction.options.getString('about') ?? '').trim();
    // The asking server's view: the base plus its own documents (the base alone in DMs), deferred when slow.
    const view = await deferWhileSlow(interaction, guilds.view(interaction.guildId), { ephemeral: false });
    const page = timelinePage(view, about, 0, buttons);
    // An empty timeline is only useful to the asker.
    await respond(interaction, {
      embeds: page.embeds,
      components: page.components,
      ephemeral: page.events === 0,
    });
  },
};

export default timeline;
