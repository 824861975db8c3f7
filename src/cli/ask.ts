/**
 * `ask`: the four commands from the terminal, the same answers the bot gives.
 *   ask <who|when|quote|search> <query...> [--json] [--limit N] [--knowledge DIR]
 *   ask --batch FILE [--knowledge DIR]      one {"command","query"} JSON per line -> one Answer JSON per line
 * Exit codes: 0 answered, 1 the knowledge folder failed to load, 2 usage error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Answer,
  COMMANDS,
  type Command,
  DEFAULT_LIMIT,
  isCommand,
  MAX_LIMIT,
} from '../engine/answer.ts';
import { KnowledgeLoadError } from '../knowledge/document.ts';
import { KnowledgeBase } from '../knowledge/knowledge-base.ts';
import { renderAnswerJson } from '../render/json.ts';
import { PLAIN_STYLE, renderAnswerText, TERMINAL_STYLE } from '../render/text.ts';

export const USAGE = `usage:
  npm run ask -- <${COMMANDS.join('|')}> <query...> [--json] [--limit N] [--knowledge DIR]
  npm run ask -- --batch FILE [--knowledge DIR]
examples:
  npm run ask -- who "a person's name"
  npm run ask -- when "an event" --json --limit 1`;

export const DEFAULT_KNOWLEDGE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../knowledge',
);

class UsageError extends Error {}

interface Args {
  json: boolean;
  limit?: number;
  knowledge: string;
  batch?: string;
  command?: Command;
  query: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, knowledge: DEFAULT_KNOWLEDGE_DIR, query: '' };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--json') args.json = true;
    else if (a === '--limit') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT)
        throw new UsageError(`--limit must be a whole number from 1 to ${MAX_LIMIT}`);
      args.limit = n;
    } else if (a === '--knowledge') args.knowledge = value();
    else if (a === '--batch') args.batch = value();
    else if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a === '--') continue;
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (args.batch) {
    if (rest.length > 0) throw new UsageError('--batch takes no command or query');
    return args;
  }
  const [command, ...query] = rest;
  if (!command) throw new UsageError('missing command');
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"`);
  args.command = command;
  args.query = query.join(' ');
  return args;
}

function batchAnswer(kb: KnowledgeBase, line: string, lineNo: number): Answer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    parsed = null;
  }
  const obj = (parsed ?? {}) as { command?: unknown; query?: unknown };
  const command = typeof obj.command === 'string' ? obj.command : '';
  const query = typeof obj.query === 'string' ? obj.query : '';
  if (!isCommand(command) || typeof obj.query !== 'string')
    return {
      command: (isCommand(command) ? command : 'search') as Command,
      query,
      found: false,
      summary: `line ${lineNo}: expected {"command": "${COMMANDS.join('|')}", "query": "..."}`,
      results: [],
      suggestions: [],
    };
  return kb.answer(command, query);
}

export async function main(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `ask: ${error.message}\n` : ''}${USAGE}\n`);
    return 2;
  }
  let lines: string[] = [];
  if (args.batch) {
    try {
      lines = readFileSync(args.batch, 'utf8').split('\n');
    } catch {
      process.stderr.write(`ask: cannot read batch file ${args.batch}\n${USAGE}\n`);
      return 2;
    }
  }
  let kb: KnowledgeBase;
  try {
    kb = await KnowledgeBase.load(args.knowledge);
  } catch (error) {
    if (error instanceof KnowledgeLoadError) {
      process.stderr.write(`ask: the knowledge folder ${args.knowledge} failed to load:\n`);
      for (const p of error.problems) process.stderr.write(`  ${p.file}: ${p.problem}\n`);
      return 1;
    }
    throw error;
  }
  if (args.batch) {
    const out: string[] = [];
    for (const [i, line] of lines.entries()) {
      if (!line.trim()) continue;
      out.push(renderAnswerJson(batchAnswer(kb, line, i + 1)));
    }
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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`ask: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
