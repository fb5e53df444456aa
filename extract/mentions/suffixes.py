"""``suffix``: a class suffix (…大学, …大桥, …改革, …产业园, …行动) ends a name; where the
name starts is found to its left.

For one suffix the recognizer proposes several starts (one group, of which at most one is
kept): the start the rules find (walking left over name words, then cutting verbs of
action and counts off the front: ``rule-start``), and the other word starts of the clause
before the suffix.  The classifier chooses among them from the words at and before each
start.  What the rules know about the stem (``_stem_checks``: is it only generic words, a
count, a date, a coordination?) goes to the classifier as soft checks.
"""
from __future__ import annotations

import re

from ..lexicons import words
from ..model import top_of
from .base import CJK, Candidate, Sent, config, make
from .names import (SuffixRule, bare_suffix, clause_start, division_prefix, is_name_token, is_proper, log_freq, match_suffix, place_prefix, right_paren,
                    specific_chars, strip_generic_start, starts_with_lone_level, tag, walk_left, name_index)

_COUNTED = re.compile(r"[一二三四五六七八九十两\d]+[大个项强]")
# a water transfer is named by its source and where the water goes: 引大济岷 (the 大渡河's water to
# the 岷江's plain), 引汉济渭, 引江济淮, 引绰济辽: works that are built
_WATER_TRANSFER = re.compile(r"引[\u4e00-\u9fff]济[\u4e00-\u9fff]")
_POLICY_CLASSES = frozenset(("Reform", "Mechanism", "Strategy"))
_LOCAL_PLACES = frozenset(("Township", "Community"))


def _stem_checks(c: Candidate, sent: Sent, a: int, head: int, rule: SuffixRule, word: str) -> Candidate:
    """Checks on the stem sent.text[a:head] before the suffix: does it carry a name?  ``word``: the
    word the suffix starts inside ("" when the suffix starts a word)."""
    stem = sent.text[a:head]
    ws = [t.text for t in sent.words(a, head) if t.text.strip()]
    gen = words("generic_names")
    specific = specific_chars(ws)
    c = c.check("suffix.not-counted", not _COUNTED.search(stem), "a count of a kind (三大平台)")
    c = c.check("suffix.stem-end", not (stem and (stem[-1] in words("conjunctions") or (ws and tag(ws[-1]) == "p"))),
                "the stem ends in a conjunction or preposition")
    date = bool(ws) and all(tag(w) in ("t", "m") or re.fullmatch(r"[\d.]+", w) for w in ws) \
        and bool(re.search(r"[\d年月日季期]", stem))
    c = c.check("suffix.not-date", not date, "a date or number")
    c = c.check("suffix.specific", specific > 0, "only generic words")
    proper = any(is_proper(w) and w not in gen for w in ws)
    weak = rule.suffix.endswith(tuple(words("weak_suffixes")))
    designation = stem.startswith(tuple(words("designations")))
    c = c.check("suffix.weak-needs-name", not weak or proper or specific >= 5 or designation,
                "generic words before a weak suffix")
    if rule.suffix in words("trade_suffixes"):
        # the brand is the stem's last two characters (禧跃 in 禧跃食品, however jieba cuts it): a rare
        # word and no verb (助推药业); and the trade is a word of its own: inside a dictionary word
        # (保健食品, 生物医药) it is a kind
        brand = stem[-2:]
        ok = len(brand) == 2 and log_freq(brand) < config().threshold("brand_log_freq") \
            and not tag(brand).startswith("v") and brand not in gen and not (word and tag(word))
        c = c.check("suffix.trade-after-brand", ok, f"{brand} is no brand before {rule.suffix}", hard=True)
    if rule.cls in _POLICY_CLASSES:
        coordination = any(w in words("conjunctions") or w == "、" for w in ws)
        c = c.check("suffix.policy-not-coordination", not coordination, "a coordination of kinds of policy")
        # of kinds only, with no proper word but a bare class word (高新区和高校联动发展机制): a
        # description, not a name
        named = any(is_proper(w) and w not in gen and bare_suffix(w) is None for w in ws)
        c = c.check("suffix.policy-not-kinds-joined", not (coordination and not named),
                    "a coordination of kinds with no proper word", hard=True)
        k = place_prefix(ws)
        c = c.check("suffix.policy-not-place-kind", not (k and specific_chars(ws[k:]) == 0),
                    "a place and generic words (生物岛管理体制机制)")
    # 之江实验室和良渚实验室: the suffix, a conjunction and another stem are two names, not one
    joined = re.search(re.escape(rule.suffix) + r"(?:以及|[和与及、])", stem)
    c = c.check("suffix.not-two-names", joined is None, f"{rule.suffix} twice, with a conjunction between",
                hard=True)
    # 按计划 (as planned), 规划建设 (to plan and build): the suffix word used as an adverb or a verb
    # (a one-character suffix is no word of its own: 基卡依村 is a village, not 依 + 村)
    adverb = len(rule.suffix) > 1 and word.endswith(rule.suffix) \
        and word[:len(word) - len(rule.suffix)] in words("adverbial_heads")
    verb = rule.suffix in words("verb_suffixes") and sent.text.startswith(tuple(words("verb_suffix_objects")), c.end)
    c = c.check("suffix.not-adverb-or-verb", not (adverb or verb), f"{rule.suffix} used as an adverb or a verb",
                hard=True)
    if len(rule.suffix) == 1:
        name = stem + rule.suffix
        common = tag(name) not in ("", "ns") and log_freq(name) > 1.3
        c = c.check("suffix.not-common-word", not common, f"{name} is a common word")
    return c


def _suffix_ends(tokens):
    """(index, token, end) of each place a class suffix may end: every token's end, and inside a
    word the segmenter guessed (no dictionary word, no tag), where it joined a suffix to the next
    word's first character (成都都市|圈主|引擎: 都市圈 ends inside 圈主)."""
    for i, t in enumerate(tokens):
        if not t.tag and len(t.text) >= 2 and all(CJK.match(ch) for ch in t.text):
            for e in range(t.start + 1, t.end):
                yield i, t, e
        yield i, t, t.end


def find_suffixed(sent: Sent) -> list[Candidate]:
    s, tokens = sent.text, sent.tokens
    max_name = int(config().threshold("max_name"))
    max_starts = int(config().threshold("max_starts"))
    out: list[Candidate] = []
    for i, t, t_end in _suffix_ends(tokens):
        rule = match_suffix(s, t_end)
        if rule is None:
            continue
        head = t_end - len(rule.suffix)
        if _known_name_of_other_class(t.text, rule):
            continue  # 一带一路 ends in 路 but is no road: the word is a name of its own
        if rule.suffix in words("project_tails") and _built_before(s, head):
            continue  # 石雄铁路项目: the railway is the name, 项目 says what kind of thing it is
        k = i  # the token in which the suffix starts (创新 + 园 for 创新园)
        while k > 0 and tokens[k].start > head:
            k -= 1
        rule_start = strip_generic_start(sent, walk_left(sent, k, head, max_name), head)
        if top_of(rule.cls) == "Initiative":
            rule_start = _verbal_noun_start(sent, head, rule_start, max_name)
        if rule.cls in _LOCAL_PLACES:
            # 丹巴县基卡依村, 蕉岭县长潭镇: the divisions written before a village or a town are places of
            # their own (the gazetteer names them); the village's name starts after them
            skip = division_prefix(s[rule_start:head])
            if 0 < skip and head - (rule_start + skip) >= rule.min_name:
                rule_start += skip
        word = tokens[k].text if tokens[k].start < head < tokens[k].end else ""
        group = ("suffix", t_end)
        ends = {right_paren(s, t_end, rule.cls), t_end}
        if not s[rule_start:head] and rule.cls == "Zone" and len(rule.suffix) >= 3:
            # a bare zone word (知识城, 自贸区): resolved to the report's zone later, or dropped
            out.append(make("suffix", head, t_end, rule.suffix, rule.cls, group=group, variant="bare",
                            facts=_facts(rule, 0, True)))
            continue
        starts = _starts(sent, head, rule_start, max_name, max_starts)
        for a in starts:
            for end in sorted(ends):
                name = s[a:end]
                cls = "Facility" if rule.suffix == "工程" and (any(ch in words("physical_chars") for ch in s[a:head])
                                                             or _WATER_TRANSFER.search(s, a, head)) else rule.cls
                variant = ("rule-start" if a == rule_start else f"start{a - rule_start:+d}") + \
                    ("" if end == t_end else "+paren")
                c = make("suffix", a, end, name, cls, group=group, variant=variant,
                         facts=_facts(rule, head - a, a == rule_start))
                # a lone level word stands for an area's name (区|医院 is 满城区医院): as long as the shortest
                stem = head - a + (1 if head - a == 1 and starts_with_lone_level(name) else 0)
                c = c.check("suffix.min-stem", stem >= rule.min_name, f"stem of {head - a} < {rule.min_name}",
                            hard=True)
                if c.failed:
                    out.append(c)
                    continue
                c = _stem_checks(c, sent, a, head, rule, word)
                if top_of(rule.cls) == "PolicyDocument":
                    c = c.check("suffix.not-planning-act", not s.startswith(tuple(words("planning_acts")), end),
                                "planning as an activity (规划建设)")
                if rule.suffix in ("战略", "改革") and i + 1 < len(tokens):
                    nxt = tokens[i + 1]
                    qualifies = nxt.tag.startswith("n") and nxt.text not in words("boundaries") \
                        and match_suffix(s, nxt.end) is None
                    c = c.check("suffix.not-qualifier", not qualifies, f"qualifies {nxt.text} (国家战略科技力量)")
                out.append(c)
        if rule.suffix in words("battles"):
            a = _coordinated_start(sent, rule_start)
            if a < rule_start:
                out.append(make("suffix", a, t_end, s[a:t_end], rule.cls, group=group, variant="battle-list",
                                facts=_facts(rule, head - a, False)))
    return out


def _verbal_noun_start(sent: Sent, head: int, rule_start: int, max_name: int) -> int:
    """A programme is named by what it does: the verbs right before 行动, 工程 or 试点 are its
    name's last words (消费环境优化行动, 市场准入壁垒清理整治行动), not where the name stops.  Walks
    on left over the verbs (up to ``verbal_noun_verbs``) where the rules' start stopped at them,
    next to the suffix or to one short word before it; the name goes on over the words before
    them, not over another verb (成都纳入|全国…改革试点)."""
    tokens = sent.tokens
    between = sent.words(rule_start, head)
    if len(between) > 1 or (between and len(between[0].text) > 2):
        return rule_start  # the verbs must be the suffix's (违建整治|专项行动), not some earlier clause's
    j = sent.ends.get(rule_start)
    verbs, most = 0, int(config().threshold("verbal_noun_verbs"))
    while j is not None and j >= 0 and verbs < most and tokens[j].text in words("boundaries") \
            and tokens[j].tag.startswith("v") and len(tokens[j].text) == 2:
        verbs += 1
        j -= 1
    if verbs == 0 or j < 0 or not is_name_token(tokens[j]):
        return rule_start
    start = walk_left(sent, j, tokens[j + 1].start, max_name)
    while j >= 0 and tokens[j].start >= start:
        if tokens[j].tag == "v":
            start = tokens[j].end
            break
        j -= 1
    start = strip_generic_start(sent, start, head)
    return start if start < rule_start and head - start <= max_name else rule_start


def _built_before(s: str, head: int) -> bool:
    """Does a suffix of built works end just before ``head`` (铁路 in 石雄铁路项目)?"""
    inner = match_suffix(s, head)
    return inner is not None and top_of(inner.cls) == "Project" and inner.suffix not in words("project_tails")


def _known_name_of_other_class(word: str, rule: SuffixRule) -> bool:
    """Is the word the suffix ends a lexicon name (longer than the suffix) of another class?"""
    if len(word) <= len(rule.suffix) or not word.endswith(rule.suffix):
        return False
    entries = name_index().get(word, ())
    return bool(entries) and all(top_of(e.cls) != top_of(rule.cls) for e in entries)


def _facts(rule: SuffixRule, stem_len: int, rule_start: bool) -> tuple:
    return (("suffix", rule.suffix), ("suffix_cls", rule.cls), ("stem_len", stem_len),
            ("rule_start", 1.0 if rule_start else 0.0), ("min_name", rule.min_name))


def _starts(sent: Sent, head: int, rule_start: int, max_name: int, max_starts: int) -> list[int]:
    """Start positions to propose: the rules' start and the word starts of the clause before
    the suffix, nearest to the rules' start first."""
    s = sent.text
    lo = max(clause_start(s, head), head - max_name)
    for k in range(head - 1, lo - 1, -1):
        if s[k] == "、" or (s[k] == "等" and k in sent.starts and sent.tokens[sent.starts[k]].text == "等"):
            lo = k + 1  # no start before an enumeration's separator or its 等
            break
    cands = {rule_start}
    for t in sent.tokens:
        if lo <= t.start < head and (s[t.start].isalnum() or s[t.start] in "“\"(（"):
            cands.add(t.start)
        if not t.tag and len(t.text) >= 3 and lo <= t.start and t.end <= head:
            # a word jieba does not know may hold a verb glued to a name (做 + 强雄安中关村…)
            cands.update(range(t.start + 1, t.end - 1))
    ordered = sorted(cands, key=lambda a: (abs(a - rule_start), a))
    return sorted(ordered[:max_starts])


def _coordinated_start(sent: Sent, start: int) -> int:
    """A battle names all it is fought on: 蓝天、绿水、净土攻坚战; 产业基础高级化、产业链现代化攻坚战.
    Goes left over 、 while the item before it is a short phrase that names nothing itself."""
    s = sent.text
    max_name = int(config().threshold("max_name"))
    while start > 0 and s[start - 1] == "、":
        k = sent.ends.get(start - 1)
        if k is None:
            break
        a = strip_generic_start(sent, walk_left(sent, k, sent.tokens[k].start, max_name), start - 1)
        item = s[a:start - 1]
        if not 2 <= len(item) <= 10 or match_suffix(item, len(item)) is not None or item in name_index():
            break
        start = a
    return start
