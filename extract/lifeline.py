"""Worker processes end when the process that started them dies.

A worker left behind by a parent that was killed (``kill -9``, the out-of-memory
killer, a crash) would go on holding hundreds of megabytes and a core for nobody.
``exit_with_parent`` starts a daemon thread in the worker that looks once every
``interval`` seconds whether its parent is still the process that started it, and
ends the worker at once when it is not.  (Linux's parent-death signal is tied to the
thread that started the child, not to the process, so a pool that starts workers
from short-lived threads cannot use it.)  It also makes the worker ignore Ctrl-C:
the terminal sends SIGINT to the whole process group, and the parent, not each
worker, decides what an interrupt does.

A forked worker also inherits the parent's open files, among them the flocks of the output folder
and the spool (``hold_lock``): a lock lives as long as any copy of its descriptor, so a worker would
hold it after its parent was killed, and the next build would find the folder still locked.
``drop_inherited_locks`` closes the worker's copies when it starts.
"""
from __future__ import annotations

import os
import signal
import threading
import time

CHECK_SECONDS = 0.5
_LOCKS: set[int] = set()  # descriptors of the flocks this process holds


def hold_lock(fd: int) -> int:
    """Name ``fd`` (an flock this process holds) as one its forked workers must not keep."""
    _LOCKS.add(fd)
    return fd


def let_go(fd: int) -> None:
    """``fd`` is about to be closed: no longer a lock of this process."""
    _LOCKS.discard(fd)


def drop_inherited_locks() -> None:
    """In a forked worker: close the copies of the parent's lock descriptors (the parent's stay)."""
    for fd in sorted(_LOCKS):
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCKS.clear()


def exit_with_parent(interval: float = CHECK_SECONDS) -> None:
    """In a worker process: end this process as soon as its parent dies."""
    parent = os.getppid()
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: leave signals alone
        pass

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="govkg-lifeline", daemon=True).start()
