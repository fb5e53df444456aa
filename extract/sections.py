"""Where a sentence stands in its report: reviewing the past or planning ahead, and
which period it speaks of.

A work report reviews a period (2022年工作回顾, 这五年, 一年来) and then plans the
next (2023年工作安排, 今年重点抓好, 按照…的目标安排全年工作).  Figures and
relations take their period and their "target or result" reading from here.

The state changes at:
- a plan cue (工作安排, 重点工作, 主要预期目标, 做好今年工作…): the plan part
  begins, for the year the sentence names or the year after the review year;
- a review cue (工作回顾, 过去一年, 一年来): the review part;
- a sentence that begins with a year (2020年, …): that year;
- a paragraph that begins with a span (这五年, 五年来, “十三五”时期): the span,
  until the paragraph ends (a paragraph opened by a dash goes on with it);
- a footnote ([5]…) or a glossary (名词解释) explains and states nothing, and neither does a
  summary block that repeats the report's own opening (内容摘要：…......).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Document, ReportMeta

PLAN_CUES = re.compile(
    r"工作安排|重点工作|主要任务|工作部署|总体要求|主要预期目标|预期目标|目标任务|做好今年工作|今年(?:的)?工作|"
    r"今后五年|未来五年|下一步|重点抓好|目标安排全年|全年经济工作")
NOTES_HEADING = re.compile(r"^(?:名词解释|注释|注解|名词注释|附注)[:：]?$")
NOTE_MARK = re.compile(r"^[\[【]\d{1,2}[\]】]\s*\S"  # [5]“三包四帮六保五到位”：三包，即…
                       r"|^[^，。；]{1,40}[：:]\s*(?:是指|即|指)")  # 加快推进“两个转型”：是指产业转型、城市转型
REVIEW_CUES = re.compile(r"工作回顾|过去一年|一年来|过去的一年|回顾过去|(?:这|过去|近)五年|五年来")
SPAN_START = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:“?十([三四五])五”?(?:时期|期间|以来)|这五年|五年来|过去五年|近五年)")
YEAR_START = re.compile(r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])?\s*(?P<y>(?:19|20)\d{2})年")
TARGET_CUES = re.compile(r"预期|预计达到|目标|力争|计划|确保|争取|将达到|要达到|达到.{0,6}以上|规划")

# sentences that state nothing of their own: a glossary (名词解释) and a summary that repeats the opening
SKIPPED_PHASES = frozenset({"notes", "summary"})

FIVE_YEAR_PLANS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
                   "十五五": (2026, 2030)}


@dataclass(frozen=True)
class SentenceContext:
    phase: str  # "review", "plan", "notes" (a glossary such as 名词解释: explains, states nothing) or
    # "summary" (a block that repeats the report's opening: says nothing new)
    year: int | None  # the year the sentence speaks of
    span: tuple[int, int] | None  # a multi-year span the paragraph speaks of (这五年)


SUMMARY_HEAD = re.compile(r"^[ \t\u3000]*(?:内容)?摘要[:：][ \t\u3000]*(?P<rest>.*)$", re.M)
_LETTERS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+")


def _letters(text: str) -> str:
    return "".join(_LETTERS.findall(text.replace("emsp", "").replace("nbsp", "")))


def summary_span(doc: Document) -> tuple[int, int] | None:
    """Where a summary block that repeats the report's own opening stands (内容摘要：2020年1月11日在…
    各位代表：现在，我代表…......, as web pages print it before the report): (start, end) in the text,
    or None.  Its sentences say again what the report says: they state nothing of their own."""
    text = doc.norm
    m = SUMMARY_HEAD.search(text)
    if m is None:
        return None
    end = m.end()
    body = m.group("rest")
    if not body.strip():
        nxt = re.compile(r"\n[ \t\u3000]*(?P<line>[^\n]+)").match(text, end)
        if nxt is None:
            return None
        body, end = nxt.group("line"), nxt.end()
    key = _letters(re.sub(r"(?:\.{3,}|…+)\s*$", "", body))[:30]
    if len(key) < 10 or key not in _letters(text[end:]):
        return None
    return m.start(), end


def review_year(meta: ReportMeta) -> int | None:
    """The year a report reviews: a government work report given early in year Y reviews Y-1."""
    if meta.year is None:
        return None
    return meta.year - 1 if meta.kind == "GovernmentWorkReport" else meta.year


def contexts(doc: Document, meta: ReportMeta) -> list[SentenceContext]:
    """One context per sentence of ``doc``, in order."""
    base = review_year(meta)
    phase, year = "review", base
    span: tuple[int, int] | None = None
    out = []
    prev_end = 0
    summary = summary_span(doc)
    for sent in doc.sentences:
        if summary is not None and summary[0] <= sent.start < summary[1]:
            out.append(SentenceContext("summary", year, span))
            continue
        s = doc.norm[sent.start:sent.end].strip()
        gap = doc.text[prev_end:sent.start]
        new_paragraph = "\n" in gap or prev_end == 0
        prev_end = sent.end
        if new_paragraph and not gap.rsplit("\n", 1)[-1].lstrip().startswith("—"):
            span = None  # a paragraph opened by a dash (——发展质效不断提高) goes on with the span before
        m = YEAR_START.match(s)
        stated = int(m.group("y")) if m else None
        plan_cue, review_cue = PLAN_CUES.search(s[:40]), REVIEW_CUES.search(s[:20])
        if review_cue and plan_cue and review_cue.start() < plan_cue.start():
            plan_cue = None  # 一年来,我们主要抓了六个方面重点工作: the review of that work
        if NOTES_HEADING.match(s) or phase == "notes":
            phase = "notes"
        elif plan_cue:
            phase = "plan"
            year = stated or (base + 1 if base is not None else None)
        elif review_cue:
            phase = "review"
            year = stated or base
        elif stated is not None:
            year = stated
            if base is not None and phase == "plan" and stated <= base:
                phase = "review"
        sm = SPAN_START.match(s)
        if sm:
            if sm.group(1):
                span = FIVE_YEAR_PLANS.get(f"十{sm.group(1)}五")
            elif year is not None:
                span = (year - 4, year)
        if NOTE_MARK.match(s) and phase != "notes":
            out.append(SentenceContext("notes", year, span))  # a footnote explains a term, states nothing
            continue
        out.append(SentenceContext(phase, year, span))
    return out
