/**
 * Debian's Chromium driven by playwright-core. Never a downloaded browser: when the system
 * Chromium is missing, browser tests skip and say how to install it.
 */
import { existsSync, rmSync } from 'node:fs';
import pino from 'pino';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../server/config.ts';
import { type Running, startServer } from '../../server/main.ts';
import { migratedDataDir } from './templates.ts';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
) as string[];
export const chromiumPath = candidates.find((p) => existsSync(p));
export const skipBrowserReason = chromiumPath
  ? undefined
  : 'No Chromium found at /usr/bin/chromium: install it with `apt-get install -y chromium` to run browser tests.';
if (skipBrowserReason) console.warn(`[browser tests skipped] ${skipBrowserReason}`);

/**
 * A browser for one test file. Files in a test worker share one Chromium process (starting one
 * costs about a second of CPU); each file gets its own contexts, closed by `close`, so no cookie,
 * storage or page passes from one file to the next.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!shared?.isConnected()) shared = await startChromium();
  const browser = shared;
  const contexts = new Set<BrowserContext>();
  const opened = (context: BrowserContext) => {
    contexts.add(context);
    context.once('close', () => contexts.delete(context));
    return context;
  };
  const handle: Partial<Browser> = {
    newContext: async (options) => opened(await browser.newContext(options)),
    newPage: async (options) => {
      const context = opened(await browser.newContext(options));
      return context.newPage();
    },
    close: async () => {
      await Promise.all([...contexts].map((context) => context.close()));
    },
    isConnected: () => browser.isConnected(),
  };
  return handle as Browser;
}

let shared: Browser | undefined;

/** Ends this process's Chromium, for a script (a benchmark) that must exit when done. */
export async function stopBrowser() {
  await shared?.close();
  shared = undefined;
}

function startChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A real Murmur server on a free loopback port with a fresh embedded database, in a data folder
 * that starts migrated (a copy of the global setup's template: what `npm start` leaves after its
 * first run). The empty-folder start is the README test's and the data-folder test's to check.
 */
export async function startTestServer(
  env: Record<string, string> = {},
): Promise<Running & { dataDir: string }> {
  const dataDir = migratedDataDir('murmur-e2e-');
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env });
  const running = await startServer(config, { logger: pino({ level: 'silent' }) });
  return {
    ...running,
    dataDir,
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The tRPC API as the signed-in page calls it (same cookie, same CSRF header), for a test that
 * sets up data the way a script or an import would; a failure throws the response body.
 */
export function pageApi(page: Page) {
  return <T = never>(path: string, input: unknown, kind: 'query' | 'mutation' = 'mutation') =>
    page.evaluate(
      async ({ path, input, kind }) => {
        const headers = { 'content-type': 'application/json', 'x-murmur-client': 'web' };
        const response =
          kind === 'query'
            ? await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
            : await fetch(`/trpc/${path}`, { method: 'POST', headers, body: JSON.stringify(input) });
        const text = await response.text();
        if (!response.ok) throw new Error(text);
        return JSON.parse(text).result.data;
      },
      { path, input, kind },
    ) as Promise<T>;
}
