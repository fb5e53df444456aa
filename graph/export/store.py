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

The stamp also holds a digest of the lines of each named graph of that TriG.  A
rebuild into the same output folder (``previous``: the store of the generation
before) makes its store from that one instead of loading everything again
(``update_store``): the previous store's files are linked into the new folder (RocksDB
never changes a table file it wrote, so the old store stays as it was), and only the
named graphs whose lines changed, came or went are replaced; the default graph (the
union) loses the triples of the old versions that no graph holds any more and gains
those of the new ones.  Those graphs include every graph a corpus-wide change
reaches (an entity's voted label, aliases or class are in the block of each report
that names it), since the digests are of the TriG's own lines.  Anything that does
not fit (another store format or pyoxigraph, a stamp without digests, a store that
cannot be opened, most graphs changed) makes a full load instead, and says why.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Iterator

STORE = "graph.oxigraph"
STAMP = "govkg-store.stamp"  # JSON text; no file of an output folder ends in .json (cache entries do)
FORMAT, VERSION = "govkg-oxigraph-store", 1
LINKED = (".sst", ".blob")  # RocksDB's table files, never written again once made: linked, not copied
UNLINKED = ("LOCK", "LOG")  # made by whoever opens the store


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


PIECE_CHARS = 10_000_000  # bytes of text; a bulk load holds about 30 bytes per byte of it: about 300 MB


class Index:
    """What a pass over a TriG file found: its prefix lines, a digest of each named graph's lines (in
    the order written; a graph written in two blocks counts both), and whether any statement stands
    outside a graph block (those go to the default graph, which the store keeps for the union)."""

    def __init__(self) -> None:
        self.head: list[bytes] = []
        self.hashes: dict[bytes, "hashlib._Hash"] = {}
        self.blocks: dict[bytes, int] = {}  # graph name -> blocks of it
        self.loose = False

    def add(self, graph: bytes, line: bytes) -> None:
        h = self.hashes.get(graph)
        if h is None:
            h = self.hashes[graph] = hashlib.blake2b(digest_size=16)
        h.update(line)

    def digest(self, graph: bytes) -> str:
        return self.hashes[graph].hexdigest()

    def graphs(self) -> dict[str, str]:
        """{graph IRI: digest}; a ValueError when a graph's name is not an IRI or a known prefixed name."""
        prefixes = dict(_prefix(line) for line in self.head)
        return {graph_iri(g, prefixes): h.hexdigest() for g, h in self.hashes.items()}


def _prefix(line: bytes) -> tuple[str, str]:
    parts = line.decode("utf-8").split()  # @prefix name: <iri> .
    if len(parts) != 4 or not parts[1].endswith(":") or not (parts[2].startswith("<") and parts[2].endswith(">")):
        raise ValueError(f"a prefix line not as govkg writes it: {line[:200]!r}")
    return parts[1][:-1], parts[2][1:-1]


def graph_iri(name: bytes, prefixes: dict[str, str]) -> str:
    """The IRI of a graph block's name as the writer wrote it: <iri> or prefix:local."""
    text = name.decode("utf-8").strip()
    if text.startswith("<") and text.endswith(">") and "\\" not in text:
        return text[1:-1]
    prefix, colon, local = text.partition(":")
    if colon and prefix in prefixes and local and not any(c in local for c in "\\<>\"{} "):
        return prefixes[prefix] + local
    raise ValueError(f"a graph name govkg does not write: {text[:200]!r}")


OPEN, CLOSE = 1, 2  # what a line of _lines is, besides a statement (0)


def _lines(path: Path, index: Index) -> Iterator[tuple[bytes | None, int, bytes]]:
    """(the name of the graph block it is in, or None; OPEN, CLOSE or 0 for a statement; line) for
    each line of a TriG or Turtle file that ``turtle.TurtleWriter`` wrote, but its prefixes (into
    ``index.head``) and empty lines.  The writer puts every statement on lines of its own (a
    string's line breaks are escaped), a graph's opening ``<name> {`` and its ``}`` on lines alone."""
    graph = None
    with open(path, "rb") as fh:
        for line in fh:
            if line.startswith(b"@prefix "):
                index.head.append(line)
            elif not line.strip():
                continue
            elif graph is None and line.endswith(b"{\n") and not line.startswith(b" "):
                graph = line[:-2].strip()
                index.blocks[graph] = index.blocks.get(graph, 0) + 1
                yield graph, OPEN, line
            elif line == b"}\n":
                yield graph, CLOSE, line
                graph = None
            else:
                if graph is None:
                    index.loose = True
                else:
                    index.add(graph, line)
                yield graph, 0, line


def _pieces(path: Path, size: int = PIECE_CHARS, index: Index | None = None) -> Iterator[bytes]:
    """``pieces``, as UTF-8; ``index`` receives the digests of the graphs on the way."""
    index = index if index is not None else Index()
    buf: list[bytes] = []
    held, opening = 0, None
    for _, kind, line in _lines(path, index):
        if kind == OPEN:
            opening = line
        elif kind == CLOSE:
            opening = None
        buf.append(line)
        held += len(line)
        if held > size and (kind == CLOSE or line.endswith(b" .\n")):
            yield b"".join(index.head) + b"".join(buf) + (b"}\n" if opening else b"")
            buf, held = ([opening] if opening else []), 0
    if buf:
        yield b"".join(index.head) + b"".join(buf)


def pieces(path: Path, size: int = PIECE_CHARS) -> Iterator[str]:
    """The Turtle or TriG that ``turtle.TurtleWriter`` wrote, about ``size`` bytes at a time, each
    piece a document of its own: the prefixes, then whole statements (a graph block cut in two is
    closed and opened again), so the cuts fall between statements.  Loading the whole file at once
    would hold it all in memory."""
    for piece in _pieces(path, size):
        yield piece.decode("utf-8")


def available() -> bool:
    try:
        import pyoxigraph  # noqa: F401 (only whether it imports)
    except ImportError:
        return False
    return True


def write_store(folder: Path, trig: Path, union: Path | None = None, previous: Path | None = None,
                notes: list[str] | None = None) -> Path | None:
    """``folder/graph.oxigraph`` loaded from ``trig`` (its named graphs) and ``union`` (a Turtle file
    of their union, for the default graph; without it the union is computed in the store); made
    from the store ``previous`` (of the build before) when it can be (``update_store``).  ``notes``
    receives how, one line for the build's log.  None when pyoxigraph is not installed."""
    if not available():
        return None
    why = "no previous store"
    if previous is not None and (previous / STAMP).is_file():
        try:
            note = update_store(folder, trig, previous)
        except Reuse as exc:
            why = f"the previous store could not be reused: {exc}"
        else:
            if notes is not None:
                notes.append(note)
            return folder / STORE
    _full_load(folder, trig, union)
    if notes is not None:
        notes.append(f"loaded in full ({why})")
    return folder / STORE


def _full_load(folder: Path, trig: Path, union: Path | None) -> None:
    import pyoxigraph as ox

    path = folder / STORE
    shutil.rmtree(path, ignore_errors=True)
    store = ox.Store(str(path))
    index = Index()
    if union is not None:
        # the named graphs, then the default graph (their union, from graph.ttl), a piece at a time, by
        # LOAD_THREADS threads (a bulk load parses and writes in the thread that calls it, without the GIL)
        size = PIECE_CHARS // LOAD_THREADS  # together they hold what one piece of PIECE_CHARS did
        work = [(lambda: _pieces(trig, size, index=index), ox.RdfFormat.TRIG, None),
                (lambda: _pieces(union, size), ox.RdfFormat.TURTLE, ox.DefaultGraph())]
        _load_in_threads(store, work)
    else:
        for text in _pieces(trig, index=index):
            store.bulk_load(text, format=ox.RdfFormat.TRIG)
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    store.flush()
    # the bulk loads leave many unsorted table files; compacted, each lookup reads far fewer of them:
    # the saved queries ran 2-3x faster on the 148 reports' store (top-entities 4.0 -> 1.9 s), for
    # about 0.6 s of compaction here
    store.optimize()
    del store
    _write_stamp(path, trig, index)


LOAD_THREADS = max(1, min(2, os.cpu_count() or 1))


def _load_in_threads(store, work, threads: int | None = None) -> None:
    """Bulk-load into ``store`` the pieces of each (pieces(), format, graph or None) of ``work``, in that
    order, each piece by the next free one of ``threads`` threads; the pieces are cut one at a time (an
    Index sees the lines in file order).  The first error is raised once every thread has stopped."""
    import threading

    def items():
        for pieces, fmt, graph in work:
            for text in pieces():
                yield text, fmt, graph

    source, lock, failed = items(), threading.Lock(), []

    def load() -> None:
        while True:
            with lock:
                if failed:
                    return
                try:
                    item = next(source, None)
                except BaseException as exc:  # reading or cutting the file
                    failed.append(exc)
                    return
            if item is None:
                return
            text, fmt, graph = item
            try:
                if graph is None:
                    store.bulk_load(text, format=fmt)
                else:
                    store.bulk_load(text, format=fmt, to_graph=graph)
            except BaseException as exc:
                with lock:
                    failed.append(exc)
                return

    n = LOAD_THREADS if threads is None else threads
    others = [threading.Thread(target=load, name=f"govkg-store-load-{i}", daemon=True) for i in range(1, n)]
    for t in others:
        t.start()
    load()
    for t in others:
        t.join()
    if failed:
        raise failed[0]


def _write_stamp(path: Path, trig: Path, index: Index) -> None:
    """The stamp, written last: a store folder without one is never opened nor reused."""
    import pyoxigraph as ox

    try:
        graphs = None if index.loose else index.graphs()
    except ValueError:  # names this module cannot read back: the next build loads in full
        graphs = None
    stamp = {"format": FORMAT, "version": VERSION, "pyoxigraph": ox.__version__, "source": trig.name,
             "size": trig.stat().st_size, "sha256": _digest(trig), "graphs": graphs}
    (path / STAMP).write_text(json.dumps(stamp, indent=1, sort_keys=True) + "\n", encoding="utf-8")


class Reuse(Exception):
    """Why the previous store cannot be the start of the new one."""


MOST, FEW = 0.5, 10  # when more than half of more than 10 graphs changed, a full load is about as quick


def update_store(folder: Path, trig: Path, previous: Path) -> str:
    """``folder/graph.oxigraph`` made from the store ``previous`` (loaded from an earlier version of
    ``trig``): its files linked (or copied) into the new folder, then the named graphs whose lines
    differ from those the previous stamp lists replaced, and the default graph (their union)
    brought up to date.  The quads are those a full load of ``trig`` would give (the union Turtle
    a full load reads holds exactly the triples of the named graphs).  Reuse when it cannot be."""
    import pyoxigraph as ox

    try:
        stamp = json.loads((previous / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Reuse(f"its stamp cannot be read ({exc})") from None
    if not isinstance(stamp, dict) or (stamp.get("format"), stamp.get("version")) != (FORMAT, VERSION):
        raise Reuse("its stamp is of another store format")
    if stamp.get("pyoxigraph") != ox.__version__:
        raise Reuse(f"it was made by pyoxigraph {stamp.get('pyoxigraph')}, this is {ox.__version__}")
    old = stamp.get("graphs")
    if not isinstance(old, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in old.items()):
        raise Reuse("its stamp lists no digests of its graphs")
    index, kept = Index(), {}
    for graph, kind, line in _lines(trig, index):  # the blocks of the graphs that changed, kept on the way
        if graph is None:
            continue
        kept.setdefault(graph, []).append(line)
        if kind == CLOSE and graph in index.hashes and index.digest(graph) == old.get(graph_iri_of(graph, index)):
            del kept[graph]  # so far the same as before; a later block of the graph would bring it back
    if index.loose:
        raise Reuse(f"{trig.name} has statements outside the graph blocks")
    try:
        new = index.graphs()
    except ValueError as exc:
        raise Reuse(str(exc)) from None
    changed = {g for g, d in new.items() if old.get(g) != d}
    removed = set(old) - set(new)
    if len(new) > FEW and len(changed) + len(removed) > MOST * len(new):
        raise Reuse(f"{len(changed) + len(removed)} of its {len(new)} graphs changed")
    prefixes = dict(_prefix(line) for line in index.head)
    text = [line for g, lines in kept.items() if graph_iri(g, prefixes) in changed for line in lines]
    if sum(1 for line in text if line == b"}\n") < sum(n for n in _blocks(index, changed, prefixes)):
        text = _blocks_of(trig, changed, prefixes)  # a graph in several blocks, an earlier one not kept
    path = folder / STORE
    shutil.rmtree(path, ignore_errors=True)
    try:
        _link_copy(previous, path)
        store = ox.Store(str(path))
        _replace(store, removed | changed, b"".join(index.head) + b"".join(text))
        store.flush()
        del store
    except Exception as exc:  # a spoilt store (RocksDB says Corruption) or text: loaded in full instead
        shutil.rmtree(path, ignore_errors=True)
        raise Reuse(f"{type(exc).__name__}: {str(exc).splitlines()[0][:300] if str(exc) else ''}") from None
    _write_stamp(path, trig, index)
    return (f"updated from the previous build's: {len(changed)} of {len(new)} named graphs replaced"
            + (f", {len(removed)} removed" if removed else ""))


def graph_iri_of(graph: bytes, index: Index) -> str | None:
    """The IRI of a block's name, with the prefixes read so far; None if it cannot be read."""
    try:
        return graph_iri(graph, dict(_prefix(line) for line in index.head))
    except ValueError:
        return None


def _blocks(index: Index, changed: set, prefixes: dict) -> Iterator[int]:
    """How many blocks each changed graph has in the TriG (counted again by _blocks_of)."""
    for g, n in index.blocks.items():
        if graph_iri(g, prefixes) in changed:
            yield n


def _blocks_of(trig: Path, changed: set, prefixes: dict) -> list[bytes]:
    """The lines of every block of the ``changed`` graphs, in a second pass over ``trig``."""
    return [line for g, _, line in _lines(trig, Index()) if g is not None and graph_iri(g, prefixes) in changed]


def _link_copy(source: Path, target: Path) -> None:
    """A copy of a closed RocksDB folder, as its checkpoints make one: the table files hard-linked
    (never written again, only removed, so both stores keep theirs), the rest copied."""
    target.mkdir()
    for p in sorted(source.iterdir()):
        if p.name == STAMP or p.name in UNLINKED or p.name.startswith("LOG."):
            continue
        if not p.is_file():
            raise OSError(f"{p}: not a file of a store")
        if p.suffix in LINKED:
            try:
                os.link(p, target / p.name)
                continue
            except OSError:  # another file system, or no hard links: copied
                pass
        shutil.copy2(p, target / p.name)


def _replace(store, graphs: set, text: bytes) -> None:
    """Remove ``graphs`` from ``store`` and load ``text`` (TriG of their new blocks); the default
    graph keeps the union of the named graphs."""
    import pyoxigraph as ox

    default = ox.DefaultGraph()
    before: set = set()
    for g in sorted(graphs):
        name = ox.NamedNode(g)
        before.update((q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, name))
        store.remove_graph(name)
    if len(text) > PIECE_CHARS:
        store.bulk_load(text, format=ox.RdfFormat.TRIG)
    else:
        store.load(text, format=ox.RdfFormat.TRIG)
    after: set = set()
    for g in sorted(graphs):
        after.update((q.subject, q.predicate, q.object)
                     for q in store.quads_for_pattern(None, None, None, ox.NamedNode(g)))
    for s, p, o in before - after:
        if not any(not isinstance(q.graph_name, ox.DefaultGraph) for q in store.quads_for_pattern(s, p, o, None)):
            store.remove(ox.Quad(s, p, o, default))
    store.extend(ox.Quad(s, p, o, default) for s, p, o in after)


class StoreJob:
    """``write_store`` run in a process of its own while the build goes on (writing the explorer page):
    the bulk load's memory is not added to the build's, and it uses the other core."""

    def __init__(self, folder: Path, trig: Path, union: Path | None, previous: Path | None = None):
        import subprocess
        import sys

        self.path = folder / STORE
        self.note = ""
        args = [sys.executable, "-m", "govkg.graph.export.store", str(folder), str(trig),
                str(union) if union else "", str(previous) if previous else ""]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def wait(self) -> Path:
        """The store, once made (``note``: how); an OSError saying why when it could not be."""
        out, err = self.proc.communicate()
        if self.proc.returncode != 0:
            shutil.rmtree(self.path, ignore_errors=True)
            last = (err or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or [f"status {self.proc.returncode}"]
            raise OSError(f"{self.path}: the Oxigraph store could not be made: {last[0][:300]}")
        self.note = (out or b"").decode("utf-8", "replace").strip()
        return self.path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def start_store(folder: Path, trig: Path, union: Path | None = None, previous: Path | None = None) -> StoreJob | None:
    """A StoreJob making ``folder/graph.oxigraph`` (from the store ``previous`` when it can), or None
    when pyoxigraph is not installed."""
    return StoreJob(folder, trig, union, previous) if available() else None


def main(argv: list[str]) -> int:
    from govkg.extract.lifeline import exit_with_parent

    exit_with_parent()  # a killed build leaves no loader behind
    folder, trig, union, previous = (argv + ["", ""])[:4]
    notes: list[str] = []
    write_store(Path(folder), Path(trig), Path(union) if union else None, Path(previous) if previous else None,
                notes)
    print("\n".join(notes), flush=True)
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
