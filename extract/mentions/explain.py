"""``govkg explain``: every candidate of a sentence, who proposed it, the checks it passed
and failed, its score and the final decision (and which candidate beat it)."""
from __future__ import annotations

from ..model import Document
from ..reader import read_bytes
from .runner import SHIPPED, Decision, recognize


def explain_text(text: str, model=SHIPPED, disabled=frozenset(), contributions: int = 5) -> str:
    """The explanation of every sentence of ``text`` (one report of its own)."""
    doc = read_bytes(text.encode("utf-8"), path="<text>", fmt="text", doc_id="text")
    return explain_document(doc, None, model, disabled, contributions)


def explain_document(doc: Document, line: int | None = None, model=SHIPPED, disabled=frozenset(),
                     contributions: int = 5) -> str:
    """The explanation of the sentences of ``doc`` (those on 1-based ``line`` when given),
    with the whole report as context."""
    rec = recognize(doc, model=model, disabled=disabled, trace=True)
    wanted = None
    if line is not None:
        lo, hi = _line_span(doc.text, line)
        wanted = {s.index for s in doc.sentences if s.start < hi and lo < s.end}
        if not wanted:
            return f"line {line}: no sentence there"
    by_sent: dict[int, list[Decision]] = {}
    for d in rec.decisions:
        if wanted is None or d.sentence in wanted:
            by_sent.setdefault(d.sentence, []).append(d)
    out = []
    model_name = "the shipped model" if model is SHIPPED else ("no model (recognizer priors)" if rec.model is None
                                                              else "the given model")
    out.append(f"decisions by {model_name}; a candidate is kept when P(name) >= the accept threshold")
    for si in sorted(by_sent):
        sent = doc.sentences[si]
        out.append("")
        out.append(f"sentence {si} [{sent.start}:{sent.end}]: {doc.norm[sent.start:sent.end]}")
        for d in sorted(by_sent[si], key=lambda d: (d.candidate.start, -d.candidate.end, d.candidate.rule)):
            out.extend(_one(d, rec.model, contributions))
    return "\n".join(out)


def _line_span(text: str, line: int) -> tuple[int, int]:
    pos = 0
    for _ in range(line - 1):
        nl = text.find("\n", pos)
        if nl < 0:
            return len(text), len(text)
        pos = nl + 1
    end = text.find("\n", pos)
    return pos, len(text) if end < 0 else end


def _one(d: Decision, model, contributions: int) -> list[str]:
    c = d.candidate
    mark = "+" if d.accepted else "-"
    score = f" P(name)={d.score.p_name:.2f} as {d.cls}" if d.score else ""
    variant = f"/{c.variant}" if c.variant else ""
    lines = [f"  {mark} {c.name!r} [{c.start}:{c.end}] {c.cls} by {c.rule}{variant}{score}"]
    checks = [f"{'ok' if ch.passed else 'FAIL'} {ch.id}" + (f" ({ch.reason})" if not ch.passed and ch.reason else "")
              for ch in c.checks]
    if checks:
        lines.append("      checks: " + "; ".join(checks))
    lines.append(f"      decision: {d.reason}")
    if contributions and model is not None and d.feats and d.score is not None:
        top = model.contributions(d.feats, d.score.top)[:contributions]
        lines.append("      weighed: " + ", ".join(f"{n} {w:+.2f}" for n, w in top))
    return lines
