"""The SPARQL examples in the README run against the seed graph and answer something."""
import re

import pytest

from conftest import ROOT

QUERIES = re.findall(r"```sparql\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


def test_the_readme_has_sparql_examples():
    assert len(QUERIES) >= 2


@pytest.mark.parametrize("query", QUERIES, ids=[f"query{i}" for i in range(len(QUERIES))])
def test_readme_sparql_example_answers(seed_graph, query):
    rows = list(seed_graph.query(query))
    assert rows, "a README example returns nothing on the seeds"
