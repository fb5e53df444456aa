"""``context``: names without a class suffix (enterprises, brands, landmarks: 东方物探,
抖音, 三星堆), found by the words around them (``context_cues.tsv``: X落户, 引进X, 与X签约,
X成功上市).  The words between the cue and the clause's edge are proposed, each item of a
、 list on its own; the classifier decides (most such spans are no names)."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import load_lines, load_tsv, words
from .base import CJK, Candidate, Sent, make
from ..model import top_of
from .names import area_abbreviations, division_names_in_row, is_name_token, is_proper, match_suffix

MAX_CONTEXT_NAME = 10


@lru_cache(maxsize=1)
def context_cues() -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in load_tsv("context_cues.tsv")}


def _items(sent: Sent, a: int, b: int) -> list[tuple[int, int]]:
    """The 、 items of sent.text[a:b]."""
    out, start = [], a
    for k in range(a, b + 1):
        if k == b or sent.text[k] == "、":
            if k > start:
                out.append((start, k))
            start = k + 1
    return out


# a date, an amount or a count: what a cue (X竣工, 完成X) is said of when no name is there
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:年|月|日|亿|万|千|元|个|家|项|%|％)|[一二三四五六七八九十两]+[个项]|^[\d.]+$")

_MODIFIERS = frozenset(("成功", "顺利", "正式", "相继", "先后", "已", "均", "全部", "陆续", "率先", "首次", "获批"))


# 同宝安区签订…: after a partner cue the name ends at the verb that follows it
_VERB_TAGS = frozenset(("v", "vd", "vi", "vg"))


@lru_cache(maxsize=1)
def _partner_stops() -> tuple[str, ...]:
    """Words a partner's name ends before (a word opening with one): relational words, manners and
    words of cooperation (与平远县对口帮扶工作: 平远县, not 平远县对口帮扶工作)."""
    stops = set(words("relational")) | set(words("cooperation_manners")) | set(load_lines("cooperation_cues.txt"))
    return tuple(sorted(stops))


def _cue_at(s: str, pos: int, cues: dict) -> str | None:
    """The longest cue that starts at ``pos``."""
    best = None
    for cue in cues:
        if s.startswith(cue, pos) and (best is None or len(cue) > len(best)):
            best = cue
    return best


def find_context(sent: Sent) -> list[Candidate]:
    s, tokens = sent.text, sent.tokens
    cues = context_cues()
    by_first: dict[str, dict] = {}
    for cue, v in cues.items():
        by_first.setdefault(cue[0], {})[cue] = v
    out: list[Candidate] = []
    for i, t in enumerate(tokens):
        options = by_first.get(s[t.start])
        cue = _cue_at(s, t.start, options) if options else None
        if cue is None or (t.start + len(cue)) not in sent.ends:
            continue
        side, cls = cues[cue]
        cue_end = t.start + len(cue)
        if side == "before":
            j = i - 1
            while j >= 0 and tokens[j].text in _MODIFIERS:
                j -= 1  # 成功上市, 相继落户: the adverb is no part of the name
            right = tokens[j].end if j >= 0 else t.start
            while j >= 0 and (is_name_token(tokens[j]) or tokens[j].text == "、") and right - tokens[j].start <= 40:
                j -= 1
            span = (tokens[j + 1].start if j + 1 < len(tokens) and tokens[j + 1].start < right else right, right)
        else:
            j = sent.starts.get(cue_end, len(tokens))
            k = j
            stops = _partner_stops()
            while k < len(tokens) and (is_name_token(tokens[k]) or tokens[k].text == "、") \
                    and not tokens[k].text.startswith(stops) and tokens[k].tag not in _VERB_TAGS \
                    and tokens[k].end - cue_end <= 40:
                k += 1
            span = (cue_end, tokens[k - 1].end if k > j else cue_end)
        for a, b in _items(sent, *span):
            item = s[a:b]
            if not (2 <= len(item) <= MAX_CONTEXT_NAME) or not CJK.search(item):
                continue
            ws = [w.text for w in sent.words(a, b)]
            c = make("context", a, b, item, cls, group=("context", a, b), facts=(("cue", cue), ("side", side)))
            c = c.check("context.proper", any(is_proper(w) and w not in words("generic_names") and not _FIGURE.search(w)
                                              for w in ws), "no proper word")
            c = c.check("context.not-figure", not _FIGURE.search(item), "a date or an amount (2011年竣工, 投资28亿元)",
                        hard=True)
            c = c.check("context.not-divisions", division_names_in_row(item) < 2,
                        "divisions written one after another (梅州市蕉岭县): the gazetteer names each", hard=True)
            abbr = area_abbreviations()
            c = c.check("context.not-abbreviations", not all(ch in abbr for ch in item),
                        "area abbreviations written together (京津): the abbreviation recognizer names each",
                        hard=True)
            sfx = match_suffix(item, len(item))
            inner = None if sfx else _suffix_end_inside(sent, a, b, cls)
            c = c.check("context.not-past-a-name", inner is None,
                        f"{s[a:inner] if inner else ''} ends with a class suffix and words follow it (聚蜂园蜂业|同获): "
                        "the suffix recognizer proposes the name", hard=True)
            c = c.check("context.not-other-class", sfx is None or top_of(sfx.cls) == top_of(cls),
                        f"ends in {sfx.suffix if sfx else ''}, a suffix of another class (丹巴县基卡依村 is a village)",
                        hard=True)
            out.append(c)
    return out


def _suffix_end_inside(sent: Sent, a: int, b: int, cls: str) -> int | None:
    """Where, inside the item sent.text[a:b] that ends with no class suffix, a name of the item's
    class ends at a word's end (与馨冠食品、聚蜂园蜂业同获…: 聚蜂园蜂业 then 同获), if anywhere."""
    s = sent.text
    for k in range(b - 1, a + 1, -1):
        if k in sent.ends:
            r = match_suffix(s, k)
            if r is not None and k - a > len(r.suffix) and top_of(r.cls) == top_of(cls):
                return k
    return None
