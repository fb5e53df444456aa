"""SPARQL over a built graph, with one of two engines and one result model.

``open_engine(source)`` loads a build folder, an RDF file or named parts into
pyoxigraph (the default; a core dependency) or, with ``engine="rdflib"``, into rdflib
(``"auto"`` takes pyoxigraph when it imports, else rdflib).  The default graph
of a query is the union of all named graphs (the ontology and one graph per
report), so plain patterns see everything and ``GRAPH ?g { … }`` tells which
report a triple came from.  Both engines return the same ``Result``: terms are
normalized (plain literals have no datatype, integers and decimals are written
canonically) so that results can be compared and printed the same way.

A query reads the build and nothing else (``check_query``): ``FROM`` and ``FROM
NAMED`` select among the build's own graphs (rdflib's loading of graphs from files
and URLs is switched off), and ``SERVICE`` is refused unless its IRI names a host
the caller allowed (``allow_service``); a ``SERVICE ?variable`` is always refused.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

import rdflib.plugins.sparql
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from govkg.extract.errors import GovkgError

from .load import DEFAULT_GRAPH, load_parts, locate, rdf_format

XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING, RDF_LANGSTRING = f"{XSD}string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
INTEGER_TYPES = {f"{XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                                        "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong")}


class QueryError(GovkgError):
    """A query that cannot be parsed or run."""

    code = "E300"


@dataclass(frozen=True, order=True)
class Term:
    """An RDF term in a result: kind is "uri", "literal" or "bnode"."""

    kind: str
    value: str
    datatype: str | None = None
    lang: str | None = None

    def n3(self) -> str:
        """The term in N-Triples/Turtle syntax (used by TSV results)."""
        if self.kind == "uri":
            return f"<{self.value}>"
        if self.kind == "bnode":
            return f"_:{self.value}"
        esc = self.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") \
            .replace("\t", "\\t")
        if self.lang:
            return f'"{esc}"@{self.lang}'
        if self.datatype:
            return f'"{esc}"^^<{self.datatype}>'
        return f'"{esc}"'


def literal_term(value: str, datatype: str | None, lang: str | None) -> Term:
    if lang:
        return Term("literal", value, None, lang.lower())
    if datatype in (None, XSD_STRING, RDF_LANGSTRING):
        return Term("literal", value)
    try:
        if datatype in INTEGER_TYPES:  # engines differ on derived integer types: report xsd:integer
            value, datatype = str(int(value)), f"{XSD}integer"
        elif datatype == f"{XSD}decimal":
            d = Decimal(value).normalize()
            text = format(d, "f")
            value = text if "." in text else f"{text}.0"
    except (ValueError, InvalidOperation):
        pass
    return Term("literal", value, datatype)


@dataclass
class Result:
    """A query's answer: SELECT rows, an ASK boolean, or CONSTRUCT/DESCRIBE triples."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[Term, Term, Term]] = field(default_factory=list)


def check_query(text: str, allow_service: Iterable[str] = ()) -> str:
    """The query form (select, ask, construct, describe), or a QueryError: for updates, bad
    syntax, and SERVICE calls to hosts that ``allow_service`` does not name."""
    return prepare_query(text, allow_service)[0]


def prepare_query(text: str, allow_service: Iterable[str] = ()):
    """(query form, rdflib's translated query) of a query that passes ``check_query``."""
    undeclared_prefix(text)
    try:
        parsed = parseQuery(text)
        query = translateQuery(parsed)
    except RecursionError:
        raise QueryError("the query is nested too deeply to be checked") from None
    except Exception as exc:  # pyparsing raises ParseException with the position
        if _looks_like_update(text):
            raise QueryError("SPARQL Update is not allowed: the graph is read-only") from exc
        raise QueryError(syntax_message(exc, text)) from exc
    name = parsed[1].name  # SelectQuery, AskQuery, ConstructQuery, DescribeQuery
    check_services(text, query.algebra, allow_service)
    return name.replace("Query", "").lower(), query


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


_OX_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.S)
_PP_POSITION = re.compile(r"\s*\(at char \d+\),?\s*\(line:\s*\d+,\s*col:\s*\d+\)\s*$")
_PREFIXED = re.compile(r"(?<![\w<?$:])([A-Za-z][\w.-]*)?:(?=[\w(%])")


def undeclared_prefix(text: str) -> None:
    """A QueryError at the first prefixed name whose prefix the query does not declare.  rdflib
    knows rdf:, rdfs:, xsd: and owl: unasked and oxigraph does not: both engines are held to the
    standard, so a query runs on either or on neither."""
    declared: set[str] = set()
    after_prefix = False
    for m in _TOKEN.finditer(text):
        word = m.group("word")
        if word is None:
            if not m.group().isspace() and not m.group().startswith("#"):
                after_prefix = False
            continue
        if word.upper() == "PREFIX":
            after_prefix = True
            continue
        if ":" in word:
            name = word.split(":", 1)[0]
            if after_prefix:
                declared.add(name)
            elif name != "_" and name not in declared:
                line = text.count("\n", 0, m.start()) + 1
                col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
                raise QueryError(f"SPARQL syntax error at line {line}, column {col}: the prefix {name}: is not "
                                 f"declared (add PREFIX {name}: <…>)")
        after_prefix = False


def syntax_message(exc: BaseException, text: str) -> str:
    """A parser's error (pyparsing's from rdflib, or oxigraph's) as one line:
    ``SPARQL syntax error at line L, column C: what``."""
    line = col = None
    what = " ".join(str(exc).split())
    if hasattr(exc, "lineno") and hasattr(exc, "col"):  # pyparsing's ParseException
        line, col = exc.lineno, exc.col
        what = _PP_POSITION.sub("", what)
    else:
        m = _OX_POSITION.match(what)
        if m:
            line, col, what = int(m.group(1)), int(m.group(2)), m.group(3)
    if "Prefix not found" in what and line is not None:
        declared = {m.group(1) or "" for m in re.finditer(r"PREFIX\s+([\w.-]*):", text, re.I)}
        lines = text.split("\n")
        upto = "\n".join(lines[:line - 1] + [lines[line - 1][:col]]) if line <= len(lines) else text
        used = [m for m in _PREFIXED.finditer(upto) if (m.group(1) or "") not in declared]
        if used:
            name = used[-1].group(1) or ""
            line = upto.count("\n", 0, used[-1].start()) + 1
            col = used[-1].start() - (upto.rfind("\n", 0, used[-1].start()) + 1) + 1
            what = f"the prefix {name}: is not declared (add PREFIX {name}: <…>)"
    where = f" at line {line}, column {col}" if line is not None else ""
    return f"SPARQL syntax error{where}: {what[:300]}"


# SPARQL tokens that may hold the word SERVICE without being the keyword: strings, IRIs,
# comments, variables and prefixed names; what is left is keywords, operators and punctuation.
_TOKEN = re.compile(r'''
    "{3}(?:[^"\\]|\\.|"(?!""))*"{3} | '{3}(?:[^'\\]|\\.|'(?!''))*'{3}
  | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'
  | <[^<>"{}|^`\\\x00-\x20]*>
  | \#[^\n\r]*
  | [?$][^\s(){}.,;]*
  | (?P<word>[^\W\d][\w.:-]*|:[\w.:-]*)
  | .''', re.X | re.S)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _keyword_count(text: str, keyword: str) -> int:
    return sum(1 for m in _TOKEN.finditer(text) if m.group("word") and m.group("word").upper() == keyword)


def _services(algebra) -> list[CompValue]:
    found: list[CompValue] = []

    def visit(node):
        if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
            found.append(node)

    try:
        traverse(algebra, visitPre=visit)
    except RecursionError:
        raise QueryError("the query is nested too deeply to be checked") from None
    return found


def _host_allowed(url: str, allowed: set[str]) -> bool:
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").lower(), parts.port
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    return host in allowed or (port is not None and f"{host}:{port}" in allowed)


# the pattern rdflib's SERVICE evaluation takes the URL from (rdflib/plugins/sparql/evaluate.py)
_RDFLIB_SERVICE = re.compile(r"^service <(.*)>[ \n]*{(.*)}[ \n]*$", re.DOTALL | re.I)


def check_services(text: str, algebra, allow_service: Iterable[str] = ()) -> None:
    """A QueryError unless every SERVICE of the query calls an allowed host.

    The count of SERVICE keywords in the text must equal the count of SERVICE patterns rdflib
    parsed, so that an engine with another parser (oxigraph) cannot see a call rdflib missed."""
    allowed = {h.lower() for h in allow_service}
    calls = _services(algebra)
    said = {_keyword_count(text, "SERVICE"), _keyword_count(_ESCAPE.sub(_unescape, text), "SERVICE")}
    if said != {len(calls)}:
        raise QueryError("SERVICE is not allowed here: the query's SERVICE clauses could not be checked")
    for call in calls:
        term = call.get("term")
        if not allowed:
            raise QueryError("SERVICE is not allowed: this endpoint does not query other endpoints "
                             "(govkg serve --allow-service HOST names hosts it may call)")
        if not isinstance(term, URIRef):
            raise QueryError("SERVICE with a variable is not allowed: name the endpoint with an IRI")
        if not _host_allowed(str(term), allowed):
            raise QueryError(f"SERVICE <{term}> is not allowed: its host is not one of {', '.join(sorted(allowed))}")
        seen = _RDFLIB_SERVICE.match(str(call.get("service_string", "")))
        if seen and not _host_allowed(seen.group(1), allowed):
            raise QueryError("SERVICE is not allowed here: the query's SERVICE clauses could not be checked")


def guard_network(allow_service: Iterable[str] = ()) -> None:
    """For a process that runs queries from others: refuse every URL request (rdflib fetches
    SERVICE endpoints, and would fetch FROM graphs, with urllib) to a host not allowed.
    An audit hook stays for the life of the process; call this only in such a process."""
    allowed = {h.lower() for h in allow_service}

    def hook(event: str, args: tuple) -> None:
        if event == "urllib.Request" and not _host_allowed(str(args[0]), allowed):
            raise QueryError(f"a query tried to fetch {str(args[0])[:100]!r}, which is not allowed")

    sys.addaudithook(hook)


def _unescape(m: re.Match) -> str:
    code = int(m.group(1) or m.group(2), 16)
    return chr(code) if code <= 0x10FFFF else "\ufffd"


def _looks_like_update(text: str) -> bool:
    body = re.sub(r"#[^\n]*", " ", text)
    return bool(re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", body, re.IGNORECASE)) and \
        not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", body, re.IGNORECASE)


class RdflibEngine:
    """rdflib's SPARQL engine over a Dataset whose default graph holds the union of the parts."""

    name = "rdflib"

    def __init__(self, parts: dict[URIRef, Graph], allow_service: Iterable[str] = ()):
        from rdflib import Dataset
        # FROM and FROM NAMED select among the dataset's graphs, never load a file or a URL
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
        self.allow_service = tuple(allow_service)
        self.dataset = Dataset()
        default = self.dataset.default_graph
        for iri in sorted(parts):
            for prefix, ns in parts[iri].namespaces():
                self.dataset.bind(prefix, ns, override=True)
            named = None if iri == DEFAULT_GRAPH else self.dataset.graph(iri)
            for triple in parts[iri]:
                default.add(triple)
                if named is not None:
                    named.add(triple)

    @staticmethod
    def _term(t) -> Term | None:
        if t is None:
            return None
        if isinstance(t, URIRef):
            return Term("uri", str(t))
        if isinstance(t, BNode):
            return Term("bnode", str(t))
        if isinstance(t, Literal):
            return literal_term(str(t), str(t.datatype) if t.datatype else None, t.language)
        return Term("literal", str(t))

    def query(self, text: str) -> Result:
        form, prepared = prepare_query(text, self.allow_service)
        rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
        try:
            res = self.dataset.query(prepared)
            if form == "ask":
                return Result("ask", boolean=bool(res.askAnswer))
            if form in ("construct", "describe"):
                return Result("graph", triples=[tuple(self._term(x) for x in t) for t in res])
            variables = [str(v) for v in res.vars]
            return Result("select", variables, [tuple(self._term(row[v]) for v in res.vars) for row in res])
        except QueryError:
            raise
        except RecursionError:
            raise QueryError("query failed: it is nested too deeply") from None
        except Exception as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from exc


class OxigraphEngine:
    """pyoxigraph's in-memory store; the default graph holds the union of the named graphs."""

    name = "oxigraph"

    def __init__(self, parts: dict[URIRef, Graph] | None = None, path: Path | None = None,
                 allow_service: Iterable[str] = (), store: Path | None = None):
        import pyoxigraph as ox
        self.ox = ox
        self.allow_service = tuple(allow_service)
        if store is not None:  # a build's on-disk store (export/store.py): its default graph is the union
            try:
                self.store = ox.Store.read_only(str(store))
            except (OSError, ValueError, RuntimeError) as exc:
                raise GovkgError(f"{store}: cannot open the Oxigraph store: {_one_line(exc)}") from exc
            self.source = store
            return
        self.source = path
        self.store = ox.Store()
        if path is not None:
            fmt = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                   "n3": ox.RdfFormat.N3, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}.get(rdf_format(path))
            if fmt is None:  # JSON-LD: let rdflib read it
                parts = load_parts(path)
            else:
                try:
                    self.store.bulk_load(path=str(path), format=fmt)
                except (SyntaxError, OSError, ValueError) as exc:
                    raise GovkgError(f"{path}: not readable as {rdf_format(path)}: {exc}") from exc
        for iri in sorted(parts or {}):
            data = parts[iri].serialize(format="nt", encoding="utf-8")
            graph = ox.DefaultGraph() if iri == DEFAULT_GRAPH else ox.NamedNode(str(iri))
            self.store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
        # the default graph is the set union of the named graphs (oxigraph's own union view would
        # repeat a triple once per graph that holds it)
        self.store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def _term(self, t) -> Term | None:
        ox = self.ox
        if t is None:
            return None
        if isinstance(t, ox.NamedNode):
            return Term("uri", t.value)
        if isinstance(t, ox.BlankNode):
            return Term("bnode", t.value)
        if isinstance(t, ox.Literal):
            return literal_term(t.value, t.datatype.value if t.datatype else None, t.language)
        return Term("literal", str(t))

    def query(self, text: str) -> Result:
        form = _checked_form(text, self.allow_service)
        try:
            res = self.store.query(text)
        except SyntaxError as exc:
            raise QueryError(syntax_message(exc, text)) from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from exc
        try:
            if form == "ask":
                return Result("ask", boolean=bool(res))
            if form in ("construct", "describe"):
                return Result("graph", triples=[(self._term(t.subject), self._term(t.predicate), self._term(t.object))
                                                for t in res])
            variables = [v.value for v in res.variables]
            # a result repeats its terms (labels, classes, reports): each is converted once (Terms are
            # frozen, so rows may share them); a solution iterates its values in the variables' order
            seen: dict = {}
            term = self._term

            def convert(t):
                if t is None:
                    return None
                found = seen.get(t)
                if found is None:
                    found = seen[t] = term(t)
                return found

            rows = [tuple(map(convert, sol)) for sol in res]
            return Result("select", variables, rows)
        except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
            raise QueryError(f"query failed: {_one_line(exc)}") from exc


@lru_cache(maxsize=256)
def _checked_form(text: str, allow_service: tuple[str, ...]) -> str:
    """``check_query`` of a text asked before, remembered: parsing a saved query with rdflib's parser
    takes 30-100 ms, as long as Oxigraph takes to answer most of them (a refused query is not kept)."""
    return check_query(text, allow_service)


def oxigraph_available() -> bool:
    try:
        import pyoxigraph  # noqa: F401 (only whether it imports)
    except ImportError:
        return False
    return True


ENGINES = ("oxigraph", "rdflib", "auto")
DEFAULT_ENGINE = "oxigraph"


def open_engine(source: str | Path | dict, engine: str = DEFAULT_ENGINE, allow_service: Iterable[str] = ()):
    """An engine over a build folder, an RDF file, or named parts ({graph IRI: Graph}).

    ``engine``: oxigraph (the default), rdflib, or auto (oxigraph when pyoxigraph imports, else
    rdflib). ``allow_service``: hosts (``name`` or ``name:port``) that SERVICE clauses may call."""
    if engine not in ENGINES:
        raise GovkgError(f"unknown SPARQL engine {engine!r}; known: {', '.join(ENGINES)}")
    use_ox = engine == "oxigraph" or (engine == "auto" and oxigraph_available())
    if engine == "oxigraph" and not oxigraph_available():
        raise GovkgError("the oxigraph engine (the default) needs pyoxigraph, a govkg dependency that does not "
                         "import here: pip install pyoxigraph, or use --engine rdflib")
    if isinstance(source, dict):
        return OxigraphEngine(parts=source, allow_service=allow_service) if use_ox else \
            RdflibEngine(source, allow_service)
    from .export.store import STAMP, matching_store
    if use_ox and (Path(source) / STAMP).is_file():  # a store folder, as serve passes it to its workers
        try:
            return OxigraphEngine(store=Path(source), allow_service=allow_service)
        except GovkgError:  # a store this pyoxigraph cannot open: parse the TriG beside it instead
            source = Path(source).parent
    path = locate(source)
    if use_ox:
        # the generation the link resolves to now: the TriG checked and the store opened are one build's
        store = matching_store(path.resolve()) if rdf_format(path) == "trig" else None
        if store is not None:
            try:
                return OxigraphEngine(store=store, allow_service=allow_service)
            except GovkgError:  # a store this pyoxigraph cannot open: parse the TriG instead
                pass
        return OxigraphEngine(path=path, allow_service=allow_service)
    return RdflibEngine(load_parts(path), allow_service)

