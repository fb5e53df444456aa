"""RDF serializations: the merged graph (Turtle, N-Triples, RDF/XML, JSON-LD, N3) and
the dataset with one named graph per report (TriG, N-Quads)."""
from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path
from typing import Iterable

from rdflib import Dataset, Graph, Literal, URIRef

from ..iri import BASE
from .atomic import atomic_open, write_atomic
from .turtle import TurtleWriter, turtle_text

TRIPLE_FORMATS = {"turtle": ".ttl", "nt": ".nt", "xml": ".rdf", "json-ld": ".jsonld", "n3": ".n3"}
QUAD_FORMATS = {"trig": ".trig", "nquads": ".nq"}
FORMATS = {**TRIPLE_FORMATS, **QUAD_FORMATS}


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def _order(term) -> tuple:
    return (not isinstance(term, URIRef), term.n3())


class _SortedView(Graph):
    """A graph over another graph's store whose subjects and properties come out sorted: rdflib's
    RDF/XML writer takes them in the store's order, which depends on the hash seed."""

    def subjects(self, predicate=None, object=None, unique=False):  # noqa: A002 (rdflib's name)
        return iter(sorted(set(super().subjects(predicate, object)), key=_order))

    def predicate_objects(self, subject=None, unique=False):
        return iter(sorted(set(super().predicate_objects(subject)), key=lambda po: (_order(po[0]), _order(po[1]))))


def _canonical_json(node):
    """JSON-LD with the nodes and the values of every property in a fixed order (@list keeps its own)."""
    if isinstance(node, dict):
        return {k: [_canonical_json(x) for x in v] if k == "@list" and isinstance(v, list) else _canonical_json(v)
                for k, v in node.items()}
    if isinstance(node, list):
        items = [_canonical_json(x) for x in node]
        return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    return node


# characters XML 1.0 cannot hold at all, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(g: Graph) -> Graph:
    """The graph with characters that XML cannot hold replaced by U+FFFD (in literals only)."""
    if not any(isinstance(o, Literal) and _NOT_XML.search(str(o)) for o in g.objects()):
        return g
    h = Graph()
    for prefix, ns in g.namespaces():
        h.bind(prefix, ns, override=True)
    for s, p, o in g:
        if isinstance(o, Literal) and _NOT_XML.search(str(o)):
            o = Literal(_NOT_XML.sub("\ufffd", str(o)), lang=o.language, datatype=o.datatype)
        h.add((s, p, o))
    return h


def serialize(g: Graph, fmt: str = "turtle") -> bytes:
    """Bytes of the graph in ``fmt``; the output is byte-identical for the same graph, whatever
    the hash seed."""
    if fmt not in TRIPLE_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; known: {', '.join(sorted(TRIPLE_FORMATS))}")
    if fmt == "nt":
        return _sorted_lines(g.serialize(format="nt", encoding="utf-8"))
    if fmt == "turtle":
        return turtle_text(g).encode("utf-8")
    if fmt == "json-ld":
        data = json.loads(g.serialize(format="json-ld", encoding="utf-8", auto_compact=True, sort_keys=True))
        return (json.dumps(_canonical_json(data), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "xml":
        safe = _xml_safe(g)
        view = _SortedView(store=safe.store, identifier=safe.identifier, namespace_manager=safe.namespace_manager)
        return view.serialize(format="xml", encoding="utf-8")
    return g.serialize(format=fmt, encoding="utf-8")


def to_dataset(parts: dict[URIRef, Graph]) -> Dataset:
    """An rdflib Dataset with one named graph per part (prefixes taken from the parts)."""
    ds = Dataset()
    for part in parts.values():
        for prefix, ns in part.namespaces():
            ds.bind(prefix, ns, override=True)
    for name in ordered(parts):
        named = ds.graph(name)
        for triple in parts[name]:
            named.add(triple)
    return ds


def ordered(names: Iterable[URIRef]) -> list[URIRef]:
    """Named graphs in file order: the ontology first, then the rest by IRI."""
    return sorted(names, key=lambda n: (not str(n).endswith("/graph/ontology"), str(n)))


def _prefixes(graphs: Iterable[Graph]) -> list[tuple[str, str]]:
    found: dict[str, str] = {}
    for g in graphs:
        for p, ns in g.namespaces():
            found.setdefault(p, str(ns))
    return sorted(found.items())


# Subjects under these IRIs are made by one report only, so the union never meets them twice.
_REPORT_SCOPED = (f"{BASE}report/", f"{BASE}statement/", f"{BASE}observation/")


def stream_rdf(parts: Iterable[tuple[URIRef, Graph]], targets: dict[str, Path],
               prefixes: Iterable[tuple[str, str]], counts: dict | None = None) -> list[Path]:
    """Write the named parts, one at a time, as Turtle (their union) and/or TriG (one block each).

    ``targets`` maps "turtle" and/or "trig" to paths.  Only one part is held at a time; for the
    union, triples about entities, indicators and other shared subjects are written once.  Pieces
    of one report's graph (build.iter_parts gives them one after another under the same name) go
    into one TriG block, its shared triples once.

    ``counts``, when given, receives the triples written: under "union" those of the Turtle file
    and under each graph name those of its TriG block.
    """
    unknown = set(targets) - {"turtle", "trig"}
    if unknown:
        raise ValueError(f"stream_rdf writes turtle and trig, not {sorted(unknown)}")
    prefixes = list(prefixes)
    with contextlib.ExitStack() as stack:
        writers = {fmt: TurtleWriter(stack.enter_context(atomic_open(path)), prefixes) for fmt, path in targets.items()}
        for w in writers.values():
            w.head()
        seen: set[tuple[str, str, str]] = set()  # shared triples in the union so far
        in_graph: set[tuple[str, str, str]] = set()  # shared triples in the TriG block so far
        open_name = None
        trig = writers.get("trig")
        for name, part in parts:
            if trig is not None:
                if name != open_name:
                    if open_name is not None:
                        trig.out.write("}\n\n")
                    trig.out.write(f"{trig.term(name)} {{\n")
                    open_name, in_graph = name, set()
                before = trig.triples
                trig.body(part, keep=lambda t, term: _new(t, in_graph, term), indent="    ")
                if counts is not None:
                    counts[name] = counts.get(name, 0) + trig.triples - before
            if "turtle" in writers:
                writers["turtle"].block(part, keep=lambda t, term: _new(t, seen, term))
        if counts is not None and "turtle" in writers:
            counts["union"] = writers["turtle"].triples
        if trig is not None and open_name is not None:
            trig.out.write("}\n\n")
    return list(targets.values())


def _new(t: tuple, seen: set, term) -> bool:
    """Whether the union has not had this triple yet (report-scoped subjects are always new)."""
    if isinstance(t[0], URIRef) and str(t[0]).startswith(_REPORT_SCOPED):
        return True
    key = (term(t[0]), term(t[1]), term(t[2]))
    if key in seen:
        return False
    seen.add(key)
    return True


def serialize_dataset(parts: dict[URIRef, Graph], fmt: str = "trig") -> bytes:
    """Bytes of the named graphs in a quad format (TriG or N-Quads), byte-identical for the same graphs."""
    if fmt not in QUAD_FORMATS:
        raise ValueError(f"unknown quad format {fmt!r}; known: {', '.join(sorted(QUAD_FORMATS))}")
    if fmt == "nquads":
        return _sorted_lines(to_dataset(parts).serialize(format="nquads", encoding="utf-8"))
    buf = io.StringIO()
    writer = TurtleWriter(buf, _prefixes(parts.values()))
    writer.head()
    for name in ordered(parts):
        writer.block(parts[name], name=name)
    return buf.getvalue().encode("utf-8")


def write_rdf(g: Graph, path: str | Path, fmt: str = "turtle") -> Path:
    return write_atomic(path, serialize(g, fmt))


def write_dataset(parts: dict[URIRef, Graph], path: str | Path, fmt: str = "trig") -> Path:
    return write_atomic(path, serialize_dataset(parts, fmt))
