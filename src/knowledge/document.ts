/**
 * Loading documents: one file's bytes -> a KnowledgeDocument (metadata, body, paragraphs).
 * Every problem names the file; loading a folder reports every bad file at once.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface DocumentMeta {
  id: string;
  title: string;
  file: string;
  /** sha256 hex of the file bytes. */
  hash: string;
  source?: string;
  /** YYYY-MM-DD */
  published?: string;
  author?: string;
}

export interface Paragraph {
  /** 1-based */
  index: number;
  text: string;
  /** Offset of the paragraph in the body. */
  start: number;
}

export interface KnowledgeDocument extends DocumentMeta {
  body: string;
  paragraphs: Paragraph[];
}

export interface DocumentProblem {
  file: string;
  problem: string;
}

export class KnowledgeLoadError extends Error {
  readonly problems: DocumentProblem[];
  constructor(problems: DocumentProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} loading the knowledge base:\n` +
        problems.map((p) => `  ${p.file}: ${p.problem}`).join('\n'),
    );
    this.name = 'KnowledgeLoadError';
    this.problems = problems;
  }
}

export const MAX_DOCUMENT_BYTES = 1024 * 1024;
export const DOCUMENT_EXTENSIONS: readonly string[] = ['.md', '.txt'];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'is not a real calendar date');

const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1, 'must not be empty'),
  // Only a web link: a source is shown as a link, and `javascript:` or `data:` must never become one.
  source: z.url({ protocol: /^https?$/, error: 'must be an http(s) link' }).optional(),
  published: isoDate.optional(),
  author: z.string().trim().min(1, 'must not be empty').optional(),
});

type FrontMatter = z.infer<typeof frontMatterSchema>;

/** Reads `key: value` lines; values may be quoted. Front matter here is flat, so no YAML library is needed. */
function parseFrontMatterLines(lines: string[]): Record<string, string> | string {
  const fields: Record<string, string> = {};
  for (const [i, raw] of lines.entries()) {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!match) return `front matter line ${i + 2} is not "key: value": ${JSON.stringify(line.slice(0, 60))}`;
    const key = match[1] as string;
    let value = (match[2] as string).trim();
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        return `front matter "${key}" has an unterminated or invalid double-quoted value`;
      }
    } else if (value.startsWith("'")) {
      if (value.length < 2 || !value.endsWith("'"))
        return `front matter "${key}" has an unterminated single-quoted value`;
      value = value.slice(1, -1).replace(/''/g, "'");
    }
    if (key in fields) return `front matter repeats "${key}"`;
    fields[key] = value;
  }
  return fields;
}

function splitFrontMatter(text: string): { fields: Record<string, string> | string; body: string } | null {
  if (!/^---\r?\n/.test(text)) return null;
  const lines = text.split('\n');
  const close = lines.findIndex((line, i) => i > 0 && line.replace(/\r$/, '') === '---');
  if (close < 0) return { fields: 'front matter starts with "---" but never closes', body: '' };
  const fields = parseFrontMatterLines(lines.slice(1, close).map((l) => l.replace(/\r$/, '')));
  const body = lines
    .slice(close + 1)
    .join('\n')
    .replace(/^(?:[ \t]*\r?\n)+/, '');
  return { fields, body };
}

/** Blank-line-separated paragraphs; in Markdown, heading lines are not paragraphs. */
export function splitParagraphs(body: string, markdown: boolean): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = -1;
  let end = -1;
  let offset = 0;
  const flush = () => {
    if (start >= 0) paragraphs.push({ index: paragraphs.length + 1, text: body.slice(start, end), start });
    start = -1;
  };
  for (const line of body.split('\n')) {
    const content = line.replace(/\r$/, '');
    const blank = content.trim() === '';
    const heading = markdown && /^\s{0,3}#{1,6}(\s|$)/.test(content);
    if (blank || heading) flush();
    else {
      if (start < 0) start = offset + (content.length - content.trimStart().length);
      end = offset + content.trimEnd().length;
    }
    offset += line.length + 1;
  }
  flush();
  return paragraphs;
}

function titleFromFileName(id: string): string {
  const base = id.split('/').pop() ?? id;
  const words = base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') return `unknown front matter key(s): ${issue.keys.join(', ')}`;
      if (issue.code === 'invalid_type' && issue.input === undefined) return `front matter needs "${key}"`;
      return `front matter "${key}" ${issue.message}`;
    })
    .join('; ');
}

/** Parse one file's bytes (as the loader does); throws KnowledgeLoadError naming the file. */
export function parseDocument(file: string, bytes: Uint8Array): KnowledgeDocument {
  const fail = (problem: string): never => {
    throw new KnowledgeLoadError([{ file, problem }]);
  };
  const ext = path.extname(file).toLowerCase();
  if (!DOCUMENT_EXTENSIONS.includes(ext))
    fail(`unsupported file type "${ext || '(none)'}": documents must be ${DOCUMENT_EXTENSIONS.join(' or ')}`);
  if (bytes.length > MAX_DOCUMENT_BYTES)
    fail(`too large: ${bytes.length} bytes, the limit is ${MAX_DOCUMENT_BYTES} bytes`);
  let text = '';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    fail('not valid UTF-8 text');
  }
  const id = file
    .replace(/\\/g, '/')
    .slice(0, file.length - ext.length)
    .replace(/^\.\//, '');
  let meta: FrontMatter = { title: titleFromFileName(id) };
  let body = text;
  if (ext === '.md') {
    const split = splitFrontMatter(text);
    if (split) {
      if (typeof split.fields === 'string') fail(split.fields);
      const parsed = frontMatterSchema.safeParse(split.fields);
      if (!parsed.success) fail(describeZodIssues(parsed.error));
      else meta = parsed.data;
      body = split.body;
    }
  }
  // The file's final line ending belongs to the file, not to the text (the story has none of its own).
  body = body.replace(/\r?\n$/, '');
  const paragraphs = splitParagraphs(body, ext === '.md');
  if (paragraphs.length === 0) fail('empty document: no text paragraphs');
  const doc: KnowledgeDocument = {
    id,
    title: meta.title,
    file,
    hash: createHash('sha256').update(bytes).digest('hex'),
    body,
    paragraphs,
  };
  if (meta.source) doc.source = meta.source;
  if (meta.published) doc.published = meta.published;
  if (meta.author) doc.author = meta.author;
  return doc;
}

/** The files the loader reads: every file, in sub-folders too, except dot-files and dot-folders, sorted. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) files.push(rel);
  }
  return files;
}

/** What a folder holds: every good document, and every other file with the reason it was skipped. */
export interface LoadedDocuments {
  documents: KnowledgeDocument[];
  skipped: DocumentProblem[];
}

/**
 * Every .md/.txt in dir (dot-files and dot-dirs such as .trash are ignored). A bad file is skipped and
 * reported, never a reason to refuse the good ones; an empty folder gives no documents. Throws
 * KnowledgeLoadError only when the folder itself cannot be read.
 */
export async function readDocuments(dir: string): Promise<LoadedDocuments> {
  let files: string[];
  try {
    files = await listFiles(dir);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder does not exist' : String(error);
    throw new KnowledgeLoadError([{ file: dir, problem: reason }]);
  }
  const skipped: DocumentProblem[] = [];
  const documents: KnowledgeDocument[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    try {
      const doc = parseDocument(file, await readFile(path.join(dir, file)));
      const first = seen.get(doc.id);
      if (first) skipped.push({ file, problem: `duplicate document id "${doc.id}" (also ${first})` });
      else {
        seen.set(doc.id, file);
        documents.push(doc);
      }
    } catch (error) {
      if (error instanceof KnowledgeLoadError) skipped.push(...error.problems);
      // The error code, not the message: the message holds the server's absolute path.
      else
        skipped.push({ file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? error})` });
    }
  }
  return { documents, skipped };
}

/** readDocuments, strictly: any bad file throws KnowledgeLoadError listing every problem at once. */
export async function loadDocuments(dir: string): Promise<KnowledgeDocument[]> {
  const { documents, skipped } = await readDocuments(dir);
  if (skipped.length > 0) throw new KnowledgeLoadError(skipped);
  return documents;
}
