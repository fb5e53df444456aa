"""The counts over the corpus (graph/summary.py) and the saved queries that start from them.

The counts are checked against what SPARQL counts on the seeds; the queries' branch for no
parameter (read from the counts) against their branch for a parameter (read from every mention),
on the seeds and on a made-up graph where the counts leave most entities out: 80 entities named
by 60 reports, some of them sharing a name (one row of top-entities made of several entities,
each named in few reports), so that the 50 rows are found among a few of them."""
import re

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from govkg.graph.build import ONTOLOGY_GRAPH, SCHEMA, new_graph
from govkg.graph.saved import saved_query
from govkg.graph.sparql import open_engine
from govkg.graph.summary import SUMMARY_GRAPH, Summary, observe
from govkg.ontology.namespace import GOV

ID = Namespace("https://w3id.org/govkg/id/")
G = Namespace("https://w3id.org/govkg/ontology#")
BRANCHED = ("top-entities", "shared-initiatives", "shared-institutions")
NO_PARAMETER = re.compile(r"FILTER \(!BOUND\(\?_area\)( && !BOUND\(\?_year\))?( && !BOUND\(\?_report\))?\)  # no parameter")
NO_PARAMETER_YEAR = re.compile(r"FILTER \(!BOUND\(\?_year\)\)  # no parameter")
A_PARAMETER = re.compile(r"FILTER \((BOUND\(\?_\w+\)( \|\| )?)+\)  # a parameter given[^\n]*")


def reading_everything(name: str) -> str:
    """The saved query with its branch for no parameter shut and the other one open: the rows
    counted from every mention, as before the counts."""
    text = saved_query(name).render()
    text, shut = re.subn(NO_PARAMETER, "FILTER (false)", text)
    text, shut_year = re.subn(NO_PARAMETER_YEAR, "FILTER (false)", text)
    text, opened = re.subn(A_PARAMETER, "", text)
    assert shut + shut_year == 1 and opened == 1, name
    return text


def _summary_part(parts) -> Graph:
    import io

    from govkg.graph.export.turtle import TurtleWriter
    from govkg.graph.parts import write_prefixes

    writer = TurtleWriter(io.StringIO(), write_prefixes())
    summary = Summary(writer.names)
    for name in sorted(parts, key=lambda n: (n != ONTOLOGY_GRAPH, str(n))):
        observe(summary, parts[name], writer.term)
    g = Graph()
    for t in summary.triples():
        g.add(t)
    return g


@pytest.fixture(scope="module")
def made_up():
    """60 reports of 3 areas; entity k (of 80) named by the first 60 - k*3/4 reports, entities 70-75
    named 雄忻高铁 (each by 6 reports of its own: 36 together), 76-79 named 乡村振兴 as a Strategy."""
    parts = {ONTOLOGY_GRAPH: new_graph(True)}
    areas = [ID[f"place/13060{i}"] for i in range(3)]
    for i, area in enumerate(areas):
        parts[ONTOLOGY_GRAPH].add((area, RDF.type, G.District))
        parts[ONTOLOGY_GRAPH].add((area, RDFS.label, Literal(f"县{i}", lang="zh")))
    classes = [G.District, G.GovernmentBody, G.Zone, G.Strategy, G.University]
    for r in range(60):
        g = Graph()
        report = ID[f"report/r{r:02d}"]
        g.add((report, RDF.type, G.Report))
        g.add((report, RDF.type, G.GovernmentWorkReport))
        g.add((report, DCTERMS.identifier, Literal(f"r{r:02d}")))
        g.add((report, DCTERMS.spatial, areas[r % 3]))
        g.add((report, DCTERMS.date, Literal(str(2000 + r % 5), datatype=XSD.gYear)))
        for k in range(80):
            if k < 70:
                named, label, cls = r < 60 - k * 3 // 4, f"实体{k // 2 if k % 7 == 0 else k}", classes[k % 5]
            elif k < 76:
                named, label, cls = (k - 70) * 6 <= r < (k - 69) * 6, "雄忻高铁", G.TransportProject
            else:
                named, label, cls = r == k - 76 or r == 59 - (k - 76), "乡村振兴", G.Strategy
            if named:
                e = ID[f"project/e{k:02d}"]
                g.add((report, SCHEMA.mentions, e))
                g.add((e, RDF.type, cls))
                g.add((e, RDFS.label, Literal(label, lang="zh")))
        parts[URIRef(f"{ID}graph/r{r:02d}")] = g
    parts[URIRef(SUMMARY_GRAPH)] = _summary_part(parts)
    return parts


@pytest.fixture(scope="module")
def made_up_engines(made_up):
    return open_engine(made_up, "oxigraph"), open_engine(made_up, "rdflib")


@pytest.fixture(scope="module")
def seed_engines(seed_kg):
    return open_engine(seed_kg.parts, "oxigraph"), open_engine(seed_kg.parts, "rdflib")


def _rows(engine, text):
    res = engine.query(text)
    return res.variables, res.rows


@pytest.mark.parametrize("name", BRANCHED)
def test_the_counts_give_the_rows_of_every_mention_on_the_seeds(seed_engines, name):
    for engine in seed_engines:
        assert _rows(engine, saved_query(name).render()) == _rows(engine, reading_everything(name)), (name, engine.name)


@pytest.mark.parametrize("name", BRANCHED)
def test_the_counts_give_the_rows_of_every_mention_where_they_leave_most_entities_out(made_up_engines, name):
    ox, rl = made_up_engines
    fast = _rows(ox, saved_query(name).render())
    assert fast == _rows(ox, reading_everything(name)) == _rows(rl, saved_query(name).render())
    assert fast[1], name


def test_the_made_up_graph_puts_a_row_of_many_entities_among_the_first(made_up_engines):
    ox, _ = made_up_engines
    rows = [(r[0].value, r[1].value, int(r[2].value)) for r in ox.query(saved_query("top-entities").render()).rows]
    assert ("雄忻高铁", "TransportProject", 36) in rows  # six entities of 6 reports each
    bar = ox.query("PREFIX gov: <https://w3id.org/govkg/ontology#> SELECT (MIN(?n) AS ?m) WHERE "
                   "{ { SELECT ?n WHERE { ?e gov:reportCount ?n } ORDER BY DESC(?n) LIMIT 50 } }").rows[0][0]
    assert int(bar.value) > 6  # so the row is found through gov:nameReportCount, not by reading everything


COUNTED = """PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
SELECT ?e ?reports ?name WHERE {
  { SELECT ?e (COUNT(DISTINCT ?r) AS ?reports) WHERE { ?r schema:mentions ?e } GROUP BY ?e }
  { SELECT ?e (MAX(?n) AS ?name) WHERE {
      ?e rdfs:label ?l .
      { SELECT ?l (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r schema:mentions ?x . ?x rdfs:label ?l } GROUP BY ?l }
    } GROUP BY ?e }
} ORDER BY ?e"""
WRITTEN = """PREFIX gov: <https://w3id.org/govkg/ontology#>
SELECT ?e ?reports ?name WHERE { ?e gov:reportCount ?reports ; gov:nameReportCount ?name } ORDER BY ?e"""
# class-counts as it was, counted from every entity's classes
CLASS_COUNTS = """PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?top ?class (COUNT(DISTINCT ?e) AS ?entities)
WHERE {
  VALUES ?topClass { gov:Place gov:Organization gov:Project gov:Initiative gov:PolicyDocument }
  ?e a ?c . ?c rdfs:subClassOf* ?topClass .
  FILTER (STRSTARTS(STR(?e), "https://w3id.org/govkg/id/"))
  MINUS { { SELECT ?c2 ?c WHERE { ?c2 rdfs:subClassOf+ ?c . FILTER (?c2 != ?c) } } ?e a ?c2 }
  BIND (STRAFTER(STR(?topClass), "#") AS ?top)
  BIND (STRAFTER(STR(?c), "#") AS ?class)
}
GROUP BY ?top ?class
ORDER BY COALESCE(STR(?top), "") DESC(?entities) COALESCE(STR(?class), "")"""


def test_the_written_counts_are_what_sparql_counts(seed_engines, made_up_engines):
    for ox in (seed_engines[0], made_up_engines[0]):
        assert ox.query(WRITTEN).rows == ox.query(COUNTED).rows
        assert ox.query(saved_query("class-counts").render()).rows == ox.query(CLASS_COUNTS).rows


def test_the_counts_are_a_named_graph_of_their_own_after_the_reports(seed_build):
    text = (seed_build / "graph.trig").read_text(encoding="utf-8")
    blocks = re.findall(r"^(\S+) \{$", text, re.M)
    assert blocks[-1] == "govid:summary" and blocks.count("govid:summary") == 1
    assert "gov:reportCount" in text.split("govid:summary {", 1)[1]


def test_entity_lists_no_count(seed_engines):
    for engine in seed_engines:
        props = {r[2].value for r in engine.query(saved_query("entity").render()).rows}
        assert props and not props & {str(GOV.reportCount), str(GOV.nameReportCount), str(GOV.entityCount)}
