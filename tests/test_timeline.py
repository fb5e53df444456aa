"""An entity's story across years: one entity over an area's reports, `govkg timeline`, the saved
query and the explorer's side panel; on 保定市's reports 2006–2026 and a county's when ../shared is there."""
import csv
import json

import pytest

from conftest import SHARED
from helpers import run

from govkg.graph.export.html import explorer_data

YEARS = {
    2020: "一、2019年工作回顾\n全区经济平稳。\n二、2020年工作安排\n规划建设南沙枢纽大桥。\n",
    2021: "一、2020年工作回顾\n加快建设南沙枢纽大桥，推进明珠湾起步区开发。\n",
    2022: "一、2021年工作回顾\n南沙枢纽大桥建成通车。\n",
}


@pytest.fixture(scope="module")
def story_build(tmp_path_factory):
    src = tmp_path_factory.mktemp("reports")
    for year, body in YEARS.items():
        (src / f"nansha_{year}.txt").write_text(f"南沙区{year}年政府工作报告\n{body}", encoding="utf-8")
    out = tmp_path_factory.mktemp("build")
    code, _, err = run(["build", str(src), "-o", str(out), "-q", "--no-cache"])
    assert code == 0, err
    return out


def test_the_timeline_tells_the_story_year_by_year(story_build):
    code, out, err = run(["timeline", "南沙枢纽大桥", "-g", str(story_build)])
    assert code == 0, err
    assert out.count("https://w3id.org/govkg/id/project/") == 1  # one entity across the three reports
    years = [line.split()[0] for line in out.splitlines() if line[:4].isdigit()]
    assert years == ["2020", "2021", "2022"]
    blocks = out.split("\n\n")[1:]
    assert "[planned]" in blocks[0] and ", plan" in blocks[0] and "规划建设南沙枢纽大桥" in blocks[0]
    assert "[under construction]" in blocks[1] and "by 南沙区" in blocks[1]
    assert "[completed]" in blocks[2] and ", review" in blocks[2] and "建成通车" in blocks[2]


def test_the_timeline_as_json(story_build):
    code, out, _ = run(["timeline", "南沙枢纽大桥", "-g", str(story_build), "--format", "json"])
    data = json.loads(out)
    assert data["years"] == ["2020", "2021", "2022"]
    assert [r["statuses"] for r in data["reports"]] == [["planned"], ["under construction"], ["completed"]]


def test_an_unknown_name_is_an_error_with_a_hint(story_build):
    code, _, err = run(["timeline", "南沙枢纽", "-g", str(story_build)])
    assert code == 2 and "no entity is named '南沙枢纽'" in err and "南沙枢纽大桥" in err


def test_the_explorer_panel_shows_the_timeline(story_build):
    from govkg.graph.api import load

    data = explorer_data(load(story_build).networkx)
    node = next(n for n in data["nodes"] if n["label"] == "南沙枢纽大桥")
    assert [t["year"] for t in node["timeline"]] == ["2020", "2021", "2022"]
    assert any("completes [Completed]" in f for f in node["timeline"][2]["facts"])
    assert "timeline" not in next(n for n in data["nodes"] if n["label"] == "明珠湾起步区")  # one year only
    page = (story_build / "graph.html").read_text(encoding="utf-8")
    assert "历年 Timeline" in page


# ------------------------------------------------------------------ the corpus

CORPUS = SHARED / "corpus"


def _manifest(tmp_path):
    """The corpus's own MANIFEST.tsv as a build manifest (area, code and year of every report)."""
    from govkg.extract.gazetteer import gazetteer

    out = {}
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            d = gazetteer().by_code.get(row["code"])
            out[row["file"].rsplit(".", 1)[0]] = {"area": d.name if d else row["area"], "area_code": row["code"],
                                                  "year": int(row["report_year"]), "kind": "GovernmentWorkReport"}
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def baoding(tmp_path_factory):
    if not (CORPUS / "MANIFEST.tsv").exists():
        pytest.skip("../shared/corpus not present")
    tmp = tmp_path_factory.mktemp("baoding")
    files = sorted(CORPUS.glob("city_130600_*.txt")) + sorted(CORPUS.glob("county_130628_*.txt"))
    out = tmp / "out"
    code, _, err = run(["build", *map(str, files), "-o", str(out), "-q", "--no-html", "--no-cache",
                        "--manifest", str(_manifest(tmp))])
    assert code == 0, err
    return out


def _timeline(build, name):
    code, out, err = run(["timeline", name, "-g", str(build), "--format", "json"])
    assert code == 0, err
    return json.loads(out)


def test_baoding_reports_span_2006_to_2026(baoding):
    code, out, _ = run(["query", "reports", "-g", str(baoding), "--format", "csv"])
    years = {line.split(",")[2] for line in out.splitlines()[1:] if line.startswith("city_130600")}
    assert {"2006", "2014", "2021", "2026"} <= years and len(years) == 15


def test_a_baoding_road_from_construction_to_opening(baoding):
    t = _timeline(baoding, "东二环快速路")
    assert len(t["entities"]) == 1
    # (2025 names it only inside 东二环快速路五道口立交桥主路, a longer name of its own)
    assert t["years"] == ["2022", "2024", "2026"]
    first, last = t["reports"][0], t["reports"][-1]
    assert first["statuses"] == ["under construction"] and "进场施工" in first["sentences"][0]
    assert last["statuses"] == ["completed"] and "建成通车" in last["sentences"][0]


def test_a_railway_named_over_six_years_is_one_entity(baoding):
    t = _timeline(baoding, "雄忻高铁")
    assert len(t["entities"]) == 1 and len(t["years"]) >= 5


def test_a_county_park_from_plan_to_construction(baoding):
    t = _timeline(baoding, "庞佐电器电料产业园区")
    assert len(t["entities"]) == 1
    assert t["years"][0] == "2015" and "planned" in t["reports"][0]["statuses"]
    assert any("under construction" in r["statuses"] for r in t["reports"][1:])
