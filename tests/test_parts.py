"""Each report's graph text and networkx view are made in the worker (graph/parts.py, graph/fragment.py)
and cached with its extraction; the main process only merges.  The outputs are the bytes of the rdflib
path (build.iter_parts, export/rdf.stream_rdf, nxview.to_networkx), whatever the jobs and the cache."""
import json

import pytest

import govkg.extract.pipeline as pipeline
from govkg.extract.cache import Cache
from govkg.graph.api import KnowledgeGraph, build
from govkg.graph.parts import check_part, report_part
from conftest import SEEDS

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html", "void.ttl", "graph.graphml")
FORMATS = ("turtle", "trig", "graphml")


@pytest.fixture(params=[None, 3000], ids=["one-piece", "pieces"])
def block_chars(request, monkeypatch):
    """Reports in one piece, or (with blocks of 3,000 characters) each in several pieces."""
    if request.param:
        monkeypatch.setattr(pipeline, "BLOCK_CHARS", request.param)
    return request.param


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _files(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_workers_parts_give_the_bytes_of_the_rdflib_path(tmp_path, block_chars, monkeypatch):
    kg = build([SEEDS], jobs=1)
    assert kg._made_parts()
    kg.write(tmp_path / "parts", formats=FORMATS)
    old = KnowledgeGraph(corpus=kg.corpus)  # the same corpus, streamed from rdflib parts as before
    monkeypatch.setattr(KnowledgeGraph, "_made_parts", lambda self: False)
    old.write(tmp_path / "rdflib", formats=FORMATS)
    assert _files(tmp_path / "parts") == _files(tmp_path / "rdflib")


def test_one_job_two_jobs_and_a_warm_cache_give_the_same_bytes(tmp_path, block_chars):
    cache = tmp_path / "cache"
    build([SEEDS], jobs=1).write(tmp_path / "one", formats=FORMATS)
    build([SEEDS], jobs=2, cache=cache).write(tmp_path / "two", formats=FORMATS)
    warm = build([SEEDS], jobs=2, cache=cache)
    assert warm.corpus.cached == 5
    warm.write(tmp_path / "warm", formats=FORMATS)
    one = _files(tmp_path / "one")
    assert _files(tmp_path / "two") == one
    assert _files(tmp_path / "warm") == one


def test_the_dask_executor_gives_the_same_bytes(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    build([SEEDS], jobs=1).write(tmp_path / "one", formats=FORMATS)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        kg = build([SEEDS], executor="dask", scheduler=cluster.scheduler_address)
        assert kg._made_parts()
        kg.write(tmp_path / "dask", formats=FORMATS)
    assert _files(tmp_path / "dask") == _files(tmp_path / "one")


def _entries(cache):
    return sorted(cache.rglob("*.json"))


def _write(path, entry):
    """An entry written back as the cache writes it (its extraction's bytes unchanged, so still its digest)."""
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def test_the_part_is_cached_with_the_extraction_and_checked_when_read(tmp_path):
    cache = tmp_path / "cache"
    build([SEEDS], jobs=1, cache=cache).write(tmp_path / "first")
    entry = json.loads(_entries(cache)[0].read_text(encoding="utf-8"))
    assert set(entry["parts"]) == {"version", "data"}
    check_part(entry["parts"]["data"])
    # a part whose text would close the graph's braces is refused when read: it is made again from the
    # extraction
    for path in _entries(cache):
        e = json.loads(path.read_text(encoding="utf-8"))
        chunk = next(c for piece in e["parts"]["data"]["pieces"] for c in piece if c[0] == "t")
        chunk[1] = "}\n<x:y> <x:y> <x:y> .\n" + chunk[1]
        _write(path, e)
    again = build([SEEDS], jobs=1, cache=cache)
    assert again.corpus.cached == 5
    again.write(tmp_path / "again")
    for name in ("graph.ttl", "graph.trig", "graph.html"):  # each part was made again from its extraction
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes(), name


def test_an_entry_without_a_part_has_it_made_and_is_written_again(tmp_path):
    cache = tmp_path / "cache"
    first = build([SEEDS], jobs=1, cache=cache)
    for path in _entries(cache):
        e = json.loads(path.read_text(encoding="utf-8"))
        del e["parts"]
        _write(path, e)
    again = build([SEEDS], jobs=1, cache=cache)
    assert again.corpus.cached == 5 and again._made_parts()
    assert all("parts" in json.loads(p.read_text(encoding="utf-8")) for p in _entries(cache))
    first.write(tmp_path / "a")
    again.write(tmp_path / "b")
    assert (tmp_path / "a" / "graph.trig").read_bytes() == (tmp_path / "b" / "graph.trig").read_bytes()


@pytest.mark.parametrize("bad", [
    lambda d: d.update(format=99),
    lambda d: d.update(graph=["not", "a", "string"]),
    lambda d: d["pieces"][0].append(["t", "<a> <b> <c> .\n}\n", 1]),
    lambda d: d["pieces"][0].append(["s", "<a>\n}", [], ""]),
    lambda d: d["pieces"][0].append(["t", "@prefix x: <y> .\n", 1]),
    lambda d: d["view"]["nodes"].append(["n", {"label": 1}]),
    lambda d: d["view"]["edges"].append(["a", "b", "partOf", {"predicate": "partOf"}]),
])
def test_a_part_that_is_not_what_report_part_makes_is_refused(seed_corpus, bad):
    data = json.loads(json.dumps(report_part(seed_corpus.reports[0])))
    check_part(data)
    bad(data)
    with pytest.raises(ValueError):
        check_part(data)


def test_a_cache_entry_keeps_working_for_the_extraction_alone(tmp_path):
    """Readers that know nothing of parts (Cache.get) still read the entries."""
    from govkg.extract.cache import cache_key

    cache = tmp_path / "cache"
    build([SEEDS], jobs=1, cache=cache)
    f = sorted(SEEDS.iterdir())[0]
    import hashlib
    data = f.read_bytes()
    hit = Cache(cache).get(cache_key(str(f), data, None), f.stem, str(f), hashlib.sha256(data).hexdigest(), None)
    assert hit is not None and hit.document.id == f.stem


def test_a_report_whose_entity_code_is_not_the_corpus_wide_one_is_made_again(tmp_path, monkeypatch):
    """The hierarchy of a part follows the report's own codes; where the vote across reports gives an
    entity another code, the merge makes that report's part again with it (as the rdflib path does)."""
    import dataclasses

    kg = build([SEEDS], jobs=1)
    key, e = next((k, e) for k, e in sorted(kg.corpus.entities.items()) if e.code and e.parent)
    parent_code = kg.corpus.entities[e.parent].code if e.parent in kg.corpus.entities else "110000"
    kg.corpus.entities[key] = dataclasses.replace(e, code=parent_code)
    kg.write(tmp_path / "parts", formats=FORMATS)
    old = KnowledgeGraph(corpus=kg.corpus)
    monkeypatch.setattr(KnowledgeGraph, "_made_parts", lambda self: False)
    old.write(tmp_path / "rdflib", formats=FORMATS)
    assert _files(tmp_path / "parts") == _files(tmp_path / "rdflib")
