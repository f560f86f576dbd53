/**
 * Compiles the TypeScript server into dist/server/ with esbuild, so `murmur` starts from plain
 * JavaScript instead of compiling at every run. Plain JavaScript itself because it runs before
 * anything can load TypeScript. The worker threads are entry points of their own
 * (dist/server/score.worker-entry.js, parse.worker-entry.js, plan.worker-entry.js): the server finds them beside
 * itself, as it finds the tsx entries beside the sources. Packages stay external.
 *
 *   if (serverBuildIsStale()) await buildServer();
 *   const { main } = await import(serverEntryUrl);
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist/server');
const entry = join(outdir, 'cli.js');
export const serverEntryUrl = pathToFileURL(entry).href;

// What the server bundle is made of; a change to any of them means a rebuild.
const sources = ['server', 'graph', 'package.json', 'bin/build-server.js'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const name of readdirSync(path)) latest = Math.max(latest, newest(join(path, name)));
  return latest;
}

/** True when dist/server is missing or older than the sources. */
export function serverBuildIsStale() {
  if (!existsSync(entry)) return true;
  const built = statSync(entry).mtimeMs;
  return sources.some((source) => newest(join(root, source)) > built);
}

export async function buildServer() {
  const { build } = await import('esbuild');
  // Build beside and swap in, so a second murmur starting at the same moment never loads half a build.
  const staging = `${outdir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: {
      cli: 'server/cli/main.ts',
      'score.worker-entry': 'server/scoring/score.worker.ts',
      'parse.worker-entry': 'server/imports/parse.worker.ts',
      'plan.worker-entry': 'server/plans/plan.worker.ts',
    },
    outdir: staging,
    bundle: true,
    // Lazy command imports become chunks, so `murmur help` loads only the command table.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  rmSync(outdir, { recursive: true, force: true });
  try {
    renameSync(staging, outdir);
  } catch (error) {
    // Another murmur swapped its identical build in first: use that one.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(entry)) throw error;
  }
}

// `node bin/build-server.js` (part of `npm run build`) builds unconditionally.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
