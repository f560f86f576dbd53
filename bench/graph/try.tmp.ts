import {
  plantedCommunities,
  scaleFreeDigraph,
  scoreNiche,
  scoreNicheAsync,
  seededRng,
} from '../../graph/index.ts';
import { createWorkerPool } from './worker-pool.ts';

const pool = createWorkerPool(1);
const demo = plantedCommunities({ rng: seededRng(2024) });
const a = scoreNiche(demo, { rng: seededRng(1) });
const b = await scoreNicheAsync(demo, { rng: seededRng(1), executor: pool.betweenness });
let worst = 0;
for (let v = 0; v < a.nodeCount; v++) worst = Math.max(worst, Math.abs(a.betweenness[v] - b.betweenness[v]));
console.log('max diff', worst, a.timings.betweenness, b.timings.betweenness);
const g = scaleFreeDigraph({ nodes: 100_000, edges: 1_000_000, rng: seededRng(3) });
let t = performance.now();
const c = scoreNiche(g, { rng: seededRng(1) });
console.log('sync', performance.now() - t, c.timings);
t = performance.now();
const d = await scoreNicheAsync(g, { rng: seededRng(1), executor: pool.betweenness });
console.log('async', performance.now() - t, d.timings);
await pool.close();
