const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat();

/** 12 345 → "12.3K"; unknown → "—". */
export const formatCount = (n: number | null | undefined) => (n == null ? '—' : compact.format(n));
export const formatWhole = (n: number | null | undefined) => (n == null ? '—' : whole.format(n));
export const formatScore = (n: number | null | undefined) => (n == null ? '—' : n.toFixed(1));
export const formatPercent = (n: number | null | undefined, digits = 1) =>
  n == null ? '—' : `${(n * 100).toFixed(digits)}%`;
/** Small metric values (PageRank ~1e-5) stay readable. */
export const formatMetric = (n: number | null | undefined) =>
  n == null ? '—' : Math.abs(n) >= 100 ? whole.format(Math.round(n)) : n === 0 ? '0' : n.toPrecision(3);

export function formatDuration(seconds: number | null | undefined) {
  if (seconds == null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export const platformLabel: Record<string, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  file: 'Imported file',
};

export const statusLabel: Record<string, string> = {
  idle: 'Idle',
  crawling: 'Crawling',
  paused: 'Paused',
  importing: 'Importing',
  scoring: 'Scoring',
  ready: 'Ready',
  failed: 'Failed',
};

export const componentLabel: Record<string, string> = {
  inDegree: 'Followers in niche graph',
  platformFollowers: 'Platform followers',
  reach: 'Two-hop reach',
  pagerank: 'PageRank',
  authorities: 'Authority (HITS)',
  hubs: 'Hub (HITS)',
  betweenness: 'Betweenness',
  coreness: 'Coreness',
  nicheAffinity: 'Niche affinity',
  audienceQuality: 'Audience quality',
};

/** Why a component was left out of a niche's score. */
export const exclusionText: Record<string, string> = {
  'no-data': 'no data in this niche',
  'same-for-all': 'the same for every account',
};

/** An imported file's cell as read: numbers grouped, yes/no for booleans, empty as "—". */
export function formatAttribute(value: string | number | boolean | null | undefined): string {
  if (value == null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return whole.format(value);
  return value;
}

/** Community colours, repeated beyond the palette. */
const palette = [
  '#3b5bdb',
  '#e8590c',
  '#2b8a3e',
  '#c2255c',
  '#7048e8',
  '#0c8599',
  '#f08c00',
  '#5c940d',
  '#a61e4d',
  '#1971c2',
  '#862e9c',
  '#495057',
];
export const communityColor = (c: number) => (c < 0 ? '#adb5bd' : palette[c % palette.length]);

/** Background errors can carry whole SQL statements: show their first line, shortened. */
export function shortError(message: string | null | undefined): string {
  const line = (message ?? '').split('\n')[0];
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
