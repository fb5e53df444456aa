"""The area=, year= and report= parameters of the timeline and shared-* saved queries, on four
reports of two districts and two years, with both engines; and `govkg timeline --area/--year/--report`.

Each parameter narrows the reports a query reads, as in the other saved queries.  The shared-*
queries count reports (or areas) among those: shared-initiatives takes area= and year= (two
reports of one area, or of one year, can share an initiative), shared-institutions takes year=
(one area's reports cannot make two areas), and neither takes report= (one report is never two)."""
import re

import pytest

from govkg.graph.saved import saved_queries, saved_query
from govkg.graph.sparql import open_engine
from helpers import run

REPORTS = {  # id: text (南沙区 and 黄埔区, 2022 and 2023)
    "a": "南沙区2022年政府工作报告\n2022年，南沙区全面推进乡村振兴，积极参与一带一路建设，"
         "与中山大学、华南理工大学合作共建南沙科学城。\n",
    "b": "南沙区2023年政府工作报告\n2023年，南沙区深入实施乡村振兴战略，与中山大学签署合作协议。\n",
    "c": "黄埔区2023年政府工作报告\n2023年，黄埔区扎实推进乡村振兴，积极参与一带一路建设，与中山大学签署合作协议。\n",
    "d": "黄埔区2022年政府工作报告\n2022年，黄埔区深度融入一带一路，与华南理工大学签署合作协议。\n",
}


@pytest.fixture(scope="module")
def four_reports(tmp_path_factory):
    src = tmp_path_factory.mktemp("reports")
    for name, text in REPORTS.items():
        (src / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("build")
    code, _, err = run(["build", str(src), "-o", str(out), "-q", "--no-cache", "--no-html"])
    assert code == 0, err
    return out


@pytest.fixture(scope="module", params=["oxigraph", "rdflib"])
def engine(four_reports, request):
    return open_engine(four_reports, request.param)


def _rows(engine, query, **params):
    res = engine.query(saved_query(query).render(params))
    return [tuple("" if t is None else t.value for t in row) for row in res.rows]


def test_the_four_reports_are_two_areas_by_two_years(engine):
    got = [(r[0], r[1], r[2]) for r in _rows(engine, "reports")]
    assert got == [("a", "南沙区", "2022"), ("b", "南沙区", "2023"), ("c", "黄埔区", "2023"), ("d", "黄埔区", "2022")]


def test_shared_initiatives_by_area_and_year(engine):
    assert _rows(engine, "shared-initiatives") == [("一带一路", "3", "a, c, d"), ("乡村振兴", "3", "a, b, c")]
    assert _rows(engine, "shared-initiatives", area="南沙区") == [("乡村振兴", "2", "a, b")]
    assert _rows(engine, "shared-initiatives", area="黄埔区") == [("一带一路", "2", "c, d")]
    assert _rows(engine, "shared-initiatives", year="2022") == [("一带一路", "2", "a, d")]
    assert _rows(engine, "shared-initiatives", year="2023") == [("乡村振兴", "2", "b, c")]
    assert _rows(engine, "shared-initiatives", area="南沙区", year="2023") == []  # one report
    assert _rows(engine, "shared-initiatives", area="越秀区") == []


def test_shared_institutions_by_year(engine):
    assert _rows(engine, "shared-institutions") == [("中山大学", "University", "2", "南沙区, 黄埔区"),
                                                     ("华南理工大学", "University", "2", "南沙区, 黄埔区")]
    assert _rows(engine, "shared-institutions", year="2022") == [("华南理工大学", "University", "2", "南沙区, 黄埔区")]
    assert _rows(engine, "shared-institutions", year="2023") == [("中山大学", "University", "2", "南沙区, 黄埔区")]
    assert _rows(engine, "shared-institutions", year="2024") == []


def test_the_shared_queries_take_no_parameter_that_would_leave_one_report_or_one_area():
    assert set(saved_query("shared-initiatives").params) == {"area", "year"}
    assert set(saved_query("shared-institutions").params) == {"year"}
    with pytest.raises(Exception, match="query 'shared-institutions' has no parameter area"):
        saved_query("shared-institutions").render({"area": "南沙区"})


def _reports(engine, **params):
    """(year, report) of each timeline row of 乡村振兴, once each, in the query's order."""
    return list(dict.fromkeys((r[0], r[1]) for r in _rows(engine, "timeline", name="乡村振兴", **params)))


def test_timeline_by_area_year_and_report(engine):
    assert set(saved_query("timeline").params) == {"name", "area", "year", "report"}
    assert _reports(engine) == [("2022", "a"), ("2023", "b"), ("2023", "c")]
    assert _reports(engine, area="南沙区") == [("2022", "a"), ("2023", "b")]
    assert _reports(engine, year="2023") == [("2023", "b"), ("2023", "c")]
    assert _reports(engine, report="c") == [("2023", "c")]
    assert _reports(engine, area="黄埔区", year="2022") == []  # d does not name it
    assert _reports(engine, report='c" } UNION { ?r ?p ?o } #') == []  # a value stays one literal


def test_the_timeline_command_takes_area_year_and_report(four_reports):
    code, out, err = run(["timeline", "乡村振兴", "-g", str(four_reports), "--area", "南沙区"])
    assert code == 0, err
    assert out.splitlines()[0] == "乡村振兴: named in 2 report(s), 2022–2023"
    assert [ln.split()[:2] for ln in out.splitlines() if ln[:4].isdigit()] == [["2022", "a"], ["2023", "b"]]
    code, out, err = run(["timeline", "乡村振兴", "-g", str(four_reports), "--year", "2023", "--report", "b"])
    assert code == 0 and [ln.split()[:2] for ln in out.splitlines() if ln[:4].isdigit()] == [["2023", "b"]]
    code, out, err = run(["timeline", "乡村振兴", "-g", str(four_reports), "--area", "黄埔区", "--year", "2022"])
    assert (code, err) == (2, "govkg: error: '乡村振兴' is named in the graph, but in no report with area=黄埔区, "
                              "year=2022\n")
    code, out, err = run(["timeline", "乡村振兴", "-g", str(four_reports), "--year", "22"])
    assert (code, err) == (2, "govkg: error: query 'timeline': year='22' is not a year such as 2023\n")


AREA_FILTERED = sorted(name for name, q in saved_queries().items() if "area" in q.params)


@pytest.fixture(scope="module")
def both(four_reports):
    return open_engine(four_reports, "oxigraph"), open_engine(four_reports, "rdflib")


@pytest.mark.parametrize("name", AREA_FILTERED)
def test_an_area_filter_gives_the_same_rows_on_both_engines(both, name):
    ox, rl = both
    text = saved_query(name).render({"area": "南沙区"})
    a, b = ox.query(text), rl.query(text)
    assert (a.variables, a.rows) == (b.variables, b.rows)


def test_an_area_filter_keeps_the_rows_of_that_areas_reports_on_both_engines(both):
    for engine in both:
        assert [r[0] for r in _rows(engine, "reports", area="南沙区")] == ["a", "b"]
        assert [r[0] for r in _rows(engine, "reports", area="黄埔区")] == ["c", "d"]
        assert _rows(engine, "reports", area="越秀区") == []
        assert _rows(engine, "cooperation", area="黄埔区") == [("黄埔区", "中山大学", "1", "c"),
                                                             ("黄埔区", "华南理工大学", "1", "d")]
        assert _rows(engine, "top-entities", area="黄埔区") == [
            ("一带一路", "Strategy", "2"), ("黄埔区", "District", "2"), ("中山大学", "University", "1"),
            ("乡村振兴", "Strategy", "1"), ("华南理工大学", "University", "1")]


def test_the_area_filter_is_one_path_to_an_area_name_never_a_join():
    """rdflib 7 marks no join inside EXISTS as lazy: it evaluates the second part over the whole
    graph for each row (every rdfs:label, for each mention), which took the suite from 13 to 20
    minutes; one property path is followed from the row's report or figure."""
    path = re.compile(r"FILTER \(!BOUND\(\?_area\) \|\| EXISTS \{ \?(r dcterms:spatial|obs sdmx-dimension:refArea)"
                      r"/\(rdfs:label\|skos:altLabel\) \?_area \}\)")
    # a query with a branch for no parameter (read from the build's counts, graph/summary.py) and one for
    # any parameter guards each with whether the parameters are bound: no area filter, no lookup
    guard = re.compile(r"FILTER \((!?BOUND\(\?_\w+\)( (&&|\|\|) )?)+\)(  #.*)?")
    for name in AREA_FILTERED:
        text = saved_query(name).text
        filters = [ln.strip() for ln in text.splitlines() if "?_area" in ln and "FILTER" in ln
                   and not guard.fullmatch(ln.strip())]
        assert len(filters) == 1 and path.fullmatch(filters[0]), (name, filters)
        assert "{{area@zh}}" in text, name  # the name given is looked up as an @zh literal
