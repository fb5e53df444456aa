"""The graph against the standards' own checks: SHACL with and without RDFS inference, the shapes
of the Data Cube dimensions and of every sub-property of gov:promotes, disjoint top classes and the
consistency of the data under HermiT, and alignments that do not make a hospital a place."""
import os
import shutil
import tempfile

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from govkg.graph.build import new_graph
from govkg.graph.validate import validate_graph
from govkg.ontology import ontology_path, shapes_path
from helpers import run

GOV = Namespace("https://w3id.org/govkg/ontology#")
ID = Namespace("https://w3id.org/govkg/id/")
SCHEMA = Namespace("https://schema.org/")
QB = Namespace("http://purl.org/linked-data/cube#")
SH = Namespace("http://www.w3.org/ns/shacl#")
SDMX_DIM = Namespace("http://purl.org/linked-data/sdmx/2009/dimension#")


def _copy(g: Graph) -> Graph:
    h = Graph()
    for t in g:
        h.add(t)
    return h


def test_the_seed_build_conforms_with_rdfs_inference(seed_build):
    # gov:evidence is a sub-property of prov:wasDerivedFrom: with RDFS a statement's evidence span is
    # one of its prov:wasDerivedFrom values, beside its report (2,504 results before the shapes
    # counted the reports among the values)
    code, out, err = run(["validate", "-g", str(seed_build), "--inference", "rdfs"])
    assert (code, out) == (0, "conforms: the graph meets every shape\n"), out + err


def test_a_second_report_is_still_caught_with_rdfs_inference(seed_graph):
    g = _copy(seed_graph)
    st = next(g.subjects(RDF.type, RDF.Statement))
    other = next(r for r in g.subjects(RDF.type, GOV.Report) if (st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), r) not in g)
    g.add((st, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), other))
    report = validate_graph(g, inference="rdfs")
    assert [(v.focus, v.path) for v in report.violations] == [(str(st), "http://www.w3.org/ns/prov#wasDerivedFrom")]


def _dimensions(onto: Graph) -> set:
    return {d for c in onto.objects(GOV.dsd, QB.component) for d in onto.objects(c, QB.dimension)}


def test_the_shapes_require_every_dimension_of_the_structure():
    onto = Graph().parse(ontology_path(), format="turtle")
    shapes = Graph().parse(shapes_path(), format="turtle")
    required = {shapes.value(p, SH.path) for p in shapes.objects(URIRef("https://w3id.org/govkg/shapes#ObservationShape"), SH.property)
                if int(shapes.value(p, SH.minCount) or 0) >= 1}
    dims = _dimensions(onto)
    assert SDMX_DIM.refArea in dims and len(dims) == 5
    assert dims <= required


def test_an_observation_without_its_area_is_a_violation(seed_graph):
    g = _copy(seed_graph)
    obs = sorted(g.subjects(RDF.type, QB.Observation))[0]
    g.remove((obs, SDMX_DIM.refArea, None))
    report = validate_graph(g)
    assert [(v.focus, v.path) for v in report.violations] == [(str(obs), str(SDMX_DIM.refArea))]


PROMOTES_KINDS = ["builds", "completes", "implements", "issues", "operates", "plans", "signs"]


def test_every_sub_property_of_promotes_is_in_the_list():
    onto = Graph().parse(ontology_path(), format="turtle")
    assert sorted(str(p).rsplit("#", 1)[1] for p in onto.subjects(RDFS.subPropertyOf, GOV.promotes)) == PROMOTES_KINDS


@pytest.mark.parametrize("kind", PROMOTES_KINDS)
def test_each_kind_of_promotion_is_checked_for_domain_and_range(kind):
    """A graph that states only the sub-property (no gov:promotes beside it, no inference)."""
    g = new_graph(True)
    district, line, report = ID["place/440115"], ID["project/440115/地铁18号线"], ID["report/r1"]
    initiative = ID["initiative/x/三区一中心"]
    for node, cls, label in ((district, GOV.District, "南沙区"), (line, GOV.TransportProject, "地铁18号线"),
                             (initiative, GOV.Slogan, "三区一中心")):
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label, lang="zh")))
    g.add((district, GOV[kind], line))  # fine
    assert validate_graph(g).conforms
    g.add((line, GOV[kind], initiative))  # a project promotes nothing
    g.add((district, GOV[kind], report))  # a report is not promoted
    found = {(v.focus, v.path) for v in validate_graph(g).violations}
    assert found == {(str(line), ""), (str(district), str(GOV[kind]))}


def test_an_entity_of_two_top_classes_is_a_violation(seed_graph):
    g = _copy(seed_graph)
    nansha = ID["place/440115"]
    g.add((nansha, RDF.type, GOV.Enterprise))
    report = validate_graph(g)
    assert [(v.focus, v.message) for v in report.violations] == [
        (str(nansha), "an entity has exactly one of the five top classes")]


# ---------------------------------------------------------------- OWL reasoning

def _abox(data: Graph, onto: Graph) -> Graph:
    """The ontology and the data's statements in its vocabulary: typing with declared classes and
    values of declared object and datatype properties (labels, NIF text and other annotations
    carry nothing a reasoner uses)."""
    classes = set(onto.subjects(RDF.type, OWL.Class))
    props = set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(onto.subjects(RDF.type, OWL.DatatypeProperty))
    g = _copy(onto)
    for s, p, o in data:
        if (p == RDF.type and o in classes) or p in props:
            g.add((s, p, o))
    return g


def _hermit_consistent(g: Graph) -> bool:
    owlready2 = pytest.importorskip("owlready2")
    if shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Java for HermiT (.ci/run installs default-jre-headless)")
        pytest.skip("HermiT needs Java (java is not on PATH)")
    folder = tempfile.mkdtemp(prefix="govkg-hermit-")
    try:
        path = os.path.join(folder, "kg.nt")
        g.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology("file://" + path).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False
        return True
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def seed_abox(seed_graph):
    return _abox(seed_graph, Graph().parse(ontology_path(), format="turtle"))


def test_the_seed_data_is_consistent_under_hermit(seed_abox):
    assert _hermit_consistent(seed_abox)


def test_hermit_finds_an_organization_that_is_a_place(seed_abox):
    g = _copy(seed_abox)
    org = next(s for s in g.subjects(RDF.type, GOV.Enterprise))
    project = next(s for s in g.subjects(RDF.type, GOV.TransportProject))
    g.add((project, GOV.locatedIn, org))  # the range of gov:locatedIn is gov:Place, disjoint from gov:Organization
    assert not _hermit_consistent(g)


# schema.org's own hierarchy (https://schema.org/version/latest/schemaorg-current-https.ttl)
SCHEMA_HIERARCHY = [("Hospital", "CivicStructure"), ("Hospital", "MedicalOrganization"),
                    ("Hospital", "EmergencyService"), ("EmergencyService", "LocalBusiness"),
                    ("LocalBusiness", "Place"), ("LocalBusiness", "Organization"), ("CivicStructure", "Place"),
                    ("School", "EducationalOrganization"), ("EducationalOrganization", "CivicStructure"),
                    ("EducationalOrganization", "Organization"), ("CollegeOrUniversity", "EducationalOrganization"),
                    ("MedicalOrganization", "Organization"), ("AdministrativeArea", "Place"), ("Country", "AdministrativeArea"),
                    ("City", "AdministrativeArea"), ("GovernmentOrganization", "Organization")]


def test_schema_org_does_not_make_a_hospital_a_place():
    import owlrl

    g = Graph().parse(ontology_path(), format="turtle")
    for sub, sup in SCHEMA_HIERARCHY:
        g.add((SCHEMA[sub], RDFS.subClassOf, SCHEMA[sup]))
    things = {GOV.Hospital: ID["organization/x/医院"], GOV.School: ID["organization/x/学校"],
              GOV.University: ID["organization/x/大学"], GOV.Zone: ID["place/x/开发区"]}
    for cls, node in things.items():
        g.add((node, RDF.type, cls))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    tops = {n: {t for t in ("Place", "Organization", "Project", "Initiative", "PolicyDocument")
                if (node, RDF.type, GOV[t]) in g} for n, node in things.items()}
    assert tops == {GOV.Hospital: {"Organization"}, GOV.School: {"Organization"},
                    GOV.University: {"Organization"}, GOV.Zone: {"Place"}}
    assert (things[GOV.School], RDF.type, SCHEMA.Place) in g  # schema.org's view of a school, not gov:'s
