/**
 * Debian's Chromium driven by playwright-core. Never a downloaded browser: when the system
 * Chromium is missing, browser tests skip and say how to install it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Browser, chromium } from 'playwright-core';
import { loadConfig } from '../../server/config.ts';
import { type Running, startServer } from '../../server/main.ts';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  Boolean,
) as string[];
export const chromiumPath = candidates.find((p) => existsSync(p));
export const skipBrowserReason = chromiumPath
  ? undefined
  : 'No Chromium found at /usr/bin/chromium: install it with `apt-get install -y chromium` to run browser tests.';
if (skipBrowserReason) console.warn(`[browser tests skipped] ${skipBrowserReason}`);

export async function launchBrowser(): Promise<Browser> {
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

/** A real Murmur server on a free loopback port with a fresh embedded database. */
export async function startTestServer(
  env: Record<string, string> = {},
): Promise<Running & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'murmur-e2e-'));
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
