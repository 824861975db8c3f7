/**
 * `npm start`: load the configuration and the knowledge base, log in, and run until SIGINT or SIGTERM,
 * which close the gateway connection and exit with code 0. `npm run start:http` (`--http`): the same bot as an
 * HTTP interactions endpoint on PORT instead of a gateway connection (src/bot/http/). Anything that stops the bot for good — a bad
 * configuration, a knowledge folder that cannot be read, a failed log-in, a gateway closed for good —
 * is one error line in the log and a non-zero exit, so that a supervisor (systemd) sees the failure: 78
 * (REFUSED_EXIT_CODE) when Discord refused the bot for good (a restart cannot help), else 1.
 */

import { KnowledgeLoadError } from '../knowledge/document.ts';
import { KnowledgeService } from '../knowledge/knowledge-service.ts';
import { workerBuild } from '../persistence/build-worker.ts';
import { loadKnowledgeBase } from '../persistence/snapshot.ts';
import { startFeedPolling } from '../web/feed-poller.ts';
import { feedStateFileFor } from '../web/feed-store.ts';
import { WebSources } from '../web/web-sources.ts';
import { type Bot, createBot } from './bot.ts';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { describeLoginFailure, isRefusedForGood, REFUSED_EXIT_CODE } from './discord-failures.ts';
import { type HttpEndpoint, serveHttp } from './http/serve.ts';
import { createLogger, type Logger } from './log.ts';

async function main(): Promise<void> {
  const http = process.argv.includes('--http');
  let config: Awaited<ReturnType<typeof loadConfig>>;
  try {
    config = await loadConfig();
    if (http && !config.publicKey)
      throw new ConfigError([
        'DISCORD_PUBLIC_KEY is required by start:http (the Public Key, General Information)',
      ]);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    createLogger('error').error('config.invalid', { problems: error.problems });
    process.stderr.write(`${error.message}\nSee .env.example for every variable.\n`);
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => log.error('process.unhandled_rejection', { error: reason }));

  const knowledge = await openKnowledge(config, log);

  // The base's pages and feeds; the feed state lives beside the knowledge folder (KNOWLEDGE_DIR.feeds.json).
  const { sources: web, warning } = await WebSources.open({
    target: knowledge,
    policy: {
      allowHosts: config.urlAllowHosts,
      maxBytes: config.maxUploadBytes,
      maxPageBytes: config.maxPageBytes,
    },
    feedStateFile: feedStateFileFor(config.knowledgeDir),
    feedPollMinutes: config.feedPollMinutes,
  });
  if (warning) log.warn('feeds.state_unreadable', { message: warning });
  // The base's feeds and each server's (GUILD_DATA_DIR/<id>.feeds.json, those of this process's shards).
  const bot = createBot(config, {
    knowledge,
    web,
    log,
    onFatal: () => {
      feedPolling.stop();
      void stopAndExit(bot, log, REFUSED_EXIT_CODE);
    },
  });
  await bot.web.openSaved();
  // Only the FEED_POLLER process polls; the others see its additions through the change stamps.
  const feedPolling = config.feedPoller
    ? startFeedPolling(
        () => bot.web.pollTargets(),
        (report, guild) => {
          log[report.status === 'failed' ? 'warn' : 'info']('feeds.poll', { guild, report });
          void bot.changes.changed(guild);
        },
        (error, guild) => log.error('feeds.poll_error', { guild, error }),
      )
    : { stop: () => undefined };
  let stopping = false;
  let endpoint: HttpEndpoint | undefined;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    feedPolling.stop();
    log.info('bot.stopping', { signal });
    try {
      await endpoint?.close();
      await bot.stop();
      log.info('bot.stopped', { signal });
      process.exit(0);
    } catch (error) {
      log.error('bot.stop_failed', { signal, error });
      process.exit(1);
    }
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
  if (http && config.publicKey) {
    endpoint = await serveHttp(bot, knowledge, { ...config, publicKey: config.publicKey }, log);
    return;
  }
  try {
    await bot.start();
  } catch (error) {
    log.error('bot.login_failed', { cause: describeLoginFailure(error, config.apiUrl) });
    await stopAndExit(bot, log, isRefusedForGood(error) ? REFUSED_EXIT_CODE : 1);
  }
}

/** The base knowledge of KNOWLEDGE_DIR, from its snapshot when one matches; exits 1 when it cannot be read. */
async function openKnowledge(config: Config, log: Logger): Promise<KnowledgeService> {
  let knowledge: KnowledgeService;
  try {
    // Both go through the snapshot folder. The first knowledge base loads in this thread (nothing is served
    // yet); reloads build on a worker thread, so that answers never wait for one.
    const snapshots = {
      cacheDir: config.snapshotDir,
      warn: (message: string) => log.warn('knowledge.snapshot', { message }),
    };
    knowledge = await KnowledgeService.open(config.knowledgeDir, {
      firstBuild: async (dir) => (await loadKnowledgeBase(dir, snapshots)).knowledgeBase,
      build: workerBuild(snapshots),
      trashRetentionDays: config.trashRetentionDays,
      onTrashPruned: (files, error) =>
        error
          ? log.warn('knowledge.trash_prune_failed', { error })
          : log.info('knowledge.trash_pruned', { files }),
    });
  } catch (error) {
    const problems =
      error instanceof KnowledgeLoadError
        ? error.problems
        : [{ file: config.knowledgeDir, problem: String(error) }];
    log.error('knowledge.load_failed', { dir: config.knowledgeDir, problems });
    process.exit(1);
  }
  log.info('knowledge.loaded', {
    dir: config.knowledgeDir,
    version: knowledge.current.version,
    ...knowledge.current.stats,
    ms: knowledge.lastReload.durationMs,
    skipped: knowledge.current.skipped.length,
  });
  for (const { file, problem } of knowledge.current.skipped)
    log.warn('knowledge.document_skipped', { file, problem });
  if (knowledge.current.documents.length === 0)
    log.warn('knowledge.empty', { dir: config.knowledgeDir, message: 'no documents: every answer says so' });
  return knowledge;
}

/** Closes the client (whatever state it is in) and exits with `code`. */
async function stopAndExit(bot: Bot, log: Logger, code: number): Promise<never> {
  try {
    await bot.stop();
  } catch (error) {
    log.error('bot.stop_failed', { error });
  }
  process.exit(code);
}

await main();
