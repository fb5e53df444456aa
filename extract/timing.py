"""Seconds spent per pipeline stage, summed over reports (and over worker processes)."""
from __future__ import annotations

import contextlib
import time
from typing import Iterator

# The stages in pipeline order; the benchmark prints them in this order.
STAGES = ("load", "read", "segment", "recognize", "metadata", "resolve", "relate", "assemble", "serialize", "merge", "store", "html")


class Timings(dict):
    """stage name -> seconds."""

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - t

    def add(self, other: dict) -> None:
        for k, v in other.items():
            self[k] = self.get(k, 0.0) + v

    def ordered(self) -> list[tuple[str, float]]:
        rank = {s: i for i, s in enumerate(STAGES)}
        return sorted(self.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
