"""A build's outputs replace the previous set together: a generation folder, switched by one rename.

    out/graph.ttl   -> .govkg/current/graph.ttl      one link per output, made once
    out/graph.trig  -> .govkg/current/graph.trig
    out/graph.html  -> .govkg/current/graph.html
    out/.govkg/current -> gen-20261124T101500-1234   the link a build switches, by one rename
    out/.govkg/gen-…/                                the files of one build
    out/.govkg/lock                                  held by the build that writes into out/

A build writes everything into a staging folder beside the generations; only when all
of it is written and on disk does one ``rename`` make it the current generation, so
``out/graph.ttl``, ``out/graph.trig`` and ``out/graph.html`` always come from one build:
an interrupt, a full disk or ``kill -9`` before that rename leaves the previous set as
it was, and the staging folder is removed (by the next build if the process was killed).
The previous generation is kept for readers that resolved it a moment ago; older ones
are removed unless a server still holds them (``hold``).  Where the file system has no
symbolic links, the files are moved into ``out/`` one by one instead, with a warning.

A lock (``OutputLock``) stops a second build from writing into the same folder.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Iterator

from govkg.extract.errors import GovkgError
from govkg.extract.lifeline import hold_lock, let_go

try:
    import fcntl
except ImportError:  # not POSIX: locks are not enforced
    fcntl = None

STATE = ".govkg"
CURRENT = "current"
KEEP = 2  # generations kept: the current one and the one before
LOOSE_TMP_SECONDS = 600  # a loose temporary file this old belongs to no running writer
_LOOSE_TMP = re.compile(r"^\.[^/]+\.[A-Za-z0-9_]{8}\.tmp$")  # made by atomic.atomic_open


class BuildLocked(GovkgError):
    """Another build is writing into the same output folder."""

    code = "E020"


# ---------------------------------------------------------------- the lock


_held: dict[Path, list] = {}  # folder -> [file descriptor, depth]: this process's locks (re-entrant)
_held_lock = threading.Lock()


class OutputLock:
    """An exclusive lock on an output folder, held by one build at a time (re-entrant in a process).

    The lock is an flock on ``out/.govkg/lock``: the kernel drops it when the process ends, however
    it ends, so a killed build never leaves a stale lock.  The file names the holder for the message."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.created: list[Path] = []

    def __enter__(self) -> "OutputLock":
        # resolved whether or not the folder is there yet (resolve() follows the links of the part that
        # is): a folder made by the first entry, under a linked parent, is the same key at the next
        key = self.folder.resolve()
        self.key = key
        with _held_lock:
            if key in _held:
                _held[key][1] += 1
                return self
        for d in (self.folder, self.folder / STATE):
            if not d.exists():
                d.mkdir(parents=True, exist_ok=True)
                self.created.append(d)
        path = self.folder / STATE / "lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                os.close(fd)
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise
                raise BuildLocked(f"another govkg build ({holder or 'a process'}) is writing to this folder; "
                                  "wait for it to end, or build into another folder (-o)", str(self.folder)) from None
        hold_lock(fd)  # a forked worker closes its copy (extract/lifeline.py)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, since {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n".encode(), 0)
        with _held_lock:
            _held[key] = [fd, 1]
        return self

    def __exit__(self, *exc) -> None:
        with _held_lock:
            entry = _held[self.key]
            entry[1] -= 1
            if entry[1]:
                return
            del _held[self.key]
        let_go(entry[0])
        os.close(entry[0])
        if self.created and not current_generation(self.folder):  # nothing was published: leave no trace
            with contextlib.suppress(OSError):
                (self.folder / STATE / "lock").unlink()
            for d in reversed(self.created):
                with contextlib.suppress(OSError):
                    d.rmdir()


# ---------------------------------------------------------------- generations


def current_generation(folder: str | Path) -> str | None:
    """The name of the current generation of a build folder, or None."""
    try:
        return os.readlink(Path(folder) / STATE / CURRENT)
    except OSError:
        return None


def published(stage: Path, name: str) -> Path | None:
    """The output ``name`` of the folder's current generation, for a build writing into ``stage``
    (a staging folder of ``publish``): what the build before made, or None."""
    state = stage.parent
    if state.name != STATE:
        return None
    linked, moved = state / CURRENT / name, state.parent / name  # a generation's; or moved in one by one
    if linked.exists():
        return linked.resolve()
    return moved if moved.exists() and not moved.is_symlink() else None


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """Every file under ``folder`` (a build's files, and the store's folder) and the folders on disk."""
    for p in folder.iterdir():
        if p.is_dir() and not p.is_symlink():
            _fsync_tree(p)
        else:
            with open(p, "rb") as fh:
                os.fsync(fh.fileno())
    _fsync_dir(folder)


def _symlinks_work(state: Path) -> bool:
    probe = state / f".probe-{os.getpid()}"
    try:
        os.symlink("x", probe)
    except (OSError, NotImplementedError, AttributeError):
        return False
    probe.unlink()
    return True


def _replace_link(target: str, link: Path) -> None:
    """Make ``link`` a symbolic link to ``target`` by one rename (readers never see it missing)."""
    tmp = link.with_name(f".{link.name}.{os.getpid()}.link")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _stamp() -> str:
    return f"gen-{dt.datetime.now(dt.timezone.utc):%Y%m%dT%H%M%S%f}-{os.getpid()}"


@contextlib.contextmanager
def publish(folder: str | Path, warnings: list[str] | None = None) -> Iterator[Path]:
    """A staging folder to write a build's outputs into; when the block ends without an error they
    become the folder's outputs together, and if it raises, the previous outputs stay as they were."""
    out = Path(folder)
    with OutputLock(out):
        state = out / STATE
        clean_stale(out)
        staging = Path(tempfile.mkdtemp(prefix="new-", dir=state))
        try:
            yield staging
            _fsync_tree(staging)  # on disk before anything points to it
            if _symlinks_work(state):
                _switch(out, staging)
            else:
                _move_each(out, staging, warnings)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _switch(out: Path, staging: Path) -> None:
    state = out / STATE
    name = _stamp()
    os.rename(staging, state / name)
    _fsync_dir(state)
    previous = current_generation(out)
    _replace_link(name, state / CURRENT)  # the switch: one rename
    _fsync_dir(state)
    names = {p.name for p in (state / name).iterdir()}
    for n in sorted(names):
        link, target = out / n, f"{STATE}/{CURRENT}/{n}"
        if not (link.is_symlink() and os.readlink(link) == target):
            _replace_link(target, link)
    for link in out.iterdir():  # links to what this build did not write
        if link.is_symlink() and os.readlink(link).startswith(f"{STATE}/{CURRENT}/") and link.name not in names:
            link.unlink()
    _fsync_dir(out)
    _prune(state, keep={name, previous})


def _move_each(out: Path, staging: Path, warnings: list[str] | None) -> None:
    if warnings is not None:
        warnings.append(f"{out}: this file system has no symbolic links, so the outputs were replaced one "
                        "by one, not together")
    for p in sorted(staging.iterdir(), key=lambda p: p.suffix == ".html"):
        if p.is_dir() and (out / p.name).is_dir() and not (out / p.name).is_symlink():
            shutil.rmtree(out / p.name)  # a folder (the store) cannot replace a folder by one rename
        os.replace(p, out / p.name)


def _in_use(path: Path) -> bool:
    """Whether a reader holds the generation (``hold``)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


def _prune(state: Path, keep: set) -> None:
    gens = sorted((p for p in state.iterdir() if p.name.startswith("gen-") and p.is_dir()), key=lambda p: p.name)
    for p in gens[:-KEEP]:
        if p.name not in keep and not _in_use(p):
            shutil.rmtree(p, ignore_errors=True)


def clean_stale(out: Path) -> None:
    """Remove what killed builds left: staging folders (none is in use while the lock is held) and
    loose temporary files of atomic writes that are older than a few minutes."""
    state = out / STATE
    with contextlib.suppress(OSError):
        for p in state.iterdir():
            if p.name.startswith("new-") or p.name.endswith(".link") or p.name.startswith(".probe-"):
                if p.is_dir() and not p.is_symlink():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    with contextlib.suppress(OSError):
                        p.unlink()
    with contextlib.suppress(OSError):
        for p in out.iterdir():
            with contextlib.suppress(OSError):
                if p.name.startswith(".") and p.name.endswith(".link") and p.is_symlink():
                    p.unlink()  # only builds make these, and this one holds the lock
                elif _LOOSE_TMP.match(p.name) and p.is_file() and time.time() - p.stat().st_mtime > LOOSE_TMP_SECONDS:
                    p.unlink()


def hold(path: str | Path):
    """Keep the generation that ``path`` (a resolved output file) is in from being removed while the
    returned handle is open (a server reading it for hours).  None when ``path`` is in no generation."""
    parent = Path(path).parent
    if fcntl is None or not parent.name.startswith("gen-") or parent.parent.name != STATE:
        return None
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        pass
    return fd
