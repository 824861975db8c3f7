/**
 * "Search the knowledge base" on a message (Apps menu): searches for the message's text and answers only
 * to the person who asked, with Share to post the answer in the channel.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder, type Message } from 'discord.js';
import { replyWithQuery } from '../src/bot/answer-reply.ts';
import type { MessageCommand } from '../src/bot/command.ts';
import { respondPrivately } from '../src/bot/respond.ts';
import { QUERY_MAX_CHARS } from '../src/engine/answer.ts';

export const ASK_MESSAGE_NAME = 'Search the knowledge base';

/**
 * The words to search for: the message's text, else its first embed's (a bot's answer, a link preview), on
 * one line (a query, and the buttons that carry it, hold no line breaks).
 */
function messageText(message: Message): string {
  const embed = message.embeds[0];
  const text = message.content.trim() || [embed?.title, embed?.description].filter(Boolean).join(' ');
  return text.replace(/\s+/g, ' ').trim().slice(0, QUERY_MAX_CHARS);
}

const askMessage: MessageCommand = {
  data: new ContextMenuCommandBuilder().setName(ASK_MESSAGE_NAME).setType(ApplicationCommandType.Message),
  execute: async (interaction, context) => {
    const text = messageText(interaction.targetMessage);
    if (text === '') {
      await respondPrivately(interaction, 'That message has no text to search the knowledge base for.');
      return;
    }
    await replyWithQuery(interaction, context, 'search', text, { isPrivate: true });
  },
};

export default askMessage;
