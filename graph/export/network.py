"""Network files for graph tools: GraphML (yEd, Cytoscape) and GEXF (Gephi).

Nodes are keyed by their RDF IRIs, the same identifiers as the RDF exports,
with label, class, top-class, aliases and reports; edges carry the relation name
(``predicate``), its kinds (the sub-properties: builds, completes, …), statuses and phases.
List values are joined with " | ".
"""
from __future__ import annotations

import io
import re
from pathlib import Path

import networkx as nx

from .atomic import write_atomic

NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf"}


SEP = " | "
# list attributes kept, joined by SEP: an entity's aliases and reports, a relation's kinds (builds,
# completes, …), statuses and phases.  Evidence and stories (lists of records) stay in the RDF.
LISTS = ("aliases", "reports", "kinds", "statuses", "phases")


def _scalars(d: dict) -> dict:
    out = {k: str(v) for k, v in d.items() if isinstance(v, (str, int, float))}
    for k in LISTS:
        if isinstance(d.get(k), list):
            out[k] = SEP.join(str(x) for x in d[k])
    return out


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are all strings (both formats need scalar values; lists are joined)
    and whose edges are numbered in order (GraphML edge ids must be unique in the file)."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **_scalars(d))
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        H.add_edge(u, v, key=f"e{i}", **_scalars(d))
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
