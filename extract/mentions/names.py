"""What makes a name: the knowledge the recognizers share.

- the class suffixes (``suffixes.tsv``) and the index of lexicon names;
- proper words (a place, brand or institution, Latin letters, or a word jieba's
  dictionary does not know) versus common words;
- where a name starts when walking left from its suffix, and which leading words are
  verbs of action rather than name;
- how much of a stem is name material (specific characters).

Every function works on the sentence's own words (``Sent.words``): nothing here segments
text again.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer import gazetteer, lexicon
from ..lexicons import NAME_LEXICONS, load_tsv, words
from ..model import top_of
from ..segment import Token, segmenter
from .base import CJK, Sent


# ------------------------------------------------------------------ suffixes


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


def bare_suffix(tail: str) -> str | None:
    """``tail`` when it is a class suffix and nothing more (大学, 小镇)."""
    r = match_suffix(tail, len(tail))
    return tail if r is not None and r.suffix == tail else None


# ------------------------------------------------------------------ lexicon names


@dataclass(frozen=True)
class NameEntry:
    name: str  # canonical
    cls: str
    rule: str  # the recognizer that proposes it: gazetteer, short-form or lexicon
    code: str | None = None
    short: bool = False  # the key is a short form (gazetteer)


@lru_cache(maxsize=1)
def name_index() -> dict[str, list[NameEntry]]:
    """Every lexicon name (and alias) -> entries, for exact matching in text."""
    idx: dict[str, list[NameEntry]] = {}
    gz = gazetteer()
    ambiguous = words("ambiguous_divisions")
    for name, divs in gz.by_name.items():
        if name in ambiguous:
            continue
        for d in divs:
            idx.setdefault(name, []).append(NameEntry(d.name, d.cls, "gazetteer", d.code))
    for short, divs in gz.by_short.items():
        for d in divs:
            idx.setdefault(short, []).append(NameEntry(d.name, d.cls, "short-form", d.code, short=True))
    for area, others in area_other_names().items():
        for other in others:
            for d in gz.by_name.get(area, ()):
                idx.setdefault(other, []).append(NameEntry(d.name, d.cls, "short-form", d.code, short=True))
    for lex in NAME_LEXICONS:
        for e in lexicon(lex):
            for w in (e.name, *e.aliases):
                idx.setdefault(w, []).append(NameEntry(e.name, e.cls, "lexicon"))
    return idx


@lru_cache(maxsize=1)
def first_char_index() -> dict[str, tuple[str, ...]]:
    by_first: dict[str, set[str]] = {}
    for name in name_index():
        if len(name) >= 2:
            by_first.setdefault(name[0], set()).add(name)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


@lru_cache(maxsize=1)
def first_two_index() -> dict[str, tuple[str, ...]]:
    """first_char_index by the first two characters (every name has two): the names that may start
    at a position, longest first, without trying every name of its first character."""
    out: dict[str, list[str]] = {}
    for names in first_char_index().values():
        for name in names:
            out.setdefault(name[:2], []).append(name)
    return {k: tuple(v) for k, v in out.items()}


def division_names_in_row(text: str) -> int:
    """How many full division names ``text`` is, one after another, the longest first (广东省广州市: 2,
    梅州市蕉岭县: 2, 广州市: 1); 0 when it is anything else."""
    n, k = _division_run(text)
    return n if k == len(text) else 0


def division_prefix(text: str) -> int:
    """How many characters of ``text`` the full division names it opens with cover (丹巴县基卡依村: 3)."""
    return _division_run(text)[1]


def _division_run(text: str) -> tuple[int, int]:
    """(how many full division names open ``text``, one after another, the longest first; the
    characters they cover)."""
    by_name = gazetteer().by_name
    n, k = 0, 0
    while k < len(text):
        end = next((e for e in range(len(text), k + 1, -1) if text[k:e] in by_name), None)
        if end is None:
            break
        n, k = n + 1, end
    return n, k


def is_place_name(word: str) -> bool:
    return any(top_of(e.cls) == "Place" for e in name_index().get(word, ()))


@lru_cache(maxsize=1)
def area_other_names() -> dict[str, tuple[str, ...]]:
    """A provincial area's name -> the other names reports use for it (黑龙江省: 龙江), in file order."""
    out: dict[str, tuple[str, ...]] = {}
    for other, area in load_tsv("area_other_names.tsv"):
        out[area] = out.get(area, ()) + (other,)
    return out


@lru_cache(maxsize=1)
def area_abbreviations() -> dict[str, str]:
    """One-character abbreviations of provinces and big cities -> the area (京 -> 北京市)."""
    return {row[0]: row[1] for row in load_tsv("area_abbreviations.tsv")}


@lru_cache(maxsize=1)
def _initial_provinces() -> dict[str, frozenset[str]]:
    """The first character of every city and county -> the provinces (code's first two digits) it
    starts one in."""
    out: dict[str, set[str]] = {}
    for d in gazetteer().by_code.values():
        if d.level in ("City", "District") and d.name:
            out.setdefault(d.name[0], set()).add(d.code[:2])
    return {ch: frozenset(p) for ch, p in out.items()}


def named_by_initials(stem: str) -> bool:
    """Is ``stem`` the initials of the areas a line joins (哈伊 in 哈伊高铁: 哈尔滨, 伊春; 隆泸叙铁路:
    隆昌, 泸州, 叙永; 京哈高速)?  Two to four different characters, each an area abbreviation (京, 沪)
    or the first character of a city or county, those of one province."""
    if not 2 <= len(stem) <= 4 or len(set(stem)) < len(stem):
        return False
    abbr, initials = area_abbreviations(), _initial_provinces()
    common: frozenset[str] | None = None
    for ch in stem:
        if ch in abbr:
            continue
        provinces = initials.get(ch)
        if not provinces:
            return False
        common = provinces if common is None else common & provinces
        if not common:
            return False
    return True


# ------------------------------------------------------------------ words


def starts_with_lone_level(name: str) -> bool:
    """Does ``name`` open with a one-character level word standing alone for an area (区|医院,
    县|人民医院, 市|图书馆), not with a word of the dictionary that begins with it (区域, 市场, 市中心)?"""
    if len(name) < 3 or name[0] not in words("levels"):
        return False
    known = segmenter().freq
    return not any(name[:k] in known for k in range(2, min(len(name), 4) + 1))


def tag(word: str) -> str:
    return segmenter().tags.get(word, "")


def freq(word: str) -> int:
    return segmenter().freq.get(word, 0)


def log_freq(word: str) -> float:
    """log10 of jieba's dictionary frequency (0 for unknown words): how common a word is."""
    return math.log10(1 + freq(word))


@lru_cache(maxsize=1 << 16)  # a pure function of the word, asked for each word of each candidate
def is_proper(word: str) -> bool:
    """A word that names something: a place, brand or institution, a number or Latin
    letters, or one jieba's dictionary does not know."""
    if re.search(r"[0-9A-Za-z]", word):
        return True
    t = segmenter().tags.get(word)
    if len(word) >= 2 and all(ch in area_abbreviations() for ch in word):
        return True  # 港澳, 穗港, 粤港澳
    if t == "ns" and freq(word) > 1000 and word not in name_index():
        return False  # common nouns jieba's dictionary tags as places (海洋, 城市, 合作)
    if t in words("proper_tags") and len(word) >= 4 and word not in name_index() and compositional(word):
        return False  # common compounds jieba's dictionary tags as names (国际航运, 国际贸易)
    return t is None or t in words("proper_tags")


def compositional(word: str) -> bool:
    """Is ``word`` two common words (国际 + 航运)?"""
    tags = segmenter().tags
    proper = words("proper_tags")
    for k in range(2, len(word) - 1):
        a, b = word[:k], word[k:]
        if all(w in tags and tags[w] not in proper for w in (a, b)):
            return True
    return False


def is_name_token(t: Token) -> bool:
    """May this token be part of a name (walking left from a suffix)?"""
    if t.text in words("boundaries"):
        return False
    if t.tag in words("stop_tags") and not t.text[0].isdigit():
        return False
    ch = t.text[0]
    return bool(CJK.match(ch) or ch.isalnum() or t.text in ("+", "·"))


_NUMBER = re.compile(r"[\d.]+")


def specific_chars(ws: list[str]) -> int:
    """Characters of the words that are not generic (name material); a word that ends in a
    generic part counts without it (经济体制 -> 经济)."""
    gen = words("generic_names")
    bounds = words("boundaries")
    n = 0
    for w in ws:
        if w in gen or w in bounds or _NUMBER.fullmatch(w):
            continue
        if len(w) > 2 and w[-2:] in gen:
            w = w[:-2]
            if w in gen:
                continue
        n += len(w)
    return n


def place_prefix(ws: list[str]) -> int:
    """How many leading words form a place name (生物岛, 合作区, 广州开发区)."""
    for k in range(len(ws), 0, -1):
        head = "".join(ws[:k])
        if is_place_name(head):
            return k
        rule = match_suffix(head, len(head))
        if rule is not None and top_of(rule.cls) == "Place":
            return k
    return 0


@lru_cache(maxsize=1)
def action_words() -> frozenset[str]:
    """Boundary words and the verbs that may sit inside names: every word of action."""
    return words("boundaries") | words("weak_boundaries")


@lru_cache(maxsize=1)
def _verb_endings() -> tuple[str, ...]:
    return tuple(sorted(w for w in action_words() if len(w) >= 2))


def ends_in_verb(item: str) -> bool:
    """A name does not end in a verb (珠江沿岸地区高质量发展)."""
    return item.endswith(_verb_endings())


# ------------------------------------------------------------------ where a name starts

_ENUMERATION = re.compile(r"[(（][一二三四五六七八九十\d]+[)）]")
_PHASE_END = re.compile(r"[一二三四五六七八九十\d]期$")
_PROPER_START = frozenset(("ns", "nr", "nz", "nt", "j"))
_COUNT = re.compile(r"^\d+[" + "".join(sorted(words("measure_words"))) + "]?$")


def joins_names(sent: Sent, j: int, head_start: int) -> bool:
    """Is the conjunction or dash tokens[j] inside one name?  A dash always is (科学大道—开创大道—
    香雪大道新经济走廊); 与/和 is when the name is about both sides (海南自贸港与大湾区对接联动先行区,
    南方海洋科学与工程省实验室), not when a complete name follows it (西部港口与广州保税区)."""
    s, tokens = sent.text, sent.tokens
    t = tokens[j]
    if t.text in ("—", "-"):
        return True
    right = s[t.end:head_start]
    if not right:
        return False  # X和高新区: the class word stands alone after the conjunction
    if any(w in right for w in words("relational")):
        return True
    if match_suffix(s, tokens[j - 1].end) is not None or _PHASE_END.search(s, 0, tokens[j - 1].end):
        return False  # a complete name before it (…科技园二期和…)
    if t.text == "至":
        return True  # 广州至珠海(澳门)高铁
    if t.text in ("与", "和") and starts_with_lone_level(s[t.end:head_start + 4]):
        return False  # …实验综合楼和区中医院: a lone level word opens a name of the report's area
    return not any(right.startswith(n) and is_place_name(n) for n in first_char_index().get(right[:1], ()))


def walk_left(sent: Sent, i: int, head_start: int, max_name: int) -> int:
    """Start offset of the name whose last token is tokens[i] (the suffix starts at head_start):
    left over name words, a parenthesis, a dash, or a conjunction inside the name."""
    s, tokens = sent.text, sent.tokens
    start = tokens[i].start
    j = i - 1
    while j >= 0:
        t = tokens[j]
        if head_start - t.start > max_name:
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
        if t.text in ("与", "和", "至", "—", "-") and j > 0 and is_name_token(tokens[j - 1]) \
                and joins_names(sent, j, head_start):
            start = t.start
            j -= 1
            continue
        if len(t.text) > 1 and t.text[0] in words("conjunctions") and j > 0 \
                and match_suffix(s, tokens[j - 1].end) is not None:
            start = t.start + 1  # 之江实验室和良渚实验室: a conjunction glued to the next name
            break
        if not is_name_token(t) or (t.text == "年" and j > 0 and tokens[j - 1].text.isdigit()):
            break  # …2021年珠海高新区: a date is no part of a name
        start = t.start
        j -= 1
    return start


def leading_verb(t: Token, following: Token | None) -> int:
    """How many chars of token ``t`` (at a name's start) are a verb of action rather than name:
    a boundary word the tokenizer glued to an unknown name (建好蕉门河), two tokens that
    make one (打+好), or a verb before a proper name (搭建西丽湖…, 抢抓深圳…)."""
    bounds = words("boundaries")
    if t.text in bounds or t.text in words("weak_boundaries"):
        return len(t.text)
    if following is not None and t.text + following.text in bounds:
        return len(t.text) + len(following.text)
    manner = next((a for a in words("manner_adverbs") if t.text.startswith(a)), None)
    if manner is not None:
        if t.text[len(manner):] in bounds:
            return len(t.text)  # 严格执行 as one token
        if t.text == manner and following is not None and following.text in bounds:
            return len(t.text) + len(following.text)  # 深入|实施
    if not t.tag:
        for k in range(min(4, len(t.text) - 2), 1, -1):
            if t.text[:k] in bounds:
                return k
        if t.text[0] in words("function_chars") and len(t.text) >= 3:
            return 1  # 把琶洲试验区: a preposition glued to an unknown name
    actions = action_words()
    for k in range(2, len(t.text) - 1):
        if t.text[:k] in actions and t.text[k:] in actions:
            return len(t.text)  # one token of two verbs (全面实施)
    if t.tag == "v" and len(t.text) >= 2 and following is not None \
            and (following.tag in _PROPER_START or is_place_name(following.text)) \
            and following.text not in words("generic_names"):
        return len(t.text)
    return 0


def strip_generic_start(sent: Sent, start: int, head_start: int) -> int:
    """Drop leading words that cannot start a name: verbs of action (建好, 搭建, 创新),
    numerals and counts (172项…)."""
    s = sent.text
    measure = words("measure_words")
    inside = [t for t in sent.words(start, head_start)]
    k = 0
    while k < len(inside):
        t = inside[k]
        if t.end <= start:
            k += 1
            continue  # the cut before took this token too (做|大 as 做大, then 做|强)
        if t.start > start:
            break  # a glued verb was cut off the front of this token: go on from where it ended
        nxt = inside[k + 1] if k + 1 < len(inside) else None
        cut = leading_verb(t, nxt)
        prev = sent.before(t.start) if k == 0 else None
        result = next((w for w in words("verb_results") if t.text.startswith(w)), None)
        if not cut and result and prev is not None and len(prev.text) == 1 and prev.tag in ("v", "p") \
                and (t.text == result or not t.tag):
            cut = len(result)  # 用|好秀兰|文化园: 好 completes the verb before it
        if cut:
            start = t.start + cut
        elif (t.tag in ("m", "q") and not t.text[0].isdigit()) or _COUNT.match(t.text):
            start = t.end
            if nxt is not None and nxt.text in measure:
                start = nxt.end
        elif t.text in measure and k == 0 and t.start > 0 and s[t.start - 1].isdigit():
            start = t.end
        else:
            break
        k += 1
    return start


_PHASE_TAIL = re.compile(r"\s?(?:拓宽|扩建|改扩建)?[一二三四五六七八九十\d]+期(?:工程)?|[\u4e00-\u9fff]{1,3}段(?=[\u4e00-\u9fff]{0,4}(?:改造|建设|工程|通车|开通|[,，、;；。]))")
_BUILT = frozenset(("TransportProject", "Facility", "InvestmentProject", "ServiceCenter", "Platform", "Project"))


def right_paren(s: str, end: int, cls: str = "") -> int:
    """Include a short parenthetical qualifier right after a name (香港科技大学(广州),
    深江铁路(南沙段)) and, for projects, a phase (福利中心三期, 7号线二期(南延))."""
    if cls in _BUILT:
        m = _PHASE_TAIL.match(s, end)
        if m:
            end = m.end()
    if end < len(s) and s[end] in "(（":
        close = min((k for k in (s.find(")", end), s.find("）", end)) if k > 0), default=-1)
        if 0 < close - end <= 12 and CJK.search(s[end + 1:close]):
            return close + 1
    return end


def clause_start(s: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last clause stop before it)."""
    stops = words("clause_stops")
    k = pos
    while k > 0 and s[k - 1] not in stops:
        k -= 1
    return k


def clause_end(s: str, pos: int) -> int:
    stops = words("clause_stops")
    k = pos
    while k < len(s) and s[k] not in stops:
        k += 1
    return k
