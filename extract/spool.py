"""Extraction results kept on disk between extraction and writing, one read back at a time.

A build extracts every report before it writes the graph (an entity's label is voted
across all reports).  Holding every ``ReportResult`` until then made memory grow with
the corpus (about 60 MB per MB of input).  Instead each result goes to a spool file as
it arrives, encoded as the cache encodes it (``codec.py``: JSON data, decoded with every
field checked, never code), and the build keeps only what is corpus-wide: each report's
id, path, fingerprint and entities without their mentions (for the merge).
``SpooledReports`` is the sequence of results the rest of the build iterates: it reads
one back when asked, so the writer holds one report's result at a time.

The spool is a private temporary folder (``tempfile.mkdtemp``: readable by the user
only), removed when the corpus that uses it is gone or the process ends.  A build killed
with ``kill -9`` cannot remove it: the build holds a lock on it (an flock, which the kernel
drops with the process), and the next build removes the spools whose lock nobody holds.

With a cache, a result already written to its cache entry is not spooled again: the
entry is read back instead (``ReportSpool.cached``).

What is spooled beside a result (its graph part) is read back with the check its reader gives
(``extra``), field by field: the spool and the cache are files, and a cache entry may come from
anywhere.  Data this build spooled is signed with a key that lives in this process only, a cache
entry with the user's key (cache.Signer); what verifies is what was written, and is given to the
reader's ``trusted`` function instead (which checks its version, not every field).
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import secrets
import shutil
import tempfile
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

try:
    import fcntl
except ImportError:  # not POSIX: stale spools are told by their age
    fcntl = None

from .cache import Signer, entry_json, made_value, split_entry
from .codec import DecodeError, decode_record, decode_result, encode_record, encode_result
from .errors import GovkgError
from .lifeline import hold_lock, let_go
from .model import Entity, ReportMeta, ReportResult


@dataclass(frozen=True)
class SpooledReport:
    """What the build keeps of one report while its result waits on disk."""

    id: str
    path: str
    encoding: str
    meta: object  # ReportMeta
    entities: tuple[Entity, ...]  # without their mentions: what merge_entities needs
    warnings: tuple[str, ...]
    fingerprint: str
    empty: bool  # a text of only white space (never a copy of another)
    file: str  # the spool file, or the cache entry (an absolute path) that holds the extraction
    extra: str = ""  # the spool file of what was made with the extraction (the report's graph part), if any,
    # or the cache entry holding it under ``field``
    field: str = ""


def summary_of(result: ReportResult) -> dict:
    """What a build keeps of a result, as JSON data (a cache entry holds it, so that a build whose
    reports are all cached never decodes their extractions)."""
    from .pipeline import text_fingerprint

    doc = result.document
    return {"id": doc.id, "path": doc.path, "encoding": doc.encoding, "meta": encode_record(result.meta),
            "entities": [encode_record(dataclasses.replace(e, mentions=())) for e in result.entities],
            "warnings": list(result.warnings), "fingerprint": text_fingerprint(doc), "empty": not doc.text.strip()}


def spooled_ref(summary, file: str, extra: str = "", field: str = "") -> SpooledReport:
    """The SpooledReport of a summary (``summary_of``), checked field by field; DecodeError otherwise."""
    if not isinstance(summary, dict) or set(summary) != {"id", "path", "encoding", "meta", "entities", "warnings",
                                                          "fingerprint", "empty"}:
        raise DecodeError("not a report summary")
    for name in ("id", "path", "encoding", "fingerprint"):
        if not isinstance(summary[name], str):
            raise DecodeError(f"summary {name}: expected a string")
    if not isinstance(summary["empty"], bool) or not isinstance(summary["entities"], list) \
            or not isinstance(summary["warnings"], list) or not all(isinstance(w, str) for w in summary["warnings"]):
        raise DecodeError("summary: wrong types")
    meta = decode_record(summary["meta"], ReportMeta)
    if meta.doc_id != summary["id"]:
        raise DecodeError(f"summary: metadata of report {meta.doc_id[:40]!r}, not of {summary['id'][:40]!r}")
    return SpooledReport(id=summary["id"], path=summary["path"], encoding=summary["encoding"], meta=meta,
                         entities=tuple(decode_record(e, Entity) for e in summary["entities"]),
                         warnings=tuple(summary["warnings"]), fingerprint=summary["fingerprint"],
                         empty=summary["empty"], file=file, extra=extra, field=field)


def _entry(path: Path, ref: SpooledReport, what: str, signer: Signer | None = None) -> tuple[dict, bool]:
    """The cache entry that holds a report's extraction (read when the build needs it), and whether it is
    signed by ``signer``'s key (then its extraction, the last field, is left unread: not in the entry)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GovkgError(f"{what} of this report, in the cache entry {path}, is gone: {exc.strerror or exc}",
                         ref.path) from None
    signed = signer.verified(path.stem, raw) if signer is not None else None
    try:
        if signed is None:
            entry = json.loads(raw.decode("utf-8", "surrogatepass"))
        else:  # as Cache.put writes it: the header, what was made, the extraction (not read)
            header, made = split_entry(*signed)
            entry = json.loads(header.decode("utf-8", "surrogatepass"))
            if made and isinstance(entry, dict):
                entry.update(json.loads(made.decode("utf-8", "surrogatepass")))
    except (ValueError, RecursionError) as exc:
        raise GovkgError(f"{what} of this report, in the cache entry {path}, does not decode: {str(exc)[:160]}",
                         ref.path) from None
    if not isinstance(entry, dict) or entry.get("report") != ref.id or entry.get("path") != ref.path:
        raise GovkgError(f"the cache entry {path} is no longer this report's", ref.path)
    return entry, signed is not None


PREFIX = "govkg-spool-"
LOCK = ".lock"  # held (flock) by the build that uses the spool, for as long as it does
UNLOCKED_STALE_SECONDS = 24 * 3600  # a spool without a lock file (or on a system without flock) this old is stale


def _close_and_remove(fd: int | None, folder: str) -> None:
    if fd is not None:
        let_go(fd)
        with contextlib.suppress(OSError):
            os.close(fd)
    shutil.rmtree(folder, True)


def remove_stale(parent: str | Path | None = None) -> list[Path]:
    """Remove the spools that killed builds left in ``parent`` (the temporary folder by default): those
    whose lock no process holds.  The removed folders."""
    base = Path(parent) if parent is not None else Path(tempfile.gettempdir())
    removed = []
    with contextlib.suppress(OSError):
        for d in base.iterdir():
            if not d.name.startswith(PREFIX) or d.is_symlink() or not d.is_dir():
                continue
            with contextlib.suppress(OSError):
                if d.stat().st_uid != os.getuid():
                    continue
                if _unused(d):
                    shutil.rmtree(d, ignore_errors=True)
                    removed.append(d)
    return removed


def _unused(d: Path) -> bool:
    try:
        fd = os.open(d / LOCK, os.O_RDONLY)
    except OSError:  # no lock file: a spool of an older govkg, or one being made this instant
        return time.time() - d.stat().st_mtime > UNLOCKED_STALE_SECONDS
    try:
        if fcntl is None:
            return time.time() - d.stat().st_mtime > UNLOCKED_STALE_SECONDS
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a running build holds it
        return True
    finally:
        os.close(fd)


class ReportSpool:
    """A private folder of encoded results.  Making one first removes the spools that killed builds
    left behind (``remove_stale``); each spool is locked by its build while in use."""

    def __init__(self, folder: str | Path | None = None):
        remove_stale(folder)
        self.folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=folder))
        self._count = 0
        self._own = Signer(secrets.token_bytes(32))  # signs what this spool writes; no file holds it
        self.entries: Signer | None = None  # the cache's (the user's key), for what is read from cache entries
        self.trusted = 0  # data read back and given to a reader's ``trusted`` function, its MAC verified
        fd = None
        if fcntl is not None:
            fd = os.open(self.folder / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            hold_lock(fd)  # a forked worker closes its copy (lifeline.py)
        self._finalizer = weakref.finalize(self, _close_and_remove, fd, str(self.folder))

    def put(self, result: ReportResult, extra=None) -> SpooledReport:
        """Spool a result and, when given, ``extra``: JSON data made with it (read back by ``extra``)."""
        from .pipeline import text_fingerprint

        self._count += 1
        name = f"{self._count:07d}.json"
        (self.folder / name).write_bytes(entry_json(encode_result(result)))
        extra_name = ""
        if extra is not None:
            extra_name = f"{self._count:07d}.extra.json"
            (self.folder / extra_name).write_bytes(self._own.sign(extra_name, entry_json(extra)))
        doc = result.document
        return SpooledReport(id=doc.id, path=doc.path, encoding=doc.encoding, meta=result.meta,
                             entities=tuple(dataclasses.replace(e, mentions=()) for e in result.entities),
                             warnings=tuple(result.warnings), fingerprint=text_fingerprint(doc),
                             empty=not doc.text.strip(), file=name, extra=extra_name)

    def put_encoded(self, encoded, version: str = "") -> SpooledReport:
        """``put`` of a result its worker encoded (cache.Encoded, its summary ``checked``), the same files:
        what was made with it (``encoded.made``) spooled as of ``version``."""
        self._count += 1
        name = f"{self._count:07d}.json"
        (self.folder / name).write_bytes(encoded.extraction)
        extra_name = ""
        if encoded.made is not None:
            extra_name = f"{self._count:07d}.extra.json"
            (self.folder / extra_name).write_bytes(self._own.sign(extra_name, made_value(version, encoded.made)))
        return dataclasses.replace(encoded.ref, file=name, extra=extra_name, field="")

    @staticmethod
    def cached(result: ReportResult, entry: str, field: str = "") -> SpooledReport:
        """A result already written to a cache entry (an absolute path): nothing is spooled, the entry is
        read back instead (with what was made with it under ``field``)."""
        from .pipeline import text_fingerprint

        doc = result.document
        return SpooledReport(id=doc.id, path=doc.path, encoding=doc.encoding, meta=result.meta,
                             entities=tuple(dataclasses.replace(e, mentions=()) for e in result.entities),
                             warnings=tuple(result.warnings), fingerprint=text_fingerprint(doc),
                             empty=not doc.text.strip(), file=entry, extra=entry if field else "", field=field)

    def extra(self, ref: SpooledReport, check: Callable[[object], object],
              trusted: Callable[[object], object] | None = None):
        """What was spooled beside a result, as ``check(data)`` returns it (it raises ValueError for
        data that is not what was spooled); ``trusted(data)`` instead, when given, for data whose MAC
        verifies (this spool's, or the user's key on a cache entry): it was written as it is read."""
        if Path(ref.extra).is_absolute():
            entry, signed = _entry(Path(ref.extra), ref, "what was made with the extraction",
                                   self.entries if trusted is not None else None)
            try:
                if signed:
                    self.trusted += 1
                    return trusted(entry.get(ref.field))
                return check(entry.get(ref.field))
            except (ValueError, RecursionError) as exc:
                raise GovkgError(f"what was made with this report, in the cache entry {ref.extra}, does not decode: "
                                 f"{str(exc)[:160]}", ref.path) from None
        return self._spooled(ref.extra, "what was made with this report", ref, check, trusted)

    def get(self, ref: SpooledReport) -> ReportResult:
        if Path(ref.file).is_absolute():
            entry, _ = _entry(Path(ref.file), ref, "the extraction")
            try:
                result = decode_result(entry.get("extraction"))
            except (ValueError, RecursionError) as exc:
                raise GovkgError(f"the extraction of this report, in the cache entry {ref.file}, does not decode: "
                                 f"{str(exc)[:160]}", ref.path) from None
            if result.document.id != ref.id:
                raise GovkgError(f"the cache entry {ref.file} is no longer this report's", ref.path)
            return result
        return self._spooled(ref.file, "the extraction of this report", ref, decode_result)

    def _spooled(self, name: str, what: str, ref: SpooledReport, decode, trusted=None):
        """decode(the JSON of the spooled file ``name``), or trusted(it) when given and its MAC is this
        spool's; an error naming the report and the file."""
        try:
            raw = (self.folder / name).read_bytes()
        except OSError as exc:
            raise GovkgError(f"{what}, spooled to {self.folder / name}, is gone: {exc.strerror or exc}",
                             ref.path) from None
        signed = self._own.verified(name, raw) if trusted is not None else None
        if signed is not None:
            decode, raw = trusted, signed[0]
            self.trusted += 1
        else:  # checked in full, as the reader's data (without the MAC this spool put before it)
            raw = Signer.unsigned(raw)
        try:
            return decode(json.loads(raw.decode("utf-8", "surrogatepass")))
        except (ValueError, RecursionError) as exc:  # DecodeError is a ValueError, as are JSON's errors
            raise GovkgError(f"{what}, spooled to {self.folder / name}, does not decode: {str(exc)[:160]}",
                             ref.path) from None

    def close(self) -> None:
        self._finalizer()


class SpooledReports(Sequence):
    """The results of a build in report-id order, read back from the spool one at a time."""

    def __init__(self, spool: ReportSpool, refs: list[SpooledReport]):
        self.spool = spool
        self.refs = refs

    def __len__(self) -> int:
        return len(self.refs)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self.spool.get(r) for r in self.refs[i]]
        return self.spool.get(self.refs[i])

    def __iter__(self) -> Iterator[ReportResult]:
        for r in self.refs:
            yield self.spool.get(r)

    def in_order(self, key: Callable[[str], object]) -> Iterator[ReportResult]:
        """The results in the order of ``key(report id)``, read one at a time."""
        for r in sorted(self.refs, key=lambda r: key(r.id)):
            yield self.spool.get(r)
