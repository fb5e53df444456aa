"""``phase``: a work named with its phase, which needs no class suffix (毗河供水一期, 长江存储二期,
秦皇岛港煤五期, 福利中心三期, 三门核电三期项目).  A phase word (一期 … 十期, a token of its own)
right after name words makes a project of them, with the project tail after it (项目, 工程,
扩建: words.toml's phase_tails).  第三期 and 十四五期间 are no phases: the phase must be the
tokenizer's word and the word before it name material."""
from __future__ import annotations

import re

from ..lexicons import words
from .base import Candidate, Sent, config, make
from .names import is_name_token, is_place_name, strip_generic_start, walk_left

_PHASE = re.compile(r"[一二三四五六七八九十]期")


def find_phases(sent: Sent) -> list[Candidate]:
    s, tokens = sent.text, sent.tokens
    max_name = int(config().threshold("max_name"))
    tails = words("phase_tails")
    out: list[Candidate] = []
    for i in range(1, len(tokens)):
        t = tokens[i]
        if not _PHASE.fullmatch(t.text) or tokens[i - 1].end != t.start or not is_name_token(tokens[i - 1]):
            continue
        walked = walk_left(sent, i - 1, t.start, max_name)
        start = strip_generic_start(sent, walked, t.start)
        if walked < start and is_place_name(s[walked:start]):
            start = walked  # 三门|核电三期项目: the rules took the place's 三 for a numeral
        if t.start - start < 2:
            continue
        end = t.end
        if i + 1 < len(tokens) and tokens[i + 1].start == t.end and tokens[i + 1].text in tails:
            end = tokens[i + 1].end
        c = make("phase", start, end, s[start:end], "InvestmentProject", group=("phase", t.end),
                 variant="with-tail" if end > t.end else "bare", facts=(("phase", t.text),))
        out.append(c.check("phase.starts-a-word", start in sent.starts, "the name starts inside a word"))
    return out
