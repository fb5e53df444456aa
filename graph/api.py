"""The Python API: the build in a few lines.

    from govkg.graph.api import build, load
    kg = build(["seeds"])            # read and extract every report
    g = kg.rdf                       # rdflib.Graph (ontology + data)
    G = kg.networkx                  # networkx.MultiDiGraph
    kg.parts                         # {named graph IRI: rdflib.Graph}: the ontology, one per report
    kg.write("out")                  # out/graph.ttl, graph.trig, graph.html and void.ttl, from one build
    kg = load("out")                 # a built graph read back (graph.trig, else graph.ttl)
"""
from __future__ import annotations

import time
from functools import cached_property
from pathlib import Path
from typing import Callable, Iterator

import networkx as nx
from rdflib import Graph, URIRef

from govkg.extract.pipeline import Corpus, run
from govkg.extract.timing import Timings

from .build import ONTOLOGY_GRAPH, add_part, iter_parts, merge_parts, report_graph_iri
from .fragment import fill
from .parts import check_made, finish, report_part, trusted_made, write_prefixes
from .export.merge import ontology_pieces, write_parts
from .export.turtle import Terms
from .iri import entity_id
from .summary import SUMMARY_GRAPH, Summary
from govkg.extract.errors import GovkgError
from govkg.extract.spool import SpooledReports
from . import __version__
from .describe import FILE_NAME as DESCRIPTION
from .describe import About, Collector, Source, created_time, describe
from .export.atomic import write_atomic
from .export.generation import publish, published
from .export.turtle import turtle_text
from .export.html import write_html, write_page
from .export.network import NETWORK_FORMATS, write_network
from .export.rdf import FORMATS as RDF_FORMATS
from .export.rdf import QUAD_FORMATS, TRIPLE_FORMATS, ordered, stream_rdf, write_dataset, write_rdf
from .export.store import STORE, start_store
from .export.tables import write_tables
from .load import load_parts
from .nxview import merge_view, release, to_networkx
from .pagefold import ViewFold

EXPORT_FORMATS = (*TRIPLE_FORMATS, *QUAD_FORMATS, *NETWORK_FORMATS, "csv")
DEFAULT_FORMATS = ("turtle", "trig")
STREAMED = ("turtle", "trig")  # written one report graph at a time by stream_rdf


class KnowledgeGraph:
    """A built graph: named parts (the ontology and one graph per report), made from an extracted
    corpus on demand or read back from a build.  ``write`` streams the parts to disk one at a
    time, so a build of many reports never holds the whole RDF graph."""

    def __init__(self, parts: dict[URIRef, Graph] | None = None, corpus: Corpus | None = None):
        if parts is None and corpus is None:
            raise ValueError("a KnowledgeGraph needs named parts or a corpus")
        if parts is not None:
            self.__dict__["parts"] = parts
        self.corpus = corpus

    def iter_parts(self) -> Iterator[tuple[URIRef, Graph]]:
        """(graph IRI, graph) pairs in file order; made one at a time when not already in memory."""
        if "parts" in self.__dict__:
            for name in ordered(self.parts):
                yield name, self.parts[name]
        else:
            yield from iter_parts(self.corpus)

    @cached_property
    def parts(self) -> dict[URIRef, Graph]:
        parts: dict[URIRef, Graph] = {}
        for name, part in self.iter_parts():
            add_part(parts, name, part)
        return parts

    @cached_property
    def rdf(self) -> Graph:
        return merge_parts(self.parts)

    @cached_property
    def networkx(self) -> nx.MultiDiGraph:
        if "rdf" in self.__dict__:
            return to_networkx(self.rdf)
        G = nx.MultiDiGraph()
        fold = _folder(G)
        for name, part in self.iter_parts():
            fold(name, part)
        return G

    def _prefixes(self) -> list[tuple[str, str]]:
        return list(write_prefixes())

    def export(self, out_dir: str | Path, fmt: str) -> list[Path]:
        """Write one export format into ``out_dir`` (graph.EXT, or the CSV tables)."""
        out = Path(out_dir)
        if fmt in STREAMED:
            return stream_rdf(self.iter_parts(), {fmt: out / f"graph{RDF_FORMATS[fmt]}"}, self._prefixes())
        if fmt in TRIPLE_FORMATS:
            return [write_rdf(self.rdf, out / f"graph{TRIPLE_FORMATS[fmt]}", fmt)]
        if fmt in QUAD_FORMATS:
            return [write_dataset(self.parts, out / f"graph{QUAD_FORMATS[fmt]}", fmt)]
        if fmt in NETWORK_FORMATS:
            return [write_network(self.networkx, out / f"graph{NETWORK_FORMATS[fmt]}", fmt)]
        if fmt == "csv":
            return write_tables(self.rdf, out, self.networkx)
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORT_FORMATS)}")

    def write(self, out_dir: str | Path, formats: tuple[str, ...] = DEFAULT_FORMATS, html: bool = True,
              timings: Timings | None = None, warnings: list[str] | None = None,
              about: About | None = None, store: bool = True, notes: list[str] | None = None) -> list[Path]:
        """Write the formats asked for (Turtle and TriG by default), graph.html and void.ttl (the
        dataset description; ``about``: its title, creator and licence) into ``out_dir``,
        all together: they are written into a staging folder and replace the previous outputs by one
        rename (export/generation.py), so the folder never holds files of two builds.

        Turtle and TriG are written in one pass over the parts, which also counts the reports' views
        for the HTML page (graph/pagefold.py: the page is folded from them in a second pass, so the
        corpus-wide networkx view is not held unless a network format or the tables need it).  ``timings`` collects seconds for assemble, serialize and html.  ``store``:
        also the on-disk Oxigraph store beside graph.trig (export/store.py), when pyoxigraph is there,
        made from the previous build's store when it can be; ``notes`` receives how it was made."""
        out = Path(out_dir)
        with publish(out, warnings) as stage:
            names = [p.name for p in self._write_files(stage, formats, html, timings, about, store, notes, warnings)]
        return [out / n for n in names]

    def _describe(self, out: Path, counts: dict | None, sources: "Collector | None", about: About | None) -> Path:
        """void.ttl: the dataset description (graph/describe.py), with the counts of the files just
        written, or of the parts when no Turtle or TriG was streamed."""
        if counts is None or sources is None:
            sources, counts = Collector(), {"union": len(self.rdf)}
            for name, part in self.iter_parts():
                sources.add(name, part)
                counts[name] = len(part)
        graph = describe(sources.sources, counts, about or About(), __version__, created_time())
        return write_atomic(out / DESCRIPTION, turtle_text(graph).encode("utf-8"))

    def _made_parts(self) -> bool:
        """Whether every report's part was made with its extraction (graph/parts.py)."""
        reports = getattr(self.corpus, "reports", None)
        return ("parts" not in self.__dict__ and isinstance(reports, SpooledReports)
                and all(r.extra for r in reports.refs))

    def _report_parts(self, warnings: list[str] | None = None) -> Iterator[dict]:
        """The part (graph/parts.py) of each report in the order of their graph IRIs, read back from
        the spool (checked field by field unless its MAC verifies); a report whose entity's code is not
        the corpus-wide one, or whose part fails the check (named in ``warnings``), is made again here."""
        reports, entities = self.corpus.reports, self.corpus.entities
        for ref in sorted(reports.refs, key=lambda r: str(report_graph_iri(r.id))):
            try:
                part = reports.spool.extra(ref, check_made, trusted_made)
            except GovkgError as exc:  # spoilt since it was made: made again from the extraction
                if warnings is not None:
                    warnings.append(f"{exc}; its graph part is made again from its extraction")
                part = None
            if part is not None and all(((entities[k].code if k in entities else None) or "") == code
                                        for k, code in part["codes"]):
                yield part
                continue
            result = reports.spool.get(ref)
            yield report_part(result, {e.key: entities[e.key].code if e.key in entities else None
                                       for e in result.entities})

    def _write_made_parts(self, streamed: dict[str, Path], counts: dict, sources: Collector, html: bool,
                          warnings: list[str] | None = None, whole: bool = False) -> tuple[list[Path], ViewFold | None]:
        """graph.ttl and graph.trig from the workers' parts (export/merge.py), and (for ``html``) the
        views of the reports (graph/fragment.py) counted for the page (graph/pagefold.py), which is
        returned to be written; ``whole``: the corpus-wide networkx view folded from the views instead
        (for the network formats and the tables, which need all of it), kept as ``networkx``."""
        fold = html and whole and "networkx" not in self.__dict__
        pages = ViewFold(self.corpus.entities) if html and not fold and "networkx" not in self.__dict__ else None
        G = nx.MultiDiGraph()

        summary = Summary(Terms(self._prefixes()))
        iri = summary.terms.iri

        def named():
            yield str(ONTOLOGY_GRAPH), ontology_pieces()
            for part in self._report_parts(warnings):
                summary.mentions(iri(part["report"]), [iri(entity_id(key)) for key, _ in part["codes"]])
                if fold:
                    view = fill(part["view"], self.corpus.entities)
                    merge_view(G, view)
                    release(view)
                elif pages is not None:
                    pages.count(part["view"])
                name, pieces, source = part["graph"], part["pieces"], part["source"]
                if source is not None:
                    report_id, file_name, sha256 = source
                    src = Source(report=URIRef(part["report"]), identifier=report_id, file_name=file_name,
                                 sha256=sha256)
                    have = sources.sources.setdefault(URIRef(name), [])
                    if src not in have:
                        have.append(src)
                yield name, pieces
            facts = summary.pieces()  # after the last report: the counts of them all (none, no graph)
            if facts[0]:
                yield SUMMARY_GRAPH, facts

        by_name: dict = {}
        try:
            written = write_parts(named(), streamed, self._prefixes(), self.corpus.entities, by_name, summary)
        except BaseException:
            if pages is not None:
                pages.close()
            raise
        for name, n in by_name.items():
            counts[name if name == "union" else URIRef(name)] = n
        if fold:
            self.__dict__["networkx"] = G
        return written, pages

    def _write_files(self, out: Path, formats: tuple[str, ...], html: bool, timings: Timings | None,
                     about: About | None = None, store: bool = True, notes: list[str] | None = None,
                     warnings: list[str] | None = None) -> list[Path]:
        t = timings if timings is not None else Timings()
        formats = tuple(dict.fromkeys(formats))
        streamed = {f: out / f"graph{RDF_FORMATS[f]}" for f in formats if f in STREAMED}
        written: list[Path] = []
        counts: dict = {}  # triples written: of graph.ttl ("union") and of each TriG block
        sources = Collector()
        pages = None  # the page's views, when it is made from those of the workers
        if streamed and self._made_parts():
            with t.stage("merge"):
                whole = any(f in NETWORK_FORMATS or f == "csv" for f in formats)
                made, pages = self._write_made_parts(streamed, counts, sources, html, warnings, whole)
                written += made
        elif streamed:
            fold = html and "networkx" not in self.__dict__
            G = nx.MultiDiGraph()
            add_view = _folder(G)

            def parts():
                made = self.iter_parts()
                while True:
                    with t.stage("assemble"):
                        item = next(made, None)
                    if item is None:
                        return
                    sources.add(*item)
                    if fold:
                        with t.stage("html"):
                            add_view(*item)
                    item[1].__dict__.pop("_by_predicate", None)  # the lookups' index: not needed to write
                    yield item

            before = t.get("assemble", 0.0) + t.get("html", 0.0)
            start = time.perf_counter()
            written += stream_rdf(parts(), streamed, self._prefixes(), counts)
            inner = t.get("assemble", 0.0) + t.get("html", 0.0) - before
            t["serialize"] = t.get("serialize", 0.0) + time.perf_counter() - start - inner
            if fold:
                self.__dict__["networkx"] = G
        # the on-disk store that govkg serve and query open (when pyoxigraph is there), made by a process
        # of its own while the other formats and the page are written; from the previous build's store
        # when that one fits (only the graphs that changed are loaded)
        job = (start_store(out, streamed["trig"], streamed.get("turtle"), published(out, STORE))
               if store and "trig" in streamed else None)
        try:
            for fmt in formats:
                if fmt not in streamed:
                    with t.stage("serialize"):
                        written += self.export(out, fmt)
            written.append(self._describe(out, counts if streamed else None, sources if streamed else None, about))
            if html:
                with t.stage("html"):
                    written.append(write_page(pages.data(), out / "graph.html") if pages is not None
                                   else write_html(self.networkx, out / "graph.html"))
            if job is not None:
                with t.stage("store"):  # the wait for it after the rest
                    written.append(job.wait())
                if notes is not None and job.note:
                    notes.append(f"{STORE}: {job.note}")
        finally:
            if job is not None:
                job.stop()
            if pages is not None:
                pages.close()
        return written


def _folder(G: nx.MultiDiGraph):
    """A function that folds the view of each part into ``G``; a further piece of the same report
    (build.iter_parts) is folded with the view so far at hand, which knows the report's entities."""
    last: list = [None]

    def fold(name: URIRef, part) -> None:
        view = to_networkx(part, known=G if name == last[0] else None)
        merge_view(G, view)
        release(view)
        last[0] = name

    return fold


def build(paths: list[str | Path], manifest: str | Path | None = None,
          progress: Callable[[int, int, str], None] | None = None, jobs: int | None = 1,
          executor: str = "process", scheduler: str | None = None,
          cache: str | Path | None = None, blocks: Callable[[str, int, int], None] | None = None,
          in_process: bool | None = None) -> KnowledgeGraph:
    """Read and extract the reports under ``paths`` (files or folders).

    ``jobs``: worker processes (None: one per core); ``executor="dask"`` with ``scheduler``: a Dask
    cluster instead; ``cache``: a folder of earlier results, so unchanged reports are not extracted
    again; ``blocks(path, characters done, characters)``: the progress of very long reports.
    With ``jobs=1`` the reports are extracted in this process, unless ``in_process=False`` (one worker
    process, as the command line does: this process's memory then stays at what the build keeps).
    The graph is the same whatever the jobs, executor and cache."""
    corpus = run([Path(p) for p in paths], manifest=manifest, progress=progress, jobs=jobs,
                 executor=executor, scheduler=scheduler, cache=cache, blocks=blocks, finish=finish(),
                 in_process=in_process)
    return KnowledgeGraph(corpus=corpus)


def load(path: str | Path) -> KnowledgeGraph:
    """A built graph read back from a build folder or an RDF file."""
    return KnowledgeGraph(load_parts(path))
