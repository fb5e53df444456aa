"""``context``: names without a class suffix (enterprises, brands, landmarks: 东方物探,
抖音, 三星堆), found by the words around them (``context_cues.tsv``: X落户, 引进X, 与X签约,
X成功上市).  The words between the cue and the clause's edge are proposed, each item of a
、 list on its own; the classifier decides (most such spans are no names)."""
from __future__ import annotations

from functools import lru_cache

from ..lexicons import load_tsv, words
from .base import CJK, Candidate, Sent, make
from .names import is_name_token, is_proper

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


def find_context(sent: Sent) -> list[Candidate]:
    s, tokens = sent.text, sent.tokens
    cues = context_cues()
    out: list[Candidate] = []
    for i, t in enumerate(tokens):
        cue = cues.get(t.text)
        if cue is None:
            continue
        side, cls = cue
        if side == "before":
            j = i - 1
            while j >= 0 and (is_name_token(tokens[j]) or tokens[j].text == "、") and t.start - tokens[j].start <= 40:
                j -= 1
            span = (tokens[j + 1].start if j + 1 < i else t.start, t.start)
        else:
            j = i + 1
            while j < len(tokens) and (is_name_token(tokens[j]) or tokens[j].text == "、") \
                    and tokens[j].end - t.end <= 40:
                j += 1
            span = (t.end, tokens[j - 1].end if j - 1 > i else t.end)
        for a, b in _items(sent, *span):
            item = s[a:b]
            if not (2 <= len(item) <= MAX_CONTEXT_NAME) or not CJK.search(item):
                continue
            ws = [w.text for w in sent.words(a, b)]
            c = make("context", a, b, item, cls, group=("context", a, b), facts=(("cue", t.text), ("side", side)))
            c = c.check("context.proper", any(is_proper(w) and w not in words("generic_names") for w in ws),
                        "no proper word")
            out.append(c)
    return out
