"""govkg command line: thin; parses arguments, calls the library, maps errors to exit codes.

Exit codes: 0 done; 1 done with a failure to report (some report files could not
be read; the graph does not conform to the shapes); 2 error (bad arguments, no
reports, an unreadable graph or query, an output that cannot be written, another build
writing to the same folder); 3 an internal error (a bug, told in one line); 130 interrupted.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
import time
from pathlib import Path

from govkg.extract import __version__
from govkg.extract.errors import GovkgError, display

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR, EXIT_BUG = 0, 1, 2, 3
SAVED_NAME = re.compile(r"[A-Za-z][\w-]*")  # what `govkg query NAME` takes for a saved query's name
PROGRESS_MIN_FILES = 10


def _progress(stream):
    """A progress bar on a terminal when many files are read; silent otherwise."""
    tty = hasattr(stream, "isatty") and stream.isatty()

    def show(i: int, total: int, path: str) -> None:
        if total < PROGRESS_MIN_FILES or not tty:
            return
        width = 30
        done = int(width * i / total) if total else width
        stream.write(f"\r[{'#' * done}{'.' * (width - done)}] {i}/{total} ")
        if i == total:
            stream.write("\n")
        stream.flush()

    return show


BLOCK_STEP = 10  # per cent of a long report between two progress lines when not on a terminal


def _block_progress(stream):
    """How far the extraction of a very long report is: a line that updates itself on a terminal,
    else a line every BLOCK_STEP per cent (a log shows the build is alive)."""
    tty = hasattr(stream, "isatty") and stream.isatty()
    shown: dict[str, int] = {}

    def show(path: str, done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        if tty:
            stream.write(f"\r{path}: {pct}% of {total:,} characters extracted " + ("\n" if done >= total else ""))
        elif pct >= shown.get(path, -BLOCK_STEP) + BLOCK_STEP or done >= total:
            shown[path] = pct
            stream.write(f"govkg: {path}: {pct}% of {total:,} characters extracted\n")
        stream.flush()

    return show


def cmd_build(args, out, err) -> int:
    """Read report files and folders and write the knowledge graph."""
    from .export.generation import OutputLock, current_generation

    target = Path(args.output)
    before = current_generation(target)

    def outcome() -> str:
        if current_generation(target) not in (None, before):
            return f"this build's outputs were complete and are in {target}"
        return f"nothing of this build was kept, and {target} is as it was"

    try:
        with OutputLock(target), _collector_paused():  # the lock from the start: a second build stops at once
            return _build(args, out, err, outcome)
    except KeyboardInterrupt:
        print(f"govkg: interrupted; {outcome()}", file=err)
        return 130


@contextlib.contextmanager
def _collector_paused():
    """A build makes tens of millions of objects (records, terms, triples) that live until it ends
    and hold almost no reference cycles; the cycle collector would scan them again and again (half
    the time of writing a big report went there), so it waits until the build is done."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _build(args, out, err, outcome) -> int:
    from .api import build

    from govkg.extract.cache import default_cache_dir

    from .describe import About, licence_iri

    try:
        if args.licence:
            licence_iri(args.licence)
    except GovkgError as exc:  # before the reports are read
        print(f"govkg: error: {exc}", file=err)
        return EXIT_ERROR
    about = About(**{k: v for k, v in (("title", args.title), ("creator", args.creator), ("licence", args.licence)) if v})
    paths = args.paths or ["seeds"]
    cache = None if args.no_cache else Path(args.cache) if args.cache else default_cache_dir()
    if (Path(args.output) / ".govkg-cache").is_dir():
        print(f"govkg: warning: {Path(args.output) / '.govkg-cache'}: the cache of an older govkg (pickles, "
              "which could run code), no longer read; delete it", file=err)
    start = time.perf_counter()
    try:
        kg = build(paths, manifest=args.manifest, progress=None if args.quiet else _progress(err), jobs=args.jobs,
                   executor=args.executor, scheduler=args.scheduler, cache=cache,
                   blocks=None if args.quiet else _block_progress(err), in_process=False)
    except GovkgError as exc:
        print(f"govkg: error: {exc}", file=err)
        return EXIT_ERROR
    corpus = kg.corpus
    for w in corpus.warnings:
        print(f"govkg: warning: {w}", file=err)
    for f in corpus.failures:
        print(f"govkg: error: {f}", file=err)
    if not corpus.reports:
        print("govkg: error: no report could be read; nothing written", file=err)
        return EXIT_ERROR
    from .api import DEFAULT_FORMATS
    formats = tuple(dict.fromkeys([*DEFAULT_FORMATS, *(args.formats or [])]))
    late: list[str] = []
    notes: list[str] = []
    try:
        written = kg.write(args.output, formats=formats, html=not args.no_html, timings=corpus.timings, warnings=late,
                           about=about, store=not args.no_store, notes=notes)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"govkg: error: cannot write the outputs: {where}{exc.strerror or exc}; {outcome()}", file=err)
        return EXIT_ERROR
    for w in late:
        print(f"govkg: warning: {w}", file=err)
    if not args.quiet:
        counts = corpus.class_counts()
        print(f"read {len(corpus.reports)} report(s), {len(corpus.failures)} failed, {len(corpus.warnings)} warning(s)", file=out)
        print("entities: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in
                                       ("Place", "Organization", "Project", "Initiative", "PolicyDocument")), file=out)
        for doc_id, meta, n, encoding in corpus.summaries():
            print(f"  {doc_id}: {meta.area or '?'} {meta.year or '?'} {meta.kind}, {n} entities ({encoding})", file=out)
        if corpus.cached:
            print(f"{corpus.cached} report(s) unchanged since an earlier build: taken from the cache", file=out)
        for p in written:
            print(f"wrote {p}", file=out)
        for note in notes:
            print(note, file=out)
    if args.timings:
        print(f"seconds per stage (summed over workers; wall time {time.perf_counter() - start:.2f} s):", file=err)
        for stage, secs in corpus.timings.ordered():
            print(f"  {stage:<10} {secs:8.2f}", file=err)
    return EXIT_PARTIAL if corpus.failures else EXIT_OK


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _seconds(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not n > 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, got {text}")
    return n


def _graph_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("-g", "--graph", default="out", metavar="PATH",
                   help="a build folder (graph.trig or graph.ttl in it) or an RDF file (default: out/)")


def _service_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--allow-service", nargs="+", metavar="HOST",
                   help="hosts (name or name:port) that SERVICE clauses may query; by default none")


def _engine_arg(p: argparse.ArgumentParser) -> None:
    # the names of sparql.ENGINES, written out so that parsing arguments does not import rdflib
    p.add_argument("--engine", default="oxigraph", choices=["oxigraph", "rdflib", "auto"],
                   help="SPARQL engine: oxigraph (the default) or rdflib; auto takes oxigraph when it imports, "
                        "else rdflib")


def _build_dir(graph: str) -> Path:
    """The folder of a build: the --graph folder itself, or the folder of the --graph file."""
    p = Path(graph)
    return p if p.is_dir() else p.parent


def cmd_export(args, out, err) -> int:
    """Write a built graph in other formats: RDF (one named graph per report in TriG and N-Quads),
    GraphML and GEXF for graph tools, CSV tables for spreadsheets."""
    from .api import load

    kg = load(args.graph)
    target = args.output or _build_dir(args.graph)
    written = []
    for fmt in dict.fromkeys(args.format):
        written += kg.export(target, fmt)
    if not args.quiet:
        for p in written:
            print(f"wrote {p}", file=out)
    return EXIT_OK


def cmd_query(args, out, err) -> int:
    """Ask a built graph a SPARQL query: a string, a file (-f) or a saved query (--list shows them)."""
    from .results import GRAPH_FORMATS, SELECT_FORMATS, named_format, render
    from .saved import saved_queries, saved_query
    from .sparql import open_engine

    if args.list:
        queries = saved_queries()
        width = max(len(n) for n in queries)
        for name, q in queries.items():
            print(f"{name:<{width}}  {q.title}", file=out)
            for p in q.params.values():
                shown = f"{p.name}={p.default}" if p.default else f"{p.name}= (optional)"
                print(f"{'':<{width}}    {shown}" + (f"  {p.help}" if p.help else ""), file=out)
        return EXIT_OK
    params = list(args.params or [])
    if args.query and (args.saved or args.file) and re.fullmatch(r"\w+=.*", args.query, re.S):
        args.query, params = None, [args.query, *params]  # --saved NAME area=…: the first is a parameter
    values = {}
    for item in [*(args.param or []), *params]:
        if "=" not in item:
            raise GovkgError(f"a parameter is NAME=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        values[k.strip()] = v
    given = [x for x in (args.query, args.file, args.saved) if x]
    if len(given) != 1:
        raise GovkgError("give one query: a SPARQL string, -f FILE or --saved NAME (see --list)")
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise GovkgError(f"{path}: no such query file")
        text = path.read_text(encoding="utf-8-sig")
    elif args.saved:
        text = saved_query(args.saved).render(values)
    elif SAVED_NAME.fullmatch(args.query.strip()):  # a name, never a query: every query has { or <
        text = saved_query(args.query.strip()).render(values)
    else:
        if values:
            raise GovkgError("parameters (NAME=VALUE) go with a saved query, not with a query text")
        text = args.query
    engine = open_engine(args.graph, args.engine, allow_service=args.allow_service or ())
    result = engine.query(text)
    if args.format == "table":  # for people: an aligned table, yes/no, or Turtle
        out.write(render(result, "table"))
        return EXIT_OK
    fmt = named_format(result.kind, args.format)  # the endpoint's format= names, in the same meaning
    if fmt is None:
        form = {"graph": "a CONSTRUCT or DESCRIBE", "ask": "an ASK", "select": "a SELECT"}[result.kind]
        usable = GRAPH_FORMATS + ("json (JSON-LD)", "xml (RDF/XML)") if result.kind == "graph" else SELECT_FORMATS
        raise GovkgError(f"--format {args.format} does not fit {form} query; its formats: table, {', '.join(usable)}")
    out.write(render(result, fmt))
    return EXIT_OK


def cmd_serve(args, out, err) -> int:
    """Serve a built graph: SPARQL 1.1 Protocol at /sparql (read-only) and the explorer page at /."""
    from .serve import make_server

    try:
        server, pool = make_server(args.graph, args.host, args.port, args.timeout, args.engine, args.workers,
                                   quiet=args.quiet, cors=tuple(args.cors or ()),
                                   allow_service=tuple(args.allow_service or ()))
    except OSError as exc:
        raise GovkgError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    host, port = server.server_address[:2]
    print(f"govkg: serving {args.graph} with {pool.engine}: explorer http://{host}:{port}/ , "
          f"SPARQL http://{host}:{port}/sparql ; Ctrl-C stops", file=out, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
    return EXIT_OK


def cmd_validate(args, out, err) -> int:
    """Check a built graph against the SHACL shapes (ontology/shapes.ttl): exit 0 conforms, 1 violations."""
    from .validate import validate

    report = validate(args.graph, shapes=args.shapes, inference=args.inference)
    out.write(report.text(limit=args.limit))
    return EXIT_OK if report.conforms else EXIT_PARTIAL


def cmd_push(args, out, err) -> int:
    """Load a build into a SPARQL 1.1 Graph Store Protocol server, one named graph per report
    (each replaces that report's graph from an earlier push)."""
    from .push import credentials, push

    if args.password is not None:
        raise GovkgError("--password is not accepted: other users can read a command line (ps); set "
                         "GOVKG_PASSWORD, use --ask-password, or put the password in your ~/.netrc")
    user, password = credentials(args.endpoint, args.user, ask=args.ask_password)
    for name, count in push(args.graph, args.endpoint, user=user, password=password, timeout=args.timeout):
        if not args.quiet:
            print(f"pushed {count} triples to <{name}>", file=out)
    return EXIT_OK


def cmd_timeline(args, out, err) -> int:
    """An entity's story across years: each report that names it, year by year, with its status, its
    figures and the sentences they were read from."""
    from .sparql import open_engine
    from .timeline import render_json, render_text, timeline

    tl = timeline(open_engine(args.graph, args.engine), args.name, args.area or "", args.year or "", args.report or "")
    out.write(render_json(tl) if args.format == "json" else render_text(tl))
    return EXIT_OK


def cmd_html(args, out, err) -> int:
    """Write the explorer page of a built graph, whole or around one entity (--focus, --depth)."""
    from .api import load
    from .export.html import focus_subgraph, page_summary, write_html

    G = load(args.graph).networkx
    title = "govkg 知识图谱"
    if args.focus:
        G = focus_subgraph(G, args.focus, args.depth)
        title = f"govkg: {args.focus} (depth {args.depth})"
    target = args.output or _build_dir(args.graph) / "graph.html"
    path = write_html(G, target, title=title)
    if not args.quiet:
        summary = page_summary(G)  # the numbers the page shows
        print(f"wrote {path} ({summary['entities']} entities, {summary['relations']} relations)", file=out)
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    from .api import EXPORT_FORMATS
    from .results import RESULT_FORMATS

    parser = argparse.ArgumentParser(prog="govkg", description="Knowledge graphs from Chinese government work reports.")
    parser.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph from report files and folders", description=cmd_build.__doc__)
    b.add_argument("paths", nargs="*", metavar="PATH", help="report files (.txt .md .html .htm) or folders (default: seeds/)")
    b.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out/)")
    b.add_argument("--manifest", metavar="FILE", help="JSON {report id: {area, area_code, year, kind, title}} overriding inferred metadata")
    b.add_argument("--formats", nargs="+", choices=EXPORT_FORMATS, metavar="FORMAT",
                   help=f"more formats besides Turtle and TriG: {', '.join(EXPORT_FORMATS)}")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
    b.add_argument("--no-store", action="store_true",
                   help="do not build the Oxigraph store graph.oxigraph (serve and query then parse graph.trig)")
    b.add_argument("--title", help="the dataset's title, for void.ttl (default: govkg 政府工作报告知识图谱)")
    b.add_argument("--creator", help="who made the dataset, for void.ttl (default: govkg)")
    b.add_argument("--licence", metavar="IRI", help="the dataset's licence as an IRI, for void.ttl")
    b.add_argument("-j", "--jobs", type=_positive, default=None, metavar="N",
                   help="worker processes for extraction (default: one per core); the output does not depend on it")
    b.add_argument("--executor", default="process", choices=["process", "dask"],
                   help="where extraction runs: local processes, or a Dask cluster (needs --scheduler)")
    b.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    b.add_argument("--cache", metavar="DIR",
                   help="cache of extraction results (default: $XDG_CACHE_HOME/govkg or ~/.cache/govkg)")
    b.add_argument("--no-cache", action="store_true", help="extract every report again, and keep no cache")
    b.add_argument("--timings", action="store_true", help="print seconds per stage on stderr")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.set_defaults(func=cmd_build)

    e = sub.add_parser("export", help="write a built graph in other formats", description=cmd_export.__doc__)
    _graph_arg(e)
    e.add_argument("-f", "--format", nargs="+", required=True, choices=EXPORT_FORMATS, metavar="FORMAT",
                   help=f"one or more of: {', '.join(EXPORT_FORMATS)}")
    e.add_argument("-o", "--output", metavar="DIR", help="output folder (default: the build folder)")
    e.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    e.set_defaults(func=cmd_export)

    q = sub.add_parser("query", help="run a SPARQL query over a built graph", description=cmd_query.__doc__)
    q.add_argument("query", nargs="?", help="a SPARQL query, or the name of a saved query")
    q.add_argument("params", nargs="*", metavar="NAME=VALUE",
                   help="a saved query's parameters (area=南沙区 year=2023 report=ID; --list shows each query's)")
    q.add_argument("-f", "--file", metavar="FILE", help="read the query from FILE")
    q.add_argument("-s", "--saved", metavar="NAME", help="run a saved query (see --list)")
    q.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="a saved query's parameter")
    q.add_argument("--list", action="store_true", help="list the saved queries")
    q.add_argument("--format", default="table", choices=RESULT_FORMATS,
                   help="result format (default: table): csv, tsv, json or xml for SELECT and ASK; turtle, nt, "
                        "rdfxml or jsonld (json and xml: JSON-LD and RDF/XML) for CONSTRUCT and DESCRIBE")
    _engine_arg(q)
    _service_arg(q)
    _graph_arg(q)
    q.set_defaults(func=cmd_query)

    s = sub.add_parser("serve", help="serve a SPARQL endpoint and the explorer over HTTP", description=cmd_serve.__doc__)
    _graph_arg(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    s.add_argument("--port", type=int, default=8000, help="port (default: 8000; 0 picks a free one)")
    s.add_argument("--timeout", type=_seconds, default=30.0,
                   help="seconds a query may take from its arrival, waiting for a worker included (default: 30)")
    s.add_argument("--workers", type=_positive, default=2, help="query processes (default: 2)")
    _engine_arg(s)
    s.add_argument("--cors", nargs="+", metavar="ORIGIN",
                   help="let pages from these origins (https://example.org, or * for any) read answers; "
                        "by default only the server's own pages may")
    _service_arg(s)
    s.add_argument("-q", "--quiet", action="store_true", help="do not log requests")
    s.set_defaults(func=cmd_serve)

    v = sub.add_parser("validate", help="check a built graph against the SHACL shapes", description=cmd_validate.__doc__)
    _graph_arg(v)
    v.add_argument("--shapes", metavar="FILE", help="SHACL shapes (default: the ontology's shapes.ttl)")
    v.add_argument("--limit", type=int, default=50, help="violations to list (default: 50)")
    v.add_argument("--inference", choices=("none", "rdfs"), default="none",
                   help="check the graph as it is (none, the default) or with what RDFS entails added (rdfs)")
    v.set_defaults(func=cmd_validate)

    p = sub.add_parser("push", help="load a build into a triple store (Graph Store Protocol)", description=cmd_push.__doc__)
    _graph_arg(p)
    p.add_argument("--endpoint", required=True, metavar="URL",
                   help="the store's Graph Store Protocol address, e.g. http://localhost:7878/store")
    p.add_argument("--user", help="user name for HTTP basic authentication (or the endpoint URL's user@, or netrc)")
    p.add_argument("--ask-password", action="store_true",
                   help="ask for the password (else GOVKG_PASSWORD, else the ~/.netrc entry of the host)")
    p.add_argument("--password", help=argparse.SUPPRESS)  # refused with a message: a command line is public
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per request (default: 60)")
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.set_defaults(func=cmd_push)

    t = sub.add_parser("timeline", help="an entity's story across years: reports, status, figures, sentences",
                       description=cmd_timeline.__doc__)
    t.add_argument("name", help="the entity's name or one of its aliases")
    _graph_arg(t)
    t.add_argument("--format", default="text", choices=["text", "json"], help="output (default: text)")
    t.add_argument("--area", help="only the reports of this area (its name or a short name)")
    t.add_argument("--year", help="only the reports of this year")
    t.add_argument("--report", metavar="ID", help="only this report (its file name without the extension)")
    _engine_arg(t)
    t.set_defaults(func=cmd_timeline)

    h = sub.add_parser("html", help="write the explorer page, whole or around one entity", description=cmd_html.__doc__)
    _graph_arg(h)
    h.add_argument("--focus", metavar="NAME", help="an entity's name or alias: draw only its neighbourhood")
    h.add_argument("--depth", type=int, default=2, help="steps from the focus entity (default: 2)")
    h.add_argument("-o", "--output", metavar="FILE", help="the page to write (default: graph.html in the build folder)")
    h.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    h.set_defaults(func=cmd_html)

    from .cli_recognition import add_recognition_commands
    add_recognition_commands(sub)
    return parser


class Printable:
    """A text stream that writes everything through ``display``: a file name that is not UTF-8
    shows its bytes as \\xNN, and no text can write control sequences to the terminal."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(display(text))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return hasattr(self.stream, "isatty") and self.stream.isatty()


def main(argv: list[str] | None = None, out=None, err=None) -> int:
    out = Printable(out or sys.stdout)
    err = Printable(err or sys.stderr)
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    try:
        return args.func(args, out, err)
    except GovkgError as exc:
        print(f"govkg: error: {exc}", file=err)
        return EXIT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"govkg: error: {where}{exc.strerror or exc}", file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("govkg: interrupted", file=err)
        return 130
    except Exception as exc:  # a bug: a one-line message, not a traceback (GOVKG_DEBUG=1 shows it)
        if os.environ.get("GOVKG_DEBUG"):
            raise
        reason = " ".join(str(exc).split())[:300]
        print(f"govkg: internal error: {type(exc).__name__}: {reason} (this is a bug in govkg; "
              "run again with GOVKG_DEBUG=1 to see where, and report it)", file=err)
        return EXIT_BUG


if __name__ == "__main__":
    raise SystemExit(main())
