"""RDF serializations: the merged graph (Turtle, N-Triples, RDF/XML, JSON-LD, N3) and
the dataset with one named graph per report (TriG, N-Quads)."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from .atomic import write_atomic

TRIPLE_FORMATS = {"turtle": ".ttl", "nt": ".nt", "xml": ".rdf", "json-ld": ".jsonld", "n3": ".n3"}
QUAD_FORMATS = {"trig": ".trig", "nquads": ".nq"}
FORMATS = {**TRIPLE_FORMATS, **QUAD_FORMATS}


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def serialize(g: Graph, fmt: str = "turtle") -> bytes:
    """Bytes of the graph in ``fmt``; the output is byte-identical for the same graph."""
    if fmt not in TRIPLE_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(sorted(TRIPLE_FORMATS))}")
    if fmt == "nt":
        return _sorted_lines(g.serialize(format="nt", encoding="utf-8"))
    if fmt == "json-ld":
        return g.serialize(format="json-ld", encoding="utf-8", auto_compact=True, sort_keys=True)
    return g.serialize(format=fmt, encoding="utf-8")


def to_dataset(parts: dict[URIRef, Graph]) -> Dataset:
    """An rdflib Dataset with one named graph per part (prefixes taken from the parts)."""
    ds = Dataset()
    for part in parts.values():
        for prefix, ns in part.namespaces():
            ds.bind(prefix, ns, override=True)
    for name in sorted(parts):
        named = ds.graph(name)
        for triple in parts[name]:
            named.add(triple)
    return ds


def _trig(parts: dict[URIRef, Graph]) -> bytes:
    """TriG written as each named graph's Turtle (deterministic) inside its graph block, in IRI order.

    rdflib's own TriG writer orders graphs by hash, so its output changes from run to run."""
    prefixes: dict[str, str] = {}
    blocks = []
    for name in sorted(parts):
        text = parts[name].serialize(format="turtle")
        lines = text.split("\n")
        i = 0
        while i < len(lines) and (lines[i].startswith("@prefix ") or not lines[i].strip()):
            if lines[i].strip():
                _, prefix, ns, _dot = lines[i].split()
                if prefixes.setdefault(prefix, ns) != ns:  # one prefix, two namespaces: let rdflib write it
                    return to_dataset(parts).serialize(format="trig", encoding="utf-8")
            i += 1
        body = "\n".join(lines[i:]).rstrip()  # verbatim: a long literal may span lines
        blocks.append(f"<{name}> {{\n{body}\n}}\n")
    head = "".join(f"@prefix {p} {ns} .\n" for p, ns in sorted(prefixes.items()))
    return (head + "\n" + "\n".join(blocks)).encode("utf-8")


def serialize_dataset(parts: dict[URIRef, Graph], fmt: str = "trig") -> bytes:
    """Bytes of the named graphs in a quad format (TriG or N-Quads), byte-identical for the same graphs."""
    if fmt not in QUAD_FORMATS:
        raise ValueError(f"unknown quad format {fmt!r}; known: {', '.join(sorted(QUAD_FORMATS))}")
    if fmt == "nquads":
        return _sorted_lines(to_dataset(parts).serialize(format="nquads", encoding="utf-8"))
    return _trig(parts)


def write_rdf(g: Graph, path: str | Path, fmt: str = "turtle") -> Path:
    return write_atomic(path, serialize(g, fmt))


def write_dataset(parts: dict[URIRef, Graph], path: str | Path, fmt: str = "trig") -> Path:
    return write_atomic(path, serialize_dataset(parts, fmt))
