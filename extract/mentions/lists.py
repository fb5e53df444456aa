"""``list`` and ``enumeration``: names found by the list they stand in.

- ``list``: the items of a list closed by 等 and a category noun are typed by that noun
  (世界之窗、锦绣中华、欢乐谷等旅游景区 -> three Facilities); a class suffix that is no
  category is given to each item (麻涌、化龙等过江隧道 -> 麻涌过江隧道, 化龙过江隧道).  The
  category noun itself is no name (its span is recorded as ``heads``).
- ``enumeration`` (runs after the others, on their candidates): in a 、 list, an item
  without a candidate of its own gets the class of a sibling item that has one
  (哈电机、龙江广瀚入选…; 天有为、大鹏工业成功上市); short items before a last item with a
  suffix share the suffix (雄忻、石雄铁路 -> 雄忻铁路, 石雄铁路).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicons import load_tsv, words
from ..model import top_of
from .base import CJK, Candidate, Sent, make
from .names import ends_in_verb, is_proper, match_suffix, name_index, strip_generic_start

_ITEM_QUOTES = "“”\"「」『』"
_AMOUNT = re.compile(r"\d[\d.]*\s*[%万亿个家项]")


@lru_cache(maxsize=1)
def list_heads() -> dict[str, str]:
    return {row[0]: row[1] for row in load_tsv("list_heads.tsv")}


def _list_head(sent: Sent, after: int) -> tuple[int, str | None, str | None]:
    """The category noun after 等: (its end, class, distributed suffix)."""
    s = sent.text
    heads = list_heads()
    best = (after, None, None)
    for t in sent.tokens:
        if t.start < after:
            continue
        if not (CJK.match(t.text[0]) or t.text[0].isalnum()) or t.end - after > 14:
            break
        if best[1] is not None and (t.text in words("boundaries") or not (t.tag.startswith("n") or t.tag == "")):
            return best  # the noun phrase ends here
        if t.text in name_index() or t.tag in ("nr", "nz", "nt"):
            break  # a name, not a category (…等前海蛇口自贸片区…)
        phrase = s[after:t.end]
        head = next((phrase[k:] for k in range(len(phrase)) if phrase[k:] in heads), None)
        rule = match_suffix(phrase, len(phrase))
        kind = _kind_words(sent, after, t.end)  # 14座大中型水电站 -> 水电站; 过江隧道 stays
        if head is not None:
            best = (t.end, heads[head], None)
        elif rule is not None and top_of(rule.cls) in ("Place", "Project") and len(kind) <= 6 \
                and not re.search("[和与及]", kind):
            best = (t.end, rule.cls, kind)
        elif best[1] is not None:
            return best  # the longer phrase is no category: the one before it was
    return best


_COUNT_START = re.compile(r"^[\d一二三四五六七八九十百千两几多余]+[" + "".join(sorted(words("measure_words"))) + "座处]?")


def _kind_words(sent: Sent, a: int, b: int) -> str:
    """The category noun without the count and the generic words before it (14座大中型水电站 ->
    水电站): what each listed item is."""
    text = _COUNT_START.sub("", sent.text[a:b])
    gen = words("generic_names")
    ws = [t.text for t in sent.words(b - len(text), b)]
    while len(ws) > 1 and ws[0] in gen:
        ws = ws[1:]
    return "".join(ws)


def list_items(sent: Sent, stop: int) -> list[tuple[int, int]]:
    """Spans of the items of the 、 list that ends at ``stop``: the first item starts after the
    last verb of action before it; a last item joined by 和/及 after a complete name is split."""
    s = sent.text
    stops = words("clause_stops")
    left = stop
    while left > 0 and s[left - 1] not in stops:
        left -= 1
    spans = []
    a = left
    for k in range(left, stop + 1):
        if k == stop or s[k] == "、":
            spans.append((a, k))
            a = k + 1
    if not spans:
        return []
    a, b = spans[0]
    bounds = words("boundaries")
    for t in sent.tokens:
        if a <= t.start and t.end < b and (t.text in bounds or t.tag == "p"):
            a = t.end
    spans[0] = (strip_generic_start(sent, a, b), b)
    a, b = spans[-1]
    for k in range(a + 2, b - 2):
        if s[k] in "和及" and match_suffix(s, k) is not None:
            spans[-1:] = [(a, k), (k + 1, b)]
            break
    return spans


def _clean(s: str, a: int, b: int) -> tuple[int, int]:
    while a < b and s[a] in _ITEM_QUOTES:
        a += 1
    while b > a and s[b - 1] in _ITEM_QUOTES:
        b -= 1
    return a, b


def _is_item_name(sent: Sent, a: int, b: int) -> bool:
    """Does a list item name something (not 生物医药, 重点企业)?  It needs a proper word."""
    ws = [t.text for t in sent.words(a, b) if t.text.strip() and t.text not in _ITEM_QUOTES]
    if not ws or any(w in ("的", "和", "及") for w in ws) or ends_in_verb(sent.text[a:b]):
        return False
    return any(is_proper(w) and w not in words("generic_names") and not w.isdigit() for w in ws)


def find_lists(sent: Sent) -> tuple[list[Candidate], list[tuple[int, int]]]:
    s = sent.text
    out: list[Candidate] = []
    head_spans: list[tuple[int, int]] = []
    for t in sent.tokens:
        if t.text != "等":
            continue
        end, cls, distributed = _list_head(sent, t.end)
        if cls is None:
            continue
        head_spans.append((t.end, end))
        items = []
        for a, b in list_items(sent, t.start):
            a, b = _clean(s, a, b)
            item = s[a:b]
            if any(q in item for q in _ITEM_QUOTES) or item.endswith("号"):
                continue  # quotes inside an item and numbered lines are read by their own recognizers
            if 2 <= len(item) <= 24 and CJK.search(item) and not _AMOUNT.search(item):
                items.append((a, b, item))
        named = [_is_item_name(sent, a, b) for a, b, _ in items]
        most = len(items) >= 2 and sum(named) * 2 >= len(items)
        for (a, b, item), ok in zip(items, named):
            own = match_suffix(item, len(item))
            facts = (("list_head", s[t.end:end]), ("list_len", len(items)), ("list_named", sum(named)))
            g = ("list", a, b)
            if distributed and not own:
                c = make("list", a, b, item + distributed, cls, aliases=(item,), group=g, variant="distributed",
                         facts=facts)
                out.append(c.check("list.short-item", len(item) <= 6, "a long item", hard=True))
            elif own is not None and len(item) > len(own.suffix) + 1:
                out.append(make("list", a, b, item, own.cls, group=g, variant="own-suffix", facts=facts))
            else:
                c = make("list", a, b, item, cls, group=g, variant="typed-by-head", facts=facts)
                c = c.check("list.item-names", ok, "no proper word in the item")
                c = c.check("list.most-named", most, "most items are no names")
                c = c.check("list.not-verb", not ends_in_verb(item), "ends in a verb")
                out.append(c)
    return out, head_spans


def find_enumerations(sent: Sent, found: list[Candidate]) -> list[Candidate]:
    """Items of 、 lists that have no candidate of their own, typed by a sibling's candidate."""
    s = sent.text
    exact = {}
    for c in found:
        if not c.failed and not c.inner:
            exact.setdefault((c.start, c.end), c)
    covered = [(c.start, c.end) for c in found if not c.failed]
    out: list[Candidate] = []
    seps = [k for k, ch in enumerate(s) if ch == "、"]
    done: set[int] = set()
    for sep in seps:
        if sep in done:
            continue
        # the 、 list around this separator, ended by a clause stop, 等 or a verb
        k = sep
        while k < len(s) and s[k] not in words("clause_stops"):
            k += 1
        stop = _list_end(sent, sep, k)
        spans = list_items(sent, stop)
        done.update(p for p in seps if spans and spans[0][0] <= p < stop)
        if len(spans) < 2:
            continue
        spans = [_clean(s, a, b) for a, b in spans]
        typed = [exact.get(sp) for sp in spans]
        known = [c for c in typed if c is not None]
        if known:
            cls = max(sorted({c.cls for c in known}), key=lambda x: sum(c.cls == x for c in known))
            for (a, b), c in zip(spans, typed):
                item = s[a:b]
                if c is not None or not 2 <= len(item) <= 16 or not CJK.search(item) or _AMOUNT.search(item):
                    continue
                inside = [sp for sp in covered if a <= sp[0] and sp[1] <= b and sp != (a, b)]
                e = make("enumeration", a, b, item, cls, group=("enumeration", a, b), variant="sibling",
                         facts=(("sibling_rule", known[0].rule), ("siblings", len(known)), ("list_len", len(spans))))
                e = e.check("enumeration.item-names", _is_item_name(sent, a, b), "no proper word in the item")
                e = e.check("enumeration.no-inner-name", not inside, "holds a name of its own")
                e = e.check("enumeration.not-two-names", not _joins_two(s, a, b, inside),
                            "a conjunction between two names of their own (沈阳与北京)", hard=True)
                out.append(e)
        # short items before a last item with a suffix share it: 雄忻、石雄铁路项目 -> 雄忻铁路 (or 雄忻项目)
        la = spans[-1][0]
        suffixed = [c for c in found if c.rule == "suffix" and c.start == la and not c.failed]
        for c in suffixed:
            rule = match_suffix(c.name, len(c.name))
            if rule is None or len(c.name) <= len(rule.suffix) + 1:
                continue
            for (a, b), own in zip(spans[:-1], typed[:-1]):
                item = s[a:b]
                if own is None and 2 <= len(item) <= 4 and match_suffix(item, len(item)) is None and CJK.search(item):
                    out.append(make("enumeration", a, b, item + rule.suffix, c.cls, aliases=(item,),
                                    group=("enumeration", a, b), variant="shared-suffix",
                                    facts=(("suffix", rule.suffix), ("list_len", len(spans)))))
    return out


def _joins_two(s: str, a: int, b: int, inside: list[tuple[int, int]]) -> bool:
    """Does the item s[a:b] join two of the names found inside it with a conjunction?"""
    conj = words("conjunctions")
    return any(x[1] <= y[0] and s[x[1]:y[0]] in conj for x in inside for y in inside)


def _list_end(sent: Sent, sep: int, limit: int) -> int:
    """Where the 、 list through ``sep`` ends: before 等, or at the end of the item after the
    last separator (the item stops before a verb of action or a particle)."""
    s = sent.text
    last = sep
    k = sep + 1
    while k < limit:
        if s[k] == "、":
            last = k
        k += 1
    k = s.find("等", last, limit)
    if k > 0:
        return k
    end = last + 1
    for t in sent.tokens:
        if t.start <= last:
            continue
        if t.start >= limit or t.text in words("boundaries") or t.tag in ("u", "uj", "p", "c", "d", "v"):
            break  # the last item ends before a verb, a particle or a conjunction
        end = t.end
    return end
