from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from govkg.graph.validate import validate_graph
from helpers import run

NANSHA = URIRef("https://w3id.org/govkg/id/place/440115")
SDMX_PERIOD = URIRef("http://purl.org/linked-data/sdmx/2009/dimension#refPeriod")


def test_the_seed_build_conforms(seed_build):
    code, out, err = run(["validate", "-g", str(seed_build)])
    assert (code, out) == (0, "conforms: the graph meets every shape\n"), out + err


def _copy(g):
    h = type(g)()
    for t in g:
        h.add(t)
    return h


def test_violations_are_listed(seed_graph):
    g = _copy(seed_graph)
    g.add((NANSHA, RDFS.label, Literal("南沙", lang="zh")))  # a second canonical label
    obs = next(g.subjects(SDMX_PERIOD, Literal("2020H1")))
    g.set((obs, SDMX_PERIOD, Literal("上半年")))  # not a period code
    report = validate_graph(g)
    assert not report.conforms
    assert {(v.focus, v.path) for v in report.violations} == {(str(NANSHA), str(RDFS.label)),
                                                              (str(obs), str(SDMX_PERIOD))}
    assert "one canonical rdfs:label" in report.text()


def test_exit_codes(tmp_path, seed_graph):
    g = _copy(seed_graph)
    g.add((NANSHA, RDFS.label, Literal("南沙", lang="zh")))
    bad = tmp_path / "bad.ttl"
    g.serialize(bad, format="turtle")
    code, out, err = run(["validate", "-g", str(bad)])
    assert code == 1 and out.startswith("does not conform: 1 result(s)")
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix : <urn:> . :a :b", encoding="utf-8")
    code, out, err = run(["validate", "-g", str(broken)])
    assert code == 2 and "broken.ttl: not readable as turtle" in err
