"""Read a built graph back: a build folder (graph.trig, else graph.ttl) or any RDF file.

The result is the graph in named parts, as ``graph.build.build_parts`` makes them:
TriG and N-Quads keep one part per named graph; a triple format gives one part
named ``DEFAULT_GRAPH``.
"""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from govkg.extract.errors import GovkgError

from .build import new_graph

DEFAULT_GRAPH = URIRef("urn:x-rdflib:default")
SUFFIX_FORMAT = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".jsonld": "json-ld",
                 ".json": "json-ld", ".n3": "n3", ".trig": "trig", ".nq": "nquads"}
QUADS = {"trig", "nquads"}
BUILD_FILES = ("graph.trig", "graph.ttl")


def locate(path: str | Path) -> Path:
    """The RDF file of a build folder, or the file itself."""
    p = Path(path)
    if p.is_dir():
        for name in BUILD_FILES:
            if (p / name).is_file():
                return p / name
        raise GovkgError(f"{p}: no built graph here (expected {' or '.join(BUILD_FILES)}); run `govkg build -o {p}` first")
    if not p.is_file():
        raise GovkgError(f"{p}: no such file or folder")
    if p.suffix.lower() not in SUFFIX_FORMAT:
        raise GovkgError(f"{p}: unknown RDF file type {p.suffix!r}; known: {', '.join(sorted(SUFFIX_FORMAT))}")
    return p


def rdf_format(path: Path) -> str:
    return SUFFIX_FORMAT[path.suffix.lower()]


def load_parts(path: str | Path) -> dict[URIRef, Graph]:
    """The named parts of a built graph (a build folder or an RDF file)."""
    p = locate(path)
    fmt = rdf_format(p)
    try:
        if fmt in QUADS:
            ds = Dataset()
            ds.parse(p, format=fmt)
            parts: dict[URIRef, Graph] = {}
            for named in ds.graphs():
                if len(named) == 0:
                    continue
                g = new_graph(False)
                for prefix, ns in ds.namespaces():
                    g.bind(prefix, ns, override=True)
                for triple in named:
                    g.add(triple)
                parts[URIRef(str(named.identifier))] = g
            return dict(sorted(parts.items()))
        g = new_graph(False)
        g.parse(p, format=fmt)
        return {DEFAULT_GRAPH: g}
    except GovkgError:
        raise
    except Exception as exc:  # rdflib raises many parser-specific types
        raise GovkgError(f"{p}: not readable as {fmt}: {exc}") from exc
