import { buildWeb, webBuildIsStale } from '../../server/cli/build-web.ts';

/** Browser tests need the built web app; build it once per run when sources changed. */
export default async function setup() {
  if (webBuildIsStale()) await buildWeb();
}
