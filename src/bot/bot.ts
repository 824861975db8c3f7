/** The gateway client: only the Guilds intent, every interaction through the one handler. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { commands as allCommands, messageCommands as allMessageCommands } from '../../commands/index.ts';
import { FeedbackStore } from '../feedback/store.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import type { WebSources } from '../web/web-sources.ts';
import type { MessageCommand, SlashCommand } from './command.ts';
import type { Config } from './config.ts';
import { ButtonMemory } from './custom-id.ts';
import { createInteractionHandler } from './handler.ts';
import type { Logger } from './log.ts';
import { NO_MENTIONS } from './respond.ts';

export interface Bot {
  client: Client;
  /** Logs in and resolves once the client is ready. */
  start(): Promise<void>;
  /** Closes the gateway connection (`client.destroy()`). */
  stop(): Promise<void>;
}

export function createBot(
  config: Config,
  {
    knowledge,
    web,
    log,
    commands = allCommands,
    messageCommands = allMessageCommands,
  }: {
    knowledge: KnowledgeService;
    web: WebSources;
    log: Logger;
    commands?: readonly SlashCommand[];
    messageCommands?: readonly MessageCommand[];
  },
): Bot {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiUrl },
    // The default for every message; the respond helpers also set it on each reply.
    allowedMentions: NO_MENTIONS,
  });
  const feedback = new FeedbackStore({
    dir: config.feedbackDir,
    retentionDays: config.feedbackRetentionDays,
  });
  const handle = createInteractionHandler(
    commands,
    { knowledge, web, config, log, feedback, buttons: new ButtonMemory() },
    {
      cooldownSeconds: config.cooldownSeconds,
      messageCommands,
    },
  );
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => log.error('interaction.unhandled', { error }));
  });
  client.on(Events.Error, (error) => log.error('client.error', { error }));
  client.on(Events.Warn, (message) => log.warn('client.warn', { message }));
  // discord.js's own debug lines, at LOG_LEVEL=debug; the token is masked should one ever contain it.
  client.on(Events.Debug, (message) =>
    log.debug('discord.debug', { message: message.replaceAll(config.token, '[token]') }),
  );
  client.on(Events.ShardDisconnect, (event, shard) =>
    log.warn('gateway.disconnected', { shard, code: event.code }),
  );
  let stopping = false;
  client.on(Events.ShardReconnecting, (shard) => {
    if (!stopping) log.info('gateway.reconnecting', { shard });
  });
  return {
    client,
    async start() {
      const ready = once(client, Events.ClientReady);
      await client.login(config.token);
      await ready;
      log.info('bot.ready', {
        user: client.user?.tag,
        guilds: client.guilds.cache.size,
        knowledgeBase: knowledge.current.version,
      });
    },
    async stop() {
      stopping = true;
      await client.destroy();
    },
  };
}
