"""Network files for graph tools: GraphML (yEd, Cytoscape) and GEXF (Gephi).

Nodes are keyed by their RDF IRIs, the same identifiers as the RDF exports,
with label, class and top-class attributes; edges carry the relation name.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx

from .atomic import write_atomic

NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf"}


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings (both formats need scalar values) and whose edges
    are numbered in order (GraphML edge ids must be unique in the file)."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: str(v) for k, v in d.items() if isinstance(v, (str, int, float))})
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        H.add_edge(u, v, key=f"e{i}", **{a: str(b) for a, b in d.items() if isinstance(b, (str, int, float))})
    return H


def serialize_network(G: nx.MultiDiGraph, fmt: str) -> bytes:
    if fmt not in NETWORK_FORMATS:
        raise ValueError(f"unknown network format {fmt!r}; known: {', '.join(sorted(NETWORK_FORMATS))}")
    buf = io.BytesIO()
    H = _flat(G)
    if fmt == "graphml":
        nx.write_graphml(H, buf, encoding="utf-8", prettyprint=True)
    else:
        nx.write_gexf(H, buf, encoding="utf-8", prettyprint=True)
    # the writer stamps today's date; drop it so the same graph gives the same bytes
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)


def write_network(G: nx.MultiDiGraph, path: str | Path, fmt: str) -> Path:
    return write_atomic(path, serialize_network(G, fmt))
