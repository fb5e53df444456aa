"""Written numbers and units -> values.

Reports write figures in Arabic digits (795.3, 2,502.52), in Chinese numerals
(十三, 两, 一百二十, 二〇三五), in mixed forms (1.2万, 百亿), as fractions
(三分之一, 1/3), as tenths (两成) and as percentages (14.8%, 百分之五).  This
module reads them; it knows nothing about indicators or sentences.

    >>> parse_number("2,502.52")
    2502.52
    >>> parse_number("一百二十")
    120.0
    >>> split_unit("万平方米")
    ('万', '平方米')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .lexicons import load_tsv

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
# magnitudes that may stand before a unit (万家, 亿元); longest first
MAGNITUDES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6, "十万": 1e5,
              "万": 1e4, "千": 1e3}
CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿"
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"


def _cn_below_10k(s: str) -> float:
    """一百二十 -> 120; 十三 -> 13; 二〇三五 (digit by digit) -> 2035."""
    if not s:
        return 0.0
    if all(ch in DIGITS for ch in s):
        if len(s) == 1:
            return float(DIGITS[s])
        return float("".join(str(DIGITS[ch]) for ch in s))
    total, current = 0, None
    for ch in s:
        if ch in DIGITS:
            current = DIGITS[ch]
        elif ch in SMALL_UNITS:
            total += (1 if current is None else current) * SMALL_UNITS[ch]
            current = None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    if current is not None:
        total += current
    return float(total)


def parse_chinese(s: str) -> float:
    """A Chinese numeral with 万 and 亿 groups: 三万五千 -> 35000, 两亿 -> 2e8."""
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    total = 0.0
    rest = s
    for sep, mult in (("亿", 1e8), ("万", 1e4)):
        if sep in rest:
            head, rest = rest.split(sep, 1)
            total += (_cn_below_10k(head) if head else 1.0) * mult
    return total + _cn_below_10k(rest)


def parse_number(s: str) -> float:
    """The value of a written number without unit: Arabic, Chinese, 1.2万, 三分之一, 1/3, 百分之五.

    Raises ValueError for anything else."""
    s = s.strip().replace(" ", "")
    if not s:
        raise ValueError("empty number")
    m = re.fullmatch(r"百分之(.+)", s)
    if m:
        return parse_number(m.group(1))
    m = re.fullmatch(r"(.+)分之(.+)", s)
    if m:
        den, num = parse_number(m.group(1)), parse_number(m.group(2))
        if den == 0:
            raise ValueError(f"zero denominator in {s!r}")
        return num / den
    m = re.fullmatch(rf"({ARABIC})/({ARABIC})", s)
    if m:
        den = float(m.group(2).replace(",", ""))
        if den == 0:
            raise ValueError(f"zero denominator in {s!r}")
        return float(m.group(1).replace(",", "")) / den
    m = re.fullmatch(rf"({ARABIC})(万亿|亿|千万|百万|十万|万|千)?", s)
    if m:
        return float(m.group(1).replace(",", "")) * (MAGNITUDES[m.group(2)] if m.group(2) else 1)
    return parse_chinese(s)


@dataclass(frozen=True)
class Unit:
    name: str  # as written after the magnitude: 元, 平方米, 个, %
    quantity: str  # money, area, count, percent, ...
    base: str  # the base unit the normalized value is in
    factor: float  # one of this unit in the base unit


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """The unit lexicon (lexicons/units.tsv)."""
    out = {}
    for row in load_tsv("units.tsv"):
        name, quantity, base, factor = row[0], row[1], row[2], float(row[3])
        out[name] = Unit(name, quantity, base, factor)
    return out


@lru_cache(maxsize=1)
def unit_pattern() -> str:
    """A regex alternation of every unit, longest first."""
    return "|".join(re.escape(u) for u in sorted(units(), key=lambda u: (-len(u), u)))


def split_unit(written: str) -> tuple[str, str]:
    """万平方米 -> ('万', '平方米'); 亿元 -> ('亿', '元'); % -> ('', '%')."""
    for mag in sorted(MAGNITUDES, key=len, reverse=True):
        if written.startswith(mag) and written[len(mag):] in units():
            return mag, written[len(mag):]
    return "", written


def normalize(value: float, written_unit: str) -> tuple[float, str]:
    """The value in base units: (795.3, 亿元) -> (7.953e10, 元); (3, 成) -> (30, percent).

    Computed in decimal arithmetic and rounded to 6 decimal places, so 1.15亿 is exactly
    115000000 rather than 114999999.99999999."""
    mag, unit = split_unit(written_unit)
    scale = Decimal(str(MAGNITUDES.get(mag, 1.0)))
    u = units().get(unit)
    factor, base = (Decimal(str(u.factor)), u.base) if u is not None else (Decimal(1), unit or "count")
    exact = (Decimal(repr(float(value))) * scale * factor).quantize(Decimal("0.000001"))
    return float(exact.normalize()), base
