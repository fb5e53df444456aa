"""``title``: 《…》 titles are documents, nested titles too (《A<B>C》, 《A《B》C》).

The classifier tells a document of government or Party (…规划, …方案, …条例) from an
artwork or a book in 《》; the recognizer records the title's last class suffix for it.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import top_of
from .base import CJK, Candidate, Sent, config, make
from ..lexicons import words
from .names import match_suffix

_BRACKETS = re.compile(r"[《》〈〉<>]")
# a note after a title's last word: 纲要（草案）, 办法(试行), 规定（2023年修订）
_TRAILING_NOTE = re.compile(r"[(（][^()（）]{1,12}[)）]$")


def find_titles(sent: Sent) -> list[Candidate]:
    s = sent.text
    max_title = int(config().threshold("max_title"))
    out: list[Candidate] = []
    stack: list[int] = []
    for i, ch in enumerate(s):
        if ch in "《〈" or (ch == "<" and stack):
            stack.append(i)
        elif ch in "》〉" or (ch == ">" and stack):
            if not stack:
                continue
            start = stack.pop()
            name = s[start + 1:i].strip()
            c = make("title", start, i + 1, name, "PolicyDocument", inner=bool(stack), group=("title", start))
            c = c.check("title.length", 2 <= len(name) <= max_title, f"{len(name)} characters", hard=True)
            c = c.check("title.chinese", bool(CJK.search(name)), "no Chinese character", hard=True)
            flat = _BRACKETS.sub("", name)
            rule = match_suffix(flat, len(flat))
            document = rule is not None and top_of(rule.cls) == "PolicyDocument"
            cls = rule.cls if document else "PolicyDocument"
            c = c.check("title.document-suffix", document, rule.suffix if rule else "no class suffix")
            core = _TRAILING_NOTE.sub("", flat)
            c = c.check("title.document-ending", core.endswith(tuple(words("title_document_endings"))),
                        "ends in no word of a document (a film, a book, a show)", hard=True)
            out.append(replace(c, cls=cls, aliases=(flat,) if flat != name else (),
                               facts=(("suffix", rule.suffix if rule else ""),)))
    return out
