"""The document stage: decisions that need the whole report.

- ``keep_with_evidence``: a short form or alias that is also a common word (新建, 港口,
  中央), and a two-character division name (兴县), is kept only where the report gives
  evidence for it: the full name of what it stands for is mentioned too, or its parent
  division is, or it is the report's own area or lies inside or above it.
- ``repeats``: a name accepted once is a mention at its other occurrences in the report
  (on word boundaries), unless a longer name covers them: so relations and figures read
  in any sentence find it.
"""
from __future__ import annotations

from ..gazetteer import gazetteer
from ..model import Document, Mention
from .base import Candidate, Sent, make
from .runner import Decision


def _home_line(home: str | None) -> set[str]:
    if not home:
        return set()
    gz = gazetteer()
    return {home} | {a.code for a in gz.ancestors(home)}


def keep_with_evidence(mentions: list[Mention], decisions: list[Decision], home: str | None) -> list[Mention]:
    common = [m for m in mentions if dict(m.facts).get("needs_evidence")]
    if not common:
        return mentions
    gz = gazetteer()
    line = _home_line(home)
    solid = [m for m in mentions if not dict(m.facts).get("needs_evidence")]
    names = {m.name for m in solid}
    codes = {m.code for m in solid if m.code}
    out = []
    for m in mentions:
        if m in common:
            d = gz.by_code.get(m.code) if m.code else None
            ok = m.name in names or (m.code and (m.code in line or m.code in codes)) \
                or (d is not None and (d.parent in codes or (home and home in {a.code for a in gz.ancestors(m.code)})))
            if not ok:
                decisions.append(Decision(_as_candidate(m), m.sentence, accepted=False,
                                          reason=f"document.evidence: {m.surface} is a common word and the report "
                                                 f"gives no evidence for {m.name}"))
                continue
        out.append(m)
    return out


def _as_candidate(m: Mention) -> Candidate:
    return Candidate(m.start, m.end, m.name, m.cls, m.rule, m.confidence, m.code, m.aliases)


def repeats(doc: Document, sents: list[Sent], mentions: list[Mention], decisions: list[Decision]) -> list[Mention]:
    """Other occurrences of accepted names."""
    forms: dict[str, Mention] = {}
    for m in mentions:
        if dict(m.facts).get("needs_evidence") or m.rule == "deictic":
            continue
        surface = m.surface
        if len(surface) >= 3 or (len(surface) == 2 and m.code):
            forms.setdefault(surface, m)
    if not forms:
        return mentions
    by_first: dict[str, list[str]] = {}
    for f in sorted(forms, key=len, reverse=True):
        by_first.setdefault(f[0], []).append(f)
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.sentence, []).append((m.start, m.end))
    out = list(mentions)
    for sent in sents:
        base = doc.sentences[sent.index].start
        spans = taken.get(sent.index, [])
        s = sent.text
        i = 0
        while i < len(s):
            hit = None
            for f in by_first.get(s[i], ()):
                if s.startswith(f, i):
                    hit = f
                    break
            if hit is None:
                i += 1
                continue
            a, b = base + i, base + i + len(hit)
            if i in sent.starts and i + len(hit) in sent.ends and not any(a < e and x < b for x, e in spans):
                src = forms[hit]
                rm = Mention(doc_id=doc.id, start=a, end=b, surface=doc.norm[a:b], name=src.name, cls=src.cls,
                             rule="repeat", confidence=src.confidence, sentence=sent.index, code=src.code,
                             aliases=src.aliases, facts=src.facts)
                out.append(rm)
                spans.append((a, b))
                decisions.append(Decision(make("repeat", i, i + len(hit), src.name, src.cls), sent.index,
                                          accepted=True, reason=f"the name was accepted in sentence {src.sentence}",
                                          cls=src.cls))
            i += len(hit)
    return out
