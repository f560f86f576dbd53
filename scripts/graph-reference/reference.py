#!/usr/bin/python3
"""Reference values for Murmur's graph engine tests.

Computes PageRank, HITS, coreness and exact betweenness with python-igraph
(cross-checked with networkx) on the shared datasets and writes small JSON
fixtures to graph/fixtures/. The datasets are never copied.

Run from the repository root with Debian's Python (apt-get install
python3-igraph python3-networkx):

    /usr/bin/python3 scripts/graph-reference/reference.py [--datasets ../shared/datasets]

Node indices: the sorted distinct account ids of each edge file, so
index i is the i-th smallest id. The test loader does the same.
"""
import argparse
import csv
import json
import os
import sys
import time

import igraph
import networkx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOP = 100
PARTIAL_SOURCES = 64
SUBGRAPH_NODES = 1500


def read_edges(path):
    delimiter = '\t' if path.endswith('.tsv') else ','
    pairs = []
    with open(path, newline='') as handle:
        for row in csv.reader(handle, delimiter=delimiter):
            if not row or row[0].startswith('#') or not row[0].strip().lstrip('-').isdigit():
                continue
            pairs.append((int(row[0]), int(row[1])))
    return pairs


def load(path, mutual):
    pairs = read_edges(path)
    ids = sorted({x for pair in pairs for x in pair})
    index = {node: i for i, node in enumerate(ids)}
    edges = set()
    for a, b in pairs:
        if a == b:
            continue
        edges.add((index[a], index[b]))
        if mutual:
            edges.add((index[b], index[a]))
    return len(ids), sorted(edges)


def top(values, k=TOP):
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))[:k]
    return [[i, float('%.12g' % values[i])] for i in order]


def rounded(values, digits=10):
    return [float('%.*g' % (digits, x)) for x in values]


def reference(name, rel_path, mutual, datasets):
    n, edges = load(os.path.join(datasets, rel_path), mutual)
    g = igraph.Graph(n=n, edges=edges, directed=True)
    timings = {}

    start = time.time()
    pagerank = g.pagerank(damping=0.85, directed=True, implementation='prpack')
    timings['pagerank'] = time.time() - start

    nxg = networkx.DiGraph()
    nxg.add_nodes_from(range(n))
    nxg.add_edges_from(edges)
    nx_pagerank = networkx.pagerank(nxg, alpha=0.85, tol=1e-13, max_iter=10000)
    pagerank_gap = max(abs(pagerank[i] - nx_pagerank[i]) for i in range(n))

    start = time.time()
    hubs = g.hub_score(scale=False)
    authorities = g.authority_score(scale=False)
    timings['hits'] = time.time() - start
    hubs = [h / sum(hubs) for h in hubs]
    authorities = [a / sum(authorities) for a in authorities]

    start = time.time()
    coreness = g.as_undirected(mode='collapse').coreness()
    timings['coreness'] = time.time() - start
    nx_core = networkx.core_number(networkx.Graph(nxg.to_undirected()))
    assert all(nx_core[i] == coreness[i] for i in range(n)), 'igraph and networkx coreness differ'

    start = time.time()
    raw = g.betweenness(directed=True)
    timings['betweenness'] = time.time() - start
    # Brandes sums over sources are additive: the sum over a fixed set of sources
    # lets a fast test check the kernel exactly on the full dataset.
    partial_sources = [i * (n // PARTIAL_SOURCES) for i in range(PARTIAL_SOURCES)]
    nx_partial = networkx.betweenness_centrality_subset(nxg, partial_sources, list(range(n)), normalized=False)
    partial = [nx_partial[i] for i in range(n)]
    scale = 1 / ((n - 1) * (n - 2))
    betweenness = [b * scale for b in raw]

    # Exact betweenness of the subgraph induced by the first SUBGRAPH_NODES indices:
    # small enough for a fast test to recompute every value.
    sub_n = min(n, SUBGRAPH_NODES)
    sub = igraph.Graph(n=sub_n, edges=[(a, b) for a, b in edges if a < sub_n and b < sub_n], directed=True)
    sub_scale = 1 / ((sub_n - 1) * (sub_n - 2))
    subgraph = {
        'nodeCount': sub_n,
        'edgeCount': sub.ecount(),
        'betweenness': rounded([b * sub_scale for b in sub.betweenness(directed=True)], 12),
    }

    return {
        'dataset': rel_path,
        'mutual': mutual,
        'nodeCount': n,
        'edgeCount': len(edges),
        'tools': {'igraph': igraph.__version__, 'networkx': networkx.__version__, 'python': sys.version.split()[0]},
        'notes': 'PageRank: igraph PRPACK, damping 0.85, dangling mass spread uniformly; networkx max abs gap '
        + '%.3g. HITS: igraph hub/authority scores (principal singular vectors) normalized to sum 1. '
        % pagerank_gap
        + 'Coreness: undirected simple graph, igraph == networkx. Betweenness: exact, directed, / (n-1)(n-2); '
        + 'betweennessPartial: networkx betweenness_centrality_subset, unnormalized, over the listed sources only. '
        + 'subgraph: exact betweenness of the subgraph induced by indices < %d.' % SUBGRAPH_NODES,
        'seconds': timings,
        'pagerankTop': top(pagerank),
        'hubsTop': top(hubs),
        'authoritiesTop': top(authorities),
        'coreness': coreness,
        'betweenness': rounded(betweenness),
        'subgraph': subgraph,
        'betweennessPartial': {
            'sources': partial_sources,
            'sum': sum(partial),
            'top': top(partial, 200),
        },
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--datasets', default=os.path.join(ROOT, '..', 'shared', 'datasets'))
    parser.add_argument('--out', default=os.path.join(ROOT, 'graph', 'fixtures'))
    args = parser.parse_args()
    jobs = [('wiki-vote', 'wiki-vote/edges.tsv', False), ('twitch-ru', 'twitch-ru/edges.csv', True)]
    for name, rel_path, mutual in jobs:
        result = reference(name, rel_path, mutual, args.datasets)
        target = os.path.join(args.out, 'reference-%s.json' % name)
        with open(target, 'w') as handle:
            json.dump(result, handle, separators=(',', ':'))
            handle.write('\n')
        print('wrote %s (%d nodes, %d edges)' % (target, result['nodeCount'], result['edgeCount']))


if __name__ == '__main__':
    main()
