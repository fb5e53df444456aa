"""The explorer page's data made from the workers' views of the reports in two passes
(export/html.Page), so that a build never holds the corpus-wide networkx view: the page draws only
the best-connected entities of it, and which those are is known only after the last report.

The first pass counts each view while graph.trig is written (api.KnowledgeGraph._write_made_parts)
and keeps it, as JSON, in a private temporary file (unnamed, removed when closed); the second reads
the views back in the same order when the page is written and folds in only what it draws.  The page
is the one ``export.html.explorer_data`` makes of the views folded together.
"""
from __future__ import annotations

import json
import tempfile

import networkx as nx

from .export.html import HIDDEN_EDGES, MAX_NODES, Page
from .fragment import fill, named
from .nxview import release


END = "\n"  # the line after each report's nodes and edges


def _dumps(x) -> str:
    return json.dumps(x, ensure_ascii=False, separators=(",", ":"))


class ViewFold:
    """Two passes over the views (graph/fragment.py) of the reports, given in graph order."""

    def __init__(self, entities, max_nodes: int = MAX_NODES):
        self.entities = entities  # the corpus-wide entities (their labels fill the views)
        self.page = Page(max_nodes)
        self._file = tempfile.TemporaryFile()

    def count(self, view: dict) -> None:
        """The first pass: one report's view (as ``fragment.report_view`` makes it)."""
        entities = self.entities
        self.page.count(((n, named(d, entities)) for n, d in view["nodes"]), ((u, v, k) for u, v, k, _ in view["edges"]))
        # a line per node and edge, its id first: the second pass decodes only the lines of what it draws
        lines = [f"{_dumps(n)}\t{_dumps(d)}\n" for n, d in view["nodes"]]
        lines += [f"{_dumps([u, v, k])}\t{_dumps(d)}\n" for u, v, k, d in view["edges"] if k not in HIDDEN_EDGES]
        lines.append(END)
        self._file.write("".join(lines).encode("utf-8", "surrogatepass"))

    def data(self) -> dict:
        """The second pass, then what the page draws (``export.html.explorer_data``'s dictionary)."""
        page = self.page
        page.choose()
        keep = page.keep
        with self._file as f:
            f.seek(0)
            nodes: list = []
            edges: list = []
            for raw in f:
                line = raw.decode("utf-8", "surrogatepass")
                if line == END:  # the end of a report's view
                    if nodes:
                        page.add(fill({"nodes": nodes, "edges": edges}, self.entities))
                    nodes, edges = [], []
                    continue
                head, _, body = line.partition("\t")
                if head.startswith("["):
                    u, v, k = json.loads(head)
                    if u in keep and v in keep:
                        edges.append([u, v, k, json.loads(body)])
                else:
                    n = json.loads(head)
                    if n in keep:
                        nodes.append([n, json.loads(body)])
        data = page.data()
        release(page.G)
        page.G = nx.MultiDiGraph()  # what it drew is not kept with the page
        return data

    def close(self) -> None:
        self._file.close()
