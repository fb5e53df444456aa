import re

import pytest
import rdflib
from rdflib import RDF, RDFS, OWL
from rdflib.compare import isomorphic

from govkg.graph.build import build_graph
from govkg.graph.export.rdf import serialize
from govkg.graph.iri import entity_iri, segment
from govkg.ontology import ontology_path
from govkg.ontology.namespace import GOV

GOVNS = str(GOV._NS)


def test_iris_are_stable_and_readable():
    assert str(entity_iri("Place/440115")) == "https://w3id.org/govkg/id/place/440115"
    assert str(entity_iri("Initiative/三区一中心")) == "https://w3id.org/govkg/id/initiative/三区一中心"
    assert str(entity_iri("Project/440115/国际物流中心")) == "https://w3id.org/govkg/id/project/440115/国际物流中心"
    assert str(entity_iri("PolicyDocument/城市更新10条")) == "https://w3id.org/govkg/id/document/城市更新10条"


@pytest.mark.parametrize("name", ["a b", "a_b", "x<y>", 'q"uote', "back\\slash", "new\nline", "50%", "a/b#c?"])
def test_iri_segments_are_valid_and_distinct(name):
    seg = segment(name)
    assert not re.search(r"[\s<>\"{}|\\^`%/#?]", seg)
    assert seg != segment(name + "x")


def test_turtle_round_trip_is_isomorphic(seed_graph):
    data = serialize(seed_graph, "turtle")
    back = rdflib.Graph().parse(data=data, format="turtle")
    assert isomorphic(seed_graph, back)


def test_turtle_is_byte_identical_across_builds(seed_corpus):
    assert serialize(build_graph(seed_corpus)) == serialize(build_graph(seed_corpus))


def test_ontology_parses_and_declares_every_class_used(seed_graph):
    onto = rdflib.Graph().parse(ontology_path())
    declared = set(onto.subjects(RDF.type, OWL.Class))
    used = {c for c in seed_graph.objects(None, RDF.type) if str(c).startswith(GOVNS)}
    assert used and used <= declared
    for c in (c for c in declared if str(c).startswith(GOVNS)):  # imported terms are declared only (OWL 2 DL)
        labels = {l.language for l in onto.objects(c, RDFS.label)}
        assert {"zh", "en"} <= labels, c


def test_every_entity_class_is_under_a_top_class():
    onto = rdflib.Graph().parse(ontology_path())
    tops = {GOV.Place, GOV.Organization, GOV.Project, GOV.Initiative, GOV.PolicyDocument}
    from govkg.extract.model import SUBCLASS_TOP
    for cls, top in SUBCLASS_TOP.items():
        ancestors = set(onto.transitive_objects(GOV[cls], RDFS.subClassOf))
        assert GOV[top] in ancestors and GOV[top] in tops


def test_namespace_module_matches_the_ontology():
    onto = rdflib.Graph().parse(ontology_path())
    terms = {str(s)[len(GOVNS):] for s in onto.subjects() if str(s).startswith(GOVNS)}
    module = set(GOV.__annotations__) | set(GOV._extras)
    assert terms == module


def test_contract_fields_of_a_report(seed_graph):
    q = """PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?date ?area WHERE { ?r a gov:Report ; dcterms:identifier "000_18dbd27aeb4158ef" ;
       dcterms:date ?date ; dcterms:spatial ?a . ?a rdfs:label ?area }"""
    rows = [(str(d), str(a)) for d, a in seed_graph.query(q)]
    assert rows == [("2020", "南沙区")]


def test_divisions_carry_code_and_part_of(seed_graph):
    q = """PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX dcterms: <http://purl.org/dc/terms/>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?code ?parent WHERE { ?d rdfs:label "南沙区"@zh ; dcterms:identifier ?code ; gov:partOf ?p . ?p rdfs:label ?parent }"""
    # its parent, and the province above it, which the seeds name too (gov:partOf is transitive)
    assert sorted((str(c), str(p)) for c, p in seed_graph.query(q)) == [("440115", "广东省"), ("440115", "广州市")]


def test_one_node_for_the_greater_bay_area_across_reports(seed_graph):
    q = """PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT DISTINCT ?e WHERE { ?e rdfs:label "粤港澳大湾区"@zh }"""
    assert len(list(seed_graph.query(q))) == 1


def test_networkx_view(seed_graph):
    from govkg.graph.nxview import to_networkx
    G = to_networkx(seed_graph)
    node = G.nodes["https://w3id.org/govkg/id/place/440115"]
    assert (node["label"], node["cls"], node["top"]) == ("南沙区", "District", "Place")
    assert G.has_edge("https://w3id.org/govkg/id/place/440115", "https://w3id.org/govkg/id/place/440100")
