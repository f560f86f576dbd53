/**
 * The embedded database's folder holds every contact, key hash and session: only Murmur's own
 * user may read or write it. PGlite writes its files mode 0666 whatever the umask, so the
 * folder is made 0700 (which alone keeps other users out of everything in it) and its files
 * 0600: at start, after migrating, and at close, which also covers files PGlite added meanwhile.
 */
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Creates `dir` (0700) and takes group and other permissions off everything under it. */
export function makePrivate(dir: string) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const walk = (path: string) => {
    chmodSync(path, 0o700);
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) chmodSync(child, 0o600);
    }
  };
  walk(dir);
}
