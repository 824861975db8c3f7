/**
 * The project's folder (the one holding package.json), found upwards from a module: the same folder whether the
 * module runs as TypeScript (src/…) or compiled (dist/src/…), so paths such as the bundled `knowledge/` are
 * found from both.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder above the module `moduleUrl` (its `import.meta.url`) that holds a package.json. */
export function projectRoot(moduleUrl: string): string {
  const start = path.dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
