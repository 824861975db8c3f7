/**
 * What a slash command module provides (the discord.js guide's shape, typed): its definition, whether it
 * defers, who may run it, what it does, and optionally how its options autocomplete.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from 'discord.js';
import type { FeedbackStore } from '../feedback/store.ts';
import type { GuildKnowledge } from '../knowledge/guild-knowledge.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import type { GuildWebSources } from '../web/guild-web-sources.ts';
import type { Config } from './config.ts';
import type { ButtonMemory } from './custom-id.ts';
import type { Logger } from './log.ts';

/** What commands work with: the knowledge base, its web sources, the configuration, the log, feedback, button memory. */
export interface BotContext {
  /** The base (KNOWLEDGE_DIR), the same as `guilds.base`. */
  knowledge: KnowledgeService;
  /** The base plus each server's own documents: what a server sees is `guilds.view(guildId)`. */
  guilds: GuildKnowledge;
  /** Pages and feeds documents are taken from (/kb add url, refresh, feed): the base's and each server's. */
  web: GuildWebSources;
  config: Config;
  log: Logger;
  feedback: FeedbackStore;
  buttons: ButtonMemory;
}

export interface SlashCommand {
  /** A SlashCommandBuilder (anything with a name that serializes to a command body). */
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** When the work can outlast Discord's 3 s: defer, privately or not. Undefined: answer right away. */
  defer?(interaction: ChatInputCommandInteraction): { ephemeral: boolean } | undefined;
  /** Run-time permission check: a refusal to show the member, or undefined when they may run it. */
  refusal?(interaction: ChatInputCommandInteraction, context: BotContext): string | undefined;
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

/** A message context-menu command ("Apps" menu of a message): its definition and what it does. */
export interface MessageCommand {
  /** A ContextMenuCommandBuilder of type Message. */
  data: { name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  execute(interaction: MessageContextMenuCommandInteraction, context: BotContext): Promise<void>;
}
