"""Sentences -> mentions: the recognizers and the rule for overlapping candidates.

Recognizers (each a function of a sentence, returning candidates):

- ``title``: 《…》 titles are policy documents (nested titles too);
- ``quote``: “…” slogans are initiatives, extended by a suffix that follows the
  closing quote (“一业一证”改革, “三通”清单, “珠宝+文化旅游”小镇);
- ``lexicon``: the gazetteer (full names; short forms under conditions),
  named regions, well-known institutions and national initiatives;
- ``body``: government and Party bodies named relative to an area
  (省委, 区委, 中共南山区委, 区人社局);
- ``suffix``: a class suffix (…大学, …大桥, …改革, …产业园) with the name
  found by walking left over jieba tokens until a boundary word;
- ``plus``: "X+Y" programme names (互联网+政务服务);
- ``list``: the items of a list closed by 等 and a category noun, typed by that
  noun (世界之窗、锦绣中华、欢乐谷等旅游景区; 麻涌、化龙等过江隧道); the category
  noun itself is no name;
- brands (智慧南山, 法治黄埔), a region before a lexicon programme
  (大湾区国际科创中心) and numbered orders sharing an issuer (5号令、8号令).

Overlaps: candidates are taken greedily by span length (longer first), then by
recognizer priority, then by position; a candidate that overlaps one already
taken is dropped, so a place name inside a longer name is not a place of its
own (南沙科学城, not 南沙).  Two kinds of names stand for themselves inside a
longer one and are kept: the body that issues a titled document, and the places
a joint zone is about (海南自贸港与大湾区对接联动先行区).

What makes a name is decided from the words before a suffix (``_has_name``):
verbs of action are cut off its start, a generic stem (重点项目, 经济体制改革)
names nothing, and a weak suffix (平台, 中心, 枢纽) needs a proper word, a long
specific stem or a national designation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .gazetteer import gazetteer, lexicon
from .lexicons import load_lines, load_tsv
from .model import Document, Mention, top_of
from .segment import Token, segmenter

PRIORITY = {"title": 100, "quote": 90, "body": 85, "lexicon": 80, "gazetteer": 75, "plus": 60,
            "suffix": 50, "list": 45, "short-form": 40}
MAX_NAME = 26
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Candidate:
    start: int  # offsets in the sentence
    end: int
    name: str
    cls: str
    rule: str
    confidence: float
    code: str | None = None
    aliases: tuple[str, ...] = ()
    inner: bool = False  # a candidate allowed inside another (nested title)


# ------------------------------------------------------------------ lexicons

@dataclass(frozen=True)
class SuffixRule:
    suffix: str
    cls: str
    min_name: int


@lru_cache(maxsize=1)
def suffix_rules() -> tuple[SuffixRule, ...]:
    rules = [SuffixRule(r[0], r[1], int(r[2])) for r in load_tsv("suffixes.tsv")]
    return tuple(sorted(rules, key=lambda r: -len(r.suffix)))


@lru_cache(maxsize=1)
def _suffix_index() -> dict[str, list[SuffixRule]]:
    idx: dict[str, list[SuffixRule]] = {}
    for r in suffix_rules():
        idx.setdefault(r.suffix[-1], []).append(r)
    return idx


def match_suffix(text: str, end: int) -> SuffixRule | None:
    """The longest suffix rule that ``text[:end]`` ends with."""
    if end <= 0:
        return None
    for r in _suffix_index().get(text[end - 1], ()):
        if text.endswith(r.suffix, 0, end):
            return r
    return None


@lru_cache(maxsize=1)
def boundaries() -> frozenset[str]:
    return frozenset(load_lines("boundaries.txt"))


@lru_cache(maxsize=1)
def generic_parts() -> frozenset[str]:
    return frozenset(load_lines("generic_names.txt"))


@dataclass(frozen=True)
class NameEntry:
    name: str  # canonical
    cls: str
    rule: str
    code: str | None = None
    short: bool = False  # the key is a short form (gazetteer)


@lru_cache(maxsize=1)
def name_index() -> dict[str, list[NameEntry]]:
    """Every lexicon name (and alias) -> entries, for exact matching in text."""
    idx: dict[str, list[NameEntry]] = {}
    gz = gazetteer()
    ambiguous = set(load_lines("ambiguous_divisions.txt"))
    for name, divs in gz.by_name.items():
        if name in ambiguous:
            continue
        for d in divs:
            idx.setdefault(name, []).append(NameEntry(d.name, d.cls, "gazetteer", d.code))
    for short, divs in gz.by_short.items():
        for d in divs:
            idx.setdefault(short, []).append(NameEntry(d.name, d.cls, "short-form", d.code, short=True))
    for lex in ("regions.tsv", "institutions.tsv", "initiatives.tsv"):
        for e in lexicon(lex):
            for w in (e.name, *e.aliases):
                idx.setdefault(w, []).append(NameEntry(e.name, e.cls, "lexicon"))
    return idx


@lru_cache(maxsize=1)
def _first_char_index() -> dict[str, tuple[str, ...]]:
    by_first: dict[str, set[str]] = {}
    for name in name_index():
        if len(name) >= 2:
            by_first.setdefault(name[0], set()).add(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


# ------------------------------------------------------------------ recognizers

_OPEN_Q = {"“": "”", "\"": "\"", "「": "」", "『": "』", "‘": "’"}
_TITLE_OPEN, _TITLE_CLOSE = "《〈<", "》〉>"
DOC_SUFFIXES = ("清单", "政策", "条例", "办法", "规定", "意见", "方案", "规划", "纲要", "措施")
_VERSION = re.compile(r"\d+(?:\.\d+)*版")
_PACKAGE = re.compile(r"[\d一二三四五六七八九十]+条$")


def find_titles(s: str) -> list[Candidate]:
    """《…》 titles, with nested titles (《A<B>C》, 《A《B》C》) as policy documents of their own."""
    out: list[Candidate] = []
    stack: list[int] = []
    for i, ch in enumerate(s):
        if ch in "《〈" or (ch == "<" and stack):
            stack.append(i)
        elif ch in "》〉" or (ch == ">" and stack):
            if not stack:
                continue
            start = stack.pop()
            name = s[start + 1:i].strip()
            if 2 <= len(name) <= 120 and CJK.search(name):
                flat = re.sub(r"[《》〈〉<>]", "", name)
                aliases = (flat,) if flat != name else ()
                cls = "Plan" if name.endswith(("规划", "方案", "纲要", "计划")) else "PolicyDocument"
                out.append(Candidate(start, i + 1, name, cls, "title", 0.95, aliases=aliases, inner=bool(stack)))
    return out


def _bare_suffix(tail: str) -> str | None:
    """``tail`` when it is a class suffix and nothing more (大学, 小镇)."""
    r = match_suffix(tail, len(tail))
    return tail if r is not None and r.suffix == tail else None


_TAIL_STOP = frozenset("的和与及或等、在中是")
_TAIL_VERBS = ("包括", "成为", "作为", "建设", "推进", "实施", "打造", "完成", "实现")


def _quote_tail(s: str, pos: int) -> tuple[int, str | None]:
    """After a closing quote: how far a class suffix extends the name, and its class.
    The tail never runs over a particle or conjunction (“一带一路”的新贸易创新中心)."""
    best_end, best_cls = pos, None
    m = _VERSION.match(s, pos)
    if m:
        return m.end(), None
    limit = min(len(s), pos + 12)
    for w in _TAIL_VERBS:  # nor over a verb (“一轴一路”一轴包括东风村)
        k = s.find(w, pos, limit)
        if k >= 0:
            limit = k
    j = pos
    while j < limit and (CJK.match(s[j]) or s[j].isalnum()) and s[j] not in _TAIL_STOP:
        j += 1
        rule = match_suffix(s, j)
        if rule and j - pos >= len(rule.suffix) and s[pos:j].endswith(rule.suffix):
            best_end, best_cls = j, rule.cls
    if best_cls is None:
        for suf in ("清单", "政策", "工作部署", "工作举措", "产业政策体系", "部署", "举措", "体系", "模式", "理念"):
            if s.startswith(suf, pos):
                best_end, best_cls = pos + len(suf), ("PolicyPackage" if suf in ("清单", "政策", "产业政策体系") else "Initiative")
                break
    if best_end > pos:
        m = _VERSION.match(s, best_end)
        if m:
            best_end = m.end()
    return best_end, best_cls


_NAME_TAGS = frozenset(("nz", "ns", "nt", "nr", "nrt", "nrfg", "j", ""))
_FIGURE_BEFORE = frozenset("的")


def _is_figure_of_speech(s: str, start: int, content: str, seg) -> bool:
    """A quoted phrase that names nothing: a common word or idiom (“窗口”, “及时雨”,
    “化学反应”), a bare period or number (“十四五”, “三个千亿”), a metaphor after 的
    (…的“宏伟蓝图”), or a clause that starts with a verb of action or a preposition
    (“实现五年大变化”, “在…上下功夫”)."""
    words = [w for w in seg.lcut(content) if w.strip()]
    if not words:
        return True
    if all(seg.tags.get(w) == "m" or re.fullmatch(r"[\d.]+", w) for w in words):
        return True
    if len(words) == 1 and seg.tags.get(words[0], "") not in _NAME_TAGS and seg.freq.get(words[0], 0) >= 10:
        return True
    if start > 0 and s[start - 1] in _FIGURE_BEFORE and len(words) <= 3 and "+" not in content:
        return True
    if seg.tags.get(words[0]) in ("p", "d", "ad") or (words[0] in boundaries() and seg.tags.get(words[0], "")[:1] in ("v", "d")):
        return True
    return content.endswith(_HONOURS)  # an award is no initiative (“…投资促进机构大奖”)


_HONOURS = ("奖", "奖项", "称号", "荣誉")


def _name_start_before(s: str, tokens: list[Token], pos: int, limit: int = 6) -> int:
    """Where a name that continues at ``pos`` starts: name words right before it, up to ``limit`` chars."""
    start = pos
    for t in reversed(tokens):
        if t.end > start:
            continue
        if t.end < start or pos - t.start > limit or not _is_name_token(t) or t.tag.startswith("v"):
            break
        start = t.start
    return start


def find_quotes(s: str, seg=None, tokens: list[Token] | None = None) -> list[Candidate]:
    seg = seg or segmenter()
    out: list[Candidate] = []
    i = 0
    n = len(s)
    while i < n:
        close = _OPEN_Q.get(s[i])
        if close is None:
            i += 1
            continue
        j = s.find(close, i + 1)
        if j < 0:
            break
        content = s[i + 1:j].strip()
        if 2 <= len(content) <= 24 and (CJK.search(content) or re.fullmatch(r"[\dA-Za-z]+(?:\+[\dA-Za-z]+)+", content)) and not re.search(r"[。；;!?！？]", content) \
                and content.count(",") + content.count("，") <= 1:
            end, tail_cls = _quote_tail(s, j + 1)
            tail = s[j + 1:end]
            if tail_cls and top_of(tail_cls) in ("Organization", "Place") and tail == _bare_suffix(tail) \
                    and any(top_of(e.cls) == "Initiative" for e in name_index().get(content, ())):
                end, tail_cls, tail = j + 1, None, ""  # “双一流”大学: universities of a programme
            if not tail and _is_figure_of_speech(s, i, content, seg):
                i = j + 1
                continue
            name = content + tail
            if tail_cls:
                cls = tail_cls
            elif content.endswith(DOC_SUFFIXES) or _PACKAGE.search(content) or tail.endswith("版") and "政策" in content:
                cls = "PolicyPackage"
            else:
                cls = "Slogan"
            start = i
            names_a_thing = bool(tail_cls) and len(tail) > 3 and top_of(tail_cls) in ("Place", "Organization", "Project")
            if names_a_thing and tokens is not None:
                # a quote inside a longer name: 广深“双城”联动发展先导区
                start = _name_start_before(s, tokens, i)
                name = s[start:i] + name
            if not names_a_thing:
                aliases = (content,) if tail else ()
            else:
                aliases = ()
                if content in name_index() or tail.startswith(_RELATIONAL):
                    # the slogan stands for itself: “一带一路”法律服务集聚区, “双城”联动发展先导区
                    out.append(Candidate(i, j + 1, content, "Slogan", "quote", 0.7, inner=True))
            out.append(Candidate(start, end, name, cls, "quote", 0.85, aliases=aliases))
            i = j + 1
            continue
        i = j + 1
    return out


def find_lexicon(s: str, tokens: list[Token]) -> list[Candidate]:
    """Exact matches of lexicon names; a short form must sit on token boundaries."""
    idx = name_index()
    first = _first_char_index()
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    out: list[Candidate] = []
    for i, ch in enumerate(s):
        for name in first.get(ch, ()):
            if not s.startswith(name, i):
                continue
            end = i + len(name)
            for e in idx[name]:
                if (e.short or len(name) <= 2) and (i not in starts or end not in ends):
                    continue  # a short name inside a word is no mention (沙特 in 南沙特色)
                conf = 0.6 if e.short else 0.95
                out.append(Candidate(i, end, e.name, e.cls, e.rule, conf, code=e.code,
                                     aliases=(name,) if name != e.name else ()))
            break  # longest name at this position only
    return out + _regional_initiatives(s, out)


def _regional_initiatives(s: str, found: list[Candidate]) -> list[Candidate]:
    """A region right before a programme of the lexicon makes one name: 大湾区国际科创中心,
    named by the canonical names of both (粤港澳大湾区国际科技创新中心)."""
    out = []
    regions = {c.end: c for c in found if c.cls == "Region"}
    for c in found:
        r = regions.get(c.start)
        if r is not None and top_of(c.cls) == "Initiative":
            name = r.name + c.name
            forms = {s[r.start:c.end], r.name + s[c.start:c.end]} - {name}
            out.append(Candidate(r.start, c.end, name, c.cls, "lexicon", 0.9, aliases=tuple(sorted(forms))))
    return out


_DEPTS = ("发改", "工信", "科技", "科工信", "教育", "公安", "民政", "司法", "财政", "人社", "自然资源", "规划和自然资源",
          "规划", "生态环境", "环保", "住建", "建设", "交通", "交通运输", "水务", "水利", "农业农村", "农业", "商务",
          "文旅", "文广旅体", "文化广电旅游体育", "卫健", "卫生健康", "退役军人事务", "应急管理", "应急", "审计", "国资",
          "市场监管", "统计", "医保", "城管", "城市管理", "政数", "政务服务数据管理", "信访", "金融", "外事", "侨务",
          "民宗", "档案", "机关事务", "港澳", "投促", "气象", "税务", "住房城乡建设", "人防", "林业", "体育", "残联")
_BODY = re.compile(
    r"(?P<cpc>中共|中国共产党)?(?P<lvl>省|市|区|县|镇|街道)"
    r"(?P<kind>委(?!员)|人民政府|政府|人大常委会|人大|政协|纪委监委|纪委|监委|"
    r"(?:" + "|".join(sorted(_DEPTS, key=len, reverse=True)) + r")(?:局|委(?!员)|办|厅))")


def find_bodies(s: str, tokens: list[Token]) -> list[Candidate]:
    """Bodies named relative to an area: 省委, 区人社局 (area resolved later)."""
    out: list[Candidate] = []
    starts = {t.start for t in tokens}
    for m in _BODY.finditer(s):
        if m.start() not in starts and not m.group("cpc"):
            # 区委 in the middle of a word is part of a longer name (黄埔区委, 社区委…): see find_named_bodies
            continue
        out.append(Candidate(m.start(), m.end(), m.group(0), "GovernmentBody", "body", 0.8,
                             aliases=()))
    return out


_NAMED_BODY = re.compile(r"(?P<cpc>中共|中国共产党)?(?P<area>[\u4e00-\u9fff]{2,14}?(?:省|市|区|县))"
                         r"(?P<term>第[一二三四五六七八九十百\d]+届)?(?P<kind>委员会|委(?!员)|人民政府|党工委|工委|管委会)")


def find_named_bodies(s: str, tokens: list[Token]) -> list[Candidate]:
    """中共广州市黄埔区委, 南山区委, 广州开发区党工委: a named area followed by a body word."""
    gz = gazetteer()
    out: list[Candidate] = []
    for m in _NAMED_BODY.finditer(s):
        area = m.group("area")
        # the area may start later than the regex thought (…推进南山区委…): take the longest known tail
        start = m.start("area")
        ok = None
        for k in range(len(area) - 2, -1, -1):
            tail = area[k:]
            if tail in gz.by_name or _is_zone_name(tail):
                ok = k
        if ok is None:
            continue
        a_start = start + ok
        b_start = m.start() if m.group("cpc") and ok == 0 else a_start
        out.append(Candidate(b_start, m.end(), s[b_start:m.end()], "GovernmentBody", "body", 0.85))
    return out


def _is_zone_name(name: str) -> bool:
    r = match_suffix(name, len(name))
    if not (r and r.cls == "Zone" and len(name) - len(r.suffix) >= 2):
        return False
    # no clause inside (一届十次全会暨广州开发区): every word of the stem may be part of a name
    return not any(w in boundaries() for w in segmenter().lcut(name[:len(name) - len(r.suffix)]))


_PLUS = re.compile(r"(?<![\u4e00-\u9fff\d])([\u4e00-\u9fff]{2,6}\+(?:[\u4e00-\u9fff]{2,6})?)(新模式|模式|战略)?")


def find_plus(s: str) -> list[Candidate]:
    out = []
    for m in _PLUS.finditer(s):
        name = m.group(0)
        out.append(Candidate(m.start(), m.end(), name, "Program", "plus", 0.6,
                             aliases=(m.group(1),) if m.group(2) else ()))
    return out


_STOP_TAGS = frozenset(("p", "c", "u", "uj", "ul", "uz", "ud", "ug", "uv", "r", "d", "e", "y", "o", "q"))


def _is_name_token(t: Token) -> bool:
    """May this token be part of a name (walking left from a suffix)?"""
    if t.text in boundaries():
        return False
    if t.tag in _STOP_TAGS and not t.text[0].isdigit():
        return False
    ch = t.text[0]
    return bool(CJK.match(ch) or ch.isalnum() or t.text in ("+", "·"))


def _walk_left(s: str, tokens: list[Token], i: int, head_start: int) -> int:
    """Start offset of the name whose last token is tokens[i] (head starts at head_start)."""
    start = tokens[i].start
    j = i - 1
    while j >= 0:
        t = tokens[j]
        if head_start - t.start > MAX_NAME:
            break
        if t.text in (")", "）"):
            k = j
            while k >= 0 and tokens[k].text not in ("(", "（"):
                k -= 1
            if k < 0 or tokens[j].end - tokens[k].start > 12 or _ENUMERATION.fullmatch(s, tokens[k].start, tokens[j].end):
                break  # (六)抓改革: a heading's number is no qualifier
            start = tokens[k].start
            j = k - 1
            continue
        if t.text in ("与", "和", "至", "—", "-") and j > 0 and _is_name_token(tokens[j - 1]) \
                and _joins_names(s, tokens, j, head_start):
            start = t.start
            j -= 1
            continue
        if len(t.text) > 1 and t.text[0] in "和及与" and j > 0 and match_suffix(s, tokens[j - 1].end) is not None:
            start = t.start + 1  # 之江实验室和良渚实验室: a conjunction glued to the next name
            break
        if not _is_name_token(t) or (t.text == "年" and j > 0 and tokens[j - 1].text.isdigit()):
            break  # …2021年珠海高新区: a date is no part of a name
        start = t.start
        j -= 1
    return start


_ENUMERATION = re.compile(r"[(（][一二三四五六七八九十\d]+[)）]")
_PHASE_END = re.compile(r"[一二三四五六七八九十\d]期$")
_RELATIONAL = ("对接", "联动", "合作", "融合", "协同", "互动", "结合")


def _joins_names(s: str, tokens: list[Token], j: int, head_start: int) -> bool:
    """Is the conjunction or dash tokens[j] inside one name?  A dash always is (科学大道—开创大道—
    香雪大道新经济走廊); 与/和 is when the name is about both sides (海南自贸港与大湾区对接联动先行区,
    南方海洋科学与工程省实验室), not when a complete name follows it (西部港口与广州保税区)."""
    t = tokens[j]
    if t.text in ("—", "-"):
        return True
    right = s[t.end:head_start]
    if not right:
        return False  # X和高新区: the class word stands alone after the conjunction
    if any(w in right for w in _RELATIONAL):
        return True
    if match_suffix(s, tokens[j - 1].end) is not None or _PHASE_END.search(s, 0, tokens[j - 1].end):
        return False  # a complete name before it (…科技园二期和…)
    if t.text == "至":
        return True  # 广州至珠海(澳门)高铁
    idx = name_index()
    return not any(right.startswith(n) and any(top_of(e.cls) == "Place" for e in idx[n])
                   for n in _first_char_index().get(right[:1], ()))


_PHASE_TAIL = re.compile(r"\s?(?:拓宽|扩建|改扩建)?[一二三四五六七八九十\d]+期(?:工程)?|[\u4e00-\u9fff]{1,3}段(?=[\u4e00-\u9fff]{0,4}(?:改造|建设|工程|通车|开通|[,，、;；。]))")


def _right_paren(s: str, end: int, cls: str = "") -> int:
    """Include a short parenthetical qualifier right after a name (香港科技大学(广州),
    深江铁路(南沙段)) and, for projects, a phase (福利中心三期, 7号线二期(南延))."""
    if cls in ("TransportProject", "Facility", "InvestmentProject", "ServiceCenter", "Platform"):
        m = _PHASE_TAIL.match(s, end)
        if m:
            end = m.end()
    if end < len(s) and s[end] in "(（":
        close = min((k for k in (s.find(")", end), s.find("）", end)) if k > 0), default=-1)
        if 0 < close - end <= 8 and CJK.search(s[end + 1:close]):
            return close + 1
    return end


@lru_cache(maxsize=1)
def weak_boundaries() -> frozenset[str]:
    return frozenset(load_lines("weak_boundaries.txt"))


@lru_cache(maxsize=1)
def action_words() -> frozenset[str]:
    """Boundary words and the verbs that may sit inside names: every word of action."""
    return boundaries() | weak_boundaries()


@lru_cache(maxsize=1)
def _verb_endings() -> tuple[str, ...]:
    return tuple(sorted(w for w in action_words() if len(w) >= 2))


def _ends_in_verb(item: str) -> bool:
    """A name does not end in a verb (珠江沿岸地区高质量发展)."""
    return item.endswith(_verb_endings())




_FUNCTION_CHARS = frozenset("把将对向从以由被让使给")
_MEASURE_CHARS = frozenset("项个家所条座批")
_COUNT = re.compile(r"^\d+[" + "".join(sorted(_MEASURE_CHARS)) + "]?$")
_PROPER_START = frozenset(("ns", "nr", "nz", "nt", "j"))


def _leading_verb(s: str, t: Token, following: Token | None) -> int:
    """How many chars of token ``t`` (at a name's start) are a verb of action rather than name:
    a boundary word the tokenizer glued to an unknown name (建好蕉门河), two tokens that
    make one (打+好), or a verb before a proper name (搭建西丽湖…, 抢抓深圳…)."""
    bounds = boundaries()
    if t.text in bounds or t.text in weak_boundaries():
        return len(t.text)
    if following is not None and t.text + following.text in bounds:
        return len(t.text) + len(following.text)
    if not t.tag:
        for k in range(min(4, len(t.text) - 2), 1, -1):
            if t.text[:k] in bounds:
                return k
        if t.text[0] in _FUNCTION_CHARS and len(t.text) >= 3:
            return 1  # 把琶洲试验区: a preposition glued to an unknown name
    actions = action_words()
    for k in range(2, len(t.text) - 1):
        if t.text[:k] in actions and t.text[k:] in actions:
            return len(t.text)  # one token of two verbs (全面实施)
    if t.tag == "v" and len(t.text) >= 2 and following is not None and following.tag in _PROPER_START \
            and following.text not in generic_parts():
        return len(t.text)
    return 0


def _strip_generic_start(s: str, tokens: list[Token], start: int, head_start: int) -> int:
    """Drop leading words that cannot start a name: verbs of action (建好, 搭建, 创新),
    numerals and counts (172项…)."""
    inside = [t for t in tokens if start <= t.start < head_start]
    k = 0
    while k < len(inside):
        t = inside[k]
        if t.start < start:
            k += 1
            continue
        if t.start > start:
            # a glued verb was cut off the front of this token: go on from where it ended
            break
        nxt = inside[k + 1] if k + 1 < len(inside) else None
        cut = _leading_verb(s, t, nxt)
        if cut:
            start = t.start + cut
        elif (t.tag in ("m", "q") and not t.text[0].isdigit()) or _COUNT.match(t.text):
            start = t.end
            if nxt is not None and nxt.text in _MEASURE_CHARS:
                start = nxt.end
        elif t.text in _MEASURE_CHARS and k == 0 and t.start > 0 and s[t.start - 1].isdigit():
            start = t.end
        else:
            break
        k += 1
    return start


def find_suffixed(s: str, tokens: list[Token], seg) -> list[Candidate]:
    out: list[Candidate] = []
    gen = generic_parts()
    for i, t in enumerate(tokens):
        rule = match_suffix(s, t.end)
        if rule is None:
            continue
        head_start = t.end - len(rule.suffix)
        k = i  # the token in which the suffix starts (创新 + 园 for 创新园)
        while k > 0 and tokens[k].start > head_start:
            k -= 1
        start = _walk_left(s, tokens, k, head_start)
        start = _strip_generic_start(s, tokens, start, head_start)
        end = _right_paren(s, t.end, rule.cls)
        name = s[start:end]
        stem = s[start:head_start]
        if not stem and rule.cls == "Zone" and len(rule.suffix) >= 3:
            # a bare zone word (知识城, 自贸区): resolved to the report's zone later, or dropped
            out.append(Candidate(start, end, name, rule.cls, "suffix", 0.4))
            continue
        if len(stem) < rule.min_name or len(name) > MAX_NAME + 10:
            continue
        if not _has_name(stem, gen, seg, rule, name):
            continue
        if top_of(rule.cls) == "PolicyDocument" and _PLANNING_ACT.match(s, end):
            continue  # 规划建设, 规划研究: planning as an activity, not a document
        if rule.suffix in ("战略", "改革") and i + 1 < len(tokens) and tokens[i + 1].tag.startswith("n") \
                and tokens[i + 1].text not in boundaries() and match_suffix(s, tokens[i + 1].end) is None:
            continue  # 国家战略科技力量, 改革意识: the word qualifies the noun after it
        if rule.suffix in _BATTLES:
            start = _coordinated_start(s, tokens, start)
            name = s[start:end]
        cls = "Facility" if rule.suffix == "工程" and _PHYSICAL.search(stem) else rule.cls
        out.append(Candidate(start, end, name, cls, "suffix", 0.6))
    return out


# a work on a river, road, bridge, port or reservoir is built, not run (小清河复航工程)
_PHYSICAL = re.compile("[河江湖海路桥港站库渠堤坝隧涌]")
_BATTLES = ("攻坚战", "保卫战", "歼灭战", "持久战")


def _coordinated_start(s: str, tokens: list[Token], start: int) -> int:
    """A battle names all it is fought on: 蓝天、绿水、净土攻坚战; 产业基础高级化、产业链现代化攻坚战.
    Goes left over 、 while the item before it is a short phrase that names nothing itself."""
    while start > 0 and s[start - 1] == "、":
        k = next((i for i, t in enumerate(tokens) if t.end == start - 1), None)
        if k is None:
            break
        a = _strip_generic_start(s, tokens, _walk_left(s, tokens, k, tokens[k].start), start - 1)
        item = s[a:start - 1]
        if not 2 <= len(item) <= 10 or match_suffix(item, len(item)) is not None or item in name_index():
            break
        start = a
    return start


_PLANNING_ACT = re.compile(r"建设|研究|提升|编制|设计|布局|调整|修编")


_WEAK_SUFFIXES = ("项目", "平台", "枢纽", "装置", "中心", "基地", "通道", "母港", "公路", "航道", "广场", "大楼", "工程", "设施")
_PROPER_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "eng"}


@lru_cache(maxsize=1)
def area_abbreviations() -> frozenset[str]:
    return frozenset(row[0] for row in load_tsv("area_abbreviations.tsv"))


def _is_proper(word: str, seg) -> bool:
    """A word that names something: a place, brand or institution, a number or Latin letters, or one
    jieba's dictionary does not know."""
    if re.search(r"[0-9A-Za-z]", word):
        return True
    tag = seg.tags.get(word)
    if len(word) >= 2 and all(ch in area_abbreviations() for ch in word):
        return True  # 港澳, 穗港, 粤港澳
    if tag == "ns" and seg.freq.get(word, 0) > 1000 and word not in name_index():
        return False  # common nouns jieba's dictionary tags as places (海洋, 城市, 合作)
    if tag in _PROPER_TAGS and len(word) >= 4 and word not in name_index() and _compositional(word, seg):
        return False  # common compounds jieba's dictionary tags as names (国际航运, 国际贸易)
    return tag is None or tag in _PROPER_TAGS


def _compositional(word: str, seg) -> bool:
    """Is ``word`` two common words (国际 + 航运)?"""
    for k in range(2, len(word) - 1):
        a, b = word[:k], word[k:]
        if all(w in seg.tags and seg.tags[w] not in _PROPER_TAGS for w in (a, b)):
            return True
    return False


_LEVELS = frozenset(("省", "市", "区", "县", "镇"))
_COUNTED = re.compile(r"[一二三四五六七八九十两\d]+[大个项强]")
_DESIGNATION = re.compile(r"^(?:国家级|国家|省级)(?![和与及、])")
_POLICY_SUFFIX_CLASSES = frozenset(("Reform", "Mechanism", "Strategy"))


def _specific_chars(words: list[str], gen: frozenset[str]) -> int:
    """Characters of the words that are not generic (name material); a word that ends in a
    generic part counts without it (经济体制 -> 经济)."""
    n = 0
    for w in words:
        if w in gen or w in boundaries() or re.fullmatch(r"[\d.]+", w):
            continue
        if len(w) > 2 and w[-2:] in gen:
            w = w[:-2]
            if w in gen:
                continue
        n += len(w)
    return n


def _place_prefix(words: list[str]) -> int:
    """How many leading words form a place name (生物岛, 合作区, 广州开发区)."""
    idx = name_index()
    for k in range(len(words), 0, -1):
        head = "".join(words[:k])
        if any(top_of(e.cls) == "Place" for e in idx.get(head, ())):
            return k
        rule = match_suffix(head, len(head))
        if rule is not None and top_of(rule.cls) == "Place":
            return k
    return 0


def _has_name(stem: str, gen: frozenset[str], seg, rule: SuffixRule, name: str) -> bool:
    """Is the part before the suffix a name (not only generic words)?"""
    if rule.min_name == 0 and not stem:
        return True
    if stem in _LEVELS and top_of(rule.cls) == "Project":
        return True  # 区青少年宫, 市图书馆: the report's own area's facility
    if _COUNTED.search(stem):
        return False  # 五大价值创新园, 三大平台: a count of a kind, not a name
    words = [w for w in seg.lcut(stem) if w.strip()]
    if not words:
        return False
    if stem[-1] in "和与及、" or seg.tags.get(words[-1]) == "p":
        return False  # 国家和地区, 按计划: the class word is no name's end here
    if all(seg.tags.get(w) in ("t", "m") or re.fullmatch(r"[\d.]+", w) for w in words) \
            and re.search(r"[\d年月日季期]", stem):
        return False  # 上半年地区: a date or number (未来科技城 is a name)
    specific = _specific_chars(words, gen)
    if specific == 0:
        return False  # only generic words (省级重点实验室)
    if rule.suffix.endswith(_WEAK_SUFFIXES) and not any(_is_proper(w, seg) and w not in gen for w in words) \
            and specific < 5 and not _DESIGNATION.match(stem):
        return False  # 文化体育项目, 海洋科技平台, 门户枢纽: generic words before a weak suffix
    if rule.cls in _POLICY_SUFFIX_CLASSES:
        # 经济体制改革, 激励机制, 药品注册和医疗器械审批制度, 生物岛管理体制机制: kinds of policy, not names
        if any(w in ("和", "及", "与", "、") for w in words):
            return False
        k = _place_prefix(words)
        if k and _specific_chars(words[k:], gen) == 0:
            return False
        if specific < 4 and not (len(stem) >= 6 and specific >= 2):
            return False
    if len(rule.suffix) == 1:  # 镇, 村: common words (农村, 城镇) are no names
        tag = seg.tags.get(name)
        if tag and tag != "ns" and seg.freq.get(name, 0) > 20:
            return False
    return True


# ------------------------------------------------------------------ lists closed by 等


@lru_cache(maxsize=1)
def list_heads() -> dict[str, str]:
    return {row[0]: row[1] for row in load_tsv("list_heads.tsv")}


_HARD_STOP = frozenset(",，。;；:：!！?？\n")
_ITEM_QUOTES = "“”\"「」『』"


def _list_head(s: str, tokens: list[Token], after: int) -> tuple[int, str | None, str | None]:
    """The category noun after 等: (its end, class, distributed suffix).  A head from
    list_heads.tsv names the class of every item (…等重大项目); a class suffix that is no
    category (…等过江隧道) is distributed over the items (麻涌过江隧道, 化龙过江隧道)."""
    heads = list_heads()
    best = (after, None, None)
    for t in tokens:
        if t.start < after:
            continue
        if not (CJK.match(t.text[0]) or t.text[0].isalnum()) or t.end - after > 10:
            break
        if best[1] is not None and (t.text in boundaries() or not (t.tag.startswith("n") or t.tag == "")):
            return best  # the noun phrase ends here
        if t.text in name_index() or t.tag in ("nr", "nz", "nt"):
            break  # a name, not a category (…等前海蛇口自贸片区…)
        phrase = s[after:t.end]
        head = next((phrase[k:] for k in range(len(phrase)) if phrase[k:] in heads), None)
        rule = match_suffix(phrase, len(phrase))
        if head is not None:
            best = (t.end, heads[head], None)
        elif rule is not None and top_of(rule.cls) in ("Place", "Project") and len(phrase) <= 6 \
                and not re.search("[和与及]", phrase):
            best = (t.end, rule.cls, phrase)
        else:
            best = (after, None, None)
    return best


def _list_items(s: str, tokens: list[Token], stop: int) -> list[tuple[int, int]]:
    """Spans of the items listed before 等 at ``stop``: split by 、; the first item's start is
    found by walking left over name words (加快推进南头古城、… -> 南头古城)."""
    left = stop
    while left > 0 and s[left - 1] not in _HARD_STOP:
        left -= 1
    spans = []
    a = left
    for k in range(left, stop + 1):
        if k == stop or s[k] == "、":
            spans.append((a, k))
            a = k + 1
    if not spans:
        return []
    a, b = spans[0]
    bounds = boundaries()
    for t in tokens:  # the first item starts after the last verb of action before it
        if a <= t.start and t.end < b and (t.text in bounds or t.tag == "p"):
            a = t.end
    spans[0] = (_strip_generic_start(s, tokens, a, b), b)
    # the last item may be joined by 和/及 after a complete name (…集聚区项目和琶洲算谷等)
    a, b = spans[-1]
    for k in range(a + 2, b - 2):
        if s[k] in "和及" and match_suffix(s, k) is not None:
            spans[-1:] = [(a, k), (k + 1, b)]
            break
    return spans


def _is_item_name(item: str, seg) -> bool:
    """Does a list item name something (not 生物医药, 重点企业)?"""
    words = [w for w in seg.lcut(item) if w.strip() and w not in _ITEM_QUOTES]
    if not words or any(w in ("的", "和", "及") for w in words):
        return False
    if _ends_in_verb(item):
        return False
    # a proper word (a place, brand or word the dictionary does not know), not only kinds of
    # things (社区公厕、治安监控设备等基础设施)
    return any(_is_proper(w, seg) and w not in generic_parts() and not w.isdigit() for w in words)


def find_lists(s: str, tokens: list[Token], seg) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Items of a list closed by 等 and a category noun, typed by that noun
    (世界之窗、锦绣中华、欢乐谷等旅游景区 -> three Facilities), and the spans of the
    category nouns, which are no names of their own."""
    out: list[Candidate] = []
    head_spans: list[tuple[int, int]] = []
    for t in tokens:
        if t.text != "等":
            continue
        end, cls, distributed = _list_head(s, tokens, t.end)
        if cls is None:
            continue
        head_spans.append((t.end, end))
        items = []
        for a, b in _list_items(s, tokens, t.start):
            while a < b and s[a] in _ITEM_QUOTES:
                a += 1
            while b > a and s[b - 1] in _ITEM_QUOTES:
                b -= 1
            item = s[a:b]
            if any(q in item for q in _ITEM_QUOTES) or item.endswith("号"):
                # quotes inside an item (“城市大脑”“一脸走南沙”…平台) and numbered lines (地铁18号、22号线)
                # are read by their own recognizers
                continue
            if 2 <= len(item) <= 24 and CJK.search(item) and not re.search(r"\d[\d.]*\s*[%万亿个家项]", item):
                items.append((a, b, item))
        named = [_is_item_name(item, seg) for _, _, item in items]
        # a list is of one kind: when most items are names, so are the others (…、欢乐谷等旅游景区)
        most = len(items) >= 2 and sum(named) * 2 >= len(items)
        for (a, b, item), ok in zip(items, named):
            own = match_suffix(item, len(item))
            if distributed and not own:
                if len(item) <= 6:
                    out.append(Candidate(a, b, item + distributed, cls, "list", 0.6, aliases=(item,)))
            elif own is not None and len(item) > len(own.suffix) + 1:
                # the item names its own class (…产业园、…会址等重大项目), unless it is only
                # a kind of the listed category (道路项目、…等项目)
                if own.suffix not in list_heads() or _has_name(item[:len(item) - len(own.suffix)],
                                                                 generic_parts(), seg, own, item):
                    out.append(Candidate(a, b, item, own.cls, "list", 0.6))
            elif ok or (most and not all(w in generic_parts() for w in seg.lcut(item))
                        and not _ends_in_verb(item)):
                out.append(Candidate(a, b, item, cls, "list", 0.55))
    return out, head_spans


# ------------------------------------------------------------------ coordination

_LINES = re.compile(r"(?P<pre>地铁|轨道交通|轨道|城际)?\s?(?P<nums>\d+(?:\s?号线?)?(?:\s?[、和及与]\s?\d+(?:\s?号线?)?)*)\s?号线")
_PHASES = re.compile(r"(?P<base>[\u4e00-\u9fff]{2,12}?)(?P<p1>[一二三四五六七八九十]期)(?P<more>(?:[、和]?[一二三四五六七八九十]期)+)")


_HKMO = re.compile(r"港澳(?!台)")


def find_hk_macao(s: str) -> list[Candidate]:
    """港澳 names two places: 香港 and 澳门 (not inside 粤港澳大湾区, which is longer)."""
    out = []
    for m in _HKMO.finditer(s):
        out.append(Candidate(m.start(), m.start() + 1, "香港特别行政区", "SpecialAdministrativeRegion", "lexicon", 0.7,
                             code="810000", aliases=("香港",)))
        out.append(Candidate(m.start() + 1, m.end(), "澳门特别行政区", "SpecialAdministrativeRegion", "lexicon", 0.7,
                             code="820000", aliases=("澳门",)))
    return out


def find_coordinations(s: str) -> list[Candidate]:
    """地铁18号、22号线 -> 地铁18号线, 地铁22号线; 轨道 12、13 号线 -> 轨道12号线, 轨道13号线."""
    out: list[Candidate] = []
    for m in _LINES.finditer(s):
        pre = m.group("pre") or ""
        parts = list(re.finditer(r"(\d+)(?:\s?号线?)?", s[m.start():m.end()]))
        for k, p in enumerate(parts):
            a = m.start() + (0 if k == 0 else p.start())
            b = m.start() + p.end()
            if k == len(parts) - 1:
                b = _right_paren(s, m.end(), "TransportProject")
            tail = re.sub(r"\s", "", s[m.end():b]) if k == len(parts) - 1 else ""
            out.append(Candidate(a, b, f"{pre}{p.group(1)}号线{tail}", "TransportProject", "suffix", 0.7,
                                 inner=len(parts) > 1))
    return out


def expand_phases(c: Candidate) -> list[Candidate]:
    m = _PHASES.fullmatch(c.name)
    if not m:
        return [c]
    phases = [m.group("p1")] + re.findall(r"[一二三四五六七八九十]期", m.group("more"))
    first = Candidate(c.start, c.end, m.group("base") + phases[0], c.cls, c.rule, c.confidence,
                      aliases=(c.name,))
    rest = [Candidate(c.start, c.end, m.group("base") + p, c.cls, c.rule, c.confidence, inner=True) for p in phases[1:]]
    return [first, *rest]


# ------------------------------------------------------------------ overlap rule


def select(cands: list[Candidate]) -> list[Candidate]:
    """Longest span first, then recognizer priority, then position; no overlaps
    (except candidates marked ``inner``, which may sit inside a taken span)."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), -PRIORITY.get(c.rule, 0), c.start, c.name))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for c in order:
        if c.inner:
            if not any(c.start < e and s < c.end and not (s <= c.start and c.end <= e) for s, e in occupied):
                taken.append(c)
            continue
        if any(c.start < e and s < c.end for s, e in occupied):
            continue
        taken.append(c)
        occupied.append((c.start, c.end))
    return sorted(taken, key=lambda c: (c.start, c.end, c.name))


# ------------------------------------------------------------------ entry point


def sentence_candidates(s: str, tokens: list | None = None) -> list[Candidate]:
    """Entity candidates in one sentence; ``tokens`` are its words when already segmented."""
    seg = segmenter()
    if tokens is None:
        tokens = seg.tokens(s)
    cands: list[Candidate] = []
    cands += find_titles(s)
    cands += find_quotes(s, seg, tokens)
    cands += find_lexicon(s, tokens)
    cands += find_bodies(s, tokens)
    cands += find_named_bodies(s, tokens)
    cands += find_plus(s)
    listed, heads = find_lists(s, tokens, seg)
    cands += listed
    cands += [c for c in find_suffixed(s, tokens, seg)
              if not any(a <= c.start and c.end <= b for a, b in heads)]
    cands += find_coordinations(s)
    cands += find_hk_macao(s)
    cands += find_brands(s, tokens, cands)
    chosen = select(_mark_nested(cands))
    chosen += numbered_siblings(s, chosen)
    out: list[Candidate] = []
    for c in sorted(chosen, key=lambda c: (c.start, c.end, c.name)):
        out.extend(expand_phases(c))
    return out


def _mark_nested(cands: list[Candidate]) -> list[Candidate]:
    """Names that are mentioned inside a longer one and stand for themselves there: the body
    that issues a titled document (《中共中央关于…的决定》), and the places a joint zone is
    about (海南自贸港与大湾区对接联动先行区 mentions 海南自贸港 and 粤港澳大湾区)."""
    titles = [c for c in cands if c.rule == "title"]
    joint = [c for c in cands if c.rule == "suffix" and re.search("[与和]", c.name)
             and any(w in c.name for w in _RELATIONAL)]
    out = []
    for c in cands:
        top = top_of(c.cls)
        issuer = top == "Organization" and c.rule in ("body", "lexicon") \
            and any(t.start + 1 == c.start and c.end < t.end for t in titles)
        party = top == "Place" and c.rule in ("lexicon", "gazetteer") \
            and any(j.start <= c.start and c.end <= j.end and (j.start, j.end) != (c.start, c.end) for j in joint)
        out.append(replace(c, inner=True) if issuer or party else c)
    return out


_NUMBERED = re.compile(r"(?P<stem>.*?)(?P<n>\d+)(?P<kind>号令|号文)$")


def numbered_siblings(s: str, chosen: list[Candidate]) -> list[Candidate]:
    """广州市总河长5号令、8号令: the later numbers share the first one's issuer."""
    out = []
    for c in chosen:
        m = _NUMBERED.match(c.name)
        if not m:
            continue
        pos = c.end
        sib = re.compile(r"[、和及](\d+)" + m.group("kind"))
        while (n := sib.match(s, pos)) is not None:
            out.append(Candidate(n.start(1), n.end(), m.group("stem") + n.group(1) + m.group("kind"), c.cls,
                                 c.rule, c.confidence, aliases=(s[n.start(1):n.end()],)))
            pos = n.end()
    return out


@lru_cache(maxsize=1)
def brand_prefixes() -> frozenset[str]:
    return frozenset(load_lines("brand_prefixes.txt"))


def find_brands(s: str, tokens: list[Token], cands: list[Candidate]) -> list[Candidate]:
    """A brand word before a place name makes a programme: 智慧南山, 法治黄埔, 平安广州."""
    starts = {t.start for t in tokens}
    out = []
    for c in cands:
        if c.rule not in ("gazetteer", "short-form") or top_of(c.cls) != "Place":
            continue
        for p in brand_prefixes():
            a = c.start - len(p)
            if a >= 0 and s.startswith(p, a) and a in starts:
                out.append(Candidate(a, c.end, s[a:c.end], "Program", "lexicon", 0.7))
    return out


def segment_document(doc: Document) -> list[list]:
    """The words of every sentence (the segment stage), in sentence order."""
    seg = segmenter()
    return [seg.tokens(doc.norm[sent.start:sent.end]) for sent in doc.sentences]


def mentions_in(doc: Document, tokens: list[list] | None = None) -> list[Mention]:
    """Every mention in a document, in text order; ``tokens`` from ``segment_document`` when at hand."""
    if tokens is None:
        tokens = segment_document(doc)
    out: list[Mention] = []
    for sent, words in zip(doc.sentences, tokens):
        s = doc.norm[sent.start:sent.end]
        for c in sentence_candidates(s, words):
            a, b = sent.start + c.start, sent.start + c.end
            out.append(Mention(doc_id=doc.id, start=a, end=b, surface=doc.norm[a:b], name=c.name, cls=c.cls,
                               rule=c.rule, confidence=c.confidence, sentence=sent.index, code=c.code,
                               aliases=c.aliases))
    return out
