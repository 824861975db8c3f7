/**
 * `kb`: the moderators' web and file additions from a terminal, through the same KnowledgeService and
 * WebSources the bot uses (no Discord needed).
 *   kb add <url|file> [--replace] [--knowledge DIR]
 *   kb refresh [document] [--knowledge DIR]
 *   kb list [--knowledge DIR]
 *   kb feed add <feed url> | feed remove <feed url or title> | feed list [--knowledge DIR]
 *   kb poll [--knowledge DIR]            (every followed feed, read now)
 * Reads KNOWLEDGE_DIR, KB_URL_ALLOW_HOSTS, KB_MAX_UPLOAD_BYTES, KB_MAX_PAGE_BYTES and FEED_POLL_MINUTES from the
 * environment (and .env) as the bot does. Exit codes: 0 done, 1 refused or failed (the reason is printed), 2 usage
 * error.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { KnowledgeLoadError } from '../knowledge/document.ts';
import { type AddOutcome, KnowledgeService, type ReloadOutcome } from '../knowledge/knowledge-service.ts';
import { parseAllowHosts } from '../web/address.ts';
import type { FeedPollReport } from '../web/feed-follower.ts';
import { type FeedState, feedStateFileFor } from '../web/feed-store.ts';
import { DEFAULT_MAX_PAGE_BYTES } from '../web/safe-fetch.ts';
import { WebSources } from '../web/web-sources.ts';

export const USAGE = `usage:
  npm run kb -- add <url|file> [--replace] [--knowledge DIR]
  npm run kb -- refresh [document] [--knowledge DIR]
  npm run kb -- list [--knowledge DIR]
  npm run kb -- feed add <feed url> [--knowledge DIR]
  npm run kb -- feed remove <feed url or title> [--knowledge DIR]
  npm run kb -- feed list [--knowledge DIR]
  npm run kb -- poll [--knowledge DIR]`;

/** What a command did: whether it did it (the exit code), and what to print. */
interface Result {
  ok: boolean;
  lines: string[];
}

/** Who the knowledge service records as having made a change from the terminal. */
const BY = 'kb command line';

class UsageError extends Error {}

/** The bot's variables this command reads, with the bot's defaults (src/bot/config.ts). */
const environment = z.object({
  KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
  KB_URL_ALLOW_HOSTS: z.string().default(''),
  KB_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(1_000_000),
  KB_MAX_PAGE_BYTES: z.coerce.number().int().positive().default(DEFAULT_MAX_PAGE_BYTES),
  FEED_POLL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
});

type Command = 'add' | 'refresh' | 'list' | 'feed add' | 'feed remove' | 'feed list' | 'poll';

interface Args {
  command: Command;
  target?: string;
  replace: boolean;
  knowledge?: string;
}

/** What each command takes after its name: a target it needs, one it may have, or none. */
const TARGETS: Record<Command, 'needed' | 'optional' | 'none'> = {
  add: 'needed',
  refresh: 'optional',
  list: 'none',
  'feed add': 'needed',
  'feed remove': 'needed',
  'feed list': 'none',
  poll: 'none',
};
const TARGET_NEEDED: Partial<Record<Command, string>> = {
  add: 'add needs a link or a file',
  'feed add': 'feed add needs the link of an RSS or Atom feed',
  'feed remove': 'feed remove needs a followed feed’s link or title',
};

function parseArgs(argv: string[]): Args {
  const rest: string[] = [];
  let replace = false;
  let knowledge: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--replace') replace = true;
    else if (arg === '--knowledge') {
      knowledge = argv[++i];
      if (knowledge === undefined) throw new UsageError('--knowledge needs a folder');
    } else if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg === '--') continue;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else rest.push(arg);
  }
  const name = rest[0] === 'feed' ? `feed ${rest[1] ?? ''}` : rest[0];
  const [target, ...extra] = rest.slice(rest[0] === 'feed' ? 2 : 1);
  if (name === undefined) throw new UsageError('');
  if (!Object.hasOwn(TARGETS, name))
    throw new UsageError(rest[0] === 'feed' ? 'feed needs add, remove or list' : `unknown command "${name}"`);
  const command = name as Command;
  if (TARGETS[command] === 'needed' && target === undefined)
    throw new UsageError(TARGET_NEEDED[command] ?? `${command} needs an argument`);
  if (TARGETS[command] === 'none' && target !== undefined)
    throw new UsageError(`${command} takes no argument`);
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  return {
    command,
    replace,
    ...(target === undefined ? {} : { target }),
    ...(knowledge ? { knowledge } : {}),
  };
}

function reloadLine(reload: ReloadOutcome): string {
  if (reload.status === 'reloaded')
    return `Reloaded: ${reload.diff.documentsAfter} documents, ${reload.diff.passagesAfter} passages.`;
  if (reload.status === 'busy') return 'The knowledge base is busy; run it again.';
  return `The folder did not reload: ${reload.problems.map((p) => `${p.file}: ${p.problem}`).join('; ')}`;
}

/** The outcome of an add, as lines; `ok` false when nothing was added. */
function addLines(outcome: AddOutcome): { ok: boolean; lines: string[] } {
  if (outcome.status === 'refused')
    return { ok: false, lines: ['Not added:', ...outcome.problems.map((p) => `  ${p.file}: ${p.problem}`)] };
  const lines = [`Added ${outcome.document.file} — "${outcome.document.title}".`];
  if (outcome.replaced.length > 0) lines.push(`The previous version went to ${outcome.replaced.join(', ')}.`);
  lines.push(reloadLine(outcome.reload));
  return { ok: true, lines };
}

async function add(web: WebSources, knowledge: KnowledgeService, args: Args, target: string) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    const outcome = await web.addUrl(target, { by: BY, replace: args.replace });
    if (outcome.status === 'refused') return { ok: false, lines: [`Not added: ${outcome.reason}.`] };
    const { article } = outcome;
    const about = [`${article.paragraphs} paragraphs`];
    if (article.published) about.push(`published ${article.published}`);
    if (article.author) about.push(`by ${article.author}`);
    const result = addLines(outcome.add);
    return {
      ok: result.ok,
      lines: [
        `"${article.title}" from ${article.source}: ${about.join(', ')}.`,
        `  ${article.firstParagraph}`,
        ...result.lines,
      ],
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(target);
  } catch (error) {
    return { ok: false, lines: [`Not added: cannot read ${target}: ${(error as Error).message}`] };
  }
  return addLines(await knowledge.add(path.basename(target), bytes, { by: BY, replace: args.replace }));
}

async function refresh(web: WebSources, document: string | undefined) {
  const report = await web.refresh(document === undefined ? { by: BY } : { by: BY, document });
  const lines = [
    `${report.changed.length} changed, ${report.unchanged.length} unchanged, ${report.failed.length} failed.`,
    ...report.changed.map((doc) => `changed    ${doc.id} (${doc.paragraphs} paragraphs)`),
    ...report.unchanged.map((doc) => `unchanged  ${doc.id}`),
    ...report.failed.map((doc) => `failed     ${doc.id}: ${doc.reason} (kept as it was)`),
  ];
  return { ok: report.failed.length === 0, lines };
}

/** One line for a followed feed: its title, link, articles added, and whether it is failing. */
const feedLine = (feed: FeedState) =>
  `${feed.title} — ${feed.url}: ${feed.articlesAdded} articles added` +
  (feed.failures > 0 ? `, failing (${feed.lastError})` : '');

function list(web: WebSources, knowledge: KnowledgeService) {
  const lines = knowledge.current.documents.map((doc) => {
    const details = [doc.published, doc.source].filter((value) => value !== undefined).join(', ');
    return `${doc.id} — ${doc.title}${details ? ` (${details})` : ''}`;
  });
  const feeds = web.feeds.list();
  if (feeds.length > 0) lines.push('', 'Feeds:', ...feeds.map(feedLine));
  return { ok: true, lines };
}

async function feedAdd(web: WebSources, link: string, pollMinutes: number) {
  const outcome = await web.feeds.add(link, BY);
  if (outcome.status === 'refused') return { ok: false, lines: [`Not added: ${outcome.reason}.`] };
  return {
    ok: true,
    lines: [
      `Following "${outcome.feed.title}" (${outcome.feed.url}), ${outcome.items} items listed now.`,
      `Run \`npm run kb -- poll\` to add its newest articles now; the bot reads it every ${pollMinutes} minutes.`,
    ],
  };
}

async function feedRemove(web: WebSources, which: string) {
  const outcome = await web.feeds.remove(which);
  if (outcome.status === 'refused') return { ok: false, lines: [`Not removed: ${outcome.reason}.`] };
  const { feed } = outcome;
  return {
    ok: true,
    lines: [
      `Stopped following "${feed.title}" (${feed.url}); the ${feed.articlesAdded} articles it added stay.`,
    ],
  };
}

function feedList(web: WebSources) {
  const { problem } = web.feeds;
  if (problem) return { ok: false, lines: [`The feeds cannot be used: ${problem}.`] };
  const feeds = web.feeds.list();
  return { ok: true, lines: feeds.length === 0 ? ['No feeds are followed.'] : feeds.map(feedLine) };
}

/** A poll's report, as lines: the feed, then each article added and each item skipped, with why. */
function pollLines(report: FeedPollReport): string[] {
  if (report.status === 'failed')
    return [`failed  ${report.title} (${report.url}): ${report.error}; next try ${report.nextPollAt}`];
  return [
    `polled  ${report.title} (${report.url}): ${report.added.length} added, ${report.skipped.length} skipped`,
    ...report.added.map((added) => `  added    ${added.id} — ${added.title}`),
    ...report.skipped.map((skipped) => `  skipped  ${skipped.link}: ${skipped.reason}`),
  ];
}

async function poll(web: WebSources, knowledge: KnowledgeService) {
  const { problem } = web.feeds;
  if (problem) return { ok: false, lines: [`The feeds cannot be used: ${problem}.`] };
  if (web.feeds.list().length === 0) return { ok: true, lines: ['No feeds are followed.'] };
  const reports = await web.feeds.pollAll();
  const lines = reports.flatMap(pollLines);
  lines.push(`The knowledge base has ${knowledge.current.documents.length} documents.`);
  return { ok: reports.every((report) => report.status === 'polled'), lines };
}

export async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  let args: Args;
  let settings: z.infer<typeof environment>;
  try {
    args = parseArgs(argv);
    const parsed = environment.safeParse(env);
    if (!parsed.success)
      throw new UsageError(parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join('; '));
    settings = parsed.data;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, out: [error.message, USAGE].filter(Boolean).join('\n') };
  }
  const dir = args.knowledge ?? settings.KNOWLEDGE_DIR;
  let knowledge: KnowledgeService;
  try {
    knowledge = await KnowledgeService.open(dir);
  } catch (error) {
    if (!(error instanceof KnowledgeLoadError)) throw error;
    return { code: 1, out: error.message };
  }
  const { sources: web, warning } = await WebSources.open({
    target: knowledge,
    policy: {
      allowHosts: parseAllowHosts(settings.KB_URL_ALLOW_HOSTS),
      maxBytes: settings.KB_MAX_UPLOAD_BYTES,
      maxPageBytes: settings.KB_MAX_PAGE_BYTES,
    },
    feedStateFile: feedStateFileFor(dir),
    feedPollMinutes: settings.FEED_POLL_MINUTES,
  });
  const target = args.target as string;
  const commands: Record<Command, () => Result | Promise<Result>> = {
    add: () => add(web, knowledge, args, target),
    refresh: () => refresh(web, args.target),
    list: () => list(web, knowledge),
    'feed add': () => feedAdd(web, target, settings.FEED_POLL_MINUTES),
    'feed remove': () => feedRemove(web, target),
    'feed list': () => feedList(web),
    poll: () => poll(web, knowledge),
  };
  const result = await commands[args.command]();
  const out = [...(warning ? [`warning: ${warning}`] : []), ...result.lines].join('\n');
  return { code: result.ok ? 0 : 1, out };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dotenv = await import('dotenv');
  dotenv.config({ quiet: true });
  try {
    const { code, out } = await run(process.argv.slice(2), process.env);
    (code === 0 ? process.stdout : process.stderr).write(`${out}\n`);
    process.exitCode = code;
  } catch (error) {
    process.stderr.write(`kb: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}
