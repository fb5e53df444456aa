"""The Python API: the build in a few lines.

    from graph.api import build
    kg = build(["seeds"])            # read and extract every report
    g = kg.rdf                       # rdflib.Graph (ontology + data)
    G = kg.networkx                  # networkx.MultiDiGraph
    kg.write("out")                  # out/graph.ttl and out/graph.html
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

import networkx as nx
from rdflib import Graph

from extract.pipeline import Corpus, run

from .build import build_graph
from .export.html import write_html
from .export.rdf import FORMATS, write_rdf
from .nxview import to_networkx


@dataclass
class KnowledgeGraph:
    corpus: Corpus

    @cached_property
    def rdf(self) -> Graph:
        return build_graph(self.corpus)

    @cached_property
    def networkx(self) -> nx.MultiDiGraph:
        return to_networkx(self.rdf)

    def write(self, out_dir: str | Path, formats: tuple[str, ...] = ("turtle",), html: bool = True) -> list[Path]:
        """Write DIR/graph.ttl (and other RDF formats asked for) and DIR/graph.html."""
        out = Path(out_dir)
        written = []
        for fmt in formats:
            written.append(write_rdf(self.rdf, out / f"graph{FORMATS[fmt]}", fmt))
        if html:
            written.append(write_html(self.networkx, out / "graph.html"))
        return written


def build(paths: list[str | Path], manifest: str | Path | None = None,
          progress: Callable[[int, int, str], None] | None = None) -> KnowledgeGraph:
    """Read and extract the reports under ``paths`` (files or folders)."""
    return KnowledgeGraph(run([Path(p) for p in paths], manifest=manifest, progress=progress))
