"""What a figure measures -> an indicator of the scheme, or a plain name, or nothing.

The indicator scheme (``lexicons/indicators.tsv``) holds the indicators of China's
statistical reporting that reports use, each with a canonical name and the other names
reports give it: 地区生产总值 = 生产总值 = 本地生产总值 = GDP; 规模以上工业增加值 =
规上工业增加值.  A growth, decline, share or rank is a concept of its own, linked to its
base (地区生产总值增速 -> 地区生产总值).

``resolve`` takes the phrase observations.py read before a figure together with the
figure's measure (地区生产总值完成 + level; 规上工业增加值增速 + growth) and returns

- the scheme's concept when the phrase, once cleaned, is one of its names
  (规上工业增加值增速 -> 规模以上工业增加值增速, base 规模以上工业增加值);
- else the cleaned phrase as a name of its own (新建幼儿园), not in the scheme;
- else None: the phrase names nothing measurable (企业, 事项, 连续, 对): the figure
  gets no indicator.

Cleaning (``clean``) drops, token by token, what opens or closes the phrase without
being part of what is measured (``lexicons/indicator_words.tsv``): enumerators (五是),
time words, the report's own area (全县), verbs of doing and of aiming (开展, 力争),
prepositions, and closing verbs (完成, 控制在).  Verbs that make the thing counted
(新建, 引进, 建成) stay in front of their noun, as statistical tables write them.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import load_tsv, word_list
from .model import MEASURES

# the fields a rank is taken in, longest first (中西部 before 西部)
RANK_SCOPES = tuple(sorted(word_list("rank_scopes"), key=len, reverse=True))  # (words.toml: rank_scopes)
# suffixes observations.py gives a derived measure, longest first
_SUFFIXES = (("年均增速", "growth"), ("增速", "growth"), ("降幅", "decline"), ("占比", "share"))
_QUOTES = "“”\"'‘’「」『』《》〈〉<>"


@dataclass(frozen=True)
class Concept:
    """One row of the scheme."""

    name: str
    synonyms: tuple[str, ...]
    base: str  # the concept this one is a growth, share … of ('' for a base indicator)
    measure: str
    english: str


@dataclass(frozen=True)
class Resolved:
    """The indicator a figure is given."""

    label: str  # the canonical name (in the scheme) or the cleaned phrase
    base: str  # the indicator this one is a growth, share or rank of ('' for a level)
    measure: str  # one of MEASURES (the scheme may correct the reading: 城镇化率 is a share)
    in_scheme: bool
    # the concept's name as the report writes it, when that is another of the scheme's names for it
    # (规上工业增加值增速 for 规模以上工业增加值增速); '' when the report writes the canonical name
    written: str = ""


def match_key(text: str) -> str:
    """The form names are compared in: NFKC, no quotes, spaces or brackets, Latin in upper case."""
    s = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in s if ch not in _QUOTES and ch not in "()（）[]【】" and not ch.isspace()).upper()


class Scheme:
    """The concepts of lexicons/indicators.tsv and an index of all their names."""

    def __init__(self, rows: list[Concept]):
        self.concepts: dict[str, Concept] = {}
        self.by_key: dict[str, str] = {}
        self.derived: dict[tuple[str, str], str] = {}  # (base, measure) -> the row that names it
        for c in rows:
            if c.name in self.concepts:
                raise ValueError(f"indicators.tsv: {c.name!r} is listed twice")
            if c.measure not in MEASURES:
                raise ValueError(f"indicators.tsv: {c.name!r} has unknown measure {c.measure!r}")
            self.concepts[c.name] = c
        for c in rows:
            if c.base and c.base not in self.concepts:
                raise ValueError(f"indicators.tsv: the base {c.base!r} of {c.name!r} is no concept of the scheme")
            if c.base:
                self.derived[(c.base, c.measure)] = c.name
            for name in (c.name, *c.synonyms):
                k = match_key(name)
                other = self.by_key.get(k)
                if other is not None and other != c.name:
                    raise ValueError(f"indicators.tsv: {name!r} names both {other!r} and {c.name!r}")
                self.by_key[k] = c.name

    @property
    def name_lengths(self) -> tuple[int, ...]:
        """The lengths of the scheme's names (as compared), longest first."""
        if not hasattr(self, "_lengths"):
            self._lengths = tuple(sorted({len(k) for k in self.by_key if len(k) >= 3}, reverse=True))
        return self._lengths

    def lookup(self, phrase: str) -> Concept | None:
        key = match_key(phrase)
        name = self.by_key.get(key)
        if name is None and "占" in key:
            # a share of GDP said with another name of GDP (研发投入占GDP比重)
            name = self.by_key.get(re.sub(r"占(?:GDP|GRP|生产总值|国内生产总值|经济总量)", "占地区生产总值", key))
        return self.concepts[name] if name else None


@lru_cache(maxsize=1)
def scheme() -> Scheme:
    rows = []
    for r in load_tsv("indicators.tsv"):
        if len(r) != 5:
            raise ValueError(f"indicators.tsv: a row needs 5 tab-separated fields, got {len(r)}: {r!r}")
        name, syn, base, measure, english = (x.strip() for x in r)
        rows.append(Concept(name, tuple(s for s in syn.split("|") if s), base, measure, english))
    return Scheme(rows)


@dataclass(frozen=True)
class Words:
    lead: frozenset[str]
    trail: frozenset[str]
    generic: frozenset[str]
    keep: frozenset[str]
    pairs: dict[str, tuple[str, ...]]
    terms: frozenset[str] = frozenset()  # names a lead word opens and is part of (高标准农田)
    compare: frozenset[str] = frozenset()  # words that open a comparison (高于全省), not a thing measured


@lru_cache(maxsize=1)
def words() -> Words:
    kinds: dict[str, set[str]] = {"lead": set(), "trail": set(), "generic": set(), "keep": set(), "term": set(),
                                  "compare": set()}
    pairs: dict[str, tuple[str, ...]] = {}
    for r in load_tsv("indicator_words.tsv"):
        kind = r[0].strip()
        if kind == "pair":
            pairs[r[1].strip()] = tuple(r[2].strip().split("|"))
        elif kind in kinds:
            kinds[kind].update(w for w in r[1].strip().split("|") if w)
        else:
            raise ValueError(f"indicator_words.tsv: unknown kind {kind!r}")
    return Words(*(frozenset(kinds[k]) for k in ("lead", "trail", "generic", "keep")), pairs, frozenset(kinds["term"]),
                 frozenset(kinds["compare"]))


def generic_words() -> frozenset[str]:
    """Names that alone measure nothing (企业, 项目, 事项)."""
    return words().generic


def _tokens(phrase: str) -> list[str]:
    from .segment import segmenter

    return [t.text for t in segmenter().tokens(phrase)]


_YEARISH = re.compile(r"(?:19|20)\d{2}年|\d{1,2}月|第[一二三四五六七八九十\d]+")
_FLOW = re.compile(r"^(?:新增加|新增|新设立|新设|新培育|新认定|新引进|新建)")
_FRAMING = re.compile(r"在[\u4e00-\u9fff]{1,10}?(?:体系|框架|背景|情况|条件|形势|影响|带动|推动)下")
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+是|[(（]?[一二三四五六七八九十\d]+[)）、.])")


_BASELINE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:由|从)(?:“[^”]{1,8}”|[一二三四五六七八九十]{2,3}五|上年|去年|(?:19|20)\d{2}年)"
                       r"(?:末|底|初)?$")
_REMARK = re.compile(r"[(（](?P<c>[^()（）]*)[)）]")
_REMARK_WORDS = re.compile(r"含|下同|以下|简称|不含|包括|其中|注|预计|同比|按|可比|口径|亿|万|\d|%")


def drop_remarks(text: str) -> str:
    """新(改)建, 中欧班列(成渝) keep their brackets, which are part of a name; (下同), (含在建),
    (以下简称“琶洲试验区”) and other remarks are dropped."""
    def keep(m: re.Match) -> str:
        c = m.group("c")
        return m.group(0) if 1 <= len(c) <= 6 and not _REMARK_WORDS.search(c) else ""

    return _REMARK.sub(keep, text)


@lru_cache(maxsize=1 << 13)  # a pure function of the phrase: resolve and _scheme_prefix clean the same phrases
def clean(phrase: str) -> str:
    """The phrase without what opens or closes it and is no part of what is measured."""
    w = words()
    s = unicodedata.normalize("NFKC", phrase)
    s = drop_remarks(s)
    s = _ENUMERATOR.sub("", s)
    s = _FRAMING.sub("", s)  # 营商环境在世行体系下模拟排名 -> 营商环境模拟排名
    s = re.sub(r"(增速|增幅|降幅){2,}$", r"\1", s)
    s = re.sub(r"([\u4e00-\u9fff]{2,3})\1$", r"\1", s)  # 总投资投资: a word the cut of the phrase wrote twice
    s = _BASELINE.sub("", s)  # 森林覆盖率由“十二五”末(的X%提高到Y%): the point a change is measured from
    # a quote left open or closed by the cut of the phrase (专精特新”企业) is dropped
    if s.count("“") != s.count("”"):
        s = s.replace("“", "").replace("”", "")
    toks = _tokens(s)
    changed = True
    while changed and toks:
        changed = False
        for k in (3, 2, 1):
            head = "".join(toks[:k])
            if len(toks) > k and head in w.lead and head not in w.keep and not toks[k].startswith("性") \
                    and not "".join(toks).startswith(tuple(w.terms)):
                # (预期性指标: 预期 makes an adjective here, it does not set a target)
                toks = toks[k:]
                changed = True
                break
        for k in (3, 2, 1):
            tail = "".join(toks[-k:])
            if len(toks) > k and tail in w.trail:
                toks = toks[:-k]
                changed = True
                break
    out = "".join(toks).strip("“”\"、,，的 ")
    return out


def recognizable(name: str) -> bool:
    """A name a reader can compare: not generic, no place alone, no date, no function word at an end."""
    from .gazetteer import gazetteer

    w = words()
    if len(name) < 2 or name in w.generic or _YEARISH.search(name):
        return False
    if len(name) > 3 and name.endswith(("占比", "比重")):
        return recognizable(name[:-2])  # 税收占比: jieba reads 占|比, a preposition, at its end
    if re.fullmatch(r"[\d.%]+|[A-Za-z]", name) or re.search(r"[万亿千百]+元", name):
        return False  # a number, or an amount in words (万亿元大关): a threshold, not a thing measured
    verb = next((v for v in sorted(w.keep, key=len, reverse=True) if name.startswith(v)), "")
    core = name[len(verb):]
    if len(core) < 2 and not (verb and core):
        return False
    if re.search(r"(?:台阶|大关|关口|门槛|目标|任务)$", core):
        return False  # 三个大台阶, 两个万亿元大关: marks passed, not things measured
    if core in w.generic and not (verb and _is_noun(core)):
        return False  # 企业 alone measures nothing; 新增企业, 引进项目 count a flow of them
    gz = gazetteer()
    if name in gz.by_name or name in gz.by_short:
        return False
    if name[-1] in "和及与对向为在以把从由用等或、":
        return False
    from .segment import segmenter

    toks = segmenter().tokens(name)
    if toks[0].text in ("和", "及", "以及", "与", "对", "向", "为", "在", "以", "把", "从", "由", "用", "的"):
        return False  # a function word of its own opens it (以工代赈 is a word: 以 opens no clause there)
    if toks[0].text in w.compare or name.startswith(tuple(c for c in w.compare if len(c) > 1)):
        return False  # 高于全省, 比“十二五”末增速, 但赤字率: a comparison or a clause, not a thing measured
    last = toks[-1]
    if last.tag[:1] in ("p", "c", "u", "r", "m") or (last.tag[:1] == "d" and len(toks) == 1):
        return False
    if last.tag[:1] == "q" and (len(toks) == 1 or toks[-2].tag[:1] == "m"):
        return False  # 三个, 两条: a count, not a thing (充电桩 ends in a measure word too)
    return not all(t.tag[:1] in ("v", "d") and t.tag != "vn" for t in toks)


def _is_noun(word: str) -> bool:
    from .segment import segmenter

    toks = segmenter().tokens(word)
    return len(toks) == 1 and toks[0].tag.startswith("n")


def split_measure(name: str, measure: str) -> tuple[str, str, bool]:
    """(base phrase, rank scope, average) of a name observations.py made for ``measure``:
    地区生产总值增速 -> (地区生产总值, '', False); 增速全市排名 -> (增速, 全市, False)."""
    if measure == "rank" and name.endswith("排名"):
        head = name[:-2]
        scope = next((sc for sc in RANK_SCOPES if head.endswith(sc)), "")
        return head[:len(head) - len(scope)], scope, False
    for suffix, m in _SUFFIXES:
        if m == measure and name.endswith(suffix):
            return name[:-len(suffix)], "", suffix == "年均增速"
    return name, "", False


def _compose(base: str, measure: str, scope: str, average: bool) -> str:
    if measure == "growth":
        return base + ("年均增速" if average else "增速")
    if measure == "decline":
        return base + "降幅"
    if measure == "share":
        return base + "占比"
    if measure == "rank":
        return base + scope + "排名"
    return base


def _measure_of(name: str) -> str:
    """The measure a name's suffix says (for the base of a rank: 地区生产总值增速 is a growth)."""
    for suffix, m in _SUFFIXES:
        if name.endswith(suffix):
            return m
    return "level"


def _written(phrase: str, label: str) -> str:
    """The report's own spelling of a concept's name, when it is not the canonical one: the cleaned
    phrase that was found among the scheme's names (规上工业增加值 for 规模以上工业增加值)."""
    phrase = phrase.replace("“", "").replace("”", "").replace('"', "")
    return phrase if match_key(phrase) != match_key(label) else ""


def resolve(name: str, measure: str, verbatim: bool = False) -> Resolved | None:
    """The indicator of a figure whose phrase observations.py read as ``name`` (see the module doc);
    ``verbatim``: the name is a verb and a generic noun (投入使用学校), not to be cleaned."""
    sch = scheme()
    if verbatim:
        return Resolved(name, "", measure, False) if recognizable(name) else None
    cleaned = clean(name)
    whole = sch.lookup(cleaned)
    if whole is not None and (whole.measure == measure or measure in ("level", "share")):
        # a name the scheme knows as it stands (居民消费价格涨幅, 城镇化率): its measure holds
        return Resolved(whole.name, whole.base, whole.measure, True, _written(cleaned, whole.name))
    base_phrase, scope, average = split_measure(name, measure)
    if measure == "growth":
        base_phrase = re.sub(r"(?:增速|增幅|增长)+$", "", base_phrase)  # 高技术制造业增速增速
    if measure == "rank":
        # a rank is of a level, a growth or a share (固定资产投资增速全市排名)
        inner = resolve(base_phrase, _measure_of(base_phrase))
        if inner is None:
            return None
        label = inner.label + scope + "排名"
        return Resolved(label, inner.label, "rank", inner.in_scheme,
                        _written(inner.written + scope + "排名", label) if inner.written else "")
    base = clean(base_phrase)
    concept = sch.lookup(base)
    if concept is not None:
        if measure == "level":
            return Resolved(concept.name, concept.base, concept.measure, True, _written(base, concept.name))
        if measure == "share" and concept.measure == "share":
            return Resolved(concept.name, concept.base, "share", True, _written(base, concept.name))
        if concept.base and concept.measure == measure:
            # 居民消费价格涨幅 read as a growth
            return Resolved(concept.name, concept.base, measure, True, _written(base, concept.name))
        named = None if average else sch.derived.get((concept.name, measure))
        label = named or _compose(concept.name, measure, scope, average)
        written = "" if named else _written(_compose(base, measure, scope, average), label)
        return Resolved(label, concept.name, measure, True, written)
    flow = _FLOW.match(base)
    if flow and measure == "level" and (stock := sch.lookup(base[flow.end():])) is not None and stock.measure == "level":
        # 新增高新技术企业, 新培育科技型中小企业: what is added to a concept of the scheme
        verb = "新增" if flow.group(0) in ("新增", "新设", "新设立", "新增加") else flow.group(0)
        return Resolved(verb + stock.name, stock.name, "level", True, _written(base, verb + stock.name))
    if not recognizable(base):
        return None
    if measure == "level" or (measure == "share" and base_phrase == name):
        return Resolved(base, "", measure, False)  # a share named as such (资源化利用率) is its own base
    return Resolved(_compose(base, measure, scope, average), base, measure, False)
