"""``brand``: a brand word before an area's name makes a programme (智慧南山, 法治黄埔,
平安河北, 健康龙江, 创新型河北).  Runs after the lexicon recognizers, on their places."""
from __future__ import annotations

from ..lexicons import words
from ..model import top_of
from .base import Candidate, Sent, make


def find_brands(sent: Sent, found: list[Candidate]) -> list[Candidate]:
    s = sent.text
    starts = sent.starts
    out = []
    prefixes = sorted(words("brand_prefixes"), key=len, reverse=True)
    for c in found:
        if c.rule not in ("gazetteer", "short-form") or top_of(c.cls) != "Place" or c.failed:
            continue
        for p in prefixes:
            a = c.start - len(p)
            if a >= 0 and s.startswith(p, a) and a in starts:
                out.append(make("brand", a, c.end, s[a:c.end], "Program", group=("brand", a, c.end),
                                facts=(("brand", p),)))
                break
    return out
