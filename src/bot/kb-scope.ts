/**
 * Which documents a /kb action is about, and whether the member may touch them: a server's own documents
 * (its moderators), or the base shared by every server (moderators of the admin servers, ADMIN_GUILD_IDS).
 * Checked at run time, on every action, because server admins can widen a command's permissions.
 */
import type { AutocompleteInteraction, ChatInputCommandInteraction } from 'discord.js';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import { announceBaseChange } from './base-sync.ts';
import type { BotContext } from './command.ts';
import type { Config } from './config.ts';
import { isModerator } from './permissions.ts';

export type KbScope = 'server' | 'base';

/** The member as the log names them: "name (id)". */
export const memberOf = (interaction: ChatInputCommandInteraction) =>
  `${interaction.user.username} (${interaction.user.id})`;

/** Who asked, where and on which documents: on every kb.* log line. */
export const kbLogFields = (interaction: ChatInputCommandInteraction, scope: KbScope) => ({
  guild: interaction.guildId,
  scope,
  user: interaction.user.id,
  by: memberOf(interaction),
});

export const SCOPE_OPTION = 'scope';
export const SCOPE_CHOICES = [
  { name: "This server's own documents", value: 'server' },
  { name: 'The base shared by every server (admin servers only)', value: 'base' },
] as const;

type KbInteraction = ChatInputCommandInteraction | AutocompleteInteraction;

export function isAdminGuild(guildId: string | null, config: Pick<Config, 'adminGuildIds'>): boolean {
  return guildId !== null && config.adminGuildIds.includes(guildId);
}

/**
 * The scope asked for, else the default: the base in an admin server (where /kb changed KNOWLEDGE_DIR before
 * servers had documents of their own, so a single-server deployment keeps working as it did), the server's
 * own documents anywhere else.
 */
export function scopeOf(interaction: KbInteraction, config: Pick<Config, 'adminGuildIds'>): KbScope {
  const asked = interaction.options.getString(SCOPE_OPTION);
  if (asked === 'base' || asked === 'server') return asked;
  return isAdminGuild(interaction.guildId, config) ? 'base' : 'server';
}

/** Why the member may not act on this scope (shown to them privately), or undefined when they may. */
export function scopeRefusal(
  interaction: KbInteraction,
  config: Pick<Config, 'adminGuildIds' | 'moderatorRoleIds'>,
  scope: KbScope,
): string | undefined {
  if (!isModerator(interaction, config.moderatorRoleIds))
    return 'Only moderators can use /kb: it needs the Manage Server permission or a moderator role.';
  if (scope === 'base' && !isAdminGuild(interaction.guildId, config))
    return (
      'The base documents are shared by every server: only moderators of the bot’s admin servers can change ' +
      'them. Use scope: server to manage this server’s own documents.'
    );
  return undefined;
}

/** The knowledge service of a scope, to read: undefined when the server has no documents of its own. */
export async function serviceOf(
  interaction: KbInteraction,
  { knowledge, guilds }: Pick<BotContext, 'knowledge' | 'guilds'>,
  scope: KbScope,
): Promise<KnowledgeService | undefined> {
  if (scope === 'base') return knowledge;
  return interaction.guildId === null ? undefined : guilds.own(interaction.guildId);
}

/**
 * Runs a change on a scope's documents (the server's own are made on first use). A base change is then
 * announced to the other processes of the shard group, which reload their base.
 */
export async function changeIn<T>(
  interaction: ChatInputCommandInteraction,
  { knowledge, guilds, log }: Pick<BotContext, 'knowledge' | 'guilds' | 'log'>,
  scope: KbScope,
  work: (service: KnowledgeService) => Promise<T>,
): Promise<T> {
  if (scope === 'base') {
    const result = await work(knowledge);
    await announceBaseChange(interaction.client, interaction.guildId).catch((error: unknown) =>
      log.warn('kb.base_sync_failed', { guild: interaction.guildId, error }),
    );
    return result;
  }
  if (interaction.guildId === null) throw new Error('/kb changes need a server');
  return guilds.change(interaction.guildId, work);
}
