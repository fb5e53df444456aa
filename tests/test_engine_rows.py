"""The Oxigraph engine converts each distinct term of a result once and reads a solution's values
in the order of its variables: the rows are those the engine gave before (one conversion per
cell, looked up by variable), unbound values included."""
import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from govkg.graph.sparql import DEFAULT_GRAPH, oxigraph_available, open_engine

pytestmark = pytest.mark.skipif(not oxigraph_available(), reason="needs pyoxigraph")
EX = Namespace("https://example.org/")


def test_rows_keep_the_variables_order_unbound_values_and_repeated_terms():
    g = Graph()
    for i in range(30):
        g.add((EX[f"s{i}"], EX.p, Literal(f"name{i % 4}", lang="zh")))
        g.add((EX[f"s{i}"], EX.n, Literal(i % 3)))
        if i % 2:
            g.add((EX[f"s{i}"], EX.q, EX[f"o{i % 5}"]))
    e = open_engine({URIRef(DEFAULT_GRAPH): g, URIRef("https://example.org/g"): g}, "oxigraph")
    text = ("SELECT ?z ?o ?name ?s ?n WHERE { ?s <https://example.org/p> ?name ; <https://example.org/n> ?n "
            "OPTIONAL { ?s <https://example.org/q> ?o } BIND (STR(?n) AS ?z) } ORDER BY ?s")
    r = e.query(text)
    res = e.store.query(text)
    variables = [v.value for v in res.variables]
    assert r.variables == variables == ["z", "o", "name", "s", "n"]
    assert r.rows == [tuple(e._term(sol[v]) for v in variables) for sol in res]
    assert len(r.rows) == 30 and sum(1 for row in r.rows if row[1] is None) == 15
    assert {row[2].lang for row in r.rows} == {"zh"}
