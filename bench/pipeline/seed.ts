/** Seeds a workspace with many contacts and one large campaign, straight into the tables. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../server/db/client.ts';
import {
  campaigns,
  contactSocialAccounts,
  contacts,
  deals,
  workspaces,
} from '../../server/db/schema/index.ts';
import { ensureStages } from '../../server/stages/stages.service.ts';

const words = [
  'vegan',
  'oat',
  'fitness',
  'travel',
  'coffee',
  'yoga',
  'tech',
  'garden',
  'bike',
  'book',
  'film',
  'jazz',
];
const first = [
  'Ada',
  'Ben',
  'Cleo',
  'Dan',
  'Eve',
  'Finn',
  'Gia',
  'Hal',
  'Ivy',
  'Jon',
  'Kai',
  'Lea',
  'Mo',
  'Nia',
];

/** A seeded pseudo-random sequence, so every run benchmarks the same data. */
export function rng(seed = 42) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedPipeline(
  db: Db,
  workspaceName: string,
  options: { contacts: number; deals: number; ownerId: string },
) {
  const random = rng();
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.name, workspaceName));
  const contactIds: string[] = [];
  for (let start = 0; start < options.contacts; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, options.contacts - start) }, (_, k) => {
      const i = start + k;
      const name = `${pick(first)} ${pick(words)}${i}`;
      return {
        id: randomUUID(),
        workspaceId: workspace.id,
        name,
        emails: [`creator${i}@example.com`],
        tags: [pick(words), pick(words)],
        notes: `Posts about ${pick(words)} and ${pick(words)}.`,
      };
    });
    await db.insert(contacts).values(batch);
    await db.insert(contactSocialAccounts).values(
      batch.map((c, k) => ({
        workspaceId: workspace.id,
        contactId: c.id,
        platform: k % 2 ? ('bluesky' as const) : ('instagram' as const),
        handle: `creator${start + k}.${pick(words)}`,
      })),
    );
    contactIds.push(...batch.map((c) => c.id));
  }
  const [campaign] = await db
    .insert(campaigns)
    .values({
      workspaceId: workspace.id,
      name: 'Big Launch',
      budgetMinor: 100_000_000,
      ownerId: options.ownerId,
    })
    .returning({ id: campaigns.id });
  const stages = await ensureStages(db, workspace.id);
  const perStage = new Map<string, number>();
  for (let start = 0; start < options.deals; start += 1000) {
    const batch = contactIds.slice(start, Math.min(start + 1000, options.deals)).map((contactId) => {
      const stage = stages[Math.floor(random() ** 1.5 * stages.length)];
      const position = perStage.get(stage.id) ?? 0;
      perStage.set(stage.id, position + 1);
      return {
        workspaceId: workspace.id,
        campaignId: campaign.id,
        contactId,
        stageId: stage.id,
        position,
        currency: 'EUR',
        feeMinor: Math.round(random() * 200) * 1000,
        ownerId: options.ownerId,
        nextAction: random() < 0.3 ? 'Follow up' : '',
        nextActionAt: random() < 0.3 ? new Date(Date.now() + (random() - 0.5) * 14 * 86_400_000) : null,
      };
    });
    await db.insert(deals).values(batch);
  }
  return { workspaceId: workspace.id, campaignId: campaign.id, stages };
}
