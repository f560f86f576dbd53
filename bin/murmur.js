#!/usr/bin/env node
// Runs the server compiled to dist/server (rebuilt with esbuild when the sources are newer), so no
// TypeScript is compiled at each start. Falls back to compiling through tsx only when the build
// cannot be made, e.g. in a read-only checkout.
let main;
try {
  const { buildServer, serverBuildIsStale, serverEntryUrl } = await import('./build-server.js');
  if (serverBuildIsStale()) await buildServer();
  ({ main } = await import(serverEntryUrl));
} catch (error) {
  process.stderr.write(`murmur: running from the TypeScript sources (no build: ${error.message})\n`);
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../server/cli/main.ts'));
}
const code = await main(process.argv.slice(2));
if (code !== 0) process.exit(code);
