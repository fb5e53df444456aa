import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from govkg.graph.results import render, table, width
from govkg.graph.saved import parse_saved, saved_queries, saved_query
from govkg.graph.sparql import QueryError, Result, Term, open_engine
from helpers import run

EX = "https://w3id.org/govkg/id/place/"


@pytest.fixture(scope="module")
def engines(seed_kg):
    return open_engine(seed_kg.parts, "oxigraph"), open_engine(seed_kg.parts, "rdflib")


def test_the_library_has_at_least_twelve_described_queries():
    queries = saved_queries()
    assert len(queries) >= 12
    for name, q in queries.items():
        assert q.title, name
        q.render()  # every placeholder is declared


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_both_engines_give_the_same_answer(engines, name):
    ox, rl = engines
    text = saved_query(name).render()
    a, b = ox.query(text), rl.query(text)
    assert a.variables == b.variables
    assert a.rows == b.rows  # every saved query orders its rows fully
    assert a.rows, f"{name} finds nothing in the seeds"


def test_indicator_query_finds_gdp_by_area(engines):
    res = engines[0].query(saved_query("indicator").render({"indicator": "地区生产总值"}))
    cols = res.variables
    rows = [{c: (t.value if t else None) for c, t in zip(cols, r)} for r in res.rows]
    nansha = [r for r in rows if r["area"] == "南沙区" and r["indicator"] == "地区生产总值"]
    assert [(r["period"], r["value"], r["unit"], r["measure"]) for r in nansha] == [("2020H1", "795.3", "亿元", "Level")]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
@example("\\U0000")  # a backslash before u and hex digits: the query's code point escapes come first
@example("\\\\u0041")
def test_parameters_stay_string_literals(value):
    if not value:
        return  # a parameter with a default needs a value
    q = parse_saved("t", '# param: x = a\nSELECT ?v WHERE { BIND ({{x}} AS ?v) }')
    g = Graph()
    res = open_engine({URIRef("urn:g"): g}, "rdflib").query(q.render({"x": value}))
    assert res.rows == [(Term("literal", value),)]


@pytest.mark.parametrize("value", ["\\U0000", "\\u0041", "\\U00000041", "a\\u\\", "南沙\\u区"])
def test_a_backslash_before_u_stays_itself_on_both_engines(value):
    """SPARQL reads \\uXXXX escapes before its grammar, rdflib and Oxigraph alike: a parameter's
    backslash before u (\\U0000, found by hypothesis) must not become a code point."""
    q = parse_saved("t", '# param: x = a\nSELECT ?v WHERE { BIND ({{x}} AS ?v) }')
    for engine in ("rdflib", "oxigraph"):
        res = open_engine({URIRef("urn:g"): Graph()}, engine).query(q.render({"x": value}))
        assert res.rows == [(Term("literal", value),)], engine


def test_unknown_parameter_is_named():
    with pytest.raises(Exception, match="has no parameter colour"):
        saved_query("indicator").render({"colour": "red"})


def _small():
    return Result("select", ["place", "n"], [(Term("uri", EX + "440115"), Term("literal", "3", "http://www.w3.org/2001/XMLSchema#integer")),
                                             (Term("literal", "南沙区", lang="zh"), None)])


def test_table_aligns_chinese_text():
    assert width("南沙区ab") == 8
    lines = table(_small()).splitlines()
    iri = EX + "440115"
    assert lines[0] == "place" + " " * (len(iri) - 5 + 2) + "n"
    assert lines[2] == iri + "  3"
    assert lines[3] == "南沙区"
    assert lines[-1] == "(2 rows)"


def test_result_formats_follow_the_sparql_specs():
    r = _small()
    assert render(r, "csv") == f"place,n\r\n{EX}440115,3\r\n南沙区,\r\n"
    assert render(r, "tsv") == f'?place\t?n\n<{EX}440115>\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\n"南沙区"@zh\t\n'
    j = json.loads(render(r, "json"))
    assert j["head"]["vars"] == ["place", "n"]
    assert j["results"]["bindings"][1] == {"place": {"type": "literal", "value": "南沙区", "xml:lang": "zh"}}
    assert "<literal xml:lang=\"zh\">南沙区</literal>" in render(r, "xml")
    ask = Result("ask", boolean=True)
    assert json.loads(render(ask, "json")) == {"head": {}, "boolean": True}
    assert render(ask, "table") == "yes\n"


def test_construct_gives_turtle(engines):
    res = engines[0].query("CONSTRUCT { ?s ?p ?o } WHERE { BIND (<urn:a> AS ?s) BIND (<urn:b> AS ?p) BIND ('x' AS ?o) }")
    assert res.kind == "graph"
    assert render(res, "nt") == '<urn:a> <urn:b> "x" .\n'


def test_updates_and_bad_syntax_are_refused(engines):
    with pytest.raises(QueryError, match="not allowed"):
        engines[0].query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryError, match="syntax"):
        engines[1].query("SELEKT * WHERE {}")


def test_query_command(seed_build):
    code, out, err = run(["query", "--list"])
    assert code == 0 and out.splitlines()[0].startswith("area-projects")
    code, out, err = run(["query", "-g", str(seed_build), "--saved", "reports", "--format", "csv"])
    assert code == 0, err
    assert out.splitlines()[0] == "report,area,year,kind,entities,figures,relations"
    assert out.splitlines()[1].startswith("000_18dbd27aeb4158ef,南沙区,2020,")
    code, out, err = run(["query", "-g", str(seed_build), "ASK { ?s a <https://w3id.org/govkg/ontology#Report> }"])
    assert (code, out) == (0, "yes\n")
    code, out, err = run(["query", "-g", str(seed_build), "SELECT nonsense"])
    assert code == 2 and "syntax error" in err


def _rows(res):
    return [{c: (t.value if t else None) for c, t in zip(res.variables, r)} for r in res.rows]


def test_indicator_query_takes_any_name_of_a_concept_and_finds_no_substring_noise(engines):
    by_synonym = _rows(engines[0].query(saved_query("indicator").render({"indicator": "生产总值"})))
    by_name = _rows(engines[0].query(saved_query("indicator").render({"indicator": "地区生产总值"})))
    assert by_synonym == by_name and by_name
    # the concept, its growth and rank; never 人均地区生产总值 or a fragment such as 全县地区
    assert {r["indicator"] for r in by_name} <= {"地区生产总值", "地区生产总值增速", "地区生产总值年均增速",
                                                   "地区生产总值全市排名", "地区生产总值增速全市排名"}
    assert "本地生产总值" in by_name[0]["synonyms"].split(" / ")


REPORT_FILTERED = ["area-projects", "cooperation", "fact-source", "policy-documents", "top-entities", "reports",
                   "targets", "indicator", "figure-source", "timeline"]


@pytest.mark.parametrize("name", REPORT_FILTERED)
def test_queries_about_reports_take_area_year_and_report(name):
    assert {"area", "year", "report"} <= set(saved_query(name).params)


def test_area_year_and_report_filter_the_seed_build(engines):
    ox, rl = engines
    for engine in engines:
        ids = [r["report"] for r in _rows(engine.query(saved_query("reports").render({"area": "南沙"})))]
        assert ids == ["000_18dbd27aeb4158ef"]  # 南沙 is an alias of 南沙区
    coop = _rows(ox.query(saved_query("cooperation").render({"area": "南沙区", "year": "2020"})))
    assert [(r["partner"], r["with"], r["report_ids"]) for r in coop] == [
        ("南沙区", w, "000_18dbd27aeb4158ef") for w in ("前海", "北部生态发展区", "平远县", "梅州市", "澳门", "蕉岭县", "香港")]
    for name in ("area-projects", "fact-source", "policy-documents"):
        every = _rows(ox.query(saved_query(name).render()))
        one = _rows(ox.query(saved_query(name).render({"report": "004_f7d3045b65ec1e49"})))
        assert one == [r for r in every if r["report"] == "004_f7d3045b65ec1e49"], name
        assert _rows(rl.query(saved_query(name).render({"report": "004_f7d3045b65ec1e49", "area": "南沙区"}))) == []
    with pytest.raises(Exception, match="year='20x3' is not a year"):
        saved_query("reports").render({"year": "20x3"})


def test_a_parameter_value_cannot_change_the_query(engines):
    hostile = '南沙区" } UNION { ?r ?p ?o } #'
    for engine in engines:
        assert engine.query(saved_query("reports").render({"area": hostile})).rows == []


def test_entity_matches_a_whole_name_or_alias_else_the_start_of_names(engines):
    for engine in engines:
        by_alias = {r["entity"] for r in _rows(engine.query(saved_query("entity").render({"entity": "南沙"})))}
        assert by_alias == {"南沙区"}  # 南沙 is 南沙区's alias: the names that start with 南沙 are left out
        by_start = {r["entity"] for r in _rows(engine.query(saved_query("entity").render({"entity": "明珠湾"})))}
        assert by_start == {"明珠湾大桥", "明珠湾起步区"}


def test_unknown_saved_query_is_named_with_close_ones(seed_build):
    code, out, err = run(["query", "-g", str(seed_build), "area-projcts"])
    assert code == 2 and err.strip() == ("govkg: error: no saved query area-projcts; did you mean area-projects, reports? "
                                         "(`govkg query --list` shows them all)")
    code, out, err = run(["query", "-g", str(seed_build), "nosuchname"])
    assert code == 2 and "no saved query nosuchname" in err and "syntax" not in err


def test_list_shows_each_querys_parameters_and_positional_parameters_run(seed_build):
    code, out, err = run(["query", "--list"])
    lines = out.splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith("area-projects "))
    assert [ln.split()[0] for ln in lines[i + 1:i + 4]] == ["area=", "year=", "report="]
    assert any(ln.split()[0] == "entity=南沙区" for ln in lines)
    code, out, err = run(["query", "-g", str(seed_build), "reports", "area=南沙区", "--format", "csv"])
    assert code == 0, err
    assert [ln.split(",")[0] for ln in out.splitlines()] == ["report", "000_18dbd27aeb4158ef"]


def test_oxigraph_is_the_default_engine_and_rdflib_is_asked_for_by_name(seed_build, capsys):
    import inspect
    import tomllib

    from conftest import ROOT
    from govkg.graph.cli import make_parser
    from govkg.graph.serve import make_server
    from govkg.graph.sparql import DEFAULT_ENGINE, ENGINES

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.startswith("pyoxigraph") for d in deps)  # `pip install govkg` brings the default engine
    parser = make_parser()
    for argv in (["query", "ASK {}"], ["serve"], ["timeline", "南沙区"]):
        assert parser.parse_args(argv).engine == DEFAULT_ENGINE == "oxigraph", argv
        assert parser.parse_args([*argv, "--engine", "rdflib"]).engine == "rdflib"
        action = next(a for a in parser._subparsers._group_actions[0].choices[argv[0]]._actions if a.dest == "engine")
        assert tuple(action.choices) == ENGINES
    assert inspect.signature(make_server).parameters["engine"].default == "oxigraph"
    assert open_engine(seed_build).name == "oxigraph"
    assert open_engine(seed_build, "rdflib").name == "rdflib"
    with pytest.raises(Exception, match="unknown SPARQL engine 'jena'; known: oxigraph, rdflib, auto"):
        open_engine(seed_build, "jena")
    code, out, err = run(["query", "-g", str(seed_build), "--engine", "jena", "ASK {}"])
    assert code == 2 and "argument --engine: invalid choice: 'jena'" in capsys.readouterr().err  # argparse's own


NANSHA_LABEL = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX dcterms: <http://purl.org/dc/terms/>\n"
                'CONSTRUCT { ?p rdfs:label ?l } WHERE { ?p dcterms:identifier "440115" ; rdfs:label ?l }')


@pytest.mark.parametrize("name, rdflib_format, starts", [
    ("turtle", "turtle", "@prefix"), ("ttl", "turtle", "@prefix"), ("nt", "nt", "<"), ("ntriples", "nt", "<"),
    ("rdfxml", "xml", "<?xml"), ("xml", "xml", "<?xml"), ("rdf", "xml", "<?xml"),
    ("jsonld", "json-ld", "["), ("json-ld", "json-ld", "["), ("json", "json-ld", "["), ("table", "turtle", "@prefix")])
def test_query_writes_construct_in_every_rdf_format_the_endpoint_speaks(seed_build, name, rdflib_format, starts):
    from rdflib import RDFS, Literal
    from govkg.graph.results import named_format
    from govkg.graph.serve import choose_format

    code, out, err = run(["query", "-g", str(seed_build), "--format", name, NANSHA_LABEL])
    assert code == 0, err
    assert out.startswith(starts) and out.endswith("\n")
    g = Graph().parse(data=out, format=rdflib_format)
    assert set(g) == {(URIRef(EX + "440115"), RDFS.label, Literal("南沙区", lang="zh"))}
    if name != "table":  # the endpoint's format= gives the same format: one table of names serves both
        assert choose_format("graph", [], forced=name) == named_format("graph", name)
        result = open_engine(seed_build).query(NANSHA_LABEL)
        assert out == render(result, named_format("graph", name))


def test_query_describe_as_json_ld_and_rdf_xml(seed_build):
    import json as _json
    describe = f"DESCRIBE <{EX}440115>"
    code, out, err = run(["query", "-g", str(seed_build), "--format", "jsonld", describe])
    assert code == 0, err
    nodes = {n["@id"]: n for n in _json.loads(out)}
    label = nodes[EX + "440115"]["http://www.w3.org/2000/01/rdf-schema#label"]
    assert {"@language": "zh", "@value": "南沙区"} in label
    code, xml_out, err = run(["query", "-g", str(seed_build), "--format", "rdfxml", describe])
    assert code == 0, err
    assert len(Graph().parse(data=xml_out, format="xml")) == len(Graph().parse(data=out, format="json-ld")) > 1


def test_a_format_that_does_not_fit_the_query_form_is_refused_with_the_ones_that_do(seed_build):
    code, out, err = run(["query", "-g", str(seed_build), "--format", "csv", NANSHA_LABEL])
    assert (code, out) == (2, "")
    assert err == ("govkg: error: --format csv does not fit a CONSTRUCT or DESCRIBE query; its formats: table, "
                   "turtle, nt, rdfxml, jsonld, json (JSON-LD), xml (RDF/XML)\n")
    code, out, err = run(["query", "-g", str(seed_build), "--format", "rdfxml", "ASK {}"])
    assert (code, err) == (2, "govkg: error: --format rdfxml does not fit an ASK query; its formats: table, csv, tsv, "
                              "json, xml\n")
    code, out, err = run(["query", "-g", str(seed_build), "--format", "turtle", "SELECT * WHERE {} LIMIT 1"])
    assert code == 2 and "does not fit a SELECT query" in err
