"""SPARQL JSON results are written a row at a time (graph/results.to_json), byte for byte what the json
module's indenting encoder wrote before (results._to_json_dumps)."""
import json

import pytest

from govkg.graph.results import _to_json_dumps, to_json
from govkg.graph.saved import saved_queries
from govkg.graph.sparql import Result, Term

ODD = ['say "hi"', "back\\slash", "line\nbreak\ttab\r", "北京市\u3000", "\x00\x1f\x7f", "\ud800 lone", "", "💡"]


def _terms():
    yield Term("uri", "https://w3id.org/govkg/id/北京市")
    yield Term("bnode", "b0")
    for text in ODD:
        yield Term("literal", text)
        yield Term("literal", text, lang="zh")
        yield Term("literal", text, datatype="http://www.w3.org/2001/XMLSchema#integer")


@pytest.mark.parametrize("result", [
    Result("select", ["a", "b"], [tuple(t for t in (x, y)) for x in _terms() for y in (None, Term("uri", "x:y"))]),
    Result("select", ["a", "b", "c"], [(None, None, None), (Term("literal", "1"), None, None)]),
    Result("select", ["only"], []),
    Result("select", [], []),
    Result("select", [], [()]),
    Result("select", ['q"uote', "名"], [(Term("literal", "v"), Term("literal", "w", lang="en"))]),
    Result("ask", boolean=True),
    Result("ask", boolean=False),
], ids=["terms", "unbound", "no-rows", "no-vars", "empty-row", "odd-names", "ask-true", "ask-false"])
def test_to_json_writes_the_bytes_of_the_json_module(result):
    assert to_json(result) == _to_json_dumps(result)
    if result.kind == "select":
        assert len(json.loads(to_json(result))["results"]["bindings"]) == len(result.rows)


def test_every_saved_query_on_the_seeds_gives_the_json_of_the_json_module(seed_build):
    from govkg.graph.sparql import open_engine
    from govkg.graph.serve import query_source

    eng = open_engine(str(query_source(seed_build / "graph.trig")), "oxigraph")
    nonempty = 0
    for q in saved_queries().values():
        result = eng.query(q.render())
        nonempty += bool(result.rows)
        assert to_json(result) == _to_json_dumps(result), q.name
    assert nonempty >= 10
