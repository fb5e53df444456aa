"""Report metadata: own area, year, kind and reviewed period, and the cue that decided each."""
import csv
from types import SimpleNamespace

import pytest
from conftest import SEEDS, SHARED
from hypothesis import given
from hypothesis import strategies as st

from govkg.extract.metadata import View, infer_area, infer_meta
from govkg.extract.reader import read_bytes, read_file


def meta_of(text: str, mentions=None, override=None):
    return infer_meta(read_bytes(text.encode("utf-8"), "r.txt", "text"), override, mentions)


def decided(meta, field: str) -> str:
    return meta.source(field).rule


def warning(meta, start: str) -> str:
    """The one warning that starts with ``start`` (after the file name)."""
    (w,) = [w.split(": ", 1)[1] for w in meta.warnings if w.split(": ", 1)[1].startswith(start)]
    return w


# ---------------------------------------------------------------- each cue a person reads

def test_the_dated_subtitle_gives_area_and_year():
    m = meta_of("政府工作报告\n——2026年1月27日在江西省第十四届人民代表大会第四次会议上\n省长 叶建春\n各位代表：")
    assert (m.area, m.area_code, m.year, m.kind) == ("江西省", "360000", 2026, "GovernmentWorkReport")
    assert decided(m, "area") == "session" and decided(m, "year") == "session-date"


def test_the_delegate_line_names_the_area():
    m = meta_of("政府工作报告\n各位代表：\n现在，我代表保定市人民政府向大会报告工作，请予审议。")
    assert (m.area, m.area_code, decided(m, "area")) == ("保定市", "130600", "delegate")


def test_the_speaker_line_names_the_area():
    m = meta_of("政府工作报告\n河北省人民政府省长 王正谱\n各位代表：")
    assert (m.area_code, decided(m, "area")) == ("130000", "speaker")
    m = meta_of("政府工作报告\n北京市市长 殷勇\n各位代表：")  # the title alone, a line of its own
    assert (m.area_code, decided(m, "area")) == ("110000", "speaker")


def test_the_title_names_the_area_and_the_year():
    m = meta_of("海珠区2023年政府工作报告\n各位代表:")
    assert (m.area, m.area_code, m.year, decided(m, "area"), decided(m, "year")) == ("海珠区", "440105", 2023, "title", "title")


def test_the_scraper_header_is_the_files_own_record():
    text = ("标题：政府工作报告——在保定市第十二届人民代表大会第四次会议上\n发文单位：保定市人民政府\n"
            "发文时间：2006-02-15\n报告人：保定市人民政府市长 于群\n来源URL：http://example.org/471\n\n正文：\n\n"
            "各位代表：\n我代表保定市人民政府向大会作工作报告。")
    m = meta_of(text)
    assert (m.area_code, m.year) == ("130600", 2006)
    assert decided(m, "area").startswith("header-") and decided(m, "year") == "header-date"


def test_where_the_header_and_the_text_disagree_the_header_wins_and_the_build_warns():
    text = ("标题：2018年河北省政府工作报告\n发文单位：河北省人民政府\n发文时间：未知\n\n正文：\n\n"
            "二〇一九年一月十四日在河北省第十三届人民代表大会第二次会议上\n河北省人民政府省长许勤\n各位代表：")
    m = meta_of(text)
    assert m.year == 2018
    assert any("the header says 2018" in w and "the text 2019" in w for w in m.warnings)


def test_a_party_plenary_and_a_party_congress():
    m = meta_of("中共广州市黄埔区委一届十次全会暨广州开发区党工委2019年第四次工作会议于2019年12月6日召开。\n会议强调。")
    assert (m.area, m.area_code, m.year, m.kind) == ("黄埔区", "440112", 2019, "PartyPlenaryReport")
    m = meta_of("1月12日,中国共产党深圳市南山区第七届代表大会第五次会议召开。\n")
    assert (m.area, m.area_code, m.kind) == ("南山区", "440305", "PartyPlenaryReport")  # not 鹤岗市南山区 (230404)


def test_a_zone_that_reports_through_its_administrative_committee():
    m = meta_of("2021年珠海高新区工作报告\n(2021年2月5日)\n珠海高新区管委会")
    assert (m.area, m.area_code, m.year, m.kind) == ("珠海高新区", None, 2021, "GovernmentWorkReport")
    m = meta_of("工作报告\n西安高新区管委会\n各位代表：")
    assert (m.area, decided(m, "area")) == ("西安高新区", "issuer")


def test_cues_run_over_line_breaks_escapes_and_spaced_characters():
    m = meta_of("政府工作报告2011年1月20日在徐水县第十四届人民代表大会\\r\\n第五次会议上\\r\\n徐水县人民政府县长李保森")
    assert (m.area_code, m.year, decided(m, "year")) == ("130609", 2011, "session-date")
    m = meta_of("政 府 工 作 报 告\n——2022年1月27日在阜平县第十八届人民代表大会第二次会议上\n阜平县人民政府县长 王占祥")
    assert (m.area_code, m.year) == ("130624", 2022)
    m = meta_of("内容摘要：\n2020年1月11日在涞水县第十六届人民代表大会第四次会议上????涞水县人民政府县长朱明新????各位代表：")
    assert (m.area_code, m.year) == ("130623", 2020)
    m = meta_of("在阜平县第十七届人民代表大会第一次会议上\n阜平县人民政府县长\n刘靖\n（2017年2月26日）\n各位代表：")
    assert (m.area_code, m.year) == ("130624", 2017)


def test_a_session_the_text_only_refers_to_is_no_cue():
    m = meta_of("各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、2019年工作回顾\n"
                "较好的完成县十五届人大三次会议确定的任务，认真贯彻十三届全国人大二次会议精神，"
                "深入贯彻中共保定市委十届五次全会精神。易县经济平稳，易县农业增产，保定市下达的任务完成。")
    assert (m.area, m.area_code) == ("易县", "130633")  # not 成县, not the country, not 保定市
    assert decided(m, "area") == "fallback"


def test_a_head_of_government_named_in_a_sentence_is_no_speaker_line():
    m = meta_of("各位代表：\n现在，我代表县人民政府向大会报告工作。会议邀请保定市人民政府市长郭建英出席。\n"
                "一、2019年工作回顾\n易县经济平稳，易县农业增产。")
    assert (m.area_code, decided(m, "area")) == ("130633", "fallback")
    m = meta_of("政府工作报告\n国务院总理李强来我省考察。\n——2024年1月在河北省第十四届人民代表大会第二次会议上")
    assert (m.area_code, decided(m, "area")) == ("130000", "session")


def test_a_dated_subtitle_without_zai_is_the_session():
    m = meta_of("2019年1月29日保定市徐水区第二届人民代表大会第三次会议\r\n保定市徐水区人民政府区长&nbsp; 李志永")
    assert (m.area_code, decided(m, "area"), m.year) == ("130609", "session", 2019)


# ---------------------------------------------------------------- every level

@pytest.mark.parametrize("text,code", [
    ("政府工作报告\n——2021年3月5日在第十三届全国人民代表大会第四次会议上\n国务院总理 李克强", "000000"),
    ("政府工作报告\n国务院总理 李强\n各位代表：\n现在，我代表国务院，向大会报告政府工作。", "000000"),
    ("——2026年1月25日在北京市第十六届人民代表大会第四次会议上\n北京市市长 殷勇", "110000"),
    ("——2026年2月2日在广西壮族自治区第十四届人民代表大会第五次会议上\n自治区主席 韦韬", "450000"),
    ("——2025年1月14日在新疆维吾尔自治区第十四届人民代表大会第三次会议上\n自治区主席 艾尔肯", "650000"),
    ("——2023年1月5日在保定市第十六届人民代表大会第三次会议上", "130600"),
    ("——二〇二三年一月十六日在大理白族自治州第十五届人民代表大会第二次会议上\n大理白族自治州人民政府州长 杨国宗", "532900"),
    ("——2024年1月在锡林郭勒盟第四届人民代表大会第三次会议上\n锡林郭勒盟行政公署盟长 张三", "152500"),
    ("——2020年1月21日在唐县第十七届人民代表大会第四次会议上\n唐县人民政府县长 尤志敬", "130627"),
    ("政府工作报告\n——2022年1月27日在安国市第八届人民代表大会第二次会议上", "130683"),
    ("义乌市2023年政府工作报告\n——2023年1月12日在义乌市第十七届人民代表大会第二次会议上", "330782"),
    ("——2023年1月5日在琼海市第七届人民代表大会第三次会议上", "469002"),  # under the province directly
    ("——2022年1月27日在保定市满城区第三届人民代表大会第二次会议上", "130607"),
    ("——2024年1月5日在上海市浦东新区第七届人民代表大会第五次会议上", "310115"),
    ("——2023年1月10日在长春市朝阳区第十八届人民代表大会第三次会议上", "220104"),  # not 北京市朝阳区
    ("鄂温克族自治旗2023年政府工作报告\n各位代表：\n现在，我代表旗人民政府向大会报告工作。", "150724"),
])
def test_each_level(text, code):
    assert meta_of(text).area_code == code


def test_the_country_is_the_peoples_republic():
    m = meta_of("政府工作报告\n——2019年3月5日在第十三届全国人民代表大会第二次会议上\n国务院总理 李克强")
    assert (m.area, m.area_code, m.area_written, m.year) == ("中华人民共和国", "000000", None, 2019)


def test_a_namesake_is_chosen_by_the_parent_another_cue_writes():
    m = meta_of("——2023年1月在南山区第七届人民代表大会第三次会议上\n深圳市南山区人民政府区长 张三")
    assert m.area_code == "440305"


# ---------------------------------------------------------------- renamed divisions

@pytest.mark.parametrize("text,code,name,written", [
    ("2010年2月4日在徐水县第十四届人民代表大会第四次会议上\n徐水县人民政府县长李保森", "130609", "徐水区", "徐水县"),
    ("政府工作报告\n2005年2月26日\n各位代表：\n现在，我代表清苑县人民政府向大会报告工作。", "130608", "清苑区", "清苑县"),
    ("2008年襄樊市政府工作报告\n各位代表：", "420600", "襄阳市", "襄樊市"),
    ("政府工作报告\n北京市崇文区人民政府区长 李四\n（二〇〇八年一月十六日）", "110101", "东城区", "崇文区"),  # merged in 2010
])
def test_a_former_name_is_the_current_division(text, code, name, written):
    m = meta_of(text)
    assert (m.area_code, m.area, m.area_written) == (code, name, written)


def test_the_written_former_name_becomes_an_alias_of_the_area():
    from govkg.extract.pipeline import extract_document
    doc = read_bytes("2010年2月4日在徐水县第十四届人民代表大会第四次会议上\n各位代表：\n徐水县经济平稳。".encode(),
                     "x.txt", "text")
    r = extract_document(doc)
    area = next(e for e in r.entities if e.code == "130609")
    assert area.label == "徐水区" and "徐水县" in area.aliases


# ---------------------------------------------------------------- the fallback and its warning

def test_without_a_cue_the_fallback_takes_the_division_of_the_reports_level_and_warns():
    m = meta_of("各位代表：\n现在，我代表县人民政府向大会报告工作。\n一、2022年工作回顾\n"
                "涿鹿县经济平稳。涿鹿县粮食增产。张家口市下达的任务完成。宣化区、宣化区、宣化区、宣化区协同。")
    assert (m.area, m.area_code, m.year, decided(m, "area")) == ("涿鹿县", "130731", 2023, "fallback")
    assert warning(m, "no cue") == ("no cue names the report's area speaking as a 县; "
                                    "took the division it names most often: 涿鹿县 (2)")


def test_the_fallback_never_takes_a_zone_a_region_or_a_pseudo_division():
    mentions = [SimpleNamespace(name=n, code=c, cls=k, rule=r) for n, c, k, r in [
        *[("雄安新区", None, "Zone", "lexicon")] * 9, *[("京津冀", None, "Region", "lexicon")] * 9,
        *[("海域", "999900", "City", "gazetteer")] * 9, *[("经济开发区", None, "Zone", "suffix")] * 9,
        ("易县", "130633", "District", "gazetteer"), ("易县", "130633", "District", "gazetteer"),
        ("涞源县", "130630", "District", "gazetteer")]]
    m = meta_of("各位代表：\n现在，我代表县人民政府向大会报告工作。", mentions=mentions)
    assert (m.area, m.area_code) == ("易县", "130633")
    assert warning(m, "no cue").endswith("most often: 易县 (2), 涞源县 (1)")


def test_a_short_form_counts_in_the_fallback_only_where_its_city_is_named_too():
    text = "各位代表：\n现在，我代表县人民政府向大会报告工作。\n新安发展。新安建设。新安改革。{}惠民政策落实。"
    assert meta_of(text.format("洛阳市下达的任务完成。")).area_code == "410323"  # 新安县 of 洛阳
    assert meta_of(text.format("")).area is None  # 新安 alone (or 惠民) names no county


def test_no_cue_and_no_division_leaves_the_area_open_and_says_so():
    m = meta_of("各位代表：\n现在，我代表县人民政府向大会报告工作。")
    assert m.area is None and m.source("area") is None
    assert warning(m, "no cue").endswith("names no division to fall back on")


# ---------------------------------------------------------------- year, period, kind

def test_the_session_date_beats_the_title_and_the_text():
    m = meta_of("2021年保定市政府工作报告\n――2022年1月23日在保定市第十六届人民代表大会第二次会议上\n一、2020年工作回顾")
    assert (m.year, decided(m, "year")) == (2022, "session-date")


def test_a_date_alone_before_the_salutation_dates_the_session():
    m = meta_of("政府工作报告\n（政治协商稿）\n2003年4月7日\n各位委员：\n现在，我代表清苑县人民政府向大会报告工作。")
    assert (m.year, decided(m, "year")) == (2003, "dated-line")


@pytest.mark.parametrize("text,year,rule", [
    ("各位代表：\n我代表县人民政府报告工作。\n一、2017年工作回顾\n2017年，全县上下……", 2018, "review-heading"),
    ("各位代表：\n我代表县人民政府报告工作。\n一、过去五年工作回顾\n刚刚过去的2016年，是不平凡的一年。", 2017, "year-just-past"),
    ("南沙区今年以来的成绩\n全区上下迎接建党100周年。", 2020, "anniversary"),
])
def test_the_year_from_the_text_when_no_date_or_title_gives_it(text, year, rule):
    m = meta_of(text)
    assert (m.year, decided(m, "year")) == (year, rule)
    assert any("took %d from the text" % year in w for w in m.warnings)


@pytest.mark.parametrize("text,period", [
    ("——2026年1月26日在河北省第十四届人民代表大会第四次会议上\n一、“十四五”时期经济社会发展回顾", "2021-2025"),
    ("——2023年1月11日在河北省第十四届人民代表大会第一次会议上\n一、过去五年工作回顾", "2018-2022"),
    ("——2024年1月21日在河北省第十四届人民代表大会第二次会议上\n一、2023年工作回顾", "2023"),
    ("——2024年1月21日在河北省第十四届人民代表大会第二次会议上\n各位代表：", "2023"),
    ("中共广州市黄埔区委一届十次全会于2019年12月6日召开。", "2019"),
])
def test_the_period_a_report_reviews(text, period):
    assert meta_of(text).review_period == period


def test_a_peoples_congress_session_is_no_party_congress():
    m = meta_of("——2020年1月7日在河北省第十三届人民代表大会第三次会议上\n各位代表：\n现在，我代表河北省人民政府。")
    assert m.kind == "GovernmentWorkReport" and decided(m, "kind") == "session"


def test_each_field_records_the_line_that_decided_it():
    text = "政府工作报告\n——2026年1月27日在江西省第十四届人民代表大会第四次会议上\n省长 叶建春\n各位代表："
    doc = read_bytes(text.encode(), "r.txt", "text")
    m = infer_meta(doc)
    assert {s.field for s in m.sources} == {"area", "year", "kind", "review"}
    area, year = m.source("area"), m.source("year")
    assert doc.text[area.start:area.end] == "江西省第十四届人民代表大会第四次"
    assert doc.text[year.start:year.end] == "2026年1月27日在江西省第十四届人民代表大会第四次"
    assert m.source("review").rule == "year-before" and m.source("review").start == -1


def test_a_manifest_overrides_field_by_field():
    m = meta_of("南沙区今年以来的成绩", override={"year": 2021, "title": "自定义"})
    assert (m.area, m.year, m.title, decided(m, "year"), decided(m, "area")) == ("南沙区", 2021, "自定义", "manifest", "title")


def test_infer_area_keeps_its_interface():
    doc = read_bytes("1月12日,中国共产党深圳市南山区第七届代表大会第五次会议召开。\n".encode(), "c.txt", "text")
    name, code, evidence = infer_area(doc)
    assert (name, code) == ("南山区", "440305") and evidence.startswith("party-congress")


# ---------------------------------------------------------------- the clean view

@given(st.text(alphabet=st.sampled_from(list("河北省人民政府 \t\n\\rn&nbsp;?\ufffd——2026年")), max_size=80))
def test_the_clean_view_points_back_into_the_text(raw):
    v = View.of(raw)
    assert len(v.text) == len(v.index)
    for ch, i in zip(v.text, v.index):
        assert ch == "\n" or raw[i] == ch
    assert list(v.index) == sorted(v.index)
    assert " " not in v.text and "\t" not in v.text


# ---------------------------------------------------------------- the seeds and the gold texts

@pytest.mark.parametrize("name,area,code,year,kind", [
    ("000_18dbd27aeb4158ef", "南沙区", "440115", 2020, "WorkSummary"),
    ("001_fbbfb8504cf151c7", "黄埔区", "440112", 2019, "PartyPlenaryReport"),
    ("002_77c00e44fef8ea85", "珠海高新区", None, 2021, "GovernmentWorkReport"),
    ("003_18b0c22b62e19c9c", "南山区", "440305", 2021, "PartyPlenaryReport"),
    ("004_f7d3045b65ec1e49", "海珠区", "440105", 2023, "GovernmentWorkReport"),
])
def test_the_seeds(name, area, code, year, kind):
    m = infer_meta(read_file(SEEDS / f"{name}.txt"))
    assert (m.area, m.area_code, m.year, m.kind) == (area, code, year, kind)


@pytest.mark.skipif(not (SHARED / "gold" / "texts").is_dir(), reason="../shared/gold/texts is not here")
@pytest.mark.parametrize("name,area,code,year", [
    ("hebei_2026", "河北省", "130000", 2026),
    ("heilongjiang_2026_part1", "黑龙江省", "230000", 2026),
    ("mancheng_2022_part1", "满城区", "130607", 2022),
    ("sichuan_2026_part1", "四川省", "510000", 2026),
    ("zhejiang_2026_part1", "浙江省", "330000", 2026),
])
def test_the_gold_texts(name, area, code, year):
    m = infer_meta(read_file(SHARED / "gold" / "texts" / f"{name}.txt"))
    assert (m.area, m.area_code, m.year, m.kind) == (area, code, year, "GovernmentWorkReport")


# ---------------------------------------------------------------- the corpus: all 148 reports

MANIFEST = SHARED / "corpus" / "MANIFEST.tsv"

# Where the manifest and the text disagree, the text is what a reader has: each entry says why.
TEXT_SAYS = {
    # listed as 保定市安新县, but the text is 洛阳市新安县's report of 2024: it names 新安 15 times, 洛阳 and
    # 河南省 (新安荣膺“河南省肉羊大县”), 安新 never
    "county_130632_2024.txt": "410323",
}


def _manifest_rows():
    if not MANIFEST.is_file():
        return []
    with MANIFEST.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.skipif(not MANIFEST.is_file(), reason="../shared/corpus is not here")
def test_every_report_of_the_corpus_has_its_area_and_year():
    rows = _manifest_rows()
    assert len(rows) == 148
    wrong = []
    for row in rows:
        m = infer_meta(read_file(MANIFEST.parent / row["file"]))
        code = TEXT_SAYS.get(row["file"], row["code"])
        got = (m.area_code or "", m.year, (m.review_period or "").split("-")[-1])
        if got != (code, int(row["report_year"]), row["review_year"]):
            wrong.append(f"{row['file']}: {got} != {(code, row['report_year'], row['review_year'])} ({m.evidence})")
    assert not wrong, f"{len(rows) - len(wrong)}/{len(rows)} right:\n" + "\n".join(wrong)


@pytest.mark.skipif(not MANIFEST.is_file(), reason="../shared/corpus is not here")
@pytest.mark.parametrize("file", ["county_130632_2024.txt", "county_130633_2018.txt", "district_130608_2008.txt",
                                  "district_130608_2013.txt"])
def test_where_the_fallback_decides_the_recognizers_mentions_agree(file):
    """The build hands the fallback the recognizer's mentions: it must come to the same area."""
    from govkg.extract.mentions import mentions_in
    row = next(r for r in _manifest_rows() if r["file"] == file)
    doc = read_file(MANIFEST.parent / file)
    m = infer_meta(doc, None, mentions_in(doc))
    assert decided(m, "area") == "fallback"
    assert m.area_code == TEXT_SAYS.get(file, row["code"])


# ---------------------------------------------------------------- in the graph

def test_the_graph_records_the_reviewed_period_and_the_cue_of_each_field(seed_graph):
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, XSD

    from govkg.ontology.namespace import GOV

    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    report = URIRef("https://w3id.org/govkg/id/report/004_f7d3045b65ec1e49")
    g = seed_graph
    assert g.value(report, DCTERMS.date) == Literal("2023", datatype=XSD.gYear)
    assert g.value(report, GOV.reviewPeriod) == Literal("2022")
    area = g.value(report, GOV.areaSource)
    assert area == URIRef(f"{report}/meta/area") and (area, None, GOV.MetadataSource) in g
    assert g.value(area, GOV.rule) == Literal("session")
    assert str(g.value(g.value(area, GOV.evidence), URIRef(nif + "anchorOf"))) == "广州市海珠区第十七届人民代表大会第三次"
    assert g.value(g.value(report, GOV.dateSource), GOV.rule) == Literal("session-date")
    assert g.value(g.value(report, GOV.kindSource), GOV.rule) == Literal("session")
    review = g.value(report, GOV.reviewPeriodSource)
    assert g.value(review, GOV.rule) == Literal("review-heading")
    # the contract is kept: one spatial, one date, one identifier
    assert len(list(g.objects(report, DCTERMS.spatial))) == 1
    assert str(g.value(report, DCTERMS.identifier)) == "004_f7d3045b65ec1e49"


def test_the_shapes_hold_the_reviewed_period_to_years(seed_graph):
    from rdflib import Literal, URIRef

    from govkg.graph.validate import validate_graph
    from govkg.ontology.namespace import GOV

    report = URIRef("https://w3id.org/govkg/id/report/004_f7d3045b65ec1e49")
    g = type(seed_graph)()
    for t in seed_graph:
        g.add(t)
    g.set((report, GOV.reviewPeriod, Literal("去年")))
    g.remove((g.value(report, GOV.areaSource), GOV.rule, None))
    found = {(v.focus, v.path.rsplit("#", 1)[-1]) for v in validate_graph(g).violations}
    # the source without a rule fails its own shape, and the report's link to it fails with it
    assert found == {(str(report), "reviewPeriod"), (f"{report}/meta/area", "rule"), (str(report), "areaSource")}
