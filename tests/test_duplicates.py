"""The same report twice is built once, and a summary that repeats a report's opening states nothing."""
from govkg.extract.pipeline import extract_document, run
from govkg.extract.reader import read_bytes
from govkg.extract.sections import contexts, summary_span

REPORT = ("南沙区2020年政府工作报告\n"
          "各位代表：现在，我代表南沙区人民政府向大会报告工作。\n"
          "一、2019年工作回顾\n"
          "实现地区生产总值1683.2亿元，增长6.5%。加快建设明珠湾大桥。\n")


def test_the_same_bytes_twice_is_one_report(tmp_path):
    (tmp_path / "a_2020.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b_2020.txt").write_text(REPORT, encoding="utf-8")
    corpus = run([tmp_path])
    assert [r.document.id for r in corpus.reports] == ["a_2020"]
    dup = [w for w in corpus.warnings if "the same report" in w]
    assert len(dup) == 1 and "b_2020.txt" in dup[0] and "a_2020" in dup[0] and "same bytes" in dup[0]


def test_the_same_text_in_another_encoding_is_one_report(tmp_path):
    (tmp_path / "x_utf8.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "y_gbk.txt").write_bytes(REPORT.encode("gb18030"))
    corpus = run([tmp_path])
    assert [r.document.id for r in corpus.reports] == ["x_utf8"]
    assert any("y_gbk.txt" in w and "same text" in w for w in corpus.warnings)


def test_thirty_copies_are_built_once(tmp_path):
    for i in range(30):
        (tmp_path / f"copy_{i:02d}.txt").write_text(REPORT, encoding="utf-8")
    corpus = run([tmp_path])
    assert len(corpus.reports) == 1
    assert sum("the same report" in w for w in corpus.warnings) == 29
    assert len(corpus.reports[0].observations) == 2


def test_different_reports_are_both_built(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT.replace("1683.2", "1700.1"), encoding="utf-8")
    corpus = run([tmp_path])
    assert len(corpus.reports) == 2 and not any("the same report" in w for w in corpus.warnings)


SUMMARY = ("2020年涞水县政府工作报告\n时间：2022-11-22\n内容摘要：\n"
           "2020年1月11日在涞水县第十六届人民代表大会第四次会议上 涞水县人民政府县长 各位代表：现在，"
           "我代表涞水县人民政府，向大会报告工作。一般公共预算收入完成6.82亿元，固定资产投资50.5亿元......\n"
           "2020年1月11日在涞水县第十六届人民代表大会第四次会议上\n涞水县人民政府县长\n各位代表：\n"
           "现在，我代表涞水县人民政府，向大会报告工作。\n一、2019年工作回顾\n"
           "一般公共预算收入完成6.82亿元，固定资产投资50.5亿元。\n")


def _doc(text):
    return read_bytes(text.encode("utf-8"), "r.txt", "text", doc_id="r")


def test_a_summary_that_repeats_the_opening_states_nothing():
    doc = _doc(SUMMARY)
    start, end = summary_span(doc)
    assert doc.text[start:end].startswith("内容摘要") and doc.text[start:end].endswith("......")
    r = extract_document(doc)
    phases = [c.phase for c in contexts(doc, r.meta)]
    assert "summary" in phases
    values = sorted(o.value for o in r.observations)
    assert values == [6.82, 50.5]  # each figure once, from the report itself
    assert all(not (start <= o.start < end) for o in r.observations)


def test_a_summary_of_something_else_is_read():
    doc = _doc(SUMMARY.replace("内容摘要：\n2020年1月11日", "内容摘要：\n本文概述了全县2019年"))
    assert summary_span(doc) is None
