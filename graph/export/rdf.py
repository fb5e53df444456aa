"""RDF serializations of the graph (Turtle and the other formats rdflib writes)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .atomic import write_atomic

FORMATS = {"turtle": ".ttl", "nt": ".nt", "xml": ".rdf", "json-ld": ".jsonld", "n3": ".n3"}


def serialize(g: Graph, fmt: str = "turtle") -> bytes:
    """Bytes of the graph in ``fmt``; Turtle output is byte-identical for the same graph."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(sorted(FORMATS))}")
    if fmt == "nt":
        lines = sorted(g.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines())
        return ("\n".join(line for line in lines if line.strip()) + "\n").encode("utf-8")
    if fmt == "json-ld":
        return g.serialize(format="json-ld", encoding="utf-8", auto_compact=True, sort_keys=True)
    return g.serialize(format=fmt, encoding="utf-8")


def write_rdf(g: Graph, path: str | Path, fmt: str = "turtle") -> Path:
    return write_atomic(path, serialize(g, fmt))
