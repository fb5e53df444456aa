import re

from govkg.graph.export.atomic import write_atomic
from helpers import run


def test_build_seeds(tmp_path):
    from conftest import SEEDS
    code, out, err = run(["build", str(SEEDS), "-o", str(tmp_path)])
    assert code == 0, err
    assert out.startswith("read 5 report(s), 0 failed")
    assert (tmp_path / "graph.ttl").stat().st_size > 1000
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_unreadable_file_is_named_and_others_built(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("南沙区今年以来的成绩\n加快建设明珠湾大桥。", encoding="utf-8")
    (tmp_path / "in" / "bad.txt").write_bytes(bytes(range(256)) * 10)
    code, out, err = run(["build", str(tmp_path / "in"), "-o", str(tmp_path / "out")])
    assert code == 1
    assert re.search(r"govkg: error: .*bad\.txt: .*binary file", err)
    assert "明珠湾大桥" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_nothing_readable_exits_2(tmp_path):
    code, out, err = run(["build", str(tmp_path / "nothing"), "-o", str(tmp_path / "o")])
    assert code == 2
    assert "no such file or folder" in err and not (tmp_path / "o").exists()


def test_bad_manifest_is_an_error(tmp_path):
    m = tmp_path / "m.json"
    m.write_text("{not json", encoding="utf-8")
    code, out, err = run(["build", "seeds", "--manifest", str(m), "-o", str(tmp_path)])
    assert code == 2 and "m.json: not valid JSON" in err


def test_usage_error_exit_code():
    code, out, err = run(["frobnicate"])
    assert code == 2


def test_interrupted_write_leaves_previous_output(tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")

    class Boom(Exception):
        pass

    import os
    real = os.fsync

    def fail(fd):
        raise Boom()

    monkeypatch.setattr(os, "fsync", fail)
    try:
        write_atomic(target, "new content")
    except Boom:
        pass
    monkeypatch.setattr(os, "fsync", real)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_a_users_own_modules_do_not_shadow_govkg(tmp_path):
    # govkg installs as one namespace: a graph.py, extract.py or ontology.py in the working folder
    # (or a PyPI distribution of that name) cannot take the place of its packages
    import subprocess
    import sys
    for name in ("graph", "extract", "ontology"):
        (tmp_path / f"{name}.py").write_text("raise SystemExit('shadowed')\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-c", "from govkg.graph.api import build; print('ok')"],
                         cwd=tmp_path, capture_output=True, text=True)
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr
