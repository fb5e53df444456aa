"""CSV tables for spreadsheets: entities, relations and observations.

Every row names things by the same IRIs as the RDF exports, so a table and the
graph can be joined.  Files are UTF-8 with a byte-order mark (Excel then reads
Chinese text correctly).  CSV has no types: ``csv-metadata.json`` (W3C CSVW) gives every
column's datatype, and pandas keeps codes as text (440115, not 440115.0) when told to:
``pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)``.
Tables are read from the RDF graph, so they can be made from any built graph.
A cell that a spreadsheet would run as a formula (a report line beginning with
``=HYPERLINK(…)``) starts with an apostrophe, so it shows as the text it is.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from govkg.ontology.namespace import GOV

from ..cube import QB, SDMX_ATTR, SDMX_DIM, SDMX_MEASURE
from ..evidence import NIF, PROV
from ..nxview import to_networkx
from .atomic import write_atomic

TABLES = ("entities", "relations", "observations")
SEP = " | "

ENTITY_COLUMNS = ["iri", "label", "class", "top_class", "aliases", "identifier", "reports"]
RELATION_COLUMNS = ["statement", "subject", "subject_label", "predicate", "object", "object_label", "status",
                    "phase", "report", "begin", "end", "text", "sentence", "rule", "confidence"]
OBSERVATION_COLUMNS = ["observation", "area", "area_label", "indicator", "indicator_label", "period", "measure_type",
                       "is_target", "value", "unit", "normalized_value", "normalized_unit", "qualifier", "value_text",
                       "report", "begin", "end", "text", "sentence", "rule", "confidence"]


def _s(value) -> str:
    return "" if value is None else str(value)


def _local(term) -> str:
    text = _s(term)
    return text.rsplit("#", 1)[-1] if "#" in text else text


def _report_id(g: Graph, report) -> str:
    return _s(g.value(report, DCTERMS.identifier)) if report is not None else ""


def _evidence(g: Graph, node) -> list[str]:
    """report id, begin, end, text, sentence of a fact's evidence span."""
    span = g.value(node, GOV.evidence)
    report = _report_id(g, g.value(node, PROV.wasDerivedFrom))
    if span is None:
        return [report, "", "", "", ""]
    sentence = g.value(span, NIF.sentence)
    return [report, _s(g.value(span, NIF.beginIndex)), _s(g.value(span, NIF.endIndex)),
            _s(g.value(span, NIF.anchorOf)), _s(g.value(sentence, NIF.anchorOf)) if sentence else ""]


def entity_rows(g: Graph, G: nx.MultiDiGraph) -> list[list[str]]:
    rows = []
    for n, d in G.nodes(data=True):
        if d.get("top") == "Report":
            continue
        node = URIRef(n)
        reports = sorted(G.nodes[u]["label"] for u, _, k in G.in_edges(n, keys=True) if k == "mentions")
        rows.append([n, d.get("label", ""), d.get("cls", ""), d.get("top", ""),
                     SEP.join(sorted(str(a) for a in g.objects(node, SKOS.altLabel))),
                     _s(g.value(node, DCTERMS.identifier)), SEP.join(reports)])
    return sorted(rows)


def relation_rows(g: Graph) -> list[list[str]]:
    rows = []
    for st in g.subjects(RDF.type, RDF.Statement):
        s, o = g.value(st, RDF.subject), g.value(st, RDF.object)
        rows.append([str(st), _s(s), _s(g.value(s, RDFS.label)), _s(g.value(st, RDF.predicate)), _s(o),
                     _s(g.value(o, RDFS.label)), _local(g.value(st, GOV.status)), _s(g.value(st, GOV.phase)),
                     *_evidence(g, st), _s(g.value(st, GOV.rule)), _s(g.value(st, GOV.confidence))])
    return sorted(rows)


def observation_rows(g: Graph) -> list[list[str]]:
    rows = []
    for ob in g.subjects(RDF.type, QB.Observation):
        area, ind = g.value(ob, SDMX_DIM.refArea), g.value(ob, GOV.indicator)
        rows.append([str(ob), _s(area), _s(g.value(area, RDFS.label)), _s(ind), _s(g.value(ind, RDFS.label)),
                     _s(g.value(ob, SDMX_DIM.refPeriod)), _local(g.value(ob, GOV.measureType)),
                     _s(g.value(ob, GOV.isTarget)), _s(g.value(ob, SDMX_MEASURE.obsValue)),
                     _s(g.value(ob, SDMX_ATTR.unitMeasure)), _s(g.value(ob, GOV.normalizedValue)),
                     _s(g.value(ob, GOV.normalizedUnit)), _s(g.value(ob, GOV.qualifier)),
                     _s(g.value(ob, GOV.valueText)), *_evidence(g, ob), _s(g.value(ob, GOV.rule)),
                     _s(g.value(ob, GOV.confidence))])
    return sorted(rows)


_FORMULA_START = tuple("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that begins like a formula (= + - @, a tab or a
    return) gets a leading apostrophe, unless it is a plain number such as -2.5."""
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def table_csv(columns: list[str], rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    w.writerows([cell(v) for v in row] for row in rows)
    return buf.getvalue().encode("utf-8-sig")


# Columns that hold numbers; every other column is text, codes (GB/T 2260 identifiers, report ids,
# values as written) included, whatever its cells look like.
NUMBER_COLUMNS = {"begin": "nonNegativeInteger", "end": "nonNegativeInteger", "confidence": "decimal",
                  "value": "decimal", "normalized_value": "decimal"}
METADATA = "csv-metadata.json"


def csvw_metadata(columns: dict[str, list[str]]) -> bytes:
    """The tables' W3C CSVW metadata (https://www.w3.org/TR/tabular-metadata/): every column's
    datatype, so that a reader that honours it keeps codes such as 440115 as text."""
    doc = {"@context": "http://www.w3.org/ns/csvw", "dialect": {"encoding": "utf-8", "header": True}, "tables": [
        {"url": name, "tableSchema": {"columns": [
            {"name": c, "titles": c, "datatype": NUMBER_COLUMNS.get(c, "string")} for c in cols]}}
        for name, cols in columns.items()]}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def tables(g: Graph, G: nx.MultiDiGraph | None = None) -> dict[str, bytes]:
    """File name -> bytes for the three tables (``G``: the graph's networkx view, if already made)
    and their CSVW metadata."""
    return {
        "entities.csv": table_csv(ENTITY_COLUMNS, entity_rows(g, to_networkx(g) if G is None else G)),
        "relations.csv": table_csv(RELATION_COLUMNS, relation_rows(g)),
        "observations.csv": table_csv(OBSERVATION_COLUMNS, observation_rows(g)),
        METADATA: csvw_metadata({"entities.csv": ENTITY_COLUMNS, "relations.csv": RELATION_COLUMNS,
                                 "observations.csv": OBSERVATION_COLUMNS}),
    }


def write_tables(g: Graph, folder: str | Path, G: nx.MultiDiGraph | None = None) -> list[Path]:
    return [write_atomic(Path(folder) / name, data) for name, data in tables(g, G).items()]
