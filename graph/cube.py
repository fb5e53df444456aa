"""Observations -> RDF Data Cube (qb:) with the structure declared in ontology/gov.ttl (gov:dsd).

Each report's figures are one qb:DataSet, ``govid:dataset/REPORT`` (what that report states: two
reports may give one area's figure for one year differently), and each figure is one
qb:Observation in it:

    dimensions  sdmx-dimension:refArea, sdmx-dimension:refPeriod, gov:indicator,
                gov:measureType, gov:isTarget
    measure     sdmx-measure:obsValue (the number as written, xsd:decimal)
    attributes  sdmx-attribute:unitMeasure (the unit as written), gov:normalizedValue
                and gov:normalizedUnit (base units), gov:qualifier, gov:valueText,
                gov:indicatorText (the words the report used)

plus prov:wasDerivedFrom (the report) and gov:evidence (the figure's text span).  The
dimensions identify an observation within its data set (extract/observations.py keeps
one per key), so the W3C integrity constraints IC-1 to IC-19 hold.

Indicators are skos:Concepts.  Those of the indicator scheme (extract/lexicons/indicators.tsv)
are in ``gov:indicatorScheme``, described in full in the ontology graph (names in Chinese and
English, synonyms, base indicator, measure); the others a report names are in
``gov:reportedIndicatorScheme``.  A concept's IRI is made from its name, so 地区生产总值 in five
reports is one concept.  A figure the report names by another of the scheme's names for a concept
(规上工业增加值增速) has that spelling as its indicator, a concept of the reported scheme that is
``skos:exactMatch`` the scheme's (规模以上工业增加值增速): the figure reads as the report wrote it,
and queries by concept follow the match.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from govkg.extract.indicators import scheme
from govkg.extract.model import Document, Observation
from govkg.ontology.namespace import GOV

from .evidence import PROV, add_evidence
from .iri import BASE, entity_iri, report_iri, segment

QB = Namespace("http://purl.org/linked-data/cube#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")
SDMX_MEASURE = Namespace("http://purl.org/linked-data/sdmx/2009/measure#")
SDMX_ATTR = Namespace("http://purl.org/linked-data/sdmx/2009/attribute#")
MEASURE_CONCEPT = {"level": GOV.Level, "growth": GOV.Growth, "decline": GOV.Decline, "share": GOV.Share,
                   "rank": GOV.Rank}


def indicator_iri(name: str) -> URIRef:
    return URIRef(f"{BASE}indicator/{segment(name)}")


def observation_iri(o: Observation) -> URIRef:
    part = f"/{o.part}" if o.part else ""
    return URIRef(f"{BASE}observation/{segment(o.doc_id)}/{o.start}-{o.end}{part}")


def dataset_iri(doc_id: str) -> URIRef:
    """The data set of one report's figures."""
    return URIRef(f"{BASE}dataset/{segment(doc_id)}")


def add_dataset(g: Graph, doc_id: str) -> URIRef:
    ds = dataset_iri(doc_id)
    g.add((ds, RDF.type, QB.DataSet))
    g.add((ds, RDFS.label, Literal(f"{doc_id} 统计数据", lang="zh")))
    g.add((ds, QB.structure, GOV.dsd))
    g.add((ds, PROV.wasDerivedFrom, report_iri(doc_id)))
    return ds


def add_indicator_scheme(g: Graph) -> None:
    """Every concept of the indicator scheme, with its names, base and measure (for the ontology graph)."""
    sch = scheme()
    for c in sch.concepts.values():
        node = indicator_iri(c.name)
        g.add((node, RDF.type, GOV.Indicator))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, RDFS.label, Literal(c.name, lang="zh")))
        g.add((node, SKOS.prefLabel, Literal(c.name, lang="zh")))
        if c.english:
            g.add((node, SKOS.prefLabel, Literal(c.english, lang="en")))
        for syn in c.synonyms:
            g.add((node, SKOS.altLabel, Literal(syn, lang="zh")))
        g.add((node, SKOS.inScheme, GOV.indicatorScheme))
        g.add((node, GOV.measureType, MEASURE_CONCEPT[c.measure]))
        if c.base:
            g.add((node, GOV.baseIndicator, indicator_iri(c.base)))
        else:
            g.add((node, SKOS.topConceptOf, GOV.indicatorScheme))
            g.add((GOV.indicatorScheme, SKOS.hasTopConcept, node))


def add_indicator(g: Graph, label: str, in_scheme: bool, measure: str | None = None, base: str = "") -> URIRef:
    """An indicator concept as a report graph names it: type, name, scheme, and its base."""
    node = indicator_iri(label)
    g.add((node, RDF.type, GOV.Indicator))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, RDFS.label, Literal(label, lang="zh")))
    g.add((node, SKOS.prefLabel, Literal(label, lang="zh")))
    g.add((node, SKOS.inScheme, GOV.indicatorScheme if in_scheme else GOV.reportedIndicatorScheme))
    if measure is not None:
        g.add((node, GOV.measureType, MEASURE_CONCEPT[measure]))
    if base:
        g.add((node, GOV.baseIndicator, add_indicator(g, base, in_scheme)))
    return node


def add_written(g: Graph, o: Observation) -> URIRef:
    """The indicator of a figure as its report spells it, where that spelling is another of the scheme's
    names for the concept (规上工业增加值增速): a concept of its own in ``gov:reportedIndicatorScheme``,
    labelled as the report writes it and ``skos:exactMatch`` the scheme's concept, so a figure reads as
    the report put it and still counts under the one concept."""
    concept = add_indicator(g, o.indicator, True, o.measure, o.base_indicator)
    node = indicator_iri(o.written)
    g.add((node, RDF.type, GOV.Indicator))
    g.add((node, RDF.type, SKOS.Concept))
    g.add((node, RDFS.label, Literal(o.written, lang="zh")))
    g.add((node, SKOS.prefLabel, Literal(o.written, lang="zh")))
    g.add((node, SKOS.inScheme, GOV.reportedIndicatorScheme))
    g.add((node, GOV.measureType, MEASURE_CONCEPT[o.measure]))
    g.add((node, SKOS.exactMatch, concept))
    return node


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
    if o.in_scheme and o.written and o.written != o.indicator:
        ind = add_written(g, o)
    else:
        ind = add_indicator(g, o.indicator, o.in_scheme, o.measure, o.base_indicator)
    g.add((node, RDF.type, QB.Observation))
    g.add((node, RDF.type, GOV.Observation))
    g.add((node, QB.dataSet, dataset_iri(o.doc_id)))
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
    if o.indicator_text:
        g.add((node, GOV.indicatorText, Literal(o.indicator_text)))
    if o.qualifier:
        g.add((node, GOV.qualifier, Literal(o.qualifier)))
    g.add((node, PROV.wasDerivedFrom, report_iri(o.doc_id)))
    add_evidence(g, node, doc, o.start, o.end, o.sentence, o.rule, o.confidence)
    return node


# ------------------------------------------------------------------ W3C integrity constraints
# The well-formedness checks of the RDF Data Cube Vocabulary (W3C Recommendation, 16 January 2014,
# section 11, https://www.w3.org/TR/vocab-data-cube/#wf-rules): first the normalization of
# section 10 (abbreviated forms made explicit), then IC-1 to IC-19, each an ASK that is true when
# the constraint is broken.  IC-20 and IC-21 (hierarchical code lists) do not apply: the
# structure declares none.

IC_PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""

NORMALIZATION = (
    # phase 1: type and property closure
    "INSERT { ?o rdf:type qb:Observation } WHERE { [] qb:observation ?o }",
    "INSERT { ?o rdf:type qb:Observation } WHERE { ?o qb:dataSet [] }",
    "INSERT { ?s rdf:type qb:Slice } WHERE { [] qb:slice ?s }",
    "INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:DimensionProperty } WHERE { ?cs qb:dimension ?p }",
    "INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:MeasureProperty } WHERE { ?cs qb:measure ?p }",
    "INSERT { ?cs qb:componentProperty ?p . ?p rdf:type qb:AttributeProperty } WHERE { ?cs qb:attribute ?p }",
    # phase 2: push down attachment levels
    """INSERT { ?obs ?comp ?value } WHERE {
        ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:DataSet .
        ?dataset qb:structure [qb:component ?spec] ; ?comp ?value .
        ?obs qb:dataSet ?dataset . }""",
    """INSERT { ?obs ?comp ?value } WHERE {
        ?spec qb:componentProperty ?comp ; qb:componentAttachment qb:Slice .
        ?dataset qb:structure [qb:component ?spec] ; qb:slice ?slice .
        ?slice ?comp ?value ; qb:observation ?obs . }""",
    """INSERT { ?obs ?comp ?value } WHERE {
        ?spec qb:componentProperty ?comp . ?comp a qb:DimensionProperty .
        ?dataset qb:structure [qb:component ?spec] ; qb:slice ?slice .
        ?slice ?comp ?value ; qb:observation ?obs . }""",
)

INTEGRITY_CONSTRAINTS = {
    "IC-1 Unique DataSet": """ASK {
        { ?obs a qb:Observation . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset1 . } }
        UNION { ?obs a qb:Observation ; qb:dataSet ?dataset1, ?dataset2 . FILTER (?dataset1 != ?dataset2) } }""",
    "IC-2 Unique DSD": """ASK {
        { ?dataset a qb:DataSet . FILTER NOT EXISTS { ?dataset qb:structure ?dsd . } }
        UNION { ?dataset a qb:DataSet ; qb:structure ?dsd1, ?dsd2 . FILTER (?dsd1 != ?dsd2) } }""",
    "IC-3 DSD includes measure": """ASK {
        ?dsd a qb:DataStructureDefinition .
        FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty [a qb:MeasureProperty]] } }""",
    "IC-4 Dimensions have range": """ASK {
        ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?dim rdfs:range [] } }""",
    "IC-5 Concept dimensions have code lists": """ASK {
        ?dim a qb:DimensionProperty ; rdfs:range skos:Concept . FILTER NOT EXISTS { ?dim qb:codeList [] } }""",
    "IC-6 Only attributes may be optional": """ASK {
        ?dsd qb:component ?componentSpec .
        ?componentSpec qb:componentRequired "false"^^xsd:boolean ; qb:componentProperty ?component .
        FILTER NOT EXISTS { ?component a qb:AttributeProperty } }""",
    "IC-7 Slice Keys must be declared": """ASK {
        ?sliceKey a qb:SliceKey . FILTER NOT EXISTS { [a qb:DataStructureDefinition] qb:sliceKey ?sliceKey } }""",
    "IC-8 Slice Keys consistent with DSD": """ASK {
        ?slicekey a qb:SliceKey ; qb:componentProperty ?prop . ?dsd qb:sliceKey ?slicekey .
        FILTER NOT EXISTS { ?dsd qb:component [qb:componentProperty ?prop] } }""",
    "IC-9 Unique slice structure": """ASK {
        { ?slice a qb:Slice . FILTER NOT EXISTS { ?slice qb:sliceStructure ?key } }
        UNION { ?slice a qb:Slice ; qb:sliceStructure ?key1, ?key2 . FILTER (?key1 != ?key2) } }""",
    "IC-10 Slice dimensions complete": """ASK {
        ?slice qb:sliceStructure [qb:componentProperty ?dim] . FILTER NOT EXISTS { ?slice ?dim [] } }""",
    "IC-11 All dimensions required": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty . FILTER NOT EXISTS { ?obs ?dim [] } }""",
    "IC-12 No duplicate observations": """ASK {
        FILTER( ?allEqual )
        { SELECT (MIN(?equal) AS ?allEqual) WHERE {
            ?obs1 qb:dataSet ?dataset . ?obs2 qb:dataSet ?dataset . FILTER (?obs1 != ?obs2)
            ?dataset qb:structure/qb:component/qb:componentProperty ?dim . ?dim a qb:DimensionProperty .
            ?obs1 ?dim ?value1 . ?obs2 ?dim ?value2 .
            BIND( ?value1 = ?value2 AS ?equal) } GROUP BY ?obs1 ?obs2 } }""",
    "IC-13 Required attributes": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component ?component .
        ?component qb:componentRequired "true"^^xsd:boolean ; qb:componentProperty ?attr .
        FILTER NOT EXISTS { ?obs ?attr [] } }""",
    "IC-14 All measures present": """ASK {
        ?obs qb:dataSet/qb:structure ?dsd .
        FILTER NOT EXISTS { ?dsd qb:component/qb:componentProperty qb:measureType }
        ?dsd qb:component/qb:componentProperty ?measure . ?measure a qb:MeasureProperty .
        FILTER NOT EXISTS { ?obs ?measure [] } }""",
    "IC-15 Measure dimension consistent": """ASK {
        ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure .
        ?dsd qb:component/qb:componentProperty qb:measureType .
        FILTER NOT EXISTS { ?obs ?measure [] } }""",
    "IC-16 Single measure on measure dimension observation": """ASK {
        ?obs qb:dataSet/qb:structure ?dsd ; qb:measureType ?measure ; ?omeasure [] .
        ?dsd qb:component/qb:componentProperty qb:measureType ; qb:component/qb:componentProperty ?omeasure .
        ?omeasure a qb:MeasureProperty . FILTER (?omeasure != ?measure) }""",
    "IC-17 All measures present in measures dimension cube": """ASK {
        { SELECT ?numMeasures (COUNT(?obs2) AS ?count) WHERE {
            { SELECT ?dsd (COUNT(?m) AS ?numMeasures) WHERE {
                ?dsd qb:component/qb:componentProperty ?m . ?m a qb:MeasureProperty . } GROUP BY ?dsd }
            ?obs1 qb:dataSet/qb:structure ?dsd ; qb:dataSet ?dataset ; qb:measureType ?m1 .
            ?obs2 qb:dataSet ?dataset ; qb:measureType ?m2 .
            FILTER NOT EXISTS {
                ?dsd qb:component/qb:componentProperty ?dim . FILTER (?dim != qb:measureType)
                ?dim a qb:DimensionProperty . ?obs1 ?dim ?v1 . ?obs2 ?dim ?v2 . FILTER (?v1 != ?v2) }
          } GROUP BY ?obs1 ?numMeasures HAVING (?count != ?numMeasures) } }""",
    "IC-18 Consistent data set links": """ASK {
        ?dataset qb:slice ?slice . ?slice qb:observation ?obs . FILTER NOT EXISTS { ?obs qb:dataSet ?dataset . } }""",
    "IC-19 Codes from code list (concept scheme)": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:ConceptScheme .
        ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept ; skos:inScheme ?list } }""",
    "IC-19 Codes from code list (collection)": """ASK {
        ?obs qb:dataSet/qb:structure/qb:component/qb:componentProperty ?dim .
        ?dim a qb:DimensionProperty ; qb:codeList ?list . ?list a skos:Collection .
        ?obs ?dim ?v . FILTER NOT EXISTS { ?v a skos:Concept . ?list skos:member+ ?v } }""",
}


def broken_constraints(update, ask) -> list[str]:
    """The names of the integrity constraints a graph breaks, after normalizing it.

    ``update(text)`` runs a SPARQL Update on the graph (it is changed: pass a copy) and
    ``ask(text)`` answers a SPARQL ASK; both get the full query text, prefixes included."""
    for rule in NORMALIZATION:
        update(IC_PREFIXES + rule)
    return [name for name, q in INTEGRITY_CONSTRAINTS.items() if ask(IC_PREFIXES + q)]
