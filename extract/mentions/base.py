"""What recognizers emit and what they see: candidates, checks, a segmented sentence, and
the configuration of ``recognizers.toml``.

A recognizer is a function ``(Sent) -> list[Candidate]``.  Every candidate carries the id
of the recognizer that proposed it and the checks it went through: a check that fails
``hard`` drops the candidate (and the trace says which check and why); a soft check is a
feature for the classifier, which makes the decision.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from importlib import resources
from operator import attrgetter

from ..segment import Token

CJK = re.compile(r"[\u4e00-\u9fff]")
# a footnote mark of the published text (“1135”【1】发展思路, 〔2〕, ［3］): no part of a name
FOOTNOTE_MARK = re.compile(r"【\d{1,3}】|\[\d{1,3}\]|〔\d{1,3}〕|［\d{1,3}］")


@dataclass(frozen=True, slots=True)
class Check:
    """One test a candidate went through: ``id`` names the recognizer and the test."""

    id: str  # "suffix.has-name"
    passed: bool
    reason: str = ""
    hard: bool = False  # a failed hard check drops the candidate before the classifier


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int  # offsets in the sentence
    end: int
    name: str  # the name proposed (quotes stripped, expanded)
    cls: str  # extractor class (model.SUBCLASS_TOP)
    rule: str  # id of the recognizer that proposed it
    confidence: float = 0.5
    code: str | None = None
    aliases: tuple[str, ...] = ()
    inner: bool = False  # may sit inside another chosen candidate (a nested title)
    group: tuple = ()  # candidates of one group are alternatives of one name: at most one is kept
    checks: tuple[Check, ...] = ()
    facts: tuple[tuple[str, str | float], ...] = ()  # what the recognizer knows, for the features
    variant: str = ""  # how this alternative was made ("rule-start", "start-3", "with-tail")

    @property
    def failed(self) -> Check | None:
        """The first hard check that failed, if any."""
        return next((c for c in self.checks if c.hard and not c.passed), None)

    def check(self, id: str, passed: bool, reason: str = "", hard: bool = False) -> "Candidate":
        # dataclasses.replace, without its per-call look at the fields (a check is made 10 times a candidate)
        values = list(_candidate_values(self))
        values[_CHECKS_AT] = (*self.checks, Check(id, bool(passed), reason, hard))
        return Candidate(*values)


_CANDIDATE_FIELDS = tuple(f.name for f in fields(Candidate))
_candidate_values = attrgetter(*_CANDIDATE_FIELDS)
_CHECKS_AT = _CANDIDATE_FIELDS.index("checks")


@dataclass
class Sent:
    """A sentence and its words: segmented once, shared by every recognizer and check."""

    text: str
    tokens: list[Token]
    index: int = 0
    offset: int = 0  # where the sentence starts in the document's text

    @cached_property
    def starts(self) -> dict[int, int]:
        """Character offset -> index of the token starting there."""
        return {t.start: i for i, t in enumerate(self.tokens)}

    @cached_property
    def ends(self) -> dict[int, int]:
        return {t.end: i for i, t in enumerate(self.tokens)}

    def token_at(self, pos: int) -> int:
        """Index of the token that covers character ``pos``."""
        lo, hi = 0, len(self.tokens) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            t = self.tokens[mid]
            if t.end <= pos:
                lo = mid + 1
            elif t.start > pos:
                hi = mid - 1
            else:
                return mid
        return -1

    def words(self, a: int, b: int) -> list[Token]:
        """The words of ``text[a:b]``: the sentence's tokens, cut at ``a`` and ``b`` (a token
        that crosses an edge gives its inside part, untagged)."""
        out = []
        i = self.token_at(a)
        if i < 0:
            return out
        while i < len(self.tokens) and self.tokens[i].start < b:
            t = self.tokens[i]
            s, e = max(t.start, a), min(t.end, b)
            if s < e:
                out.append(t if (s, e) == (t.start, t.end) else Token(self.text[s:e], s, e, ""))
            i += 1
        return out

    def before(self, pos: int) -> Token | None:
        """The token that ends at ``pos`` (or covers the character before it)."""
        if pos <= 0:
            return None
        i = self.ends.get(pos)
        if i is None:
            i = self.token_at(pos - 1)
        return self.tokens[i] if i is not None and i >= 0 else None

    def after(self, pos: int) -> Token | None:
        i = self.starts.get(pos)
        if i is None:
            i = self.token_at(pos)
        return self.tokens[i] if i is not None and 0 <= i < len(self.tokens) else None


# ------------------------------------------------------------------ configuration


@dataclass(frozen=True)
class RecognizerConfig:
    id: str
    priority: int
    confidence: float
    enabled: bool = True


@dataclass(frozen=True)
class Config:
    recognizers: dict[str, RecognizerConfig] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)

    def threshold(self, name: str) -> float:
        try:
            return self.thresholds[name]
        except KeyError:
            raise KeyError(f"recognizers.toml has no threshold {name!r}") from None

    def priority(self, rule: str) -> int:
        rc = self.recognizers.get(rule)
        return rc.priority if rc else 0


@lru_cache(maxsize=1)
def config() -> Config:
    """``recognizers.toml``: each recognizer's priority, confidence and switch; thresholds."""
    data = tomllib.loads(resources.files(__package__).joinpath("recognizers.toml").read_text(encoding="utf-8"))
    recs = {}
    for rid, sec in data.get("recognizers", {}).items():
        recs[rid] = RecognizerConfig(rid, int(sec["priority"]), float(sec["confidence"]), bool(sec.get("enabled", True)))
    return Config(recs, {k: float(v) for k, v in data.get("thresholds", {}).items()})


def make(rule: str, start: int, end: int, name: str, cls: str, **kw) -> Candidate:
    """A candidate of recognizer ``rule`` with that recognizer's configured confidence."""
    rc = config().recognizers.get(rule)
    if rc is None:
        raise KeyError(f"recognizer {rule!r} has no section in recognizers.toml")
    kw.setdefault("confidence", rc.confidence)
    return Candidate(start, end, name, cls, rule, **kw)
