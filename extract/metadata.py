"""Report metadata inferred from the text: own area, year, kind, title.

The area comes from the strongest cue found: a title line (海珠区2023年政府工作报告,
南沙区今年以来的成绩, 2021年珠海高新区工作报告), the speaker (我代表区人民政府),
the body holding the meeting (中共广州市黄埔区委…全会, 中国共产党深圳市南山区…代表大会),
and, failing those, the division the text names most often.
"""
from __future__ import annotations

import re
from collections import Counter

from .gazetteer import gazetteer
from .model import Document, ReportMeta

_HEAD_LINES = 15

# (pattern with an "area" group, weight).  Patterns run on the first lines.
_AREA_PATTERNS = [
    (re.compile(r"^(?P<area>[\u4e00-\u9fff()]{2,20}?)(?:\d{4}年)?(?:政府)?工作报告"), 10, "title"),
    (re.compile(r"^\d{4}年(?P<area>[\u4e00-\u9fff()]{2,20}?)(?:政府)?工作报告"), 10, "title"),
    (re.compile(r"^(?P<area>[\u4e00-\u9fff]{2,20}?)(?:今年以来的成绩|今年以来|\d{4}年工作总结|工作总结|上半年工作)"), 9, "title"),
    (re.compile(r"我代表(?P<area>[\u4e00-\u9fff]{2,20}?)人民政府"), 9, "speaker"),
    (re.compile(r"(?:中共|中国共产党)(?P<area>[\u4e00-\u9fff]{2,20}?)(?:第[一二三四五六七八九十\d]+届)?(?:委员会|委)[^。]{0,20}?(?:全会|全体会议|工作会议)"), 8, "plenary"),
    (re.compile(r"中国共产党(?P<area>[\u4e00-\u9fff]{2,20}?)第[一二三四五六七八九十\d]+[届次]代表大会"), 8, "congress"),
    (re.compile(r"在(?P<area>[\u4e00-\u9fff]{2,20}?)第[一二三四五六七八九十\d]+届人民代表大会"), 8, "congress"),
    (re.compile(r"^(?P<area>[\u4e00-\u9fff]{2,12}?)(?:管委会|人民政府)$"), 6, "issuer"),
]

_KIND_PATTERNS = [
    (re.compile(r"政府工作报告|管委会工作报告|工作报告"), "GovernmentWorkReport"),
    (re.compile(r"全会|全体会议|党代会|代表大会第[一二三四五六七八九十\d]+次会议|党工委.{0,10}工作会议"), "PartyPlenaryReport"),
    (re.compile(r"今年以来|工作总结|成绩单|上半年工作"), "WorkSummary"),
]

_YEAR_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d{2})年(?:[\u4e00-\u9fff]{0,12})?政府工作报告"),
    re.compile(r"(?P<y>(?:19|20)\d{2})年[\u4e00-\u9fff]{2,12}工作报告"),
    re.compile(r"于(?P<y>(?:19|20)\d{2})年\d{1,2}月\d{1,2}日召开"),
    re.compile(r"^(?P<y>(?:19|20)\d{2})年\d{1,2}月\d{1,2}日,?[^。]{0,40}(?:召开|开幕|举行)"),
]
# Anniversaries that date a text: 迎接建党100周年 is said in the year before 2021.
_ANNIVERSARIES = [
    (re.compile(r"迎接建党(?P<n>\d+)周年"), 1921, -1),
    (re.compile(r"庆祝建党(?P<n>\d+)周年|建党(?P<n2>\d+)周年之际"), 1921, 0),
    (re.compile(r"迎接新中国成立(?P<n>\d+)周年"), 1949, -1),
]
_PLAN_YEARS = [(re.compile(r"“?十四五”?(?:规划)?开局之年|“十四五”开局"), 2021), (re.compile(r"“?十三五”?收官之年|“十三五”收官"), 2020)]


def _head(doc: Document) -> list[str]:
    return [doc.norm[s.start:s.end] for s in doc.sentences[:_HEAD_LINES]]


def _area_from(chunk: str) -> tuple[str | None, str | None, str | None]:
    """(name, class, code) of the most specific place named in a short chunk."""
    from .mentions import sentence_candidates
    from .model import top_of

    best = None
    places = [c for c in sentence_candidates(chunk) if top_of(c.cls) == "Place"]
    for c in places:
        if c.rule != "short-form" or best is None:
            best = c
    if best is None:
        return None, None, None
    code = best.code
    if code:
        # 深圳市南山区: the places said before it choose among namesakes (南山区 is also in 鹤岗市)
        gz = gazetteer()
        context = {c.code for c in places if c.code and c is not best}
        chosen = gz.choose(gz.candidates(best.name), context)
        code = chosen.code if chosen else code
    return best.name, best.cls, code


def infer_area(doc: Document, mentions: list | None = None) -> tuple[str | None, str | None, str]:
    """(area name, GB/T 2260 code or None, evidence); ``mentions`` of the document when at hand."""
    votes: Counter = Counter()
    info: dict[str, tuple[str | None, str]] = {}
    for line in _head(doc):
        for pat, weight, label in _AREA_PATTERNS:
            m = pat.search(line)
            if not m:
                continue
            name, cls, code = _area_from(m.group("area"))
            if name:
                votes[name] += weight
                info.setdefault(name, (code, f"{label}: {m.group(0)[:40]}"))
    if votes:
        name = sorted(votes, key=lambda k: (-votes[k], k))[0]
        code, ev = info[name]
        return name, code, ev
    # fall back to the division named most often (counties before cities before provinces)
    if mentions is None:
        from .mentions import mentions_in
        mentions = mentions_in(doc)
    counts: Counter = Counter()
    codes: dict[str, str | None] = {}
    for m in mentions:
        if m.cls in ("District", "City", "Province", "Zone") and m.rule != "short-form":
            bonus = {"District": 3, "Zone": 2, "City": 2, "Province": 1}[m.cls]
            counts[m.name] += bonus
            codes[m.name] = m.code
    if counts:
        name = sorted(counts, key=lambda k: (-counts[k], k))[0]
        return name, codes[name], "most named division"
    return None, None, "no area found"


def infer_year(doc: Document) -> tuple[int | None, str]:
    head = _head(doc)
    for line in head:
        for pat in _YEAR_PATTERNS:
            m = pat.search(line)
            if m:
                return int(m.group("y")), f"stated: {m.group(0)[:40]}"
    text = doc.norm
    for pat, base, delta in _ANNIVERSARIES:
        m = pat.search(text)
        if m:
            n = int(m.group("n") if m.groupdict().get("n") else m.group("n2"))
            return base + n + delta, f"anniversary: {m.group(0)}"
    for pat, year in _PLAN_YEARS:
        if pat.search(text):
            return year, "five-year plan cue"
    years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})年", text))
    if years:
        y = sorted(years, key=lambda k: (-years[k], -k))[0]
        return y, "most frequent year"
    return None, "no year found"


def infer_kind(doc: Document) -> str:
    head = "\n".join(_head(doc)[:6])
    for pat, kind in _KIND_PATTERNS:
        if pat.search(head):
            return kind
    return "WorkSummary"


def infer_title(doc: Document, area: str | None, year: int | None) -> str:
    for s in doc.sentences[:5]:
        t = doc.norm[s.start:s.end].strip()
        if 4 <= len(t) <= 60 and not t.startswith(("(", "——", "各位")):
            return t
    return f"{area or '未知地区'}{year or ''}报告"


def infer_meta(doc: Document, override: dict | None = None, mentions: list | None = None) -> ReportMeta:
    """Metadata of one report; ``override`` (from a manifest) wins field by field."""
    override = override or {}
    area, code, evidence = infer_area(doc, mentions)
    year, yev = infer_year(doc)
    if "area" in override:
        area, code, evidence = override["area"], override.get("area_code"), "manifest"
    if "year" in override:
        year, yev = int(override["year"]), "manifest"
    kind = override.get("kind") or infer_kind(doc)
    title = override.get("title") or infer_title(doc, area, year)
    return ReportMeta(doc_id=doc.id, title=title, area=area, area_code=code, year=year, kind=kind,
                      evidence=f"{evidence}; year {yev}")
