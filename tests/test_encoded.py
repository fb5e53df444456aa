"""Workers send back their result already encoded (extract/cache.Encoded): the build's main process
writes the bytes as they are, the same bytes it wrote when it encoded the result itself, and it makes
each entry's header (and signs it) from a summary it checks, never from what the worker says of it."""
import dataclasses
import hashlib
import json
import shutil

import pytest

from govkg.extract import executor
from govkg.extract.cache import Cache, Encoded, cache_key, encode, made_field
from govkg.extract.codec import DecodeError
from govkg.extract.errors import GovkgError
from govkg.extract.executor import Task, extract_task
from govkg.extract.pipeline import run
from govkg.extract.spool import ReportSpool
from govkg.graph.parts import finish, report_part
from conftest import SEEDS

ONE, TWO = "000_18dbd27aeb4158ef.txt", "003_18b0c22b62e19c9c.txt"


@pytest.fixture(scope="module")
def one():
    f = SEEDS / ONE
    return f, extract_task(Task(str(f), f.read_bytes())).value


def test_an_encoded_result_makes_the_bytes_of_the_entry_put_makes(tmp_path, one):
    f, result = one
    part = report_part(result)
    version = finish().version
    key = cache_key(str(f), f.read_bytes(), None)
    a, b = Cache(tmp_path / "a"), Cache(tmp_path / "b")
    path_a = a.put(key, result, None, parts={"version": version, "data": part})
    enc = encode(result, part).checked(str(f), f.read_bytes())
    path_b = b.put_encoded(key, enc, None, "parts", version)
    assert path_a.read_bytes() == path_b.read_bytes()
    assert path_b.read_bytes().startswith(b'{"mac":"')
    ref, entry = b.peek(key, f.stem, str(f), hashlib.sha256(f.read_bytes()).hexdigest(), None)
    assert ref.id == f.stem and entry["made"] == {"parts": version} and b.signed == 1


def test_made_field_is_the_json_of_the_field(one):
    assert made_field("parts", "v1", b'[1,"\xe5\x8c\x97"]') == \
        json.dumps({"parts": {"version": "v1", "data": [1, "北"]}}, ensure_ascii=False,
                   separators=(",", ":"))[1:-1].encode()


def test_an_encoded_result_spools_the_files_put_spools(tmp_path, one):
    f, result = one
    part = report_part(result)
    spool = ReportSpool(tmp_path)
    ref_a = spool.put(result, {"version": "v", "data": part})
    ref_b = spool.put_encoded(encode(result, part).checked(str(f), f.read_bytes()), "v")
    for x, y in ((ref_a.file, ref_b.file), (ref_a.extra, ref_b.extra)):
        assert x != y and (spool.folder / x).read_bytes()[80:] == (spool.folder / y).read_bytes()[80:]
    assert ref_a == dataclasses.replace(ref_b, file=ref_a.file, extra=ref_a.extra)
    assert spool.get(ref_b) == result
    spool.close()


@pytest.mark.parametrize("how", ["another file", "other bytes", "a summary of another report", "wrong types"])
def test_an_encoded_result_not_of_its_file_is_refused(one, how):
    f, result = one
    enc = encode(result, report_part(result))
    path, data = str(f), f.read_bytes()
    if how == "another file":
        path = str(SEEDS / TWO)
    elif how == "other bytes":
        data = data + b"\n"
    elif how == "a summary of another report":
        enc.summary = {**enc.summary, "id": "someone-else"}
    else:
        enc.extraction = enc.extraction.decode()
    with pytest.raises(DecodeError):
        enc.checked(path, data)
    assert enc.ref is None


def test_a_worker_result_that_is_not_of_its_file_fails_that_report_and_caches_nothing(tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in (ONE, TWO):
        shutil.copyfile(SEEDS / name, folder / name)
    real = executor.extract_task

    def lying(task, progress=None, finish=None, encode=False):  # says it extracted the other report
        if task.path.endswith(TWO):
            other = folder / ONE
            return real(Task(str(other), other.read_bytes()), progress, finish, encode)
        return real(task, progress, finish, encode)

    monkeypatch.setattr(executor, "extract_task", lying)
    cache = tmp_path / "cache"
    corpus = run([folder], cache=cache, jobs=1, finish=finish())
    assert [r.id for r in corpus.reports.refs] == [ONE[:-4]]
    assert [(f.path, "does not decode" in str(f)) for f in corpus.failures] == [(str(folder / TWO), True)]
    assert len([p for p in cache.rglob("*.json")]) == 1


def test_the_build_sends_encoded_results_and_without_a_cache_spools_them(tmp_path, monkeypatch):
    seen = []
    real = executor.extract_task

    def watching(task, progress=None, finish=None, encode=False):
        out = real(task, progress, finish, encode)
        seen.append(type(out.value))
        return out

    monkeypatch.setattr(executor, "extract_task", watching)
    corpus = run([SEEDS / ONE, SEEDS / TWO], jobs=1, finish=finish())
    assert seen == [Encoded, Encoded]
    assert [r.id for r in corpus.reports.refs] == [ONE[:-4], TWO[:-4]]
    for ref in corpus.reports.refs:
        assert not ref.extra.startswith("/") and ref.extra.endswith(".extra.json")
    assert corpus.reports.spool.extra(corpus.reports.refs[0], lambda d: pytest.fail("checked"), lambda d: d)["data"]["graph"]
    assert list(corpus.reports)[0] == extract_task(Task(str(SEEDS / ONE), (SEEDS / ONE).read_bytes())).value
