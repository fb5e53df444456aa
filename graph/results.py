"""Write query results: an aligned table for people; CSV, TSV, JSON and XML as the SPARQL 1.1
result formats define them; Turtle, N-Triples, RDF/XML or JSON-LD for CONSTRUCT and DESCRIBE."""
from __future__ import annotations

import csv
import io
import json
import json.encoder
import unicodedata
from xml.sax.saxutils import escape, quoteattr

from .build import PREFIXES
from .sparql import Result, Term

SELECT_FORMATS = ("csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "nt", "rdfxml", "jsonld")
# the names a format goes by: the endpoint's format= and the --format of govkg query
FORMAT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                "nt": "nt", "ntriples": "nt", "rdfxml": "rdfxml", "rdf": "rdfxml", "jsonld": "jsonld",
                "json-ld": "jsonld"}
GRAPH_FORMAT_NAMES = {"xml": "rdfxml", "json": "jsonld"}  # xml or json of a CONSTRUCT: its RDF forms
# govkg query --format: a table for people (Turtle for CONSTRUCT and DESCRIBE), or any named format
RESULT_FORMATS = ("table", *FORMAT_NAMES)
MEDIA_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "table": "text/plain",
    "turtle": "text/turtle", "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml", "jsonld": "application/ld+json",
}
MAX_CELL = 60


def named_format(kind: str, name: str) -> str | None:
    """The format that ``name`` gives a result of ``kind`` ("select", "ask" or "graph"): one of
    SELECT_FORMATS or GRAPH_FORMATS, or None when the name is not one for that kind."""
    fmt = FORMAT_NAMES.get(name)
    if kind == "graph":
        fmt = GRAPH_FORMAT_NAMES.get(fmt, fmt)
        return fmt if fmt in GRAPH_FORMATS else None
    return fmt if fmt in SELECT_FORMATS else None


def compact(iri: str) -> str:
    """gov:Place for https://w3id.org/govkg/ontology#Place (the longest matching prefix wins)."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(str(ns)) > len(best):
            best, name = str(ns), prefix
    if not best:
        return iri
    local = iri[len(best):]
    return f"{name}:{local}" if local and all(c.isalnum() or c in "-_." for c in local) else iri


def display(t: Term | None) -> str:
    """A term for people: compact IRIs, literal values without quotes."""
    if t is None:
        return ""
    if t.kind == "uri":
        return compact(t.value)
    if t.kind == "bnode":
        return f"_:{t.value}"
    return t.value


def width(text: str) -> int:
    """Columns a string takes on a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if width(text) <= limit:
        return text
    out, w = [], 0
    for c in text:
        cw = width(c)
        if w + cw > limit - 1:
            break
        out.append(c)
        w += cw
    return "".join(out) + "…"


def table(result: Result, max_cell: int = MAX_CELL) -> str:
    if result.kind == "ask":
        return ("yes" if result.boolean else "no") + "\n"
    if result.kind == "graph":
        return turtle(result)
    header = result.variables
    body = [[_clip(display(t), max_cell) for t in row] for row in result.rows]
    widths = [max([width(h)] + [width(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells):
        return "  ".join(c + " " * (w - width(c)) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), line(["-" * w for w in widths]), *(line(r) for r in body)]
    out.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
    return "\n".join(out) + "\n"


def to_csv(result: Result) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        w.writerow(["_askResult"])
        w.writerow(["true" if result.boolean else "false"])
    else:
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow(["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row])
    return buf.getvalue()


def to_tsv(result: Result) -> str:
    if result.kind == "ask":
        return "?_askResult\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else t.n3() for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(t: Term) -> dict:
    if t.kind == "uri":
        return {"type": "uri", "value": t.value}
    if t.kind == "bnode":
        return {"type": "bnode", "value": t.value}
    d = {"type": "literal", "value": t.value}
    if t.lang:
        d["xml:lang"] = t.lang
    elif t.datatype:
        d["datatype"] = t.datatype
    return d


def to_json(result: Result) -> str:
    """SPARQL JSON results, as ``json.dumps(..., ensure_ascii=False, indent=1)`` writes them (``_to_json_dumps``,
    which a test holds it to): written here a row at a time, each distinct term's text made once, because
    the indenting encoder of the json module is its slow pure-Python one (10,000 rows took 0.3 s)."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    string = json.encoder.encode_basestring  # what json.dumps writes a str as with ensure_ascii=False
    names = [string(v) for v in result.variables]
    texts: dict = {}  # term -> its object's lines, indented under a variable's name

    def text(t: Term) -> str:
        found = texts.get(t)
        if found is None:
            found = texts[t] = "{\n" + ",\n".join(f"     {string(k)}: {string(x)}" for k, x in _json_term(t).items()) \
                + "\n    }"
        return found

    rows = []
    for row in result.rows:
        cells = [f"    {name}: {text(t)}" for name, t in zip(names, row) if t is not None]
        rows.append("   {\n" + ",\n".join(cells) + "\n   }" if cells else "   {}")
    head = "[\n" + ",\n".join(f"   {n}" for n in names) + "\n  ]" if names else "[]"
    body = "[\n" + ",\n".join(rows) + "\n  ]" if rows else "[]"
    return '{\n "head": {\n  "vars": ' + head + '\n },\n "results": {\n  "bindings": ' + body + "\n }\n}\n"


def _to_json_dumps(result: Result) -> str:
    """``to_json`` by the json module: what it writes, byte for byte."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, indent=1) + "\n"


def _xml_term(t: Term) -> str:
    if t.kind == "uri":
        return f"<uri>{escape(t.value)}</uri>"
    if t.kind == "bnode":
        return f"<bnode>{escape(t.value)}</bnode>"
    attr = f" xml:lang={quoteattr(t.lang)}" if t.lang else (f" datatype={quoteattr(t.datatype)}" if t.datatype else "")
    return f"<literal{attr}>{escape(t.value)}</literal>"


def to_xml(result: Result) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
        out.append("<results>")
        for row in result.rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(result.variables, row) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def ntriples(result: Result) -> str:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in sorted(result.triples))


def rdf_graph(result: Result):
    """The triples of a CONSTRUCT or DESCRIBE result as an rdflib Graph, with govkg's prefixes."""
    from rdflib import BNode, Graph, Literal, URIRef

    def term(t: Term):
        if t.kind == "uri":
            return URIRef(t.value)
        if t.kind == "bnode":
            return BNode(t.value)
        return Literal(t.value, lang=t.lang, datatype=URIRef(t.datatype) if t.datatype else None)

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    for s, p, o in sorted(result.triples):
        g.add((term(s), term(p), term(o)))
    return g


def turtle(result: Result) -> str:
    return rdf_graph(result).serialize(format="turtle")


def serialize_graph(graph, fmt: str) -> str:
    """An rdflib Graph as text in one of GRAPH_FORMATS."""
    if fmt == "nt":
        return "".join(sorted(graph.serialize(format="nt").splitlines(keepends=True)))
    text = graph.serialize(format={"turtle": "turtle", "rdfxml": "pretty-xml", "jsonld": "json-ld"}[fmt])
    return text if text.endswith("\n") else text + "\n"  # a terminal's prompt starts on a line of its own


def render(result: Result, fmt: str) -> str:
    """The result as text in ``fmt``; CONSTRUCT/DESCRIBE results are Turtle unless ``fmt`` is nt (or
    tsv, csv: N-Triples), rdfxml or jsonld."""
    if result.kind == "graph":
        if fmt in ("nt", "tsv", "csv"):
            return ntriples(result)
        if fmt in ("rdfxml", "jsonld"):
            return serialize_graph(rdf_graph(result), fmt)
        return turtle(result)
    return {"table": table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}[fmt](result)
