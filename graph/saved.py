"""The library of saved queries: ``graph/queries/NAME.rq``.

A saved query starts with comment lines: ``# title: …`` (one line shown by
``govkg query --list``) and ``# param: NAME = DEFAULT`` for each parameter.  A
parameter is written ``{{NAME}}`` inside a string literal of the query and is
replaced by the value given (``--param NAME=VALUE``), escaped so that it stays
a string literal whatever it holds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from govkg.extract.errors import GovkgError

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
# SPARQL's string escapes (ECHAR) for a "…" literal; tabs too, since some parsers expand a literal tab
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    params: dict[str, str]  # name -> default
    text: str

    def render(self, values: dict[str, str] | None = None) -> str:
        values = values or {}
        unknown = set(values) - set(self.params)
        if unknown:
            known = ", ".join(sorted(self.params)) or "none"
            raise GovkgError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))} (parameters: {known})")
        merged = {**self.params, **values}
        return PLACEHOLDER.sub(lambda m: sparql_string_body(merged[m.group(1)]), self.text)


def sparql_string_body(value: str) -> str:
    """The characters of a SPARQL "…" literal holding ``value``."""
    return "".join(ESCAPES.get(c, c) for c in value)


def parse_saved(name: str, text: str) -> SavedQuery:
    title, params = "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*title:\s*(.+)", line)
        if m:
            title = m.group(1).strip()
        m = re.match(r"#\s*param:\s*(\w+)\s*=\s*(.*)", line)
        if m:
            params[m.group(1)] = m.group(2).strip()
    missing = set(PLACEHOLDER.findall(text)) - set(params)
    if missing:
        raise GovkgError(f"saved query {name!r} uses undeclared parameter(s) {', '.join(sorted(missing))}")
    return SavedQuery(name, title, params, text)


def saved_queries() -> dict[str, SavedQuery]:
    folder = resources.files("govkg.graph").joinpath("queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_saved(name, entry.read_text(encoding="utf-8"))
    return out


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        raise GovkgError(f"no saved query {name!r}; `govkg query --list` shows them")
    return queries[name]
