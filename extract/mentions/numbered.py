"""``numbered``: numbered orders share the first one's issuer (广州市总河长5号令、8号令)."""
from __future__ import annotations

import re

from .base import Candidate, Sent, make

_NUMBERED = re.compile(r"(?P<stem>.*?)(?P<n>\d+)(?P<kind>号令|号文)$")


def numbered_siblings(sent: Sent, chosen: list[Candidate]) -> list[Candidate]:
    s = sent.text
    out = []
    for c in chosen:
        m = _NUMBERED.match(c.name)
        if not m:
            continue
        pos = c.end
        sib = re.compile(r"[、和及](\d+)" + m.group("kind"))
        while (n := sib.match(s, pos)) is not None:
            out.append(make("numbered", n.start(1), n.end(), m.group("stem") + n.group(1) + m.group("kind"), c.cls,
                            aliases=(s[n.start(1):n.end()],), group=("numbered", n.start(1))))
            pos = n.end()
    return out
