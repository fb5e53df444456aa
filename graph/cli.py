"""govkg command line: thin; parses arguments, calls the library, maps errors to exit codes.

Exit codes: 0 built; 1 built, but some report files could not be read;
2 nothing built (bad arguments, no reports, an output that cannot be written).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from extract import __version__
from extract.errors import GovkgError

EXIT_OK, EXIT_PARTIAL, EXIT_ERROR = 0, 1, 2
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


def cmd_build(args, out, err) -> int:
    """Read report files and folders and write the knowledge graph."""
    from .api import build

    paths = args.paths or ["seeds"]
    try:
        kg = build(paths, manifest=args.manifest, progress=None if args.quiet else _progress(err))
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
    formats = tuple(dict.fromkeys(["turtle", *(args.formats or [])]))
    try:
        written = kg.write(args.output, formats=formats, html=not args.no_html)
    except OSError as exc:
        print(f"govkg: error: cannot write to {args.output}: {exc.strerror or exc}", file=err)
        return EXIT_ERROR
    if not args.quiet:
        counts = corpus.class_counts()
        print(f"read {len(corpus.reports)} report(s), {len(corpus.failures)} failed, {len(corpus.warnings)} warning(s)", file=out)
        print("entities: " + ", ".join(f"{k} {counts.get(k, 0)}" for k in
                                       ("Place", "Organization", "Project", "Initiative", "PolicyDocument")), file=out)
        for r in corpus.reports:
            print(f"  {r.document.id}: {r.meta.area or '?'} {r.meta.year or '?'} {r.meta.kind}, "
                  f"{len(r.entities)} entities ({r.document.encoding})", file=out)
        for p in written:
            print(f"wrote {p}", file=out)
    return EXIT_PARTIAL if corpus.failures else EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govkg", description="Knowledge graphs from Chinese government work reports.")
    parser.add_argument("--version", action="version", version=f"govkg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build the graph from report files and folders", description=cmd_build.__doc__)
    b.add_argument("paths", nargs="*", metavar="PATH", help="report files (.txt .md .html .htm) or folders (default: seeds/)")
    b.add_argument("-o", "--output", default="out", metavar="DIR", help="output folder (default: out/)")
    b.add_argument("--manifest", metavar="FILE", help="JSON {report id: {area, area_code, year, kind, title}} overriding inferred metadata")
    b.add_argument("--formats", nargs="+", choices=["turtle", "nt", "xml", "json-ld", "n3"], help="RDF formats to write besides Turtle")
    b.add_argument("--no-html", action="store_true", help="do not write graph.html")
    b.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    b.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = make_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
        return int(exc.code or 0)
    try:
        return args.func(args, out, err)
    except KeyboardInterrupt:
        print("govkg: interrupted; earlier outputs are left as they were", file=err)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
