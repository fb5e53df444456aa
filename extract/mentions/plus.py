"""``plus``: "X+" programmes (互联网+政务服务, 人工智能+行动, 人工智能+): the name words
right before a plus sign, and those right after it."""
from __future__ import annotations

from .base import Candidate, Sent, make
from .names import action_words, is_name_token

MAX_PART = 6  # characters on each side of the plus sign
TAILS = ("新模式", "模式", "战略", "行动", "计划")


def find_plus(sent: Sent) -> list[Candidate]:
    s = sent.text
    out = []
    for k, ch in enumerate(s):
        if ch != "+":
            continue
        i = sent.ends.get(k)
        if i is None:
            continue
        a = k
        while i >= 0 and is_name_token(sent.tokens[i]) and k - sent.tokens[i].start <= MAX_PART:
            a = sent.tokens[i].start
            i -= 1
        if k - a < 2:
            continue
        j = sent.starts.get(k + 1)
        b = k + 1
        while j is not None and j < len(sent.tokens) and is_name_token(sent.tokens[j]) \
                and sent.tokens[j].text not in action_words() and sent.tokens[j].end - (k + 1) <= MAX_PART:
            b = sent.tokens[j].end
            j += 1
        tail = next((t for t in TAILS if s.startswith(t, b)), "") if b == k + 1 else ""
        name = s[a:b] + tail
        out.append(make("plus", a, b + len(tail), name, "Program", group=("plus", k),
                        aliases=(s[a:b],) if tail else ()))
        if b > k + 1 and s[b - 2:b] in TAILS:
            out.append(make("plus", a, k + 1, s[a:k + 1], "Program", group=("plus", k), variant="bare"))
    return out
