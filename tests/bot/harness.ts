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
import { createMemoryLogger } from '../../src/bot/log.ts';
import { KnowledgeService } from '../../src/knowledge/knowledge-service.ts';
import { feedStateFileFor } from '../../src/web/feed-store.ts';
import { WebSources } from '../../src/web/web-sources.ts';
import { APPLICATION_ID, FakeDiscord, MODERATOR_ROLE_ID, type Reply } from './fake-discord.ts';

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
  web: WebSources;
  config: Config;
  log: ReturnType<typeof createMemoryLogger>;
  dir: string;
  close(): Promise<void>;
}

export interface StartOptions {
  dir?: string;
  env?: Record<string, string>;
  extraCommands?: SlashCommand[];
  /** Log in to this fake Discord (a restart); close() then leaves it running. */
  fake?: FakeDiscord;
  /** Leave the knowledge and feedback folders in place on close() (for a restart on them). */
  keepFiles?: boolean;
  /** The clock feeds are polled by (default: the real one). */
  now?: () => Date;
}

export async function startBot(options: StartOptions = {}): Promise<Running> {
  const dir = options.dir ?? (await copyKnowledge());
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
    ATTACHMENT_HOSTS: new URL(fake.origin).host,
    ...options.env,
  });
  const log = createMemoryLogger();
  const knowledge = await KnowledgeService.open(dir);
  // As main.ts does, without the poller's clock: tests poll by calling web.feeds.pollDue().
  const { sources: web } = await WebSources.open({
    target: knowledge,
    policy: { allowHosts: config.urlAllowHosts, maxBytes: config.maxUploadBytes },
    feedStateFile: feedStateFileFor(dir),
    feedPollMinutes: config.feedPollMinutes,
    ...(options.now ? { now: options.now } : {}),
  });
  const bot = createBot(config, {
    knowledge,
    web,
    log,
    commands: [...commands, ...(options.extraCommands ?? [])],
  });
  await bot.start();
  return {
    fake,
    bot,
    knowledge,
    web,
    config,
    log,
    dir,
    async close() {
      // Destroy the client first: a client whose gateway goes away reconnects forever.
      await bot.stop();
      if (!options.fake) await fake.close();
      if (options.keepFiles) return;
      await rm(dir, { recursive: true, force: true });
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
