"""Written numbers and units: a table of forms and their values, plus round-trip properties."""
import pytest
from hypothesis import given, strategies as st

from govkg.extract.numbers import normalize, parse_chinese, parse_number, split_unit

TABLE = [
    ("795.3", 795.3), ("2,502.52", 2502.52), ("17", 17.0), ("0.3", 0.3),
    ("两", 2.0), ("十", 10.0), ("十三", 13.0), ("二十", 20.0), ("一百二十", 120.0), ("三千零五", 3005.0),
    ("百", 100.0), ("三万五千", 35000.0), ("两亿", 2e8), ("二〇三五", 2035.0),
    ("1.2万", 12000.0), ("3亿", 3e8), ("三分之一", 1 / 3), ("1/3", 1 / 3), ("百分之五", 5.0),
]


@pytest.mark.parametrize("written,value", TABLE)
def test_written_forms(written, value):
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("bad", ["", "abc", "零分之三", "1/0", "十x"])
def test_not_numbers_raise(bad):
    with pytest.raises(ValueError):
        parse_number(bad)


UNITS = [
    (795.3, "亿元", 7.953e10, "元"), (2.4, "万家", 24000, "count"), (14.8, "%", 14.8, "percent"),
    (3, "成", 30, "percent"), (1, "平方公里", 1e6, "平方米"), (72, "万平方米", 7.2e5, "平方米"),
    (7000, "万美元", 7e7, "USD"), (2, "个工作日", 2, "day"), (6.07, "万名", 60700, "count"),
]


@pytest.mark.parametrize("value,unit,base,base_unit", UNITS)
def test_normalized_values(value, unit, base, base_unit):
    got, got_unit = normalize(value, unit)
    assert got == pytest.approx(base) and got_unit == base_unit


def test_split_unit_keeps_magnitude_apart():
    assert split_unit("万平方米") == ("万", "平方米")
    assert split_unit("亿元") == ("亿", "元")
    assert split_unit("%") == ("", "%")
    assert split_unit("个") == ("", "个")


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_with_thousands_separators_round_trips(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


DIG = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Reference writer for 1..9999 (一千零五, 二十, 三百一十二)."""
    out, zero = "", False
    for value, name in ((1000, "千"), (100, "百"), (10, "十")):
        d, n = divmod(n, value)
        if d:
            out += ("零" if zero and out else "") + DIG[d] + name
            zero = False
        elif out:
            zero = True
    if n:
        out += ("零" if zero and out else "") + DIG[n]
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_round_trip(n):
    assert parse_chinese(to_chinese(n)) == n
