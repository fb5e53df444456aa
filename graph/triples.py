"""A plain set of triples: what one report's named graph is while a build assembles and writes it.

Adding a triple to an rdflib ``Graph`` costs about 20 µs (its store keeps
contexts and fires events), which made assembling the graph the slowest stage
of a build.  A build only needs to collect a report's triples, write them and
read a few back for the networkx view, so it collects them in a set and
answers the handful of rdflib lookups that view uses from an index made on
first use.  ``to_graph`` gives an rdflib Graph when the API asks for one.
"""
from __future__ import annotations

from functools import cached_property
from typing import Iterator

from rdflib import Graph


class Triples(set):
    """A set of (s, p, o) rdflib terms with rdflib's lookups: value, objects, subjects,
    subject_objects, transitive_subjects.  Add every triple before the first lookup."""

    @cached_property
    def _by_predicate(self) -> dict:
        index: dict = {}
        for s, p, o in self:
            index.setdefault(p, {}).setdefault(s, []).append(o)
        return index

    def subject_objects(self, p) -> Iterator[tuple]:
        for s, objs in self._by_predicate.get(p, {}).items():
            for o in objs:
                yield s, o

    def objects(self, s, p) -> Iterator:
        yield from self._by_predicate.get(p, {}).get(s, ())

    def subjects(self, p, o) -> Iterator:
        for s, objs in self._by_predicate.get(p, {}).items():
            if o in objs:
                yield s

    def value(self, s, p, default=None):
        objs = self._by_predicate.get(p, {}).get(s)
        return objs[0] if objs else default

    def transitive_subjects(self, p, o) -> Iterator:
        seen, todo = set(), [o]
        while todo:
            x = todo.pop()
            if x in seen:
                continue
            seen.add(x)
            yield x
            todo.extend(self.subjects(p, x))


def to_graph(triples, graph: Graph) -> Graph:
    """``graph`` with ``triples`` added (an rdflib Graph is returned as it is)."""
    if isinstance(triples, Graph):
        return triples
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph
