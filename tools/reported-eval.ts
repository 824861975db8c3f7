/**
 * Reported statements on PolNeAR (hand-annotated attributions in 2016 US political news): how many of the
 * attributions in the writer's own words ("Lee said the talks would resume") /quote finds and gives to the
 * right person.
 *
 *   npm run -s reported-eval -- build POLNEAR_GIT_DIR SPLIT OUT_DIR
 *     writes OUT_DIR/reported-SPLIT.json and OUT_DIR/reported-SPLIT-knowledge/ (the split's articles) from a
 *     fetch of github:networkdynamics/PolNeAR (its texts carry no licence to redistribute: never commit them)
 *   npm run -s reported-eval -- score OUT_DIR SPLIT [--verbose]
 *
 * A gold statement is an annotated attribution whose cue reports a statement (a form of say, tell, claim, deny,
 * argue ... or "according to"; PolNeAR also annotates beliefs and wishes) and whose content holds no quotation mark
 * (reported, not quoted; also '' as some papers write it), of five words or more, whose source names one person
 * (CoreNLP tags a PERSON run in it; "Ryan's spokeswoman X": X; sources that are pronouns are left out). Each is
 * asked as `quote what did <person> say about <its first eight words>`; right = a result marked `reported` whose
 * speaker holds the person's surname and whose highlight shares most words with the statement (60 % of the
 * shorter one's words of three letters or more).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MAX_LIMIT } from '../src/engine/answer.ts';
import { KnowledgeBase } from '../src/knowledge/knowledge-base.ts';

interface GoldStatement {
  id: string;
  doc: string;
  content: string;
  speaker: string;
  key: string;
  source: string;
}

interface Token {
  begin: number;
  end: number;
  word: string;
  ner: string;
}

const MIN_WORDS = 5;
/**
 * Cues that report a statement (a form of say, tell, claim ... or "according to"); PolNeAR annotates any
 * attribution (beliefs, wishes, criticism: "wants", "hammered"), which are no statement a user asks for.
 */
const STATEMENT_CUE =
  /^(?:(?:has|have|had|also|later|then|previously)\s+)*(?:say|says|said|saying|tell|tells|told|add|adds|added|state|states|stated|write|writes|wrote|claim|claims|claimed|argue|argues|argued|deny|denies|denied|insist|insists|insisted|note|notes|noted|explain|explains|explained|warn|warns|warned|announce|announced|report|reports|reported|acknowledge|acknowledged|admit|admits|admitted|predict|predicted|promise|promised|stress|stressed|assert|asserted|declare|declared|reply|replied|respond|responded|according to)$/i;
const QUERY_WORDS = 8;
const MIN_OVERLAP = 0.6;

function git(gitDir: string, ...args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

/** The tokens of a CoreNLP XML file, read with patterns (only word, offsets and NER are needed). */
function tokensOf(xml: string): Token[] {
  const tokens: Token[] = [];
  for (const m of xml.matchAll(
    /<word>([^<]*)<\/word>[\s\S]*?<CharacterOffsetBegin>(\d+)<\/CharacterOffsetBegin>\s*<CharacterOffsetEnd>(\d+)<\/CharacterOffsetEnd>[\s\S]*?<NER>([^<]*)<\/NER>/g,
  ))
    tokens.push({ word: m[1] as string, begin: Number(m[2]), end: Number(m[3]), ner: m[4] as string });
  return tokens.sort((a, b) => a.begin - b.begin);
}

/** The one person a source span names, or undefined: its PERSON runs, not possessive, before a comma first. */
function personOf(tokens: Token[], begin: number, end: number): string | undefined {
  const span = tokens.filter((t) => t.begin >= begin && t.end <= end);
  const runs: Token[][] = [];
  let run: Token[] = [];
  for (const t of [...span, undefined]) {
    if (t?.ner === 'PERSON') {
      run.push(t);
      continue;
    }
    // ("Ryan's spokeswoman Ann Lee": Ryan names whose spokeswoman, not the source)
    if (run.length > 0 && !/^['’]s$/.test(t?.word ?? '')) runs.push(run);
    run = [];
  }
  if (runs.length === 0 || runs.length > 2) return undefined;
  const comma = span.find((t) => t.word === ',')?.begin;
  const before = runs.filter((r) => comma !== undefined && (r.at(-1) as Token).end <= comma);
  if (runs.length === 2 && before.length === 0) return undefined;
  return (before.at(-1) ?? (runs.at(-1) as Token[])).map((t) => t.word).join(' ');
}

function build(gitDir: string, split: string, out: string): void {
  const files = git(gitDir, 'ls-tree', '-r', '--name-only', 'HEAD', `data/${split}/`).split('\n');
  const annotations = new Map<string, string>();
  for (const f of files.filter((x) => x.startsWith(`data/${split}/attributions/`)).sort()) {
    const name = path.basename(f).replace(/_[0-9a-f]{4}\.ann$/, '');
    if (!annotations.has(name)) annotations.set(name, f); // the first annotator's file
  }
  const folder = path.join(out, `reported-${split}-knowledge`);
  mkdirSync(folder, { recursive: true });
  const gold: GoldStatement[] = [];
  for (const f of files.filter((x) => x.startsWith(`data/${split}/text/`) && x.endsWith('.txt')).sort()) {
    const name = path.basename(f, '.txt');
    const ann = annotations.get(name);
    if (!ann) continue;
    const text = git(gitDir, 'show', `HEAD:${f}`);
    let tokens: Token[];
    try {
      tokens = tokensOf(git(gitDir, 'show', `HEAD:data/${split}/corenlp/${name}.txt.xml`));
    } catch {
      continue;
    }
    const spans = new Map<string, { begin: number; end: number; text: string }>();
    const events: Record<string, string>[] = [];
    for (const line of git(gitDir, 'show', `HEAD:${ann}`).split('\n')) {
      const [id, mid, body] = line.split('\t');
      if (line.startsWith('T') && id && mid && body !== undefined && !mid.includes(';')) {
        const [, b, e] = mid.split(' ');
        spans.set(id, { begin: Number(b), end: Number(e), text: body });
      } else if (line.startsWith('E') && mid)
        events.push(Object.fromEntries(mid.split(' ').map((p) => p.split(':') as [string, string])));
    }
    let n = 0;
    for (const e of events) {
      const content = spans.get(e.Content ?? '');
      const source = spans.get(e.Source ?? '');
      const cue = spans.get(e.Cue ?? '');
      if (
        !content ||
        !source ||
        !cue ||
        /["“”]|''|^'/.test(content.text) ||
        !STATEMENT_CUE.test(cue.text.trim())
      )
        continue;
      if (content.text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length < MIN_WORDS) continue;
      const speaker = personOf(tokens, source.begin, source.end);
      if (!speaker) continue;
      gold.push({
        id: `${name}#${++n}`,
        doc: name,
        content: content.text.trim(),
        speaker,
        key: speaker.split(' ').at(-1) as string,
        source: source.text,
      });
    }
    writeFileSync(path.join(folder, `${name}.txt`), text);
  }
  writeFileSync(path.join(out, `reported-${split}.json`), JSON.stringify(gold, null, 0));
  console.log(
    `${split}: ${gold.length} reported statements with a named source from ${new Set(gold.map((g) => g.doc)).size} articles`,
  );
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/’/g, "'")
    .toLowerCase();
const wordsOf = (s: string) => fold(s).match(/[\p{L}\p{N}]{3,}/gu) ?? [];

/** Share of the shorter text's words that the other holds. */
function overlap(a: string, b: string): number {
  const [x, y] = [wordsOf(a), wordsOf(b)];
  const [short, long] = x.length <= y.length ? [x, new Set(y)] : [y, new Set(x)];
  return short.length === 0 ? 0 : short.filter((w) => long.has(w)).length / short.length;
}

async function score(dir: string, split: string, verbose: boolean): Promise<void> {
  const gold = JSON.parse(readFileSync(path.join(dir, `reported-${split}.json`), 'utf8')) as GoldStatement[];
  const kb = await KnowledgeBase.load(path.join(dir, `reported-${split}-knowledge`));
  let found = 0;
  let right = 0;
  let wrong = 0;
  for (const g of gold) {
    const topic = g.content.split(/\s+/).slice(0, QUERY_WORDS).join(' ');
    const answer = kb.answer('quote', `what did ${g.speaker} say about ${topic}`, { limit: MAX_LIMIT });
    const hit = answer.results.find(
      (r) => r.kind === 'reported' && overlap(r.highlight, g.content) >= MIN_OVERLAP,
    );
    const ok = !!hit && fold(hit.speaker ?? '').includes(fold(g.key));
    found += Number(!!hit);
    right += Number(ok);
    wrong += Number(!!hit?.speaker && !ok);
    if (verbose && !ok)
      console.log(
        `  miss ${g.id}: want ${g.speaker} | ${g.content.slice(0, 70)} -> ${hit ? JSON.stringify(hit.speaker ?? null) : 'not found'}`,
      );
  }
  const pct = (x: number) => `${((100 * x) / Math.max(gold.length, 1)).toFixed(1)} %`;
  console.log(
    `reported-${split}: found and attributed ${pct(right)} (${right}/${gold.length}), found ${pct(found)}, wrong speaker ${wrong}`,
  );
}

async function main(argv: string[]): Promise<number> {
  const [verb, a, b, c] = argv;
  if (verb === 'build' && a && b && c) {
    build(a, b, c);
    return 0;
  }
  if (verb === 'score' && a && b && existsSync(path.join(a, `reported-${b}.json`))) {
    await score(a, b, argv.includes('--verbose'));
    return 0;
  }
  console.error(
    'usage: reported-eval build POLNEAR_GIT_DIR SPLIT OUT_DIR\n       reported-eval score OUT_DIR SPLIT [--verbose]   (after build)',
  );
  return 2;
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
