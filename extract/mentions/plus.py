"""``plus``: "X+" programmes (互联网+政务服务, 人工智能+行动, 人工智能+)."""
from __future__ import annotations

import re

from .base import Candidate, Sent, make

_PLUS = re.compile(r"(?<![\u4e00-\u9fff\d])([\u4e00-\u9fff]{2,6}\+(?:[\u4e00-\u9fff]{2,6})?)(新模式|模式|战略|行动)?")


def find_plus(sent: Sent) -> list[Candidate]:
    out = []
    for m in _PLUS.finditer(sent.text):
        out.append(make("plus", m.start(), m.end(), m.group(0), "Program", group=("plus", m.start()),
                        aliases=(m.group(1),) if m.group(2) else ()))
    return out
