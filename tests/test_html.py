import re

import networkx as nx

from graph.export.html import render_html


def test_report_strings_cannot_run_code():
    G = nx.MultiDiGraph()
    G.add_node("a", label="</script><script>alert(1)</script>", cls="Zone", top="Place")
    G.add_node("b", label="<img src=x onerror=alert(2)>", cls="Slogan", top="Initiative")
    G.add_edge("a", "b", key="promotes", predicate="promotes")
    page = render_html(G)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert page.count("</script>") == 2  # the vis-network script and ours


def test_page_is_offline_and_has_a_legend():
    G = nx.MultiDiGraph()
    G.add_node("a", label="南沙区", cls="District", top="Place")
    page = render_html(G)
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert "地点 Place (1)" in page and "vis.Network" in page
