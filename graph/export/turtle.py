"""A plain, fast, deterministic Turtle and TriG writer.

rdflib's Turtle serializer spends most of its time computing prefixed names
(about 20 s of a 25 s seed build went there) and its TriG writer orders graphs
by hash.  This writer sorts subjects, predicates and objects as strings, writes
a prefixed name only where the local part is a plain ASCII name, and writes
everything else in full, so the same triples always give the same bytes and
any Turtle parser reads them back.

``TurtleWriter`` streams: ``block`` writes one graph's triples (as Turtle, or
inside ``<name> { }`` for TriG) so a build never has to hold the whole graph.
"""
from __future__ import annotations

import bisect
import re
from typing import IO, Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_DECIMAL = re.compile(r"[+-]?[0-9]*\.[0-9]+\Z")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_BAD = set('<>"{}|^`\\') | {chr(i) for i in range(0x21)}
_TYPE = str(RDF.type)
_SHORT = {str(XSD.integer): _INTEGER, str(XSD.decimal): _DECIMAL}
_BOOLEAN, _STRING = str(XSD.boolean), str(XSD.string)
PASS_TRIPLES = 200_000  # a graph with more triples is written a range of subjects at a time


def _escape_char(ch: str) -> str:
    if ch in _ECHAR:
        return _ECHAR[ch]
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:  # a lone surrogate cannot be written in UTF-8
        return "\\uFFFD"
    return f"\\u{code:04X}"


_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f\ud800-\udfff]')


def escape_string(text: str) -> str:
    """A Turtle string body: backslash, quote and control characters escaped."""
    return _NEEDS_ESCAPE.sub(lambda m: _escape_char(m.group()), text)


# a character of _IRI_BAD or a lone surrogate: one regex search instead of a test per character
_IRI_NEEDS_ESCAPE = re.compile("[" + re.escape("".join(sorted(_IRI_BAD))) + "\ud800-\udfff]")


def iri_ref(iri: str) -> str:
    """<iri> with the characters an IRIREF may not hold written as \\u escapes."""
    if _IRI_NEEDS_ESCAPE.search(iri):
        iri = "".join("\\uFFFD" if 0xD800 <= ord(c) <= 0xDFFF else (f"\\u{ord(c):04X}" if c in _IRI_BAD else c)
                      for c in iri)
    return f"<{iri}>"


class Terms:
    """RDF terms written as this writer writes them, from plain strings: an IRI as a prefixed name
    where the local part is a plain ASCII name, else in full; a literal in its shortest form."""

    def __init__(self, prefixes: Iterable[tuple[str, str]]):
        self.prefixes = sorted({(p, str(ns)) for p, ns in prefixes if _PREFIX.match(p)}, key=lambda x: (-len(x[1]), x[0]))
        self._datatypes: dict[str, str] = {}  # datatype IRI -> as written (a handful, asked for every figure)

    def iri(self, iri: str) -> str:
        for p, ns in self.prefixes:
            if iri.startswith(ns) and _LOCAL.match(iri[len(ns):]):
                return f"{p}:{iri[len(ns):]}"
        return iri_ref(iri)

    def literal(self, lex: str, language: str | None = None, datatype: str | None = None) -> str:
        """A literal of lexical form ``lex`` (as rdflib holds it), with a language tag or a datatype IRI."""
        if language:
            return f'"{escape_string(lex)}"@{language}'
        if datatype is not None:
            short = _SHORT.get(datatype)
            if short is not None and short.match(lex):
                return lex
            if datatype == _BOOLEAN and lex in ("true", "false"):
                return lex
            if datatype == _STRING:
                return f'"{escape_string(lex)}"'
            written = self._datatypes.get(datatype)
            if written is None:
                written = self._datatypes[datatype] = self.iri(datatype)
            return f'"{escape_string(lex)}"^^{written}'
        return f'"{escape_string(lex)}"'


def statement(subject: str, preds: dict, indent: str = "") -> str:
    """One subject's statement: ``preds`` maps written predicates ("a" for rdf:type) to their
    written objects; predicates and objects sorted, "a" first, one predicate a line."""
    order = sorted(preds, key=lambda p: (p != "a", p))
    lines = [f"{p} {', '.join(sorted(preds[p]))}" for p in order]
    return f"{indent}{subject} " + f" ;\n{indent}    ".join(lines) + " .\n"


class TurtleWriter:
    """Writes graphs as Turtle or TriG to a text stream, with one set of prefixes."""

    def __init__(self, out: IO[str], prefixes: Iterable[tuple[str, str]]):
        self.out = out
        self.names = Terms(prefixes)
        self.prefixes = self.names.prefixes
        self._cache: dict = {}
        self.triples = 0  # triples written so far

    def head(self) -> None:
        for p, ns in sorted(self.prefixes):
            self.out.write(f"@prefix {p}: {iri_ref(ns)} .\n")
        self.out.write("\n")

    def term(self, t) -> str:
        try:
            return self._cache[t]
        except KeyError:
            pass
        except TypeError:  # an unhashable term would be a bug upstream; write it anyway
            return self._term(t)
        s = self._term(t)
        if len(self._cache) > 500_000:
            self._cache.clear()
        self._cache[t] = s
        return s

    def _term(self, t) -> str:
        if isinstance(t, URIRef):
            return self.names.iri(str(t))
        if isinstance(t, BNode):
            return f"_:b{re.sub(r'[^A-Za-z0-9_]', '_', str(t))}"
        if isinstance(t, Literal):
            return self.names.literal(str(t), t.language, str(t.datatype) if t.datatype is not None else None)
        raise TypeError(f"not an RDF term: {t!r}")

    def block(self, triples: Iterable[tuple], name: URIRef | None = None, keep=None) -> None:
        """Write triples grouped by subject, sorted; inside ``<name> { }`` when a graph name is given.
        ``keep(triple, term)``: whether to write a triple (all when None).

        A large graph is written in several passes, each over a range of its sorted subjects, so the
        text of only one range is held at a time; the bytes are those of one pass."""
        if name is not None:
            self.out.write(f"{self.term(name)} {{\n")
        self.body(triples, keep, "    " if name is not None else "")
        if name is not None:
            self.out.write("}\n")
        self.out.write("\n")

    def body(self, triples: Iterable[tuple], keep=None, indent: str = "") -> None:
        """The subjects of ``triples``, sorted, without a graph's braces (``block`` adds them)."""
        if not isinstance(triples, (set, frozenset, list, tuple, Graph)):
            triples = list(triples)
        if len(triples) <= PASS_TRIPLES:
            self._subjects(triples, None, keep, indent)
        else:
            subject_of = {}
            for t in triples:
                if t[0] not in subject_of:
                    subject_of[t[0]] = self.term(t[0])
            order = sorted(set(subject_of.values()))
            step = max(1, len(order) * PASS_TRIPLES // len(triples))
            bounds = order[step::step]  # the first subject of each range after the first
            ranges: list[list[tuple]] = [[] for _ in range(len(bounds) + 1)]
            for t in triples:  # one pass sorts the triples into their ranges (references, not text)
                ranges[bisect.bisect_right(bounds, subject_of[t[0]])].append(t)
            del order
            for chosen in ranges:
                self._subjects(chosen, subject_of, keep, indent)
                chosen.clear()

    def _subjects(self, triples: Iterable[tuple], subject_of: dict | None, keep, indent: str) -> None:
        by_subject: dict[str, dict[str, set[str]]] = {}
        term = self.term
        for t in triples:
            if keep is not None and not keep(t, term):
                continue
            s, p, o = t
            key = subject_of[s] if subject_of is not None else term(s)
            by_subject.setdefault(key, {}).setdefault("a" if str(p) == _TYPE else term(p), set()).add(term(o))
        self.triples += sum(len(objs) for preds in by_subject.values() for objs in preds.values())
        w = self.out.write
        for s in sorted(by_subject):
            w(statement(s, by_subject[s], indent))


def turtle_text(g: Graph) -> str:
    """One graph as Turtle text."""
    import io

    buf = io.StringIO()
    writer = TurtleWriter(buf, g.namespaces())
    writer.head()
    writer.block(g)
    return buf.getvalue()
