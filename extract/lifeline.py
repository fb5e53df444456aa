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
"""
from __future__ import annotations

import os
import signal
import threading
import time

CHECK_SECONDS = 0.5


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
