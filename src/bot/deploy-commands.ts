/**
 * `npm run deploy-commands`: registers the slash commands with Discord — to one guild when
 * DISCORD_GUILD_ID is set (instant, for testing), else globally (may take up to an hour to appear).
 */
import { REST, Routes } from 'discord.js';
import { commands, messageCommands } from '../../commands/index.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';

/** Slash commands and message commands, registered together (a PUT replaces the whole list). */
function commandBodies() {
  return [
    ...commands.map((command) => command.data.toJSON()),
    ...messageCommands.map((command) => command.data.toJSON()),
  ];
}

async function deployCommands(config: Config): Promise<{ scope: string; count: number }> {
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const route = config.guildId
    ? Routes.applicationGuildCommands(config.applicationId, config.guildId)
    : Routes.applicationCommands(config.applicationId);
  const registered = (await rest.put(route, { body: commandBodies() })) as unknown[];
  return { scope: config.guildId ? `guild ${config.guildId}` : 'global', count: registered.length };
}

try {
  const config = await loadConfig();
  const log = createLogger(config.logLevel);
  const result = await deployCommands(config);
  const names = [...commands, ...messageCommands].map((command) => command.data.name);
  log.info('commands.deployed', { ...result, commands: names });
} catch (error) {
  const log = createLogger('error');
  if (error instanceof ConfigError) {
    log.error('config.invalid', { problems: error.problems });
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
  } else
    log.error('commands.deploy_failed', { error: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
}
