"""``line``: numbered lines, also in coordination (地铁18号、22号线 -> 地铁18号线, 地铁22号线;
轨道 12、13 号线), and the phases of one work said together (…一期、二期 -> two names)."""
from __future__ import annotations

import re
from dataclasses import replace

from .base import Candidate, Sent, make
from .names import right_paren

_LINES = re.compile(r"(?P<pre>地铁|轨道交通|轨道|城际)?\s?(?P<nums>\d+(?:\s?号线?)?(?:\s?[、和及与]\s?\d+(?:\s?号线?)?)*)\s?号线")
_PHASES = re.compile(r"(?P<base>[\u4e00-\u9fff]{2,12}?)(?P<p1>[一二三四五六七八九十]期)(?P<more>(?:[、和]?[一二三四五六七八九十]期)+)")


def find_lines(sent: Sent) -> list[Candidate]:
    s = sent.text
    out: list[Candidate] = []
    for m in _LINES.finditer(s):
        pre = m.group("pre") or ""
        parts = list(re.finditer(r"(\d+)(?:\s?号线?)?", s[m.start():m.end()]))
        for k, p in enumerate(parts):
            a = m.start() + (0 if k == 0 else p.start())
            b = m.start() + p.end()
            if k == len(parts) - 1:
                b = right_paren(s, m.end(), "TransportProject")
            tail = re.sub(r"\s", "", s[m.end():b]) if k == len(parts) - 1 else ""
            out.append(make("line", a, b, f"{pre}{p.group(1)}号线{tail}", "TransportProject",
                            inner=len(parts) > 1, group=("line", a, b)))
    return out


def expand_phases(c: Candidate) -> list[Candidate]:
    """福利中心一期、二期 names two phases: 福利中心一期 and 福利中心二期."""
    m = _PHASES.fullmatch(c.name)
    if not m:
        return [c]
    phases = [m.group("p1")] + re.findall(r"[一二三四五六七八九十]期", m.group("more"))
    first = replace(c, name=m.group("base") + phases[0], aliases=(c.name,))
    rest = [replace(c, name=m.group("base") + p, aliases=(), inner=True) for p in phases[1:]]
    return [first, *rest]
