"""govkg benchmark: build speed against plain jieba.lcut, peak memory, time per stage, queries.

    .venv/bin/python bench/run.py                  # the real corpus (6.5 MB) and it repeated to 50 MB
    .venv/bin/python bench/run.py --quick          # a smoke test: 12 real reports, and them twice
    .venv/bin/python bench/run.py --corpora-off --single-mb 10 20 100   # one huge report of each size

Two corpora, made once under bench/corpus/ (fixed: the same arguments give the
same files):

- ``real-<digest>``: the reports of ``../shared/corpus`` (148 real reports, 6.5 MB), copied
  (the rebuild measurement changes a file, and the shared folder is read-only);
- ``real-<digest>-xN``: that corpus N times over, to about ``--repeat-mb`` megabytes (50),
  each copy under its own ids (``r03_city_130600_2006.txt``), every copy after the
  first with one line of its own appended, so that the build's duplicate
  detection (the same bytes, or the same text, is built once) keeps them all.

Without ``../shared`` the generated corpus stands in for both: reports assembled
from the seeds' sentences with a seeded random generator, each headed by a
different county-level area and year, with their figures varied, until the
corpus holds the asked megabytes.

For each corpus, from one run on this machine, each in a fresh process: plain
``jieba.lcut`` over the same files (the floor for a jieba-based pipeline),
``govkg build --jobs 1 --no-cache`` (one process), ``govkg build --jobs 2`` into
an empty cache (cold: every report extracted), and a rebuild after one file
changed (that cache: one report extracted).  Speeds are characters per second;
the ratio is build time over lcut time; the speed-up is the one-job time over
the two-job time; memory is the peak resident set of the largest process of the
build (``ru_maxrss`` of the finished process tree, from the kernel).  On the
largest corpus, ``govkg serve`` is started on the two-job build (time until
``/health`` answers) and each saved query is asked ``--query-runs`` times
(p50 of the time to the answer over HTTP).  The last table holds the targets of
issue 14 against what was measured.

``--single-mb``: one report of each size (seed sentences pasted into one file, as a
year of reports pasted together would be), built in a fresh process with one job:
time, peak memory, and the time over the previous size's time (linear: the size
ratio).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm")

LCUT = r"""
import json, sys, time, jieba, logging
logging.getLogger("jieba").setLevel(logging.WARNING)
from pathlib import Path
t = time.perf_counter(); jieba.initialize(); init = time.perf_counter() - t
files = sorted(Path(sys.argv[1]).rglob("*.txt"))
t = time.perf_counter(); c = time.process_time(); chars = 0
for f in files:
    text = f.read_text(encoding="utf-8")
    chars += len(text)
    jieba.lcut(text)
print(json.dumps({"init": init, "seconds": time.perf_counter() - t, "cpu": time.process_time() - c, "chars": chars,
                  "files": len(files)}))
"""


def _reports(folder: Path) -> list[Path]:
    return sorted(f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES)


def _fill(target: Path, make) -> Path:
    """``target`` made by ``make(tmp folder)`` once (atomically: a half-made corpus is never used)."""
    if target.is_dir():
        return target
    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    make(tmp)
    tmp.rename(target)
    return target


def real_corpus(source: Path = SHARED_CORPUS, limit: int | None = None) -> Path:
    """The real reports copied under bench/corpus (``limit``: only the first so many), in a
    folder named after what it holds (the files' names and sizes): another ``--corpus`` or
    ``limit`` makes another copy, never reuses one made from other reports."""
    files = _reports(source)[:limit]
    listing = "".join(f"{f.name}\t{f.stat().st_size}\n" for f in files)
    name = "real-" + hashlib.sha256(listing.encode("utf-8")).hexdigest()[:10]

    def make(tmp: Path) -> None:
        for f in files:
            shutil.copyfile(f, tmp / f.name)

    return _fill(CORPUS / name, make)


def repeated_corpus(base: Path, megabytes: float | None = None, copies: int | None = None) -> Path:
    """``base`` repeated to about ``megabytes`` (or ``copies`` times): copy k under the ids
    ``rKK_<id>``; each copy after the first has a line of its own appended, so that no two
    files hold the same text (the build would build such a report once)."""
    files = _reports(base)
    size = sum(f.stat().st_size for f in files)
    n = copies if copies is not None else max(1, round(megabytes * 1e6 / size))

    def make(tmp: Path) -> None:
        for k in range(n):
            for f in files:
                data = f.read_bytes()
                if k:
                    data += f"\n\n（本文件为基准测试的第{k}份副本。）\n".encode("utf-8")
                (tmp / f"r{k:02d}_{f.name}").write_bytes(data)

    return _fill(CORPUS / f"{base.name}-x{n}", make)


def _areas() -> list[str]:
    from govkg.extract.gazetteer import gazetteer

    gz = gazetteer()
    return sorted(d.name for d in gz.by_code.values() if d.cls == "District")


def generated_corpus(megabytes: float, seed: int = 20261124) -> Path:
    """Reports made of the seeds' sentences, headed by a random area and year, figures varied."""
    from govkg.extract.reader import read_file

    target = CORPUS / f"generated-{megabytes:g}mb"
    if target.is_dir():
        return target
    rng = random.Random(seed)
    sentences = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        doc = read_file(f)
        sentences += [s.text for s in doc.sentences[5:] if len(s.text) > 8]
    areas = _areas()
    tmp = target.with_suffix(".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    budget, i = int(megabytes * 1_000_000), 0
    while budget > 0:
        area, year = rng.choice(areas), rng.randint(2012, 2025)
        body = [rng.choice(sentences) for _ in range(rng.randint(150, 450))]
        body = [re.sub(r"\d+(\.\d+)?", lambda m: f"{rng.uniform(0.1, 999):.{rng.choice((0, 1, 2))}f}", s) for s in body]
        paras, k = [], 0
        while k < len(body):
            n = rng.randint(2, 8)
            paras.append("".join(body[k:k + n]))
            k += n
        text = f"{area}{year}年政府工作报告\n\n各位代表：\n\n现在，我代表{area}人民政府，向大会报告工作。\n\n" + "\n\n".join(paras) + "\n"
        data = text.encode("utf-8")
        (tmp / f"gen{i:05d}.txt").write_bytes(data)
        budget -= len(data)
        i += 1
    tmp.rename(target)
    return target


def single_report(megabytes: float, seed: int = 20261124) -> Path:
    """One report of ``megabytes``: a year of reports pasted into one file (seed sentences, one area)."""
    from govkg.extract.reader import read_file

    target = CORPUS / f"single-{megabytes:g}mb" / f"single-{megabytes:g}mb.txt"
    if target.is_file():
        return target
    rng = random.Random(seed)
    sentences = []
    for f in sorted((ROOT / "seeds").glob("*.txt")):
        sentences += [s.text for s in read_file(f).sentences[5:] if len(s.text) > 8]
    area = rng.choice(_areas())
    budget = int(megabytes * 1_000_000)
    parts = [f"{area}2023年政府工作报告\n\n各位代表：\n\n"]
    size = len(parts[0].encode("utf-8"))
    while size < budget:
        para = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 8)))
        para = re.sub(r"\d+(\.\d+)?", lambda m: f"{rng.uniform(0.1, 999):.{rng.choice((0, 1, 2))}f}", para) + "\n\n"
        parts.append(para)
        size += len(para.encode("utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text("".join(parts), encoding="utf-8")
    tmp.rename(target)
    return target


def bench_single(sizes: list[float]) -> list[dict]:
    """Build one report of each size in a fresh process: time, peak memory, seconds per stage."""
    rows = []
    for mb in sizes:
        f = single_report(mb)
        out = CORPUS / "out" / f.parent.name
        shutil.rmtree(out, ignore_errors=True)
        print(f"bench: {f.name} ...", file=sys.stderr, flush=True)
        data = _measure([sys.executable, "-m", "govkg.graph.cli", "build", str(f), "-q", "--timings",
                         "--no-cache", "--jobs", "1", "-o", str(out)])
        rows.append({"file": f.name, "mb": f.stat().st_size / 1e6, "chars": len(f.read_text(encoding="utf-8")),
                     "build_s": data["wall"], "cpu_s": data["cpu"], "peak_mb": data["peak"],
                     "stages": _stages(data["err"])})
    return rows


def single_table(rows: list[dict]) -> str:
    lines = ["| one report | MB | chars | build (wall) | CPU | peak RSS | CPU s per MB | wall / previous "
             "| CPU / previous | size / previous |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    prev = None
    for r in rows:
        wall = f"{r['build_s'] / prev['build_s']:.2f}" if prev else ""
        cpu = f"{r['cpu_s'] / prev['cpu_s']:.2f}" if prev else ""
        grow = f"{r['mb'] / prev['mb']:.2f}" if prev else ""
        lines.append(f"| {r['file']} | {r['mb']:.1f} | {r['chars']:,} | {r['build_s']:.0f} s | {r['cpu_s']:.0f} s "
                     f"| {r['peak_mb']} MB | {r['cpu_s'] / r['mb']:.1f} | {wall} | {cpu} | {grow} |")
        prev = r
    stages = [s for s in ("read", "segment", "recognize", "resolve", "relate", "assemble", "serialize", "merge", "html")
              if any(s in r["stages"] for r in rows)]
    lines += ["", "| one report | " + " | ".join(stages) + " |", "|---|" + "---:|" * len(stages)]
    for r in rows:
        lines.append(f"| {r['file']} | " + " | ".join(f"{r['stages'].get(s, 0):.1f}" for s in stages) + " |")
    return "\n".join(lines)


def _stages(err: str) -> dict[str, float]:
    found = {}
    for line in err.splitlines():
        m = re.fullmatch(r"\s+(\w+)\s+([\d.]+)", line)
        if m:
            found[m.group(1)] = float(m.group(2))
    return found


def _measure(cmd: list[str]) -> dict:
    """wall and CPU seconds, peak RSS (MB, of the largest process), output of ``cmd``, run in a
    fresh helper process so that each measurement's peak is its own."""
    helper = ("import json,subprocess,sys,time,resource;t=time.perf_counter();"
              "p=subprocess.run(sys.argv[1:],capture_output=True,text=True);"
              "w=time.perf_counter()-t;u=resource.getrusage(resource.RUSAGE_CHILDREN);"
              "print(json.dumps({'wall':w,'cpu':u.ru_utime+u.ru_stime,'peak':u.ru_maxrss//1024,'rc':p.returncode,"
              "'out':p.stdout,'err':p.stderr}))")
    res = subprocess.run([sys.executable, "-c", helper, *cmd], cwd=ROOT, capture_output=True, text=True)
    data = json.loads(res.stdout)
    if data["rc"] not in (0, 1):
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({data['rc']}):\n{data['err'][-2000:]}")
    return data


GOVKG = [sys.executable, "-m", "govkg.graph.cli"]
EXTRACT_STAGES = ("load", "read", "segment", "recognize", "metadata", "resolve", "relate")


def _say(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def bench(corpus: Path, jobs: int = 2) -> dict:
    """lcut, a one-job and a ``jobs``-job build, and a rebuild after one file changed, of ``corpus``."""
    out = CORPUS / "out" / corpus.name
    shutil.rmtree(out, ignore_errors=True)
    _say(f"{corpus.name}: jieba.lcut ...")
    data = _measure([sys.executable, "-c", LCUT, str(corpus)])
    lcut = json.loads(data["out"])
    build = [*GOVKG, "build", str(corpus), "-q", "--timings"]
    _say(f"{corpus.name}: build, 1 job ...")
    one = _measure([*build, "-o", str(out / "j1"), "--jobs", "1", "--no-cache"])
    _say(f"{corpus.name}: build, {jobs} jobs ...")
    cache = out / "cache"  # empty: the build extracts every report, and fills it for the rebuild
    many = _measure([*build, "-o", str(out / "jN"), "--jobs", str(jobs), "--cache", str(cache)])
    same = all((out / "j1" / n).read_bytes() == (out / "jN" / n).read_bytes() for n in ("graph.ttl", "graph.trig"))
    first = _reports(corpus)[0]
    original = first.read_bytes()
    _say(f"{corpus.name}: rebuild after {first.name} changed ...")
    try:
        first.write_bytes(original + "\n本区新建学校1所。\n".encode("utf-8"))
        again = _measure([*build, "-o", str(out / "jN"), "--jobs", str(jobs), "--cache", str(cache)])
        _say(f"{corpus.name}: rebuild after {first.name} changed again, without the store ...")
        first.write_bytes(original + "\n本区新建学校2所。\n".encode("utf-8"))
        bare = _measure([*build, "-o", str(out / "jR"), "--jobs", str(jobs), "--cache", str(cache), "--no-store"])
    finally:
        first.write_bytes(original)
    stages = _stages(one["err"])
    return {
        "corpus": corpus.name, "files": lcut["files"], "chars": lcut["chars"],
        "mb": sum(f.stat().st_size for f in _reports(corpus)) / 1e6,
        "lcut_s": lcut["seconds"], "lcut_init_s": lcut["init"], "lcut_peak_mb": data["peak"],
        "build1_s": one["wall"], "build1_cpu_s": one["cpu"], "build1_peak_mb": one["peak"],
        "buildN_s": many["wall"], "buildN_cpu_s": many["cpu"], "buildN_peak_mb": many["peak"], "jobs": jobs,
        "rebuild_one_changed_s": again["wall"], "rebuild_peak_mb": again["peak"],
        "rebuild_no_store_s": bare["wall"], "stages_rebuild_no_store": _stages(bare["err"]),
        # CPU seconds (of the process tree; lcut's own, after jieba's start-up): on a machine shared
        # with other work the wall times follow the load, these do not
        "lcut_cpu_s": lcut.get("cpu"), "rebuild_cpu_s": again["cpu"], "rebuild_no_store_cpu_s": bare["cpu"],
        "same_bytes_jobs_1_and_N": same, "stages": stages, "stagesN": _stages(many["err"]),
        "stages_rebuild": _stages(again["err"]),
        "extract_s": sum(v for k, v in stages.items() if k in EXTRACT_STAGES),
        "build": str(out / "jN"),
    }


def bench_queries(build: Path, runs: int = 5, workers: int = 2) -> dict:
    """``govkg serve`` on ``build``: seconds until /health answers, and each saved query's p50."""
    from govkg.graph.saved import saved_queries

    proc = subprocess.Popen([*GOVKG, "serve", "-g", str(build), "--port", "0", "-q", "--workers", str(workers),
                             "--timeout", "300"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    start = time.perf_counter()
    try:
        line = proc.stdout.readline()
        m = re.search(r"with (\w+): explorer http://([^/]+)/", line)
        if not m:
            raise SystemExit(f"bench: govkg serve did not start: {line}{proc.stderr.read()[-2000:]}")
        engine, base = m.group(1), f"http://{m.group(2)}"
        while True:
            try:
                with urllib.request.urlopen(f"{base}/health", timeout=60) as res:
                    if res.status == 200:
                        break
            except OSError:
                time.sleep(0.05)
        started = time.perf_counter() - start
        times: dict[str, list[float]] = {}
        rows: dict[str, int] = {}
        for q in saved_queries().values():
            body = urllib.parse.urlencode({"query": q.render()}).encode()
            for _ in range(runs):
                t = time.perf_counter()
                req = urllib.request.Request(f"{base}/sparql", data=body, headers={
                    "Accept": "application/sparql-results+json, text/turtle",
                    "Content-Type": "application/x-www-form-urlencoded"})
                with urllib.request.urlopen(req, timeout=600) as res:
                    payload = res.read()
                times.setdefault(q.name, []).append(time.perf_counter() - t)
            try:
                rows[q.name] = len(json.loads(payload)["results"]["bindings"])
            except (ValueError, KeyError):
                rows[q.name] = -1
    finally:
        proc.terminate()
        proc.wait(30)
    return {"engine": engine, "serve_start_s": started, "runs": runs,
            "p50_ms": {k: statistics.median(v) * 1000 for k, v in times.items()}, "rows": rows}


def table(rows: list[dict]) -> str:
    jobs = rows[0]["jobs"]
    lines = [f"| corpus | files | MB | chars | jieba.lcut chars/s | build chars/s, 1 job | build/lcut, 1 job "
             f"| build chars/s, {jobs} jobs | build/lcut, {jobs} jobs | speed-up 1→{jobs} | rebuild, 1 changed "
             f"| rebuild / full | rebuild --no-store / full | peak RSS, 1 job | peak RSS, {jobs} jobs | same bytes |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['files']} | {r['mb']:.1f} | {r['chars']:,} | {r['chars'] / r['lcut_s']:,.0f} "
            f"| {r['chars'] / r['build1_s']:,.0f} | {r['build1_s'] / r['lcut_s']:.1f} "
            f"| {r['chars'] / r['buildN_s']:,.0f} | {r['buildN_s'] / r['lcut_s']:.1f} | {r['build1_s'] / r['buildN_s']:.2f} "
            f"| {r['rebuild_one_changed_s']:.1f} s | {r['rebuild_one_changed_s'] / r['buildN_s']:.0%} "
            f"| {r['rebuild_no_store_s'] / r['buildN_s']:.0%} "
            f"| {r['build1_peak_mb']} MB | {r['buildN_peak_mb']} MB | {'yes' if r['same_bytes_jobs_1_and_N'] else 'NO'} |")
    lines += ["", "By CPU seconds (the process tree's user + system time; lcut's own), which the load of other "
              "work does not inflate:", "",
              f"| corpus | jieba.lcut CPU | build CPU, 1 job | build/lcut CPU, 1 job | build CPU, {jobs} jobs "
              f"| build/lcut CPU, {jobs} jobs | rebuild CPU, 1 changed | rebuild / full CPU | rebuild --no-store CPU |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lc, rb, bare = r.get("lcut_cpu_s"), r.get("rebuild_cpu_s"), r.get("rebuild_no_store_cpu_s")
        one, many = r["build1_cpu_s"], r["buildN_cpu_s"]
        lines.append(f"| {r['corpus']} | {_cpu(lc)} | {_cpu(one)} | {_ratio(one, lc)} | {_cpu(many)} "
                     f"| {_ratio(many, lc)} | {_cpu(rb)} | {f'{rb / many:.0%}' if rb and many else ''} | {_cpu(bare)} |")
    stages = [s for s in ("load", "read", "segment", "recognize", "metadata", "resolve", "relate", "assemble",
                          "serialize", "merge", "store", "html") if any(s in r["stages"] for r in rows)]
    lines += ["", "Seconds per stage, one job (`--timings`; lcut and the wall time beside them):", "",
              "| corpus | " + " | ".join(stages) + " | wall | lcut |", "|---|" + "---:|" * (len(stages) + 2)]
    for r in rows:
        lines.append(f"| {r['corpus']} | " + " | ".join(f"{r['stages'].get(s, 0):.1f}" for s in stages)
                     + f" | {r['build1_s']:.1f} | {r['lcut_s']:.1f} |")
    return "\n".join(lines)


def _cpu(x: float | None) -> str:
    return f"{x:.1f} s" if x else ""


def _ratio(x: float | None, of: float | None) -> str:
    return f"{x / of:.1f}" if x and of else ""


def query_table(q: dict, corpus: str) -> str:
    lines = [f"`govkg serve` on {corpus} ({q['engine']} engine): started in {q['serve_start_s']:.1f} s "
             f"(until /health answers). Saved queries, p50 of {q['runs']} runs over HTTP:", "",
             "| query | rows | p50 |", "|---|---:|---:|"]
    for name, ms in q["p50_ms"].items():
        lines.append(f"| {name} | {q['rows'].get(name, '')} | {ms:.0f} ms |")
    return "\n".join(lines)


def targets(rows: list[dict], q: dict | None) -> str:
    """The targets of issue 14 against what was measured (on the largest corpus, and its peak against
    the smallest's)."""
    small, big = rows[0], rows[-1]
    one = len(rows) < 2  # only one corpus measured: the memory ratio cannot be told
    checks = [
        ("one job at most 3× jieba.lcut", f"{big['build1_s'] / big['lcut_s']:.1f}×"
         + (f" ({big['build1_cpu_s'] / big['lcut_cpu_s']:.1f}× by CPU)" if big.get("lcut_cpu_s") else ""),
         big["build1_s"] <= 3 * big["lcut_s"]),
        ("two jobs at least 1.7× faster than one", f"{big['build1_s'] / big['buildN_s']:.2f}×",
         big["build1_s"] >= 1.7 * big["buildN_s"]),
        ("peak RSS under 1 GB on the largest corpus", f"{max(big['build1_peak_mb'], big['buildN_peak_mb'])} MB",
         max(big["build1_peak_mb"], big["buildN_peak_mb"]) < 1000),
        ("peak RSS under 1.3× that of the smallest corpus",
         "one corpus only" if one else f"{big['build1_peak_mb'] / small['build1_peak_mb']:.2f}× (1 job)",
         None if one else big["build1_peak_mb"] < 1.3 * small["build1_peak_mb"]),
        ("a rebuild after one change under 10% of the full build",
         f"{big['rebuild_one_changed_s'] / big['buildN_s']:.0%}", big["rebuild_one_changed_s"] < 0.1 * big["buildN_s"]),
        ("the same, without the store (build --no-store)",
         f"{big['rebuild_no_store_s'] / big['buildN_s']:.0%}", big["rebuild_no_store_s"] < 0.1 * big["buildN_s"]),
    ]
    if q is not None:
        worst = max(q["p50_ms"].values()) if q["p50_ms"] else 0
        checks += [("saved queries under 200 ms p50 each", f"slowest {worst:.0f} ms", worst < 200),
                   ("govkg serve starts in under 10 s", f"{q['serve_start_s']:.1f} s", q["serve_start_s"] < 10)]
    lines = [f"Targets (issue 14), on {big['corpus']} ({big['mb']:.1f} MB):", "", "| target | measured | met |",
             "|---|---:|---|"]
    lines += [f"| {name} | {value} | {'not measured' if ok is None else 'yes' if ok else 'no'} |"
              for name, value, ok in checks]
    return "\n".join(lines)


def corpora(quick: bool, repeat_mb: float, source: Path = SHARED_CORPUS) -> list[Path]:
    """The corpora to measure: the real one and it repeated (or the generated fallback)."""
    if quick:
        base = real_corpus(source, limit=12) if source.is_dir() else seeds_corpus(1)
        return [base, repeated_corpus(base, copies=2)]
    if source.is_dir():
        base = real_corpus(source)
        found = [base]
        if repeat_mb > 0:
            found.append(repeated_corpus(base, repeat_mb))
        return found
    _say(f"{source} is not there: measuring the generated corpus instead")
    found = [generated_corpus(6.5)]
    if repeat_mb > 0:
        found.append(generated_corpus(repeat_mb))
    return found


def seeds_corpus(copies: int) -> Path:
    """The seed reports copied ``copies`` times under distinct ids (the quick fallback)."""
    return repeated_corpus(ROOT / "seeds", copies=copies)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true",
                    help="a smoke test: 12 real reports (or the seeds) and them twice, 1 query run")
    ap.add_argument("--corpus", type=Path, default=SHARED_CORPUS,
                    help=f"the real reports (default: {SHARED_CORPUS}); the generated corpus when absent")
    ap.add_argument("--repeat-mb", type=float, default=50,
                    help="size of the repeated corpus (default: 50; 0: only the real corpus)")
    ap.add_argument("--jobs", type=int, default=2, help="jobs of the parallel build (default: 2)")
    ap.add_argument("--query-runs", type=int, default=5, help="runs of each saved query (default: 5)")
    ap.add_argument("--no-queries", action="store_true", help="do not start govkg serve nor run the saved queries")
    ap.add_argument("--single-mb", type=float, nargs="*", default=[], metavar="MB",
                    help="sizes of single huge reports to build, smallest first (default: none)")
    ap.add_argument("--corpora-off", "--copies-off", action="store_true",
                    help="only the single reports, not the corpora")
    ap.add_argument("--json", metavar="FILE", help="also write the measurements as JSON")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows, singles, q = [], [], None
    if not args.corpora_off:
        found = corpora(args.quick, args.repeat_mb, args.corpus)
        for c in found:
            rows.append(bench(c, args.jobs))
            _say("so far:\n" + table(rows))  # a run cut short still tells what it measured
            _save(args.json, rows, q, singles)
        print(table(rows))
        if not args.no_queries:
            _say(f"{found[-1].name}: govkg serve and the saved queries ...")
            q = bench_queries(Path(rows[-1]["build"]), 1 if args.quick else args.query_runs)
            print("\n" + query_table(q, rows[-1]["corpus"]))
        print("\n" + targets(rows, q))
    if args.single_mb:
        singles = bench_single(sorted(args.single_mb))
        print("\n" + single_table(singles))
    _save(args.json, rows, q, singles)
    return 0


def _save(path: str | None, rows: list, q: dict | None, singles: list) -> None:
    if path:
        Path(path).write_text(json.dumps({"corpora": rows, "queries": q, "single": singles}, indent=2,
                                         ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
