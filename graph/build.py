"""Extracted records -> one rdflib.Graph (ontology + data), following the contract
in the annotation guide (shared/spec/ENTITIES.md)."""
from __future__ import annotations

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS

from extract.gazetteer import gazetteer
from extract.model import Entity, ReportResult
from extract.pipeline import Corpus
from ontology import ontology_text
from ontology.namespace import GOV

from .iri import division_key, entity_iri, report_iri

SCHEMA = Namespace("https://schema.org/")
PROV = Namespace("http://www.w3.org/ns/prov#")
QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
GOVID = Namespace("https://w3id.org/govkg/id/")

PREFIXES = {
    "gov": Namespace(str(GOV._NS)), "govid": GOVID, "schema": SCHEMA, "dcterms": DCTERMS, "skos": SKOS,
    "prov": PROV, "qb": QB, "sdmx-dimension": SDMX_DIM, "sdmx-measure": SDMX_MEASURE, "sdmx-attribute": SDMX_ATTR,
    "org": Namespace("http://www.w3.org/ns/org#"),
}


def new_graph(with_ontology: bool = True) -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns, override=True)
    if with_ontology:
        g.parse(data=ontology_text(), format="turtle")
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


def add_division_hierarchy(g: Graph, code: str, done: set[str]) -> None:
    """gov:partOf along the administrative hierarchy, up to the country."""
    gz = gazetteer()
    d = gz.by_code.get(code)
    while d is not None and d.code not in done:
        done.add(d.code)
        node = entity_iri(division_key(d.code))
        if (node, RDFS.label, None) not in g:
            g.add((node, RDF.type, GOV[d.cls]))
            g.add((node, RDFS.label, _zh(d.name)))
            g.add((node, DCTERMS.identifier, Literal(d.code)))
        if not d.parent:
            break
        parent = gz.by_code.get(d.parent)
        if parent is None:
            break
        g.add((node, GOV.partOf, entity_iri(division_key(parent.code))))
        d = parent


def _area_node(r: ReportResult) -> URIRef | None:
    area = r.meta.area
    if not area:
        return None
    for e in r.entities:
        if e.label == area or area in e.aliases or (r.meta.area_code and e.code == r.meta.area_code):
            return entity_iri(e.key)
    return None


def add_report(g: Graph, r: ReportResult) -> URIRef:
    node = report_iri(r.document.id)
    g.add((node, RDF.type, GOV.Report))
    g.add((node, RDF.type, GOV[r.meta.kind]))
    g.add((node, DCTERMS.identifier, Literal(r.document.id)))
    g.add((node, DCTERMS.title, _zh(r.meta.title)))
    if r.meta.year:
        g.add((node, DCTERMS.date, Literal(str(r.meta.year), datatype=XSD.gYear)))
    area = _area_node(r)
    if area is not None:
        g.add((node, DCTERMS.spatial, area))
    for e in r.entities:
        g.add((node, SCHEMA.mentions, entity_iri(e.key)))
    return node


def build_graph(corpus: Corpus, with_ontology: bool = True) -> Graph:
    """The whole knowledge graph of a corpus."""
    g = new_graph(with_ontology)
    done: set[str] = set()
    for key in sorted(corpus.entities):
        e = corpus.entities[key]
        add_entity(g, e)
        if e.code:
            add_division_hierarchy(g, e.code, done)
    for r in corpus.reports:
        add_report(g, r)
    return g
