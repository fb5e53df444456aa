"""Extraction results cached by file content and extractor version, as data that cannot run code.

A rebuild of a thousand reports after one changed extracts one: every other
report's result is read back from the cache.  The key is a SHA-256 over the
extractor's fingerprint (the source of the ``extract`` package and its
lexicons, so any change to the code or a word list invalidates every entry),
the file's path, its bytes, and the manifest entry that overrides its metadata.

An entry is one JSON object with named fields (other stages may add their own
fields; a reader ignores the fields it does not know):

    {"format": "govkg-cache", "version": 1, "extractor": FINGERPRINT,
     "report": REPORT ID, "path": FILE PATH, "sha256": THE FILE'S SHA-256,
     "override": MANIFEST ENTRY or null, "extraction": [the ReportResult, see codec.py]}

Reading one is ``json.loads`` and the checked decoder of ``codec.py``: nothing in an
entry can run code.  An entry is used only when its format, version, fingerprint,
report id, path, file hash and override are those of the file being built, and its
extraction decodes; otherwise (a truncated, foreign, tampered or wrong-typed entry)
it is a miss with a warning, the report is extracted again and its entry rewritten.

The default folder is the user's cache directory (``$XDG_CACHE_HOME/govkg``, else
``~/.cache/govkg``), created private to the user, never the output folder that
others may read.  Entries are written to a temporary file and renamed; temporary
files that a killed build left behind are removed after a day.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from . import __version__
from .codec import DecodeError, decode_result, encode_result
from .model import ReportResult

PACKAGE = Path(__file__).parent
FORMAT, VERSION = "govkg-cache", 1
STALE_SECONDS = 24 * 3600  # a temporary file this old belongs to no running build


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A digest of everything that decides what the extractor emits."""
    h = hashlib.sha256(__version__.encode())
    for p in sorted(PACKAGE.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".txt", ".tsv", ".json") and "__pycache__" not in p.parts:
            h.update(str(p.relative_to(PACKAGE)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/govkg, else ~/.cache/govkg (LOCALAPPDATA on Windows)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not base or not os.path.isabs(base):
        base = os.environ.get("LOCALAPPDATA", "") if os.name == "nt" else ""
    return (Path(base) if base else Path.home() / ".cache") / "govkg"


def cache_key(path: str, data: bytes, override: dict | None) -> str:
    h = hashlib.sha256()
    for part in (extractor_version(), path, json.dumps(override or {}, sort_keys=True, ensure_ascii=False)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(data)
    return h.hexdigest()


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a file name that is not UTF-8 keeps its escapes


class Cache:
    """A folder of cached extraction results; ``warnings`` collects what was wrong with entries."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.hits = self.misses = 0
        self.warnings: list[str] = []
        self._remove_stale()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def _remove_stale(self) -> None:
        with contextlib.suppress(OSError):
            for p in self.folder.glob(".entry-*.tmp"):
                with contextlib.suppress(OSError):
                    if time.time() - p.stat().st_mtime > STALE_SECONDS:
                        p.unlink()

    def _bad(self, key: str, report: str, reason: str) -> None:
        self.misses += 1
        self.warnings.append(f"{self._path(key)}: cache entry for report {report!r} not used ({reason}); "
                             "extracting the report again")

    def get(self, key: str, report: str, path: str, sha256: str, override: dict | None) -> ReportResult | None:
        """The cached result for this file, or None (a miss: absent, or unusable with a warning)."""
        return self.lookup(key, report, path, sha256, override)[0]

    def lookup(self, key: str, report: str, path: str, sha256: str, override: dict | None
               ) -> tuple[ReportResult | None, dict | None]:
        """The cached result for this file and its whole entry (for the fields other stages put in
        it, which their readers check), or (None, None)."""
        try:
            raw = self._path(key).read_bytes()
        except OSError:  # not there (or unreadable): an ordinary miss
            self.misses += 1
            return None, None
        try:
            entry = json.loads(_text(raw))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            self._bad(key, report, f"not valid JSON: {str(exc)[:80]}; truncated?")
            return None, None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT:
            self._bad(key, report, "not a govkg cache entry")
            return None, None
        expected = {"version": VERSION, "extractor": extractor_version(), "report": report, "path": path,
                    "sha256": sha256, "override": override or None}
        for name, value in expected.items():
            if entry.get(name) != value:
                self._bad(key, report, f"its {name} is {str(entry.get(name))[:70]!r}, not {str(value)[:70]!r}")
                return None, None
        try:
            result = decode_result(entry.get("extraction"))
        except (DecodeError, RecursionError) as exc:
            self._bad(key, report, f"its extraction does not decode: {str(exc)[:120]}")
            return None, None
        doc = result.document
        if doc.id != report or doc.path != path or doc.sha256 != sha256:
            self._bad(key, report, f"its extraction is of {doc.id[:40]!r} ({doc.path[:60]})")
            return None, None
        self.hits += 1
        return result, entry

    def put(self, key: str, result: ReportResult, override: dict | None = None, **extra) -> None:
        """Store ``result`` (``extra``: further named fields for the entry)."""
        doc = result.document
        entry = {"format": FORMAT, "version": VERSION, "extractor": extractor_version(), "report": doc.id,
                 "path": doc.path, "sha256": doc.sha256, "override": override or None, **extra,
                 "extraction": encode_result(result)}
        target = self._path(key)
        try:
            data = _bytes(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.parent.mkdir(mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".entry-", suffix=".tmp")
        except (OSError, ValueError):  # a cache that cannot be written only costs speed
            return
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(exc, OSError):
                raise
