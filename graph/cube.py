"""Observations -> RDF Data Cube (qb:) with the structure declared in ontology/gov.ttl (gov:dsd).

Each observation is one qb:Observation in the data set ``govid:dataset/statistics``:

    dimensions  sdmx-dimension:refArea, sdmx-dimension:refPeriod, gov:indicator,
                gov:measureType, gov:isTarget
    measure     sdmx-measure:obsValue (the number as written, xsd:decimal)
    attributes  sdmx-attribute:unitMeasure (the unit as written), gov:normalizedValue
                and gov:normalizedUnit (base units), gov:qualifier, gov:valueText

plus prov:wasDerivedFrom (the report) and gov:evidence (the figure's text span).
Indicators are skos:Concepts keyed by their name, so 地区生产总值 in five
reports is one concept.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from govkg.extract.model import Document, Observation
from govkg.ontology.namespace import GOV

from .evidence import PROV, add_evidence
from .iri import BASE, entity_iri, report_iri, segment

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
DATASET = URIRef(f"{BASE}dataset/statistics")
MEASURE_CONCEPT = {"level": GOV.Level, "growth": GOV.Growth, "decline": GOV.Decline, "share": GOV.Share,
                   "rank": GOV.Rank}


def indicator_iri(name: str) -> URIRef:
    return URIRef(f"{BASE}indicator/{segment(name)}")


def observation_iri(o: Observation) -> URIRef:
    part = f"/{o.part}" if o.part else ""
    return URIRef(f"{BASE}observation/{segment(o.doc_id)}/{o.start}-{o.end}{part}")


def add_dataset(g: Graph) -> URIRef:
    g.add((DATASET, RDF.type, QB.DataSet))
    g.add((DATASET, RDFS.label, Literal("政府工作报告统计数据", lang="zh")))
    g.add((DATASET, RDFS.label, Literal("Statistics of government work reports", lang="en")))
    g.add((DATASET, QB.structure, GOV.dsd))
    return DATASET


def decimal_literal(d: Decimal) -> Literal:
    """An xsd:decimal in the lexical form Turtle writes back (2 -> "2.0"), so files round-trip."""
    text = format(d, "f")
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def _decimal(o: Observation) -> Literal:
    text = o.value_text.replace(",", "")
    try:
        d = Decimal(text)
    except InvalidOperation:
        d = Decimal(repr(o.value))
    return decimal_literal(d)


def add_observation(g: Graph, doc: Document, o: Observation) -> URIRef:
    node = observation_iri(o)
    ind = indicator_iri(o.indicator)
    g.add((ind, RDF.type, GOV.Indicator))
    g.add((ind, RDF.type, SKOS.Concept))
    g.add((ind, RDFS.label, Literal(o.indicator, lang="zh")))
    g.add((ind, SKOS.prefLabel, Literal(o.indicator, lang="zh")))
    g.add((ind, SKOS.inScheme, GOV.indicatorScheme))
    g.add((node, RDF.type, QB.Observation))
    g.add((node, RDF.type, GOV.Observation))
    g.add((node, QB.dataSet, DATASET))
    if o.area_key:
        g.add((node, SDMX_DIM.refArea, entity_iri(o.area_key)))
    g.add((node, SDMX_DIM.refPeriod, Literal(o.period)))
    g.add((node, GOV.indicator, ind))
    g.add((node, GOV.measureType, MEASURE_CONCEPT[o.measure]))
    g.add((node, GOV.isTarget, Literal(o.target)))
    g.add((node, SDMX_MEASURE.obsValue, _decimal(o)))
    g.add((node, SDMX_ATTR.unitMeasure, Literal(o.unit)))
    g.add((node, GOV.normalizedValue, decimal_literal(Decimal(repr(o.base_value)))))
    g.add((node, GOV.normalizedUnit, Literal(o.base_unit)))
    g.add((node, GOV.valueText, Literal(o.value_text)))
    if o.qualifier:
        g.add((node, GOV.qualifier, Literal(o.qualifier)))
    g.add((node, PROV.wasDerivedFrom, report_iri(o.doc_id)))
    add_evidence(g, node, doc, o.start, o.end, o.sentence, o.rule, o.confidence)
    return node
