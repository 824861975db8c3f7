/** The shared path of /who, /when, /quote and /search: read the options, ask the engine, reply with an embed. */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { Command } from '../engine/answer.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { renderAnswerEmbed } from './embed.ts';
import { EMPTY_KNOWLEDGE_BASE } from './kb-report.ts';
import { respond, respondPrivately } from './respond.ts';

export async function replyWithAnswer(
  interaction: ChatInputCommandInteraction,
  knowledgeBase: KnowledgeBase,
  command: Command,
): Promise<void> {
  if (knowledgeBase.documents.length === 0) {
    await respondPrivately(interaction, EMPTY_KNOWLEDGE_BASE);
    return;
  }
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
