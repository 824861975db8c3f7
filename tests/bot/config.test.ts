import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, parseConfig } from '../../src/bot/config.ts';

const REPO = path.resolve(import.meta.dirname, '../..');

const TOKEN = 'MTIzNDU2.secret-token-value';
const valid = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: '123456789012345678' };

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).not.toContain(TOKEN);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    expect(parseConfig(valid)).toEqual({
      token: TOKEN,
      applicationId: '123456789012345678',
      guildId: undefined,
      knowledgeDir: 'knowledge',
      snapshotDir: '.cache',
      moderatorRoleIds: [],
      logLevel: 'info',
      apiUrl: 'https://discord.com/api',
      cooldownSeconds: 3,
      maxUploadBytes: 1_000_000,
      maxPageBytes: 5_000_000,
      guildDataDir: 'data/guilds',
      guildLimits: { maxDocuments: 10_000, maxBytes: 20_000_000, maxFeeds: 20 },
      adminGuildIds: [],
      shardCount: undefined,
      shards: undefined,
      feedbackDir: 'data/feedback',
      feedbackRetentionDays: 90,
      feedPollMinutes: 15,
      urlAllowHosts: [],
      attachmentHosts: ['cdn.discordapp.com', 'media.discordapp.net'],
      trashRetentionDays: 30,
      loginTimeoutMs: 60_000,
      publicKey: undefined,
      port: 8080,
      feedPoller: true,
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      ...valid,
      DISCORD_GUILD_ID: '223456789012345678',
      KNOWLEDGE_DIR: '/srv/kb',
      SNAPSHOT_DIR: '/var/cache/storybot',
      MODERATOR_ROLE_IDS: '323456789012345678, 423456789012345678',
      LOG_LEVEL: 'debug',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      COOLDOWN_SECONDS: '0',
      KB_MAX_UPLOAD_BYTES: '5000',
      KB_MAX_PAGE_BYTES: '2000000',
      FEEDBACK_DIR: '/var/lib/storybot/feedback',
      FEEDBACK_RETENTION_DAYS: '30',
      FEED_POLL_MINUTES: '60',
      KB_URL_ALLOW_HOSTS: 'news.intranet, 127.0.0.1:8080',
      ATTACHMENT_HOSTS: 'files.example.org, 127.0.0.1:8080',
      TRASH_RETENTION_DAYS: '7',
      LOGIN_TIMEOUT_SECONDS: '0.5',
      GUILD_MAX_DOCUMENTS: '50',
      GUILD_MAX_BYTES: '2000000',
      GUILD_MAX_FEEDS: '3',
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      PORT: '3000',
      FEED_POLLER: 'false',
    });
    expect(config).toMatchObject({
      guildLimits: { maxDocuments: 50, maxBytes: 2_000_000, maxFeeds: 3 },
      feedbackDir: '/var/lib/storybot/feedback',
      feedbackRetentionDays: 30,
      guildId: '223456789012345678',
      knowledgeDir: '/srv/kb',
      snapshotDir: '/var/cache/storybot',
      moderatorRoleIds: ['323456789012345678', '423456789012345678'],
      logLevel: 'debug',
      apiUrl: 'http://127.0.0.1:8080/api',
      cooldownSeconds: 0,
      maxUploadBytes: 5000,
      maxPageBytes: 2_000_000,
      feedPollMinutes: 60,
      urlAllowHosts: ['news.intranet', '127.0.0.1:8080'],
      attachmentHosts: ['files.example.org', '127.0.0.1:8080'],
      trashRetentionDays: 7,
      loginTimeoutMs: 500,
      publicKey: 'ab'.repeat(32),
      port: 3000,
      feedPoller: false,
    });
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ ...valid, DISCORD_GUILD_ID: '', LOG_LEVEL: ' ' })).toMatchObject({
      guildId: undefined,
      logLevel: 'info',
    });
  });

  it('accepts plain http for DISCORD_API_URL only to this machine', () => {
    for (const url of ['http://localhost:3000/api', 'http://127.0.0.1/api', 'http://[::1]:8080/api'])
      expect(parseConfig({ ...valid, DISCORD_API_URL: url }).apiUrl).toBe(url);
    for (const url of ['http://discord.com/api', 'http://10.0.0.5/api', 'http://127.0.0.1.evil.example/api'])
      expect(problems({ ...valid, DISCORD_API_URL: url })).toEqual([
        'DISCORD_API_URL must be https (plain http only to this machine: localhost or 127.0.0.1)',
      ]);
  });

  it('names each missing variable', () => {
    const found = problems({});
    expect(found.some((p) => p.startsWith('DISCORD_TOKEN '))).toBe(true);
    expect(found.some((p) => p.startsWith('DISCORD_APPLICATION_ID '))).toBe(true);
  });

  it('names each bad variable and never prints the token', () => {
    const found = problems({
      DISCORD_TOKEN: `${TOKEN} with spaces`,
      DISCORD_APPLICATION_ID: 'abc',
      DISCORD_GUILD_ID: '12',
      MODERATOR_ROLE_IDS: '323456789012345678,nope',
      LOG_LEVEL: 'loud',
      DISCORD_API_URL: 'ftp://example.org',
      COOLDOWN_SECONDS: '-1',
      FEED_POLL_MINUTES: '0',
      KB_URL_ALLOW_HOSTS: 'http://intranet/',
      ATTACHMENT_HOSTS: 'https://cdn.example.org/x',
      TRASH_RETENTION_DAYS: 'forever',
      LOGIN_TIMEOUT_SECONDS: '0',
    });
    const named = found.map((p) => p.split(' ')[0]);
    expect(named.sort()).toEqual(
      [
        'ATTACHMENT_HOSTS',
        'LOGIN_TIMEOUT_SECONDS',
        'TRASH_RETENTION_DAYS',
        'COOLDOWN_SECONDS',
        'DISCORD_API_URL',
        'DISCORD_APPLICATION_ID',
        'DISCORD_GUILD_ID',
        'DISCORD_TOKEN',
        'FEED_POLL_MINUTES',
        'KB_URL_ALLOW_HOSTS',
        'LOG_LEVEL',
        'MODERATOR_ROLE_IDS',
      ].sort(),
    );
    for (const problem of found) expect(problem).not.toContain(TOKEN);
  });
});

describe('servers and shards', () => {
  it('reads GUILD_DATA_DIR, ADMIN_GUILD_IDS, SHARD_COUNT and SHARDS', () => {
    const config = parseConfig({
      ...valid,
      GUILD_DATA_DIR: '/srv/guilds',
      ADMIN_GUILD_IDS: '323456789012345678, 423456789012345678',
      SHARD_COUNT: '4',
      SHARDS: '3,1,3',
    });
    expect(config).toMatchObject({
      guildDataDir: '/srv/guilds',
      adminGuildIds: ['323456789012345678', '423456789012345678'],
      shardCount: 4,
      shards: [1, 3],
    });
    expect(parseConfig({ ...valid, SHARD_COUNT: 'auto' }).shardCount).toBe('auto');
  });

  it('makes the DISCORD_GUILD_ID the admin server when ADMIN_GUILD_IDS is unset', () => {
    expect(parseConfig({ ...valid, DISCORD_GUILD_ID: '223456789012345678' }).adminGuildIds).toEqual([
      '223456789012345678',
    ]);
    expect(
      parseConfig({
        ...valid,
        DISCORD_GUILD_ID: '223456789012345678',
        ADMIN_GUILD_IDS: '323456789012345678',
      }).adminGuildIds,
    ).toEqual(['323456789012345678']);
  });

  it('refuses SHARD_COUNT auto with DISCORD_API_URL set, saying why', () => {
    const [problem] = problems({ ...valid, SHARD_COUNT: 'auto', DISCORD_API_URL: 'http://127.0.0.1:9/api' });
    expect(problem).toMatch(/^SHARD_COUNT auto is not possible with DISCORD_API_URL set/);
    expect(problem).toContain('fixed base URL');
    expect(problem).toContain('set SHARD_COUNT to a number');
  });

  it('refuses shard lists that cannot work', () => {
    expect(problems({ ...valid, SHARDS: '0,1' })[0]).toMatch(/^SHARDS needs SHARD_COUNT set to a number/);
    expect(problems({ ...valid, SHARD_COUNT: 'auto', SHARDS: '0' })[0]).toMatch(/^SHARDS needs SHARD_COUNT/);
    expect(problems({ ...valid, SHARD_COUNT: '2', SHARDS: '1,2' })[0]).toMatch(
      /^SHARDS must be shard ids below/,
    );
    expect(problems({ ...valid, SHARD_COUNT: '2', SHARDS: 'one' })[0]).toMatch(/^SHARDS /);
    expect(problems({ ...valid, SHARD_COUNT: '0' })[0]).toMatch(/^SHARD_COUNT /);
    expect(problems({ ...valid, DISCORD_PUBLIC_KEY: 'not-hex' })[0]).toMatch(/^DISCORD_PUBLIC_KEY /);
    expect(problems({ ...valid, PORT: '70000' })[0]).toMatch(/^PORT /);
    expect(problems({ ...valid, FEED_POLLER: 'yes' })[0]).toMatch(/^FEED_POLLER /);
    expect(problems({ ...valid, ADMIN_GUILD_IDS: '12' })[0]).toMatch(/^ADMIN_GUILD_IDS /);
  });
});

describe('documentation of the configuration', () => {
  it('.env.example and the README name every variable the bot reads, and no other', async () => {
    const example = await readFile(path.join(REPO, '.env.example'), 'utf8');
    const assigned = [...example.matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(assigned.sort()).toEqual([...CONFIG_VARIABLES].sort());
    const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
    const start = readme.indexOf('## Configuration');
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
