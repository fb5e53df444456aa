"""Parallel, cached and distributed builds give the same bytes as a plain one-process build;
an interrupted build leaves the previous outputs as they were."""
import pickle
import shutil

import pytest

from govkg.extract.errors import GovkgError, ReadError
from govkg.extract.executor import extract_all
from govkg.graph.api import build
from govkg.graph.cli import main
from conftest import SEEDS

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The seeds built in this process with one job and no cache."""
    out = tmp_path_factory.mktemp("ref")
    build([SEEDS], jobs=1).write(out)
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def _same(out, reference):
    for name in OUTPUTS:
        assert (out / name).read_bytes() == reference[name], name


def test_three_jobs_give_the_bytes_of_one(tmp_path, reference):
    build([SEEDS], jobs=3).write(tmp_path)
    _same(tmp_path, reference)


def test_dask_local_cluster_gives_the_bytes_of_one_process(tmp_path, reference):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        code = main(["build", str(SEEDS), "-o", str(tmp_path), "-q", "--no-cache", "--executor", "dask",
                     "--scheduler", cluster.scheduler_address])
    assert code == 0
    _same(tmp_path, reference)


def test_dask_without_a_scheduler_is_a_clear_error(tmp_path, capsys):
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "--executor", "dask"]) == 2
    assert "--scheduler" in capsys.readouterr().err


def test_unreachable_dask_scheduler_is_named(tmp_path, capsys):
    pytest.importorskip("dask.distributed")
    code = main(["build", str(SEEDS), "-o", str(tmp_path), "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "tcp://127.0.0.1:9" in capsys.readouterr().err


def test_cache_extracts_only_the_changed_report(tmp_path, reference):
    corpus_dir = tmp_path / "reports"
    shutil.copytree(SEEDS, corpus_dir)
    for f in corpus_dir.iterdir():
        f.chmod(0o644)
    cache = tmp_path / "cache"
    first = build([corpus_dir], jobs=1, cache=cache)
    assert first.corpus.cached == 0
    first.write(tmp_path / "first")
    changed = sorted(corpus_dir.iterdir())[2]
    changed.write_bytes(changed.read_bytes() + "\n我区新建学校1所。\n".encode("utf-8"))
    again = build([corpus_dir], jobs=2, cache=cache)
    assert again.corpus.cached == 4
    fresh = build([corpus_dir], jobs=1)
    out_cached, out_fresh = tmp_path / "a", tmp_path / "b"
    again.write(out_cached)
    fresh.write(out_fresh)
    for name in OUTPUTS:
        assert (out_cached / name).read_bytes() == (out_fresh / name).read_bytes(), name
    changed.write_bytes((SEEDS / changed.name).read_bytes())  # back as it was: all from the cache, same graph
    back = build([corpus_dir], jobs=1, cache=cache)
    assert back.corpus.cached == 5
    back.write(tmp_path / "c")
    for name in OUTPUTS:
        assert (tmp_path / "c" / name).read_bytes() == (tmp_path / "first" / name).read_bytes(), name


def test_a_changed_extractor_misses_the_cache(tmp_path, monkeypatch):
    import govkg.extract.cache as cache_mod

    cache = tmp_path / "cache"
    build([SEEDS / "000_18dbd27aeb4158ef.txt"], jobs=1, cache=cache)
    assert build([SEEDS / "000_18dbd27aeb4158ef.txt"], jobs=1, cache=cache).corpus.cached == 1
    monkeypatch.setattr(cache_mod, "extractor_version", lambda: "another version")
    assert build([SEEDS / "000_18dbd27aeb4158ef.txt"], jobs=1, cache=cache).corpus.cached == 0


def test_a_corrupt_cache_entry_is_a_miss(tmp_path):
    cache = tmp_path / "cache"
    build([SEEDS / "000_18dbd27aeb4158ef.txt"], jobs=1, cache=cache)
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 1
    entries[0].write_bytes(b"not an entry")
    kg = build([SEEDS / "000_18dbd27aeb4158ef.txt"], jobs=1, cache=cache)
    assert kg.corpus.cached == 0 and len(kg.corpus.reports) == 1
    assert any("cache entry" in w and "not valid JSON" in w for w in kg.corpus.warnings)


def test_bad_files_are_named_and_the_others_built_in_parallel(tmp_path):
    reports = tmp_path / "in"
    reports.mkdir()
    shutil.copy(SEEDS / "000_18dbd27aeb4158ef.txt", reports)
    (reports / "logo.txt").write_bytes(bytes(range(256)) * 50)
    (reports / "x.html").write_bytes(b"\xff\xfe" + "南沙".encode("utf-16-le")[:3])  # BOM, then a torn character
    outcomes = extract_all(sorted(reports.iterdir()), {}, jobs=2)
    kinds = {o.value.path.rsplit("/", 1)[-1] if isinstance(o.value, GovkgError) else o.value.document.id: type(o.value)
             for o in outcomes}
    assert kinds["logo.txt"] is ReadError and kinds["x.html"] is ReadError
    assert [o.value.document.id for o in outcomes if not isinstance(o.value, GovkgError)] == ["000_18dbd27aeb4158ef"]


def test_errors_survive_the_trip_from_a_worker():
    err = ReadError("looks like a binary file", "a/logo.txt")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is ReadError and back.path == "a/logo.txt" and str(back) == str(err)


def test_interrupted_build_leaves_the_previous_outputs(tmp_path, monkeypatch, reference):
    for name, data in reference.items():
        (tmp_path / name).write_bytes(data)
    from govkg.graph.export import merge

    calls = []
    real = merge.PartWriter.write

    def write(self, name, pieces):  # Ctrl-C while the third report's graph is written
        calls.append(name)
        if len(calls) == 4:
            raise KeyboardInterrupt
        return real(self, name, pieces)

    monkeypatch.setattr(merge.PartWriter, "write", write)
    with pytest.raises(KeyboardInterrupt):
        build([SEEDS], jobs=1).write(tmp_path)
    _same(tmp_path, reference)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(OUTPUTS)  # no staging folder or temp file left


def test_folded_view_equals_the_view_of_the_merged_graph(seed_kg):
    from govkg.graph.api import KnowledgeGraph
    from govkg.graph.nxview import to_networkx

    folded = KnowledgeGraph(corpus=seed_kg.corpus).networkx
    whole = to_networkx(seed_kg.rdf)
    assert sorted(folded.nodes) == sorted(whole.nodes)
    assert all(folded.nodes[n] == whole.nodes[n] for n in whole.nodes)
    assert sorted(folded.edges(keys=True)) == sorted(whole.edges(keys=True))
    assert all(folded.edges[e] == whole.edges[e] for e in whole.edges(keys=True))


def test_one_job_extracts_in_a_worker_when_asked_and_in_process_by_default(monkeypatch):
    """The command line's --jobs 1 keeps the extraction out of the build's process (its memory); the
    API's jobs=1 extracts in the caller's process.  Same results either way."""
    from govkg.extract import executor

    pools = []
    real = executor._pool

    def counting(jobs, blocks=None):
        pools.append(jobs)
        return real(jobs, blocks)

    monkeypatch.setattr(executor, "_pool", counting)
    files = sorted(SEEDS.glob("*.txt"))[:2]
    here = extract_all(files, {}, jobs=1)
    assert pools == []
    apart = extract_all(files, {}, jobs=1, in_process=False)
    assert pools == [1]
    assert [o.value for o in apart] == [o.value for o in here]
