import { loadDataset } from './datasets.ts';
import { buildCsr, betweenness, pagerank, hits } from '../../graph/index.ts';
for (const name of ['wiki-vote', 'twitch-ru'] as const) {
  const d = loadDataset(name);
  const csr = buildCsr(d.nodeCount, d.sources, d.targets);
  let t = performance.now();
  const b = betweenness(csr, { samples: d.nodeCount });
  console.log(name, d.nodeCount, csr.edgeCount, 'exact btw', performance.now() - t, b.exact);
  t = performance.now(); const p = pagerank(csr); console.log('pr', performance.now() - t, p.iterations);
  t = performance.now(); const h = hits(csr); console.log('hits', performance.now() - t, h.iterations, h.converged);
}
