"""rdflib.Graph -> networkx graph of entities, reports and their relations."""
from __future__ import annotations

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS

from extract.model import REPORT_KINDS, SUBCLASS_TOP, TOP_CLASSES
from ontology.namespace import GOV

from .build import SCHEMA

RELATIONS = {GOV.partOf: "partOf", GOV.locatedIn: "locatedIn", GOV.cooperatesWith: "cooperatesWith",
             GOV.promotes: "promotes", SCHEMA.mentions: "mentions", DCTERMS.spatial: "spatial"}


def _local(uri: URIRef) -> str:
    return str(uri).rsplit("#", 1)[-1]


def to_networkx(g: Graph) -> nx.MultiDiGraph:
    """Nodes are entities and reports (keyed by IRI string) with ``label``, ``cls``
    and ``top`` attributes; edges carry the relation name as ``predicate``."""
    G = nx.MultiDiGraph()
    gov = str(GOV._NS)
    types: dict[URIRef, set[str]] = {}
    for s, cls in g.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(cls).startswith(gov):
            types.setdefault(s, set()).add(_local(cls))
    for s in sorted(types):
        names = types[s]
        if "Report" in names:
            kinds = sorted(names & set(REPORT_KINDS)) or ["Report"]
            G.add_node(str(s), label=str(g.value(s, DCTERMS.identifier) or s), cls=kinds[0], top="Report",
                       title=str(g.value(s, DCTERMS.title) or ""))
            continue
        ent = sorted(n for n in names if n in SUBCLASS_TOP)
        if not ent:
            continue
        specific = [n for n in ent if n not in TOP_CLASSES] or ent
        G.add_node(str(s), label=str(g.value(s, RDFS.label) or s), cls=specific[0], top=SUBCLASS_TOP[specific[0]])
    for pred, name in sorted(RELATIONS.items()):
        for s, o in sorted(g.subject_objects(pred)):
            if str(s) in G and str(o) in G:
                G.add_edge(str(s), str(o), key=name, predicate=name)
    return G
