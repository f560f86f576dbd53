import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-config-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: tempDir() });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, logLevel: 'info' });
    expect(config.blueskyAppviewUrl).toBe('https://public.api.bsky.app');
  });

  it('generates a session secret once, keeps it private in the data folder, and reuses it', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
    expect(readFileSync(join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'session-secret')).mode & 0o077).toBe(0);
  });

  it('names every bad variable in one message', () => {
    const attempt = () =>
      loadConfig({ PORT: '99999', DATABASE_URL: 'mysql://db', SESSION_SECRET: 'short', DATA_DIR: tempDir() });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL: must start with postgres:\/\//);
    expect(attempt).toThrow(/SESSION_SECRET: must be at least 32 characters/);
  });

  it('parses Mastodon instance overrides and rejects malformed ones', () => {
    const config = loadConfig({
      DATA_DIR: tempDir(),
      MASTODON_INSTANCE_URLS: 'Social.Example=http://127.0.0.1:4567/',
    });
    expect(config.mastodonInstanceUrls).toEqual({ 'social.example': 'http://127.0.0.1:4567' });
    expect(() => loadConfig({ DATA_DIR: tempDir(), MASTODON_INSTANCE_URLS: 'nonsense' })).toThrow(
      /MASTODON_INSTANCE_URLS/,
    );
  });

  it('takes a crawl lease length in whole seconds, 15 unless set, and refuses one under 2', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).crawlLeaseSeconds).toBe(15);
    expect(loadConfig({ DATA_DIR: tempDir(), CRAWL_LEASE_SECONDS: '60' }).crawlLeaseSeconds).toBe(60);
    expect(() => loadConfig({ DATA_DIR: tempDir(), CRAWL_LEASE_SECONDS: '1' })).toThrow(
      /CRAWL_LEASE_SECONDS/,
    );
    expect(() => loadConfig({ DATA_DIR: tempDir(), CRAWL_LEASE_SECONDS: 'soon' })).toThrow(
      /CRAWL_LEASE_SECONDS/,
    );
  });
});
