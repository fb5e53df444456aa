"""Counts over the whole corpus, written at build time into a named graph of their own.

Some saved queries aggregate over every mention of every report (top-entities, shared-initiatives,
shared-institutions) or every entity (class-counts); on Oxigraph that is a lookup per mention, a
second or more on the 148 reports.  The build counts as it writes the parts and adds, after the
last report, the graph ``SUMMARY_GRAPH`` (https://w3id.org/govkg/id/summary):

    ?entity gov:reportCount 12 ;      # the reports whose schema:mentions names it
        gov:nameReportCount 14 .      # the reports that name an entity of one of its labels (any class)
    ?class gov:entityCount 3118 .     # entities (IRIs under /id/) whose most specific class it is,
                                      # for the classes under the five top classes

Every count is of the graph as written (graph.ttl, the union): the labels and classes are those of
the shared subjects of every part (graph/parts.py "s" chunks, or the triples of build.iter_parts), so
both build paths count the same and write the same bytes.  Nothing here makes an rdflib term on the
build path: terms are compared and written as export/turtle.Terms writes them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from govkg.extract.model import TOP_CLASSES
from govkg.ontology import NS as GOV

from .iri import BASE
from .parts import RDFS, REPORT_SCOPED, XSD  # (REPORT_SCOPED: subjects made by one report only, never an entity)

SUMMARY_GRAPH = f"{BASE}summary"  # not under graph/: no report's graph can be named so
REPORT_COUNT, NAME_REPORT_COUNT, ENTITY_COUNT = GOV + "reportCount", GOV + "nameReportCount", GOV + "entityCount"
RDFS_LABEL = RDFS + "label"
XSD_INTEGER = XSD + "integer"


@lru_cache(maxsize=1)
def class_tree() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """({class IRI: the classes strictly below it}, the classes at or under one of the five top
    classes), from the ontology's rdfs:subClassOf."""
    from rdflib import RDFS, Graph

    from govkg.ontology import ontology_text

    g = Graph().parse(data=ontology_text(), format="turtle")
    parents: dict[str, set[str]] = {}
    for s, o in g.subject_objects(RDFS.subClassOf):
        parents.setdefault(str(s), set()).add(str(o))
    above: dict[str, set[str]] = {}
    for c in parents:
        seen, todo = set(), list(parents[c])
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(parents.get(x, ()))
        above[c] = seen - {c}
    below: dict[str, set[str]] = {}
    for c, ups in above.items():
        for up in ups:
            below.setdefault(up, set()).add(c)
    tops = {GOV + t for t in TOP_CLASSES}
    under = {c for c, ups in above.items() if ups & tops} | tops
    return {c: frozenset(v) for c, v in below.items()}, frozenset(under)


class Summary:
    """Counts the parts as they are written, in written terms (``terms``: an export/turtle.Terms)."""

    def __init__(self, terms):
        self.terms = terms
        self.label = terms.iri(RDFS_LABEL)
        self.entity_prefixes = _written_prefixes(terms, BASE)
        self.scoped_prefixes = tuple(f for p in REPORT_SCOPED for f in _written_prefixes(terms, p))
        below, under = class_tree()
        self.classes = {terms.iri(c): c for c in under}  # written -> IRI
        self.below = {terms.iri(c): {terms.iri(x) for x in xs} for c, xs in below.items()}
        self.reports: dict[str, int] = {}
        self.mentioned: dict[str, set[int]] = {}  # written entity -> the reports (by number) naming it
        self.labels: dict[str, set[str]] = {}  # written subject under /id/ -> its written labels
        self.types: dict[str, set[str]] = {}  # written subject under /id/ -> its written types
        self.iris: dict[str, str] = {}  # written subject -> IRI, where the caller knows it

    def mentions(self, report: str, entities: Iterable[str]) -> None:
        """The written report and the written entities its schema:mentions name."""
        n = self.reports.setdefault(report, len(self.reports))
        for e in entities:
            self.mentioned.setdefault(e, set()).add(n)

    def subject(self, s: str, preds: dict) -> None:
        """A shared subject's triples as the writer holds them: written predicate -> written objects."""
        if not s.startswith(self.entity_prefixes) or s.startswith(self.scoped_prefixes):
            return
        types = preds.get("a")
        if types:
            self.types.setdefault(s, set()).update(types)
        labels = preds.get(self.label)
        if labels:
            self.labels.setdefault(s, set()).update(labels)

    def facts(self) -> dict[str, dict[str, set[str]]]:
        """{written subject: {written predicate: {written objects}}}: the summary graph's triples."""
        t = self.terms
        num = lambda n: t.literal(str(n), None, XSD_INTEGER)  # noqa: E731
        out: dict[str, dict[str, set[str]]] = {}
        by_label: dict[str, set[int]] = {}
        for e, reports in self.mentioned.items():
            for label in self.labels.get(e, ()):
                by_label.setdefault(label, set()).update(reports)
        rc, nrc, ec = t.iri(REPORT_COUNT), t.iri(NAME_REPORT_COUNT), t.iri(ENTITY_COUNT)
        for e, reports in self.mentioned.items():
            name = max((len(by_label[label]) for label in self.labels.get(e, ())), default=len(reports))
            out[e] = {rc: {num(len(reports))}, nrc: {num(name)}}
        counts: dict[str, int] = {}
        for s, types in self.types.items():
            for c in types:
                if c in self.classes and not (self.below.get(c, set()) & types):
                    counts[c] = counts.get(c, 0) + 1
        for c, n in counts.items():
            out.setdefault(c, {})[ec] = {num(n)}
        return out

    def pieces(self) -> list:
        """The summary graph as parts.py lays out a part's pieces: one piece of "s" chunks."""
        facts = self.facts()
        return [[["s", s, [[p, sorted(facts[s][p])] for p in sorted(facts[s])], ""] for s in sorted(facts)]]

    def triples(self) -> list[tuple]:
        """The summary graph as rdflib triples (for build.iter_parts); ``iris`` must know every subject."""
        from rdflib import Literal, URIRef
        from rdflib.namespace import XSD

        preds = {self.terms.iri(p): URIRef(p) for p in (REPORT_COUNT, NAME_REPORT_COUNT, ENTITY_COUNT)}
        iris = {**self.iris, **self.classes}
        out = []
        for s, by_pred in self.facts().items():
            for p, objs in by_pred.items():
                for o in objs:
                    out.append((URIRef(iris[s]), preds[p], Literal(int(o), datatype=XSD.integer)))
        return out


def _written_prefixes(terms, base: str) -> tuple[str, ...]:
    """How IRIs starting with ``base`` may begin when written: in full, or as a prefixed name of a
    prefix whose namespace starts with ``base``."""
    forms = ["<" + base]
    for p, ns in terms.prefixes:
        if ns.startswith(base):
            forms.append(f"{p}:")
    return tuple(forms)


def observe(summary: Summary, part, term) -> None:
    """Count an rdflib part (build.iter_parts) as the merge counts a written one; ``term``: the
    writer's term function."""
    from rdflib import RDF, RDFS, URIRef

    from .build import SCHEMA

    mentions: dict[str, list[str]] = {}
    shared: dict[str, dict[str, set[str]]] = {}
    for s, p, o in part:
        if p == SCHEMA.mentions:
            mentions.setdefault(term(s), []).append(term(o))
        elif (p == RDF.type or p == RDFS.label) and isinstance(s, URIRef) and not str(s).startswith(REPORT_SCOPED):
            ws = term(s)
            summary.iris[ws] = str(s)
            shared.setdefault(ws, {}).setdefault("a" if p == RDF.type else summary.label, set()).add(term(o))
    for r, es in sorted(mentions.items()):
        summary.mentions(r, es)
    for s, preds in shared.items():
        summary.subject(s, preds)
    for es in mentions.values():
        for e in es:
            if e not in summary.iris:
                summary.iris[e] = _iri_of(e, summary.terms)


def _iri_of(written: str, terms) -> str:
    """The IRI of a written IRI (in full, or a prefixed name of ``terms``)."""
    if written.startswith("<"):
        import re
        body = written[1:-1]
        return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1) or m.group(2), 16)), body)
    p, local = written.split(":", 1)
    return dict(terms.prefixes)[p] + local
