import { describe, expect, it } from 'vitest';
import { clientShardOptions, guildFilter, shardOfGuild } from '../../src/bot/shards.ts';

describe('shards', () => {
  it('puts a guild on shard (id >> 22) % count, as Discord routes it', () => {
    // 175928847299117063 >> 22 = 41944705796 (Discord's documented example guild id's timestamp part).
    expect(shardOfGuild('175928847299117063', 1)).toBe(0);
    expect(shardOfGuild('175928847299117063', 2)).toBe(Number(41944705796n % 2n));
    expect(shardOfGuild('175928847299117063', 7)).toBe(Number(41944705796n % 7n));
  });

  it('serves every guild unless the process runs some shards of a known count', () => {
    const id = '175928847299117063';
    expect(guildFilter({ shardCount: undefined, shards: undefined })(id)).toBe(true);
    expect(guildFilter({ shardCount: 'auto', shards: undefined })(id)).toBe(true);
    expect(guildFilter({ shardCount: 7, shards: undefined })(id)).toBe(true);
    const mine = shardOfGuild(id, 7);
    expect(guildFilter({ shardCount: 7, shards: [mine] })(id)).toBe(true);
    expect(guildFilter({ shardCount: 7, shards: [(mine + 1) % 7] })(id)).toBe(false);
  });

  it("gives discord.js's Client options: shards and shardCount", () => {
    expect(clientShardOptions({ shardCount: undefined, shards: undefined })).toEqual({});
    expect(clientShardOptions({ shardCount: 'auto', shards: undefined })).toEqual({ shards: 'auto' });
    expect(clientShardOptions({ shardCount: 3, shards: undefined })).toEqual({
      shards: [0, 1, 2],
      shardCount: 3,
    });
    expect(clientShardOptions({ shardCount: 4, shards: [1, 3] })).toEqual({ shards: [1, 3], shardCount: 4 });
  });
});
