/**
 * npm run eval                      the story question set (tests/fixtures/story-questions.jsonl)
 * npm run eval -- --squad DIR       also the SQuAD who/when set in DIR (../shared/eval): one knowledge base of
 *                                   its 24 articles, scored like DIR/score-squad.mjs (cite@1, cite@3, answer), and
 *                                   how many results' citations name the sentence of their highlight
 * npm run eval -- --quotes DIR      also quote attribution on PolNeAR: DIR/quotes-train.json and quotes-dev.json with
 *                                   their knowledge folders, those present (e.g. ~/.cache/storybot-eval; see
 *                                   tools/quotes-eval.ts), scored like score-quotes.mjs
 * npm run eval -- --verbose         list every wrong answer
 * Exits 1 when the story set scores under 95 %.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../src/cli/ask.ts';
import type { Answer, Command } from '../src/engine/answer.ts';
import { loadDocuments } from '../src/knowledge/document.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';
import { summarize } from './bench/stats.ts';
import { citedSentences, citesHighlight } from './citation-check.ts';
import { formatQuoteScore, quoteSplits, scoreQuotes } from './quotes-eval.ts';
import { fold, readStoryQuestions, runStoryEval } from './story-eval.ts';

const STORY_TARGET = 0.95;

interface SquadArticle {
  docId: string;
  questions: { q: string; answers: string[]; type: Command }[];
}

const pct = (x: number, n: number) => `${((100 * x) / Math.max(n, 1)).toFixed(1)} %`;
const timing = (ms: number[]) => {
  const { mean, p50, p99 } = summarize(ms);
  return `${mean.toFixed(2)} ms per question (p50 ${p50.toFixed(2)}, p99 ${p99.toFixed(2)})`;
};

async function story(verbose: boolean): Promise<boolean> {
  const kb = await KnowledgeBase.load(DEFAULT_KNOWLEDGE_DIR);
  const verdicts = runStoryEval(kb, readStoryQuestions());
  const right = verdicts.filter((v) => v.right).length;
  const byCommand = new Map<string, { n: number; right: number }>();
  for (const v of verdicts) {
    const t = byCommand.get(v.question.command) ?? { n: 0, right: 0 };
    t.n++;
    if (v.right) t.right++;
    byCommand.set(v.question.command, t);
  }
  console.log(`story: ${right}/${verdicts.length} right (${pct(right, verdicts.length)})`);
  for (const [command, t] of byCommand) console.log(`  ${command.padEnd(6)} ${t.right}/${t.n}`);
  console.log(`  ${timing(verdicts.map((v) => v.ms))}`);
  for (const v of verdicts)
    if (!v.right || verbose)
      console.log(
        `  ${v.right ? 'ok  ' : 'WRONG'} ${v.question.command} ${JSON.stringify(v.question.query)}: ${v.why || v.answer.summary}`,
      );
  return right / verdicts.length >= STORY_TARGET;
}

const norm = (s: string) => fold(s).replace(/\s+/g, ' ');
const contains = (text: string, answers: string[]) => {
  const folded = norm(text);
  return answers.some((a) => folded.includes(norm(a)));
};

async function squad(dir: string, verbose: boolean): Promise<void> {
  const set = JSON.parse(readFileSync(path.join(dir, 'squad-dev.json'), 'utf8')) as SquadArticle[];
  const started = performance.now();
  const docs = await loadDocuments(path.join(dir, 'squad-dev-knowledge'));
  const kb = KnowledgeBase.fromDocuments(docs);
  const buildMs = performance.now() - started;
  const citations = { results: 0, right: 0 };
  const tally = new Map<string, { n: number; cite1: number; cite3: number; answer: number; ms: number[] }>();
  for (const article of set)
    for (const q of article.questions) {
      const t0 = performance.now();
      const a: Answer = kb.answer(q.type, q.q);
      const ms = performance.now() - t0;
      for (const c of citedSentences(docs, a)) {
        citations.results++;
        if (citesHighlight(c)) citations.right++;
        else if (verbose)
          console.log(`  citation of ${JSON.stringify(c.highlight)} names ${JSON.stringify(c.sentence)}`);
      }
      const excerpt = (i: number) => (a.results[i]?.excerpt ?? '').slice(0, 500);
      const cite1 = a.found && contains(excerpt(0), q.answers);
      const cite3 = cite1 || (a.found && [1, 2].some((i) => contains(excerpt(i), q.answers)));
      const hl = a.results[0]?.highlight ?? '';
      const answer =
        a.found &&
        ((hl.length <= 80 && contains(hl, q.answers)) ||
          (a.summary.length <= 120 && contains(a.summary, q.answers)));
      for (const key of [q.type, 'all']) {
        const t = tally.get(key) ?? { n: 0, cite1: 0, cite3: 0, answer: 0, ms: [] };
        t.n++;
        t.cite1 += Number(cite1);
        t.cite3 += Number(cite3);
        t.answer += Number(answer);
        t.ms.push(ms);
        tally.set(key, t);
      }
      if (verbose && !answer)
        console.log(`  ${q.type} ${JSON.stringify(q.q)} -> ${JSON.stringify(hl.slice(0, 80))}`);
    }
  console.log(
    `squad: ${kb.stats.documents} articles, ${kb.stats.passages} passages, built in ${(buildMs / 1000).toFixed(2)} s`,
  );
  for (const [key, t] of tally)
    console.log(
      `  ${key.padEnd(5)} n=${t.n} cite@1 ${pct(t.cite1, t.n)} (${t.cite1})  cite@3 ${pct(t.cite3, t.n)} (${t.cite3})  answer ${pct(t.answer, t.n)} (${t.answer})`,
    );
  console.log(
    `  citations: ${citations.right} of ${citations.results} results name the sentence of their highlight`,
  );
  console.log(`  ${timing(tally.get('all')?.ms ?? [])}`);
}

/** Why `dir` cannot be the SQuAD set, in words; undefined when it can. */
function squadDirProblem(dir: string | undefined): string | undefined {
  if (!dir || dir.startsWith('--')) return '--squad needs a folder';
  if (!existsSync(dir)) return `the folder ${dir} does not exist`;
  if (!existsSync(path.join(dir, 'squad-dev.json'))) return `the folder ${dir} has no squad-dev.json`;
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('--verbose');
  const at = argv.indexOf('--squad');
  const squadDir = at >= 0 ? argv[at + 1] : undefined;
  const problem = at >= 0 ? squadDirProblem(squadDir) : undefined;
  if (problem) {
    console.error(
      `eval: ${problem}\nusage: npm run eval -- [--squad DIR] [--quotes DIR] [--verbose]   (--squad DIR holds squad-dev.json, e.g. ../shared/eval)`,
    );
    return 2;
  }
  const quotesAt = argv.indexOf('--quotes');
  const quotesDir = quotesAt >= 0 ? argv[quotesAt + 1] : undefined;
  if (quotesAt >= 0 && (!quotesDir || !existsSync(quotesDir))) {
    console.error(
      `--quotes needs the folder the PolNeAR sets were built in (e.g. ~/.cache/storybot-eval)${quotesDir ? `: ${quotesDir} does not exist` : ''}`,
    );
    return 2;
  }
  const ok = await story(verbose);
  if (squadDir) await squad(squadDir, verbose);
  if (quotesDir) {
    const splits = quoteSplits(quotesDir);
    if (splits.length === 0)
      console.log(`quotes: no quotes-train or quotes-dev set in ${quotesDir}, skipped`);
    for (const split of splits) console.log(formatQuoteScore(await scoreQuotes(quotesDir, split, verbose)));
  }
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
