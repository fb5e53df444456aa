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
    for start, w in _abbreviation_words(sent, abbr):
        lead = 0
        if len(w) == 2 and w[0] in AID_VERBS and w[1] in abbr:
            lead = 1  # 援藏, 援疆: aid to an area names it
        elif len(w) < 2 or w in name_index() or not all(ch in abbr for ch in w) or len(set(w)) < len(w):
            continue
        for k, ch in enumerate(w):
            if k < lead:
                continue
            area = abbr[ch]
            div = gz.by_name.get(area, [None])[0]
            out.append(make("abbreviation", start + k, start + k + 1, area, div.cls if div else "Place",
                            code=div.code if div else None, aliases=(ch,), inner=True,
                            group=("abbreviation", start + k), facts=(("compound", w),)))
    return out


def _abbreviation_words(sent: Sent, abbr: dict) -> list[tuple[int, str]]:
    """The words to read: each token, and a run of adjacent tokens made of abbreviations only, which
    the segmenter may have cut apart (川|渝, 粤|港澳) and which is read as one word."""
    out: list[tuple[int, str]] = []
    run: list = []

    def close():
        if len(run) > 1:
            out.append((run[0].start, "".join(t.text for t in run)))

    for t in sent.tokens:
        out.append((t.start, t.text))
        if t.text and all(ch in abbr for ch in t.text) and (not run or run[-1].end == t.start):
            run.append(t)
            continue
        close()
        run = [t] if t.text and all(ch in abbr for ch in t.text) else []
    close()
    return out
