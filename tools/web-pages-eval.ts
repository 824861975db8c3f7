/**
 * npm run web-pages-eval -- READABILITY [--verbose] [--json] [--dump DIR] [--all]
 *
 * `/kb add url` on real news pages: the 29 English news pages of Mozilla's Readability test suite
 * (READABILITY is a clone or git dir of github:mozilla/readability; pages in test/test-pages/NAME/source.html,
 * their byline in expected-metadata.json). The pages are served from 127.0.0.1 (as `text/html`, no charset in
 * the header, as many servers send them) and each goes through the path `/kb add url` takes (WebSources.addUrl:
 * the guarded fetch, decoding, extraction, the Markdown document), into a target that validates each document
 * exactly as the knowledge loader does. Reported per page and in total: added or refused (with the reason), the
 * author found against the expected byline, replacement (U+FFFD) and control characters in the saved text,
 * leftover lines (photo placeholders, photo credits, newsletter calls, "continue reading"), the first paragraph.
 *
 * Then each added page is served again re-encoded as windows-1252 three ways (declared by a `<meta charset>`
 * after its first 1,024 bytes, not declared at all, declared as UTF-8) and must be saved with the same
 * paragraphs as the UTF-8 page, or refused with a reason.
 * --dump DIR writes each saved document to DIR/NAME.md, to read.
 * --all also reads every test page of the suite (130, in many languages) straight through decodePage and
 * extractArticle, and lists those refused although plain Readability (no furniture removed) finds 400
 * characters of text or more in them, and those where ours keeps less than half of what it finds.
 * The pages are never copied into the project: they are read from READABILITY at run time.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { parseDocument } from '../src/knowledge/document.ts';
import type { AddOutcome } from '../src/knowledge/knowledge-service.ts';
import { extractArticle, MIN_ARTICLE_CHARACTERS, paragraphsOf } from '../src/web/article.ts';
import { decodePage, encodeWindows1252 } from '../src/web/decode.ts';
import type { DomElement } from '../src/web/page-meta.ts';
import { DEFAULT_MAX_PAGE_BYTES } from '../src/web/safe-fetch.ts';
import { type KnowledgeTarget, WebSources } from '../src/web/web-sources.ts';

/** The English news pages of the suite. */
export const NEWS_PAGES: readonly string[] = (
  'bbc-1 cnn guardian-1 nytimes-1 nytimes-2 nytimes-3 nytimes-4 nytimes-5 wapo-1 wapo-2 seattletimes-1 telegraph ' +
  'theverge salon-1 ars-1 engadget breitbart buzzfeed-1 herald-sun-1 tmz-1 citylab-1 msn medium-1 wikipedia yahoo-2 ' +
  'quanta-1 cnet lwn-1 aclu'
).split(' ');

/** Lines a reader takes for page furniture, not article text (judged apart from the rules in src/web/leftovers.ts). */
const AGENCIES = '\\b(getty images|associated press|reuters|afp|shutterstock|ap|epa|bloomberg)\\b';
const LEFTOVERS: Record<string, (line: string) => boolean> = {
  placeholder: (line) => /^(photo|image|picture|video|graphic|gallery)s?( \d+ of \d+)?$/i.test(line),
  credit: (line) =>
    (line.split(' ').length <= 12 &&
      !/[.!?]$/.test(line) &&
      new RegExp(
        `^((photo|image|picture)s?( credit)?|credit|source)\\s*[:|]|${AGENCIES}|^\\(?(photo|image)s? by\\b|^©`,
        'i',
      ).test(line)) ||
    new RegExp(`\\([^()]*${AGENCIES}[^()]*\\)$`, 'i').test(line) ||
    /[.!?] (source|photo|credit): [^.]{1,60}$/i.test(line),
  newsletter: (line) => /sign up (for|to) (our|the)\b.*newsletter|^subscribe to our newsletter/i.test(line),
  'continue reading': (line) => /^continue reading\b/i.test(line),
  timestamp: (line) => /^(updated |published )?\d{1,2}:\d{2} ?(am|pm)( [a-z]{2,4})?$/i.test(line),
};
const REPLACEMENT = /\uFFFD/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

interface PageResult {
  name: string;
  bytes: number;
  status: 'added' | 'refused';
  reason?: string;
  title?: string;
  expectedAuthor?: string;
  author?: string;
  authorRight?: boolean;
  replacement: number;
  control: number;
  leftovers: { kind: string; line: string }[];
  firstParagraph?: string;
  paragraphs: string[];
}

/** Reads a file of the Readability repository, from a work tree or a bare git dir. */
function readerOf(repo: string): { read: (file: string) => Buffer; pageNames: () => string[] } {
  if (existsSync(path.join(repo, 'test/test-pages')))
    return {
      read: (file) => readFileSync(path.join(repo, file)),
      pageNames: () => readdirSync(path.join(repo, 'test/test-pages')),
    };
  const git = (...args: string[]) =>
    execFileSync('git', ['--git-dir', repo, ...args], { maxBuffer: 1 << 26 });
  return {
    read: (file) => git('show', `HEAD:${file}`),
    pageNames: () =>
      git('ls-tree', '--name-only', 'HEAD', 'test/test-pages/')
        .toString()
        .trim()
        .split('\n')
        .map((p) => path.basename(p)),
  };
}

/** Every test page: refused although plain Readability finds an article, or kept at under half its text. */
function allPages(reader: ReturnType<typeof readerOf>): string[] {
  const lines: string[] = [];
  const names = reader.pageNames();
  for (const name of names) {
    const { text } = decodePage(reader.read(`test/test-pages/${name}/source.html`), 'text/html');
    const { document } = parseHTML(text) as unknown as { document: DomElement };
    const plain = new Readability<DomElement>(document).parse();
    const plainCharacters = (plain?.textContent ?? '').replace(/\s+/g, ' ').trim().length;
    try {
      const article = extractArticle(text, `https://test-page.example/${name}/`);
      const characters = paragraphsOf(article).join(' ').length;
      if (characters < plainCharacters / 2)
        lines.push(`  ${name}: kept ${characters} characters; plain Readability finds ${plainCharacters}`);
    } catch (error) {
      if (plainCharacters >= MIN_ARTICLE_CHARACTERS)
        lines.push(
          `  ${name}: refused (plain Readability finds ${plainCharacters} characters): ${(error as Error).message}`,
        );
    }
  }
  return [
    `all ${names.length} test pages: ${lines.length} refused or cut although plain Readability finds an article`,
    ...lines,
  ];
}

/** The person a byline names: "By", dates and anything from the first digit on cut; undefined if none. */
export function bylineName(byline: unknown): string | undefined {
  if (typeof byline !== 'string') return undefined;
  const name = byline
    .replace(/^\s*by\s+/i, '')
    .replace(/\d.*$/s, '')
    .replace(
      /\b(January|February|March|April|May|June|July|August|September|October|November|December)\b.*$/s,
      '',
    )
    .replace(/\s+/g, ' ')
    .trim();
  return name.split(' ').length >= 2 ? name : undefined;
}

/** The found author names the expected one: its surname is among the found author's words. */
function sameAuthor(expected: string, found: string | undefined): boolean {
  if (!found) return false;
  const surname = expected.toLowerCase().split(' ').pop() ?? '';
  return found
    .toLowerCase()
    .split(/[^\p{L}'-]+/u)
    .includes(surname);
}

/** A knowledge target that keeps documents in memory, each validated as the loader validates it. */
class MemoryTarget implements KnowledgeTarget {
  readonly dir = '(memory)';
  readonly saved = new Map<string, ReturnType<typeof parseDocument>>();
  get current() {
    return { documents: [...this.saved.values()] };
  }
  async add(fileName: string, bytes: Uint8Array): Promise<AddOutcome> {
    try {
      const document = parseDocument(fileName, bytes);
      this.saved.set(fileName, document);
      return { status: 'added', document, replaced: [], reload: {} as never };
    } catch (error) {
      return { status: 'refused', problems: (error as { problems: never }).problems };
    }
  }
}

async function serve(pages: Map<string, Buffer>) {
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    if (!body) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return { port, close: () => server.close() };
}

async function addAll(pages: Map<string, Buffer>) {
  const server = await serve(pages);
  const target = new MemoryTarget();
  const { sources } = await WebSources.open({
    target,
    policy: {
      allowHosts: [`127.0.0.1:${server.port}`],
      maxBytes: 1_000_000,
      maxPageBytes: DEFAULT_MAX_PAGE_BYTES,
      timeoutMs: 60_000,
    },
    feedStateFile: path.join('/nonexistent', 'web-pages-eval.feeds.json'),
    feedPollMinutes: 15,
  });
  const outcomes = new Map<string, { outcome: Awaited<ReturnType<WebSources['addUrl']>>; text?: string }>();
  for (const route of pages.keys()) {
    const before = new Set(target.saved.keys());
    const outcome = await sources.addUrl(`http://127.0.0.1:${server.port}${route}`, { by: 'eval' });
    const file = [...target.saved.keys()].find((key) => !before.has(key));
    const text = file ? target.saved.get(file)?.body : undefined;
    outcomes.set(route, text === undefined ? { outcome } : { outcome, text });
  }
  server.close();
  return { outcomes, target };
}

function judge(
  name: string,
  bytes: number,
  expectedByline: unknown,
  added: Awaited<ReturnType<typeof addAll>>,
) {
  const { outcome, text } = added.outcomes.get(`/${name}/`) ?? { outcome: undefined };
  const expectedAuthor = bylineName(expectedByline);
  const result: PageResult = {
    name,
    bytes,
    status: outcome?.status === 'added' && outcome.add.status === 'added' ? 'added' : 'refused',
    replacement: 0,
    control: 0,
    leftovers: [],
    paragraphs: [],
  };
  if (expectedAuthor) result.expectedAuthor = expectedAuthor;
  if (outcome?.status === 'refused') result.reason = outcome.reason;
  else if (outcome?.add.status === 'refused')
    result.reason = outcome.add.problems.map((p) => p.problem).join('; ');
  if (outcome?.status !== 'added' || text === undefined) return result;
  const doc =
    outcome.add.status === 'added' ? added.target.saved.get(`${outcome.add.document.id}.md`) : undefined;
  result.title = outcome.article.title;
  if (outcome.article.author) result.author = outcome.article.author;
  if (expectedAuthor) result.authorRight = sameAuthor(expectedAuthor, outcome.article.author);
  result.replacement = (text.match(REPLACEMENT) ?? []).length;
  result.control = (text.match(CONTROL) ?? []).length;
  result.paragraphs = doc?.paragraphs.map((p) => p.text) ?? [];
  result.firstParagraph = outcome.article.firstParagraph;
  for (const line of text.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()))
    for (const [kind, isLeftover] of Object.entries(LEFTOVERS))
      if (isLeftover(line)) result.leftovers.push({ kind, line: line.slice(0, 120) });
  return result;
}

/** A page's UTF-8 HTML as windows-1252 bytes, its charset declarations taken out and `declare` put in. */
function reencoded(html: string, declare: 'late' | 'none' | 'wrong'): Buffer {
  let page = html.replace(/<meta\s[^>]*charset[^>]*>/gi, '').replace(/<\?xml[^>]*\?>/i, '');
  const head = page.search(/<\/head>/i);
  if (declare === 'late') {
    // After the first 1,024 bytes, where a browser's prescan does not look.
    const at = head > 1100 ? head : 0;
    const padding = at === 0 ? `<!--${' '.repeat(1100)}-->` : '';
    page =
      at === 0
        ? `${padding}<meta charset="windows-1252">${page}`
        : `${page.slice(0, at)}<meta charset="windows-1252">${page.slice(at)}`;
  } else if (declare === 'wrong')
    page = page.replace(/<head[^>]*>/i, (tag) => `${tag}<meta charset="utf-8">`);
  return encodeWindows1252(page);
}

const sameText = (a: string[], b: string[]) => a.length === b.length && a.every((p, i) => p === b[i]);

/** The added pages again, re-encoded three ways: each saved as from UTF-8, refused with a reason, or wrong. */
async function reencodedRuns(pages: Map<string, Buffer>, results: PageResult[]) {
  const variants = new Map<string, Buffer>();
  for (const result of results.filter((r) => r.status === 'added'))
    for (const declare of ['late', 'none', 'wrong'] as const)
      variants.set(
        `/${result.name}/${declare}/`,
        reencoded((pages.get(`/${result.name}/`) as Buffer).toString('utf8'), declare),
      );
  const again = await addAll(variants);
  const encodings = { right: 0, refused: 0, wrong: 0, wrongPages: [] as string[], refusals: [] as string[] };
  for (const result of results.filter((r) => r.status === 'added'))
    for (const declare of ['late', 'none', 'wrong'] as const) {
      const variant = judge(`${result.name}/${declare}`, 0, undefined, again);
      if (variant.status === 'refused') {
        encodings.refused++;
        encodings.refusals.push(`${variant.name}: ${variant.reason}`);
      } else if (sameText(variant.paragraphs, result.paragraphs)) encodings.right++;
      else {
        encodings.wrong++;
        encodings.wrongPages.push(variant.name);
      }
    }

  return encodings;
}

async function main(argv: string[]) {
  const repo = argv.find((arg, i) => !arg.startsWith('--') && argv[i - 1] !== '--dump');
  if (!repo || !existsSync(repo)) {
    if (repo)
      process.stderr.write(`${repo}: no such folder (a clone or git directory of mozilla/readability)\n`);
    process.stderr.write(
      'usage: npm run web-pages-eval -- READABILITY-REPO [--verbose] [--json] [--dump DIR] [--all]\n',
    );
    process.exitCode = 2;
    return;
  }
  const verbose = argv.includes('--verbose');
  const reader = readerOf(repo);
  const { read } = reader;
  const pages = new Map<string, Buffer>();
  const bylines = new Map<string, unknown>();
  for (const name of NEWS_PAGES) {
    pages.set(`/${name}/`, read(`test/test-pages/${name}/source.html`));
    bylines.set(name, JSON.parse(read(`test/test-pages/${name}/expected-metadata.json`).toString()).byline);
  }
  const added = await addAll(pages);
  const dump = argv[argv.indexOf('--dump') + 1];
  if (argv.includes('--dump') && dump) {
    mkdirSync(dump, { recursive: true });
    for (const [route, { text }] of added.outcomes)
      if (text !== undefined) writeFileSync(path.join(dump, `${route.split('/')[1]}.md`), text);
  }
  const results = NEWS_PAGES.map((name) =>
    judge(name, pages.get(`/${name}/`)?.length ?? 0, bylines.get(name), added),
  );

  const encodings = await reencodedRuns(pages, results);
  const addedCount = results.filter((r) => r.status === 'added').length;
  const withByline = results.filter((r) => r.expectedAuthor && r.status === 'added');
  const summary = {
    pages: results.length,
    added: addedCount,
    refused: results.filter((r) => r.status === 'refused').map((r) => `${r.name}: ${r.reason}`),
    authorRight: withByline.filter((r) => r.authorRight).length,
    withByline: withByline.length,
    authorFound: results.filter((r) => r.author).length,
    garbled: results.filter((r) => r.replacement + r.control > 0).map((r) => r.name),
    withLeftovers: results.filter((r) => r.leftovers.length > 0).map((r) => r.name),
    leftoverLines: results.reduce((sum, r) => sum + r.leftovers.length, 0),
    reencoded: encodings,
  };
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ summary, results }, null, 2)}\n`);
    return;
  }
  const out: string[] = [];
  for (const r of results) {
    const author = r.expectedAuthor
      ? `author ${r.authorRight ? 'right' : 'WRONG'} (${r.author ?? 'none'} / ${r.expectedAuthor})`
      : `author ${r.author ?? 'none'} (no byline expected)`;
    out.push(
      r.status === 'added'
        ? `${r.name}: added, ${r.paragraphs.length} paragraphs; ${author}; U+FFFD ${r.replacement}, control ${r.control}; leftovers ${r.leftovers.length}`
        : `${r.name}: REFUSED: ${r.reason}`,
    );
    if (verbose && r.status === 'added') {
      out.push(`    first paragraph: ${(r.firstParagraph ?? '').slice(0, 140)}`);
      for (const left of r.leftovers) out.push(`    ${left.kind}: ${left.line}`);
    }
  }
  out.push(
    '',
    `added ${summary.added} of ${summary.pages}`,
    ...summary.refused.map((line) => `  refused ${line}`),
    `author right on ${summary.authorRight} of ${summary.withByline} added pages with a byline (an author on ${summary.authorFound} pages)`,
    `pages with replacement or control characters: ${summary.garbled.length}${summary.garbled.length ? ` (${summary.garbled.join(', ')})` : ''}`,
    `pages with leftover lines: ${summary.withLeftovers.length} (${summary.leftoverLines} lines)${summary.withLeftovers.length ? `: ${summary.withLeftovers.join(', ')}` : ''}`,
    `re-encoded as windows-1252 (late meta, undeclared, declared UTF-8): ${encodings.right} saved right, ${encodings.refused} refused with a reason, ${encodings.wrong} saved wrong${encodings.wrong ? ` (${encodings.wrongPages.join(', ')})` : ''}`,
    ...(verbose ? encodings.refusals.map((line) => `  refused ${line}`) : []),
    ...(argv.includes('--all') ? allPages(reader) : []),
  );
  process.stdout.write(`${out.join('\n')}\n`);
}

await main(process.argv.slice(2));
