/**
 * `npm run start:sharded`: discord.js's ShardingManager, one bot process (src/bot/main.ts) per shard, each
 * respawned when it dies. SHARD_COUNT is the total (default auto: Discord's recommendation); SHARDS, when set,
 * the shards this machine runs — so that several machines can share one bot (docs/sharding.md). Each child
 * gets SHARDS=<its id> and SHARD_COUNT=<total> from discord.js, and serves only the guilds on its shard.
 * A shard that Discord refused for good (exit status REFUSED_EXIT_CODE: a refused token, a fatal gateway close)
 * is not respawned: every shard is stopped and the launcher exits with that status after one error line.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Shard, ShardingManager } from 'discord.js';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { REFUSED_EXIT_CODE } from './discord-failures.ts';
import { createLogger, type Logger } from './log.ts';

/** Discord lets a bot identify one shard per 5 s (per identify bucket): spawns are spaced a little more. */
const SHARD_SPAWN_DELAY_MS = 5_500;
/** How long a shard may take to load the base and connect before it counts as failed to start. */
const SHARD_READY_TIMEOUT_MS = 180_000;
/** How long a shard that failed to start has to exit (and say whether Discord refused it) before the launcher stops. */
const SHARD_EXIT_GRACE_MS = 10_000;
/** main.js compiled (dist/), main.ts under tsx: this module's sibling of its own kind. */
const EXTENSION = path.extname(fileURLToPath(import.meta.url));
const BOT_MODULE = fileURLToPath(new URL(`./main${EXTENSION}`, import.meta.url));

async function configOrExit(): Promise<Config> {
  try {
    const config = await loadConfig();
    if (config.shardCount === undefined && config.apiUrl !== 'https://discord.com/api')
      throw new ConfigError([
        'SHARD_COUNT must be a number with DISCORD_API_URL set: unset, start:sharded asks Discord for the ' +
          'count (auto) at discord.js’s fixed base URL, not through DISCORD_API_URL',
      ]);
    return config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger('error').error('config.invalid', { problems: error.problems });
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
}

/** `refused` is told, before the shard could be respawned, when Discord refused it for good. */
function watch(shard: Shard, log: Logger, refused: (shard: Shard) => void): void {
  shard.on('spawn', (child) =>
    log.info('shard.spawned', { shard: shard.id, pid: 'pid' in child ? child.pid : undefined }),
  );
  shard.on('ready', () => log.info('shard.ready', { shard: shard.id }));
  shard.on('death', (child) => {
    const exitCode = 'exitCode' in child ? child.exitCode : undefined;
    if (exitCode === REFUSED_EXIT_CODE) refused(shard);
    else log.warn('shard.died', { shard: shard.id, exitCode, respawn: shard.manager.respawn });
  });
  shard.on('error', (error) => log.error('shard.error', { shard: shard.id, error }));
}

async function main(): Promise<void> {
  const config = await configOrExit();
  const log = createLogger(config.logLevel);
  const manager = new ShardingManager(BOT_MODULE, {
    token: config.token,
    totalShards: config.shardCount ?? 'auto',
    shardList: config.shards ?? 'auto',
    mode: 'process',
    respawn: true,
    // Compiled children run as they are; TypeScript ones through tsx (resolved here: any working directory).
    execArgv: EXTENSION === '.ts' ? ['--import', import.meta.resolve('tsx')] : [],
  });
  let stopping = false;
  const stopAll = () => {
    stopping = true;
    manager.respawn = false;
    for (const shard of manager.shards.values()) shard.kill();
  };
  // Called within the shard's death event, before discord.js would spawn it again: exiting here is what
  // keeps it from doing so.
  const refused = (shard: Shard) => {
    if (stopping) return;
    log.error('shards.refused', {
      shard: shard.id,
      exitCode: REFUSED_EXIT_CODE,
      cause:
        'Discord refused this shard for good (its bot.login_failed or gateway.fatal_close line says why); ' +
        'every shard is stopped rather than respawned, which would only spend the daily identify budget',
    });
    stopAll();
    process.exit(REFUSED_EXIT_CODE);
  };
  manager.on('shardCreate', (shard) => watch(shard, log, refused));
  const stop = (signal: NodeJS.Signals) => {
    log.info('shards.stopping', { signal });
    stopAll();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await manager.spawn({ delay: SHARD_SPAWN_DELAY_MS, timeout: SHARD_READY_TIMEOUT_MS });
  } catch (error) {
    // A shard that did not become ready. One Discord refused exits with REFUSED_EXIT_CODE in a moment, and
    // `refused` ends the launcher with that status; anything else ends it here, with status 1.
    setTimeout(() => {
      log.error('shards.start_failed', { cause: (error as Error).message });
      stopAll();
      process.exit(1);
    }, SHARD_EXIT_GRACE_MS);
    return;
  }
  log.info('shards.ready', { shards: [...manager.shards.keys()], shardCount: manager.totalShards });
}

await main();
