import { buildServer, serverBuildIsStale } from '../../bin/build-server.js';
import { buildWeb, webBuildIsStale } from '../../server/cli/build-web.ts';
import { ensureTemplates } from './templates.ts';

/**
 * Browser tests need the built web app and CLI tests the compiled server; build each once per
 * run when sources changed, so test files never race to build them; likewise the migrated database
 * templates every test starts from.
 */
export default async function setup() {
  if (serverBuildIsStale()) await buildServer();
  if (webBuildIsStale()) await buildWeb();
  await ensureTemplates();
}
