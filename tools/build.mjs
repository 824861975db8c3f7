/**
 * `npm run build` (and `prepare`, so `npm ci` builds): the TypeScript compiled into dist/ (tsconfig.build.json,
 * `.ts` imports rewritten to `.js`), then the data files the code reads beside itself (`new URL('./x.txt',
 * import.meta.url)`, such as src/engine/text/derivations.txt) copied to the same place in dist/, so that the
 * compiled modules find them as the TypeScript ones do. dist/ is emptied first: no module of a deleted source
 * is left behind.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
/** The folders whose modules may read data files beside themselves: every file there that is not TypeScript. */
const SOURCES = ['src', 'commands'];

function copyDataFiles(dir) {
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) copyDataFiles(file);
    else if (!entry.name.endsWith('.ts')) cpSync(path.join(ROOT, file), path.join(DIST, file));
  }
}

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const dir of SOURCES) copyDataFiles(dir);
