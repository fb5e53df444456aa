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

from .export.html import HIDDEN_EDGES, MAX_NODES, Page
from .fragment import fill, named


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
        self._file.write(json.dumps(view, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"))
        self._file.write(b"\n")

    def data(self) -> dict:
        """The second pass, then what the page draws (``export.html.explorer_data``'s dictionary)."""
        page = self.page
        page.choose()
        keep = page.keep
        with self._file as f:
            f.seek(0)
            for line in f:
                view = json.loads(line.decode("utf-8", "surrogatepass"))
                nodes = [[n, d] for n, d in view["nodes"] if n in keep]
                if nodes:
                    edges = [e for e in view["edges"] if e[2] not in HIDDEN_EDGES and e[0] in keep and e[1] in keep]
                    page.add(fill({"nodes": nodes, "edges": edges}, self.entities))
        return page.data()

    def close(self) -> None:
        self._file.close()
