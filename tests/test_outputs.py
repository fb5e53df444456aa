"""A build's outputs come from one build: written into a generation folder and switched by one
rename, locked against a second build, left whole by interrupts, full disks and kill -9, with
no temporary files or worker processes left behind."""
import errno
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govkg.graph.export.generation import STATE, current_generation, hold, publish
from conftest import ROOT, SEEDS
from helpers import run

ONE, TWO = SEEDS / "000_18dbd27aeb4158ef.txt", SEEDS / "003_18b0c22b62e19c9c.txt"
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes, signals and links")


def snapshot(out: Path) -> dict:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def generations(out: Path) -> list[str]:
    return sorted(p.name for p in (out / STATE).iterdir() if p.name.startswith("gen-"))


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in (out / STATE).iterdir() if p.name.startswith("new-") or p.name.endswith(".link"))


@pytest.fixture
def built(tmp_path):
    out = tmp_path / "out"
    code, _, err = run(["build", str(ONE), "-o", str(out), "-q", "--no-cache"])
    assert code == 0, err
    return out


def test_the_outputs_are_links_into_one_generation(built):
    gen = current_generation(built)
    for name in OUTPUTS:
        assert (built / name).is_symlink()
        assert (built / name).resolve() == (built / STATE / gen / name).resolve()
    assert "000_18dbd27aeb4158ef" in (built / "graph.ttl").read_text(encoding="utf-8")


def _fail_html(monkeypatch, exc):
    import govkg.graph.api as api

    def boom(*a, **kw):
        raise exc

    monkeypatch.setattr(api, "write_html", boom)  # the page of a graph at hand
    monkeypatch.setattr(api, "write_page", boom)  # the page folded from the workers' views


@pytest.mark.parametrize("exc, code, said", [
    (OSError(errno.ENOSPC, "No space left on device"), 2, "No space left on device"),
    (KeyboardInterrupt(), 130, "interrupted"),
])
def test_a_failure_in_the_html_stage_leaves_the_previous_set(built, monkeypatch, exc, code, said):
    before = snapshot(built)
    _fail_html(monkeypatch, exc)
    got, _, err = run(["build", str(TWO), "-o", str(built), "-q", "--no-cache"])
    assert got == code
    assert snapshot(built) == before  # graph.ttl and graph.trig too, not only graph.html
    assert said in err and f"nothing of this build was kept, and {built} is as it was" in err
    assert leftovers(built) == [] and len(generations(built)) == 1


def test_the_message_says_when_the_new_outputs_were_complete(built, monkeypatch):
    import govkg.graph.export.generation as generation

    real = generation._prune

    def prune_then_interrupt(*a, **kw):  # Ctrl-C after the switch
        real(*a, **kw)
        raise KeyboardInterrupt

    monkeypatch.setattr(generation, "_prune", prune_then_interrupt)
    code, _, err = run(["build", str(TWO), "-o", str(built), "-q", "--no-cache"])
    assert code == 130 and "this build's outputs were complete" in err
    assert "003_18b0c22b62e19c9c" in (built / "graph.trig").read_text(encoding="utf-8")


def _govkg(*args, **kw):
    return subprocess.Popen([sys.executable, "-m", "govkg.graph.cli", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, **kw)


def test_kill_9_while_writing_leaves_the_previous_set_and_the_next_build_cleans_up(built):
    before = snapshot(built)
    proc = _govkg("build", str(TWO), "-o", str(built), "-q", "--no-cache")
    deadline = time.monotonic() + 120
    while not any((p / "graph.ttl").exists() for p in (built / STATE).glob("new-*")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build ended before it was killed"
        time.sleep(0.01)
    proc.kill()
    proc.wait(30)
    assert snapshot(built) == before
    assert leftovers(built)  # what the killed build left
    code, _, err = run(["build", str(TWO), "-o", str(built), "-q", "--no-cache"])  # its lock died with it
    assert code == 0, err
    assert leftovers(built) == []
    assert "003_18b0c22b62e19c9c" in (built / "graph.html").read_text(encoding="utf-8")


def test_a_worker_forked_while_the_folder_is_locked_does_not_keep_the_lock(tmp_path):
    """A forked worker inherits the build's open files; it closes its copy of the output lock, so a
    build killed with its workers still alive (they end within half a second) leaves the folder free."""
    import fcntl

    from govkg.extract import executor
    from govkg.graph.export.generation import OutputLock

    out = tmp_path / "out"
    (out / STATE).mkdir(parents=True)  # a folder built before: its lock file stays
    with OutputLock(out):
        pool = executor._pool(1)
        pool.submit(time.sleep, 0).result(60)  # the worker is up, forked while the lock was held
    try:
        fd = os.open(out / STATE / "lock", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError if the worker held it
        finally:
            os.close(fd)
    finally:
        pool.shutdown()


def test_a_second_build_into_the_same_folder_is_refused(built):
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\n"
                               "from govkg.graph.export.generation import OutputLock\n"
                               "with OutputLock(sys.argv[1]):\n    print('locked', flush=True); time.sleep(60)\n",
                               str(built)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        before = snapshot(built)
        code, _, err = run(["build", str(TWO), "-o", str(built), "-q", "--no-cache"])
        assert code == 2
        assert f"another govkg build (pid {holder.pid}, since" in err and "-o" in err
        assert snapshot(built) == before
    finally:
        holder.kill()
        holder.wait(10)
    assert run(["build", str(TWO), "-o", str(built), "-q", "--no-cache"])[0] == 0


def test_old_generations_are_removed_unless_a_reader_holds_them(built, tmp_path):
    first = built / STATE / current_generation(built)
    held = hold(first / "graph.trig")
    try:
        for _ in range(3):
            with publish(built) as stage:
                (stage / "graph.ttl").write_text("x", encoding="utf-8")
        assert first.is_dir()  # held by a reader (govkg serve)
        assert len(generations(built)) == 3
    finally:
        os.close(held)
    with publish(built) as stage:
        (stage / "graph.ttl").write_text("y", encoding="utf-8")
    assert len(generations(built)) == 2 and not first.exists()
    assert not (built / "graph.html").exists() and not (built / "graph.html").is_symlink()  # not in this build


def test_loose_temporary_files_of_older_builds_are_removed(built):
    old, new = built / ".graph.ttl.abcd1234.tmp", built / ".graph.trig.efgh5678.tmp"
    for p in (old, new):
        p.write_bytes(b"x" * 1000)
    past = time.time() - 3600
    os.utime(old, (past, past))
    assert run(["build", str(TWO), "-o", str(built), "-q", "--no-cache"])[0] == 0
    assert not old.exists() and new.exists()  # a running `govkg export` may still be writing the new one


def test_a_build_that_writes_nothing_leaves_no_folder(tmp_path):
    code, _, err = run(["build", str(tmp_path / "missing"), "-o", str(tmp_path / "o")])
    assert code == 2 and not (tmp_path / "o").exists()


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for p in pids:
        try:
            state = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(p)
    return alive


def _big_reports(folder: Path, n: int) -> None:
    """Reports that take a worker many seconds each."""
    folder.mkdir()
    text = (SEEDS / "004_f7d3045b65ec1e49.txt").read_text(encoding="utf-8")
    for i in range(n):  # different texts: the same report twice is built once
        (folder / f"big{i}.txt").write_text(f"第{i}份\n" + text * 150, encoding="utf-8")


def _end_of(workers: list[int], what: str) -> None:
    deadline = time.monotonic() + 5
    while _alive(workers):
        assert time.monotonic() < deadline, f"{what} {_alive(workers)} outlived their parent"
        time.sleep(0.1)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_busy_extraction_workers_end_when_the_build_is_killed(tmp_path):
    _big_reports(tmp_path / "in", 2)
    proc = _govkg("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q", "--no-cache", "--jobs", "2")
    deadline = time.monotonic() + 120
    while len(_children(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(2.0)  # both are extracting now
    workers = _children(proc.pid)
    proc.kill()
    proc.wait(30)
    _end_of(workers, "extraction workers")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_busy_query_workers_end_when_the_server_is_killed(tmp_path):
    import threading
    import urllib.parse
    import urllib.request

    (tmp_path / "graph.trig").write_text("<urn:g> { <urn:a> <urn:b> <urn:c>, <urn:d> . <urn:e> <urn:b> <urn:c> }\n",
                                         encoding="utf-8")
    proc = _govkg("serve", "-g", str(tmp_path), "--port", "0", "--workers", "1", "--engine", "rdflib", "-q",
                  "--timeout", "600")
    try:
        line = proc.stdout.readline().decode()
        assert "serving" in line, proc.stderr.read().decode()
        base = line.split("SPARQL ", 1)[1].split()[0]
        slow = "SELECT (COUNT(*) AS ?n) WHERE { " + " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(14)) + " }"

        def ask():
            try:
                urllib.request.urlopen(f"{base}?" + urllib.parse.urlencode({"query": slow}), timeout=60).read()
            except OSError:
                pass

        threading.Thread(target=ask, daemon=True).start()
        time.sleep(1.5)  # the worker is running the query
        workers = _children(proc.pid)
        assert workers
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    _end_of(workers, "query workers")


def test_the_api_writes_a_generation_and_returns_the_public_paths(tmp_path, seed_kg):
    from govkg.graph.export.store import available

    paths = seed_kg.write(tmp_path, html=False)
    store = [tmp_path / "graph.oxigraph"] if available() else []  # the on-disk store, with pyoxigraph
    assert paths == [tmp_path / "graph.ttl", tmp_path / "graph.trig", tmp_path / "void.ttl", *store]
    assert all(p.is_symlink() and p.is_file() for p in paths[:3]) and all(p.is_dir() for p in store)


def test_a_build_into_a_new_folder_under_a_linked_parent_locks_it_once(tmp_path):
    # the lock is re-entrant by the folder's resolved path: a folder the build makes, under a
    # parent that is a symbolic link, once named the link's path and once the target's, and the
    # build then refused itself ("another govkg build (pid <its own>) is writing to this folder")
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real, target_is_directory=True)
    out = tmp_path / "link" / "new" / "out"
    code, _, err = run(["build", str(ONE), "-o", str(out), "-q", "--no-cache"])
    assert code == 0, err
    assert (real / "new" / "out" / "graph.ttl").is_file()
