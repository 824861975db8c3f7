/** The shared path of /who, /when, /quote and /search: read the options, ask the engine, reply with an embed. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../engine/answer.ts';
import type { BotContext } from './command.ts';
import { renderAnswerEmbed } from './embed.ts';
import { respond } from './respond.ts';

export async function replyWithAnswer(
  interaction: ChatInputCommandInteraction,
  { knowledge, log }: BotContext,
  command: Command,
): Promise<void> {
  const knowledgeBase = knowledge.current;
  const query = interaction.options.getString('query', true);
  const isPrivate = interaction.options.getBoolean('private') === true;
  // An engine failure is logged in the bot's JSON log, under the error id the reply shows.
  const answer = knowledgeBase.answer(command, query, { log });
  const embed = renderAnswerEmbed(answer, {
    version: knowledgeBase.version,
    passages: knowledgeBase.stats.passages,
  });
  // "Not found" is only useful to the asker (with its suggestions), so it is private too.
  await respond(interaction, { embeds: [embed], ephemeral: isPrivate || !answer.found });
}
