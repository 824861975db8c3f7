/** Who is a moderator: a member with Manage Server, or with one of the roles in MODERATOR_ROLE_IDS. */
import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  PermissionFlagsBits,
} from 'discord.js';

export function isModerator(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
  moderatorRoleIds: readonly string[],
): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions.has(PermissionFlagsBits.ManageGuild)) return true;
  const { member } = interaction;
  // A cached guild gives a GuildMember; otherwise Discord's raw member, whose roles are plain ids.
  const roles = Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  return roles.some((role) => moderatorRoleIds.includes(role));
}
