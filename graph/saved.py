"""The library of saved queries: ``graph/queries/NAME.rq``.

A saved query starts with comment lines: ``# title: …`` (one line shown by
``govkg query --list``) and ``# param: NAME = DEFAULT -- what it is`` for each
parameter.  In the query a parameter is written ``{{NAME}}`` where a whole RDF term
stands (in a ``VALUES`` block: ``VALUES ?_area { {{area}} }``), or ``{{NAME@zh}}`` for a
literal with that language tag.  govkg writes the value given (``NAME=VALUE``) there as
one string literal, escaped, so that no value can change the query around it; a
parameter left empty is ``UNDEF`` (the query's filter then lets every row through).
A parameter with a default needs a value; one declared ``NAME =`` with none is optional.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources

from govkg.extract.errors import GovkgError

PLACEHOLDER = re.compile(r"\{\{(\w+)(?:@([a-z]{2,8}(?:-[a-z0-9]{1,8})*))?\}\}")
# SPARQL's string escapes (ECHAR) for a "…" literal; tabs too, since some parsers expand a literal tab
ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# what a value must look like, by parameter name (others take any text)
FORMS = {"year": (re.compile(r"(?:19|20)\d{2}"), "a year such as 2023")}
PARAM_LINE = re.compile(r"#\s*param:\s*(\w+)\s*=\s*(.*?)\s*(?:--\s*(.*))?$")


@dataclass(frozen=True)
class Param:
    name: str
    default: str  # "" for an optional parameter
    help: str = ""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    params: dict[str, Param]
    text: str

    def render(self, values: dict[str, str] | None = None) -> str:
        values = values or {}
        unknown = set(values) - set(self.params)
        if unknown:
            known = ", ".join(sorted(self.params)) or "none"
            raise GovkgError(f"query {self.name!r} has no parameter {', '.join(sorted(unknown))} (parameters: {known})")
        merged = {name: values.get(name, p.default) for name, p in self.params.items()}
        for name, value in merged.items():
            if not value and self.params[name].default:
                raise GovkgError(f"query {self.name!r}: parameter {name} needs a value (default {self.params[name].default})")
            form = FORMS.get(name)
            if value and form and not form[0].fullmatch(value):
                raise GovkgError(f"query {self.name!r}: {name}={value!r} is not {form[1]}")
        return PLACEHOLDER.sub(lambda m: term(merged[m.group(1)], m.group(2)), self.text)


def sparql_string_body(value: str) -> str:
    """The characters of a SPARQL "…" literal holding ``value``.  A query's \\uXXXX escapes are
    read before its grammar (SPARQL 1.1, 19.2), so a u after a backslash is written as an escape
    of its own (\\U00000075): an escaped backslash before u0041 is no code point."""
    out = []
    for k, c in enumerate(value):
        if c in "uU" and k > 0 and value[k - 1] == "\\":
            out.append(f"\\U{ord(c):08X}")  # eight digits: no hex digit after it can extend it
        else:
            out.append(ESCAPES.get(c, c))
    return "".join(out)


def term(value: str, lang: str | None = None) -> str:
    """A parameter's value as a SPARQL term: one string literal (with ``lang``), or UNDEF if empty."""
    if not value:
        return "UNDEF"
    return f'"{sparql_string_body(value)}"' + (f"@{lang}" if lang else "")


def parse_saved(name: str, text: str) -> SavedQuery:
    title, params = "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*title:\s*(.+)", line)
        if m:
            title = m.group(1).strip()
        m = PARAM_LINE.match(line)
        if m:
            params[m.group(1)] = Param(m.group(1), m.group(2), (m.group(3) or "").strip())
    used = {m.group(1) for m in PLACEHOLDER.finditer(text)}
    missing = used - set(params)
    if missing:
        raise GovkgError(f"saved query {name!r} uses undeclared parameter(s) {', '.join(sorted(missing))}")
    for m in PLACEHOLDER.finditer(text):
        if text[m.start() - 1:m.start()] in ("\"", "'") or text[m.end():m.end() + 1] in ("\"", "'"):
            raise GovkgError(f"saved query {name!r}: {m.group()} stands inside quotes; write it as a whole term")
    return SavedQuery(name, title, params, text)


def saved_queries() -> dict[str, SavedQuery]:
    folder = resources.files("govkg.graph").joinpath("queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_saved(name, entry.read_text(encoding="utf-8"))
    return out


def close_names(name: str, names) -> list[str]:
    """Saved query names like ``name``: near in spelling (difflib), or holding it, or held in it."""
    names = sorted(names)
    near = difflib.get_close_matches(name, names, n=5, cutoff=0.6)
    parts = [n for n in names if n not in near and len(name) >= 3 and (name in n or n in name)]
    return near + parts


def saved_query(name: str) -> SavedQuery:
    queries = saved_queries()
    if name not in queries:
        close = close_names(name, queries)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise GovkgError(f"no saved query {name}{hint} (`govkg query --list` shows them all)")
    return queries[name]
