/** Every command of the bot: the handler and deploy-commands both read these lists. */
import type { MessageCommand, SlashCommand } from '../src/bot/command.ts';
import askMessage from './ask-message.ts';
import help from './help.ts';
import kb from './kb.ts';
import quote from './quote.ts';
import search from './search.ts';
import timeline from './timeline.ts';
import when from './when.ts';
import who from './who.ts';

export const commands: readonly SlashCommand[] = [who, when, quote, search, help, kb, timeline];

/** Message context-menu commands (a message's Apps menu). */
export const messageCommands: readonly MessageCommand[] = [askMessage];
