/**
 * The shared path of /who, /when, /quote, /search and the message command: ask the engine, reply with the
 * first page of the answer and its buttons, and note a question that found nothing for /kb gaps.
 */
import type { ChatInputCommandInteraction, RepliableInteraction } from 'discord.js';
import type { Command } from '../engine/answer.ts';
import { answerPage } from './answer-message.ts';
import type { BotContext } from './command.ts';
import { EMPTY_KNOWLEDGE_BASE } from './kb-report.ts';
import { deferWhileSlow, respond, respondPrivately } from './respond.ts';

/** Answers `query` with `command`; "not found" is always private (it is only useful to the asker). */
export async function replyWithQuery(
  interaction: RepliableInteraction,
  context: BotContext,
  command: Command,
  query: string,
  { isPrivate }: { isPrivate: boolean },
): Promise<void> {
  // The asking server's view: the base plus its own documents (the base alone in DMs). Reading them back into
  // memory can outlast Discord's 3 s: the reply is deferred when it takes long.
  const knowledgeBase = await deferWhileSlow(interaction, context.guilds.view(interaction.guildId), {
    ephemeral: isPrivate,
  });
  if (knowledgeBase.documents.length === 0) {
    await respondPrivately(interaction, EMPTY_KNOWLEDGE_BASE);
    return;
  }
  const page = answerPage(
    knowledgeBase,
    command,
    query,
    { offset: 0, isPrivate, log: context.log },
    context.buttons,
  );
  await respond(interaction, { embeds: page.embeds, components: page.components, ephemeral: page.ephemeral });
  if (!page.answer.found && interaction.guildId)
    await context.feedback
      .recordNotFound(interaction.guildId, { command, question: query, kbVersion: knowledgeBase.version })
      .catch((error: unknown) =>
        context.log.error('feedback.record_failed', { guild: interaction.guildId, error }),
      );
}

export function replyWithAnswer(
  interaction: ChatInputCommandInteraction,
  context: BotContext,
  command: Command,
): Promise<void> {
  const query = interaction.options.getString('query', true);
  const isPrivate = interaction.options.getBoolean('private') === true;
  return replyWithQuery(interaction, context, command, query, { isPrivate });
}
