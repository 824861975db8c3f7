/** Every slash command of the bot: the handler and deploy-commands both read this list. */
import type { SlashCommand } from '../src/bot/command.ts';
import help from './help.ts';
import kb from './kb.ts';
import quote from './quote.ts';
import search from './search.ts';
import when from './when.ts';
import who from './who.ts';

export const commands: readonly SlashCommand[] = [who, when, quote, search, help, kb];
