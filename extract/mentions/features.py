"""Candidate -> features for the classifier.

Features describe how a candidate was found and what its words are like, never which
string it is: the recognizer and its variant, the checks it passed and failed, the class
suffix, the part of speech and closed-class words at its start, before it and after it,
its length, how much of it is name material, lexicon hits, how many recognizers propose
its span and whether a longer name goes on past it, and what reports say of the string
(whether this report or a corpus of reports counts it as a kind, whether the corpus acts on
it where it quotes it).  So a model trained on some reports carries to others.
"""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..lexicons import words
from ..model import top_of
from .base import Candidate, Sent
from .kinds import counted_kinds
from .quotes import OPEN_QUOTES, acted_on, counts, usage_kind
from .names import (bare_suffix, is_place_name, is_proper, log_freq, match_suffix, name_index, named_by_initials,
                    specific_chars, starts_with_lone_level, tag)


@lru_cache(maxsize=1)
def _closed_words() -> frozenset[str]:
    """Words named as themselves in features: the closed classes of report prose."""
    return words("boundaries") | words("weak_boundaries") | words("generic_names") | words("conjunctions") \
        | words("tail_stops") | words("function_chars") | words("designations") | words("levels")


_KNOWN_RULES = frozenset(("lexicon", "gazetteer", "short-form", "abbreviation"))
_HAN, _DIGIT = re.compile(r"[\u4e00-\u9fff]"), re.compile(r"\d")  # compiled once, not looked up per word
_CONTENT = re.compile(r"[\u4e00-\u9fff\dA-Za-z]")  # a word of content, not punctuation


@lru_cache(maxsize=1 << 16)  # a pure function of the word
def _word(w: str | None) -> str:
    if w is None:
        return "<none>"
    if w in _closed_words():
        return w
    if not w.strip():
        return "<space>"
    if not _CONTENT.search(w):
        return "<punct>" if w not in "“”\"「」『』《》()（）" else w
    return "<pos:" + (tag(w) or "oov") + ">"


def _variant_kind(variant: str) -> str:
    """start-3, start+2 -> start-left, start-right: the direction from the rules' start, not the
    distance (which would be learned as a string)."""
    v = variant.removesuffix("+paren")
    if v.startswith("start-"):
        return "start-left"
    if v.startswith("start+"):
        return "start-right"
    return v


def _bucket(n: float, edges: tuple) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def features(c: Candidate, sent: Sent, span_rules: dict, kinds: frozenset[str] = frozenset()) -> dict[str, float]:
    """The candidate's features, from its sentence alone and ``kinds``, the phrases the whole
    report counts (kinds.kinds_in: kinds, as those of ``counted_kinds.txt`` are).  Tried
    and left out, since leave-one-report-out scored the same without them: counts over the
    whole report (how often a name is proposed, by how many recognizers; a short text then
    scores like a long one), in how many corpus reports the string is proposed, pairwise
    crosses of the features."""
    s = sent.text
    f: dict[str, float] = {"bias": 1.0}
    top = top_of(c.cls)
    f[f"rule={c.rule}"] = 1.0
    variant = _variant_kind(c.variant)
    f[f"rule={c.rule}|variant={variant}"] = 1.0
    if c.variant.endswith("+paren"):
        f["with-paren"] = 1.0
        inner = c.name[c.name.rfind("(") + 1:-1] if c.name.endswith(")") and "(" in c.name else ""
        # what the parentheses hold: a place (香港科技大学(广州), 金华(义乌)…中心: a campus or seat), a
        # section of a line (深江铁路(南沙段)), or something else (an abbreviation, a note)
        kind = "place" if inner and is_place_name(inner) else ("section" if inner.endswith(("段", "期", "延"))
                                                                 else "other")
        f[f"with-paren={kind}"] = 1.0
        f[f"top={top}|with-paren={kind}"] = 1.0
    f[f"cls={c.cls}"] = 1.0
    f[f"top={top}"] = 1.0
    f[f"rule={c.rule}|top={top}"] = 1.0
    for ch in c.checks:
        if not ch.hard:
            f[f"check:{ch.id}={'pass' if ch.passed else 'fail'}"] = 1.0
    facts = dict(c.facts)
    sfx = facts.get("suffix")
    if sfx:
        f[f"sfx={sfx}"] = 1.0
    if "suffix_cls" in facts:
        f[f"sfxcls={facts['suffix_cls']}"] = 1.0
    for k in ("written_parent", "written_child", "needs_evidence", "body_acts"):
        if facts.get(k):
            f[f"fact={k}"] = 1.0
    for k in ("tail", "cue", "brand", "sibling_rule", "list_head"):
        if facts.get(k):
            f[f"{k}={facts[k] if k != 'list_head' else 'yes'}"] = 1.0
    if "rule_start" in facts:
        f[f"rule_start={int(facts['rule_start'])}"] = 1.0
    name = c.name
    n = len(name)
    f[f"len={_bucket(n, (2, 3, 4, 6, 9, 14, 20))}"] = 1.0
    f[f"top={top}|len={_bucket(n, (2, 3, 4, 6, 9, 14))}"] = 1.0
    ws = sent.words(c.start, c.end)
    texts = [t.text for t in ws if t.text.strip()]
    first = texts[0] if texts else None
    before = sent.before(c.start)
    after = sent.after(c.end)
    fw, pw, nw = _word(first), _word(before.text if before else None), _word(after.text if after else None)
    f[f"first={fw}"] = 1.0
    f[f"prev={pw}"] = 1.0
    f[f"next={nw}"] = 1.0
    f[f"rule={c.rule}|first={fw}"] = 1.0
    f[f"rule={c.rule}|prev={pw}"] = 1.0
    f[f"top={top}|prev={pw}"] = 1.0
    f[f"top={top}|next={nw}"] = 1.0
    if before is not None and before.end != c.start:
        f["starts-inside-word"] = 1.0
    if len(texts) > 1 and bare_suffix(texts[0]):
        f["first-is-suffix"] = 1.0  # 工程|隆泸叙铁路, 行动|计划: a class word ends the name before
    if after is not None and after.start != c.end:
        f["ends-inside-word"] = 1.0
    f[f"words={_bucket(len(texts), (1, 2, 3, 4, 6))}"] = 1.0
    generic = words("generic_names")
    proper = sum(1 for w in texts if is_proper(w) and w not in generic)
    oov = sum(1 for w in texts if not tag(w) and _HAN.search(w))
    f[f"proper={_bucket(proper, (0, 1, 2))}"] = 1.0
    f[f"oov={_bucket(oov, (0, 1, 2))}"] = 1.0
    spec = specific_chars(texts)
    f[f"specific={_bucket(spec, (0, 1, 2, 3, 4, 6, 9))}"] = 1.0
    f[f"top={top}|specific={_bucket(spec, (0, 2, 4, 6))}"] = 1.0
    if any(t.tag.startswith("v") for t in ws[:-1]):
        f["verb-inside"] = 1.0
    boundaries, conjunctions = words("boundaries"), words("conjunctions")
    if any(w in boundaries for w in texts):
        f["boundary-inside"] = 1.0
    if any(w in conjunctions or w == "、" for w in texts):
        f["conjunction-inside"] = 1.0
    if _DIGIT.search(name):
        f["digits"] = 1.0
    if c.rule == "quote":
        quoted = name if c.variant != "with-tail" else (c.aliases[0] if c.aliases else name)
        usage = usage_kind(quoted)
        f[f"quote-usage={usage}"] = 1.0
        f[f"quote-usage={usage}|numeral={'yes' if counts(quoted) else 'no'}"] = 1.0
        said = _said_of(s, c.start)
        if said:
            f[f"quote-after={said}"] = 1.0
        f[f"quote-here={_quote_here(sent, c.start)}"] = 1.0
    if name in name_index():
        f["in-lexicon"] = 1.0
    if c.rule not in _KNOWN_RULES and (name in counted_kinds() or name in kinds):
        f["counted-kind"] = 1.0
    if texts and is_place_name(texts[0]) and len(texts) > 1:
        f["starts-with-place"] = 1.0
    elif starts_with_lone_level(name):
        f["starts-with-level"] = 1.0  # 区|第三幼儿园, 县|人民医院: the report's own area's
    lf = log_freq(name)
    f[f"dict-freq={_bucket(lf, (0, 1, 2, 3, 4))}"] = 1.0
    if sfx and c.rule == "suffix" and sfx in words("line_suffixes") and name.endswith(sfx) \
            and named_by_initials(name[:-len(sfx)]):
        f["stem-initials"] = 1.0
    if sfx and c.rule == "suffix":
        stem_end = c.end - len(sfx) if name.endswith(sfx) else c.end
        inner = match_suffix(s, stem_end)
        if inner is not None and stem_end - c.start > len(inner.suffix):
            f[f"stem-is-name={top_of(inner.cls)}"] = 1.0
    # the stem's words: their parts of speech, the closed-class words among them, how rare
    # the rarest is (a rare word names; common words describe), and the word before the suffix
    stem_words = texts[:-1] if sfx and len(texts) > 1 else texts
    closed = _closed_words()
    for w in stem_words:
        f[f"stem-pos={tag(w) or 'oov'}"] = 1.0
        if w in closed:
            f[f"stem-word={w}"] = 1.0
        if w.endswith("性") and len(w) >= 3:
            f["stem-adjective"] = 1.0
    if stem_words:
        rarest = min(log_freq(w) for w in stem_words)
        f[f"stem-rarest={_bucket(rarest, (0, 1, 2, 3, 4))}"] = 1.0
        f[f"top={top}|stem-rarest={_bucket(rarest, (0, 1.5, 3))}"] = 1.0
        f[f"last-stem={_word(stem_words[-1])}"] = 1.0
    # conjunctions a linear model cannot form itself: what the suffix says with how specific
    # and how proper the stem is, and where the name starts
    key = f"sfx={sfx}" if sfx else f"rule={c.rule}"
    f[f"{key}|specific={_bucket(spec, (0, 2, 4, 6))}"] = 1.0
    f[f"{key}|proper={_bucket(proper, (0, 1))}"] = 1.0
    f[f"{key}|prev={pw}"] = 1.0
    f[f"{key}|first={fw}"] = 1.0
    f[f"{key}|len={_bucket(n, (3, 5, 8, 12))}"] = 1.0
    f[f"top={top}|proper={_bucket(proper, (0, 1))}|specific={_bucket(spec, (0, 2, 4))}"] = 1.0
    agree, inside = span_rules.get((c.start, c.end), (1, ()))
    f[f"span-agree={_bucket(agree, (1, 2, 3))}"] = 1.0
    set_inside(f, inside)
    if c.inner:
        f["inner"] = 1.0
    return f



_CLAUSE_STOP = re.compile(r"[，,。；;：:！？!?、（）()]")


def _said_of(s: str, pos: int) -> str | None:
    """What the clause says of a quote that opens at ``pos``: ``honour`` after a verb that gives a
    title or a place on a list (荣获“土地生命奖”, 入选世界“最佳旅游乡村”), ``outcome`` after one of
    reaching a result (实现“十连丰”, 首次实现“双过万”), within the clause and at most 8 characters
    before it."""
    window = _CLAUSE_STOP.split(s[max(0, pos - 8):pos])[-1]
    for kind, concept in (("honour", "honour_verbs"), ("outcome", "outcome_verbs")):
        if any(v in window for v in words(concept)):
            return kind
    return None


def _quote_here(sent: Sent, pos: int) -> str:
    """How this sentence uses the quote that opens at ``pos``: ``acted`` when a verb of action ends
    right before it or a word of what is done follows it (实施“两新”, “一业一证”改革: the corpus test
    of quote_usage, on this one occurrence); else what follows the closing quote: ``alone`` (a
    punctuation mark or the end: 实现“十连丰”。), ``noun`` (“三公”经费, “新三样”出口: the quote
    qualifies a common word) or ``other``."""
    s = sent.text
    close = OPEN_QUOTES.get(s[pos]) if pos < len(s) else None
    j = s.find(close, pos + 1) if close else -1
    if j < 0:
        return "other"
    if acted_on(s, pos, j):
        return "acted"
    nxt = sent.after(j + 1)
    if nxt is None or not _CONTENT.search(nxt.text):
        return "alone"
    return "noun" if nxt.tag.startswith("n") or nxt.tag == "vn" else "other"


def set_inside(f: dict[str, float], inside) -> None:
    """The features of the longer names a candidate is inside (``inside``: their recognizers), in
    place of any it had."""
    for k in [k for k in f if k.startswith("inside")]:
        del f[k]
    for r in inside:
        f[f"inside={r}"] = 1.0
    if inside:
        f["inside-longer"] = 1.0


def span_agreement(cands: list[Candidate], longer=None) -> dict[tuple[int, int], tuple[int, tuple[str, ...]]]:
    """(start, end) -> (how many recognizers propose that span, the recognizers of the names
    that go on past its end: 中山大学 in 中山大学附属第一医院 is inside a longer name).  A longer
    name is one ``longer`` says is a name (the classifier kept it; in training, the gold names
    it), so a candidate is not held down by a longer one that is no name (北大荒集团 in a rejected
    北大荒集团改革).  Without ``longer``, no candidate is inside any."""
    rules: dict[tuple[int, int], set] = defaultdict(set)
    live = [c for c in cands if not c.failed]
    for c in live:
        rules[(c.start, c.end)].add(c.rule)
    names = [c for c in live if longer(c)] if longer is not None else []
    return {(a, b): (len(rs), inside_rules(a, b, names)) for (a, b), rs in rules.items()}


def inside_rules(a: int, b: int, longer) -> tuple[str, ...]:
    """The recognizers of the names in ``longer`` that hold the span a..b and go on past its end."""
    return tuple(sorted({c.rule for c in longer if c.start <= a and c.end > b and c.start < b}))
