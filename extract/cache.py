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
     "override": MANIFEST ENTRY or null, "summary": {what a build keeps of the result, see spool.py},
     "extraction": [the ReportResult, see codec.py]}

A build reads the summary (and the fields later stages made, checked by them) and decodes the
extraction only when it needs it, so a rebuild of unchanged reports decodes almost nothing.

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


# The last field of an entry.  No other field can hold these bytes (their quotes would be escaped in a
# string), nor can the extraction (it is lists, without keys).
_EXTRACTION = b',"extraction":'


def _digest_of(raw: bytes) -> str:
    """The SHA-256 of the bytes of an entry's extraction ("" when it has none at the end)."""
    at = raw.rfind(_EXTRACTION)
    if at < 0 or not raw.endswith(b"}"):
        return ""
    return hashlib.sha256(raw[at + len(_EXTRACTION):-1]).hexdigest()


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
        entry = self._head(key, report, path, sha256, override)
        if entry is None:
            return None, None
        result = self._result(key, report, path, sha256, entry)
        return (result, entry) if result is not None else (None, None)

    def _head(self, key: str, report: str, path: str, sha256: str, override: dict | None) -> dict | None:
        """The entry for this file when its header is that of the file being built, else None (a miss)."""
        try:
            raw = self._path(key).read_bytes()
        except OSError:  # not there (or unreadable): an ordinary miss
            self.misses += 1
            return None
        self._raw = raw
        try:
            entry = json.loads(_text(raw))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            self._bad(key, report, f"not valid JSON: {str(exc)[:80]}; truncated?")
            return None
        if not isinstance(entry, dict) or entry.get("format") != FORMAT:
            self._bad(key, report, "not a govkg cache entry")
            return None
        expected = {"version": VERSION, "extractor": extractor_version(), "report": report, "path": path,
                    "sha256": sha256, "override": override or None}
        for name, value in expected.items():
            if entry.get(name) != value:
                self._bad(key, report, f"its {name} is {str(entry.get(name))[:70]!r}, not {str(value)[:70]!r}")
                return None
        return entry

    def _result(self, key: str, report: str, path: str, sha256: str, entry: dict) -> ReportResult | None:
        """The entry's extraction, decoded and checked, or None (a miss with a warning)."""
        try:
            result = decode_result(entry.get("extraction"))
        except (DecodeError, RecursionError) as exc:
            self._bad(key, report, f"its extraction does not decode: {str(exc)[:120]}")
            return None
        doc = result.document
        if doc.id != report or doc.path != path or doc.sha256 != sha256:
            self._bad(key, report, f"its extraction is of {doc.id[:40]!r} ({doc.path[:60]})")
            return None
        self.hits += 1
        return result

    def peek(self, key: str, report: str, path: str, sha256: str, override: dict | None):
        """(the report's summary as a SpooledReport that reads the entry back, the entry) for this
        file without decoding its extraction, when the entry holds a summary (``summary_of``); else
        the extraction is decoded (as ``lookup``) and the summary made from it.  (None, None): a miss."""
        from .spool import ReportSpool, spooled_ref

        entry = self._head(key, report, path, sha256, override)
        if entry is None:
            return None, None
        if "summary" in entry and "digest" in entry:
            if _digest_of(self._raw) != entry["digest"]:  # the summary is of this very extraction
                self._bad(key, report, "its extraction is not the one its summary was made from")
                return None, None
            try:
                ref = spooled_ref(entry["summary"], str(self._path(key).resolve()))
            except (DecodeError, RecursionError) as exc:
                self._bad(key, report, f"its summary does not decode: {str(exc)[:120]}")
                return None, None
            if ref.id != report or ref.path != path:
                self._bad(key, report, f"its summary is of {ref.id[:40]!r} ({ref.path[:60]})")
                return None, None
            self.hits += 1
            return ref, entry
        result = self._result(key, report, path, sha256, entry)
        if result is None:
            return None, None
        return ReportSpool.cached(result, str(self._path(key).resolve())), entry

    def put(self, key: str, result: ReportResult, override: dict | None = None, **extra) -> Path | None:
        """Store ``result`` (``extra``: further named fields for the entry) with its summary; the entry's
        path, or None when the cache could not be written."""
        from .spool import summary_of

        doc = result.document
        target = self._path(key)
        try:
            extraction = _bytes(json.dumps(encode_result(result), ensure_ascii=False, separators=(",", ":")))
            entry = {"format": FORMAT, "version": VERSION, "extractor": extractor_version(), "report": doc.id,
                     "path": doc.path, "sha256": doc.sha256, "override": override or None, **extra,
                     "summary": summary_of(result), "digest": hashlib.sha256(extraction).hexdigest()}
            head = _bytes(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
            data = head[:-1] + _EXTRACTION + extraction + b"}"  # the extraction last, its bytes digested
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            target.parent.mkdir(mode=0o700, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".entry-", suffix=".tmp")
        except (OSError, ValueError):  # a cache that cannot be written only costs speed
            return None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            if not isinstance(exc, OSError):
                raise
            return None
        return target.resolve()
