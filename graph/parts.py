"""One report's named graph as Turtle text, made from its extraction record where it was extracted.

A build's worker calls ``report_part`` right after extracting a report, and the part is cached and
spooled with the extraction; the main process only fills in what is corpus-wide and writes the parts
in order (export/merge.py).  No rdflib term is made: the terms are written as strings, as
``export/turtle.TurtleWriter`` writes them, and the triples are those of ``build.add_report_core`` and
``build.add_facts`` (a test keeps the two in step, triple for triple).

A part is plain JSON data:

    {"graph": the graph's IRI, "report": the report's IRI,
     "source": [report id, file name, sha256] or null   (what void.ttl says of the report's file),
     "codes": [[entity key, code or ""], ...]           (the code each entity's hierarchy was made with),
     "pieces": [[chunk, ...], ...],                      (one piece, or several for a long report)
     "view": the report's networkx view (graph/fragment.py)}

A piece is the body of one ``TurtleWriter.body`` call, its subjects in written order; a chunk is either

    ["t", text, triples]              subjects made by this report only (its report, spans, statements,
                                      observations): their statements as written, and how many triples
    ["s", subject, [[p, [o, ...]], ...], key]
                                      a subject other reports may describe too (entities, indicators,
                                      the data set), its triples by predicate; ``key``: the entity whose
                                      corpus-wide description (class, label, aliases, code) the merge
                                      adds, "" for none

The merge writes "t" chunks as they are and filters "s" chunks against what the union already holds.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from govkg.extract.errors import display
from govkg.extract.gazetteer import gazetteer
from govkg.extract.model import ReportResult
from govkg.extract.pipeline import area_entity_key, sentence_blocks
from govkg.ontology import NS as GOV

from .cube import MEASURE_CONCEPT as _CUBE_MEASURES
from .iri import BASE, division_key, entity_id, report_id, segment
from .export.turtle import Terms, statement
from .fragment import check_view, report_view

FORMAT = 1  # the layout above; a part of another layout is made again

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
QB = "http://purl.org/linked-data/cube#"
SDMX_DIM = "http://purl.org/linked-data/sdmx/2009/dimension#"
SDMX_MEASURE = "http://purl.org/linked-data/sdmx/2009/measure#"
SDMX_ATTR = "http://purl.org/linked-data/sdmx/2009/attribute#"

# Subjects under these IRIs are made by one report only (as export/rdf.py's union writer has them).
REPORT_SCOPED = (f"{BASE}report/", f"{BASE}statement/", f"{BASE}observation/")
METADATA_SOURCE = {"area": "areaSource", "year": "dateSource", "kind": "kindSource", "review": "reviewPeriodSource"}
# cube.py's measure concepts, by their local names (the rdflib path and this one write the same)
MEASURE_CONCEPT = {k: v.removeprefix(GOV) for k, v in _CUBE_MEASURES.items()}


@lru_cache(maxsize=1)
def write_prefixes() -> tuple[tuple[str, str], ...]:
    """The prefixes every build's Turtle and TriG are written with."""
    from rdflib import OWL, RDFS as _RDFS, RDF as _RDF, XSD as _XSD

    from .build import PREFIXES

    core = {"rdf": _RDF, "rdfs": _RDFS, "owl": OWL, "xsd": _XSD}
    return tuple(sorted((p, str(ns)) for p, ns in {**core, **PREFIXES}.items()))


class _Names:
    """Written terms, remembered: the same IRIs come back thousands of times in a report.  One set
    serves every report a process writes, so it is forgotten when it holds ``limit`` IRIs: most are
    of one report (its spans, its statements), and kept, they made a worker grow by about 0.2 MB a
    report (the corpus repeated to 52 MB: two workers at 470 MB each)."""

    def __init__(self, limit: int = 1 << 15):
        self.terms = Terms(write_prefixes())
        self._iri: dict[str, str] = {}
        self.limit = limit

    def iri(self, iri: str) -> str:
        t = self._iri.get(iri)
        if t is None:
            if len(self._iri) >= self.limit:
                self._iri.clear()
            t = self._iri[iri] = self.terms.iri(iri)
        return t

    def plain(self, text: str) -> str:
        return self.terms.literal(text)

    def zh(self, text: str) -> str:
        return self.terms.literal(text, "zh")

    def typed(self, lex: str, datatype: str) -> str:
        return self.terms.literal(lex, None, datatype)


@lru_cache(maxsize=1)
def _names() -> _Names:
    return _Names()


def decimal_text(d: Decimal) -> str:
    """An xsd:decimal's lexical form as cube.decimal_literal makes it (2 -> "2.0")."""
    text = format(d, "f")
    return text if "." in text else f"{text}.0"


def confidence_text(x: float) -> str:
    """As evidence.confidence_literal makes it."""
    return decimal_text(Decimal(str(round(x, 3))))


class _Piece:
    """The triples of one piece, by subject: written subject -> written predicate -> written objects."""

    def __init__(self):
        self.subjects: dict[str, dict[str, set[str]]] = {}
        self.scoped: set[str] = set()
        self.keys: dict[str, str] = {}  # written subject -> the entity key whose description the merge adds
        self.spans: dict[tuple[int, int, bool], str] = {}  # (start, end, sentence?) -> node, its triples added

    def add(self, s_iri: str, s: str, p: str, o: str) -> None:
        preds = self.subjects.get(s)
        if preds is None:
            preds = self.subjects[s] = {}
            if s_iri.startswith(REPORT_SCOPED):
                self.scoped.add(s)
        objs = preds.get(p)
        if objs is None:
            preds[p] = {o}
        else:
            objs.add(o)

    def slot(self, s: str, key: str) -> None:
        self.subjects.setdefault(s, {})
        self.keys[s] = key

    def chunks(self) -> list:
        out: list = []
        run: list[str] = []
        count = 0
        for s in sorted(self.subjects):
            preds = self.subjects[s]
            if s in self.scoped:
                run.append(statement(s, preds))
                count += sum(len(o) for o in preds.values())
                continue
            if run:
                out.append(["t", "".join(run), count])
                run, count = [], 0
            out.append(["s", s, [[p, sorted(preds[p])] for p in sorted(preds)], self.keys.get(s, "")])
        if run:
            out.append(["t", "".join(run), count])
        return out


class _Report:
    """Writes one report's triples into pieces (build.py's functions, at the level of strings)."""

    def __init__(self, r: ReportResult):
        self.r = r
        self.doc = r.document
        self.n = _names()
        n = self.n
        self.report_iri = report_id(self.doc.id)
        self.report = n.iri(self.report_iri)
        self.text_base = f"{BASE}report/{segment(self.doc.id)}/text#char="
        self.context_iri = f"{self.text_base}0,{len(self.doc.text)}"
        self.context = n.iri(self.context_iri)
        self.g = lambda local: n.iri(GOV + local)
        self.p = {name: n.iri(ns + name) for ns, names in (
            (NIF, ("beginIndex", "endIndex", "anchorOf", "referenceContext", "sentence")),
            (GOV, ("fileName", "sha256", "rule", "confidence", "evidence", "mentionOf", "partOf", "reviewPeriod",
                   "indicator", "measureType", "isTarget", "normalizedValue", "normalizedUnit", "valueText",
                   "indicatorText", "qualifier", "status", "phase", "baseIndicator")),
            (PROV, ("wasDerivedFrom",)), (RDFS, ("label",)), (SKOS, ("prefLabel", "altLabel", "inScheme", "exactMatch")),
            (DCTERMS, ("identifier", "title", "date", "spatial")), (SCHEMA, ("mentions",)),
            (QB, ("dataSet", "structure")), (SDMX_DIM, ("refArea", "refPeriod")), (SDMX_MEASURE, ("obsValue",)),
            (SDMX_ATTR, ("unitMeasure",)), (RDF, ("subject", "predicate", "object"))) for name in names}
        self.cls = {name: n.iri(ns + name) for ns, name in (
            (NIF, "String"), (NIF, "Sentence"), (NIF, "Context"), (GOV, "Report"), (GOV, "MetadataSource"),
            (QB, "DataSet"), (QB, "Observation"), (GOV, "Indicator"), (SKOS, "Concept"), (RDF, "Statement"))}

    def _index(self, i: int) -> str:
        return self.n.typed(str(i), XSD + "nonNegativeInteger")

    # ------------------------------------------------------------ evidence.py
    def span(self, piece: _Piece, start: int, end: int, sentence: bool = False) -> str:
        node = piece.spans.get((start, end, sentence))
        if node is not None:  # its triples are in the piece already (a sentence is the evidence of each of its facts)
            return node
        iri = f"{self.text_base}{start},{end}"
        node = piece.spans[(start, end, sentence)] = self.n.iri(iri)
        add, p = piece.add, self.p
        add(iri, node, "a", self.cls["Sentence" if sentence else "String"])
        add(iri, node, p["beginIndex"], self._index(start))
        add(iri, node, p["endIndex"], self._index(end))
        add(iri, node, p["anchorOf"], self.n.plain(self.doc.text[start:end]))
        add(iri, node, p["referenceContext"], self.context)
        return node

    def sentence(self, piece: _Piece, index: int) -> str:
        s = self.doc.sentences[index]
        return self.span(piece, s.start, s.end, sentence=True)

    def evidence(self, piece: _Piece, iri: str, node: str, start: int, end: int, sentence: int, rule: str,
                 confidence: float) -> None:
        span_node = self.span(piece, start, end)
        span_iri = f"{self.text_base}{start},{end}"
        piece.add(span_iri, span_node, self.p["sentence"], self.sentence(piece, sentence))
        piece.add(iri, node, self.p["evidence"], span_node)
        piece.add(iri, node, self.p["rule"], self.n.plain(rule))
        piece.add(iri, node, self.p["confidence"], confidence_text(confidence))

    def context_node(self, piece: _Piece) -> None:
        doc, p, add, iri, node = self.doc, self.p, piece.add, self.context_iri, self.context
        add(iri, node, "a", self.cls["Context"])
        add(iri, node, p["beginIndex"], self._index(0))
        add(iri, node, p["endIndex"], self._index(len(doc.text)))
        add(iri, node, p["fileName"], self.n.plain(display(doc.path.replace("\\", "/").rsplit("/", 1)[-1])))
        if doc.sha256:
            add(iri, node, p["sha256"], self.n.plain(doc.sha256))
        add(iri, node, p["wasDerivedFrom"], self.report)

    # ------------------------------------------------------------ build.py: the report and its entities
    def core(self, codes: dict[str, str | None]) -> _Piece:
        piece = _Piece()
        gz = gazetteer()
        n, p = self.n, self.p
        done: set[str] = set()
        keys = sorted({e.key for e in self.r.entities})
        labelled = {entity_id(k) for k in keys}
        for key in keys:
            piece.slot(n.iri(entity_id(key)), key)
            code = codes.get(key)
            if not code:
                continue
            d = gz.by_code.get(code)
            while d is not None and d.code not in done:  # build.add_division_hierarchy
                done.add(d.code)
                iri = entity_id(division_key(d.code))
                node = n.iri(iri)
                if iri not in labelled:
                    piece.add(iri, node, "a", self.g(d.cls))
                    piece.add(iri, node, p["label"], n.zh(d.label))
                    piece.add(iri, node, p["identifier"], n.plain(d.code))
                if not d.parent:
                    break
                parent = gz.by_code.get(d.parent)
                if parent is None:
                    break
                piece.add(iri, node, p["partOf"], n.iri(entity_id(division_key(parent.code))))
                d = parent
        if self.r.observations:
            self.dataset(piece)
        self.report_node(piece)
        return piece

    def dataset(self, piece: _Piece) -> None:
        doc_id = self.doc.id
        iri = f"{BASE}dataset/{segment(doc_id)}"
        node = self.n.iri(iri)
        piece.add(iri, node, "a", self.cls["DataSet"])
        piece.add(iri, node, self.p["label"], self.n.zh(f"{doc_id} 统计数据"))
        piece.add(iri, node, self.p["structure"], self.g("dsd"))
        piece.add(iri, node, self.p["wasDerivedFrom"], self.report)

    def report_node(self, piece: _Piece) -> None:
        r, n, p, add = self.r, self.n, self.p, piece.add
        iri, node = self.report_iri, self.report
        add(iri, node, "a", self.cls["Report"])
        add(iri, node, "a", self.g(r.meta.kind))
        add(iri, node, p["identifier"], n.plain(self.doc.id))
        add(iri, node, p["title"], n.zh(r.meta.title))
        if r.meta.year:
            add(iri, node, p["date"], n.typed(str(r.meta.year), XSD + "gYear"))
        if r.meta.review_period:
            add(iri, node, p["reviewPeriod"], n.plain(r.meta.review_period))
        area = area_entity_key(list(r.entities), r.meta)
        if area is not None:
            add(iri, node, p["spatial"], n.iri(entity_id(area)))
        for e in r.entities:
            add(iri, node, p["mentions"], n.iri(entity_id(e.key)))
        self.context_node(piece)
        for src in r.meta.sources:
            local = METADATA_SOURCE.get(src.field)
            if local is None:
                continue
            siri = f"{iri}/meta/{src.field}"
            snode = n.iri(siri)
            add(iri, node, self.g(local), snode)
            add(siri, snode, "a", self.cls["MetadataSource"])
            add(siri, snode, p["rule"], n.plain(src.rule))
            if 0 <= src.start < src.end <= len(self.doc.text):
                add(siri, snode, p["evidence"], self.span(piece, src.start, src.end))

    # ------------------------------------------------------------ build.py: facts
    def facts(self, piece: _Piece, within=None) -> None:
        r, n, p = self.r, self.n, self.p
        doc = self.doc
        for e in r.entities:  # build.add_mentions
            target = n.iri(entity_id(e.key))
            for m in e.mentions:
                if m.doc_id != doc.id or (within is not None and not within(m.sentence)):
                    continue
                node = self.span(piece, m.start, m.end)
                iri = f"{self.text_base}{m.start},{m.end}"
                piece.add(iri, node, p["mentionOf"], target)
                piece.add(iri, node, p["rule"], n.plain(m.rule_id))
                piece.add(iri, node, p["confidence"], confidence_text(m.confidence))
                piece.add(iri, node, p["sentence"], self.sentence(piece, m.sentence))
        for o in r.observations:
            if within is None or within(o.sentence):
                self.observation(piece, o)
        for rel in r.relations:
            if within is None or within(rel.sentence):
                self.relation(piece, rel)

    def indicator(self, piece: _Piece, label: str, in_scheme: bool, measure: str | None = None, base: str = "") -> str:
        n, p = self.n, self.p
        iri = f"{BASE}indicator/{segment(label)}"
        node = n.iri(iri)
        piece.add(iri, node, "a", self.cls["Indicator"])
        piece.add(iri, node, "a", self.cls["Concept"])
        piece.add(iri, node, p["label"], n.zh(label))
        piece.add(iri, node, p["prefLabel"], n.zh(label))
        piece.add(iri, node, p["inScheme"], self.g("indicatorScheme" if in_scheme else "reportedIndicatorScheme"))
        if measure is not None:
            piece.add(iri, node, p["measureType"], self.g(MEASURE_CONCEPT[measure]))
        if base:
            piece.add(iri, node, p["baseIndicator"], self.indicator(piece, base, in_scheme))
        return node

    def written(self, piece: _Piece, o) -> str:
        """cube.add_written: the report's own spelling of a scheme concept, skos:exactMatch the concept."""
        n, p = self.n, self.p
        concept = self.indicator(piece, o.indicator, True, o.measure, o.base_indicator)
        iri = f"{BASE}indicator/{segment(o.written)}"
        node = n.iri(iri)
        piece.add(iri, node, "a", self.cls["Indicator"])
        piece.add(iri, node, "a", self.cls["Concept"])
        piece.add(iri, node, p["label"], n.zh(o.written))
        piece.add(iri, node, p["prefLabel"], n.zh(o.written))
        piece.add(iri, node, p["inScheme"], self.g("reportedIndicatorScheme"))
        piece.add(iri, node, p["measureType"], self.g(MEASURE_CONCEPT[o.measure]))
        piece.add(iri, node, p["exactMatch"], concept)
        return node

    def observation(self, piece: _Piece, o) -> None:
        n, p = self.n, self.p
        part = f"/{o.part}" if o.part else ""
        iri = f"{BASE}observation/{segment(o.doc_id)}/{o.start}-{o.end}{part}"
        node = n.iri(iri)
        if o.in_scheme and o.written and o.written != o.indicator:
            ind = self.written(piece, o)
        else:
            ind = self.indicator(piece, o.indicator, o.in_scheme, o.measure, o.base_indicator)
        add = piece.add
        add(iri, node, "a", self.cls["Observation"])
        add(iri, node, "a", self.g("Observation"))
        add(iri, node, p["dataSet"], n.iri(f"{BASE}dataset/{segment(o.doc_id)}"))
        if o.area_key:
            add(iri, node, p["refArea"], n.iri(entity_id(o.area_key)))
        add(iri, node, p["refPeriod"], n.plain(o.period))
        add(iri, node, p["indicator"], ind)
        add(iri, node, p["measureType"], self.g(MEASURE_CONCEPT[o.measure]))
        add(iri, node, p["isTarget"], "true" if o.target else "false")
        try:
            value = Decimal(o.value_text.replace(",", ""))
        except InvalidOperation:
            value = Decimal(repr(o.value))
        add(iri, node, p["obsValue"], decimal_text(value))
        add(iri, node, p["unitMeasure"], n.plain(o.unit))
        add(iri, node, p["normalizedValue"], decimal_text(Decimal(repr(o.base_value))))
        add(iri, node, p["normalizedUnit"], n.plain(o.base_unit))
        add(iri, node, p["valueText"], n.plain(o.value_text))
        if o.indicator_text:
            add(iri, node, p["indicatorText"], n.plain(o.indicator_text))
        if o.qualifier:
            add(iri, node, p["qualifier"], n.plain(o.qualifier))
        add(iri, node, p["wasDerivedFrom"], n.iri(report_id(o.doc_id)))
        self.evidence(piece, iri, node, o.start, o.end, o.sentence, o.rule, o.confidence)

    def relation(self, piece: _Piece, rel) -> None:
        from .build import statement_id

        n, p = self.n, self.p
        s_iri, o_iri = entity_id(rel.subject), entity_id(rel.object)
        s, o = n.iri(s_iri), n.iri(o_iri)
        pred = self.g(rel.predicate)
        piece.add(s_iri, s, pred, o)
        if rel.kind:
            piece.add(s_iri, s, self.g(rel.kind), o)
        iri = statement_id(rel)
        st = n.iri(iri)
        piece.add(iri, st, "a", self.cls["Statement"])
        piece.add(iri, st, p["subject"], s)
        piece.add(iri, st, p["predicate"], self.g(rel.kind) if rel.kind else pred)
        piece.add(iri, st, p["object"], o)
        if rel.status:
            piece.add(iri, st, p["status"], self.g(rel.status))
        if rel.phase:
            piece.add(iri, st, p["phase"], n.plain(rel.phase))
        piece.add(iri, st, p["wasDerivedFrom"], n.iri(report_id(rel.doc_id)))
        self.evidence(piece, iri, st, rel.start, rel.end, rel.sentence, rel.rule, rel.confidence)


def report_part(r: ReportResult, codes: dict[str, str | None] | None = None) -> dict:
    """The part of one report (the layout in the module's text).  ``codes``: each entity key's code
    (the corpus-wide one, when the merge finds it differs; by default the report's own)."""
    from .build import report_graph_iri

    if codes is None:
        codes = {e.key: e.code for e in r.entities}
    w = _Report(r)
    blocks = sentence_blocks(r.document)
    core = w.core(codes)
    pieces = [core]
    if len(blocks) == 1:
        w.facts(core)
    else:
        for i, block in enumerate(blocks):
            first, end, last = block[0].index, block[-1].index + 1, i == len(blocks) - 1
            piece = _Piece()
            w.facts(piece, lambda j, first=first, end=end, last=last: first <= j < end or (last and j < 0))
            pieces.append(piece)
    doc = r.document
    source = None
    if doc.sha256:
        source = [doc.id, display(doc.path.replace("\\", "/").rsplit("/", 1)[-1]), doc.sha256]
    return {"format": FORMAT, "graph": str(report_graph_iri(doc.id)), "report": w.report_iri, "source": source,
            "codes": [[k, codes.get(k) or ""] for k in sorted({e.key for e in r.entities})],
            "pieces": [p.chunks() for p in pieces], "view": report_view(r, codes)}


# ------------------------------------------------------------------ reading a part back

_TERM = r'(?:<[^<>\s]*>|[A-Za-z][A-Za-z0-9_-]*:[A-Za-z_][A-Za-z0-9_-]*)'
# statements as ``statement`` writes them: a subject's first line, then its indented lines, each ending
# a predicate (" ;") or the statement (" ."); no line can open or close a graph's braces
_STATEMENTS = re.compile(rf'(?:{_TERM} [^\n]*?(?: ;\n    \S[^\n]*?)* \.\n)+')
_KEYS = {"format", "graph", "report", "source", "codes", "pieces", "view"}


def _str(x, where: str) -> str:
    if not isinstance(x, str):
        raise ValueError(f"{where}: expected a string, got {type(x).__name__}")
    if "\n" in x or "\r" in x:
        raise ValueError(f"{where}: a line break in a term")
    return x


def _list(x, where: str, n: int | None = None) -> list:
    if not isinstance(x, list) or (n is not None and len(x) != n):
        raise ValueError(f"{where}: expected a list" + (f" of {n}" if n is not None else ""))
    return x


def _statements(text, where: str) -> None:
    if not isinstance(text, str) or not _STATEMENTS.fullmatch(text):
        raise ValueError(f"{where}: not statements as the writer writes them")


def check_part(data) -> dict:
    """A part as ``report_part`` makes it, checked field by field (it comes back from the cache or the
    spool as JSON); ValueError for anything else."""
    if not isinstance(data, dict) or set(data) != _KEYS or data["format"] != FORMAT:
        raise ValueError("not a report part of this layout")
    _str(data["graph"], "graph")
    _str(data["report"], "report")
    if data["source"] is not None:
        for x in _list(data["source"], "source", 3):
            _str(x, "source")
    for pair in _list(data["codes"], "codes"):
        for x in _list(pair, "code", 2):
            _str(x, "code")
    for i, piece in enumerate(_list(data["pieces"], "pieces")):
        for chunk in _list(piece, f"piece {i}"):
            _list(chunk, f"piece {i} chunk")
            if chunk and chunk[0] == "t" and len(chunk) == 3:
                _statements(chunk[1], f"piece {i}")
                if not isinstance(chunk[2], int) or isinstance(chunk[2], bool) or chunk[2] < 0:
                    raise ValueError(f"piece {i}: a count that is not a number")
            elif chunk and chunk[0] == "s" and len(chunk) == 4:
                _str(chunk[1], "subject")
                _str(chunk[3], "entity key")
                for pred in _list(chunk[2], "predicates"):
                    _str(_list(pred, "predicate", 2)[0], "predicate")
                    for o in _list(pred[1], "objects"):
                        _str(o, "object")
            else:
                raise ValueError(f"piece {i}: not a chunk")
    check_view(data["view"])
    return data


def check_made(field) -> dict:
    """A part as a cache entry or the spool holds it ({"version", "data"}), of this version, checked."""
    if not isinstance(field, dict) or set(field) != {"version", "data"} or field["version"] != parts_version():
        raise ValueError("a part of another version")
    return check_part(field["data"])


def trusted_made(field) -> dict:
    """``check_made`` for a part whose MAC verified (extract/spool.py): written by this user's govkg as it
    is read, so only its version is checked, not every field."""
    if not isinstance(field, dict) or set(field) != {"version", "data"} or field["version"] != parts_version():
        raise ValueError("a part of another version")
    return field["data"]


@lru_cache(maxsize=1)
def parts_version() -> str:
    """A digest of the code that decides what a part holds: made again when it changes."""
    import hashlib
    from pathlib import Path

    here = Path(__file__).parent
    h = hashlib.sha256(str(FORMAT).encode())
    for p in (here / "parts.py", here / "fragment.py", here / "nxview.py", here / "iri.py", here / "build.py",
              here / "cube.py", here / "export" / "turtle.py"):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def finish():
    """What a build's workers make of each extraction (extract/executor.py): its part."""
    from govkg.extract.executor import Finish

    return Finish(field="parts", version=parts_version(), make=report_part, check=check_part)
