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


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, tuple[str, ...]]:
    import tomllib

    data = tomllib.loads(resources.files(__name__).joinpath("words.toml").read_text(encoding="utf-8"))
    for key, value in data.items():
        if not (isinstance(value, list) and all(isinstance(w, str) for w in value)):
            raise ValueError(f"words.toml: {key!r} must be a list of strings")
    return {k: tuple(v) for k, v in data.items()}


def word_list(concept: str) -> tuple[str, ...]:
    """One word list of ``words.toml`` in the order it is written (for patterns whose alternatives are tried in
    that order)."""
    lists = _word_lists()
    if concept not in lists:
        raise KeyError(f"no word list {concept!r} in words.toml")
    return lists[concept]


@lru_cache(maxsize=None)
def words(concept: str) -> frozenset[str]:
    """One closed word list of ``words.toml`` (conjunctions, measure_words, …), or of a
    word file of its own (``boundaries``, ``weak_boundaries``, ``generic_names``)."""
    lists = _word_lists()
    if concept in lists:
        return frozenset(lists[concept])
    if concept in _WORD_FILES:
        return frozenset(load_lines(_WORD_FILES[concept]))
    raise KeyError(f"no word list {concept!r}; known: {sorted([*lists, *_WORD_FILES])}")


_WORD_FILES = {"boundaries": "boundaries.txt", "weak_boundaries": "weak_boundaries.txt",
               "generic_names": "generic_names.txt", "name_words": "name_words.txt",
               "brand_prefixes": "brand_prefixes.txt", "ambiguous_divisions": "ambiguous_divisions.txt",
               "ethnic_groups": "ethnic_groups.txt", "residue": "residue.txt", "cooperation_cues": "cooperation_cues.txt"}


# The lexicons of names (name<TAB>class<TAB>other names), with the jieba tag their names get
NAME_LEXICONS = {"regions.tsv": "ns", "world.tsv": "ns", "landforms.tsv": "ns", "institutions.tsv": "nt",
                 "initiatives.tsv": "nz"}
