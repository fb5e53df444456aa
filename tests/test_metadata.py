import pytest

from govkg.extract.metadata import infer_meta
from govkg.extract.reader import read_bytes


@pytest.mark.parametrize("text,area,code,year,kind", [
    ("海珠区2023年政府工作报告\n各位代表:\n现在,我代表海珠区人民政府,向大会报告工作。", "海珠区", "440105", 2023, "GovernmentWorkReport"),
    ("中共广州市黄埔区委一届十次全会于2019年12月6日召开。\n会议强调。", "黄埔区", "440112", 2019, "PartyPlenaryReport"),
    ("南沙区今年以来的成绩\n全区上下迎接建党100周年。", "南沙区", "440115", 2020, "WorkSummary"),
    ("2021年珠海高新区工作报告\n(2021年2月5日)\n珠海高新区管委会", "珠海高新区", None, 2021, "GovernmentWorkReport"),
])
def test_infer_meta(text, area, code, year, kind):
    meta = infer_meta(read_bytes(text.encode(), "r.txt", "text"))
    assert (meta.area, meta.area_code, meta.year, meta.kind) == (area, code, year, kind)


def test_manifest_overrides_inferred_fields():
    doc = read_bytes("南沙区今年以来的成绩".encode(), "r.txt", "text")
    meta = infer_meta(doc, {"year": 2021, "title": "自定义"})
    assert (meta.area, meta.year, meta.title) == ("南沙区", 2021, "自定义")


def test_the_area_of_a_congress_is_the_namesake_under_its_city():
    from govkg.extract.metadata import infer_area
    from govkg.extract.reader import read_bytes
    doc = read_bytes("1月12日,中国共产党深圳市南山区第七届代表大会第五次会议召开。\n".encode("utf-8"), "c.txt", "text")
    name, code, _ = infer_area(doc)
    assert (name, code) == ("南山区", "440305")  # not 鹤岗市南山区 (230404)
