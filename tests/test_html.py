import json
import re

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govkg.extract.errors import GovkgError
from govkg.graph.export.html import _script_safe_json, explorer_data, focus_subgraph, physics_options, render_html


def _node(G, n, label, cls, top, aliases=()):
    G.add_node(n, label=label, cls=cls, top=top, aliases=list(aliases), reports=["r1"], evidence=[])


def test_report_strings_cannot_run_code():
    G = nx.MultiDiGraph()
    _node(G, "a", "</script><script>alert(1)</script>", "Zone", "Place")
    _node(G, "b", "<img src=x onerror=alert(2)>", "Slogan", "Initiative")
    G.add_edge("a", "b", key="promotes", predicate="promotes", kinds=[], evidence=[])
    page = render_html(G)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    # the error hook, vis-network, the data and the explorer: four script elements, no more
    assert page.count("</script>") == 4


def test_page_is_offline_and_carries_bootstrap():
    G = nx.MultiDiGraph()
    _node(G, "a", "南沙区", "District", "Place")
    page = render_html(G)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "Bootstrap  v5" in page and "vis.Network" in page


def test_explorer_data_drops_report_links_and_counts_relations():
    G = nx.MultiDiGraph()
    _node(G, "a", "南沙区", "District", "Place", ["南沙"])
    _node(G, "b", "明珠湾大桥", "Bridge", "Project")
    G.add_node("r", label="000", cls="WorkSummary", top="Report")
    G.add_edge("r", "a", key="mentions", predicate="mentions")
    G.add_edge("r", "a", key="spatial", predicate="spatial")
    G.add_edge("a", "b", key="promotes", predicate="promotes", kinds=["builds"], evidence=[])
    d = explorer_data(G)
    assert [(n["id"], n["degree"]) for n in d["nodes"]] == [("a", 1), ("b", 1)]
    assert [(e["from"], e["to"], e["kinds"]) for e in d["edges"]] == [("a", "b", ["builds"])]
    assert d["reports"] == [{"id": "000", "area": "南沙区"}] and d["areas"] == [{"name": "南沙区"}]
    assert [c["count"] for c in d["classes"]] == [1, 0, 1, 0, 0]


def test_big_graphs_are_capped_and_physics_bounded():
    G = nx.MultiDiGraph()
    for i in range(30):
        _node(G, f"n{i:02}", f"实体{i}", "Zone", "Place")
    for i in range(1, 10):
        G.add_edge("n00", f"n{i:02}", key="partOf", predicate="partOf", kinds=[], evidence=[])
    d = explorer_data(G, max_nodes=10)
    assert d["total"] == 30 and [n["id"] for n in d["nodes"]] == [f"n{i:02}" for i in range(10)]
    assert physics_options(5000)["physics"]["stabilization"]["iterations"] == 40
    assert physics_options(50)["physics"]["stabilization"]["iterations"] == 300
    assert "best-connected of 30" in render_html(G, max_nodes=10)


def test_focus_keeps_the_neighbourhood():
    G = nx.MultiDiGraph()
    for n in "abcd":
        _node(G, n, n.upper(), "Zone", "Place", [n + "x"])
    for u, v in ("ab", "bc", "cd"):
        G.add_edge(u, v, key="partOf", predicate="partOf", kinds=[], evidence=[])
    assert set(focus_subgraph(G, "ax", 2)) == {"a", "b", "c"}
    assert set(focus_subgraph(G, "D", 0)) == {"d"}
    with pytest.raises(GovkgError, match="no entity is named"):
        focus_subgraph(G, "Z", 1)


@pytest.mark.parametrize("max_nodes", [40, 5000])
def test_the_page_folded_in_two_passes_is_the_page_of_the_folded_views(seed_corpus, max_nodes):
    """The build's page (pagefold.ViewFold: a census of the reports' views, then only the chosen
    entities folded) is explorer_data of all the views folded together, also when the cap cuts."""
    from govkg.graph.build import report_graph_iri
    from govkg.graph.fragment import fill, report_view
    from govkg.graph.nxview import merge_view
    from govkg.graph.pagefold import ViewFold

    entities = seed_corpus.entities
    results = sorted(seed_corpus.reports, key=lambda r: str(report_graph_iri(r.document.id)))
    views = [report_view(r, {e.key: entities[e.key].code for e in r.entities}) for r in results]
    G = nx.MultiDiGraph()
    for view in views:
        merge_view(G, fill(view, entities))
    fold = ViewFold(entities, max_nodes)
    for view in views:
        fold.count(view)
    folded, whole = fold.data(), explorer_data(G, max_nodes)
    assert len(folded["nodes"]) == min(max_nodes, whole["total"]) and whole["total"] > 40
    assert folded == whole


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=40)


@given(JSON_VALUES)
def test_the_page_data_written_in_pieces_is_the_data_escaped_at_once(obj):
    """The page's data goes to the file piece by piece; joined, the pieces are the JSON text of the
    whole, as a string literal with <, >, & and the line separators escaped."""
    whole = json.dumps(json.dumps(obj, ensure_ascii=False, sort_keys=True), ensure_ascii=False)
    for ch in "<>&\u2028\u2029":
        whole = whole.replace(ch, "\\u%04x" % ord(ch))
    assert _script_safe_json(obj) == whole
