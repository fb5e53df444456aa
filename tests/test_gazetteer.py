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
