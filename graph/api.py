"""The Python API: the build in a few lines.

    from graph.api import build, load
    kg = build(["seeds"])            # read and extract every report
    g = kg.rdf                       # rdflib.Graph (ontology + data)
    G = kg.networkx                  # networkx.MultiDiGraph
    kg.parts                         # {named graph IRI: rdflib.Graph}: the ontology, one per report
    kg.write("out")                  # out/graph.ttl, out/graph.trig and out/graph.html
    kg = load("out")                 # a built graph read back (graph.trig, else graph.ttl)
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Callable

import networkx as nx
from rdflib import Graph, URIRef

from extract.pipeline import Corpus, run

from .build import build_parts, merge_parts
from .export.html import write_html
from .export.network import NETWORK_FORMATS, write_network
from .export.rdf import QUAD_FORMATS, TRIPLE_FORMATS, write_dataset, write_rdf
from .export.tables import write_tables
from .load import load_parts
from .nxview import to_networkx

EXPORT_FORMATS = (*TRIPLE_FORMATS, *QUAD_FORMATS, *NETWORK_FORMATS, "csv")
DEFAULT_FORMATS = ("turtle", "trig")


@dataclass
class KnowledgeGraph:
    parts: dict[URIRef, Graph]
    corpus: Corpus | None = None

    @cached_property
    def rdf(self) -> Graph:
        return merge_parts(self.parts)

    @cached_property
    def networkx(self) -> nx.MultiDiGraph:
        return to_networkx(self.rdf)

    def export(self, out_dir: str | Path, fmt: str) -> list[Path]:
        """Write one export format into ``out_dir`` (graph.EXT, or the CSV tables)."""
        out = Path(out_dir)
        if fmt in TRIPLE_FORMATS:
            return [write_rdf(self.rdf, out / f"graph{TRIPLE_FORMATS[fmt]}", fmt)]
        if fmt in QUAD_FORMATS:
            return [write_dataset(self.parts, out / f"graph{QUAD_FORMATS[fmt]}", fmt)]
        if fmt in NETWORK_FORMATS:
            return [write_network(self.networkx, out / f"graph{NETWORK_FORMATS[fmt]}", fmt)]
        if fmt == "csv":
            return write_tables(self.rdf, out, self.networkx)
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")

    def write(self, out_dir: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS, html: bool = True) -> list[Path]:
        """Write the formats asked for (Turtle and TriG by default) and graph.html into ``out_dir``."""
        written = []
        for fmt in dict.fromkeys(formats):
            written += self.export(out_dir, fmt)
        if html:
            written.append(write_html(self.networkx, Path(out_dir) / "graph.html"))
        return written


def build(paths: list[str | Path], manifest: str | Path | None = None,
          progress: Callable[[int, int, str], None] | None = None) -> KnowledgeGraph:
    """Read and extract the reports under ``paths`` (files or folders)."""
    corpus = run([Path(p) for p in paths], manifest=manifest, progress=progress)
    return KnowledgeGraph(build_parts(corpus), corpus)


def load(path: str | Path) -> KnowledgeGraph:
    """A built graph read back from a build folder or an RDF file."""
    return KnowledgeGraph(load_parts(path))
