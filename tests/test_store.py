"""The on-disk Oxigraph store a build makes beside graph.trig (graph/export/store.py): what it
holds, when it is used, and that it switches with the build's other outputs."""
import json
import os
from pathlib import Path
import shutil

import pytest

pytest.importorskip("pyoxigraph")

from govkg.graph.export.store import STAMP, STORE, matching_store, pieces, write_store  # noqa: E402
from govkg.graph.saved import saved_queries  # noqa: E402
from govkg.graph.serve import query_source  # noqa: E402
from govkg.graph.sparql import OxigraphEngine, open_engine  # noqa: E402


def _quads(store):
    return sorted(str(q) for q in store.quads_for_pattern(None, None, None, None))


def test_a_build_writes_the_store_into_its_generation(seed_build):
    store = seed_build / STORE
    assert store.is_symlink() and os.readlink(store) == f".govkg/current/{STORE}"
    assert matching_store((seed_build / "graph.trig").resolve()) == (seed_build / "graph.trig").resolve().parent / STORE


def test_the_store_answers_every_saved_query_as_the_parsed_trig(seed_build):
    on_disk = open_engine(seed_build)
    assert on_disk.source == (seed_build / "graph.trig").resolve().parent / STORE
    parsed = OxigraphEngine(path=seed_build / "graph.trig")
    for q in saved_queries().values():
        a, b = on_disk.query(q.render()), parsed.query(q.render())
        assert (a.variables, sorted(a.rows, key=str)) == (b.variables, sorted(b.rows, key=str)), q.name
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"  # the default graph is the union, each triple once
    assert on_disk.query(count).rows == parsed.query(count).rows


def test_a_trig_that_is_not_the_stores_is_parsed_instead(seed_build, tmp_path):
    gen = (seed_build / "graph.trig").resolve().parent
    shutil.copytree(gen / STORE, tmp_path / STORE)
    trig = tmp_path / "graph.trig"
    extra = '\n<https://w3id.org/govkg/id/graph/x> { <urn:x:s> <urn:x:p> "added after the build" . }\n'
    trig.write_bytes((gen / "graph.trig").read_bytes() + extra.encode())
    assert matching_store(trig) is None
    assert query_source(trig) == trig  # serve parses this TriG
    eng = open_engine(tmp_path)
    assert eng.source == trig
    assert eng.query("ASK { <urn:x:s> <urn:x:p> ?o }").boolean is True


def test_serve_gives_its_workers_the_store(seed_build):
    trig = (seed_build / "graph.trig").resolve()
    assert query_source(trig) == trig.parent / STORE
    assert query_source(trig, "rdflib") == trig
    assert open_engine(trig.parent / STORE).query("ASK { ?s a ?c }").boolean is True


def test_a_stamp_of_another_format_is_not_trusted(seed_build, tmp_path):
    gen = (seed_build / "graph.trig").resolve().parent
    shutil.copytree(gen / STORE, tmp_path / STORE)
    shutil.copyfile(gen / "graph.trig", tmp_path / "graph.trig")
    assert matching_store(tmp_path / "graph.trig") == tmp_path / STORE
    (tmp_path / STORE / STAMP).write_text('{"format": "govkg-oxigraph-store", "version": 99}', encoding="utf-8")
    assert matching_store(tmp_path / "graph.trig") is None
    (tmp_path / STORE / STAMP).write_text("not json", encoding="utf-8")
    assert matching_store(tmp_path / "graph.trig") is None


def test_pieces_load_the_same_quads_as_the_whole_file(seed_build, tmp_path):
    import pyoxigraph as ox

    trig, ttl = (seed_build / "graph.trig").resolve(), (seed_build / "graph.ttl").resolve()
    small = list(pieces(trig, size=20_000))
    assert len(small) > 20  # the seeds' graphs cut many times, inside blocks too
    assert all(p.startswith("@prefix ") for p in small)
    whole = ox.Store()
    whole.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    whole.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    cut = ox.Store()
    for p in small:
        cut.bulk_load(p.encode(), format=ox.RdfFormat.TRIG)
    for p in pieces(ttl, size=20_000):
        cut.bulk_load(p.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    assert _quads(cut) == _quads(whole)


def test_write_store_without_the_union_computes_it(seed_build, tmp_path):
    import pyoxigraph as ox

    trig = (seed_build / "graph.trig").resolve()
    shutil.copyfile(trig, tmp_path / "graph.trig")
    path = write_store(tmp_path, tmp_path / "graph.trig")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert str(list(ox.Store.read_only(str(path)).query(count))[0][0]) == \
        str(list(ox.Store.read_only(str(trig.parent / STORE)).query(count))[0][0])


def test_build_no_store_writes_none_and_queries_parse_the_trig(tmp_path):
    from conftest import SEEDS
    from govkg.graph.cli import main

    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "-q", "--no-cache"]) in (0, 1)
    assert (out / STORE).is_symlink()
    assert main(["build", str(SEEDS), "-o", str(out), "-q", "--no-store"]) in (0, 1)
    assert not (out / STORE).exists() and not (out / "graph.trig").resolve().parent.joinpath(STORE).exists()
    engine = open_engine(out)
    assert Path(engine.source).name == "graph.trig"  # no store: the TriG, parsed
    assert int(engine.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value) > 0


def _store_of(out: Path):
    import pyoxigraph as ox

    s = ox.Store.read_only(str((out / STORE).resolve()))
    return set(s.quads_for_pattern(None, None, None, None)), set(s.named_graphs())


def _fresh(out: Path, tmp: Path):
    """The store a full load of the build's graph.trig and graph.ttl gives."""
    gen = (out / "graph.trig").resolve().parent
    tmp.mkdir()
    notes: list[str] = []
    write_store(tmp, gen / "graph.trig", gen / "graph.ttl", None, notes)
    assert notes == ["loaded in full (no previous store)"]
    return _store_of(tmp)


def _build(src: Path, out: Path, capsys) -> str:
    from govkg.graph.cli import main

    assert main(["build", str(src), "-o", str(out), "--jobs", "1"]) in (0, 1)
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith(f"{STORE}: ")][0]


def test_a_rebuild_replaces_the_changed_graphs_of_the_previous_store(tmp_path, capsys):
    from conftest import SEEDS

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for p in seeds[:3]:
        shutil.copyfile(p, src / p.name)
    assert _build(src, out, capsys) == f"{STORE}: loaded in full (no previous store)"
    before = (out / STORE).resolve()
    old = _store_of(out)
    # one report changed (a new entity shared with another report), one removed, one added
    with open(src / seeds[0].name, "a", encoding="utf-8") as fh:
        fh.write("\n本区新建学校1所。南沙区与黄埔区合作共建大湾区科技创新中心。\n")
    (src / seeds[2].name).unlink()
    shutil.copyfile(seeds[3], src / seeds[3].name)
    note = _build(src, out, capsys)
    assert note.startswith(f"{STORE}: updated from the previous build's: ") and "1 removed" in note, note
    assert (out / STORE).resolve() != before
    new = _store_of(out)
    assert new == _fresh(out, tmp_path / "fresh")
    assert new != old
    assert _store_of(before.parent) == old  # the previous generation's store is as it was: files linked, not changed

    # a previous store that cannot be reused: a full load, and the build says why
    stamp = json.loads((out / STORE / STAMP).read_text(encoding="utf-8"))
    stamp["pyoxigraph"] = "0.0.1"
    (out / STORE / STAMP).write_text(json.dumps(stamp), encoding="utf-8")
    note = _build(src, out, capsys)
    assert note == (f"{STORE}: loaded in full (the previous store could not be reused: it was made by "
                    f"pyoxigraph 0.0.1, this is {stamp_version()})"), note
    assert _store_of(out) == new


def stamp_version() -> str:
    import pyoxigraph as ox

    return ox.__version__


def test_a_spoilt_previous_store_is_loaded_in_full(seed_build, tmp_path):
    gen = (seed_build / "graph.trig").resolve().parent
    prev = tmp_path / "prev"
    shutil.copytree(gen / STORE, prev)
    for p in prev.iterdir():
        if p.name.startswith("MANIFEST-"):
            p.write_bytes(b"not a manifest")
    notes: list[str] = []
    folder = tmp_path / "new"
    folder.mkdir()
    write_store(folder, gen / "graph.trig", gen / "graph.ttl", prev, notes)
    assert notes[0].startswith("loaded in full (the previous store could not be reused: "), notes
    assert _store_of(folder) == _store_of(gen)


def test_the_stamp_lists_a_digest_of_each_named_graph(seed_build):
    stamp = json.loads(((seed_build / STORE).resolve() / STAMP).read_text(encoding="utf-8"))
    graphs = stamp["graphs"]
    assert "https://w3id.org/govkg/id/graph/ontology" in graphs and len(graphs) == 7  # 5 reports and the counts
    assert "https://w3id.org/govkg/id/summary" in graphs
    assert all(len(d) == 32 for d in graphs.values())


def test_a_graph_written_in_two_blocks_is_replaced_whole(tmp_path):
    """A graph whose first block is as before and whose second block is new: both are loaded (read
    again in a second pass), and a prefixed graph name is read as its IRI."""
    head = "@prefix ex: <urn:x:> .\n\n"
    g2 = "<urn:x:g2> {\n    ex:b ex:p \"2\" .\n}\n\n"
    first = "ex:g1 {\n    ex:a ex:p \"1\" ;\n        ex:q ex:b .\n}\n\n"
    old, new = tmp_path / "old", tmp_path / "new"
    for d, text in ((old, head + first + g2), (new, head + first + g2 + "ex:g1 {\n    ex:c ex:p \"3\" .\n}\n\n")):
        d.mkdir()
        (d / "graph.trig").write_text(text, encoding="utf-8")
    write_store(old, old / "graph.trig")
    notes: list[str] = []
    write_store(new, new / "graph.trig", None, old / STORE, notes)
    assert notes == ["updated from the previous build's: 1 of 2 named graphs replaced"]
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    shutil.copyfile(new / "graph.trig", fresh / "graph.trig")
    write_store(fresh, fresh / "graph.trig")
    assert _store_of(new) == _store_of(fresh)
    quads, graphs = _store_of(new)
    assert len(quads) == 2 * 4 and {g.value for g in graphs} == {"urn:x:g1", "urn:x:g2"}


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_a_full_load_in_small_pieces_by_threads_holds_the_quads_of_the_whole_files(seed_build, tmp_path,
                                                                                  monkeypatch, threads):
    import pyoxigraph as ox

    from govkg.graph.export import store as st

    trig, ttl = (seed_build / "graph.trig").resolve(), (seed_build / "graph.ttl").resolve()
    monkeypatch.setattr(st, "PIECE_CHARS", 40_000 * threads)  # 40 KB pieces: many, cut inside blocks
    monkeypatch.setattr(st, "LOAD_THREADS", threads)
    loaded = []
    cut = st._pieces

    def counting(*args, **kwargs):
        for piece in cut(*args, **kwargs):
            loaded.append(len(piece))
            yield piece

    monkeypatch.setattr(st, "_pieces", counting)
    st._full_load(tmp_path, trig, ttl)
    assert len(loaded) > 20 and 40_000 < sorted(loaded)[len(loaded) // 2] < 45_000  # cut at PIECE_CHARS / threads
    whole = ox.Store()
    whole.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    whole.bulk_load(path=str(ttl), format=ox.RdfFormat.TURTLE, to_graph=ox.DefaultGraph())
    assert _quads(ox.Store.read_only(str(tmp_path / STORE))) == _quads(whole)
    stamp = json.loads((tmp_path / STORE / STAMP).read_text(encoding="utf-8"))
    assert stamp["graphs"] == json.loads((trig.parent / STORE / STAMP).read_text(encoding="utf-8"))["graphs"]


def test_a_piece_that_does_not_parse_stops_every_loading_thread_with_its_error(tmp_path, monkeypatch):
    import pyoxigraph as ox

    from govkg.graph.export import store as st

    good = "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\n"
    work = [(lambda: iter([good] * 5 + ["ex:a ex:p ."] + [good] * 50), ox.RdfFormat.TURTLE, ox.DefaultGraph())]
    store = ox.Store(str(tmp_path / "s"))
    with pytest.raises(SyntaxError):
        st._load_in_threads(store, work, threads=2)
    cut = iter([good, "oops"])

    def failing():
        yield next(cut)
        raise OSError("the disk went away")

    with pytest.raises(OSError, match="went away"):
        st._load_in_threads(ox.Store(str(tmp_path / "t")), [(failing, ox.RdfFormat.TURTLE, ox.DefaultGraph())],
                            threads=2)
