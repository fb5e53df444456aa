"""``quote``: “…” slogans are initiatives, extended by a class suffix that follows the
closing quote (“一业一证”改革, “三通”清单, “珠宝+文化旅游”小镇).

One quote gives up to three alternatives (one group): the quoted phrase, the phrase with
its tail, and a longer name the quote sits in (广深“双城”联动发展先导区).  Figures of
speech (“窗口”, “十四五”, …的“宏伟蓝图”, a clause that starts with a verb) are soft
checks: the classifier weighs them.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..lexicons import load_tsv, words
from ..model import top_of
from .base import CJK, FOOTNOTE_MARK, Candidate, Sent, config, make
from .names import bare_suffix, freq, is_name_token, match_suffix, name_index, tag

OPEN_QUOTES = {"“": "”", "\"": "\"", "「": "」", "『": "』", "‘": "’"}
_VERSION = re.compile(r"\d+(?:\.\d+)*版")
_PACKAGE = re.compile(r"[\d一二三四五六七八九十]+条$")

# “十四五”, “十五五”时期: the period of a five-year plan is a time, not an initiative
_PLAN_PERIOD = re.compile(r"[一二三四五六七八九十]{1,3}五(?:时期|期间)?")


def _tail(s: str, pos: int) -> tuple[int, str | None]:
    """After a closing quote: how far a class suffix extends the name, and its class.
    The tail never runs over a particle or conjunction (“一带一路”的新贸易创新中心),
    nor over a verb (“一轴一路”一轴包括东风村)."""
    best_end, best_cls = pos, None
    m = _VERSION.match(s, pos)
    if m:
        return m.end(), None
    limit = min(len(s), pos + 12)
    for w in words("tail_verbs"):
        k = s.find(w, pos, limit)
        if k >= 0:
            limit = k
    stops = words("tail_stops")
    j = pos
    while j < limit and (CJK.match(s[j]) or s[j].isalnum()) and s[j] not in stops:
        j += 1
        rule = match_suffix(s, j)
        if rule and j - pos >= len(rule.suffix) and s[pos:j].endswith(rule.suffix):
            best_end, best_cls = j, rule.cls
    if best_cls is None:
        for suf in sorted(words("quote_tails_package") | words("quote_tails_initiative"), key=len, reverse=True):
            if s.startswith(suf, pos):
                best_end = pos + len(suf)
                best_cls = "PolicyPackage" if suf in words("quote_tails_package") else "Initiative"
                break
    if best_end > pos:
        m = _VERSION.match(s, best_end)
        if m:  # a policy with a version is a package of documents (“金镶玉”政策2.0版); without, a programme (“两新”政策)
            best_end, best_cls = m.end(), "PolicyPackage"
    return best_end, best_cls


_NUMERAL = re.compile(r"[一二三四五六七八九十两百千万亿双\d]")
_COUNT_BEFORE = re.compile(r"(?:[\d一二三四五六七八九十两百千万]+(?:个|项|批|类)|一大批|一批|各类|多个|等)$")
_COUNT_AFTER = re.compile(r"[\d一二三四五六七八九十两百千万]+(?:个|项|批)")


def _bare_kind(tail: str) -> bool:
    """Is the tail a class word, alone or after generic words only (项目, 重大项目)?"""
    r = match_suffix(tail, len(tail))
    return r is not None and (r.suffix == tail or tail[:-len(r.suffix)] in words("generic_names"))


def _counted_around(s: str, opening: int, end: int) -> bool:
    """Is the quote that opens at ``opening`` and its tail (to ``end``) counted: a count or a 等 right
    before it (206个“两重”项目, 音乐会等“文艺赋美”项目), or a count right after (“自审自发”项目2146个)?"""
    return bool(_COUNT_BEFORE.search(s, max(0, opening - 8), opening) or _COUNT_AFTER.match(s, end))


def counts(phrase: str) -> bool:
    """Does the phrase hold a numeral (两重, 三区一中心, 1+N): a slogan that counts?"""
    return _NUMERAL.search(phrase) is not None


def _speech_checks(c: Candidate, sent: Sent, start: int, a: int, b: int) -> Candidate:
    """Soft checks that a quoted phrase (sent.text[a:b]) is a figure of speech, not a name."""
    content = sent.text[a:b]
    ws = [t for t in sent.words(a, b) if t.text.strip()]
    name_tags = words("name_tags")
    c = c.check("quote.not-number", not all(t.tag == "m" or re.fullmatch(r"[\d.]+", t.text) for t in ws),
                "only a number or period")
    common = len(ws) == 1 and tag(ws[0].text) not in name_tags and freq(ws[0].text) >= 10
    # a slogan is coined (三区一中心, 湾区通) or counts (两重, 三保); a word of the dictionary that
    # counts nothing is a figure of speech (“化学反应”, “满堂红”, “牛鼻子”): of the quoted phrases of the
    # gold reports, 20 such words, none of them an entity
    figure = freq(content) >= 1 and tag(content) not in name_tags and not _NUMERAL.search(content)
    c = c.check("quote.not-figure-of-speech", not figure,
                f"a word of the dictionary (jieba frequency {freq(content)}) that counts nothing" if figure else "",
                hard=True)
    c = c.check("quote.not-common-word", not common, f"a common word (jieba frequency {freq(ws[0].text)})" if common else "")
    after_de = start > 0 and sent.text[start - 1] == "的" and len(ws) <= 3 and "+" not in content
    c = c.check("quote.not-after-de", not after_de, "a metaphor after 的")
    first = ws[0] if ws else None
    verb_start = first is not None and (first.tag in ("p", "d", "ad") or
                                        (first.text in words("boundaries") and first.tag[:1] in ("v", "d")))
    c = c.check("quote.not-clause", not verb_start, f"starts with {first.text}" if verb_start else "")
    c = c.check("quote.not-award", not content.endswith(tuple(words("honours"))), "an award")
    return c


def quoted_spans(s: str):
    """(opening, closing) positions of each quote of ``s``, left to right; a quote left open ends
    the search."""
    i, n = 0, len(s)
    while i < n:
        close = OPEN_QUOTES.get(s[i])
        if close is None:
            i += 1
            continue
        j = s.find(close, i + 1)
        if j < 0:
            return
        yield i, j
        i = j + 1


def find_quotes(sent: Sent) -> list[Candidate]:
    s = sent.text
    max_quote = int(config().threshold("max_quote"))
    out: list[Candidate] = []
    for i, j in quoted_spans(s):
        a, b = i + 1, j
        while a < b and s[a].isspace():
            a += 1
        while b > a and s[b - 1].isspace():
            b -= 1
        content = s[a:b]
        group = ("quote", i)
        base = make("quote", i, j + 1, content, "Slogan", group=group)
        base = base.check("quote.length", 2 <= len(content) <= max_quote, f"{len(content)} characters", hard=True)
        base = base.check("quote.chinese", bool(CJK.search(content) or re.fullmatch(r"[\dA-Za-z]+(?:\+[\dA-Za-z]+)+", content)),
                          "no Chinese", hard=True)
        base = base.check("quote.no-sentence", not re.search(r"[。；;!?！？]", content), "holds a sentence", hard=True)
        base = base.check("quote.not-period", not _PLAN_PERIOD.fullmatch(content), "a five-year plan's period",
                          hard=True)
        base = base.check("quote.few-commas", content.count(",") + content.count("，") <= 1, "a clause with commas")
        if base.failed:
            out.append(base)
            continue
        after = j + 1
        fn = FOOTNOTE_MARK.match(s, after)
        if fn:
            after = fn.end()  # “六个趋势”【7】: a footnote mark is no part of the tail
        end, tail_cls = _tail(s, after)
        tail = s[after:end]
        cls = "PolicyPackage" if content.endswith(tuple(words("document_suffixes"))) or _PACKAGE.search(content) else "Slogan"
        phrase = _speech_checks(base, sent, i, a, b)
        phrase = replace(phrase, cls=cls, variant="phrase", facts=(("tail", tail),))
        out.append(phrase)
        if tail:
            tcls = tail_cls or ("PolicyPackage" if tail.endswith("版") and "政策" in content else cls)
            lexicon_programme = any(top_of(e.cls) == "Initiative" for e in name_index().get(content, ()))
            kind_of = bool(tail_cls) and top_of(tail_cls) in ("Organization", "Place") and tail == bare_suffix(tail) \
                and lexicon_programme  # “双一流”大学: universities of a programme, no name
            c = make("quote", i, end, content + tail, tcls, group=group, aliases=(content,), variant="with-tail",
                     facts=(("tail", tail),))
            c = _speech_checks(c, sent, i, a, b).check("quote.tail-names-thing", not kind_of,
                                                       "a programme before a bare class word")
            # projects of a programme, counted (206个“两重”项目, 等“文艺赋美”项目, “自审自发”项目2146个):
            # the quote names the programme, the tail what it counts
            many = bool(tail_cls) and top_of(tail_cls) == "Project" and _bare_kind(tail) and _counted_around(s, i, end)
            c = c.check("quote.tail-not-counted", not many,
                        "things of a programme counted: the quote names the programme", hard=True)
            out.append(c)
            if tail_cls and len(tail) > 3 and top_of(tail_cls) in ("Place", "Organization", "Project"):
                left = _name_start_before(sent, i)
                if left < i:
                    out.append(make("quote", left, end, s[left:i] + content + tail, tail_cls, group=group,
                                    variant="inside-name", facts=(("tail", tail),)))
                if content in name_index() or tail.startswith(tuple(words("relational"))):
                    # the slogan stands for itself inside the name: “一带一路”法律服务集聚区
                    out.append(make("quote", i, j + 1, content, "Slogan", inner=True, group=("quote-inner", i),
                                    variant="inner"))
    return out


def quote_uses(text: str):
    """(phrase, 1 if acted on else 0) for every quoted phrase of ``text``: acted on when a verb of
    action (``quote_act_verbs``) ends right before the opening quote or a word of what is done
    (``quote_act_tails``) starts right after the closing one (实施“两新”, “一业一证”改革)."""
    max_quote = int(config().threshold("max_quote"))
    for i, j in quoted_spans(text):
        phrase = text[i + 1:j].strip()
        if 2 <= len(phrase) <= max_quote and not re.search(r"[。；;!?！？\n]", phrase):
            yield phrase, int(acted_on(text, i, j))


def acted_on(text: str, i: int, j: int) -> bool:
    """Is the quote that opens at ``i`` and closes at ``j`` acted on: a verb of action
    (``quote_act_verbs``) ends right before it, or a word of what is done (``quote_act_tails``)
    starts right after it?"""
    return text[max(0, i - 4):i].endswith(tuple(words("quote_act_verbs"))) \
        or text.startswith(tuple(words("quote_act_tails")), j + 1)


@lru_cache(maxsize=1)
def quote_usage() -> dict[str, tuple[int, int]]:
    """Phrase -> (times quoted, times acted on) in a corpus of reports (``quote_usage.tsv``,
    generated by ``lexicons/make_quote_usage.py``)."""
    return {row[0]: (int(row[1]), int(row[2])) for row in load_tsv("quote_usage.tsv")}


def usage_kind(phrase: str) -> str:
    """How a corpus of reports uses a quoted phrase, for the classifier to weigh: ``unknown``
    (quoted fewer than twice), ``never-acted`` (发挥“压舱石”作用, 牵住“牛鼻子”), ``seldom-acted``
    (under a third of its quotes) or ``acted`` (实施“两新”)."""
    n, act = quote_usage().get(phrase, (0, 0))
    if n < 2:
        return "unknown"
    if act == 0:
        return "never-acted"
    return "seldom-acted" if 3 * act < n else "acted"


def _name_start_before(sent: Sent, pos: int, limit: int = 6) -> int:
    """Where a name that continues at ``pos`` starts: name words right before it, up to ``limit`` chars."""
    start = pos
    for t in reversed(sent.tokens):
        if t.end > start:
            continue
        if t.end < start or pos - t.start > limit or not is_name_token(t) or t.tag.startswith("v"):
            break
        start = t.start
    return start
