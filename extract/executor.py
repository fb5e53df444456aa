"""Running the per-report extraction: in this process, in a pool of processes, or on a Dask cluster.

Each report is one task: its bytes go to the worker (so a cluster's workers
need no shared file system), the worker reads and extracts them, and sends
back the result or the error, with its stage timings.  Results come back in
the order of the input whatever order the workers finish in, so the corpus,
and every file built from it, is the same for any executor and job count.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .cache import Cache, Encoded, cache_key
from .cache import encode as encode_result
from .codec import DecodeError
from .errors import GovkgError, ReadError
from .lifeline import drop_inherited_locks, exit_with_parent
from .reader import doc_id_for, file_bytes
from .timing import Timings

EXECUTORS = ("process", "dask")


@dataclass(frozen=True)
class Task:
    path: str
    data: bytes
    override: dict | None = None


@dataclass
class Outcome:
    value: object  # ReportResult or GovkgError
    timings: dict = field(default_factory=dict)
    cached: bool = False
    made: object = None  # what ``Finish.make`` made of the result beside it (the report's graph part), or None
    entry: str = ""  # the cache entry the result (and what was made of it) was written to, if any


@dataclass(frozen=True)
class Finish:
    """Work a later stage wants done on each result where it is extracted (in the worker), and cached
    with it: ``make(result)`` gives JSON data, kept in the cache entry under ``field`` with ``version``
    (an entry of another version is made again); ``check(data)`` gives it back from such data or raises
    ValueError.  Module-level functions, so that a worker process or a Dask cluster can be sent them."""

    field: str
    version: str
    make: Callable[[object], object]
    check: Callable[[object], object]


_BLOCKS = None  # in a pool worker: where the progress of long documents goes (a queue to the parent)


def _init_worker(blocks) -> None:
    global _BLOCKS
    exit_with_parent()
    drop_inherited_locks()
    gc.enable()  # a worker extracts report after report: collect their cycles (the parent may pause it)
    _BLOCKS = blocks


def extract_task(task: Task, progress: Callable[[int, int], None] | None = None, finish: Finish | None = None,
                 encode: bool = False) -> Outcome:
    """Read and extract one report's bytes (runs in a worker); ``progress(done, total)`` hears the
    characters done after each block of a long document; ``finish``: what to make of the result there.
    ``encode``: the outcome's value is the result encoded as the cache and the spool write it
    (cache.Encoded, with what was made of it), not the ReportResult: bytes to write, not objects to send
    back and encode in the main process."""
    from .pipeline import extract_document
    from .reader import format_of, read_bytes

    if progress is None and _BLOCKS is not None:
        def progress(done: int, total: int) -> None:
            _BLOCKS.put((task.path, done, total))

    t = Timings()
    try:
        with t.stage("read"):
            doc = read_bytes(task.data, task.path, format_of(task.path))
        value = extract_document(doc, task.override, t, progress)
    except GovkgError as exc:
        value = exc
    except RecursionError as exc:  # pathological nesting: name the file, build the others
        value = GovkgError(f"could not be processed: {exc}", task.path)
    made = None
    if finish is not None and not isinstance(value, GovkgError):
        with t.stage("serialize"):
            made = finish.make(value)
    if encode and not isinstance(value, GovkgError):
        with t.stage("serialize"):
            value, made = encode_result(value, made), None
    return Outcome(value, dict(t), made=made)


def _made_version(entry: dict | None, finish: Finish) -> bool:
    """Whether a cache entry holds what ``finish`` makes, of its version (checked when it is read:
    ``Finish.check``, by the stage that uses it)."""
    field = (entry or {}).get(finish.field)
    if field is None and isinstance((entry or {}).get("made"), dict):  # a signed entry read up to its header
        return entry["made"].get(finish.field) == finish.version
    return isinstance(field, dict) and field.get("version") == finish.version and "data" in field


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _warm() -> None:
    """Load the segmenter before forking, so forked workers share it instead of each loading it.
    Its millions of objects live to the end: frozen, the cycle collector never scans them again
    (and forked workers do not copy the pages it would touch)."""
    from .segment import segmenter

    segmenter()
    gc.freeze()


def _context():
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _pool(jobs: int, blocks=None) -> ProcessPoolExecutor:
    """Worker processes that ignore Ctrl-C and end when this process dies (extract/lifeline.py);
    ``blocks``: a queue for the progress of long documents."""
    return ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker, initargs=(blocks,))


class _BlockRelay:
    """A queue the workers put (path, done, total) on, and a thread that hands them to ``show``."""

    def __init__(self, show: Callable[[str, int, int], None] | None):
        self.show = show
        self.queue = _context().SimpleQueue() if show else None
        self.thread = None
        if show:
            self.thread = threading.Thread(target=self._relay, name="govkg-blocks", daemon=True)
            self.thread.start()

    def _relay(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            self.show(*item)

    def close(self) -> None:
        if self.thread is not None:
            self.queue.put(None)
            self.thread.join(5)


def _stop(pool: ProcessPoolExecutor) -> None:
    """End the workers now: an interrupted or failed build does not wait for their tasks."""
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.kill()
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.join(5)


def _run_process(tasks: list[Task], jobs: int, blocks: Callable[[str, int, int], None] | None = None,
                 finish: Finish | None = None, encode: bool = False, in_process: bool | None = None
                 ) -> Iterator[tuple[int, Outcome]]:
    # One report, or one job unless ``in_process`` is False, is extracted here.  The command line
    # sends several reports to one worker even with one job: report after report, extraction's
    # short-lived objects would leave this process's heap at its high-water mark, interleaved with
    # what the build keeps to the end (the reports' summaries, the merged entities), and this process
    # writes the graph after them (the corpus repeated three times, one job: 546 MB in process, 393 MB
    # with one worker).
    if len(tasks) <= 1 or (jobs <= 1 and in_process is not False):
        for i, task in enumerate(tasks):
            shown = (lambda done, total, path=task.path: blocks(path, done, total)) if blocks else None
            yield i, extract_task(task, shown, finish, encode)
        return
    relay = _BlockRelay(blocks)
    pool = _pool(min(jobs, len(tasks)), relay.queue)
    try:
        futures = {pool.submit(extract_task, task, None, finish, encode): i for i, task in enumerate(tasks)}
        for fut in as_completed(futures):
            yield futures[fut], fut.result()
    except BaseException:
        _stop(pool)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        relay.close()


def _run_dask(tasks: list[Task], scheduler: str | None, finish: Finish | None = None, encode: bool = False
              ) -> Iterator[tuple[int, Outcome]]:
    try:
        from dask.distributed import Client, as_completed as dask_completed
    except ImportError:
        raise GovkgError("--executor dask needs dask.distributed: pip install 'govkg[dask]'") from None
    if not scheduler:
        raise GovkgError("--executor dask needs --scheduler ADDRESS (for example tcp://10.0.0.5:8786)")
    try:
        client = Client(scheduler, timeout=30)
    except (OSError, TimeoutError) as exc:
        raise GovkgError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        if not tasks:
            return
        futures = client.map(extract_task, tasks, pure=False, finish=finish, encode=encode)
        index = {f.key: i for i, f in enumerate(futures)}
        for fut in dask_completed(futures):
            yield index[fut.key], fut.result()
    finally:
        client.close()


def extract_all(files: list[Path], overrides: dict[str, dict], jobs: int | None = 1, executor: str = "process",
                scheduler: str | None = None, cache: str | Path | Cache | None = None,
                progress: Callable[[int, int, str], None] | None = None,
                timings: Timings | None = None, warnings: list[str] | None = None,
                blocks: Callable[[str, int, int], None] | None = None,
                keep: Callable[[Outcome], Outcome] | None = None, finish: Finish | None = None,
                encode: bool = False, in_process: bool | None = None) -> list[Outcome]:
    """One outcome per file, in the order of ``files``; what was wrong with cache entries is
    added to ``warnings``; ``blocks(path, characters done, characters)`` hears the progress of
    long documents (not from a Dask cluster).  ``keep(outcome)`` is what is held of each outcome
    from the moment it arrives (the build spools the result and keeps a summary).  ``finish``: what
    each worker makes of its result (``Outcome.made``), cached with it; a cache entry without it (or
    of another version) has it made here and is written again.  ``encode``: each worker sends back its
    result (and what it made) encoded (cache.Encoded), which is checked (its summary) and written as it
    is to the cache; the outcome's value is then that Encoded, for ``keep`` to spool.  ``in_process``:
    False extracts in a worker process even with one job (None, the default: in this process then)."""
    keep = keep if keep is not None else (lambda o: o)
    if executor not in EXECUTORS:
        raise GovkgError(f"unknown executor {executor!r}; known: {', '.join(EXECUTORS)}")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise GovkgError(f"--jobs must be at least 1, got {jobs}")
    timings = timings if timings is not None else Timings()
    store = cache if isinstance(cache, Cache) else Cache(cache) if cache else None
    outcomes: list[Outcome | None] = [None] * len(files)
    todo: list[tuple[int, Task, str | None]] = []
    for i, f in enumerate(files):
        override = overrides.get(f.stem)
        with timings.stage("read"):
            try:
                data = file_bytes(f)
            except ReadError as exc:
                outcomes[i] = Outcome(exc)
                continue
        key = cache_key(str(f), data, override) if store else None
        if store and finish is not None:
            args = (key, doc_id_for(f), str(f), hashlib.sha256(data).hexdigest(), override)
            with timings.stage("read"):
                ref, entry = store.peek(*args)
            if ref is not None and _made_version(entry, finish):  # the extraction stays in the entry
                outcomes[i] = keep(Outcome(dataclasses.replace(ref, extra=ref.file, field=finish.field), {},
                                           cached=True))
                continue
            hit = store.get(*args) if ref is not None else None
            if hit is not None:  # cached by a build that did not make it, or by another version: made here
                with timings.stage("serialize"):
                    made = finish.make(hit)
                path = store.put(key, hit, override, **{finish.field: {"version": finish.version, "data": made}})
                outcomes[i] = keep(Outcome(hit, {}, cached=True, made=made, entry=str(path or "")))
                continue
        elif store:
            hit = store.get(key, doc_id_for(f), str(f), hashlib.sha256(data).hexdigest(), override)
            if hit is not None:
                outcomes[i] = keep(Outcome(hit, {}, cached=True))
                continue
        todo.append((i, Task(str(f), data, override), key))
    done = sum(o is not None for o in outcomes)
    if progress:
        progress(done, len(files), "")
    tasks = [t for _, t, _ in todo]
    if tasks and executor == "process":
        with timings.stage("load"):  # the segmenter's dictionaries, loaded once before any fork
            _warm()
    runner = (_run_dask(tasks, scheduler, finish, encode) if executor == "dask"
              else _run_process(tasks, jobs, blocks, finish, encode, in_process))
    for j, outcome in runner:
        i, task, key = todo[j]
        timings.add(outcome.timings)
        if isinstance(outcome.value, Encoded):
            try:
                outcome.value.checked(task.path, task.data)
            except (DecodeError, RecursionError) as exc:
                outcome.value = GovkgError(f"the worker's result does not decode: {str(exc)[:160]}", task.path)
        if store and isinstance(outcome.value, Encoded):
            path = store.put_encoded(key, outcome.value, task.override, finish.field if finish else "",
                                     finish.version if finish else "")
            outcome.entry = str(path or "")
        elif store and not isinstance(outcome.value, GovkgError):
            extra = {finish.field: {"version": finish.version, "data": outcome.made}} if finish is not None else {}
            path = store.put(key, outcome.value, task.override, **extra)
            outcome.entry = str(path or "")
        outcomes[i] = keep(outcome)
        done += 1
        if progress:
            progress(done, len(files), task.path)
    if store and warnings is not None:
        warnings.extend(store.warnings)
    return [o for o in outcomes if o is not None]
