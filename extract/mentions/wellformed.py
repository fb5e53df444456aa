"""Checks of form that hold for a name whichever recognizer proposed it.

- ``name.not-two-things``: no name runs over X及其Y (X and X's own Y).
- ``name.balanced``: its quotes and brackets open and close inside it.  A span that starts
  outside a quote and ends inside it (认真学习运用“千万工程, …[17]行政执法“三项制度) is cut from
  two things, whatever word the recognizer saw; a name with a quote in it holds the whole
  quote (“八五”普法规划, 广州科学城“五年大变化”行动方案).  A name that ends just before the
  quote closes takes the closing quote (河西“绿氢走廊”).
- ``name.not-count-of-things``: a count of things (两家, 6座, 十所) inside what the rules made
  of words is a description (东方造纸两家小额贷款公司, 6座博物馆晋级…): names count only the
  phases and lines of what they name (二期, 18号线).  A quoted slogan may count (“两个确立”); a
  quote's tail may not (“一纵两横”三栋楼).  Nor does a name start with the measure word of a
  count before it (16|处矿山修复治理主体工程).
- ``name.not-ranking``: words that rank a thing as the first or the most of its kind (全国首条…走廊,
  西南首家…中心, 全国最大…基地) describe it; no name says so of itself.  Of the gold names, only
  optional ones do (全国首批…试点城市) and a quoted slogan (“退役军人最期盼的10件事”), which the
  rules do not make of words.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..lexicons import words
from .base import Candidate
from .names import is_place_name

FORM_CHECKS = frozenset(("name.balanced", "name.not-count-of-things", "name.not-ranking"))  # training still learns from them
_OPEN = {"“": "”", "《": "》", "(": ")", "（": "）", "[": "]", "【": "】", "〈": "〉", "<": ">", "‘": "’", "「": "」", "〔": "〕", "［": "］"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_NO_COUNT_RULES = frozenset(("quote", "title", "lexicon", "gazetteer", "short-form", "abbreviation"))
_NUMERALS = r"[一二三四五六七八九十两百千万\d]"
_NUMERAL = re.compile(_NUMERALS)


@lru_cache(maxsize=1)
def _count_of_things() -> re.Pattern:
    measures = "".join(sorted(words("count_measures")))
    return re.compile(_NUMERALS + r"+[" + measures + r"](?=[\u4e00-\u9fffA-Za-z])")


def balanced(name: str) -> bool:
    """Do the quotes and brackets of ``name`` open and close inside it, in order?"""
    stack: list[str] = []
    for ch in name:
        if ch in _OPEN:
            stack.append(_OPEN[ch])
        elif ch in _CLOSE:
            if not stack or stack.pop() != ch:
                return False
    return not stack and name.count('"') % 2 == 0


def counted_part(c: Candidate) -> str:
    """The part of a candidate's name that the rules made of words: all of it, or, for a quote
    with its tail, the tail; nothing for names a lexicon or a quote gives whole."""
    if c.rule == "quote":
        if c.variant == "with-tail":
            k = max(c.name.rfind("”"), c.name.rfind('"'))
            return c.name[k + 1:] if k >= 0 else ""
        return ""
    return "" if c.rule in _NO_COUNT_RULES else c.name


def form_checks(c: Candidate, text: str) -> Candidate:
    """``c``, a candidate of the sentence ``text``, with the checks of form (hard: a failed one
    drops it)."""
    if c.failed is not None:
        return c
    broken = next((w for w in words("name_breakers") if w in c.name), None)
    if broken:
        return c.check("name.not-two-things", False, f"{broken} joins two things", hard=True)
    if not balanced(c.name):
        closed = _closed_by_next(c, text)
        if closed is not None:
            return form_checks(closed, text)
        return c.check("name.balanced", False, "a quote or bracket opens or closes outside the name", hard=True)
    counted = counted_part(c)
    m = _count_of_things().search(counted)
    if m:
        return c.check("name.not-count-of-things", False, f"{m.group()} counts things", hard=True)
    if counted and c.start > 0 and _NUMERAL.match(text[c.start - 1]) and c.name[:1] in _measures():
        return c.check("name.not-count-of-things", False, f"{text[c.start - 1]}{c.name[0]} counts things", hard=True)
    m = _ranking().search(counted)
    if m:
        return c.check("name.not-ranking", False, f"{m.group()} ranks the thing: a description", hard=True)
    return c


@lru_cache(maxsize=1)
def _ranking() -> re.Pattern:
    """A first or a most of its kind (全国首条…走廊, 西南首家…中心, 全国最大…基地): words that rank a thing
    describe it; a name does not say it is the first."""
    return re.compile(r"首[" + "".join(sorted(_measures())) + r"条]|最(?:大|长|高|早|先)")


def _closed_by_next(c: Candidate, text: str) -> Candidate | None:
    """A name that ends where its quote closes, one character on: 河西“绿氢走廊” (a suffix ends
    inside the quote; the name is the place and the quoted name).  Only where a place comes before
    the quote (not 认真学习运用“千万工程”: words of prose, and the quote is the quote recognizer's)."""
    k = max(c.name.rfind("“"), c.name.rfind('"'))
    if k <= 0 or c.end >= len(text) or not is_place_name(c.name[:k]):
        return None
    close = "”" if c.name[k] == "“" else '"'
    if text[c.end] != close or close in c.name[k + 1:]:
        return None
    return replace(c, end=c.end + 1, name=c.name + close)



@lru_cache(maxsize=1)
def _measures() -> frozenset[str]:
    return frozenset(words("count_measures")) | {"个", "项"}
