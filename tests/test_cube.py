"""The statistics are a well-formed RDF Data Cube: the W3C integrity constraints IC-1 to IC-19 hold on
the build of the dev corpus (seeds, and ../shared/gold/texts when present), and the indicator
scheme is a SKOS concept scheme with synonyms and base indicators."""
import pytest
from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, SKOS

from conftest import SEEDS, SHARED

from govkg.extract.indicators import Scheme, Concept, resolve, scheme
from govkg.graph.cube import INTEGRITY_CONSTRAINTS, NORMALIZATION, broken_constraints, indicator_iri

ox = pytest.importorskip("pyoxigraph")
GOV = Namespace("https://w3id.org/govkg/ontology#")
TEXTS = SHARED / "gold" / "texts"


def _store(path):
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    return store


def _broken(store):
    return broken_constraints(lambda q: store.update(q), lambda q: bool(store.query(q)))


def _build(tmp_path, inputs):
    from govkg.extract.pipeline import run
    from govkg.graph.build import build_graph
    from govkg.graph.export.rdf import write_rdf

    corpus = run(inputs)
    assert not corpus.failures, corpus.failures
    path = tmp_path / "graph.ttl"
    write_rdf(build_graph(corpus), path)
    return path


def test_the_constraints_are_those_of_the_recommendation():
    names = [n.split()[0] for n in INTEGRITY_CONSTRAINTS]
    assert sorted(set(names), key=lambda n: int(n[3:])) == [f"IC-{i}" for i in range(1, 20)]
    assert len(NORMALIZATION) == 9


def test_the_seed_build_is_a_well_formed_cube(seed_build):
    store = _store(seed_build / "graph.ttl")
    assert int(next(iter(store.query(
        "SELECT (COUNT(*) AS ?n) WHERE { ?o a <http://purl.org/linked-data/cube#Observation> }")))[0].value) > 300
    assert _broken(store) == []


@pytest.mark.skipif(not TEXTS.is_dir(), reason="../shared/gold/texts not present")
def test_the_dev_corpus_build_is_a_well_formed_cube(tmp_path):
    assert _broken(_store(_build(tmp_path, [SEEDS, TEXTS]))) == []


def test_a_duplicate_observation_breaks_ic12(seed_build, tmp_path):
    """The check can fail: a copy of an observation under another IRI is a duplicate."""
    store = _store(seed_build / "graph.ttl")
    store.update("""PREFIX qb: <http://purl.org/linked-data/cube#>
        INSERT { ?copy ?p ?v } WHERE {
          { SELECT ?o WHERE { ?o a qb:Observation } ORDER BY ?o LIMIT 1 }
          ?o ?p ?v . BIND(IRI(CONCAT(STR(?o), "-copy")) AS ?copy) }""")
    assert _broken(store) == ["IC-12 No duplicate observations"]


def test_an_observation_without_its_area_breaks_ic11(seed_build):
    store = _store(seed_build / "graph.ttl")
    store.update("""PREFIX qb: <http://purl.org/linked-data/cube#>
        PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
        DELETE { ?o sdmx-dimension:refArea ?a } WHERE {
          { SELECT ?o WHERE { ?o a qb:Observation } ORDER BY ?o LIMIT 1 } ?o sdmx-dimension:refArea ?a }""")
    assert "IC-11 All dimensions required" in _broken(store)


def test_each_report_is_a_data_set_of_the_one_structure(seed_graph):
    QB = Namespace("http://purl.org/linked-data/cube#")
    datasets = set(seed_graph.subjects(RDF.type, QB.DataSet))
    reports = set(seed_graph.subjects(RDF.type, GOV.Report))
    assert len(datasets) == len(reports) == 5
    assert {seed_graph.value(d, QB.structure) for d in datasets} == {GOV.dsd}


# ------------------------------------------------------------------ the indicator scheme


def test_the_scheme_is_in_the_graph_with_synonyms_and_bases(seed_graph):
    gdp = indicator_iri("地区生产总值")
    assert (gdp, SKOS.inScheme, GOV.indicatorScheme) in seed_graph
    alt = {str(x) for x in seed_graph.objects(gdp, SKOS.altLabel)}
    assert {"生产总值", "本地生产总值", "GDP"} <= alt
    assert (indicator_iri("规模以上工业增加值"), SKOS.altLabel, Literal("规上工业增加值", lang="zh")) in seed_graph
    assert seed_graph.value(indicator_iri("居民消费价格涨幅"), GOV.baseIndicator) == indicator_iri("居民消费价格指数")
    concepts = set(seed_graph.subjects(SKOS.inScheme, GOV.indicatorScheme))
    assert len(concepts) >= len(scheme().concepts)


def test_a_growth_used_by_a_report_links_to_its_base(seed_graph):
    growth = indicator_iri("地区生产总值增速")
    assert seed_graph.value(growth, GOV.baseIndicator) == indicator_iri("地区生产总值")
    assert seed_graph.value(growth, GOV.measureType) == GOV.Growth
    assert (growth, SKOS.inScheme, GOV.indicatorScheme) in seed_graph


def test_every_indicator_is_in_one_scheme_and_has_one_label(seed_graph):
    for ind in set(seed_graph.objects(None, GOV.indicator)):
        schemes = set(seed_graph.objects(ind, SKOS.inScheme))
        assert len(schemes) == 1 and schemes <= {GOV.indicatorScheme, GOV.reportedIndicatorScheme}, ind
        assert len(list(seed_graph.objects(ind, URIRef("http://www.w3.org/2000/01/rdf-schema#label")))) == 1, ind


@pytest.mark.parametrize("phrase,measure,label,base,in_scheme", [
    ("地区生产总值完成", "level", "地区生产总值", "", True),
    ("全县生产总值", "level", "地区生产总值", "", True),
    ("GDP", "level", "地区生产总值", "", True),
    ("规上工业增加值增速", "growth", "规模以上工业增加值增速", "规模以上工业增加值", True),
    ("高技术制造业增速增速", "growth", "高技术制造业增加值增速", "高技术制造业增加值", True),
    ("城镇登记失业率控制", "level", "城镇登记失业率", "", True),
    ("居民消费价格涨幅控制", "level", "居民消费价格涨幅", "居民消费价格指数", True),
    ("固定资产投资增速全市排名", "rank", "固定资产投资增速全市排名", "固定资产投资增速", True),
    ("经济总量年均增速", "growth", "地区生产总值年均增速", "地区生产总值", True),
    ("五是新建幼儿园", "level", "新建幼儿园", "", False),
    ("资源化利用率", "share", "资源化利用率", "", False),
    # 通过 opens the means, not the thing; 以 inside the word 以工代赈 opens no clause
    ("通过实施以工代赈吸纳就业", "level", "以工代赈吸纳就业", "", False),
])
def test_phrases_resolve_to_concepts(phrase, measure, label, base, in_scheme):
    r = resolve(phrase, measure)
    assert (r.label, r.base, r.in_scheme) == (label, base, in_scheme)


@pytest.mark.parametrize("phrase", ["企业", "事项", "连续", "五是投资", "对", "是2006年", "全县", "总投资", "增速",
                                    # a comparison, a clause or a generic noun (all seen as indicators of the corpus)
                                    "高于全省", "比“十二五”末增速", "但赤字率", "以及企业", "城市", "关键词"])
def test_nothing_measurable_gets_no_indicator(phrase):
    assert resolve(phrase, "level") is None


def test_a_scheme_row_must_name_a_known_base_and_one_concept_per_name():
    with pytest.raises(ValueError, match="no concept"):
        Scheme([Concept("甲增速", (), "甲", "growth", "")])
    with pytest.raises(ValueError, match="names both"):
        Scheme([Concept("甲", ("乙",), "", "level", ""), Concept("丙", ("乙",), "", "level", "")])


@pytest.mark.parametrize("phrase,measure,label,written", [
    ("规上工业增加值增速", "growth", "规模以上工业增加值增速", "规上工业增加值增速"),
    ("规上工业增加值", "level", "规模以上工业增加值", "规上工业增加值"),
    ("经济总量", "level", "地区生产总值", "经济总量"),
    ("地区生产总值完成", "level", "地区生产总值", ""),
    ("生产总值全国排名", "rank", "地区生产总值全国排名", "生产总值全国排名"),
])
def test_a_concept_keeps_the_spelling_the_report_wrote(phrase, measure, label, written):
    r = resolve(phrase, measure)
    assert (r.label, r.written) == (label, written)


def test_a_figure_reads_as_the_report_wrote_it_and_counts_under_its_concept(tmp_path):
    """规上工业增加值增长6.9%: the figure's indicator is labelled 规上工业增加值增速, is exactMatch the
    scheme's 规模以上工业增加值增速, and the indicator query by the concept finds the figure."""
    from helpers import run

    src = tmp_path / "in"
    src.mkdir()
    (src / "r.txt").write_text("保定市满城区2023年政府工作报告\n\n过去一年，全区规上工业增加值增长6.9%，地区生产总值增长5.1%。\n",
                               encoding="utf-8")
    code, _, err = run(["build", str(src), "-o", str(tmp_path / "out"), "--no-cache", "-q", "--no-html"])
    assert code == 0, err
    store = _store(tmp_path / "out" / "graph.ttl")
    rows = {(str(r[0].value), str(r[1].value) if r[1] else None) for r in store.query("""
        PREFIX gov: <https://w3id.org/govkg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?l ?cl WHERE { ?o gov:indicator ?i . ?i rdfs:label ?l .
                              OPTIONAL { ?i skos:exactMatch/rdfs:label ?cl } }""")}
    assert ("规上工业增加值增速", "规模以上工业增加值增速") in rows
    assert ("地区生产总值增速", None) in rows  # the canonical spelling is the concept itself
    code, out, err = run(["query", "-g", str(tmp_path / "out"), "indicator", "indicator=规模以上工业增加值"])
    assert code == 0, err
    assert "规模以上工业增加值增速" in out and "6.9" in out
