/**
 * The version of the code that builds a knowledge base's data, derived from that code itself: a sha256 of every
 * source file reached by imports from the data builder (kb-data.ts: extraction, text handling, the index codec),
 * of the data files they read (`new URL('./x', import.meta.url)`), and of the installed version of each package
 * they import. Any change to extraction or indexing changes it, so a snapshot built by other code is never
 * served; no version number to remember to bump.
 *
 * Computed once at start-up from the modules that run, rather than generated at build time: the TypeScript
 * sources under tsx and vitest, the compiled `.js` in dist/ (`npm start` and the other scripts), whose imports
 * and data files the same patterns find; a generated file could itself be left stale, and hashing some twenty
 * small files takes a few milliseconds. (The two hash differently, so each saves its own snapshots.)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bump only when what a snapshot stores changes shape outside the hashed files (knowledge-base.ts's snapshotOf):
 * everything the hashed code does is covered by the hash.
 */
export const SNAPSHOT_FORMAT = 13;

/** This module's own extension, `.ts` or `.js`: the data builder is its sibling of the same kind. */
const EXTENSION = path.extname(fileURLToPath(import.meta.url));
const DATA_BUILDER = fileURLToPath(new URL(`./kb-data${EXTENSION}`, import.meta.url));
const MODULE = /\.[cm]?[jt]s$/;
const RELATIVE_IMPORT = /(?:\bfrom\s+|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;
const PACKAGE_IMPORT = /\bfrom\s+['"]((?:@[\w.-]+\/)?\w[\w.-]*)(?:\/[^'"]*)?['"]/g;
const DATA_FILE = /new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g;

export interface CodeFiles {
  /** Absolute paths of the source and data files, sorted. */
  files: string[];
  /** Packages imported (not node: built-ins), sorted. */
  packages: string[];
}

/** The files and packages reached by imports from `entry` (an absolute path of a TypeScript or JavaScript module). */
export function codeFiles(entry: string): CodeFiles {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    if (!MODULE.test(file)) continue;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(RELATIVE_IMPORT))
      pending.push(path.resolve(path.dirname(file), m[1] as string));
    for (const m of source.matchAll(DATA_FILE))
      pending.push(path.resolve(path.dirname(file), m[1] as string));
    for (const m of source.matchAll(PACKAGE_IMPORT)) packages.add(m[1] as string);
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/** The installed version of a package, looked up from `from` upwards; "absent" when none is installed. */
function installedVersion(name: string, from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest))
      return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? '';
    if (path.dirname(dir) === dir) return 'absent';
  }
}

/** The hash of the code reached from `entry` and of the format version; file names relative to `entry`'s folder. */
export function codeVersion(entry: string, format: number): string {
  const { files, packages } = codeFiles(entry);
  const root = path.dirname(entry);
  const hash = createHash('sha256').update(`format ${format}\n`);
  for (const file of files)
    hash
      .update(`${path.relative(root, file)}\n`)
      .update(readFileSync(file))
      .update('\n');
  for (const name of packages) hash.update(`${name}@${installedVersion(name, root)}\n`);
  return hash.digest('hex').slice(0, 16);
}

/** The version of the running index and extraction code. */
export const INDEX_CODE_VERSION = codeVersion(DATA_BUILDER, SNAPSHOT_FORMAT);
