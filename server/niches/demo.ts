/**
 * A demo niche from the graph engine's seeded generator: planted communities with a few
 * leaders each, two celebrities and some bots. Names and bios are plainly fake and every
 * account says it is demo data, so nobody mistakes it for a real person.
 */
import { plantedCommunities, seededRng } from '../../graph/index.ts';
import type { Db } from '../db/client.ts';
import { niches } from '../db/schema/index.ts';
import { type AccountInput, insertEdges, upsertAccounts } from './niche-store.ts';

const themes = [
  'Vegan baking',
  'Plant-based fitness',
  'Zero-waste kitchen',
  'Fermentation',
  'Meal prep',
  'Street food',
];
const first = [
  'Ada',
  'Bo',
  'Cleo',
  'Dev',
  'Eli',
  'Fen',
  'Gus',
  'Hana',
  'Ivo',
  'Juno',
  'Kai',
  'Lia',
  'Milo',
  'Nia',
  'Oto',
  'Pia',
];
const last = [
  'Leaf',
  'Sprout',
  'Basil',
  'Kale',
  'Miso',
  'Oat',
  'Pepper',
  'Quinoa',
  'Rye',
  'Sage',
  'Tofu',
  'Yuzu',
];

export type DemoOptions = { seed?: number; communities?: number; communitySize?: number; name?: string };

export async function createDemoNiche(
  db: Db,
  workspaceId: string,
  userId: string | null,
  options: DemoOptions = {},
) {
  const rng = seededRng(options.seed ?? 2026);
  const graph = plantedCommunities({
    rng,
    communities: options.communities ?? 6,
    communitySize: options.communitySize ?? 300,
  });
  const leaders = new Set(graph.leaders.flat());
  const celebrities = new Set(graph.celebrities);
  const bots = new Set(graph.bots);
  const now = Date.now();

  const accounts: AccountInput[] = Array.from({ length: graph.nodeCount }, (_, v) => {
    const c = graph.community[v];
    const name = celebrities.has(v)
      ? `Famous Demo Star ${graph.celebrities.indexOf(v) + 1}`
      : `${first[v % first.length]} ${last[Math.floor(v / first.length) % last.length]} ${v}`;
    const theme = c >= 0 ? themes[c % themes.length] : 'Everything';
    const role = celebrities.has(v)
      ? 'celebrity'
      : leaders.has(v)
        ? 'niche leader'
        : bots.has(v)
          ? 'bot-like'
          : 'member';
    const handle = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.demo.invalid`;
    const age = graph.profile.accountAgeDays?.[v];
    return {
      platformId: `demo:${v}`,
      handle,
      displayName: name,
      description: bots.has(v) ? '' : `Demo account (not a real person) · ${theme} · ${role}`,
      avatarUrl: graph.profile.hasAvatar?.[v] ? avatar(name, c) : null,
      followersCount: Math.round(graph.platformFollowers[v]),
      followsCount: numberOrNull(graph.profile.followsCount?.[v]),
      postsCount: numberOrNull(graph.profile.postsCount?.[v]),
      accountCreatedAt:
        age !== undefined && Number.isFinite(age) ? new Date(now - age * 86_400_000).toISOString() : null,
      isAudience: c >= 0 && !bots.has(v),
      profileFetched: true,
      attributes: { demo: true, theme, role, plantedCommunity: c },
    };
  });

  return db.transaction(async (tx) => {
    const name =
      options.name ?? `Demo: plant-based food ${new Date(now).toISOString().slice(0, 16).replace('T', ' ')}`;
    const [niche] = await tx
      .insert(niches)
      .values({
        workspaceId,
        name,
        platform: 'file',
        isDemo: true,
        budget: { maxRequests: 0, maxAccounts: graph.nodeCount, maxMinutes: 0 },
        createdBy: userId,
      })
      .returning();
    const { ids } = await upsertAccounts(tx, niche.id, accounts);
    const idOf = (v: number) => ids.get(`demo:${v}`)!;
    const followers = Array.from(graph.sources, idOf);
    const followed = Array.from(graph.targets, idOf);
    const edges = await insertEdges(tx, niche.id, followers, followed);
    return { niche, accounts: ids.size, edges };
  });
}

const colors = ['#4c6ef5', '#12b886', '#fab005', '#e64980', '#7950f2', '#fd7e14'];

/** A tiny generated picture with the initials, so no image is fetched from anywhere. */
function avatar(name: string, community: number): string {
  const initials = name
    .split(' ')
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  const fill = community >= 0 ? colors[community % colors.length] : '#343a40';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><circle cx="24" cy="24" r="24" fill="${fill}"/><text x="24" y="30" font-size="18" text-anchor="middle" fill="#fff" font-family="sans-serif">${initials}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function numberOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : Math.round(value);
}
