/**
 * Starts the real bot (discord.js client, handler, commands, knowledge service) against the fake Discord,
 * on a temporary copy of a knowledge folder, with its log kept in memory.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commands } from '../../commands/index.ts';
import { type Bot, createBot } from '../../src/bot/bot.ts';
import type { SlashCommand } from '../../src/bot/command.ts';
import { type Config, parseConfig } from '../../src/bot/config.ts';
import { type HttpEndpoint, serveHttp } from '../../src/bot/http/serve.ts';
import { createMemoryLogger } from '../../src/bot/log.ts';
import { guildFilter } from '../../src/bot/shards.ts';
import { GuildKnowledge } from '../../src/knowledge/guild-knowledge.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { feedStateFileFor } from '../../src/web/feed-store.ts';
import type { GuildWebSources } from '../../src/web/guild-web-sources.ts';
import { WebSources } from '../../src/web/web-sources.ts';
import { APPLICATION_ID, FakeDiscord, GUILD_ID, MODERATOR_ROLE_ID, type Reply } from './fake-discord.ts';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const TOKEN = 'fake-bot-token.for-tests.only';

/** A temporary copy of a knowledge folder (the bundled one by default); tests never touch knowledge/. */
export async function copyKnowledge(from = path.join(REPO, 'knowledge')): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storybot-kb-'));
  await cp(from, dir, { recursive: true });
  return dir;
}

export interface Running {
  fake: FakeDiscord;
  bot: Bot;
  knowledge: KnowledgeService;
  /** The base plus each server's own documents (in `guildDir`). */
  guilds: GuildKnowledge;
  /** The base's web sources. */
  web: WebSources;
  /** The base's and each server's web sources (what the bot polls). */
  guildWeb: GuildWebSources;
  config: Config;
  log: ReturnType<typeof createMemoryLogger>;
  dir: string;
  guildDir: string;
  /** With `http`: the interactions endpoint. */
  endpoint?: HttpEndpoint;
  close(): Promise<void>;
}

export interface StartOptions {
  dir?: string;
  env?: Record<string, string>;
  extraCommands?: SlashCommand[];
  /** Log in to this fake Discord (a restart, or shards sharing it); close() then leaves it running. */
  fake?: FakeDiscord;
  /** A servers' folder shared with another bot (shards): the caller removes it. */
  guildDir?: string;
  /** Leave the knowledge and feedback folders in place on close() (for a restart on them). */
  keepFiles?: boolean;
  /** The clock feeds are polled by (default: the real one). */
  now?: () => Date;
  /** Serve as an HTTP interactions endpoint (PORT=0) checking this public key, instead of logging in. */
  http?: { publicKey: string };
}

/**
 * The bot against a fresh fake Discord. The fake's guild is its admin server (DISCORD_GUILD_ID, as in a
 * single-server deployment) unless `env` says otherwise; servers' own documents go to a temporary folder.
 */
export async function startBot(options: StartOptions = {}): Promise<Running> {
  const dir = options.dir ?? (await copyKnowledge());
  const guildDir = options.guildDir ?? (await mkdtemp(path.join(tmpdir(), 'storybot-guilds-')));
  const fake = options.fake ?? (await FakeDiscord.start());
  // Feedback goes to a temporary folder unless the test names one: tests never write to data/.
  const feedbackDir = options.env?.FEEDBACK_DIR ?? (await mkdtemp(path.join(tmpdir(), 'storybot-feedback-')));
  const config = parseConfig({
    FEEDBACK_DIR: feedbackDir,
    DISCORD_TOKEN: TOKEN,
    DISCORD_APPLICATION_ID: APPLICATION_ID,
    DISCORD_API_URL: fake.apiUrl,
    KNOWLEDGE_DIR: dir,
    MODERATOR_ROLE_IDS: MODERATOR_ROLE_ID,
    COOLDOWN_SECONDS: '0',
    DISCORD_GUILD_ID: GUILD_ID,
    GUILD_DATA_DIR: guildDir,
    ATTACHMENT_HOSTS: new URL(fake.origin).host,
    ...options.env,
  });
  const log = createMemoryLogger();
  const knowledge = await KnowledgeService.open(dir);
  const guilds = new GuildKnowledge(knowledge, {
    dataDir: config.guildDataDir,
    serves: guildFilter(config),
    limits: config.guildLimits,
  });
  // As main.ts does, without the poller's clock: tests poll by calling web.feeds.pollDue() (the base) or
  // guildWeb.pollTargets() (every server's).
  const { sources: web } = await WebSources.open({
    target: knowledge,
    policy: {
      allowHosts: config.urlAllowHosts,
      maxBytes: config.maxUploadBytes,
      maxPageBytes: config.maxPageBytes,
    },
    feedStateFile: feedStateFileFor(dir),
    feedPollMinutes: config.feedPollMinutes,
    ...(options.now ? { now: options.now } : {}),
  });
  const bot = createBot(config, {
    knowledge,
    guilds,
    web,
    ...(options.now ? { now: options.now } : {}),
    log,
    commands: [...commands, ...(options.extraCommands ?? [])],
  });
  const endpoint = options.http
    ? await serveHttp(bot, knowledge, { ...config, ...options.http, port: 0 }, log)
    : await bot.start();
  return {
    fake,
    bot,
    knowledge,
    guilds,
    web,
    guildWeb: bot.web,
    config,
    log,
    dir,
    guildDir,
    ...(endpoint ? { endpoint } : {}),
    async close() {
      await endpoint?.close();
      // Destroy the client first: a client whose gateway goes away reconnects forever.
      await bot.stop();
      if (!options.fake) await fake.close();
      if (options.keepFiles) return;
      await rm(dir, { recursive: true, force: true });
      if (!options.guildDir) await rm(guildDir, { recursive: true, force: true });
      if (!options.env?.FEEDBACK_DIR) await rm(feedbackDir, { recursive: true, force: true });
      await rm(feedStateFileFor(dir), { force: true });
    },
  };
}

/** Every message the bot sent (replies, edits of deferred replies, follow-ups), for checks that hold for all. */
export function messageBodies(fake: FakeDiscord): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  for (const request of fake.requests) {
    const body = request.body as Record<string, unknown>;
    if (request.path.endsWith('/callback') && body.type === 4)
      bodies.push(body.data as Record<string, unknown>);
    if (request.path.includes('/webhooks/') && (request.method === 'PATCH' || request.method === 'POST'))
      bodies.push(body);
  }
  return bodies;
}

export interface EmbedBody {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}

export function embedOf(reply: Reply): EmbedBody {
  const embeds = reply.data.embeds as EmbedBody[] | undefined;
  const embed = embeds?.[0];
  if (!embed) throw new Error(`expected an embed, got ${JSON.stringify(reply.data)}`);
  return embed;
}

export function contentOf(reply: Reply): string {
  return String(reply.data.content ?? '');
}
