"""An on-disk Oxigraph store of a build, made at build time beside graph.trig.

    out/.govkg/gen-…/graph.oxigraph/              the store (RocksDB files)
    out/.govkg/gen-…/graph.oxigraph/govkg-store.stamp  what it was loaded from

Parsing a big graph.trig at every start of ``govkg serve`` (or of each of its
query workers) takes minutes; opening a store read-only takes a moment.  The
store is written into the build's staging folder with graph.ttl and graph.trig,
so it switches with them (export/generation.py) and always belongs to the same
build.  It holds the TriG's named graphs, and in its default graph their union
(graph.ttl, which is that union), as ``sparql.OxigraphEngine`` makes in memory.

``govkg-store.stamp`` names the TriG the store was loaded from, its size and its
SHA-256; ``matching_store`` uses the store only when the TriG beside it is still
that file (a copied or edited graph.trig is parsed again instead).  The store is
made only when pyoxigraph is installed (``pip install 'govkg[fast]'``).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Iterator

STORE = "graph.oxigraph"
STAMP = "govkg-store.stamp"  # JSON text; no file of an output folder ends in .json (cache entries do)
FORMAT, VERSION = "govkg-oxigraph-store", 1


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


PIECE_CHARS = 10_000_000  # a bulk load holds about 30 bytes per character of its text: about 300 MB


def pieces(path: Path, size: int = PIECE_CHARS) -> Iterator[str]:
    """The Turtle or TriG that ``turtle.TurtleWriter`` wrote, about ``size`` characters at a time, each
    piece a document of its own: the prefixes, then whole statements (a graph block cut in two is
    closed and opened again).  The writer puts every statement on lines of its own (a string's line
    breaks are escaped), a graph's opening ``<name> {`` and its ``}`` on lines alone, so the cuts
    fall between statements.  Loading the whole file at once would hold it all in memory."""
    head: list[str] = []
    buf: list[str] = []
    held, graph = 0, None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("@prefix "):
                head.append(line)
                continue
            if not line.strip():
                continue
            if graph is None and line.endswith("{\n") and not line.startswith(" "):
                graph = line
            elif line == "}\n":
                graph = None
            buf.append(line)
            held += len(line)
            if held > size and (line == "}\n" or line.endswith(" .\n")):
                yield "".join(head) + "".join(buf) + ("}\n" if graph else "")
                buf, held = ([graph] if graph else []), 0
    if buf:
        yield "".join(head) + "".join(buf)


def available() -> bool:
    try:
        import pyoxigraph  # noqa: F401 (only whether it imports)
    except ImportError:
        return False
    return True


def write_store(folder: Path, trig: Path, union: Path | None = None) -> Path | None:
    """``folder/graph.oxigraph`` loaded from ``trig`` (its named graphs) and ``union`` (a Turtle file
    of their union, for the default graph; without it the union is computed in the store).
    None when pyoxigraph is not installed."""
    if not available():
        return None
    import pyoxigraph as ox

    path = folder / STORE
    shutil.rmtree(path, ignore_errors=True)
    store = ox.Store(str(path))
    for text in pieces(trig):
        store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.TRIG)
    if union is not None:
        for text in pieces(union):
            store.bulk_load(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    else:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    store.flush()
    del store
    stamp = {"format": FORMAT, "version": VERSION, "pyoxigraph": ox.__version__, "source": trig.name,
             "size": trig.stat().st_size, "sha256": _digest(trig)}
    (path / STAMP).write_text(json.dumps(stamp, indent=1) + "\n", encoding="utf-8")
    return path


class StoreJob:
    """``write_store`` run in a process of its own while the build goes on (writing the explorer page):
    the bulk load's memory is not added to the build's, and it uses the other core."""

    def __init__(self, folder: Path, trig: Path, union: Path | None):
        import subprocess
        import sys

        self.path = folder / STORE
        args = [sys.executable, "-m", "govkg.graph.export.store", str(folder), str(trig)]
        self.proc = subprocess.Popen(args + ([str(union)] if union else []), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)

    def wait(self) -> Path:
        """The store, once made; an OSError saying why when it could not be."""
        _, err = self.proc.communicate()
        if self.proc.returncode != 0:
            shutil.rmtree(self.path, ignore_errors=True)
            last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [f"status {self.proc.returncode}"]
            raise OSError(f"{self.path}: the Oxigraph store could not be made: {last[0][:300]}")
        return self.path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def start_store(folder: Path, trig: Path, union: Path | None = None) -> StoreJob | None:
    """A StoreJob making ``folder/graph.oxigraph``, or None when pyoxigraph is not installed."""
    return StoreJob(folder, trig, union) if available() else None


def main(argv: list[str]) -> int:
    from govkg.extract.lifeline import exit_with_parent

    exit_with_parent()  # a killed build leaves no loader behind
    folder, trig, *union = argv
    write_store(Path(folder), Path(trig), Path(union[0]) if union else None)
    return 0


def matching_store(trig: Path) -> Path | None:
    """The store beside ``trig`` when it was loaded from exactly this file (name, size, SHA-256) by a
    store format this govkg reads; else None (the caller parses the TriG)."""
    path = trig.parent / STORE
    try:
        stamp = json.loads((path / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("format") != FORMAT or stamp.get("version") != VERSION:
        return None
    try:
        if stamp.get("source") != trig.name or stamp.get("size") != trig.stat().st_size:
            return None
        if stamp.get("sha256") != _digest(trig):
            return None
    except OSError:
        return None
    return path


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
