/**
 * The one handler for every interaction, in a fixed order: find the command -> cooldown -> defer when the
 * work can take long -> permission check -> execute. Any error becomes a private "something went wrong"
 * reply whose error id is also in the log; nothing a command throws reaches the process.
 */
import { randomBytes } from 'node:crypto';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  Interaction,
  MessageContextMenuCommandInteraction,
} from 'discord.js';
import { StorageError } from '../knowledge/problems.ts';
import { handleButton } from './buttons.ts';
import type { BotContext, MessageCommand, SlashCommand } from './command.ts';
import type { Logger } from './log.ts';
import { deferReply, respondPrivately } from './respond.ts';

export interface HandlerOptions {
  /** Seconds a member waits between two uses of the same command; 0 turns the cooldown off. */
  cooldownSeconds: number;
  now?: () => number;
  /** Message context-menu commands ("Apps" on a message). */
  messageCommands?: readonly MessageCommand[];
}

/** Cooldown entries kept before the expired ones are swept out. */
const COOLDOWN_SWEEP_SIZE = 10_000;

export function errorMessage(errorId: string): string {
  return `Something went wrong (error id ${errorId}). It has been logged; please try again in a moment.`;
}

/**
 * Per member and command: milliseconds left to wait, or 0 (and the cooldown starts now). Expired entries are
 * swept when the table grows past COOLDOWN_SWEEP_SIZE.
 */
function cooldownTracker(
  cooldownSeconds: number,
  now: () => number,
): (name: string, userId: string) => number {
  /** `${command}:${user}` -> when the member may use the command again (ms). */
  const cooldowns = new Map<string, number>();
  return (name, userId) => {
    if (cooldownSeconds <= 0) return 0;
    const key = `${name}:${userId}`;
    const at = now();
    const until = cooldowns.get(key) ?? 0;
    if (until > at) return until - at;
    if (cooldowns.size > COOLDOWN_SWEEP_SIZE)
      for (const [k, t] of cooldowns) if (t <= at) cooldowns.delete(k);
    cooldowns.set(key, at + cooldownSeconds * 1000);
    return 0;
  };
}

export function createInteractionHandler(
  commands: readonly SlashCommand[],
  context: BotContext,
  { cooldownSeconds, now = Date.now, messageCommands = [] }: HandlerOptions,
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  const { log } = context;
  const cooldownLeft = cooldownTracker(cooldownSeconds, now);

  const handleCommand = async (interaction: ChatInputCommandInteraction): Promise<void> => {
    const started = now();
    const name = interaction.commandName;
    const subcommand = interaction.options.getSubcommand(false) ?? undefined;
    const who = { command: name, subcommand, user: interaction.user.id, guild: interaction.guildId };
    try {
      const command = byName.get(name);
      if (!command) {
        log.warn('command.unknown', who);
        await respondPrivately(interaction, `I do not know /${name}. Try /help.`);
        return;
      }
      const wait = cooldownLeft(name, interaction.user.id);
      if (wait > 0) {
        log.info('command.cooldown', { ...who, waitMs: wait });
        await respondPrivately(
          interaction,
          `Please wait ${Math.ceil(wait / 1000)} s before using /${name} again — thank you for your patience.`,
        );
        return;
      }
      const deferral = command.defer?.(interaction);
      if (deferral) await deferReply(interaction, deferral.ephemeral);
      const refusal = command.refusal?.(interaction, context);
      if (refusal) {
        log.warn('command.refused', who);
        await respondPrivately(interaction, refusal);
        return;
      }
      await command.execute(interaction, context);
      log.info('command.done', { ...who, ms: now() - started });
    } catch (error) {
      await reportError(log, interaction, who, error);
    }
  };

  const handleMessageCommand = messageCommandHandler(messageCommands, context, cooldownLeft, now);

  const handleAutocomplete = async (interaction: AutocompleteInteraction): Promise<void> => {
    const who = { command: interaction.commandName, user: interaction.user.id, guild: interaction.guildId };
    try {
      const command = byName.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, context);
      else await interaction.respond([]);
    } catch (error) {
      log.error('autocomplete.error', { ...who, error });
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  };

  return async (interaction) => {
    if (interaction.isAutocomplete()) await handleAutocomplete(interaction);
    else if (interaction.isChatInputCommand()) await handleCommand(interaction);
    else if (interaction.isMessageContextMenuCommand()) await handleMessageCommand(interaction);
    else if (interaction.isButton()) await handleButtonPress(interaction, context);
  };
}

type RepliedInteraction =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction;

/** Reports an error to the log and, privately, to the member, with the same error id in both. */
async function reportError(
  log: Logger,
  interaction: RepliedInteraction,
  who: Record<string, unknown>,
  error: unknown,
): Promise<void> {
  if (error instanceof StorageError) {
    // The server's disk refused a write: the member is told what, and the operator finds it in the log.
    log.error('command.storage_error', { ...who, error });
    await respondPrivately(interaction, `That was not done: ${error.message}.`).catch((replyError: unknown) =>
      log.error('command.error_reply_failed', { ...who, error: replyError }),
    );
    return;
  }
  const errorId = randomBytes(4).toString('hex');
  log.error('command.error', { ...who, errorId, error });
  try {
    await respondPrivately(interaction, errorMessage(errorId));
  } catch (replyError) {
    log.error('command.error_reply_failed', { ...who, errorId, error: replyError });
  }
}

/** Message commands: find the command -> cooldown -> execute (they answer right away and need no rights). */
function messageCommandHandler(
  messageCommands: readonly MessageCommand[],
  context: BotContext,
  cooldownLeft: (name: string, userId: string) => number,
  now: () => number,
): (interaction: MessageContextMenuCommandInteraction) => Promise<void> {
  const byName = new Map(messageCommands.map((command) => [command.data.name, command]));
  return async (interaction) => {
    const started = now();
    const name = interaction.commandName;
    const who = { command: name, user: interaction.user.id, guild: interaction.guildId };
    try {
      const command = byName.get(name);
      if (!command) {
        context.log.warn('command.unknown', who);
        await respondPrivately(interaction, `I do not know "${name}". Try /help.`);
        return;
      }
      const wait = cooldownLeft(name, interaction.user.id);
      if (wait > 0) {
        await respondPrivately(
          interaction,
          `Please wait ${Math.ceil(wait / 1000)} s before using this again.`,
        );
        return;
      }
      await command.execute(interaction, context);
      context.log.info('command.done', { ...who, ms: now() - started });
    } catch (error) {
      await reportError(context.log, interaction, who, error);
    }
  };
}

async function handleButtonPress(interaction: ButtonInteraction, context: BotContext): Promise<void> {
  const action = interaction.customId.split(':')[1];
  const who = { button: action, user: interaction.user.id, guild: interaction.guildId };
  try {
    await handleButton(interaction, context);
    context.log.info('button.done', who);
  } catch (error) {
    await reportError(context.log, interaction, who, error);
  }
}
