"""Extraction results cached by file content and extractor version.

A rebuild of a thousand reports after one changed extracts one: every other
report's result is read back from the cache.  The key is a SHA-256 over the
extractor's fingerprint (the source of the ``extract`` package and its
lexicons, so any change to the code or a word list invalidates every entry),
the file's path, and its bytes, and the manifest entry that overrides its
metadata.  Entries are pickles written atomically; an unreadable entry is a
miss, never an error.  The cache is private to the user who builds: do not
point ``--cache`` at a folder others can write to (pickles run code on load).
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from . import __version__

PACKAGE = Path(__file__).parent


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of everything that decides what the extractor emits."""
    h = hashlib.sha256(__version__.encode())
    for p in sorted(PACKAGE.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".txt", ".tsv", ".json") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(PACKAGE)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def cache_key(path: str, data: bytes, override: dict | None) -> str:
    h = hashlib.sha256()
    for part in (extractor_version(), path, json.dumps(override or {}, sort_keys=True, ensure_ascii=False)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(data)
    return h.hexdigest()


class Cache:
    """A folder of cached extraction results."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.hits = self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        try:
            with self._path(key).open("rb") as fh:
                value = pickle.load(fh)
        except Exception:  # missing, truncated or from an incompatible version: a miss
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        target = self._path(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        except OSError:  # a cache that cannot be written only costs speed
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if not isinstance(exc, (OSError, pickle.PicklingError)):
                raise
