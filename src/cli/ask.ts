/**
 * `ask`: the four commands from the terminal, the same answers the bot gives.
 *   ask <who|when|quote|search> <query...> [--json] [--limit N] [--knowledge DIR] [--skip-bad]
 *   ask --batch FILE|- [--limit N] [--knowledge DIR] [--skip-bad]
 *       one {"command","query"} JSON per line -> one Answer JSON (or {"line","error"}) per line
 * The knowledge base comes from the bot's snapshots (SNAPSHOT_DIR from the environment or .env, default
 * .cache), so a second call on the same folder reads the built index instead of building it again.
 * Exit codes: 0 answered (or --help), 1 the knowledge folder failed to load (bad files, unless --skip-bad;
 * no documents), 2 usage error.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMANDS, type Command, DEFAULT_LIMIT, isCommand, MAX_LIMIT } from '../engine/answer.ts';
import { KnowledgeLoadError } from '../knowledge/document.ts';
import type { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { projectRoot } from '../project-root.ts';
import { renderAnswerJson } from '../render/json.ts';
import { PLAIN_STYLE, renderAnswerText, TERMINAL_STYLE } from '../render/text.ts';
import { answerBatchLine, batchLines } from './batch.ts';

export const USAGE = `usage:
  npx storybot-ask <${COMMANDS.join('|')}> <query...> [--json] [--limit N] [--knowledge DIR] [--skip-bad]
  npx storybot-ask --batch FILE|- [--limit N] [--knowledge DIR] [--skip-bad]
  (or npm run -s ask -- …; -s keeps npm's banner out of the output)
options:
  --json          print the Answer as JSON
  --limit N       at most N results per answer (1 to 25)
  --knowledge DIR the folder of .md/.txt documents (default: the bundled knowledge/)
  --batch FILE    one {"command": "...", "query": "..."} per line, - for standard input; one JSON line out
                  per line in: the Answer, or {"line": N, "error": "..."}
  --skip-bad      answer from the good documents when some files are bad (default: exit 1 listing them)
  -h, --help      this help
examples:
  npx storybot-ask who "a person's name"
  npx storybot-ask when "an event" --json --limit 1
exit codes: 0 answered, 1 the knowledge folder did not load, 2 usage error`;

export const DEFAULT_KNOWLEDGE_DIR = path.join(projectRoot(import.meta.url), 'knowledge');

class UsageError extends Error {}

interface Args {
  help: boolean;
  json: boolean;
  skipBad: boolean;
  limit?: number;
  knowledge: string;
  batch?: string;
  command?: Command;
  query: string;
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
    throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
  return n;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    help: false,
    json: false,
    skipBad: false,
    knowledge: DEFAULT_KNOWLEDGE_DIR,
    query: '',
  };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--help' || a === '-h') args.help = true;
    else if (a === '--json') args.json = true;
    else if (a === '--skip-bad') args.skipBad = true;
    else if (a === '--limit') args.limit = parseLimit(value());
    else if (a === '--knowledge') args.knowledge = value();
    else if (a === '--batch') args.batch = value();
    else if (a === '--') continue;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (args.help) return args;
  if (args.batch !== undefined) {
    if (rest.length > 0) throw new UsageError('--batch takes no command or query');
    return args;
  }
  const [command, ...query] = rest;
  if (!command) throw new UsageError('missing command');
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"`);
  args.command = command;
  args.query = query.join(' ').trim();
  if (!args.query) throw new UsageError(`missing query: what should ${command} look for?`);
  return args;
}

/** The batch's text, from a file or (for `-`) standard input; a string explaining why not on failure. */
async function readBatch(source: string): Promise<{ text: string } | { problem: string }> {
  try {
    if (source !== '-') return { text: await readFile(source, 'utf8') };
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    return { problem: `cannot read batch file ${source}: ${why}` };
  }
}

/** The knowledge base through the bot's snapshots, or the exit code after saying on stderr why not. */
async function openKnowledge(args: Args): Promise<KnowledgeBase | number> {
  // Imported here, not at the top: usage errors and --help then answer without loading the engine.
  const { DEFAULT_CACHE_DIR, loadKnowledgeBase } = await import('../persistence/snapshot.ts');
  // SNAPSHOT_DIR as the bot reads it: the environment, else `.env` (which never overrides the environment).
  (await import('dotenv')).config({ quiet: true });
  const cacheDir = process.env.SNAPSHOT_DIR?.trim() || DEFAULT_CACHE_DIR;
  const warn = (message: string) => process.stderr.write(`ask: ${message}\n`);
  let kb: KnowledgeBase;
  try {
    kb = (await loadKnowledgeBase(args.knowledge, { cacheDir, warn })).knowledgeBase;
  } catch (error) {
    if (!(error instanceof KnowledgeLoadError)) throw error;
    warn(`the knowledge folder ${args.knowledge} failed to load:`);
    for (const p of error.problems) process.stderr.write(`  ${p.file}: ${p.problem}\n`);
    return 1;
  }
  if (kb.skipped.length > 0) {
    const verdict = args.skipBad
      ? 'these files are left out'
      : 'bad files (use --skip-bad to answer without them)';
    warn(`the knowledge folder ${args.knowledge}: ${verdict}:`);
    for (const p of kb.skipped) process.stderr.write(`  ${p.file}: ${p.problem}\n`);
    if (!args.skipBad) return 1;
  }
  if (kb.documents.length === 0) {
    warn(`the knowledge folder ${args.knowledge} has no .md or .txt documents`);
    return 1;
  }
  return kb;
}

export async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`ask: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const batch = args.batch === undefined ? undefined : await readBatch(args.batch);
  if (batch && 'problem' in batch) {
    process.stderr.write(`ask: ${batch.problem}\n`);
    return 2;
  }
  const kb = await openKnowledge(args);
  if (typeof kb === 'number') return kb;
  if (batch) {
    const out = batchLines(batch.text).map((line, i) => answerBatchLine(kb, line, i + 1, args.limit));
    process.stdout.write(out.length > 0 ? `${out.join('\n')}\n` : '');
    return 0;
  }
  const answer = kb.answer(args.command as Command, args.query, { limit: args.limit ?? DEFAULT_LIMIT });
  if (args.json) process.stdout.write(`${renderAnswerJson(answer, { pretty: true })}\n`);
  else
    process.stdout.write(
      `${renderAnswerText(answer, process.stdout.isTTY ? TERMINAL_STYLE : PLAIN_STYLE)}\n`,
    );
  return 0;
}

/** Runs `ask` as a program: exit code set, a reader that closes early (`| head -1`) ends it quietly. */
export function run(argv: string[]): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  main(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ask: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  run(process.argv.slice(2));
