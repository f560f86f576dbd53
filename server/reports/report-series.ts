/**
 * Reach and engagement over time, at every snapshot time: engagements summed over each post's
 * latest snapshot so far; reach = direct reach of the posts out by then + each post's earned
 * reach in proportion to the share of its resharers who had reshared by then. Posts' reach
 * overlaps (an account reached by two posts), so the line is scaled to end at the campaign's
 * reach with each account counted once.
 */
import type { ReportData } from './report-data.ts';

type SeriesPost = {
  id: string;
  postedAt: string;
  directReach: number | null;
  earnedReach: { value: number };
};

export function reportSeries(data: ReportData, posts: SeriesPost[], campaignReach: number | null) {
  const added = posts.reduce((a, p) => a + (p.directReach ?? 0) + p.earnedReach.value, 0);
  const scale = campaignReach === null || added === 0 ? 1 : campaignReach / added;
  const times = [...new Set(data.snapshots.map((s) => s.at.getTime()))].sort((a, b) => a - b);
  const latest = new Map<string, number>();
  const reshareTimes = new Map<string, number[]>();
  for (const r of data.resharers)
    reshareTimes.set(r.trackedPostId, [...(reshareTimes.get(r.trackedPostId) ?? []), r.at.getTime()]);
  const snapshotsByTime = new Map<number, typeof data.snapshots>();
  for (const s of data.snapshots)
    snapshotsByTime.set(s.at.getTime(), [...(snapshotsByTime.get(s.at.getTime()) ?? []), s]);
  const points = times.map((t) => {
    for (const s of snapshotsByTime.get(t) ?? [])
      latest.set(s.trackedPostId, s.likes + s.reposts + s.quotes + s.replies);
    let reach = 0;
    for (const p of posts) {
      if (Date.parse(p.postedAt) > t) continue;
      const all = reshareTimes.get(p.id) ?? [];
      const by = all.filter((x) => x <= t).length;
      reach += (p.directReach ?? 0) + (all.length ? (p.earnedReach.value * by) / all.length : 0);
    }
    return {
      at: new Date(t).toISOString(),
      engagements: [...latest.values()].reduce((a, v) => a + v, 0),
      reach: Math.round(reach * scale),
    };
  });
  return points;
}
