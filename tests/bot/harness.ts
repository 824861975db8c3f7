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
  config: Config;
  log: ReturnType<typeof createMemoryLogger>;
  dir: string;
  close(): Promise<void>;
}

export async function startBot(
  options: { dir?: string; env?: Record<string, string>; extraCommands?: SlashCommand[] } = {},
): Promise<Running> {
  const dir = options.dir ?? (await copyKnowledge());
  const fake = await FakeDiscord.start();
  const config = parseConfig({
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
  const bot = createBot(config, {
    knowledge,
    log,
    commands: [...commands, ...(options.extraCommands ?? [])],
  });
  await bot.start();
  return {
    fake,
    bot,
    knowledge,
    config,
    log,
    dir,
    async close() {
      // Destroy the client first: a client whose gateway goes away reconnects forever.
      await bot.stop();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
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
