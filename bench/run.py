"""govkg benchmark: build speed against plain jieba.lcut, peak memory, time per stage.

    .venv/bin/python bench/run.py                      # seeds x 20, and a generated 50 MB corpus
    .venv/bin/python bench/run.py --copies 5 --generated-mb 2   # a quick run
    .venv/bin/python bench/run.py --copies-off --single-mb 10 20 100   # one huge report of each size

Two corpora, made once under bench/corpus/ (fixed: the same arguments give the
same files):

- ``seeds``: the five seed reports copied N times under distinct ids;
- ``generated``: reports assembled from the seeds' sentences with a seeded
  random generator, each headed by a different county-level area and year,
  with their figures varied, until the corpus holds the asked megabytes.

For each corpus, from one run on this machine, each in a fresh process:
plain ``jieba.lcut`` over the same files (the floor for a jieba-based
pipeline), ``govkg build --jobs 1`` (one process), ``govkg build`` with one
job per core, and a rebuild after one file changed (the cache).  Speeds are
characters per second; the ratio is build time over lcut time on one process
(the target is at most 2); memory is the peak resident set of the process
tree, read from the kernel (``wait4``).  Dictionary loading is timed apart in
both, since it does not grow with the corpus.

``--single-mb``: one report of each size (seed sentences pasted into one file, as a
year of reports pasted together would be), built in a fresh process with one job:
time, peak memory, and the time over the previous size's time (linear: the size
ratio).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "bench" / "corpus"

LCUT = r"""
import json, sys, time, jieba, logging
logging.getLogger("jieba").setLevel(logging.WARNING)
from pathlib import Path
t = time.perf_counter(); jieba.initialize(); init = time.perf_counter() - t
files = sorted(Path(sys.argv[1]).rglob("*.txt"))
t = time.perf_counter(); chars = 0
for f in files:
    text = f.read_text(encoding="utf-8")
    chars += len(text)
    jieba.lcut(text)
print(json.dumps({"init": init, "seconds": time.perf_counter() - t, "chars": chars, "files": len(files)}))
"""


def seeds_corpus(copies: int) -> Path:
    target = CORPUS / f"seeds-x{copies}"
    if target.is_dir():
        return target
    tmp = target.with_suffix(".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for i in range(copies):
        for f in sorted((ROOT / "seeds").glob("*.txt")):
            shutil.copyfile(f, tmp / f"c{i:04d}_{f.name}")
    tmp.rename(target)
    return target


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
    stages = [s for s in ("read", "segment", "recognize", "resolve", "relate", "assemble", "serialize", "html")
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


def _peak(cmd: list[str]) -> tuple[float, int, str, str]:
    """_run in a fresh helper process, so each measurement's peak RSS is its own."""
    data = _measure(cmd)
    return data["wall"], data["peak"], data["out"], data["err"]


def _measure(cmd: list[str]) -> dict:
    """wall and CPU seconds, peak RSS (MB), output of ``cmd`` run in a fresh helper process."""
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


def bench(corpus: Path, jobs: int) -> dict:
    out = CORPUS / "out" / corpus.name
    shutil.rmtree(out, ignore_errors=True)
    wall, peak_l, lout, _ = _peak([sys.executable, "-c", LCUT, str(corpus)])
    lcut = json.loads(lout)
    govkg = [sys.executable, "-m", "govkg.graph.cli", "build", str(corpus), "-q", "--timings"]
    wall1, peak1, _, err1 = _peak([*govkg, "-o", str(out / "j1"), "--jobs", "1", "--no-cache"])
    stages = _stages(err1)
    wallN, peakN, _, _ = _peak([*govkg, "-o", str(out / "jN"), "--jobs", str(jobs)])
    same = (out / "j1" / "graph.ttl").read_bytes() == (out / "jN" / "graph.ttl").read_bytes()
    first = sorted(corpus.glob("*.txt"))[0]
    original = first.read_bytes()
    try:
        first.write_bytes(original + "\n本区新建学校1所。\n".encode("utf-8"))
        wallC, _, _, errC = _peak([*govkg, "-o", str(out / "jN"), "--jobs", str(jobs)])
    finally:
        first.write_bytes(original)
    extract_stages = ("load", "read", "segment", "recognize", "metadata", "resolve", "relate")
    return {
        "corpus": corpus.name, "files": lcut["files"], "chars": lcut["chars"],
        "mb": sum(f.stat().st_size for f in corpus.glob("*.txt")) / 1e6,
        "lcut_s": lcut["seconds"], "lcut_init_s": lcut["init"], "lcut_peak_mb": peak_l,
        "build1_s": wall1, "build1_peak_mb": peak1, "buildN_s": wallN, "buildN_peak_mb": peakN, "jobs": jobs,
        "rebuild_one_changed_s": wallC, "same_bytes_jobs_1_and_N": same, "stages": stages,
        "extract_s": sum(v for k, v in stages.items() if k in extract_stages),
    }


def table(rows: list[dict]) -> str:
    lines = ["| corpus | files | MB | chars | jieba.lcut chars/s | build chars/s (1 job) | ratio build/lcut "
             "| build, %d jobs | rebuild, 1 changed | peak RSS (1 job) | peak RSS (%d jobs) |" % (rows[0]["jobs"], rows[0]["jobs"]),
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['files']} | {r['mb']:.1f} | {r['chars']:,} | {r['chars'] / r['lcut_s']:,.0f} "
                     f"| {r['chars'] / r['build1_s']:,.0f} | {r['build1_s'] / r['lcut_s']:.1f} "
                     f"| {r['buildN_s']:.1f} s | {r['rebuild_one_changed_s']:.1f} s | {r['build1_peak_mb']} MB "
                     f"| {r['buildN_peak_mb']} MB |")
    stages = [s for s in ("load", "read", "segment", "recognize", "metadata", "resolve", "relate", "assemble",
                          "serialize", "html") if any(s in r["stages"] for r in rows)]
    lines += ["", "Seconds per stage, one job (`--timings`):", "",
              "| corpus | " + " | ".join(stages) + " | lcut |", "|---|" + "---:|" * (len(stages) + 1)]
    for r in rows:
        lines.append(f"| {r['corpus']} | " + " | ".join(f"{r['stages'].get(s, 0):.1f}" for s in stages)
                     + f" | {r['lcut_s']:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--copies", type=int, default=20, help="copies of the seeds (default: 20)")
    ap.add_argument("--generated-mb", type=float, default=50, help="size of the generated corpus (default: 50; 0: none)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="jobs for the parallel build (default: cores)")
    ap.add_argument("--single-mb", type=float, nargs="*", default=[10, 20], metavar="MB",
                    help="sizes of single huge reports to build, smallest first (default: 10 20; none: skip)")
    ap.add_argument("--copies-off", action="store_true", help="only the single reports, not the two corpora")
    ap.add_argument("--json", metavar="FILE", help="also write the measurements as JSON")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows, singles = [], []
    if not args.copies_off:
        corpora = [seeds_corpus(args.copies)]
        if args.generated_mb > 0:
            corpora.append(generated_corpus(args.generated_mb))
        for c in corpora:
            print(f"bench: {c.name} ...", file=sys.stderr, flush=True)
            rows.append(bench(c, args.jobs))
        print(table(rows))
    if args.single_mb:
        singles = bench_single(sorted(args.single_mb))
        print("\n" + single_table(singles))
    if args.json:
        Path(args.json).write_text(json.dumps({"corpora": rows, "single": singles}, indent=2, ensure_ascii=False),
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
