/**
 * Which shard a guild lives on, as Discord routes it: `(guild_id >> 22) % shard_count`. A process running
 * some shards (SHARDS) answers, and loads the documents of, only the guilds on them.
 */
import type { Config } from './config.ts';

export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * Whether this process serves a guild. Every guild when it runs every shard (no SHARDS, or SHARD_COUNT auto
 * in one process); else the guilds on its shards.
 */
export function guildFilter(config: Pick<Config, 'shardCount' | 'shards'>): (guildId: string) => boolean {
  const { shardCount, shards } = config;
  if (shards === undefined || typeof shardCount !== 'number') return () => true;
  const mine = new Set(shards);
  return (guildId) => mine.has(shardOfGuild(guildId, shardCount));
}

/** The discord.js Client options for the shards of this process (none: discord.js's default, one shard). */
export function clientShardOptions(config: Pick<Config, 'shardCount' | 'shards'>): {
  shards?: number[] | 'auto';
  shardCount?: number;
} {
  if (config.shardCount === 'auto') return { shards: 'auto' };
  if (config.shardCount === undefined) return {};
  return {
    shards: config.shards ?? Array.from({ length: config.shardCount }, (_, i) => i),
    shardCount: config.shardCount,
  };
}
