"""Lexicon data files, read with importlib.resources.

Every file here holds knowledge that is true of any report (suffix rules,
administrative divisions, common institutions, cue words), never names copied
from an annotated report.  Lines starting with ``#`` are comments.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a lexicon file."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#"))


@lru_cache(maxsize=None)
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a tab-separated lexicon file (comment lines skipped, header kept out)."""
    rows = []
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    for i, ln in enumerate(text.splitlines()):
        if not ln.strip() or ln.startswith("#"):
            continue
        rows.append(tuple(ln.split("\t")))
    return tuple(rows)
