"""The gazetteer's data: GB/T 2260 divisions only, and the names divisions had before."""
from govkg.extract.gazetteer import gazetteer
from govkg.extract.lexicons.make_gazetteer import generate, is_division_code


def test_pseudo_divisions_of_the_source_are_no_places():
    src = ("adcode,name,longitude,latitude\n130000000000,河北省,,\n130600000000,保定市,,\n"
           "130609000000,徐水区,,\n990000000000,苏鲁交界,,\n999900000000,海域,,\n")
    codes = [r[0] for r in generate(src)]
    assert codes == ["000000", "130000", "130600", "130609"]


def test_division_codes_start_with_a_province_code_of_the_standard():
    assert is_division_code("130609") and is_division_code("820000")
    assert not is_division_code("999900") and not is_division_code("990000") and not is_division_code("1306")


def test_the_shipped_gazetteer_has_no_pseudo_division():
    gz = gazetteer()
    assert "海域" not in gz.by_name and "苏鲁交界" not in gz.by_name
    assert all(is_division_code(c) for c in gz.by_code if c != "000000")


# ---------------------------------------------------------------- former names

def _event(year, kind, old, new):
    side = lambda u: {"code": u[0] + "000000", "name": u[1]} if u else {"code": None, "name": None}
    return {"year": year, "type": kind, "old": side(old), "new": side(new)}


def test_a_chain_of_changes_ends_in_the_current_division():
    from govkg.extract.lexicons.make_history import generate
    events = [
        _event(1986, "同名改码", ("132431", "清苑县"), ("130622", "清苑县")),
        _event(2015, "撤县设区", ("130622", "清苑县"), ("130608", "清苑区")),
    ]
    rows = generate(events, {"130608": "清苑区"})
    assert rows == [("清苑县", "130608", "2015", "renamed", "130622")]


def test_history_keeps_renames_and_local_merges_only():
    from govkg.extract.lexicons.make_history import generate
    current = {"130606": "莲池区", "130502": "襄都区", "130702": "桥东区", "150102": "新城区"}
    events = [
        _event(2015, "撤销", ("130603", "北市区"), ("130606", "莲池区")),  # merged, same prefecture: kept
        _event(2014, "撤销", ("130103", "桥东区"), ("130702", "桥东区")),  # a namesake in another city: dropped
        _event(2003, "码位改派", ("130502", "某某区"), ("130502", "襄都区")),  # a code given to another unit
        _event(1983, "更名", ("150102", "旧城县"), ("150102", "新城区")),  # before 1985: the noisy renumberings
        _event(2000, "更名", ("130699", "郊区"), ("130606", "莲池区")),  # a two-character district is a word
        _event(2001, "撤销", ("130698", "某县"), None),  # abolished, no successor
    ]
    assert generate(events, current) == [("北市区", "130606", "2015", "merged", "130603")]


def test_the_shipped_history_resolves_the_renamed_counties_of_baoding():
    gz = gazetteer()
    assert [(d.code, d.name) for d in gz.candidates("徐水县")] == [("130609", "徐水区")]
    assert [(d.code, d.name) for d in gz.candidates("清苑县")] == [("130608", "清苑区")]
    assert [(d.code, d.name) for d in gz.candidates("满城县")] == [("130607", "满城区")]
    assert "徐水县" in gz.by_code["130609"].former_names
    assert gz.by_former["徐水县"][0].until == 2015


def test_a_current_name_wins_over_a_former_one():
    gz = gazetteer()  # 新市区 was 保定's until 2015 (now 竞秀区); 乌鲁木齐's 新市区 has it now
    assert "650104" in {d.code for d in gz.candidates("新市区")}
    assert "130602" not in {d.code for d in gz.candidates("新市区")}
    assert [d.code for d in gz.formerly("新市区")] == ["130602"]


def test_a_former_name_used_twice_is_read_by_the_year():
    gz = gazetteer()  # 扶余县 became 扶余市 in 1987 (now 宁江区), and a later 扶余县 扶余市 in 2013
    assert [d.code for d in gz.formerly("扶余县", 2010)] == ["220781"]
    assert [d.code for d in gz.formerly("扶余县", 1985)][0] == "220702"
