#!/usr/bin/python3
"""Times graph-tool and python-igraph on the same edge list as Murmur's bench.

Usage: /usr/bin/python3 bench/graph/python-bench.py EDGES.bin NODES SOURCES.bin
EDGES.bin holds int32 (source, target) pairs; SOURCES.bin the int32 betweenness
pivots. Prints one JSON object: {"graph-tool": {...}, "igraph": {...}} with
seconds per metric and peak RSS in MB; a tool that is not installed is left out.
"""
import json
import resource
import sys
import time

import numpy

path, nodes, pivots_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
result = {}


def timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


try:
    import graph_tool.all as gt

    row = {'threads': gt.openmp_get_num_threads()}

    def load_gt():
        edges = numpy.fromfile(path, dtype=numpy.int32).reshape(-1, 2)
        g = gt.Graph(directed=True)
        g.add_vertex(nodes)
        g.add_edge_list(edges)
        return g

    g, row['load'] = timed(load_gt)
    _, row['pagerank'] = timed(lambda: gt.pagerank(g, damping=0.85, epsilon=1e-10))
    _, row['hits'] = timed(lambda: gt.hits(g, epsilon=1e-10))
    _, row['coreness'] = timed(lambda: gt.kcore_decomposition(gt.GraphView(g, directed=False)))
    pivots = numpy.fromfile(pivots_path, dtype=numpy.int32)
    _, row['betweenness'] = timed(lambda: gt.betweenness(g, pivots=pivots))
    row['peakMB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result['graph-tool'] = row
    del g
except ImportError:
    pass

try:
    import igraph

    row = {'threads': 1}

    def load_ig():
        edges = numpy.fromfile(path, dtype=numpy.int32).reshape(-1, 2)
        return igraph.Graph(n=nodes, edges=edges.tolist(), directed=True)

    g, row['load'] = timed(load_ig)
    _, row['pagerank'] = timed(lambda: g.pagerank(damping=0.85))
    _, row['hits'] = timed(lambda: (g.hub_score(), g.authority_score()))
    _, row['coreness'] = timed(lambda: g.coreness(mode='all'))
    row['peakMB'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result['igraph'] = row
except ImportError:
    pass

print(json.dumps(result))
