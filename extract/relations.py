"""Entities in sentences -> relations between them, each with the sentence that says it.

Relations come from cue words and the order of words in a clause, never from
bare co-occurrence:

- ``promotes``: a cue verb (加快建设, 推进, 实施, 出台, 建成, 签约 …, in
  lexicons/relation_cues.tsv) with the project, initiative, zone or document it
  governs: after the cue (加快建设明珠湾大桥) or before it (明珠湾大桥通车).  The
  subject is the place or body that opens the clause (省委提出…), else the
  report's own area.  The cue gives a sub-property (builds, completes…) and a
  status (planned, under construction, completed, in operation, signed).
- ``cooperatesWith``: 与/同/和/携手/联合 X (…) with a cooperation word in the
  clause (合作, 共建, 联动, 帮扶 …, lexicons/cooperation_cues.txt), or a list of
  places followed by such a word (广州、深圳双城联动).
- ``locatedIn``: a thing whose name starts with a place (广州知识城国际数字经济枢纽
  is in 广州知识城, 南沙科学城 in 南沙区), else, for the report area's local
  projects, zones and facilities, the report's own area.
- ``partOf``: a zone written right after the division it belongs to (深圳前海).
  The administrative hierarchy itself comes from the gazetteer (graph/build.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import gazetteer
from .lexicons import load_lines, load_tsv
from .model import Document, Entity, Relation
from .sections import SentenceContext

CLAUSE_DELIMS = "，,；;。：:！？!?\n"
LIST_JOINERS = re.compile(r"^(?:、|和|及|以及|与|同|,|，)?$")
OBJECT_CLASSES_PROMOTE = {"Project", "Initiative", "PolicyDocument"}
PLACE_OBJECTS = {"Zone", "Park"}
ADMIN = {"Country", "Province", "City", "District", "Township", "Community", "SpecialAdministrativeRegion"}
COOP_OPENERS = re.compile(r"(?:与|同|和|携手|联合|联手|会同|对口帮扶|帮扶|对接|深化与|加强与|推动与|推进与)$")
MAX_GAP = 12  # characters allowed between a cue and its object
# local things not assumed to lie in the report's area: lines and roads cross areas, bodies and
# institutes may sit elsewhere (a report names its partners too)
LOCAL_EXCLUDED = {"TransportProject", "GovernmentBody", "ResearchInstitute", "University", "Enterprise", "Alliance",
                  "Fund", "InternationalOrganization", "Organization"}


@dataclass(frozen=True)
class Cue:
    word: str
    kind: str
    status: str
    position: str  # after, before, both


@lru_cache(maxsize=1)
def promote_cues() -> tuple[Cue, ...]:
    rows = [Cue(r[0], r[1], r[2] if len(r) > 2 else "", r[3] if len(r) > 3 else "after") for r in load_tsv("relation_cues.tsv")]
    return tuple(sorted(rows, key=lambda c: (-len(c.word), c.word)))


@lru_cache(maxsize=1)
def _cues_by_word() -> dict[str, Cue]:
    return {c.word: c for c in promote_cues()}


@lru_cache(maxsize=1)
def _cue_re() -> re.Pattern:
    return re.compile("|".join(re.escape(c.word) for c in promote_cues()))


@lru_cache(maxsize=1)
def coop_words() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(load_lines("cooperation_cues.txt"), key=len, reverse=True)))


@dataclass(frozen=True)
class Span:
    """An entity mention in a sentence (offsets in the sentence)."""

    start: int
    end: int
    entity: Entity


def _clauses(s: str) -> list[tuple[int, int]]:
    out, a = [], 0
    for i, ch in enumerate(s):
        if ch in CLAUSE_DELIMS:
            if i > a:
                out.append((a, i))
            a = i + 1
    if a < len(s):
        out.append((a, len(s)))
    return out


def _is_promotable(e: Entity) -> bool:
    return e.top in OBJECT_CLASSES_PROMOTE or e.cls in PLACE_OBJECTS


def _is_actor(e: Entity) -> bool:
    return e.top in ("Place", "Organization") and e.cls not in ("Region",)


def _is_named_actor(e: Entity) -> bool:
    """An actor that can be a subject: a division or a body (not a zone)."""
    return _is_actor(e) and (e.cls in ADMIN or e.top == "Organization")


def _following_list(s: str, spans: list[Span], first: int, limit: int) -> list[Span]:
    """The mention at index ``first`` and those joined to it by 、/和/及 (a coordination)."""
    out = [spans[first]]
    for nxt in spans[first + 1:]:
        if nxt.start >= limit:
            break
        gap = _gap_text(s, out[-1], nxt)
        if gap is None or not LIST_JOINERS.match(gap):
            break
        out.append(nxt)
    return out


def _following_list_owned(s: str, spans: list[Span], first: int, limit: int) -> list[Span]:
    """Like _following_list, but a body written right before its item (省委“1+1+9”工作部署和
    市委“1+1+4”工作举措) stays in the list with it."""
    out: list[Span] = []
    i = first
    while i < len(spans) and spans[i].start < limit:
        sp = spans[i]
        if _is_actor(sp.entity) and i + 1 < len(spans) and _gap_text(s, sp, spans[i + 1]) == "":
            out += [sp, spans[i + 1]]
            i += 2
        else:
            out.append(sp)
            i += 1
        if i >= len(spans) or spans[i].start >= limit:
            break
        gap = _gap_text(s, out[-1], spans[i])
        if gap is None or not LIST_JOINERS.match(gap):
            break
        if gap == "" and not (_is_actor(spans[i].entity) and i + 1 < len(spans)):
            break
    return out


def _owners(s: str, spans: list[Span], targets: list[Span]) -> dict[int, Entity]:
    """Targets written right after a body (落实省委“1+1+9”工作部署): the body promotes them."""
    out = {}
    for t in targets:
        for sp in spans:
            if sp.end == t.start and _is_actor(sp.entity) and sp.entity.top == "Organization":
                out[t.start] = sp.entity
    return out


def _gap_text(s: str, a: Span, b: Span) -> str | None:
    """The text between two mentions, or None when they overlap."""
    if b.start < a.end:
        return None
    return s[a.end:b.start]


def relations_in(doc: Document, entities: list[Entity], area_key: str | None,
                 contexts: list[SentenceContext]) -> list[Relation]:
    """Every relation one report states, in text order, without duplicates of the same
    (predicate, subject, object, sentence)."""
    by_sentence: dict[int, list[Span]] = {}
    key_of = {e.key: e for e in entities}
    for e in entities:
        for m in e.mentions:
            if m.doc_id != doc.id:
                continue
            sent = doc.sentences[m.sentence]
            by_sentence.setdefault(m.sentence, []).append(Span(m.start - sent.start, m.end - sent.start, e))
    area = key_of.get(area_key) if area_key else None
    out: list[Relation] = []
    seen: set[tuple] = set()

    def emit(pred: str, subj: Entity, obj: Entity, sent, a: int, b: int, ctx: SentenceContext, rule: str,
             conf: float, kind: str = "", status: str = "") -> None:
        if subj.key == obj.key:
            return
        k = (pred, kind, subj.key, obj.key, sent.index)
        if k in seen:
            return
        seen.add(k)
        out.append(Relation(doc_id=doc.id, predicate=pred, subject=subj.key, object=obj.key, sentence=sent.index,
                            start=sent.start + a, end=sent.start + b, kind=kind, status=status, phase=ctx.phase,
                            rule=rule, confidence=conf))

    for sent, ctx in zip(doc.sentences, contexts):
        if ctx.phase == "notes":
            continue
        spans = sorted(by_sentence.get(sent.index, []), key=lambda sp: (sp.start, -sp.end))
        if not spans:
            continue
        s = doc.norm[sent.start:sent.end]
        for ca, cb in _clauses(s):
            cspans = [sp for sp in spans if ca <= sp.start and sp.end <= cb]
            if not cspans:
                continue
            _promotes_in_clause(s, ca, cb, cspans, area, sent, ctx, emit)
            _cooperation_in_clause(s, ca, cb, cspans, area, sent, ctx, emit)
            _part_of_in_clause(s, cspans, sent, ctx, emit)
    promoted = {r.object for r in out if r.predicate == "promotes" and area is not None and r.subject == area.key}
    _located_in(doc, entities, area, emit, contexts, promoted)
    return out


def _subject(s: str, ca: int, cue_start: int, cspans: list[Span], area: Entity | None, exclude: set[str]) -> Entity | None:
    """The actor written right before the cue (支持深圳建设…) or opening the clause (省委提出…),
    else the report's area."""
    for sp in cspans:
        if sp.end == cue_start and sp.entity.key not in exclude and _is_named_actor(sp.entity):
            return sp.entity
    for sp in cspans:
        if sp.start >= cue_start:
            break
        if sp.entity.key in exclude:
            continue
        lead = s[ca:sp.start]
        if _is_named_actor(sp.entity) and (not lead.strip() or re.fullmatch(r"(?:由|经|在)?", lead)):
            return sp.entity
    return area


def _in_title(s: str, pos: int) -> bool:
    """Inside 《…》: a cue word in a document's title is part of the name, not a statement."""
    return s.count("《", 0, pos) > s.count("》", 0, pos)


def _promotes_in_clause(s, ca, cb, cspans, area, sent, ctx, emit) -> None:
    for m in _cue_re().finditer(s, ca, cb):
        if _in_title(s, m.start()):
            continue
        cue = _cues_by_word()[m.group(0)]
        targets: list[Span] = []
        if cue.position in ("after", "both"):
            after = [i for i, sp in enumerate(cspans) if sp.start >= m.end() and sp.start - m.end() <= MAX_GAP]
            if after:
                i = after[0]
                gap = s[m.end():cspans[i].start]
                if not _cue_re().search(gap) and not re.search(r"(?:与|同|和|携手)$", gap):
                    targets = [sp for sp in _following_list_owned(s, cspans, i, cb) if _is_promotable(sp.entity)]
        if not targets and cue.position in ("before", "both"):
            before = [sp for sp in cspans if sp.end <= m.start() and m.start() - sp.end <= 3]
            if before:
                sp = before[-1]
                idx = cspans.index(sp)
                # a coordination ending at the cue: A、B和C通车
                j = idx
                while j > 0:
                    gap = _gap_text(s, cspans[j - 1], cspans[j])
                    if not gap or not LIST_JOINERS.match(gap):
                        break
                    j -= 1
                targets = [t for t in cspans[j:idx + 1] if _is_promotable(t.entity)]
        if not targets:
            continue
        owners = _owners(s, cspans, targets) if cue.position in ("after", "both") else {}
        subj = _subject(s, ca, m.start(), cspans, area, {t.entity.key for t in targets})
        for t in targets:
            who = owners.get(t.start, subj)
            if who is None:
                continue
            a, b = min(m.start(), t.start), max(m.end(), t.end)
            emit("promotes", who, t.entity, sent, a, b, ctx, f"cue:{cue.word}", 0.75, cue.kind, cue.status)


def _cooperation_in_clause(s, ca, cb, cspans, area, sent, ctx, emit) -> None:
    clause = s[ca:cb]
    has_word = coop_words().search(clause)
    for i, sp in enumerate(cspans):
        if not _is_actor(sp.entity):
            continue
        lead = s[max(ca, sp.start - 6):sp.start]
        opener = COOP_OPENERS.search(lead)
        if not opener:
            continue
        word = opener.group(0)
        if not (has_word or word.startswith(("携手", "联手", "帮扶", "对口帮扶"))):
            continue
        partners = [p for p in _following_list(s, cspans, i, cb) if _is_actor(p.entity)]
        subj = _subject(s, ca, sp.start - len(word), cspans, area, {p.entity.key for p in partners})
        before = [b for b in cspans[:i] if b.end == sp.start - len(word) and _is_actor(b.entity)]
        if before:
            subj = before[-1].entity  # 广州高新区与深圳高新区共建…
        if subj is None:
            continue
        for p in partners:
            emit("cooperatesWith", subj, p.entity, sent, sp.start - len(word), p.end, ctx, f"cooperation:{word}", 0.7)
        return
    # a list of places or bodies followed by a cooperation word: 广州、深圳“双城”联动
    for i in range(len(cspans) - 1):
        group = _following_list(s, cspans, i, cb)
        if len(group) < 2 or not all(_is_actor(g.entity) for g in group):
            continue
        tail = s[group[-1].end:min(cb, group[-1].end + 8)]
        if coop_words().search(tail):
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    emit("cooperatesWith", group[x].entity, group[y].entity, sent, group[0].start,
                         group[-1].end, ctx, "cooperation:list", 0.65)
            return


def _part_of_in_clause(s, cspans, sent, ctx, emit) -> None:
    """深圳前海: a zone written right after its division."""
    for a, b in zip(cspans, cspans[1:]):
        if a.end == b.start and a.entity.cls in ADMIN and b.entity.cls in PLACE_OBJECTS:
            emit("partOf", b.entity, a.entity, sent, a.start, b.end, ctx, "adjacent-division", 0.7)


def _located_in(doc: Document, entities: list[Entity], area: Entity | None, emit,
                contexts: list[SentenceContext], promoted: set[str]) -> None:
    places = [e for e in entities if e.top == "Place" and e.cls not in ("Region", "Country")]
    names: list[tuple[str, Entity]] = []
    for p in places:
        for n in {p.label, *p.aliases}:
            if len(n) >= 2:
                names.append((n, p))
    names.sort(key=lambda x: (-len(x[0]), x[1].key))
    by_name: dict[str, list[tuple[int, Entity]]] = {}  # name -> (place in ``names``, place): lookups, not scans
    for i, (n, p) in enumerate(names):
        by_name.setdefault(n, []).append((i, p))
    home_code = area.code if area is not None else None
    home_ancestors = {d.code for d in gazetteer().ancestors(home_code)} if home_code else set()
    for e in entities:
        if e.top not in ("Project", "Organization") and e.cls not in PLACE_OBJECTS:
            continue
        if area is not None and e.key == area.key:
            continue
        first = next((m for m in e.mentions if m.doc_id == doc.id), None)
        if first is None:
            continue
        sent = doc.sentences[first.sentence]
        ctx = contexts[first.sentence]
        a, b = first.start - sent.start, first.end - sent.start
        container, by_paren = None, False
        inner = re.search(r"[(（]([^)）]+)[)）]", e.label)
        # the first entry of ``names`` that is a prefix of the label (leaving two characters) or the
        # name in its parentheses: found from the label's own prefixes
        found = [(i, p, False) for k in range(2, len(e.label) - 1) for i, p in by_name.get(e.label[:k], ())]
        if inner:
            found += [(i, p, True) for i, p in by_name.get(inner.group(1), ())]
        found = [x for x in found if x[1].key != e.key]
        if found:
            _, container, by_paren = min(found, key=lambda x: (x[0], x[2]))
        if container is not None:
            # 广州知识城 or 香港科技大学(广州) in 黄埔区's or 南沙区's report: the report's own area is the
            # more precise place (not for bodies: 广州市委 is the city's)
            if (by_paren or e.top != "Organization") and area is not None and container.code in home_ancestors:
                container = area
            emit("locatedIn", e, container, sent, a, b, ctx, "name-prefix", 0.85)
            continue
        if area is None:
            continue
        # in a district's own report its projects are in it, unless the text says otherwise: the area
        # builds them, or they are local things (no place in the name) other than roads and lines,
        # which often run through other areas too
        local = e.key.split("/")[1:2] == [home_code] if home_code else False
        if _names_other_place(e.label, names, area, by_name):
            continue
        if e.key in promoted or (local and e.cls not in LOCAL_EXCLUDED):
            emit("locatedIn", e, area, sent, a, b, ctx, "report-area", 0.6)


def _names_other_place(label: str, names: list[tuple[str, Entity]], area: Entity,
                       by_name: dict[str, list[tuple[int, Entity]]] | None = None) -> bool:
    def other(p: Entity) -> bool:
        return p.key != area.key and p.cls not in PLACE_OBJECTS

    n = len(label)
    if by_name is None or n * (n - 1) // 2 > len(names):
        return any(name in label and other(p) for name, p in names)
    # look the label's substrings up instead of scanning every place name (linear in the entities)
    return any(other(p) for i in range(n) for j in range(i + 2, n + 1) for _, p in by_name.get(label[i:j], ()))
