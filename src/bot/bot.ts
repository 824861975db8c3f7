/** The gateway client: only the Guilds intent, every interaction through the one handler. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { commands as allCommands, messageCommands as allMessageCommands } from '../../commands/index.ts';
import { FeedbackStore } from '../feedback/store.ts';
import { ChangeStamps } from '../knowledge/change-stamps.ts';
import { GuildKnowledge } from '../knowledge/guild-knowledge.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import { GuildWebSources } from '../web/guild-web-sources.ts';
import type { WebSources } from '../web/web-sources.ts';
import { followBaseChanges } from './base-sync.ts';
import type { MessageCommand, SlashCommand } from './command.ts';
import type { Config } from './config.ts';
import { ButtonMemory } from './custom-id.ts';
import {
  describeLoginFailure,
  FATAL_CLOSE_CAUSES,
  FatalCloseError,
  LoginError,
  rateLimitPolicy,
} from './discord-failures.ts';
import { createInteractionHandler } from './handler.ts';
import type { Logger } from './log.ts';
import { NO_MENTIONS } from './respond.ts';
import { clientShardOptions, guildFilter } from './shards.ts';

export interface Bot {
  client: Client;
  /** The base's and each server's web sources: what the feed poller reads (`pollTargets()`). */
  web: GuildWebSources;
  /** The change stamps of the folders served, shared with other processes (after a feed poll: `changed(guild)`). */
  changes: ChangeStamps;
  /**
   * Logs in and resolves once the client is ready; rejects with a LoginError saying why in words when the
   * token is refused, the API cannot be reached, or nothing lets the bot in within LOGIN_TIMEOUT_SECONDS.
   */
  start(): Promise<void>;
  /**
   * Lets the answers under way finish (up to STOP_GRACE_MS), then closes the gateway connection
   * (`client.destroy()`) and the servers' build thread.
   */
  stop(): Promise<void>;
}

/** How long stop() waits for the interactions under way (an answer, then its change stamp) to finish. */
const STOP_GRACE_MS = 5_000;

/** Resolves when every promise has settled, or after `ms`, whichever comes first. */
async function settleWithin(work: Promise<unknown>[], ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([Promise.allSettled(work), elapsed]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Logs in and waits for ready, or for whichever comes first of `failed` (a fatal gateway close) and
 * LOGIN_TIMEOUT_SECONDS; every failure becomes a LoginError whose message says why in words.
 */
async function logIn(client: Client, config: Config, failed: Promise<never>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    const seconds = config.loginTimeoutMs / 1000;
    const message = `Discord did not let the bot in within ${seconds} s (LOGIN_TIMEOUT_SECONDS)`;
    timer = setTimeout(() => reject(new LoginError(message)), config.loginTimeoutMs);
  });
  const ready = once(client, Events.ClientReady);
  try {
    await Promise.race([client.login(config.token).then(() => ready), failed, timedOut]);
  } catch (error) {
    throw new LoginError(describeLoginFailure(error, config.apiUrl), { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

export function createBot(
  config: Config,
  {
    knowledge,
    web,
    log,
    commands = allCommands,
    messageCommands = allMessageCommands,
    onFatal = () => undefined,
    now,
    guilds = new GuildKnowledge(knowledge, {
      dataDir: config.guildDataDir,
      serves: guildFilter(config),
      limits: config.guildLimits,
      warn: (message) => log.warn('knowledge.guild', { message }),
      trashRetentionDays: config.trashRetentionDays,
      onTrashPruned: (guild, files, error) =>
        error
          ? log.warn('knowledge.trash_prune_failed', { guild, error })
          : log.info('knowledge.trash_pruned', { guild, files }),
    }),
  }: {
    knowledge: KnowledgeService;
    /** The base's web sources; each server's are made beside its folder (GuildWebSources). */
    web: WebSources;
    log: Logger;
    commands?: readonly SlashCommand[];
    messageCommands?: readonly MessageCommand[];
    /** Called once the gateway is closed for good after start-up (already logged as gateway.fatal_close). */
    onFatal?: (cause: string) => void;
    guilds?: GuildKnowledge;
    /** The clock servers' feeds are polled by (default: the real one; the base's is `web`'s). */
    now?: () => Date;
  },
): Bot {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...clientShardOptions(config),
    rest: { api: config.apiUrl, rejectOnRateLimit: rateLimitPolicy(log) },
    // The default for every message; the respond helpers also set it on each reply.
    allowedMentions: NO_MENTIONS,
  });
  const guildWeb = new GuildWebSources(web, guilds, {
    policy: web.policy,
    feedPollMinutes: config.feedPollMinutes,
    ...(now ? { now } : {}),
    warn: (guild, message) => log.warn('feeds.state_unreadable', { guild, message }),
  });
  const feedback = new FeedbackStore({
    dir: config.feedbackDir,
    retentionDays: config.feedbackRetentionDays,
  });
  const handle = createInteractionHandler(
    commands,
    { knowledge, guilds, web: guildWeb, config, log, feedback, buttons: new ButtonMemory() },
    {
      cooldownSeconds: config.cooldownSeconds,
      messageCommands,
    },
  );
  const changes = new ChangeStamps(guilds, {
    onReload: (folder, outcome) => log.info('kb.reload', { folder, by: 'change stamp', outcome }),
    onError: (folder, error) => log.warn('kb.change_stamp_failed', { folder, error }),
  });
  // Changes made by other processes on the same folders are followed before answering; this one's published after.
  // Each interaction's work is kept until it ends, so that stop() lets it finish (its stamp written) first.
  const inFlight = new Set<Promise<void>>();
  client.on(Events.InteractionCreate, (interaction) => {
    const work = changes
      .before(interaction.guildId)
      .then(() => handle(interaction))
      .then(() => changes.after(interaction.guildId))
      .catch((error: unknown) => log.error('interaction.unhandled', { error }))
      .finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  followBaseChanges(client, knowledge, log);
  client.on(Events.Error, (error) => log.error('client.error', { error }));
  client.on(Events.Warn, (message) => log.warn('client.warn', { message }));
  // discord.js's own debug lines, at LOG_LEVEL=debug; the token is masked should one ever contain it.
  client.on(Events.Debug, (message) =>
    log.debug('discord.debug', { message: message.replaceAll(config.token, '[token]') }),
  );
  let stopping = false;
  /** Rejects a start in progress; after start-up a fatal close goes to onFatal instead. */
  let failStart: ((error: LoginError) => void) | undefined;
  // discord.js emits shardDisconnect only for the close codes it will not reconnect after.
  client.on(Events.ShardDisconnect, (event, shard) => {
    if (stopping) return;
    const cause = FATAL_CLOSE_CAUSES[event.code] ?? `the gateway closed for good (close code ${event.code})`;
    if (failStart) failStart(new FatalCloseError(cause));
    else {
      log.error('gateway.fatal_close', { shard, code: event.code, cause });
      onFatal(cause);
    }
  });
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) log.info('gateway.reconnecting', { shard });
  });
  return {
    client,
    web: guildWeb,
    changes,
    async start() {
      const failed = new Promise<never>((_, reject) => {
        failStart = reject;
      });
      try {
        await logIn(client, config, failed);
      } finally {
        failStart = undefined;
      }
      log.info('bot.ready', {
        user: client.user?.tag,
        guilds: client.guilds.cache.size,
        shards: client.options.shards,
        shardCount: client.options.shardCount,
        knowledgeBase: knowledge.current.version,
      });
    },
    async stop() {
      stopping = true;
      // Answers under way finish first (Discord allows an interaction 15 minutes; a shutdown waits a few seconds).
      await settleWithin([...inFlight], STOP_GRACE_MS);
      await client.destroy();
      await guilds.close();
    },
  };
}
