"""``abbreviation``: one-character area abbreviations joined in one word name each area
(港澳 -> 香港, 澳门; 京津 -> 北京市, 天津市; 川渝; 港澳台), unless the word is itself a
named region (京津冀, 长三角: the lexicon's); so does the area of an aid word (援藏, 援疆)."""
from __future__ import annotations

from ..gazetteer import gazetteer
from .base import Candidate, Sent, make
from .names import area_abbreviations, name_index


AID_VERBS = frozenset("援")


def find_abbreviations(sent: Sent) -> list[Candidate]:
    abbr = area_abbreviations()
    gz = gazetteer()
    out: list[Candidate] = []
    for t in sent.tokens:
        w, lead = t.text, 0
        if len(w) == 2 and w[0] in AID_VERBS and w[1] in abbr:
            lead = 1  # 援藏, 援疆: aid to an area names it
        elif len(w) < 2 or w in name_index() or not all(ch in abbr for ch in w) or len(set(w)) < len(w):
            continue
        for k, ch in enumerate(w):
            if k < lead:
                continue
            area = abbr[ch]
            div = gz.by_name.get(area, [None])[0]
            out.append(make("abbreviation", t.start + k, t.start + k + 1, area, div.cls if div else "Place",
                            code=div.code if div else None, aliases=(ch,), inner=True,
                            group=("abbreviation", t.start + k), facts=(("compound", w),)))
    return out
