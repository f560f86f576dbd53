import { describe, expect, it } from 'vitest';
import { parseProfile } from './profile-url.ts';

describe('parseProfile', () => {
  it('reads bare handles as the column platform', () => {
    expect(parseProfile('@vera.eats', 'instagram')).toEqual({ platform: 'instagram', handle: 'vera.eats' });
    expect(parseProfile(' benbean ', 'tiktok')).toEqual({ platform: 'tiktok', handle: 'benbean' });
    expect(parseProfile('@ana@mastodon.social', 'mastodon')).toEqual({
      platform: 'mastodon',
      handle: 'ana@mastodon.social',
    });
    expect(parseProfile('  ', 'x')).toBeNull();
  });

  it('reads profile links into platform and handle, whatever the column', () => {
    const cases: [string, string, string][] = [
      ['https://bsky.app/profile/ana.bsky.social', 'bluesky', 'ana.bsky.social'],
      ['https://www.instagram.com/vera.eats/', 'instagram', 'vera.eats'],
      ['instagram.com/vera.eats?igsh=abc', 'instagram', 'vera.eats'],
      ['https://www.tiktok.com/@vera.eats', 'tiktok', 'vera.eats'],
      ['https://m.youtube.com/@VeraEats/videos', 'youtube', 'VeraEats'],
      ['https://youtube.com/c/VeraEats', 'youtube', 'VeraEats'],
      ['https://twitter.com/vera', 'x', 'vera'],
      ['https://x.com/vera/status/1', 'x', 'vera'],
      ['https://vk.com/vera_eats', 'vk', 'vera_eats'],
      ['https://www.twitch.tv/vera', 'twitch', 'vera'],
      ['https://t.me/vera', 'telegram', 'vera'],
      ['https://mastodon.social/@ana', 'mastodon', 'ana@mastodon.social'],
      ['https://fosstodon.org/@ana/1123', 'mastodon', 'ana@fosstodon.org'],
    ];
    for (const [cell, platform, handle] of cases)
      expect(parseProfile(cell, 'other'), cell).toEqual({ platform, handle });
  });

  it('gives up on links that name no profile', () => {
    expect(parseProfile('https://bsky.app/', 'bluesky')).toBeNull();
    expect(parseProfile('https://instagram.com/', 'instagram')).toBeNull();
    expect(parseProfile('https://example.com/about', 'instagram')).toBeNull();
  });
});
