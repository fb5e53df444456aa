"""The extraction cache is data: no entry can run code, and an entry that is not exactly the
result for the file being built (truncated, foreign, tampered, wrong-typed) is a miss with a
warning, never a traceback and never a wrong graph."""
import dataclasses
import hashlib
import json
import os
import pickle
import shutil
import stat
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.extract.cache import Cache, cache_key, default_cache_dir
from govkg.extract.codec import DecodeError, decode_result, encode_result
from govkg.extract.reader import read_file
from govkg.extract.pipeline import extract_document
from govkg.graph.api import build
from conftest import SEEDS
from helpers import run

ONE, TWO = "000_18dbd27aeb4158ef.txt", "003_18b0c22b62e19c9c.txt"


@pytest.fixture
def reports(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in (ONE, TWO):
        shutil.copyfile(SEEDS / name, folder / name)
    return folder


def entry_file(cache, path):
    """The cache file of a report, whatever the entry format."""
    key = cache_key(str(path), path.read_bytes(), None)
    found = [p for p in cache.rglob("*") if p.is_file() and p.name.startswith(key)]
    assert len(found) == 1, found
    return found[0]


class Evil:
    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_crafted_pickle_runs_nothing(reports, tmp_path):
    """A pickle planted where the old cache lived (OUT/.govkg-cache) and where entries live now."""
    out = tmp_path / "out"
    marker = tmp_path / "pwned"
    Evil.marker = marker
    payload = pickle.dumps(Evil())
    for name in (ONE, TWO):
        key = cache_key(str(reports / name), (reports / name).read_bytes(), None)
        for where in (out / ".govkg-cache", tmp_path / "cache"):
            for suffix in (".pickle", ".json"):
                target = where / key[:2] / f"{key}{suffix}"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(payload)
    code, stdout, err = run(["build", str(reports), "-o", str(out), "--no-html", "-q", "--cache", str(tmp_path / "cache")])
    assert code == 0, err
    assert not marker.exists()
    assert "not valid JSON" in err and "Traceback" not in err
    code, stdout, err = run(["build", str(reports), "-o", str(out), "--no-html", "-q"])  # the default cache too
    assert code == 0 and not marker.exists()
    assert ".govkg-cache: the cache of an older govkg" in err


def test_one_reports_entry_copied_over_another_is_refused(reports, tmp_path):
    cache = tmp_path / "cache"
    build([reports], jobs=1, cache=cache)
    one, two = entry_file(cache, reports / ONE), entry_file(cache, reports / TWO)
    shutil.copyfile(one, two)
    kg = build([reports], jobs=1, cache=cache)
    assert [r.document.id for r in kg.corpus.reports] == [ONE[:-4], TWO[:-4]]
    assert kg.corpus.cached == 1
    assert any(f"report {TWO[:-4]!r} not used" in w and "report is" in w for w in kg.corpus.warnings)
    again = build([reports], jobs=1, cache=cache)  # the entry was rewritten
    assert again.corpus.cached == 2 and not any("cache entry" in w for w in again.corpus.warnings)


def _entry(cache, path):
    return json.loads(entry_file(cache, path).read_text(encoding="utf-8"))


def _tamper(entry, change):
    change(entry)
    return entry


def _set_mention_start(entry, value):
    entities = entry["extraction"][2]
    entities[0][6][0][1] = value  # the first entity's first mention's start


TAMPERED = {
    "wrong type": lambda e: _set_mention_start(e, "0"),
    "bool for an int": lambda e: _set_mention_start(e, True),
    "offset outside the text": lambda e: _set_mention_start(e, 10 ** 9),
    "unknown class": lambda e: e["extraction"][2][0].__setitem__(2, "Evil"),
    "missing field": lambda e: e["extraction"][2][0].pop(),
    "another report id": lambda e: e.__setitem__("report", "someone-else"),
    "another file hash": lambda e: e.__setitem__("sha256", "0" * 64),
    "another extractor": lambda e: e.__setitem__("extractor", "0123456789abcdef"),
    "another version": lambda e: e.__setitem__("version", 0),
    "extraction of another report": lambda e: e["extraction"][0].__setitem__(0, "someone-else"),
    "not an object": lambda e: e.clear(),
    "nested too deep": lambda e: e.__setitem__("extraction", "NESTED"),
}


@pytest.mark.parametrize("how", sorted(TAMPERED))
def test_a_tampered_entry_is_a_miss_with_a_warning(reports, tmp_path, how):
    cache = tmp_path / "cache"
    fresh = build([reports / ONE], jobs=1, cache=cache)
    f = entry_file(cache, reports / ONE)
    entry = _tamper(_entry(cache, reports / ONE), TAMPERED[how])
    text = json.dumps(entry if entry else []).replace('"NESTED"', "[" * 100000 + "]" * 100000)
    f.write_text(text, encoding="utf-8")
    kg = build([reports / ONE], jobs=1, cache=cache)
    assert kg.corpus.cached == 0 and len(kg.corpus.reports) == 1
    assert [w for w in kg.corpus.warnings if "cache entry" in w and "not used" in w]
    assert kg.corpus.reports[0].entities == fresh.corpus.reports[0].entities


def test_a_truncated_entry_is_a_miss_with_a_warning(reports, tmp_path):
    cache = tmp_path / "cache"
    build([reports / ONE], jobs=1, cache=cache)
    f = entry_file(cache, reports / ONE)
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    code, out, err = run(["build", str(reports / ONE), "-o", str(tmp_path / "out"), "--cache", str(cache), "--no-html"])
    assert code == 0 and "truncated?" in err and "Traceback" not in err


def test_records_round_trip_exactly(seed_corpus):
    for r in seed_corpus.reports:
        back = decode_result(json.loads(json.dumps(encode_result(r), ensure_ascii=False)))
        assert back == r and back.document.norm == r.document.norm
        assert back.document.sentences == r.document.sentences
        assert [e.mentions for e in back.entities] == [e.mentions for e in r.entities]


@pytest.fixture(scope="module")
def one_result():
    doc = read_file(SEEDS / ONE)
    return extract_document(doc)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
                    max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_change_to_an_encoded_record_decodes_to_a_valid_result_or_is_refused(one_result, data):
    encoded = json.loads(json.dumps(encode_result(one_result)))
    node, path = encoded, []
    while isinstance(node, list) and node:  # walk to a random place, then put any JSON value there
        i = data.draw(st.integers(0, len(node) - 1))
        path.append(i)
        if not isinstance(node[i], list) or data.draw(st.booleans()):
            node[i] = data.draw(JSON)
            break
        node = node[i]
    try:
        r = decode_result(encoded)
    except DecodeError:
        return
    n = len(r.document.text)
    for e in r.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= n and m.doc_id == r.document.id
    dataclasses.replace(r)  # a whole record


def test_the_default_cache_is_the_users_cache_folder_not_the_output(reports, tmp_path, monkeypatch):
    home = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    assert default_cache_dir() == home / "govkg"
    out = tmp_path / "out"
    code, _, err = run(["build", str(reports), "-o", str(out), "-q", "--no-html"])
    assert code == 0, err
    assert len(list((home / "govkg").rglob("*.json"))) == 2
    assert not list(out.rglob("*.json")) and not (out / ".govkg-cache").exists()
    assert stat.S_IMODE((home / "govkg").stat().st_mode) == 0o700
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec: only absolute paths count
    assert default_cache_dir() == default_cache_dir().home() / ".cache" / "govkg"


def test_stale_temporary_entries_are_removed(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    old, new = folder / ".entry-old.tmp", folder / ".entry-new.tmp"
    for p in (old, new):
        p.write_bytes(b"x" * 100)
    past = time.time() - 3 * 24 * 3600
    os.utime(old, (past, past))
    Cache(folder)
    assert not old.exists() and new.exists()  # a running build may still be writing the new one


def test_an_entry_is_checked_against_the_file_it_is_read_for(tmp_path, one_result):
    cache = Cache(tmp_path)
    key = "ab" * 32
    doc = one_result.document
    cache.put(key, one_result)
    assert cache.get(key, doc.id, doc.path, doc.sha256, None) == one_result
    assert cache.get(key, doc.id, doc.path, hashlib.sha256(b"other").hexdigest(), None) is None
    assert cache.get(key, doc.id, "elsewhere/" + doc.path, doc.sha256, None) is None
    assert cache.get(key, doc.id, doc.path, doc.sha256, {"year": 2020}) is None
    assert len(cache.warnings) == 3


# ------------------------------------------------------------------ signed entries (extract/cache.py Signer)

def _build_and_write(paths, cache, out, **kw):
    kg = build(paths, jobs=1, cache=cache, **kw)
    late: list[str] = []
    kg.write(out, html=True, store=False, warnings=late)
    return kg, late


def _outputs(out):
    return {n: (out / n).read_bytes() for n in ("graph.ttl", "graph.trig", "graph.html")}


def _refuse(*_):
    raise AssertionError("a signed part was checked field by field")


def test_a_signed_entry_is_read_without_the_field_by_field_checks(reports, tmp_path, monkeypatch):
    """The second build takes both reports' parts from their signed entries: check_part, check_view and
    the summary's digest are never called, and the outputs are the first build's bytes."""
    import govkg.extract.cache as cache_mod
    import govkg.extract.spool as spool_mod
    import govkg.graph.fragment as fragment
    import govkg.graph.parts as parts

    cache = tmp_path / "cache"
    _build_and_write([reports], cache, tmp_path / "first")
    for name in (ONE, TWO):
        assert entry_file(cache, reports / name).read_bytes().startswith(b'{"mac":"')
    monkeypatch.setattr(parts, "check_part", _refuse)
    monkeypatch.setattr(fragment, "check_view", _refuse)
    monkeypatch.setattr(cache_mod, "_digest_of", _refuse)
    monkeypatch.setattr(cache_mod, "decode_result", _refuse)  # the extraction is not read at all
    monkeypatch.setattr(spool_mod, "decode_result", _refuse)
    kg, late = _build_and_write([reports], cache, tmp_path / "again")
    assert kg.corpus.cached == 2 and kg.corpus.reports.spool.trusted == 2
    assert not late and not [w for w in kg.corpus.warnings if "cache entry" in w or "cache key" in w]
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "first")


def test_a_tampered_signed_entry_is_checked_in_full_and_its_part_made_again(reports, tmp_path):
    """TWO's part is given a statement that closes the graph's braces, its MAC left as it was: the MAC
    does not verify, check_part refuses the part, the build names the entry and makes the part again
    from the extraction; ONE's signed entry is still taken as written."""
    cache = tmp_path / "cache"
    _build_and_write([reports], cache, tmp_path / "first")
    f = entry_file(cache, reports / TWO)
    raw = f.read_bytes()
    at = raw.index(b'["t","') + len(b'["t","')
    f.write_bytes(raw[:at] + b"}\\n<x:y> <x:y> <x:y> .\\n" + raw[at:])  # the JSON stays valid
    assert json.loads(f.read_text(encoding="utf-8"))["mac"] == json.loads(raw)["mac"]
    kg, late = _build_and_write([reports], cache, tmp_path / "again")
    assert kg.corpus.cached == 2 and kg.corpus.reports.spool.trusted == 1
    assert len(late) == 1 and str(f.resolve()) in late[0] and "not statements as the writer writes them" in late[0]
    assert "made again from its extraction" in late[0]
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "first")


def test_an_entry_whose_mac_is_changed_is_checked_in_full(reports, tmp_path, monkeypatch):
    import govkg.graph.parts as parts

    cache = tmp_path / "cache"
    _build_and_write([reports], cache, tmp_path / "first")
    f = entry_file(cache, reports / ONE)
    raw = bytearray(f.read_bytes())
    raw[8] = ord("0") if raw[8] != ord("0") else ord("1")  # the MAC's first hex digit
    f.write_bytes(bytes(raw))
    checked = []
    monkeypatch.setattr(parts, "check_part", lambda data, real=parts.check_part: checked.append(1) or real(data))
    kg, late = _build_and_write([reports], cache, tmp_path / "again")
    assert checked == [1] and kg.corpus.reports.spool.trusted == 1 and kg.corpus.cached == 2 and not late
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "first")


def test_a_cache_signed_with_another_key_works_by_the_full_check(reports, tmp_path, monkeypatch):
    """A cache folder copied from another user (another key): every entry is used, each checked in full."""
    import govkg.graph.parts as parts

    cache = tmp_path / "cache"
    monkeypatch.setenv("GOVKG_CACHE_KEY", str(tmp_path / "theirs" / "cache-key"))
    _build_and_write([reports], cache, tmp_path / "first")
    monkeypatch.setenv("GOVKG_CACHE_KEY", str(tmp_path / "mine" / "cache-key"))
    checked = []
    monkeypatch.setattr(parts, "check_part", lambda data, real=parts.check_part: checked.append(1) or real(data))
    kg, late = _build_and_write([reports], cache, tmp_path / "again")
    assert kg.corpus.cached == 2 and kg.corpus.reports.spool.trusted == 0 and len(checked) == 2
    assert not late and not [w for w in kg.corpus.warnings if "cache entry" in w or "cache key" in w]
    assert (tmp_path / "theirs" / "cache-key").read_bytes() != (tmp_path / "mine" / "cache-key").read_bytes()
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "first")


def test_the_key_is_made_private_in_the_users_config_folder(tmp_path, monkeypatch):
    from govkg.extract.cache import default_key_path

    monkeypatch.delenv("GOVKG_CACHE_KEY")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert default_key_path() == tmp_path / "config" / "govkg" / "cache-key"
    cache = Cache(tmp_path / "cache")
    key = tmp_path / "config" / "govkg" / "cache-key"
    assert cache.signer.key is not None and not cache.warnings
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 and stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert len(key.read_text().strip()) == 64
    assert Cache(tmp_path / "cache").signer.key == cache.signer.key  # made once, then read


@pytest.mark.parametrize("how", ["readable by others", "not hexadecimal", "inside the cache folder", "a folder"])
def test_an_unusable_key_signs_nothing_and_every_entry_is_checked_in_full(reports, tmp_path, monkeypatch, how):
    import govkg.graph.parts as parts

    cache = tmp_path / "cache"
    _build_and_write([reports], cache, tmp_path / "first")  # signed with the session's key
    key = cache / "cache-key" if how == "inside the cache folder" else tmp_path / "key" / "cache-key"
    key.parent.mkdir(exist_ok=True)
    if how == "a folder":
        key.mkdir()
    else:
        key.write_text("zz" * 32 if how == "not hexadecimal" else "ab" * 32)
        key.chmod(0o644 if how == "readable by others" else 0o600)
    monkeypatch.setenv("GOVKG_CACHE_KEY", str(key))
    checked = []
    monkeypatch.setattr(parts, "check_part", lambda data, real=parts.check_part: checked.append(1) or real(data))
    kg, late = _build_and_write([reports], cache, tmp_path / "again")
    assert kg.corpus.cached == 2 and kg.corpus.reports.spool.trusted == 0 and len(checked) == 2
    assert [w for w in kg.corpus.warnings if str(key) in w and "checked in full" in w]
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "first")
    assert Cache(cache).signer.sign("x", b'{"a":1}') == b'{"a":1}'  # nothing signed without a key


def test_the_spools_own_parts_are_signed_with_a_key_of_the_process(reports, tmp_path, monkeypatch):
    """Without a cache the parts come back from the spool: signed with a key that no file holds, so not
    checked again, unless changed on disk (then checked in full, refused, made again and named)."""
    import govkg.graph.parts as parts

    first = build([reports], jobs=1)
    first.write(tmp_path / "first", store=False)
    assert first.corpus.reports.spool.trusted == 2
    kg = build([reports], jobs=1)
    spool = kg.corpus.reports.spool
    spooled = sorted(spool.folder.glob("*.extra.json"))
    assert len(spooled) == 2 and all(p.read_bytes().startswith(b'{"mac":"') for p in spooled)
    raw = spooled[0].read_bytes()
    at = raw.index(b'["t","') + len(b'["t","')
    spooled[0].write_bytes(raw[:at] + b"}\\n" + raw[at:])
    checked = []
    monkeypatch.setattr(parts, "check_part", lambda data, real=parts.check_part: checked.append(1) or real(data))
    late: list[str] = []
    kg.write(tmp_path / "again", store=False, warnings=late)
    assert len(checked) == 1 and spool.trusted == 1
    assert len(late) == 1 and str(spooled[0]) in late[0] and "made again" in late[0]
    assert _outputs(tmp_path / "again") == _outputs(tmp_path / "first")
