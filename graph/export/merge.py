"""graph.ttl and graph.trig from the parts the workers made (graph/parts.py), in one pass.

What the main process still does, because it is corpus-wide:
- each entity's description (class, label, aliases, code), voted across reports
  (pipeline.merge_entities), is added to the entity's subject in the report's graph;
- the union (graph.ttl) writes a triple about a shared subject (an entity, an indicator, a
  data set) once, where it first comes; a TriG block holds it once;
- a report whose entity's code differs from the corpus-wide one has its part made again here,
  with that code (its administrative hierarchy follows the code);
- the parts are written one after another in the order of their graph IRIs.

Everything else is the workers' text, written as it is.  The bytes are those that
export/rdf.stream_rdf writes for the same graph.
"""
from __future__ import annotations

import contextlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from .atomic import atomic_open
from .turtle import TurtleWriter, statement

INDENT = "    "


def _indented(text: str) -> str:
    """Statements as a TriG block holds them: every line indented."""
    return INDENT + text[:-1].replace("\n", "\n" + INDENT) + "\n"


def descriptions(entities, terms) -> Iterator:
    """A function: entity key -> its corpus-wide description {written predicate: {written objects}}."""
    from ..parts import DCTERMS, GOV, RDFS, SKOS

    label, alt, ident = terms.iri(RDFS + "label"), terms.iri(SKOS + "altLabel"), terms.iri(DCTERMS + "identifier")

    def describe(key: str) -> dict[str, set[str]]:
        e = entities[key]
        preds = {"a": {terms.iri(GOV + e.cls)}, label: {terms.literal(e.label, "zh")}}
        if e.aliases:
            preds[alt] = {terms.literal(a, "zh") for a in e.aliases}
        if e.code:
            preds[ident] = {terms.literal(e.code)}
        return preds

    return describe


class PartWriter:
    """Writes named parts, one at a time, as Turtle (their union) and/or TriG (one block each)."""

    def __init__(self, outs: dict, prefixes, entities, counts: dict | None = None, summary=None):
        self.writers = {fmt: TurtleWriter(out, prefixes) for fmt, out in outs.items()}
        self.turtle, self.trig = self.writers.get("turtle"), self.writers.get("trig")
        self.describe = descriptions(entities, self.trig.names if self.trig else self.turtle.names)
        self.counts = counts
        self.summary = summary  # graph/summary.Summary: counts the shared subjects as written
        self.seen: set = set()  # shared triples in the union so far
        self.union = 0
        for w in self.writers.values():
            w.head()

    def write(self, name: str, pieces: list, key_of=None) -> None:
        """One named graph: ``pieces`` as graph/parts.py lays them out."""
        trig, turtle = self.trig, self.turtle
        in_graph: set = set()
        block = 0
        if trig is not None:
            trig.out.write(f"{trig.names.iri(name)} {{\n")
        for i, piece in enumerate(pieces):
            g_out: list[str] = []
            u_out: list[str] = []
            for chunk in piece:
                if chunk[0] == "t":
                    if trig is not None:
                        g_out.append(_indented(chunk[1]))
                    u_out.append(chunk[1])
                    block += chunk[2]
                    self.union += chunk[2]
                    continue
                _, s, preds, key = chunk
                have = {p: set(objs) for p, objs in preds}
                if key and i == 0:
                    for p, objs in self.describe(key).items():
                        have.setdefault(p, set()).update(objs)
                if self.summary is not None:
                    self.summary.subject(s, have)
                if trig is not None:
                    kept, n = _unseen(s, have, in_graph)
                    if n:
                        g_out.append(statement(s, kept, INDENT))
                        block += n
                if turtle is not None:
                    kept, n = _unseen(s, have, self.seen)
                    if n:
                        u_out.append(statement(s, kept))
                        self.union += n
            if trig is not None:
                trig.out.write("".join(g_out))
            if turtle is not None:
                turtle.out.write("".join(u_out) + "\n")
        if trig is not None:
            trig.out.write("}\n\n")
            if self.counts is not None:
                self.counts[name] = self.counts.get(name, 0) + block

    def close(self) -> None:
        if self.counts is not None and self.turtle is not None:
            self.counts["union"] = self.union


def _unseen(s: str, preds: dict[str, set[str]], seen: set) -> tuple[dict[str, set[str]], int]:
    kept: dict[str, set[str]] = {}
    n = 0
    for p, objs in preds.items():
        for o in objs:
            t = (s, p, o)
            if t in seen:
                continue
            seen.add(t)
            kept.setdefault(p, set()).add(o)
            n += 1
    return kept, n


def graph_pieces(g, writer: TurtleWriter) -> list:
    """An rdflib graph (the ontology's) as one piece of "s" chunks (none of its subjects is a report's)."""
    by_subject: dict[str, dict[str, set[str]]] = {}
    term = writer.term
    from rdflib import RDF

    for s, p, o in g:
        by_subject.setdefault(term(s), {}).setdefault("a" if p == RDF.type else term(p), set()).add(term(o))
    return [[["s", s, [[p, sorted(objs)] for p, objs in sorted(preds.items())], ""]
             for s, preds in sorted(by_subject.items())]]


@lru_cache(maxsize=1)
def ontology_pieces() -> list:
    """The ontology graph (build.new_graph) as pieces: the same for every build."""
    import io

    from ..build import new_graph
    from ..parts import write_prefixes

    return graph_pieces(new_graph(True), TurtleWriter(io.StringIO(), write_prefixes()))


def write_parts(parts: Iterable[tuple[str, list]], targets: dict[str, Path], prefixes, entities,
                counts: dict | None = None, summary=None) -> list[Path]:
    """Write (graph IRI, pieces) pairs, in the order given, to the "turtle" and/or "trig" paths of
    ``targets``; ``counts`` receives the triples of the union ("union") and of each block (by IRI);
    ``summary`` (graph/summary.Summary) sees every shared subject written."""
    unknown = set(targets) - {"turtle", "trig"}
    if unknown:
        raise ValueError(f"write_parts writes turtle and trig, not {sorted(unknown)}")
    with contextlib.ExitStack() as stack:
        outs = {fmt: stack.enter_context(atomic_open(path)) for fmt, path in targets.items()}
        w = PartWriter(outs, prefixes, entities, counts, summary)
        for name, pieces in parts:
            w.write(name, pieces)
        w.close()
    return list(targets.values())
