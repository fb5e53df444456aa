"""Extracted records -> one rdflib.Graph (ontology + data), following the contract
in the annotation guide (shared/spec/ENTITIES.md)."""
from __future__ import annotations

import hashlib
from typing import Iterator

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from govkg.extract.gazetteer import gazetteer
from govkg.extract.model import Entity, MetaSource, Relation, ReportResult
from govkg.extract.pipeline import Corpus, area_entity_key, sentence_blocks
from govkg.extract.spool import SpooledReports
from govkg.ontology import ontology_text
from govkg.ontology.namespace import GOV

from .cube import QB, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE, add_dataset, add_indicator_scheme, add_observation
from .evidence import NIF, PROV, add_context, add_evidence, add_sentence, add_span, confidence_literal
from .iri import BASE, division_key, entity_iri, report_iri, segment
from .triples import Triples, to_graph

SCHEMA = Namespace("https://schema.org/")
GOVID = Namespace("https://w3id.org/govkg/id/")

PREFIXES = {
    "gov": Namespace(str(GOV._NS)), "govid": GOVID, "schema": SCHEMA, "dcterms": DCTERMS, "skos": SKOS,
    "prov": PROV, "qb": QB, "sdmx-dimension": SDMX_DIM, "sdmx-measure": SDMX_MEASURE, "sdmx-attribute": SDMX_ATTR,
    "org": Namespace("http://www.w3.org/ns/org#"), "nif": NIF,
    "itsrdf": Namespace("http://www.w3.org/2005/11/its/rdf#"),
}


def new_graph(with_ontology: bool = True) -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    if with_ontology:
        g.parse(data=ontology_text(), format="turtle")
        add_indicator_scheme(g)
    return g


def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


def add_entity(g: Graph, e: Entity) -> URIRef:
    node = entity_iri(e.key)
    g.add((node, RDF.type, GOV[e.cls]))
    g.add((node, RDFS.label, _zh(e.label)))
    for a in e.aliases:
        g.add((node, SKOS.altLabel, _zh(a)))
    if e.code:
        g.add((node, DCTERMS.identifier, Literal(e.code)))
    return node


def add_division_hierarchy(g: Graph, code: str, done: set[str], labelled: set | None = None) -> None:
    """gov:partOf along the administrative hierarchy, up to the country.  A division gets its
    gazetteer label unless it is in ``labelled`` (or, without that set, already labelled in ``g``)."""
    gz = gazetteer()
    d = gz.by_code.get(code)
    while d is not None and d.code not in done:
        done.add(d.code)
        node = entity_iri(division_key(d.code))
        if (node not in labelled) if labelled is not None else ((node, RDFS.label, None) not in g):
            g.add((node, RDF.type, GOV[d.cls]))
            g.add((node, RDFS.label, _zh(d.label)))
            g.add((node, DCTERMS.identifier, Literal(d.code)))
        if not d.parent:
            break
        parent = gz.by_code.get(d.parent)
        if parent is None:
            break
        g.add((node, GOV.partOf, entity_iri(division_key(parent.code))))
        d = parent


def add_report(g: Graph, r: ReportResult) -> URIRef:
    node = report_iri(r.document.id)
    g.add((node, RDF.type, GOV.Report))
    g.add((node, RDF.type, GOV[r.meta.kind]))
    g.add((node, DCTERMS.identifier, Literal(r.document.id)))
    g.add((node, DCTERMS.title, _zh(r.meta.title)))
    if r.meta.year:
        g.add((node, DCTERMS.date, Literal(str(r.meta.year), datatype=XSD.gYear)))
    if r.meta.review_period:
        g.add((node, GOV.reviewPeriod, Literal(r.meta.review_period)))
    area = area_entity_key(list(r.entities), r.meta)
    if area is not None:
        g.add((node, DCTERMS.spatial, entity_iri(area)))
    for e in r.entities:
        g.add((node, SCHEMA.mentions, entity_iri(e.key)))
    add_context(g, r.document, node)
    for src in r.meta.sources:
        add_metadata_source(g, r, node, src)
    return node


# the property that links a report to the cue that decided each field of its metadata
METADATA_SOURCE = {"area": GOV.areaSource, "year": GOV.dateSource, "kind": GOV.kindSource,
                   "review": GOV.reviewPeriodSource}


def add_metadata_source(g: Graph, r: ReportResult, report: URIRef, src: MetaSource) -> URIRef | None:
    """The cue that decided one field (area, year, kind, review): a gov:MetadataSource with its rule
    and, when a line decided, that line as a NIF span."""
    prop = METADATA_SOURCE.get(src.field)
    if prop is None:
        return None
    node = URIRef(f"{report}/meta/{src.field}")
    g.add((report, prop, node))
    g.add((node, RDF.type, GOV.MetadataSource))
    g.add((node, GOV.rule, Literal(src.rule)))
    if 0 <= src.start < src.end <= len(r.document.text):
        g.add((node, GOV.evidence, add_span(g, r.document, src.start, src.end)))
    return node


def add_mentions(g: Graph, r: ReportResult, within=None) -> None:
    """Every entity mention as a NIF span: gov:mentionOf the entity, with its rule, confidence and sentence
    (``within``: only those whose sentence it accepts)."""
    doc = r.document
    for e in r.entities:
        target = entity_iri(e.key)
        for m in e.mentions:
            if m.doc_id != doc.id or (within is not None and not within(m.sentence)):
                continue
            span = add_span(g, doc, m.start, m.end)
            g.add((span, GOV.mentionOf, target))
            g.add((span, GOV.rule, Literal(m.rule_id)))
            g.add((span, GOV.confidence, confidence_literal(m.confidence)))
            g.add((span, NIF.sentence, add_sentence(g, doc, m.sentence)))


def statement_iri(rel: Relation) -> URIRef:
    return URIRef(statement_id(rel))


def statement_id(rel: Relation) -> str:
    """The IRI of the rdf:Statement of a relation, as a plain string."""
    digest = hashlib.sha1("|".join((rel.predicate, rel.kind, rel.subject, rel.object, str(rel.start),
                                    str(rel.end))).encode("utf-8")).hexdigest()[:12]
    return f"{BASE}statement/{segment(rel.doc_id)}/{digest}"


STATUS = {"Planned": GOV.Planned, "UnderConstruction": GOV.UnderConstruction, "Completed": GOV.Completed,
          "InOperation": GOV.InOperation, "Signed": GOV.Signed}


def add_relation(g: Graph, r: ReportResult, rel: Relation) -> URIRef:
    """The plain triple (and its sub-property), plus an rdf:Statement carrying the evidence."""
    s, o = entity_iri(rel.subject), entity_iri(rel.object)
    pred = GOV[rel.predicate]
    g.add((s, pred, o))
    if rel.kind:
        g.add((s, GOV[rel.kind], o))
    st = statement_iri(rel)
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, s))
    g.add((st, RDF.predicate, GOV[rel.kind] if rel.kind else pred))
    g.add((st, RDF.object, o))
    if rel.status:
        g.add((st, GOV.status, STATUS[rel.status]))
    if rel.phase:
        g.add((st, GOV.phase, Literal(rel.phase)))
    g.add((st, PROV.wasDerivedFrom, report_iri(rel.doc_id)))
    add_evidence(g, st, r.document, rel.start, rel.end, rel.sentence, rel.rule, rel.confidence)
    return st


ONTOLOGY_GRAPH = URIRef(f"{BASE}graph/ontology")


def report_graph_iri(doc_id: str) -> URIRef:
    """The named graph holding everything read from one report."""
    return URIRef(f"{BASE}graph/{segment(doc_id)}")


def add_report_graph(g: Graph, corpus: Corpus, r: ReportResult, provenance: bool = True) -> None:
    """Everything one report says, self-contained: the report, the entities it mentions (with their
    corpus-wide labels and administrative parents), its mentions, observations and relations."""
    add_report_core(g, corpus, r)
    add_facts(g, r, provenance)


def add_report_core(g: Graph, corpus: Corpus, r: ReportResult) -> None:
    """The report and the entities it mentions (with their labels and administrative parents)."""
    done: set[str] = set()
    keys = sorted(k for k in {e.key for e in r.entities} if k in corpus.entities)
    labelled = {entity_iri(k) for k in keys}
    for key in keys:
        e = corpus.entities[key]
        add_entity(g, e)
        if e.code:
            add_division_hierarchy(g, e.code, done, labelled)
    if r.observations:
        add_dataset(g, r.document.id)
    add_report(g, r)


def add_facts(g: Graph, r: ReportResult, provenance: bool = True, within=None) -> None:
    """The report's mentions (with ``provenance``), observations and relations, with their evidence;
    ``within(sentence index)``: only the facts read in the sentences it accepts."""
    if provenance:
        add_mentions(g, r, within)
    for o in r.observations:
        if within is None or within(o.sentence):
            add_observation(g, r.document, o)
    for rel in r.relations:
        if within is None or within(rel.sentence):
            add_relation(g, r, rel)


def _block_of(first: int, end: int, last: bool):
    """Sentences first..end-1 (and, for the last block, index -1: the last sentence, which evidence
    without a sentence of its own points to)."""
    return lambda i: first <= i < end or (last and i < 0)


def iter_parts(corpus: Corpus, with_ontology: bool = True, provenance: bool = True) -> Iterator[tuple[URIRef, Graph]]:
    """The graph in named parts, made one at a time: the ontology, then one graph per report
    in the order of their graph IRIs (the order the files list them in).

    A very long report (more than one block of extract.pipeline.sentence_blocks) comes as several
    pieces under the same name: first the report and its entities, then its facts a block of
    sentences at a time, so that its graph is never held whole.  A fact's spans and sentence are
    in the piece of that sentence."""
    import io

    from .export.turtle import TurtleWriter
    from .parts import write_prefixes
    from .summary import SUMMARY_GRAPH, Summary, observe

    writer = TurtleWriter(io.StringIO(), write_prefixes())  # only its terms: how the merge writes them
    term = writer.term
    summary = Summary(writer.names)
    if with_ontology:
        onto = new_graph(True)
        observe(summary, onto, term)
        yield ONTOLOGY_GRAPH, onto
    for r in _by_graph_name(corpus.reports):
        name = report_graph_iri(r.document.id)
        blocks = sentence_blocks(r.document)
        g = Triples()
        add_report_core(g, corpus, r)
        if len(blocks) == 1:
            add_facts(g, r, provenance)
            observe(summary, g, term)
            yield name, g
            continue
        observe(summary, g, term)
        yield name, g
        for i, block in enumerate(blocks):
            piece = Triples()
            add_facts(piece, r, provenance, _block_of(block[0].index, block[-1].index + 1, i == len(blocks) - 1))
            observe(summary, piece, term)
            yield name, piece
    counts = summary.triples()  # after the last report: counts over them all (graph/summary.py); none, no graph
    if counts:
        yield URIRef(SUMMARY_GRAPH), Triples(counts)


def _by_graph_name(reports) -> Iterator[ReportResult]:
    """The reports in the order of their graph IRIs; spooled ones read back one at a time."""
    if isinstance(reports, SpooledReports):
        return reports.in_order(lambda doc_id: str(report_graph_iri(doc_id)))
    return iter(sorted(reports, key=lambda r: str(report_graph_iri(r.document.id))))


def add_part(parts: dict[URIRef, Graph], name: URIRef, part) -> None:
    """Put a part (or a further piece of it) into ``parts`` as an rdflib Graph."""
    if name in parts:
        parts[name].addN((s, p, o, parts[name]) for s, p, o in part)
    else:
        parts[name] = to_graph(part, new_graph(False))


def build_parts(corpus: Corpus, with_ontology: bool = True, provenance: bool = True) -> dict[URIRef, Graph]:
    """The graph in named parts, as rdflib Graphs: the ontology, then one graph per report."""
    parts: dict[URIRef, Graph] = {}
    for name, part in iter_parts(corpus, with_ontology, provenance):
        add_part(parts, name, part)
    return parts


def merge_parts(parts: dict[URIRef, Graph]) -> Graph:
    """The union of named parts as one graph (what graph.ttl holds)."""
    g = new_graph(False)
    for part in parts.values():
        g += part
    return g


def build_graph(corpus: Corpus, with_ontology: bool = True, provenance: bool = True) -> Graph:
    """The whole knowledge graph of a corpus."""
    return merge_parts(build_parts(corpus, with_ontology, provenance))
