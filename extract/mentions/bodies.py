"""``body`` and ``named-body``: government and Party bodies and people's organizations.

- ``body``: named relative to an area (省委, 区人社局, 市政府; and bare 工会, 妇联, 人大),
  resolved to the report's area later;
- ``named-body``: a named area followed by a body word (中共广州市黄埔区委, 南山区委,
  广州开发区党工委, 河北省人民政府).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import gazetteer
from ..lexicons import load_lines, load_tsv, words
from .base import Candidate, Sent, make
from .names import division_names_in_row, is_place_name, match_suffix


@lru_cache(maxsize=1)
def people_organizations() -> dict[str, tuple[str, str, str]]:
    """Bare names of the bodies every area has -> (class, full-name template with {area}, the
    country's body's own name or "")."""
    return {row[0]: (row[1], row[2], row[3] if len(row) > 3 else "") for row in load_tsv("people_organizations.tsv")}


@lru_cache(maxsize=1)
def _body_pattern() -> re.Pattern:
    depts = sorted(load_lines("departments.txt"), key=len, reverse=True)
    return re.compile(
        r"(?P<cpc>中共|中国共产党)?(?P<lvl>省|市|区|县|镇|乡|街道)"
        r"(?P<kind>委(?!员)|人民政府|政府|人大常委会|人大|政协|纪委监委|纪委|监委|总工会|妇联|团委|工商联|"
        r"(?:" + "|".join(depts) + r")(?:局|委(?!员)|办|厅))")


def find_bodies(sent: Sent) -> list[Candidate]:
    """Bodies named relative to an area: 省委, 区人社局 (the area is resolved later)."""
    s = sent.text
    out: list[Candidate] = []
    for m in _body_pattern().finditer(s):
        c = make("body", m.start(), m.end(), m.group(0), "GovernmentBody", group=("body", m.start(), m.end()))
        # 区委 in the middle of a word is part of a longer name (黄埔区委, 社区委…): see find_named_bodies
        c = c.check("body.word-start", m.start() in sent.starts or bool(m.group("cpc")), "inside a word", hard=True)
        before = sent.before(m.start())
        named = not m.group("cpc") and before is not None and before.end == m.start() and is_place_name(before.text)
        c = c.check("body.relative", not named, f"{before.text if before else ''}{m.group(0)} is a named body", hard=True)
        out.append(c)
    orgs = people_organizations()
    for t in sent.tokens:
        if t.text in orgs:
            cls = orgs[t.text][0]
            prev = s[t.start - 1] if t.start else ""
            c = make("body", t.start, t.end, t.text, cls, group=("body", t.start, t.end), variant="people")
            # 省总工会 is read above; a bare 工会 after a name is that name's (XX公司工会)
            c = c.check("body.bare", not (prev and (prev in "省市区县镇" or match_suffix(s, t.start))),
                        "part of a longer name", hard=True)
            out.append(c)
    return out


_NAMED_BODY = re.compile(r"(?P<cpc>中共|中国共产党)?(?P<area>[\u4e00-\u9fff]{2,14}?(?:省|市|区|县))"
                         r"(?P<term>第[一二三四五六七八九十百\d]+届)?(?P<kind>委员会|委(?!员)|人民政府|党工委|工委|管委会)")


def find_named_bodies(sent: Sent) -> list[Candidate]:
    """中共广州市黄埔区委, 南山区委, 广州开发区党工委: a named area followed by a body word."""
    s = sent.text
    gz = gazetteer()
    out: list[Candidate] = []
    for m in _NAMED_BODY.finditer(s):
        area = m.group("area")
        # the area may start later than the regex thought (…推进南山区委…): take the longest known tail
        start = m.start("area")
        ok = None
        for k in range(len(area) - 2, -1, -1):
            tail = area[k:]
            if tail in gz.by_name or is_zone_name(sent, start + k, start + len(area)):
                ok = k
        if ok is None:
            continue
        if ok and division_names_in_row(area[:ok]):
            ok = 0  # 中共广州市黄埔区委: the parents written before the area are part of the name
        a_start = start + ok
        b_start = m.start() if m.group("cpc") and ok == 0 else a_start
        c = make("named-body", b_start, m.end(), s[b_start:m.end()], "GovernmentBody", group=("named-body", b_start, m.end()))
        # 政府和县委: a division whose name is a conjunction and a level word (和县) is that conjunction
        # where the segmentation cuts it off before the body (和 / 县委)
        name = s[a_start:start + len(area)]
        joined = len(name) == 2 and name[0] in words("conjunctions") and a_start + 1 in sent.starts
        c = c.check("named-body.not-conjunction", not joined, f"{name[0]} joins {s[a_start + 1:m.end()]} to what goes before",
                    hard=True)
        out.append(c)
    return out


def is_zone_name(sent: Sent, a: int, b: int) -> bool:
    """Is sent.text[a:b] a zone's name (广州开发区)?  No clause inside (一届十次全会暨广州开发区):
    every word of the stem may be part of a name."""

    name = sent.text[a:b]
    r = match_suffix(name, len(name))
    if is_place_name(name):
        return True
    if not (r and r.cls == "Zone" and len(name) - len(r.suffix) >= 2):
        return False
    return not any(t.text in words("boundaries") for t in sent.words(a, b - len(r.suffix)))
