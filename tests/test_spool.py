"""A build keeps its extraction results on disk until it writes them (extract/spool.py), so memory
does not grow with the number of reports; what it reads back is what was extracted."""
import gc
import stat
from pathlib import Path

import pytest

from govkg.extract.errors import GovkgError
from govkg.extract.executor import extract_task, Task
from govkg.extract.pipeline import run
from govkg.extract.spool import ReportSpool, SpooledReports
from conftest import SEEDS


@pytest.fixture(scope="module")
def corpus():
    return run([SEEDS])


def test_a_build_holds_summaries_and_reads_each_result_back(corpus):
    assert isinstance(corpus.reports, SpooledReports)
    assert [r.id for r in corpus.reports.refs] == sorted(f.stem for f in SEEDS.glob("*.txt"))
    assert all(r.entities and not any(e.mentions for e in r.entities) for r in corpus.reports.refs)
    f = sorted(SEEDS.glob("*.txt"))[1]
    fresh = extract_task(Task(str(f), f.read_bytes())).value
    assert corpus.reports[1] == fresh  # the spooled result decodes to the very result extracted


def test_the_summaries_give_the_merged_entities_of_the_results(corpus):
    from govkg.extract.pipeline import merge_entities

    whole = merge_entities(list(corpus.reports))
    assert {k: (e.label, e.cls, e.aliases, e.code, e.parent) for k, e in whole.items()} == \
        {k: (e.label, e.cls, e.aliases, e.code, e.parent) for k, e in corpus.entities.items()}


def test_the_spool_is_private_and_removed_with_its_corpus():
    c = run([sorted(SEEDS.glob("*.txt"))[0]])
    folder = c.reports.spool.folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert [p.name for p in folder.iterdir() if p.name != ".lock"] and len(list(folder.iterdir())) <= 2
    del c
    gc.collect()
    assert not folder.exists()


def test_a_spool_file_spoilt_or_gone_is_named_with_its_report(tmp_path):
    f = sorted(SEEDS.glob("*.txt"))[0]
    spool = ReportSpool(tmp_path)
    ref = spool.put(extract_task(Task(str(f), f.read_bytes())).value)
    (spool.folder / ref.file).write_text('[1, "a"]', encoding="utf-8")
    with pytest.raises(GovkgError, match=f"{f.name}.*spooled to .*does not decode"):
        spool.get(ref)
    (spool.folder / ref.file).unlink()
    with pytest.raises(GovkgError, match=f"{f.name}.*spooled to .*is gone"):
        spool.get(ref)
    spool.close()
    assert not spool.folder.exists()


def test_spools_that_killed_builds_left_are_removed_by_the_next_build(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    code = ("import sys, time; from govkg.extract.spool import ReportSpool; s = ReportSpool(sys.argv[1]); "
            "print(s.folder, flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    left = Path(proc.stdout.readline().strip())
    (left / "0000001.json").write_text("[]", encoding="utf-8")
    live = ReportSpool(tmp_path)  # the other build still runs: its spool is kept
    assert left.exists()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert left.exists()  # kill -9: nothing removed it
    again = ReportSpool(tmp_path)
    assert not left.exists() and live.folder.exists() and again.folder.exists()
    live.close()
    again.close()
