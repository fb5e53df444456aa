"""``gazetteer``, ``short-form`` and ``lexicon``: exact matches of known names.

- ``gazetteer``: administrative divisions by full name (GB/T 2260);
- ``short-form``: a division's short form (南沙 for 南沙区, 河北 for 河北省);
- ``lexicon``: the regions, institutions and initiatives lexicons, with their aliases.

A division's name or short form is a mention only where the segmentation makes it a word
of its own (no 增城区 in 新增城区, no 沙特 in 南沙特色).  A short form that is also a
common word of the language (新建, 港口, 人大) is marked as such (``common-word``): the
document stage keeps it only with evidence (the division's full name or its parent in
the report, or the report's own area).  The division written just before a name (平顶山市
新华区) is recorded as its written parent, which decides between namesakes.
"""
from __future__ import annotations

from dataclasses import replace

from ..gazetteer import gazetteer
from ..model import top_of
from .base import Candidate, Sent, config, make
from ..lexicons import words
from .names import action_words, first_two_index, freq, name_index, tag

def is_common_word(word: str) -> bool:
    """A word of everyday prose: a verb of action or a generic word of our lists (新建), or one
    jieba's dictionary knows well as something other than a name (港口)."""
    if word in action_words() or word in words("generic_names"):
        return True
    return freq(word) >= config().threshold("common_word_freq") and tag(word) not in ("ns", "nt", "nr", "nz", "j")


def find_lexicon(sent: Sent) -> list[Candidate]:
    s = sent.text
    idx = name_index()
    first = first_two_index()
    starts, ends = sent.starts, sent.ends
    out: list[Candidate] = []
    for i in range(len(s)):
        for name in first.get(s[i:i + 2], ()):
            if not s.startswith(name, i):
                continue
            end = i + len(name)
            on_words = (i in starts and end in ends) or _in_compound(sent, i, end, idx)
            for e in idx[name]:
                rule = e.rule
                c = make(rule, i, end, e.name, e.cls, code=e.code, aliases=(name,) if name != e.name else (),
                         group=(rule, i, end))
                if rule in ("gazetteer", "short-form") or len(name) <= 2:
                    c = c.check(f"{rule}.word-boundary", on_words, f"{name} is inside a word", hard=True)
                if top_of(e.cls) == "Place":
                    manner = next((w for w in words("place_manners") if s.startswith(w, end)), None)
                    c = c.check(f"{rule}.not-manner", manner is None,
                                f"{name}{manner}: the place names a manner, not where (中国特色社会主义)", hard=True)
                if e.short or (rule == "lexicon" and name != e.name):
                    common = is_common_word(name)
                    c = c.check(f"{rule}.not-common-word", not common,
                                f"{name} is a common word (jieba frequency {freq(name)}, tag {tag(name) or '-'})")
                    if common:
                        c = replace(c, facts=(*c.facts, ("needs_evidence", 1.0)))
                        if top_of(e.cls) == "Organization" and s.startswith(tuple(words("body_acts")), end):
                            c = replace(c, facts=(*c.facts, ("body_acts", 1.0)))
                elif rule == "gazetteer" and len(name) <= 2:
                    # 兴县, 沙县: a two-character division name is often part of a phrase (产业兴县)
                    c = replace(c, facts=(*c.facts, ("needs_evidence", 1.0)))
                out.append(c)
            break  # longest name at this position only
    out = _written_parents(s, out)
    return out + _regional_initiatives(s, out)


def _in_compound(sent: Sent, a: int, b: int, idx) -> bool:
    """长江黄河: the segmenter glued two names into one word; each is a word of its own.  True when
    the word holding s[a:b] is s[a:b] and another place of the lexicon side by side, both by their
    full names (a division's short form glued to a word is a phrase: 同心同德, 安居乐业, 上海浦东新区)."""
    i = sent.token_at(a)
    tok = sent.tokens[i] if i >= 0 else None
    if tok is None or not (tok.start <= a and b <= tok.end) or (tok.start, tok.end) == (a, b):
        return False
    s = sent.text
    rest = s[tok.start:a] if tok.end == b else s[b:tok.end] if tok.start == a else ""
    def lexicon_place(name: str) -> bool:
        return any(e.rule == "lexicon" and not e.short and e.name == name and top_of(e.cls) == "Place"
                   for e in idx.get(name, ()))
    return len(rest) >= 2 and lexicon_place(rest) and lexicon_place(s[a:b])


def _written_parents(s: str, found: list[Candidate]) -> list[Candidate]:
    """平顶山市新华区: the division right before a division name is its written parent.  A short
    form counts as one where it is the division's parent (清远阳山县); and a parent so written is
    itself a place the text names (``written_child``)."""
    gz = gazetteer()
    full = {c.end: c for c in found if c.code and c.rule == "gazetteer"}
    short = {c.end: c for c in found if c.code and c.rule == "short-form"}
    parent_of: dict[int, Candidate] = {}
    for c in found:
        p = full.get(c.start)
        if p is None and c.code and c.start in short:
            q = short[c.start]
            if q.code in {a.code for a in gz.ancestors(c.code)}:
                p = q
        if p is not None and c.code and c is not p:
            parent_of[id(c)] = p
    parents = {id(p) for p in parent_of.values()}
    out = []
    for c in found:
        facts = c.facts
        if id(c) in parent_of:
            facts = (*facts, ("written_parent", parent_of[id(c)].code))
        if id(c) in parents:
            facts = (*facts, ("written_child", 1.0))
        out.append(replace(c, facts=facts) if facts is not c.facts else c)
    return out


def _regional_initiatives(s: str, found: list[Candidate]) -> list[Candidate]:
    """A region right before a programme of the lexicon makes one name: 大湾区国际科创中心,
    named by the canonical names of both (粤港澳大湾区国际科技创新中心)."""
    out = []
    regions = {c.end: c for c in found if c.cls == "Region"}
    for c in found:
        r = regions.get(c.start)
        if r is not None and top_of(c.cls) == "Initiative":
            name = r.name + c.name
            forms = {s[r.start:c.end], r.name + s[c.start:c.end]} - {name}
            out.append(make("lexicon", r.start, c.end, name, c.cls, aliases=tuple(sorted(forms)),
                            group=("lexicon", r.start, c.end), variant="region-programme"))
    return out
