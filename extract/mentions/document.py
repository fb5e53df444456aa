"""The document stage: decisions that need the whole report.

- ``keep_with_evidence``: a short form or alias that is also a common word (新建, 港口,
  中央), and a two-character division name (兴县), is kept only where the report gives
  evidence for it: the full name of what it stands for is mentioned too, or its parent
  division is, or it is the report's own area or lies inside or above it, or (when the
  report's area is not known yet) the recognizers accepted it as a word of its own at
  least ``evidence_repeats`` times (易县 in 易县's report, which never writes 保定市), or a
  body's short form is followed by what the body does (中央决策部署, 中央和省、市: words.toml
  body_acts).
- ``known_short_forms``: a short form or alias of a name the report gives in full (南科大
  after 南方科技大学, 知识城 after 广州知识城), turned down only by its score, is kept.
- ``listed_siblings``: a list names things of one kind.  A division's short form turned
  down only by its score (自贡, which jieba's dictionary knows as a verb) is kept where it is
  listed with 、 next to a division of the same parent (内江、眉山、自贡、遂宁); a suffixed
  name turned down only by its score is kept where it is listed next to an accepted name
  of the same suffix (浙江农林大学、西湖大学), and replaces the shorter names inside it (西湖).
- ``repeats``: a name accepted once is a mention at its other occurrences in the report
  (on word boundaries), unless a longer name covers them: so relations and figures read
  in any sentence find it.
"""
from __future__ import annotations

from ..gazetteer import gazetteer
from ..lexicons import words
from ..model import Document, Mention
from .base import Candidate, Sent, config, make
from .names import is_proper
from .runner import Decision, _mention


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
    times: dict[str, int] = {}
    for m in common:
        if m.code:
            times[m.code] = times.get(m.code, 0) + 1
    repeated = {c for c, n in times.items() if n >= config().threshold("evidence_repeats")} if not home else set()
    out = []
    for m in mentions:
        if m in common:
            d = gz.by_code.get(m.code) if m.code else None
            ok = m.name in names or "body_acts" in dict(m.facts) \
                or (m.code and (m.code in line or m.code in codes or m.code in repeated)) \
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


_SHORT_FORM_RULES = frozenset(("lexicon", "short-form", "abbreviation", "gazetteer"))


def known_short_forms(doc: Document, sents: list[Sent], mentions: list[Mention],
                      decisions: list[Decision]) -> list[Mention]:
    names = {m.name for m in mentions if m.rule != "deictic"}
    by_index = {s.index: s for s in sents}
    taken: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        taken.setdefault(m.sentence, []).append((m.start, m.end))
    out = list(mentions)
    for d in list(decisions):
        c = d.candidate
        if d.accepted or d.score is None or not d.reason.startswith("score") or d.sentence not in by_index:
            continue
        sent = by_index[d.sentence]
        surface = sent.text[c.start:c.end]
        alias = c.rule in _SHORT_FORM_RULES and c.name in names and surface != c.name
        bare = c.variant == "bare" and any(n.endswith(c.name) and n != c.name for n in names)
        if not (alias or bare):
            continue
        a, b = sent.offset + c.start, sent.offset + c.end
        spans = taken.setdefault(d.sentence, [])
        if any(a < e and x < b for x, e in spans):
            continue
        out.append(_mention(doc, sent, c, d.cls or c.cls, d.score.p_name))
        spans.append((a, b))
        d.accepted = True
        d.reason = f"document.full-name: the report names {c.name if alias else 'the zone'} in full"
    return out


_DIVISION_RULES = frozenset(("short-form", "gazetteer"))


def _same_kind(c: Candidate, m: Mention, sent: Sent) -> str | None:
    """Why ``m``, listed next to the turned-down candidate ``c``, names a thing of c's kind (None: it
    does not): a division of the same parent and level, or a name of the same class suffix."""
    if c.rule in _DIVISION_RULES and c.code:
        gz = gazetteer()
        div, n = gz.by_code.get(c.code), gz.by_code.get(m.code) if m.code else None
        if div is not None and div.parent is not None and n is not None and m.code != c.code \
                and n.parent == div.parent and n.level == div.level:
            return f"listed with {m.name}, a division of the same parent"
        return None
    if c.rule == "suffix" and m.cls == c.cls:
        sfx = dict(c.facts).get("suffix")
        stem = [t.text for t in sent.words(c.start, c.end - len(sfx))] if sfx and c.name.endswith(sfx) else []
        # the stem holds a proper word (西湖 in 西湖大学): a list of kinds names nothing (并购基金、
        # 验证基金, 市民活动中心, 现代产业学院, 特色商业街: words that make no word of the dictionary
        # together are no evidence either)
        names = any(is_proper(w) and w not in words("generic_names") for w in stem)
        if sfx and dict(m.facts).get("suffix") == sfx and m.surface.endswith(sfx) and m.name != c.name and names:
            return f"listed with {m.name}, a name of the same suffix {sfx}"
    return None


def listed_siblings(doc: Document, sents: list[Sent], mentions: list[Mention],
                    decisions: list[Decision]) -> list[Mention]:
    """The mentions with the listed names the classifier turned down (see the module's notes).
    The listed name replaces the shorter names it holds (西湖 in 浙江农林大学、西湖大学)."""
    by_index = {s.index: s for s in sents}
    starting: dict[int, Mention] = {}
    ending: dict[int, Mention] = {}
    for m in mentions:
        starting[m.start] = ending[m.end] = m
    out = list(mentions)
    for d in list(decisions):
        c = d.candidate
        if d.accepted or d.score is None or not d.reason.startswith("score") or d.sentence not in by_index \
                or not (c.rule == "suffix" or (c.rule in _DIVISION_RULES and c.code)):
            continue
        sent = by_index[d.sentence]
        s = sent.text
        a, b = sent.offset + c.start, sent.offset + c.end
        near = []
        if c.start > 0 and s[c.start - 1] == "、":
            near.append(ending.get(a - 1))
        if c.end < len(s) and s[c.end] == "、":
            near.append(starting.get(b + 1))
        why = next((w for m in near if m is not None and (w := _same_kind(c, m, sent))), None)
        if why is None:
            continue
        inside = [m for m in out if m.sentence == d.sentence and m.start < b and a < m.end]
        if any(not (a <= m.start and m.end <= b) or (m.start, m.end) == (a, b) for m in inside):
            continue  # it overlaps a name that goes on past it, or one of its span
        for m in inside:
            out.remove(m)
            for other in decisions:
                if other.accepted and other.sentence == m.sentence and \
                        (sent.offset + other.candidate.start, sent.offset + other.candidate.end) == (m.start, m.end):
                    other.accepted = False
                    other.reason = f"document.listed: inside {c.name}, {why}"
                    other.beaten_by = c
        out.append(_mention(doc, sent, c, c.cls, d.score.p_name))
        d.accepted = True
        d.reason = f"document.listed: {why}"
    return out


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
        base = sent.offset
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
