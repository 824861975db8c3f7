/**
 * The bot's configuration: environment variables (and `.env`, via dotenv) checked by one zod schema.
 * A bad or missing value stops start-up with a message naming the variable; the token is never printed.
 */
import { z } from 'zod';
import { DEFAULT_GUILD_MAX_BYTES } from '../knowledge/limits.ts';
import { parseAllowHosts } from '../web/address.ts';
import { DEFAULT_MAX_PAGE_BYTES } from '../web/safe-fetch.ts';
import { LOG_LEVELS, type LogLevel } from './log.ts';

const snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord id (17 to 20 digits)');

/** The REST base discord.js's ShardingManager always uses to ask for the recommended shard count. */
const DISCORD_API_DEFAULT = 'https://discord.com/api';

/** 127.0.0.0/8, ::1 and localhost: the only hosts the bot talks to over plain http (a local proxy, tests). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Plain http only to this machine: the token never crosses a network unencrypted (other schemes are z.url's to refuse). */
const secureUrl = (url: string) => {
  const { protocol, hostname } = new URL(url);
  return protocol !== 'http:' || isLoopbackHost(hostname);
};

/** A comma-separated list, trimmed, empty entries dropped. */
const commaList = (list: string) =>
  list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');

/** Empty strings count as unset, so that `DISCORD_GUILD_ID=` in a .env file means "no guild". */
const unsetIfEmpty = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * What one server may hold by default: far beyond a community server's needs (moderators adding articles by
 * hand, a few feeds followed for a year: 4,000 articles of ~5 KB), low enough that no server can make the
 * bot's work for the others slow (every server's rebuilds run off the main thread whatever their size), and a
 * server at its bytes quota rebuilt re-analysing only what changed (DEFAULT_GUILD_MAX_BYTES).
 */
export const GUILD_LIMIT_DEFAULTS = {
  maxDocuments: 10_000,
  maxBytes: DEFAULT_GUILD_MAX_BYTES,
  maxFeeds: 20,
};

const schema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is required (the bot token from the Developer Portal)' })
    .trim()
    .min(1, 'is required (the bot token from the Developer Portal)')
    .refine((token) => !/\s/.test(token), 'must not contain spaces'),
  DISCORD_APPLICATION_ID: z
    .preprocess(unsetIfEmpty, snowflake.optional())
    .pipe(z.string({ error: 'is required (the application id from the Developer Portal)' })),
  DISCORD_GUILD_ID: z.preprocess(unsetIfEmpty, snowflake.optional()),
  KNOWLEDGE_DIR: z.preprocess(unsetIfEmpty, z.string().default('knowledge')),
  SNAPSHOT_DIR: z.preprocess(unsetIfEmpty, z.string().default('.cache')),
  MODERATOR_ROLE_IDS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('')
      .transform(commaList)
      .pipe(z.array(snowflake.describe('each role id'))),
  ),
  GUILD_DATA_DIR: z.preprocess(unsetIfEmpty, z.string().default('data/guilds')),
  GUILD_MAX_DOCUMENTS: z.preprocess(
    unsetIfEmpty,
    z.coerce.number().int().positive().default(GUILD_LIMIT_DEFAULTS.maxDocuments),
  ),
  GUILD_MAX_BYTES: z.preprocess(
    unsetIfEmpty,
    z.coerce.number().int().positive().default(GUILD_LIMIT_DEFAULTS.maxBytes),
  ),
  GUILD_MAX_FEEDS: z.preprocess(
    unsetIfEmpty,
    z.coerce.number().int().positive().default(GUILD_LIMIT_DEFAULTS.maxFeeds),
  ),
  ADMIN_GUILD_IDS: z.preprocess(
    unsetIfEmpty,
    z.string().transform(commaList).pipe(z.array(snowflake)).optional(),
  ),
  SHARD_COUNT: z.preprocess(
    unsetIfEmpty,
    z
      .union([z.literal('auto'), z.coerce.number().int().min(1).max(100_000)], {
        error: 'must be a whole number of shards (1 or more) or auto',
      })
      .optional(),
  ),
  SHARDS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform(commaList)
      .pipe(z.array(z.string().regex(/^\d{1,6}$/, 'must list shard ids such as 0,1')))
      .transform((ids) => ids.map(Number))
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS).default('info')),
  DISCORD_API_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://discord.com/api' })
      .refine(secureUrl, 'must be https (plain http only to this machine: localhost or 127.0.0.1)')
      .default(DISCORD_API_DEFAULT)
      .transform((url) => url.replace(/\/+$/, '')),
  ),
  COOLDOWN_SECONDS: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(3600).default(3)),
  KB_MAX_UPLOAD_BYTES: z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().default(1_000_000)),
  KB_MAX_PAGE_BYTES: z.preprocess(
    unsetIfEmpty,
    z.coerce.number().int().positive().default(DEFAULT_MAX_PAGE_BYTES),
  ),
  FEEDBACK_DIR: z.preprocess(unsetIfEmpty, z.string().default('data/feedback')),
  FEEDBACK_RETENTION_DAYS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(3650).default(90)),
  FEED_POLL_MINUTES: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(1).max(1440).default(15)),
  KB_URL_ALLOW_HOSTS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('')
      .transform(parseAllowHosts)
      .pipe(
        z.array(z.string().regex(/^[\w.\-[\]:]+$/, 'must list host or host:port entries, comma-separated')),
      ),
  ),
  ATTACHMENT_HOSTS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .default('cdn.discordapp.com,media.discordapp.net')
      .transform(commaList)
      .pipe(
        z
          .array(z.string().regex(/^[\w.-]+(:\d{1,5})?$/, 'each entry must be a host name, or host:port'))
          .min(1, 'must name at least one host'),
      ),
  ),
  TRASH_RETENTION_DAYS: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(36_500).default(30)),
  LOGIN_TIMEOUT_SECONDS: z.preprocess(unsetIfEmpty, z.coerce.number().positive().max(3600).default(60)),
  DISCORD_PUBLIC_KEY: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of the Public Key (General Information)')
      .optional(),
  ),
  PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65_535).default(8080)),
  FEED_POLLER: z.preprocess(
    unsetIfEmpty,
    z
      .enum(['true', 'false'], { error: 'must be true or false' })
      .default('true')
      .transform((value) => value === 'true'),
  ),
});

/** Every variable the bot reads (each one is documented in .env.example and the README). */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export interface Config {
  token: string;
  applicationId: string;
  guildId: string | undefined;
  knowledgeDir: string;
  /** Where built knowledge bases are saved for a fast start (outside KNOWLEDGE_DIR). */
  snapshotDir: string;
  moderatorRoleIds: string[];
  logLevel: LogLevel;
  apiUrl: string;
  cooldownSeconds: number;
  maxUploadBytes: number;
  /** KB_MAX_PAGE_BYTES: the largest web page or feed downloaded (its HTML; the saved text is bound by maxUploadBytes). */
  maxPageBytes: number;
  /** GUILD_DATA_DIR: each server's own documents, in a folder named by its id. */
  guildDataDir: string;
  /** GUILD_MAX_DOCUMENTS, GUILD_MAX_BYTES and GUILD_MAX_FEEDS: what one server may hold (the base: no limit). */
  guildLimits: { maxDocuments: number; maxBytes: number; maxFeeds: number };
  /** Servers whose moderators may change the base (KNOWLEDGE_DIR); default the DISCORD_GUILD_ID, if any. */
  adminGuildIds: string[];
  /** discord.js's `shardCount` (or `shards: 'auto'`); undefined: one shard, as discord.js defaults. */
  shardCount: number | 'auto' | undefined;
  /** discord.js's `shards`: the shard ids this process runs; undefined: every shard of shardCount. */
  shards: number[] | undefined;
  /** Where votes and not-found questions are kept: one file per server. */
  feedbackDir: string;
  /** Days a vote or a not-found question is kept (and counted in /kb gaps). */
  feedbackRetentionDays: number;
  /** How often each followed news feed is read, in minutes (failing feeds wait longer). */
  feedPollMinutes: number;
  /** Hosts (`host` or `host:port`) fetched whatever their addresses: tests and intranets. */
  urlAllowHosts: string[];
  /** Hosts (`host` or `host:port`) /kb add may download attachments from. */
  attachmentHosts: string[];
  /** Days a removed or replaced document stays in KNOWLEDGE_DIR/.trash/ before it is deleted. */
  trashRetentionDays: number;
  /** Log-in gives up, and the bot exits non-zero, when Discord has not let it in by then. */
  loginTimeoutMs: number;
  /** The application's public key (hex), which signs the requests of the HTTP interactions endpoint. */
  publicKey: string | undefined;
  /** The HTTP interactions endpoint's port (`npm run start:http`); 0: any free port. */
  port: number;
  /** Whether this process polls the followed feeds: true on one process only of those sharing the folders. */
  feedPoller: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment; throws ConfigError naming every bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    // Messages are built from the variable name and the rule only: zod's default messages can quote the input.
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`),
    );
  }
  const value = parsed.data;
  const shardProblems = shardingProblems(value);
  if (shardProblems.length > 0) throw new ConfigError(shardProblems);
  return {
    token: value.DISCORD_TOKEN,
    applicationId: value.DISCORD_APPLICATION_ID,
    guildId: value.DISCORD_GUILD_ID,
    knowledgeDir: value.KNOWLEDGE_DIR,
    snapshotDir: value.SNAPSHOT_DIR,
    moderatorRoleIds: value.MODERATOR_ROLE_IDS,
    logLevel: value.LOG_LEVEL,
    apiUrl: value.DISCORD_API_URL,
    cooldownSeconds: value.COOLDOWN_SECONDS,
    maxUploadBytes: value.KB_MAX_UPLOAD_BYTES,
    maxPageBytes: value.KB_MAX_PAGE_BYTES,
    guildDataDir: value.GUILD_DATA_DIR,
    guildLimits: {
      maxDocuments: value.GUILD_MAX_DOCUMENTS,
      maxBytes: value.GUILD_MAX_BYTES,
      maxFeeds: value.GUILD_MAX_FEEDS,
    },
    adminGuildIds: value.ADMIN_GUILD_IDS ?? (value.DISCORD_GUILD_ID ? [value.DISCORD_GUILD_ID] : []),
    shardCount: value.SHARD_COUNT,
    shards:
      value.SHARDS && value.SHARDS.length > 0 ? [...new Set(value.SHARDS)].sort((a, b) => a - b) : undefined,
    feedbackDir: value.FEEDBACK_DIR,
    feedbackRetentionDays: value.FEEDBACK_RETENTION_DAYS,
    feedPollMinutes: value.FEED_POLL_MINUTES,
    urlAllowHosts: value.KB_URL_ALLOW_HOSTS,
    attachmentHosts: value.ATTACHMENT_HOSTS,
    trashRetentionDays: value.TRASH_RETENTION_DAYS,
    loginTimeoutMs: value.LOGIN_TIMEOUT_SECONDS * 1000,
    publicKey: value.DISCORD_PUBLIC_KEY,
    port: value.PORT,
    feedPoller: value.FEED_POLLER,
  };
}

/** SHARD_COUNT and SHARDS together, and SHARD_COUNT=auto with a REST proxy, which discord.js cannot do. */
function shardingProblems(value: z.output<typeof schema>): string[] {
  const count = value.SHARD_COUNT;
  const shards = value.SHARDS ?? [];
  if (count === 'auto' && value.DISCORD_API_URL !== DISCORD_API_DEFAULT)
    return [
      'SHARD_COUNT auto is not possible with DISCORD_API_URL set: discord.js asks Discord for the shard count ' +
        `at its fixed base URL (${DISCORD_API_DEFAULT}), not through DISCORD_API_URL; set SHARD_COUNT to a number`,
    ];
  if (shards.length === 0) return [];
  if (typeof count !== 'number')
    return ['SHARDS needs SHARD_COUNT set to a number (the total of shards, over every process)'];
  const outside = shards.filter((id) => id >= count);
  return outside.length > 0
    ? [`SHARDS must be shard ids below SHARD_COUNT (${count}); ${outside.join(', ')} is not`]
    : [];
}

/** Loads `.env` (if any; real environment variables win) and parses the result. */
export async function loadConfig(): Promise<Config> {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  return parseConfig(process.env);
}
