"""The explorer page (graph.html): one self-contained file that works offline.

Bootstrap's stylesheet (vendored in graph/templates/vendor) and vis-network
(from the pyvis package) are inlined, so the page loads nothing from the network
and opens by double-click.  Report strings reach the page only as JSON parsed at
run time, and that JSON is escaped so that it cannot close its script element;
the page's script puts them into the document with textContent.

Big graphs stay usable: at most ``MAX_NODES`` entities are drawn (the best
connected; the page says how many were left out and ``govkg html --focus``
draws any neighbourhood), and the physics simulation runs a bounded number of
iterations, fewer the larger the graph, then stops.
"""
from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import Iterator

import networkx as nx

from govkg.extract.errors import GovkgError

from .atomic import atomic_open

COLORS = {
    "Place": "#4e79a7", "Organization": "#f28e2b", "Project": "#59a14f", "Initiative": "#e15759",
    "PolicyDocument": "#b07aa1",
}
STATUS_NAMES = {"Planned": "规划中 planned", "UnderConstruction": "在建 under construction", "Completed": "建成 completed",
                "InOperation": "运营中 in operation", "Signed": "签约落地 signed"}
PHASE_NAMES = {"review": "回顾 review", "plan": "安排 plan", "notes": "注释 notes"}
NAMES_ZH = {"Place": "地点", "Organization": "机构", "Project": "项目", "Initiative": "举措", "PolicyDocument": "政策文件"}
HIDDEN_EDGES = {"mentions", "spatial"}  # report links: shown as the report filter, not as edges
MAX_NODES = 5000
HUBS = 20  # the best-connected entities, labelled at every zoom with the reports' areas


def _pyvis_asset(name: str) -> str:
    base = resources.files("pyvis").joinpath("templates", "lib", "vis-9.1.2")
    return base.joinpath(name).read_text(encoding="utf-8")


def _template(*parts: str) -> str:
    return resources.files("govkg.graph").joinpath("templates", *parts).read_text(encoding="utf-8")


def _script_safe_json(obj) -> str:
    """JSON text that is safe inside <script>: a JS string literal holding the JSON."""
    return "".join(_script_safe_pieces(obj))


def _script_safe_pieces(obj) -> Iterator[str]:
    """``_script_safe_json`` of ``obj`` in pieces, so that a big page is never one string: the JSON
    of the top level's keys and of each item of its lists, each escaped as string-literal text
    (escaping is character by character, so the pieces join into the escaped whole)."""
    yield '"'
    for piece in _json_pieces(obj):
        text = json.dumps(piece, ensure_ascii=False)[1:-1]
        yield text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    yield '"'


def _json_pieces(obj, depth: int = 0) -> Iterator[str]:
    """``json.dumps(obj, ensure_ascii=False, sort_keys=True)`` in pieces: a dict's keys and values
    and a list's items, two levels down."""
    if depth < 2 and isinstance(obj, dict):
        yield "{"
        for i, key in enumerate(sorted(obj)):
            yield (", " if i else "") + json.dumps(key, ensure_ascii=False) + ": "
            yield from _json_pieces(obj[key], depth + 1)
        yield "}"
    elif depth < 2 and isinstance(obj, list):
        yield "["
        for i, item in enumerate(obj):
            if i:
                yield ", "
            yield from _json_pieces(item, 2)
        yield "]"
    else:
        yield json.dumps(obj, ensure_ascii=False, sort_keys=True)


def physics_options(n: int) -> dict:
    """Bounded layout work: about 300 iterations for small graphs, down to 40 at 5,000 nodes."""
    iterations = max(40, min(300, 200_000 // max(n, 1)))
    return {
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "scaling": {"min": 6, "max": 40}},
        "edges": {"font": {"size": 10, "align": "middle"}, "smooth": False, "color": {"color": "#999999"}},
        "layout": {"improvedLayout": n <= 150, "randomSeed": 7},
        "physics": {"solver": "forceAtlas2Based", "stabilization": {"enabled": True, "iterations": iterations,
                                                                    "updateInterval": 50},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": n > 1000},
    }


def explorer_data(G: nx.MultiDiGraph, max_nodes: int = MAX_NODES) -> dict:
    """What the page draws: entities, relations, classes, reports and areas."""
    page = Page(max_nodes)
    page.count(G.nodes(data=True), G.edges(keys=True))
    page.choose()
    page.G = G  # the whole graph at hand: what is drawn is read from it
    return page.data()


class Page:
    """What the page draws, made in two passes over the views of the parts (in their order), so that
    a corpus-wide view is never held: ``count`` each view (the census: which entities there are,
    their relations and reports), ``choose`` the ``max_nodes`` best connected, then ``add`` each view
    again, of which only the chosen entities and the relations among them are kept, and ``data``.
    The result is ``explorer_data`` of the views folded together (nxview.merge_view): a node's data
    is the first view's that has it, its reports and relations are the union of all."""

    def __init__(self, max_nodes: int = MAX_NODES):
        self.max_nodes = max_nodes
        self._first: dict[str, tuple] = {}  # node -> (top, label), as the first view that has it says
        self._mentioned: set[str] = set()  # nodes some report mentions
        self._edges: set[tuple[str, str, str]] = set()  # the relations drawn (not HIDDEN_EDGES)
        self._years: dict[str, str] = {}  # report id -> year
        self._reports: dict[str, str] = {}  # report node -> report id
        self._areas: dict[str, list[str]] = {}  # report node -> its area nodes (spatial)
        self.keep: set[str] = set()
        self.degree: dict[str, int] = {}
        self.G = nx.MultiDiGraph()

    def count(self, nodes, edges) -> None:
        """The census of one view: its nodes as (id, data) pairs, its edges as (from, to, key)."""
        for n, d in nodes:
            if n not in self._first:
                self._first[n] = (d.get("top"), d.get("label", ""))
                if d.get("top") == "Report":
                    self._reports[n] = d.get("label", n)
                    self._years[d.get("label", "")] = d.get("year", "")
            if d.get("reports"):
                self._mentioned.add(n)
        for u, v, k in edges:
            if k == "spatial":
                areas = self._areas.setdefault(u, [])
                if v not in areas:
                    areas.append(v)
            elif k not in HIDDEN_EDGES:
                self._edges.add((u, v, k))

    def choose(self) -> None:
        """After the census: the entities drawn, the best connected (relations drawn, out and in; a
        loop counts twice)."""
        degree = {n: 0 for n, (top, _) in self._first.items() if top in COLORS}
        for u, v, _ in self._edges:
            if u in degree:
                degree[u] += 1
            if v in degree:
                degree[v] += 1
        self.degree = degree
        self.keep = set(sorted(degree, key=lambda n: (-degree[n], n))[:self.max_nodes])

    def add(self, H: nx.MultiDiGraph) -> None:
        """The second pass: fold what a view holds of the chosen entities into ``G``."""
        from ..nxview import merge_view, release

        keep = self.keep
        part = nx.MultiDiGraph()
        part.add_nodes_from((n, d) for n, d in H.nodes(data=True) if n in keep)
        part.add_edges_from((u, v, k, d) for u, v, k, d in H.edges(keys=True, data=True)
                            if k not in HIDDEN_EDGES and u in keep and v in keep)
        merge_view(self.G, part)
        release(part)
        release(H)

    def data(self) -> dict:
        G, keep, degree = self.G, self.keep, self.degree
        landmarks = {v: "area" for areas in self._areas.values() for v in areas if v in keep}
        for n in sorted(keep, key=lambda n: (-degree[n], n))[:HUBS]:  # the best connected, labelled too
            if degree[n] > 0:
                landmarks.setdefault(n, "hub")
        nodes = []
        for n in sorted(keep):
            d = G.nodes[n]
            node = {"id": n, "label": d.get("label", n), "cls": d.get("cls", ""), "top": d["top"],
                    "aliases": list(d.get("aliases", [])), "reports": sorted(set(d.get("reports", []))),
                    "evidence": list(d.get("evidence", [])), "degree": degree[n]}
            if n in landmarks:
                node["landmark"] = landmarks[n]
            story = timeline_of(d.get("story", {}), self._years)
            if story:
                node["timeline"] = story
            nodes.append(node)
        edges = []
        for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
            if k not in HIDDEN_EDGES and u in keep and v in keep:
                edges.append({"from": u, "to": v, "predicate": k, "kinds": list(d.get("kinds", [])),
                              "statuses": list(d.get("statuses", [])), "phases": list(d.get("phases", [])),
                              "evidence": list(d.get("evidence", []))})
        # the legend counts what the CLI's summary counts: entities a report mentions (administrative
        # parents added for the hierarchy, 广东省 above 广州市, are drawn but not counted)
        counts: dict[str, int] = {}
        for n in nodes:
            if n["reports"]:
                counts[n["top"]] = counts.get(n["top"], 0) + 1
        reports = []
        for n in sorted(self._reports):
            areas = [self._first[v][1] if v in self._first else "" for v in self._areas.get(n, [])]
            reports.append({"id": self._reports[n], "area": areas[0] if areas else ""})
        reports.sort(key=lambda r: r["id"])
        return {
            "nodes": nodes, "edges": edges, "total": len(degree),
            "mentioned": sum(1 for n in degree if n in self._mentioned),
            "classes": [{"top": k, "zh": NAMES_ZH[k], "color": c, "count": counts.get(k, 0)} for k, c in COLORS.items()],
            "colors": COLORS, "classNames": {k: f"{NAMES_ZH[k]} {k}" for k in COLORS},
            "statusNames": STATUS_NAMES, "phaseNames": PHASE_NAMES,
            "reports": reports, "areas": [{"name": a} for a in sorted({r["area"] for r in reports if r["area"]})],
            "options": physics_options(len(nodes)),
        }


def timeline_of(story: dict, years: dict[str, str]) -> list[dict]:
    """An entity's story year by year (the same as ``govkg timeline`` shows), when reports of two or
    more years tell it: [{year, report, facts, sentence}] in year order."""
    entries = [{"year": years.get(rid, ""), "report": rid, "facts": list(v["facts"]), "sentence": v["sentence"]}
               for rid, v in story.items()]
    if len({e["year"] for e in entries if e["year"]}) < 2:
        return []
    return sorted(entries, key=lambda e: (e["year"], e["report"]))


def page_summary(G: nx.MultiDiGraph) -> dict[str, int]:
    """What the page's header says: the entities a report mentions (as `govkg build` counts them)
    and the relations drawn."""
    data = explorer_data(G)
    return {"entities": data["mentioned"], "relations": len(data["edges"])}


def render_html(G: nx.MultiDiGraph, title: str = "govkg 知识图谱", max_nodes: int = MAX_NODES) -> str:
    return render_page(explorer_data(G, max_nodes), title)


def render_page(data: dict, title: str = "govkg 知识图谱") -> str:
    """The page of what ``explorer_data`` (or a ``Page``) says it draws."""
    return "".join(_page_pieces(data, title))


def _page_pieces(data: dict, title: str) -> Iterator[str]:
    stats = f"{data['mentioned']} 个实体 entities · {len(data['edges'])} 条边 edges"
    note = ""
    if data["total"] > len(data["nodes"]):
        note = (f"显示连接最多的 {len(data['nodes'])} 个实体(共 {data['total']} 个)。"
                f"Showing the {len(data['nodes'])} best-connected of {data['total']} entities; "
                f"`govkg html --focus NAME` draws any neighbourhood.")
    parts = {
        "title": html.escape(title), "stats": html.escape(stats), "note": html.escape(note),
        "bootstrap_css": _template("vendor", "bootstrap.min.css"),
        "vis_css": _pyvis_asset("vis-network.css"), "vis_js": _pyvis_asset("vis-network.min.js"),
        "app_js": _template("explorer.js"),
    }
    # one pass over the template: inserted text is never searched for placeholders again
    pieces = re.split(r"\{\{ (\w+) \}\}", _template("view.html"))
    for i, p in enumerate(pieces):
        if not i % 2:
            yield p
        elif p == "data_json":
            yield from _script_safe_pieces(data)
        else:
            yield parts[p]


def write_html(G: nx.MultiDiGraph, path: str | Path, title: str = "govkg 知识图谱") -> Path:
    return write_page(explorer_data(G), path, title)


def write_page(data: dict, path: str | Path, title: str = "govkg 知识图谱") -> Path:
    """The page written piece by piece (atomically: the old page or the whole new one)."""
    with atomic_open(path, "w") as fh:
        for piece in _page_pieces(data, title):
            fh.write(piece)
    return Path(path)


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The entity whose label or alias is ``name`` (the best connected if several)."""
    hits = [n for n, d in G.nodes(data=True)
            if d.get("top") in COLORS and (d.get("label") == name or name in d.get("aliases", []))]
    if not hits:
        close = sorted({d.get("label", "") for n, d in G.nodes(data=True)
                        if d.get("top") in COLORS and name in d.get("label", "")})[:8]
        hint = f"; names containing it: {', '.join(close)}" if close else ""
        raise GovkgError(f"no entity is named {name!r}{hint}")
    return sorted(hits, key=lambda n: (-G.degree(n), n))[0]


def focus_subgraph(G: nx.MultiDiGraph, name: str, depth: int = 2) -> nx.MultiDiGraph:
    """The entities within ``depth`` relation steps of the entity named ``name`` (plus their reports)."""
    if depth < 0:
        raise GovkgError("--depth must be 0 or more")
    start = find_node(G, name)
    relations = nx.Graph()
    relations.add_nodes_from(G.nodes)
    relations.add_edges_from((u, v) for u, v, k in G.edges(keys=True) if k not in HIDDEN_EDGES)
    near = set(nx.single_source_shortest_path_length(relations, start, cutoff=depth))
    near |= {u for u, v, k in G.edges(keys=True) if k in HIDDEN_EDGES and v in near}
    return G.subgraph(near).copy()
