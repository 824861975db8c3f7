/** Every command of the bot: the handler and deploy-commands both read these lists. */
import type { MessageCommand, SlashCommand } from '../src/bot/command.ts';
import { COMMANDS, type Command } from '../src/engine/answer.ts';
import askMessage from './ask-message.ts';
import help from './help.ts';
import kb from './kb.ts';
import quote from './quote.ts';
import search from './search.ts';
import timeline from './timeline.ts';
import when from './when.ts';
import who from './who.ts';

/** The slash command of each engine command: a command added to COMMANDS does not compile until it has one. */
export const ANSWER_COMMANDS: Record<Command, SlashCommand> = { who, when, quote, search };

export const commands: readonly SlashCommand[] = [
  ...COMMANDS.map((command) => ANSWER_COMMANDS[command]),
  help,
  kb,
  timeline,
];

/** Message context-menu commands (a message's Apps menu). */
export const messageCommands: readonly MessageCommand[] = [askMessage];
