/** The shared path of /who, /when, /quote and /search: read the options, ask the engine, reply with an embed. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../engine/answer.ts';
import type { AnswerSource } from '../knowledge/knowledge-view.ts';
import { renderAnswerEmbed } from './embed.ts';
import { respond } from './respond.ts';

export async function replyWithAnswer(
  interaction: ChatInputCommandInteraction,
  knowledgeBase: AnswerSource,
  command: Command,
): Promise<void> {
  const query = interaction.options.getString('query', true);
  const isPrivate = interaction.options.getBoolean('private') === true;
  const answer = knowledgeBase.answer(command, query);
  const embed = renderAnswerEmbed(answer, {
    version: knowledgeBase.version,
    passages: knowledgeBase.stats.passages,
  });
  // "Not found" is only useful to the asker (with its suggestions), so it is private too.
  await respond(interaction, { embeds: [embed], ephemeral: isPrivate || !answer.found });
}
