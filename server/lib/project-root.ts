/**
 * The checkout's root folder, found by walking up to package.json. Code reads files beside the
 * project (migrations/, dist/web) through this rather than a fixed `../..`, because the same
 * module runs from server/ under tsx and from the compiled bundle in dist/server/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`lib/project-root: no package.json above ${fileURLToPath(from)}`);
    dir = parent;
  }
  return dir;
}
