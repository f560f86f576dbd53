/**
 * Per-workspace measurement settings: the inputs of the advertising-equivalent estimate (CPM per
 * platform, impressions per account reached) and the Bluesky account used only for post search,
 * whose app password is sealed with the server secret (purpose "bluesky") and never sent back.
 */
import { eq } from 'drizzle-orm';
import type { BlueskyLogin } from '../adapters/platforms/bluesky-posts.ts';
import type { Db } from '../db/client.ts';
import { measurementSettings } from '../db/schema/index.ts';
import { secretBox } from '../lib/secret-box.ts';

export const EMV_DEFAULTS = {
  currency: 'EUR',
  cpmBlueskyMinor: 500,
  cpmMastodonMinor: 300,
  impressionsPerReach: 0.3,
};

export async function getSettings(db: Db, workspaceId: string) {
  const [row] = await db
    .select()
    .from(measurementSettings)
    .where(eq(measurementSettings.workspaceId, workspaceId));
  return {
    currency: row?.currency ?? EMV_DEFAULTS.currency,
    cpmBlueskyMinor: row?.cpmBlueskyMinor ?? EMV_DEFAULTS.cpmBlueskyMinor,
    cpmMastodonMinor: row?.cpmMastodonMinor ?? EMV_DEFAULTS.cpmMastodonMinor,
    impressionsPerReach: row?.impressionsPerReach ?? EMV_DEFAULTS.impressionsPerReach,
    blueskyIdentifier: row?.blueskyIdentifier ?? null,
    blueskyServiceUrl: row?.blueskyServiceUrl ?? null,
    hasBlueskyPassword: !!row?.blueskyPasswordSealed,
  };
}

export type SettingsInput = {
  currency?: string;
  cpmBlueskyMinor?: number;
  cpmMastodonMinor?: number;
  impressionsPerReach?: number;
  /** null removes the account. */
  bluesky?: { identifier: string; appPassword: string; serviceUrl?: string | null } | null;
};

export async function saveSettings(
  db: Db,
  secret: string,
  workspaceId: string,
  input: SettingsInput,
  now: Date,
) {
  const { bluesky, ...emv } = input;
  const login =
    bluesky === undefined
      ? {}
      : bluesky === null
        ? { blueskyIdentifier: null, blueskyPasswordSealed: null, blueskyServiceUrl: null }
        : {
            blueskyIdentifier: bluesky.identifier,
            blueskyPasswordSealed: secretBox(secret, 'bluesky').seal(bluesky.appPassword),
            blueskyServiceUrl: bluesky.serviceUrl ?? null,
          };
  await db
    .insert(measurementSettings)
    .values({ workspaceId, ...emv, ...login, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: measurementSettings.workspaceId,
      set: { ...emv, ...login, updatedAt: now },
    });
  return getSettings(db, workspaceId);
}

export async function blueskyLogin(
  db: Db,
  secret: string,
  workspaceId: string,
): Promise<BlueskyLogin | undefined> {
  const [row] = await db
    .select()
    .from(measurementSettings)
    .where(eq(measurementSettings.workspaceId, workspaceId));
  if (!row?.blueskyIdentifier || !row.blueskyPasswordSealed) return undefined;
  return {
    identifier: row.blueskyIdentifier,
    password: secretBox(secret, 'bluesky').open(row.blueskyPasswordSealed),
    serviceUrl: row.blueskyServiceUrl ?? undefined,
  };
}
