/** The gateway client: only the Guilds intent, every interaction through the one handler. */
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { commands as allCommands } from '../../commands/index.ts';
import { GuildKnowledge } from '../knowledge/guild-knowledge.ts';
import type { KnowledgeService } from '../knowledge/knowledge-service.ts';
import { followBaseChanges } from './base-sync.ts';
import type { SlashCommand } from './command.ts';
import type { Config } from './config.ts';
import { createInteractionHandler } from './handler.ts';
import type { Logger } from './log.ts';
import { NO_MENTIONS } from './respond.ts';
import { clientShardOptions, guildFilter } from './shards.ts';

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
    log,
    commands = allCommands,
    guilds = new GuildKnowledge(knowledge, {
      dataDir: config.guildDataDir,
      serves: guildFilter(config),
      warn: (message) => log.warn('knowledge.guild', { message }),
    }),
  }: {
    knowledge: KnowledgeService;
    log: Logger;
    commands?: readonly SlashCommand[];
    guilds?: GuildKnowledge;
  },
): Bot {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...clientShardOptions(config),
    rest: { api: config.apiUrl },
    // The default for every message; the respond helpers also set it on each reply.
    allowedMentions: NO_MENTIONS,
  });
  const handle = createInteractionHandler(
    commands,
    { knowledge, guilds, config, log },
    {
      cooldownSeconds: config.cooldownSeconds,
    },
  );
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) => log.error('interaction.unhandled', { error }));
  });
  followBaseChanges(client, knowledge, log);
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
        shards: client.options.shards,
        shardCount: client.options.shardCount,
        knowledgeBase: knowledge.current.version,
      });
    },
    async stop() {
      stopping = true;
      await client.destroy();
    },
  };
}
