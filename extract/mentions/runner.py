"""Runs the recognizers over a document and decides which candidates become mentions.

1. every sentence is segmented once (``segment_document``); every recognizer reads the
   same words;
2. each recognizer proposes candidates; a failed hard check drops one (the trace says
   which check and why);
3. the classifier scores every remaining candidate from its features (``features.py``)
   and gives it a class; a candidate whose probability of naming something is below the
   ``accept`` threshold is rejected.  It scores in two passes: the first as if each candidate
   stood alone, the second again for each candidate inside a longer name the first kept, with
   that longer name among its features (training counts the longer names the gold names);
4. of the alternatives of one name (one group: the starts the suffix recognizer proposed,
   a quote with and without its tail) the most probable is kept;
5. overlaps: the longer span wins, then the higher recognizer priority, then the more
   probable; names marked ``inner`` may sit inside a taken one (the body that issues a
   titled document, the places of a joint zone, the parts of 港澳);
6. the document stage: a short form that is a common word (新建, 港口) is kept only with
   evidence in the report, and a name accepted once is a mention at its other
   occurrences too, unless a longer name covers them (``repeat``).

``recognize(..., trace=True)`` keeps every decision for ``govkg explain``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..lexicons import words
from ..model import Document, Mention, top_of
from ..segment import segmenter
from .base import Candidate, Sent, config
from .classifier import Model, Score, shipped_model
from .features import features, inside_rules, set_inside, span_agreement
from .kinds import counted_after_in, kinds_in
from .lines import expand_phases
from .lists import find_lists
from .numbered import numbered_siblings
from .registry import RECOGNIZERS
from .wellformed import form_checks

SHIPPED = object()  # use the model that ships with govkg
_PRIOR_VARIANTS = ("", "phrase", "with-tail", "inside-name", "inner", "rule-start", "rule-start+paren", "bare",
                   "battle-list", "region-programme", "people", "distributed", "own-suffix", "typed-by-head",
                   "shared-suffix")


@dataclass
class Decision:
    """What became of one candidate, and why."""

    candidate: Candidate
    sentence: int
    score: Score | None = None
    accepted: bool = False
    reason: str = ""
    beaten_by: Candidate | None = None
    feats: dict | None = None
    cls: str = ""  # the class it was given


@dataclass
class Recognition:
    mentions: list[Mention]
    decisions: list[Decision] = field(default_factory=list)
    model: Model | None = None


def segment_document(doc: Document) -> list[list]:
    """The words of every sentence (the segment stage), in sentence order."""
    seg = segmenter()
    return [seg.tokens(doc.norm[sent.start:sent.end]) for sent in doc.sentences]


def propose(sent: Sent, disabled: frozenset[str] = frozenset()) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Every recognizer's candidates for one sentence, and the spans of list category nouns."""
    cands: list[Candidate] = []
    heads: list[tuple[int, int]] = []
    if "list" not in disabled:
        listed, heads = find_lists(sent)
        cands += listed
    for r in RECOGNIZERS:
        if all(i in disabled for i in r.ids):
            continue
        got = r.run(sent, cands) if r.derived else r.run(sent)
        cands += [c for c in got if c.rule not in disabled]
    out = []
    for c in cands:
        c = form_checks(c, sent.text)
        if heads and c.rule == "suffix" and any(a <= c.start and c.end <= b for a, b in heads):
            c = c.check("list.category-noun", False, "the category noun of a list is no name", hard=True)
        out.append(c)
    return out, heads


def _prior(c: Candidate) -> Score:
    """Without a model: the recognizer's confidence where every soft check passed and the
    candidate is the rules' own choice; nothing otherwise."""
    ok = c.variant in _PRIOR_VARIANTS and all(ch.passed for ch in c.checks)
    p = c.confidence if ok else 0.0
    return Score({"none": 1 - p, top_of(c.cls): p})


def _class_of(c: Candidate, score: Score) -> str:
    """The class a kept candidate is given: the classifier's, but a lexicon's name keeps the class
    the lexicon knows it by (中央八项规定 is a document wherever it is named)."""
    if c.rule == "lexicon":
        return c.cls
    top = score.top
    return c.cls if top_of(c.cls) == top else top


def candidates_of(doc: Document, tokens: list[list] | None = None, disabled=frozenset()):
    """(sentences, their candidates): everything the classifier reads."""
    if tokens is None:
        tokens = segment_document(doc)
    sents = [Sent(doc.norm[s.start:s.end], toks, s.index, s.start) for s, toks in zip(doc.sentences, tokens)]
    per_sentence = [propose(sent, frozenset(disabled))[0] for sent in sents]
    after = counted_after_in(doc.norm)
    per_sentence = [[_not_counted(c, sent, after) for c in cands] for sent, cands in zip(sents, per_sentence)]
    return sents, per_sentence


_COUNTABLE_RULES = frozenset(("lexicon", "gazetteer", "short-form", "abbreviation"))


def _not_counted(c: Candidate, sent: Sent, counted: frozenset[str]) -> Candidate:
    """``c`` with the check ``doc.not-counted``: a phrase the report counts (国家现代农业产业园增至21个,
    水路通道达到28条, 标准化乡镇养老服务中心400家) is a kind of thing, not a name, wherever the report
    says it.  Names a lexicon or the gazetteer gives are never dropped so."""
    if c.failed is not None or c.rule in _COUNTABLE_RULES:
        return c
    if c.name in counted or sent.text[c.start:c.end] in counted:
        return c.check("doc.not-counted", False, "the report counts it: a kind of thing", hard=True)
    return c


def featurized(doc: Document, tokens: list[list] | None = None, disabled=frozenset()):
    """(sentence index, candidate, features) for every candidate that passed its hard checks
    (what training reads)."""
    sents, per_sentence = candidates_of(doc, tokens, disabled)
    kinds = frozenset(kinds_in(doc.norm))
    for sent, cands in zip(sents, per_sentence):
        agree = span_agreement(cands)
        for c in cands:
            if c.failed is None:
                yield sent, c, features(c, sent, agree, kinds)


def recognize(doc: Document, tokens: list[list] | None = None, model=SHIPPED, disabled=frozenset(),
              trace: bool = False, home: str | None = None) -> Recognition:
    """Mentions of a document (and, with ``trace``, every decision).  ``home`` is the GB/T
    2260 code of the report's own area when known (evidence for short forms)."""
    if model is SHIPPED:
        model = shipped_model()
    disabled = frozenset(disabled)
    accept = config().threshold("accept")
    sents, per_sentence = candidates_of(doc, tokens, disabled)
    kinds = frozenset(kinds_in(doc.norm))
    decisions: list[Decision] = []
    chosen_all: list[tuple[Sent, Candidate, Decision]] = []
    for sent, cands in zip(sents, per_sentence):
        agree = span_agreement(cands)
        groups: dict = {}
        for c in cands:
            d = Decision(c, sent.index)
            bad = c.failed
            if bad is not None:
                d.reason = f"check {bad.id} failed: {bad.reason}"
            else:
                d.feats = features(c, sent, agree, kinds)
                groups.setdefault(c.group or ("single", id(c)), []).append(d)
            decisions.append(d)
        kept = {key: _decide(alts, model, accept) for key, alts in groups.items()}
        # the second pass: a candidate inside a name the first kept is scored again as inside it;
        # only the groups that hold one are decided again
        first = [d.candidate for d in kept.values() if d is not None]
        for key, alts in groups.items():
            again = False
            for d in alts:
                c = d.candidate
                longer = inside_rules(c.start, c.end, [t for t in first if not _stands_beside(c, t)])
                if longer:
                    set_inside(d.feats, longer)
                    again = True
            if again:
                kept[key] = _decide(alts, model, accept)
        live = [d for d in kept.values() if d is not None]
        if not trace:
            for d in decisions:
                d.feats = None
        for d in _select(live):
            chosen_all.append((sent, d.candidate, d))
    mentions = _to_mentions(doc, sents, chosen_all, decisions)
    mentions = _document_stage(doc, sents, mentions, decisions, home, disabled)
    return Recognition(mentions, decisions if trace else [], model)


def _decide(alts: list[Decision], model, accept: float) -> Decision | None:
    """Of a group of alternatives the one the ranker picks, scored: it when the acceptor keeps it."""
    for d in alts:  # a second pass decides again from the start
        d.beaten_by, d.reason, d.score, d.cls = None, "", None, ""
    d = _pick(alts, model)
    d.score = model.score(d.feats) if model is not None else _prior(d.candidate)
    d.cls = _class_of(d.candidate, d.score)
    if d.score.p_name < accept:
        d.reason = f"score {d.score.p_name:.2f} < {accept:.2f}"
        return None
    return d


def _pick(alts: list[Decision], model) -> Decision:
    """The alternative of one name the ranker rates best (without a model: the rules' own
    choice); the others are recorded as beaten by it."""
    if len(alts) == 1:
        return alts[0]
    if model is not None and model.ranker is not None:
        ranks = [model.rank(d.feats) for d in alts]
    else:
        ranks = [_prior(d.candidate).p_name for d in alts]
    k = max(range(len(alts)), key=lambda i: (ranks[i], alts[i].candidate.end - alts[i].candidate.start))
    best = alts[k]
    for i, d in enumerate(alts):
        if i != k:
            d.beaten_by = best.candidate
            d.reason = (f"another alternative of the same name ranked higher: {best.candidate.name} "
                        f"({ranks[k]:.2f} against {ranks[i]:.2f})")
    return best


def _select(live: list[Decision]) -> list[Decision]:
    """Of each group of alternatives the most probable; then no overlaps: the longer span
    first, then the higher recognizer priority, then the more probable.  ``inner`` names may
    sit inside a chosen one."""
    prio = config().priority
    best: dict = {}
    for d in live:
        c = d.candidate
        key = c.group or ("single", id(c))
        cur = best.get(key)
        rank = (d.score.p_name, c.end - c.start, c.variant.startswith("rule-start"))
        if cur is None or rank > cur[0]:
            if cur is not None:
                _beaten(cur[1], d, "an alternative of the same name scored higher")
            best[key] = (rank, d)
        else:
            _beaten(d, cur[1], "an alternative of the same name scored higher")
    ordered = sorted((v[1] for v in best.values()),
                     key=lambda d: (-(d.candidate.end - d.candidate.start), -prio(d.candidate.rule),
                                    -d.score.p_name, d.candidate.start, d.candidate.name))
    taken: list[Decision] = []
    for d in ordered:
        c = d.candidate
        same = next((t for t in taken if (t.candidate.start, t.candidate.end) == (c.start, c.end)), None)
        if same is not None:  # one span, two names: one of them
            clash = same
        elif c.inner:
            clash = next((t for t in taken if c.start < t.candidate.end and t.candidate.start < c.end
                          and not (t.candidate.start <= c.start and c.end <= t.candidate.end)), None)
            opened = None if clash is not None else _opened_name(c, taken)
            if opened is not None:
                _beaten(d, opened, "an area's abbreviation that opens a longer name is part of that name (川藏铁路)")
                continue
        else:
            clash = next((t for t in taken if not t.candidate.inner and c.start < t.candidate.end
                          and t.candidate.start < c.end), None)
        if clash is not None and not _stands_beside(c, clash.candidate, d.cls):
            _beaten(d, clash, "overlaps a longer or stronger name")
            continue
        d.accepted = True
        d.reason = "accepted"
        taken.append(d)
    return taken


def _opened_name(c: Candidate, taken: list[Decision]) -> Decision | None:
    """The taken name that an abbreviation's compound opens: 川藏 in 川藏铁路, 深汕 in 深汕高新产业园.  A
    place inside a longer name is no place of its own (the guide: 南沙 in 南沙科学城); the compound
    said alone (川渝合作) still names each area."""
    if c.rule != "abbreviation":
        return None
    compound = dict(c.facts).get("compound", "")
    if not c.aliases or c.aliases[0] not in compound:
        return None
    start = c.start - compound.index(c.aliases[0])
    return next((t for t in taken if not t.candidate.inner and t.candidate.start == start
                 and t.candidate.end > start + len(compound)), None)


_KNOWN_RULES = frozenset(("lexicon", "gazetteer"))


def _stands_beside(c: Candidate, t: Candidate, cls: str = "") -> bool:
    """Is ``c`` (of class ``cls``, else its own), inside the title ``t``, a name of its own beside
    it?  A body that opens the title is its issuer (《中共黑龙江省委关于…的建议》); a known name inside
    it is what the title is about (浙江大学 in 《关于支持浙江大学加快…的若干措施》, 成渝地区双城经济圈 in
    《成渝地区双城经济圈国土空间规划》)."""
    if t.rule != "title" or c.end >= t.end:
        return False
    issuer = t.start <= c.start <= t.start + 1 and top_of(cls or c.cls) == "Organization"
    return issuer or (c.rule in _KNOWN_RULES and t.start < c.start)


def _beaten(loser: Decision, winner: Decision, why: str) -> None:
    loser.accepted = False
    loser.beaten_by = winner.candidate
    loser.reason = f"{why}: {winner.candidate.name} ({winner.candidate.rule})"


def _mention(doc: Document, sent: Sent, c: Candidate, cls: str, conf: float) -> Mention:
    a, b = sent.offset + c.start, sent.offset + c.end
    facts = (*c.facts, ("variant", c.variant)) if c.variant else c.facts
    return Mention(doc_id=doc.id, start=a, end=b, surface=doc.norm[a:b], name=c.name, cls=cls, rule=c.rule,
                   confidence=round(conf, 4), sentence=sent.index, code=c.code, aliases=c.aliases, facts=facts)


def _to_mentions(doc, sents, chosen, decisions) -> list[Mention]:
    out: list[Mention] = []
    by_sent: dict[int, list] = {}
    for sent, c, d in chosen:
        by_sent.setdefault(sent.index, []).append((c, d))
    for sent in sents:
        items = by_sent.get(sent.index, [])
        siblings = numbered_siblings(sent, [c for c, _ in items])
        for sib in siblings:
            sib_d = Decision(sib, sent.index, accepted=True, reason="a sibling of a numbered order", cls=sib.cls)
            decisions.append(sib_d)
            for c, d in items:  # 8号令 on its own is the sibling's short form: the sibling names it in full
                if sib.start <= c.start and c.end <= sib.end:
                    _beaten(d, sib_d, "inside a sibling of a numbered order")
        items = [(c, d) for c, d in items if d.accepted]
        for c, d in sorted(items, key=lambda x: (x[0].start, x[0].end, x[0].name)):
            for part in expand_phases(c):
                out.append(_mention(doc, sent, part, d.cls, d.score.p_name))
        for c in siblings:
            out.append(_mention(doc, sent, c, c.cls, c.confidence))
    return out


def _document_stage(doc, sents, mentions, decisions, home, disabled) -> list[Mention]:
    from .document import keep_with_evidence, known_short_forms, listed_siblings, repeats

    mentions = listed_siblings(doc, sents, mentions, decisions)
    mentions = keep_with_evidence(mentions, decisions, home)
    mentions = known_short_forms(doc, sents, mentions, decisions)
    if "repeat" not in disabled:
        mentions = repeats(doc, sents, mentions, decisions)
    return sorted(mentions, key=lambda m: (m.start, m.end, m.name))


def mentions_in(doc: Document, tokens: list[list] | None = None, home: str | None = None) -> list[Mention]:
    """Every mention in a document, in text order; ``tokens`` from ``segment_document`` when at hand."""
    return recognize(doc, tokens, home=home).mentions


def sentence_candidates(s: str) -> list[Candidate]:
    """The candidates chosen in one piece of text on its own (no document context), in order,
    with the class each was given; offsets are into ``s`` when it is one sentence."""
    from ..reader import read_bytes

    doc = read_bytes(s.encode("utf-8"), path="<text>", fmt="text", doc_id="text")
    rec = recognize(doc, trace=True)
    out = []
    for d in rec.decisions:
        if d.accepted:
            base = doc.sentences[d.sentence].start
            c = d.candidate
            out.append(replace(c, cls=d.cls, start=c.start + base, end=c.end + base))
    return sorted(out, key=lambda c: (c.start, c.end, c.name))
