"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/):
what ``GET /sparql`` without a query answers.

It says where the endpoint is, that it speaks SPARQL 1.1 Query (and no Update), which
result formats it writes, that its default graph is the union of its named graphs, and
which named graphs it holds (the ontology and one per report) with their triple counts.
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, VOID, XSD

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

# the formats serve.py writes, by their W3C names (http://www.w3.org/ns/formats/)
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "RDF_XML", "JSON-LD")

# the query whose answer lists the named graphs (asked once through the query workers)
GRAPHS_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def service_description(endpoint: str, graphs: list[tuple[str, int]]) -> Graph:
    """The description of the endpoint at ``endpoint`` holding ``graphs`` ((IRI, triples) each)."""
    g = Graph()
    g.bind("sd", SD)
    g.bind("void", VOID)
    g.bind("formats", FORMATS)
    service = BNode("service")
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, URIRef(endpoint)))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in RESULT_FORMATS:
        g.add((service, SD.resultFormat, FORMATS[name]))
    dataset = BNode("dataset")
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    default = BNode("default")
    g.add((dataset, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for iri, triples in graphs:
        named = BNode()
        description = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
        g.add((named, SD.graph, description))
        g.add((description, RDF.type, SD.Graph))
        g.add((description, VOID.triples, Literal(triples, datatype=XSD.integer)))
    return g


def graphs_of(answer: dict) -> list[tuple[str, int]]:
    """(IRI, triples) of each named graph, from the SPARQL JSON answer to GRAPHS_QUERY."""
    out = []
    for row in answer["results"]["bindings"]:
        if row.get("g", {}).get("type") == "uri" and "n" in row:
            out.append((row["g"]["value"], int(row["n"]["value"])))
    return out
