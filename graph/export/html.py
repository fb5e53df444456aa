"""An interactive HTML view of the graph (pyvis data, vis-network), working offline.

All scripts and styles are inlined from the pyvis package: the page loads no
CDN and opens by double-click.  Every string from a report reaches the page as
JSON parsed at run time (never as markup), and the JSON is escaped so that it
cannot close the script element.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .atomic import write_atomic

COLORS = {
    "Place": "#4e79a7", "Organization": "#f28e2b", "Project": "#59a14f", "Initiative": "#e15759",
    "PolicyDocument": "#b07aa1", "Report": "#9c9c9c",
}
NAMES_ZH = {"Place": "地点", "Organization": "机构", "Project": "项目", "Initiative": "举措",
            "PolicyDocument": "政策文件", "Report": "报告"}


def _pyvis_asset(name: str) -> str:
    base = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return base.joinpath(name).read_text(encoding="utf-8")


def _script_safe_json(obj) -> str:
    """JSON text that is safe inside <script>: a JS string literal holding the JSON."""
    text = json.dumps(json.dumps(obj, ensure_ascii=False, sort_keys=True), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def network_data(G: nx.MultiDiGraph, max_nodes: int = 3000) -> dict:
    """pyvis nodes, edges and options for a networkx view of the graph."""
    net = Network(directed=True)
    keep = sorted(G.nodes, key=lambda n: (-G.degree(n), n))[:max_nodes]
    keep_set = set(keep)
    for n in sorted(keep):
        d = G.nodes[n]
        top = d.get("top", "Report")
        tip = f"{d.get('label', n)}\n{d.get('cls', '')}\n{n}"
        net.add_node(n, label=d.get("label", n), title=tip, color=COLORS.get(top, "#cccccc"),
                     group=top, value=1 + G.degree(n), shape="dot")
    for u, v, k, d in sorted(G.edges(keys=True, data=True)):
        if u in keep_set and v in keep_set:
            net.add_edge(u, v, title=d.get("predicate", k), label="" if k == "mentions" else k,
                         color="#dddddd" if k == "mentions" else "#888888", arrows="to")
    options = {
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "scaling": {"min": 6, "max": 40}},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False},
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": 300},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "interaction": {"hover": True, "tooltipDelay": 120},
    }
    return {"nodes": net.nodes, "edges": net.edges, "options": options}


def render_html(G: nx.MultiDiGraph, title: str = "govkg 知识图谱") -> str:
    data = network_data(G)
    counts = {}
    for n in data["nodes"]:
        counts[n["group"]] = counts.get(n["group"], 0) + 1
    legend = "".join(
        f'<div><span class="sw" style="background:{COLORS[k]}"></span>{NAMES_ZH[k]} {k} ({counts.get(k, 0)})</div>'
        for k in COLORS)
    template = resources.files("graph").joinpath("templates", "view.html").read_text(encoding="utf-8")
    stats = f"{len(data['nodes'])} 个节点 · {len(data['edges'])} 条边"
    parts = {
        "title": html.escape(title), "stats": html.escape(stats), "legend": legend,
        "vis_css": _pyvis_asset("vis-network.css"), "vis_js": _pyvis_asset("vis-network.min.js"),
        "data_json": _script_safe_json(data),
    }
    # one pass over the template: inserted text is never searched for placeholders again
    pieces = re.split(r"\{\{ (\w+) \}\}", template)
    return "".join(parts[p] if i % 2 else p for i, p in enumerate(pieces))


def write_html(G: nx.MultiDiGraph, path: str | Path, title: str = "govkg 知识图谱") -> Path:
    return write_atomic(path, render_html(G, title))
