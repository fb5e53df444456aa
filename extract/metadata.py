"""Report metadata read from the lines a person reads: own area, year, kind, title.

A person who opens a report knows whose it is from its head: a scraper's header
(标题：… 发文单位：保定市人民政府 发文时间：2006-02-15 报告人：…), the title
(海珠区2023年政府工作报告), the dated subtitle (——2026年1月27日在河北省第十四届人民代表
大会第四次会议上), the speaker line (河北省人民政府省长 王正谱, 国务院总理 李克强), the
opening (我代表保定市人民政府向大会报告工作), or the body that met (中共广州市黄埔区委一届十次
全会, 中国共产党深圳市南山区第七届代表大会).  Each of these is a *cue*; the strongest cue
found decides, in this order:

    header (the file's own record) > session > speaker > delegate (我代表…) > party >
    title > issuer line > fallback

Cues are read from a clean view of the head: literal ``\\r\\n`` escapes are line breaks,
``&nbsp;`` and spaces between characters (政 府 工 作 报 告) are dropped, a run of ``??``
(characters a site lost) breaks a line; a cue may run over line breaks (titles are
often split).  The place a cue names is found with the gazetteer itself: the longest
full or former name before the cue word (人民政府, 第N届人民代表大会), the parents written
before it choosing among namesakes (深圳市南山区, not 鹤岗's); short forms only where the
cue requires a place.  A zone that reports through a 管委会 is a division's name and a
zone's (珠海高新区, 广州开发区).  A former name (徐水县, a district since 2015) is the
current division, with the written name kept (``area_written``).

When no cue names the area (我代表县人民政府), the fallback takes the division of the
level the report speaks as (县) that it names most often: administrative divisions
only, never a zone, a region or a pseudo-division, short forms only where their city
or province is named too; the build warns and names the candidates.

The year comes from the session's date, else the title, else the text (the year
after the one a review heading reviews, anniversaries, plan years, the year most
written); a header wins over the body and the build warns where they disagree.  The period reviewed is the year before (a government work report), or
the term (过去五年工作回顾).  Every field records the cue that decided it
(:class:`~govkg.extract.model.MetaSource`).  Cue words: ``lexicons/report_cues.tsv``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from typing import Iterable, Protocol

from .gazetteer import Division, gazetteer
from .lexicons import load_tsv
from .model import Document, MetaSource, ReportMeta

HEAD_CHARS = 8000  # the head a person reads for the cues: past it, sessions and speakers are other bodies'
COUNTRY = ("中华人民共和国", "000000")
_NUM = "[一二三四五六七八九十百零〇0-9]+"
_CJK = "\u4e00-\u9fff"

# -------------------------------------------------------------- cue words


@lru_cache(maxsize=1)
def _cues() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in load_tsv("report_cues.tsv"):
        out.setdefault(row[0], {})[row[1]] = row[2] if len(row) > 2 else ""
    return out


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# -------------------------------------------------------------- the clean view of a text

_NOISE = re.compile(r"\\[rn]|\\t|&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});?|\?{2,}|\ufffd+|\r|[^\S\n]+")


@dataclass(frozen=True)
class View:
    """Text with escapes, entities and spaces removed; ``index[i]`` is the offset of
    ``text[i]`` in the document's text."""

    text: str
    index: tuple[int, ...]
    breaks: frozenset[int] = frozenset()  # in a joined view: where a line break was (before that character)

    @classmethod
    def of(cls, raw: str, base: int = 0) -> "View":
        chars: list[str] = []
        index: list[int] = []
        pos = 0
        for m in _NOISE.finditer(raw):
            for i in range(pos, m.start()):
                chars.append(raw[i])
                index.append(base + i)
            tok = m.group(0)
            if tok in ("\\r", "\\n", "\r") or tok[0] in "?\ufffd":
                chars.append("\n")
                index.append(base + m.start())
            pos = m.end()
        for i in range(pos, len(raw)):
            chars.append(raw[i])
            index.append(base + i)
        return cls("".join(chars), tuple(index))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the document of ``text[start:end]``."""
        return self.index[start], self.index[end - 1] + 1

    def lines(self) -> list[tuple[int, int]]:
        out, start = [], 0
        for m in re.finditer("\n", self.text + "\n"):
            if m.start() > start:
                out.append((start, m.start()))
            start = m.end()
        return out

    @cached_property
    def flat(self) -> "View":
        """The view with its line breaks removed (a cue may run over them); ``breaks`` keeps where they were."""
        chars: list[str] = []
        index: list[int] = []
        breaks = set()
        for ch, i in zip(self.text, self.index):
            if ch == "\n":
                breaks.add(len(chars))
            else:
                chars.append(ch)
                index.append(i)
        return View("".join(chars), tuple(index), frozenset(breaks))


# -------------------------------------------------------------- places named in a cue


@dataclass(frozen=True)
class Place:
    name: str  # canonical: the gazetteer's name, 中华人民共和国, or a zone as written
    code: str | None
    cls: str  # Country, Province, City, District, SpecialAdministrativeRegion or Zone
    written: str  # as the cue writes it (徐水县, 珠海高新区)
    sure: bool = True  # False: one of namesakes, taken without a parent written to tell them apart


@lru_cache(maxsize=1)
def _max_name() -> int:
    gz = gazetteer()
    return max(len(n) for n in (*gz.by_name, *gz.by_former, *gz.by_short))


def _word_at(s: str, start: int, end: int, short: bool) -> str | None:
    """How ``s[start:end]`` is a place name: full, former, short or not (None)."""
    gz = gazetteer()
    w = s[start:end]
    if w in gz.by_name:
        return "full"
    if w in gz.by_former:
        return "former"
    if short and w in gz.by_short:
        return "short"
    return None


def _chain_before(s: str, end: int, limit: int, short: bool) -> list[tuple[int, int, str]]:
    """The names written right before ``end`` (back to ``limit``), outermost first:
    保定市满城区 -> [(0, 3, full), (3, 6, full)].  The longest name ending at a point wins."""
    out: list[tuple[int, int, str]] = []
    pos = end
    while pos - limit >= 2:
        for k in range(min(_max_name(), pos - limit), 1, -1):
            how = _word_at(s, pos - k, pos, short)
            if how:
                out.insert(0, (pos - k, pos, how))
                pos -= k
                break
        else:
            break
    return out


def _chain_after(s: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The names written from ``start`` on (not past ``end``): 珠海高新区 -> [(0, 2, short)]."""
    out: list[tuple[int, int, str]] = []
    pos = start
    while end - pos >= 2:
        for k in range(min(_max_name(), end - pos), 1, -1):
            how = _word_at(s, pos, pos + k, True)
            if how:
                out.append((pos, pos + k, how))
                pos += k
                break
        else:
            break
    return out


def _glued(s: str, start: int, end: int) -> bool:
    """Whether a two-character name (成县, 和县) is the end of a word that starts before it:
    the character before it and its first character make a dictionary word (完成, 示范)."""
    if end - start != 2 or start == 0 or not re.match(f"[{_CJK}]", s[start - 1]):
        return False
    from .segment import segmenter

    return s[start - 1:start + 1] in segmenter().freq


def _divisions(word: str, how: str, year: int | None) -> list[Division]:
    gz = gazetteer()
    if how == "full":
        return list(gz.by_name.get(word, ()))
    if how == "former":
        return gz.formerly(word, year)
    return list(gz.by_short.get(word, ()))


def _resolve(s: str, chain: list[tuple[int, int, str]], year: int | None, context: set[str]) -> tuple[Division | None, bool]:
    """The division the last name of a chain stands for, its written parents choosing among
    namesakes, and whether the choice was sure (one candidate left)."""
    gz = gazetteer()
    *parents, (a, b, how) = chain
    cands = _divisions(s[a:b], how, year)
    parent_sets = [{d.code for d in _divisions(s[pa:pb], ph, year)} for pa, pb, ph in parents]
    fitting = [d for d in cands if all(ps & {x.code for x in gz.ancestors(d.code)} for ps in parent_sets)]
    codes = set().union(*parent_sets) if parent_sets else set()
    left = fitting or cands
    return gz.choose(left, codes | context), len(left) == 1


def _place(d: Division, written: str) -> Place:
    if d.code == COUNTRY[1]:
        return Place(COUNTRY[0], d.code, "Country", written)
    return Place(d.name, d.code, d.cls, written)


def _zone(s: str, start: int, end: int, prefixed: bool = True) -> Place | None:
    """A zone that fills ``s[start:end]``: divisions, then the zone's own words ending in a zone's
    last character (珠海高新区, 广州开发区, 徐水(大王店)经济开发区).  ``prefixed``: its name must
    start with a division's name (a cue that says only that a body reports: …管委会)."""
    tail = s[start:end]
    if not 3 <= len(tail) <= 20 or tail[-1] not in _cues()["zone_final"] or not re.fullmatch(f"[{_CJK}()]+", tail):
        return None
    chain = _chain_after(s, start, end)
    if chain and chain[-1][1] == end:  # the whole is a division: not a zone
        return None
    if not chain:
        return Place(tail, None, "Zone", tail) if not prefixed else None
    head = chain[-1][0]
    if end - chain[-1][1] < 2:
        return None
    name = s[head:end]
    return Place(name, None, "Zone", name)


@dataclass(frozen=True)
class Cue:
    rule: str  # header-title, session, speaker, delegate, party-plenary, party-congress, title, issuer, …
    rank: int  # lower decides first
    start: int  # span in the view it was read from
    end: int
    place: Place | None  # the area named (None: a relative cue such as 我代表县人民政府)
    level: str = ""  # for a relative cue: what the area's name ends with (县)
    kind: str = ""  # the kind of report the cue says
    found: "Found | None" = None  # the cue's span in the document


def _area_of(s: str, start: int, end: int, year: int | None, context: set[str], strict: bool,
             zones: bool) -> tuple[Place | None, str, int] | None:
    """The area a cue's slot ``s[start:end]`` names: (place, '', where its names start) or
    (None, level, where the level word starts) for a relative slot (县, 市); None when the slot
    is no area.  ``strict``: the slot is all names (else the names end it)."""
    rel = _cues()["relative"]
    if s[start:end] in rel:
        return None, rel[s[start:end]], start
    chain = _chain_before(s, end, start, True)
    if chain and not strict and _glued(s, chain[0][0], chain[0][1]):
        chain = chain[1:]  # 完成县十五届人大三次会议: 成县 is no name here, 完成 is a word
    if chain and (not strict or chain[0][0] == start):
        d, sure = _resolve(s, chain, year, context)
        if d is not None:
            return replace(_place(d, s[chain[-1][0]:end]), sure=sure), "", chain[0][0]
    if zones:
        z = _zone(s, start, end)
        if z is not None:
            return z, "", start
    if not strict and not chain:  # 在市十四届人大一次会议上: the level word alone before the cue
        for word in sorted(rel, key=len, reverse=True):
            if s.endswith(word, start, end):
                return None, rel[word], end - len(word)
    return None


# -------------------------------------------------------------- cue patterns

_DATE_Y = "(?:19|20)\\d{2}年"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    c = _cues()
    alone = _alt(w for w, v in c["head"].items() if v == "alone")
    heads = _alt(c["head"])
    gov = _alt(w for w, v in c["body"].items() if v != "national")
    slot = f"(?P<a>[{_CJK}()]{{0,24}}?)"
    return {
        # 在河北省第十四届人民代表大会第四次会议上, 保定市十六届人大七次会议, 第十一届全国人民代表大会第一次会议
        "session": re.compile(f"{slot}第?{_NUM}届(?P<nat>全国)?(?:人民代表大会|人大)(?!常务委员会|常委会)第?{_NUM}次"),
        # 河北省人民政府省长 王正谱, 珠海高新区管委会主任, 国务院总理
        "speaker": re.compile(f"(?P<body>{gov}|国务院)(?:代理|代)?(?P<role>{heads})"),
        # 河北省省长 季允石 (a line of its own, or after the subtitle)
        "speaker-alone": re.compile(f"(?:^|会议上|会上){slot}(?:代理|代)?(?P<role>{alone})[{_CJK}]{{2,4}}(?=$|各位|\\(|\\d)"),
        # 我代表保定市人民政府, 我代表国务院, 我代表区政府
        "delegate": re.compile(f"我代表{slot}(?P<body>{_alt(c['body'])})"),
        # 中共广州市黄埔区委一届十次全会, 中国共产党X委员会第N次全体会议
        "party-plenary": re.compile(f"(?:中共|中国共产党){slot}(?:第?{_NUM}届)?(?:委员会|委)(?:第?{_NUM}届)?(?:第?{_NUM}次)?(?:全体(?:扩大)?会议|全会)"),
        # 中国共产党深圳市南山区第七届代表大会, 中共南山区第七届委员会向大会作报告
        "party-congress": re.compile(f"(?:中共|中国共产党){slot}(?:第?{_NUM}[届次](?:代表大会|委员会向大会))"),
        # 海珠区2023年政府工作报告, 2021年珠海高新区工作报告, 南沙区今年以来的成绩
        "title": re.compile(f"^(?:{_DATE_Y})?{slot}(?:{_DATE_Y})?(?P<kind>{_alt(c['kind'])})"),
        # 珠海高新区管委会 (a line of its own), 来源:海珠区人民政府
        "issuer": re.compile(f"(?:^|来源[:：]|发布机构[:：]){slot}(?P<body>{_alt(c['body'])})(?:办公室|办公厅)?$"),
    }


# a date as reports write it: 2026年1月27日, 二〇一二年一月六日, 二0一九年一月十四日, 2008年1月
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2}|[一二][〇零0O一二三四五六七八九]{3})年"
                   r"(?:(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])月(?:(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日)?)?")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/.年](\d{1,2})")
_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "0": "0", "O": "0"}


def _year_of(text: str) -> int | None:
    if text.isdigit():
        y = int(text)
    else:
        digits = "".join(_CN_DIGIT.get(ch, ch) for ch in text)
        if not digits.isdigit():
            return None
        y = int(digits)
    return y if 1949 <= y <= 2100 else None


# -------------------------------------------------------------- reading the head

@dataclass(frozen=True)
class Found:
    """A value a cue gives, with the span it was read from (offsets in the document)."""

    rule: str
    start: int
    end: int
    text: str


@dataclass
class _Head:
    header: dict[str, tuple[View, Found]]  # header field -> (its value's view, the line)
    body: View  # the head after the header


_FIELD_LINE = re.compile(f"^[{_CJK}A-Za-z]{{1,6}}[:：]")


def _read_head(doc: Document) -> _Head:
    """The scraper's header (标题：… 发文单位：…, in the first lines, up to the first line that is no
    field) and the head after it."""
    view = View.of(doc.norm[:HEAD_CHARS])
    keys = _cues()["header"]
    pat = re.compile(f"^(?P<k>{_alt(keys)})[:：](?P<v>.*)$")
    header: dict[str, tuple[View, Found]] = {}
    body_start = 0
    for i, (a, b) in enumerate(view.lines()):
        m = pat.match(view.text[a:b])
        if m is None:
            if (i >= 2 and not header) or (header and not _FIELD_LINE.match(view.text[a:b])):
                break
            continue
        field = keys[m.group("k")]
        va, vb = a + m.start("v"), b
        if field not in header and vb > va:
            s, e = view.span(a, b)
            header[field] = (View(view.text[va:vb], view.index[va:vb]), Found(f"header-{field}", s, e, view.text[a:b]))
        body_start = b
    return _Head(header, View(view.text[body_start:], view.index[body_start:]))


def _found(rule: str, view: View, start: int, end: int) -> Found:
    s, e = view.span(start, end)
    return Found(rule, s, e, view.text[start:end])


# -------------------------------------------------------------- year

def _session_dates(view: View) -> list[tuple[int, Found]]:
    """Years of the dates that date a session or a meeting: the date before 在…人民代表大会 (or
    its 第N届…次会议), one in brackets or alone on a line right after it, a date after a
    national session (第十二届全国人大二次会议，2014年3月5日) or a plenary (…全会于2019年12月6日召开)."""
    flat = view.flat
    s = flat.text
    out = []
    pats = _patterns()
    matches = sorted((m for name in ("session", "party-plenary", "party-congress") for m in pats[name].finditer(s)),
                     key=lambda m: m.start())
    for m in matches:
        # a date written right before the cue (2026年1月27日在…, (2020年1月9日在…)
        slot_end = m.start("a") + len(m.group("a"))
        cands = [d for d in _DATE.finditer(s, max(0, slot_end - 40), slot_end)
                 if d.group("m") and _year_of(d.group("y")) and not re.search("[。，,;；]", s[d.end():slot_end])]
        if cands:
            d = cands[-1]
            out.append((_year_of(d.group("y")), _found("session-date", flat, d.start(), m.end())))
            continue
        # a date within the next 40 characters (the bracketed date under the speaker line, 于…召开)
        d = next((d for d in _DATE.finditer(s, m.end(), m.end() + 40) if d.group("m") and _year_of(d.group("y"))), None)
        if d:
            out.append((_year_of(d.group("y")), _found("session-date", flat, m.start(), d.end())))
    return out


def _dated_line(view: View) -> tuple[int, Found] | None:
    """A date alone on a line (or in brackets) before the salutation: 政府工作报告 / 2005年2月26日 / 各位代表."""
    sal = tuple(_cues()["salutation"])
    for a, b in view.lines():
        line = view.text[a:b]
        if line.startswith(sal):
            return None
        m = re.fullmatch(r"[(（]?(" + _DATE.pattern + r")[)）]?", line)
        if m and m.group("m"):
            y = _year_of(m.group("y"))
            if y:
                return y, _found("dated-line", view, a, b)
    return None


def _title_year(view: View, start: int, end: int) -> int | None:
    m = re.search(r"((?:19|20)\d{2})年", view.text[start:end])
    return int(m.group(1)) if m else None


# anniversaries that date a text: 迎接建党100周年 is said in the year before 2021
_ANNIVERSARIES = [
    (re.compile(r"迎接建党(\d+)周年"), 1921, -1),
    (re.compile(r"庆祝建党(\d+)周年"), 1921, 0),
    (re.compile(r"建党(\d+)周年之际"), 1921, 0),
    (re.compile(r"迎接新中国成立(\d+)周年"), 1949, -1),
]
_PLAN_YEARS = [(re.compile(r"“?十四五”?(?:规划)?开局之年|“十四五”开局"), 2021), (re.compile(r"“?十三五”?收官之年|“十三五”收官"), 2020)]
_REVIEW_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:关于)?((?:19|20)\d{2})年(?:政府)?工作(?:回顾|的回顾)?$")


_JUST_PAST = re.compile(r"刚刚过去的((?:19|20)\d{2})年")


def _text_year(doc: Document, kind: str) -> tuple[int | None, Found | None]:
    """The year from the text: the year after the one a review heading or 刚刚过去的2016年 names
    (a government work report), an anniversary, a plan year, the year written most often."""
    view = View.of(doc.norm)
    text = view.text
    if kind == "GovernmentWorkReport":
        for a, b in view.lines():
            m = _REVIEW_HEADING.match(view.text[a:b])
            if m:
                return int(m.group(1)) + 1, _found("review-heading", view, a, b)
        m = _JUST_PAST.search(text)
        if m:
            return int(m.group(1)) + 1, _found("year-just-past", view, m.start(), m.end())
    for pat, base, delta in _ANNIVERSARIES:
        m = pat.search(text)
        if m:
            return base + int(m.group(1)) + delta, _found("anniversary", view, m.start(), m.end())
    for pat, year in _PLAN_YEARS:
        m = pat.search(text)
        if m:
            return year, _found("plan-year", view, m.start(), m.end())
    years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})年", text))
    if years:
        y = sorted(years, key=lambda k: (-years[k], -k))[0]
        return y, Found("most-frequent-year", -1, -1, f"{y}年 ({years[y]} times)")
    return None, None


# -------------------------------------------------------------- cues in the head

_RANK = {"header-title": 0, "header-session": 0, "header-issuer": 0, "header-speaker": 0,
         "session": 1, "speaker": 2, "delegate": 3, "party-plenary": 4, "party-congress": 4,
         "title": 5, "issuer": 6}


def _cues_in(view: View, rule_prefix: str, year: int | None, context: set[str], names: tuple[str, ...]) -> list[tuple[Cue, View]]:
    """The cues of ``names`` in a view (its lines for line patterns, the joined text for the others)."""
    pats = _patterns()
    out: list[tuple[Cue, View]] = []
    lines = view.lines()
    single = [View(view.text[a:b], view.index[a:b]) for a, b in lines]
    # a title split over two lines
    double = [View(x.text + y.text, x.index + y.index) for x, y in zip(single, single[1:])]
    for name in names:
        pat = pats[name]
        base = "speaker" if name == "speaker-alone" else name
        rule = rule_prefix + base
        rank = _RANK.get(rule, 9)
        if name == "title":
            targets = [t for pair in zip(single, double + [None]) for t in pair if t is not None]
        elif name in ("issuer", "speaker-alone"):
            targets = single
        else:
            targets = [view.flat]
        for t in targets:
            for m in pat.finditer(t.text):
                cue = _cue_of(name, rule, rank, t, m, year, context)
                if cue is not None:
                    out.append((replace(cue, found=_found(rule, t, cue.start, cue.end)), t))
    return out


def _cue_of(name: str, rule: str, rank: int, t: View, m: re.Match, year: int | None, context: set[str]) -> Cue | None:
    s = t.text
    gd = m.groupdict()
    kind = ""
    if name == "session":
        kind = "GovernmentWorkReport"
        if gd.get("nat"):
            slot_end = m.start("a") + len(m.group("a"))
            if not _own_session(t, slot_end, m.end()):
                return None
            return Cue(rule, rank, slot_end, m.end(), Place(*COUNTRY, "Country", COUNTRY[0]), kind=kind)
        got = _area_of(s, m.start("a"), m.end("a"), year, context, strict=False, zones=False)
        if got is None or not _own_session(t, got[2], m.end()):
            return None
    elif name == "speaker":
        kind = "GovernmentWorkReport"
        a = m.start("body")
        if m.group("body") == "国务院":
            got = (Place(*COUNTRY, "Country", COUNTRY[0]), "", a)
        else:
            got = _area_of(s, max(0, a - 24), a, year, context, strict=False, zones=False)
        if got is not None and not _speaker_line(t, got[2], m.end()):
            return None
    elif name == "speaker-alone":
        kind = "GovernmentWorkReport"
        got = _area_of(s, m.start("a"), m.end("a"), year, context, strict=True, zones=False)
    elif name == "delegate":
        body = m.group("body")
        kind = "GovernmentWorkReport"
        if body == "国务院":
            return Cue(rule, rank, m.start(), m.end(), Place(*COUNTRY, "Country", COUNTRY[0]), kind=kind)
        got = _area_of(s, m.start("a"), m.end("a"), year, context, strict=True, zones=_cues()["body"][body] == "zone")
    elif name in ("party-plenary", "party-congress"):
        kind = "PartyPlenaryReport"
        if not _own_meeting(s, m.end()):
            return None
        got = _area_of(s, m.start("a"), m.end("a"), year, context, strict=True, zones=True)
    elif name == "title":
        kind = _cues()["kind"][m.group("kind")]
        if m.group("a") == "" and kind == "GovernmentWorkReport":
            return Cue(rule, rank, m.start(), m.end(), None, kind=kind)  # 政府工作报告 alone: the kind only
        got = _area_of(s, m.start("a"), m.end("a"), year, context, strict=True, zones=True)
    elif name == "issuer":
        body = m.group("body")
        if body == "国务院":
            return Cue(rule, rank, m.start(), m.end(), Place(*COUNTRY, "Country", COUNTRY[0]))
        zone = _cues()["body"][body] == "zone"
        got = _area_of(s, m.start("a"), m.end("a"), year, context, strict=True, zones=zone)
        if got is None and zone:
            z = _zone(s, m.start("a"), m.end("a"), prefixed=False)
            got = (z, "", m.start("a")) if z else None
    else:  # pragma: no cover - every pattern is handled above
        raise ValueError(name)
    if got is None:
        return None
    place, level, names = got
    start = m.start() if _starts_at_cue(name) else names
    return Cue(rule, rank, start, m.end(), place, level=level, kind=kind)


_OWN_SESSION_TAIL = re.compile(f"(?:会议)?(?:第?{_NUM}次全体会议)?")
_OWN_SESSION_NEXT = ("上", "开幕", "隆重开幕", "召开", "举行", "文件", ",", "，", "(", "（")


def _own_session(t: View, names_start: int, end: int) -> bool:
    """Whether a session is the one the report is given at: 在…会议, a dated subtitle
    (2019年1月29日保定市…会议), …会议上, …会议开幕, a line of its own; not one the text
    refers to (完成县十五届人大三次会议确定的任务, 贯彻十三届全国人大二次会议精神)."""
    s = t.text
    if s.endswith(("在", "日"), 0, names_start):
        return True
    pos = _OWN_SESSION_TAIL.match(s, end).end()
    return pos == len(s) or pos in t.breaks or s.startswith(_OWN_SESSION_NEXT, pos)


_SPEAKER_BEFORE = ("会议上", "会上", "报告", ")", "）", "—", "―")
_SPEAKER_NEXT = ("各位", "(", "（")


def _speaker_line(t: View, names_start: int, end: int) -> bool:
    """Whether ``X人民政府县长`` is the speaker line: on a line of its own (or after the subtitle,
    会议上, or a title, …报告), followed by the speaker's name alone (then the line's end, 各位代表,
    a bracketed date); not a mention in a sentence (邀请保定市人民政府市长郭建英出席)."""
    s = t.text
    if not (names_start == 0 or names_start in t.breaks or s.endswith(_SPEAKER_BEFORE, 0, names_start)):
        return False
    for pos in range(end, min(end + 7, len(s)) + 1):
        if pos == len(s) or pos in t.breaks or s.startswith(_SPEAKER_NEXT, pos) or s[pos].isdigit():
            return True
        if not (re.match(f"[{_CJK}]", s[pos]) or s[pos] == "·"):
            return False
    return False


_OWN_MEETING = re.compile("召开|举行|开幕|闭幕|作报告")
_REFERRED = re.compile("精神|部署|要求|确定|决定|以来")


def _own_meeting(s: str, end: int) -> bool:
    """Whether a Party meeting is the one the text reports (…全会于2019年12月6日召开, 南山区委书记…
    向大会作报告), not one it refers to (贯彻中共保定市委十届五次全会精神)."""
    sentence = re.split("[。！？;；]", s[end:end + 200], maxsplit=1)[0]
    own = _OWN_MEETING.search(sentence)
    ref = _REFERRED.search(sentence)
    return own is not None and (ref is None or ref.start() > own.start())


def _starts_at_cue(pattern: str) -> bool:
    """Whether a pattern's match starts at its own cue word (我代表, 中共, a line's start) rather
    than at the names before the cue word (session, speaker)."""
    return pattern not in ("session", "speaker")


# -------------------------------------------------------------- the fallback

class PlaceMention(Protocol):
    """What the fallback takes from the entity recognizer: a mention's name, code, class and rule."""

    name: str
    code: str | None
    cls: str
    rule: str


_ADMIN = {"Province", "City", "District", "SpecialAdministrativeRegion"}


def _names_then(d: Division, year: int | None) -> list[str]:
    """The names a division went by in a year: a former name still in use then (清苑县 in 2008),
    else its name (宣化区 in 2023, though it was 宣化县 until 2016)."""
    gz = gazetteer()
    formers = [f for n in d.former_names for f in gz.by_former.get(n, ()) if f.code == d.code]
    if year is None:
        return [d.name, *(f.name for f in formers)]
    return [f.name for f in formers if f.until >= year] or [d.name]


@dataclass
class _Named:
    """How often a report names each division: in full (with the names written) and by short forms."""

    full: Counter
    short: Counter
    written: dict[str, set[str]]


def _named_divisions(doc: Document, mentions: Iterable[PlaceMention] | None, year: int | None) -> _Named:
    """The divisions the report names: from the recognizer's mentions when given, else from the
    words of the text that are a division's full, former or short name."""
    gz = gazetteer()
    named = _Named(Counter(), Counter(), {})

    def full(code: str, written: str) -> None:
        named.full[code] += 1
        named.written.setdefault(code, set()).add(written)

    if mentions is not None:
        for m in mentions:
            if m.cls not in _ADMIN or not m.code or m.code not in gz.by_code:
                continue
            if m.rule == "short-form":
                named.short[m.code] += 1
            else:
                full(m.code, m.name)
        return named
    from .segment import segmenter

    seg = segmenter()
    for sent in doc.sentences:
        for tok in seg.tokens(doc.norm[sent.start:sent.end]):
            w = tok.text
            if w in gz.by_name:
                for d in gz.by_name[w]:
                    full(d.code, w)
            elif w in gz.by_former:
                for d in gz.formerly(w, year):
                    full(d.code, w)
            elif w in gz.by_short:
                for d in gz.by_short[w]:
                    named.short[d.code] += 1
    return named


def _fallback(doc: Document, mentions, year: int | None, levels: Counter) -> tuple[Place | None, list[str]]:
    """The division of the report's level it names most often, and the candidates in words.
    Only divisions count (a zone, a region or a pseudo-division has no place here); a short form
    counts where the division's city or province is named too (新安 beside 洛阳), a division fits
    the level when a name it is written by, or went by that year, ends with it (县: 易县, 清苑县)."""
    gz = gazetteer()
    named = _named_divisions(doc, mentions, year)
    seen = set(named.full) | set(named.short)
    counts: Counter = Counter(named.full)
    for code, n in named.short.items():
        if code in named.full or ({a.code for a in gz.ancestors(code)} - {COUNTRY[1]}) & seen:
            counts[code] += n
    if levels:
        level = levels.most_common(1)[0][0]
        counts = Counter({c: n for c, n in counts.items()
                          if any(w.endswith(level) for w in named.written.get(c, set()) | set(_names_then(gz.by_code[c], year)))})
    if not counts:
        return None, []
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    listed = [f"{gz.by_code[c].name} ({counts[c]})" for c in ranked[:4]]
    return _place(gz.by_code[ranked[0]], gz.by_code[ranked[0]].name), listed


def _self_levels(doc: Document) -> Counter:
    """全县 12, 全市 3: the level a report speaks of itself at."""
    words = _cues()["self"]
    out: Counter = Counter()
    for m in re.finditer(_alt(words), doc.norm):
        out[words[m.group(0)]] += 1
    return out


# -------------------------------------------------------------- putting it together

def _source(field: str, found: Found) -> MetaSource:
    return MetaSource(field, found.rule, found.start, found.end, found.text)


def _decide_year(head: _Head, doc: Document) -> tuple[int | None, Found | None, list[str]]:
    """The year and the line that gave it; warnings when the header and the body disagree."""
    warnings: list[str] = []
    body_dates = _session_dates(head.body)
    got: tuple[int, Found] | None = None
    if "title" in head.header:
        v, line = head.header["title"]
        dates = _session_dates(v)
        if dates:
            got = dates[0][0], Found("header-title", line.start, line.end, line.text)
    if got is None and "date" in head.header:
        v, line = head.header["date"]
        m = _ISO_DATE.search(v.text) or re.search(r"((?:19|20)\d{2})年", v.text)
        if m:
            got = int(m.group(1)), line
    if got is None and "title" in head.header:
        v, line = head.header["title"]
        y = _title_year(v, 0, len(v.text))
        if y:
            got = y, line
    if got is not None and body_dates and body_dates[0][0] != got[0]:
        warnings.append(f"the header says {got[0]} ({got[1].text[:40]}), the text {body_dates[0][0]} "
                        f"({body_dates[0][1].text[:40]}); took the header's")
    if got is None and body_dates:
        got = body_dates[0]
    if got is None:
        for cue, t in _cues_in(head.body, "", None, set(), ("title",)):
            y = _title_year(t, cue.start, cue.end)
            if y:
                s, e = t.span(cue.start, cue.end)
                got = y, Found("title", s, e, t.text[cue.start:cue.end])
                break
    if got is None:
        got = _dated_line(head.body)
    if got is None:
        return None, None, warnings
    return got[0], got[1], warnings


_BODY_CUES = ("session", "speaker", "speaker-alone", "delegate", "party-plenary", "party-congress", "title", "issuer")
_HEADER_CUES = {"title": ("session", "title"), "speaker": ("speaker", "speaker-alone"), "session": ("session",)}


def _all_cues(head: _Head, year: int | None, context: set[str]) -> list[Cue]:
    """Every cue of the header and the head, each with its span in the document."""
    found: list[Cue] = []
    for field, (v, line) in head.header.items():
        found += [c for c, _ in _cues_in(v, "header-", year, context, _HEADER_CUES.get(field, ()))]
        if field == "issuer":  # 发文单位：保定市人民政府 is the issuer's whole name
            m = re.fullmatch(f"(?P<a>[{_CJK}()]{{2,24}}?)(?P<body>{_alt(_cues()['body'])})", v.text)
            cue = _cue_of("issuer", "header-issuer", _RANK["header-issuer"], v, m, year, context) if m else None
            if cue is not None:
                found.append(replace(cue, found=line))
    return found + [c for c, _ in _cues_in(head.body, "", year, context, _BODY_CUES)]


def _head_context(head: _Head) -> set[str]:
    """Provinces and cities the head names in full, and the ancestors of the places cues name: what
    chooses among namesakes (在南山区第七届… under 深圳市南山区人民政府区长 is 深圳's)."""
    text = head.body.text
    return {code for name, code in _upper_divisions() if name in text}


@lru_cache(maxsize=1)
def _upper_divisions() -> tuple[tuple[str, str], ...]:
    """(name, code) of the provinces and prefectures whose name is theirs alone."""
    return tuple((n, ds[0].code) for n, ds in gazetteer().by_name.items()
                 if len(ds) == 1 and ds[0].level in ("Province", "City"))


def _decide_area(head: _Head, year: int | None) -> tuple[Place | None, Found | None, list[Cue], list[str]]:
    """The area the strongest cue names (the cues read twice: the second time the places all
    of them name choose among namesakes), the cues, and warnings."""
    gz = gazetteer()
    cues = _all_cues(head, year, set())
    context = {c.place.code for c in cues if c.place and c.place.code and c.place.sure}
    context |= {a.code for code in list(context) for a in gz.ancestors(code)} | _head_context(head)
    context.discard(COUNTRY[1])
    cues = _all_cues(head, year, context)
    named = sorted((c for c in cues if c.place is not None), key=lambda c: (c.rank, c.found.start))
    warnings: list[str] = []
    if named:
        best = named[0]
        place = best.place
        family = set()
        if place.code:
            family = {place.code} | {a.code for a in gz.ancestors(place.code)}
        others = sorted({c.place.name for c in named if c.rank <= _RANK["party-congress"] and c.place.name != place.name
                         and not (c.place.code and (c.place.code in family or place.code in
                                                    {a.code for a in gz.ancestors(c.place.code)}))})
        if others:  # a parent or a child of the area is no disagreement (发文单位 保定市, title 保定市徐水区)
            warnings.append(f"cues name other areas too: {', '.join(others)}; took {place.name} ({best.rule})")
        return place, best.found, cues, warnings
    return None, None, cues, warnings


def _fallback_area(doc: Document, cues: list[Cue], year: int | None, mentions) -> tuple[Place | None, Found | None, list[str]]:
    """When no cue names the area: the fallback, at the level the relative cues (我代表县人民政府)
    or the text's 全县/我县 give; a warning that names the candidates."""
    levels: Counter = Counter(c.level for c in cues if c.level)
    if not levels:
        levels = _self_levels(doc)
    place, listed = _fallback(doc, mentions, year, levels)
    level_note = f" speaking as a {levels.most_common(1)[0][0]}" if levels else ""
    if place is None:
        return None, None, [f"no cue names the report's area{level_note} and it names no division to fall back on"]
    return place, Found("fallback", -1, -1, "; ".join(listed)), [
        f"no cue names the report's area{level_note}; took the division it names most often: {', '.join(listed)}"]


def _decide_kind(head: _Head, cues: list[Cue]) -> tuple[str, Found | None]:
    """The kind the header's title says, else the kind of the strongest cue that says one."""
    kinds = _cues()["kind"]
    if "title" in head.header:
        v, line = head.header["title"]
        words = [w for w in kinds if w in v.text]
        if words:
            return kinds[max(words, key=len)], line
    said = sorted((c for c in cues if c.kind), key=lambda c: (c.rank, c.found.start))
    if said:
        return said[0].kind, said[0].found
    return "WorkSummary", Found("default", -1, -1, "")


def _review_period(doc: Document, year: int | None, kind: str) -> tuple[str | None, Found | None, list[str]]:
    """The period a report reviews: a government work report of Y reviews Y-1, or the term
    Y-5 to Y-1 when its review heading covers the term (过去五年工作回顾); a plenary or a
    summary reviews its own year."""
    if year is None:
        return None, None, []
    if kind != "GovernmentWorkReport":
        return str(year), None, []
    terms = tuple(_cues()["review_term"])
    view = View.of(doc.norm[:HEAD_CHARS * 3])
    warnings = []
    for a, b in view.lines():
        line = view.text[a:b]
        if "回顾" not in line or len(line) > 40:
            continue
        found = _found("review-heading", view, a, b)
        years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", line)]
        if years and max(years) != year - 1:
            warnings.append(f"the review heading {line!r} reviews {max(years)}, not the year before {year}")
        if any(t in line for t in terms):
            return f"{year - 5}-{year - 1}", found, warnings
        return str(year - 1), found, warnings
    return str(year - 1), None, warnings


def infer_area(doc: Document, mentions: Iterable[PlaceMention] | None = None) -> tuple[str | None, str | None, str]:
    """(area name, GB/T 2260 code or None, evidence)."""
    meta = infer_meta(doc, mentions=mentions)
    src = meta.source("area")
    return meta.area, meta.area_code, f"{src.rule}: {src.text[:40]}" if src else "no area found"


def infer_year(doc: Document) -> tuple[int | None, str]:
    meta = infer_meta(doc)
    src = meta.source("year")
    return meta.year, f"{src.rule}: {src.text[:40]}" if src else "no year found"


def infer_title(doc: Document, head: _Head, area: str | None, year: int | None) -> str:
    """The header's title, else the first title line, else the first line that reads like one."""
    if "title" in head.header:
        return head.header["title"][0].text
    for cue, t in _cues_in(head.body, "", None, set(), ("title",)):
        if cue.place is not None:
            return t.text[cue.start:cue.end]
    for s in doc.sentences[:8]:
        t = doc.norm[s.start:s.end].strip()
        if 4 <= len(t) <= 60 and not t.startswith(("(", "——", "各位", "【")) and re.search(f"[{_CJK}]{{4}}", t):
            return t
    return f"{area or '未知地区'}{year or ''}报告"


def infer_meta(doc: Document, override: dict | None = None, mentions: Iterable[PlaceMention] | None = None) -> ReportMeta:
    """Metadata of one report; ``override`` (from a manifest) wins field by field.  ``mentions``
    (name, code, cls and rule of the report's place mentions) serve the fallback only; without
    them it reads the divisions named in the text with the gazetteer."""
    override = override or {}
    head = _read_head(doc)
    warnings: list[str] = []
    year, year_found, w = _decide_year(head, doc)
    warnings += w
    place, area_found, cues, area_warnings = _decide_area(head, year)
    kind, kind_found = _decide_kind(head, cues)
    if override.get("kind"):
        kind, kind_found = override["kind"], Found("manifest", -1, -1, "")
    if "year" in override:
        year, year_found = int(override["year"]), Found("manifest", -1, -1, "")
    elif year is None:
        year, year_found = _text_year(doc, kind)
        if year is not None:
            warnings.append(f"no session date or title gives the year; took {year} from the text ({year_found.rule})")
    if "area" in override:
        place, area_found = Place(override["area"], override.get("area_code"), "", override["area"]), Found("manifest", -1, -1, "")
    elif place is None:
        place, area_found, area_warnings = _fallback_area(doc, cues, year, mentions)
    if "area" not in override:
        warnings += area_warnings
    review, review_found, w = _review_period(doc, year, kind)
    warnings += w
    if review is not None and review_found is None:
        review_found = Found("year-before" if kind == "GovernmentWorkReport" else "same-year", -1, -1, "")
    sources = tuple(_source(f, found) for f, found in (("area", area_found), ("year", year_found),
                                                      ("kind", kind_found), ("review", review_found)) if found)
    area = place.name if place else None
    title = override.get("title") or infer_title(doc, head, area, year)
    evidence = "; ".join(f"{s.field} {s.rule}" + (f": {s.text[:40]}" if s.text else "") for s in sources)
    return ReportMeta(doc_id=doc.id, title=title, area=area, area_code=place.code if place else None, year=year,
                      kind=kind, evidence=evidence or "nothing found",
                      area_written=place.written if place and place.written != place.name else None,
                      review_period=review, sources=sources, warnings=tuple(f"{doc.path}: {w}" for w in warnings))
