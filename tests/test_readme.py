"""The SPARQL examples in the README (```sparql blocks, and the query strings of its Python
examples) declare their prefixes and answer the same rows on the seed graph with both engines."""
import re

import pytest
from conftest import ROOT
from govkg.graph.sparql import QueryError, check_query, open_engine

README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERIES = re.findall(r"```sparql\n(.*?)```", README, re.S) + \
    [q for block in re.findall(r"```python\n(.*?)```", README, re.S)
     for q in re.findall(r'"""\n(.*?)"""', block, re.S) if re.search(r"\b(SELECT|ASK|CONSTRUCT)\b", q)]


@pytest.fixture(scope="module")
def engines(seed_kg):
    return open_engine(seed_kg.parts, "oxigraph"), open_engine(seed_kg.parts, "rdflib")


def test_the_readme_has_sparql_examples():
    assert len(QUERIES) >= 4


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{i}" for i in range(len(QUERIES))])
def test_readme_sparql_example_declares_its_prefixes(query):
    check_query(query)  # an undeclared prefix (rdflib would take rdf: and rdfs: unasked) fails here


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{i}" for i in range(len(QUERIES))])
def test_readme_sparql_example_answers_the_same_on_both_engines(engines, query):
    ox, rl = engines
    a, b = ox.query(query), rl.query(query)
    assert a.rows, "a README example returns nothing on the seeds"
    assert a.variables == b.variables and sorted(a.rows) == sorted(b.rows)


def test_a_syntax_error_is_one_line_with_its_position(engines):
    for engine in engines:
        with pytest.raises(QueryError) as exc:
            engine.query("SELECT ?x WHERE {\n  ?x rdfs:label ?y .\n}")
        message = str(exc.value)
        assert "\n" not in message
        assert message.startswith("SPARQL syntax error at line 2, column 6: ")
