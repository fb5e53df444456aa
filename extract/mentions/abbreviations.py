"""``abbreviation``: one-character area abbreviations joined in one word name each area
(港澳 -> 香港, 澳门; 京津 -> 北京市, 天津市; 川渝; 港澳台), unless the word is itself a
named region (京津冀, 长三角: the lexicon's); so does the area of an aid or a station word (援藏, 驻京).
Not read: a compound led by a character that is first of all an adjective (新晋, 新台阶: new),
nor one glued to a character that names no area (榆|鄂宁)."""
from __future__ import annotations

from ..gazetteer import gazetteer
from ..lexicons import words
from .base import CJK, Candidate, Sent, make
from .names import area_abbreviations, name_index


def _glued(sent: Sent, start: int, end: int, abbr: dict) -> bool:
    """Is the compound at sent.text[start:end] cut out of a longer word of initials, a character
    of which is no area's abbreviation (榆|鄂宁: 榆林, 鄂尔多斯, 宁东)?  A one-character word right
    before or after it, glued to it, that names no area says the compound lists other places."""
    for t in (sent.before(start), sent.after(end)):
        if t is not None and len(t.text) == 1 and t.text not in abbr and (t.end == start or t.start == end) \
                and CJK.match(t.text) and t.tag in words("name_tags"):
            return True
    return False


def find_abbreviations(sent: Sent) -> list[Candidate]:
    abbr = area_abbreviations()
    gz = gazetteer()
    out: list[Candidate] = []
    for start, w in _abbreviation_words(sent, abbr):
        lead = 0
        if len(w) == 2 and w[0] in words("area_lead_chars") and w[1] in abbr:
            lead = 1  # 援藏, 驻京: aid to an area, a station in it, names it
        elif len(w) < 2 or w in name_index() or not all(ch in abbr for ch in w) or len(set(w)) < len(w) \
                or w[0] in words("adjective_abbreviations") or _glued(sent, start, start + len(w), abbr):
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

    lead = words("area_lead_chars")
    prev = None
    for t in sent.tokens:
        out.append((t.start, t.text))
        if prev is not None and prev.text in lead and prev.end == t.start and len(t.text) == 1 and t.text in abbr:
            out.append((prev.start, prev.text + t.text))  # 驻|冀: the segmenter cut the station word apart
        prev = t
        if t.text and all(ch in abbr for ch in t.text) and (not run or run[-1].end == t.start):
            run.append(t)
            continue
        close()
        run = [t] if t.text and all(ch in abbr for ch in t.text) else []
    close()
    return out
