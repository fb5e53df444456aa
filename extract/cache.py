"""Extraction results cached by file content and extractor version, as data that cannot run code.

A rebuild of a thousand reports after one changed extracts one: every other
report's result is read back from the cache.  The key is a SHA-256 over the
extractor's fingerprint (the source of the ``extract`` package and its
lexicons, so any change to the code or a word list invalidates every entry),
the file's path, its bytes, and the manifest entry that overrides its metadata.

An entry is one JSON object with named fields (other stages may add their own
fields; a reader ignores the fields it does not know):

    {"mac": MAC, "head": OFFSET,                     (see below; absent without a key)
     "format": "govkg-cache", "version": 1, "extractor": FINGERPRINT,
     "report": REPORT ID, "path": FILE PATH, "sha256": THE FILE'S SHA-256,
     "override": MANIFEST ENTRY or null, "made": {FIELD: the version of what a later stage made},
     "summary": {what a build keeps of the result, see spool.py}, "digest": SHA-256 OF THE EXTRACTION,
     FIELD: {"version": ..., "data": what a later stage made of the result (the graph part)}, ...,
     "extraction": [the ReportResult, see codec.py]}

A build reads the summary (and the fields later stages made, checked by them) and decodes the
extraction only when it needs it, so a rebuild of unchanged reports decodes almost nothing.

Reading one is ``json.loads`` and the checked decoder of ``codec.py``: nothing in an
entry can run code.  An entry is used only when its format, version, fingerprint,
report id, path, file hash and override are those of the file being built, and its
extraction decodes; otherwise (a truncated, foreign, tampered or wrong-typed entry)
it is a miss with a warning, the report is extracted again and its entry rewritten.

An entry is signed: its first field is ``"mac"``, a keyed BLAKE2b over its name, ``"head"`` (where its
header ends: the fields before the first FIELD) and the rest of its bytes, with a secret of the user's kept outside the cache folder (``Signer``: ``$GOVKG_CACHE_KEY``, else
``$XDG_CONFIG_HOME/govkg/cache-key``, else ``~/.config/govkg/cache-key``; made on first use, readable
by the user only).  The checks above are of data that may come from anywhere (a cache folder copied
from elsewhere, or written by someone else); an entry whose MAC verifies was written by this user's
govkg as it is, so the stages that check what they read field by field (the summary's digest here,
the graph part in graph/parts.py) may take it as written, and read only the fields they need: a
rebuild reads a signed entry's header (its "made" versions trusted for that), the merge its header and
its part, neither the extraction.  An entry without a MAC, with a wrong one or one made with another
key, or any entry when the key cannot be read, is read whole and checked in full as before (its
"made" ignored).  Such an entry is not signed again when it passes: it stays on the checked path
until it is rewritten (a changed extractor or part version rewrites it).

The default folder is the user's cache directory (``$XDG_CACHE_HOME/govkg``, else
``~/.cache/govkg``), created private to the user, never the output folder that
others may read.  Entries are written to a temporary file and renamed; temporary
files that a killed build left behind are removed after a day.
"""
from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import tempfile
import time
from dataclasses import dataclass
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


KEY_ENV = "GOVKG_CACHE_KEY"  # the path of the key file, instead of the default one (tests set it)
KEY_BYTES = 32
_MAC_HEAD, _MAC_TAIL = b'{"mac":"', b'",'
_MAC_HEX = 2 * 32
_MAC_END = len(_MAC_HEAD) + _MAC_HEX + len(_MAC_TAIL)


def default_key_path() -> Path:
    """$GOVKG_CACHE_KEY, else $XDG_CONFIG_HOME/govkg/cache-key, else ~/.config/govkg/cache-key (APPDATA on
    Windows): the user's configuration, not the cache folder, so that a cache copied or written by
    someone else comes without it."""
    named = os.environ.get(KEY_ENV, "")
    if named:
        return Path(os.path.abspath(named))
    base = os.environ.get("XDG_CONFIG_HOME", "")
    if not base or not os.path.isabs(base):
        base = os.environ.get("APPDATA", "") if os.name == "nt" else ""
    return (Path(base) if base else Path.home() / ".config") / "govkg" / "cache-key"


def _read_key(path: Path) -> bytes:
    """The key in ``path``; OSError when it is not there, ValueError when it is not fit to sign with."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file")
        if os.name != "nt":
            if st.st_uid != os.getuid():
                raise ValueError("owned by another user")
            if st.st_mode & 0o077:
                raise ValueError(f"others may read or write it (mode {stat.S_IMODE(st.st_mode):o}; chmod 600 it)")
        text = os.read(fd, 4 * KEY_BYTES).decode("ascii", "replace").strip()
    finally:
        os.close(fd)
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise ValueError(f"not {2 * KEY_BYTES} hexadecimal digits")
    return key


def _make_key(path: Path) -> None:
    """A new random key in ``path``, readable by the user only; a key another build made first is kept."""
    import secrets

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache-key-")  # mode 600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(KEY_BYTES) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)  # all there or not there: never a half-written key
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


class Signer:
    """Signs what is written with a secret key, and tells what it signed from anything else.

    ``sign(name, data)``: a JSON object's bytes with a first field ``"mac"``, a keyed BLAKE2b of ``name``
    (where the data lives: a copy under another name does not verify) and of the object without it.
    ``verified(name, raw)``: the object's bytes without that field when its MAC is this key's for
    ``name``, else None.  Without a key (``key`` None) nothing is signed and nothing verifies."""

    def __init__(self, key: bytes | None, note: str = ""):
        self.key = key
        self.note = note  # why there is no key, when there is none and there should be

    @classmethod
    def for_cache(cls, folder: str | Path, path: Path | None = None) -> "Signer":
        """The user's key (``default_key_path``), made when there is none; no key (and a note why) when
        it cannot be read or made, or lies inside the cache ``folder``."""
        path = path or default_key_path()
        try:
            inside = Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
        except (OSError, ValueError):
            inside = False
        if inside:
            return cls(None, f"the cache key {path} lies inside the cache folder {folder}, where anyone who "
                             "writes entries can read it; it is not used")
        try:
            try:
                return cls(_read_key(path))
            except FileNotFoundError:
                _make_key(path)
                return cls(_read_key(path))
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            return cls(None, f"the cache key {path} cannot be used ({reason})")

    def _mac(self, name: str, head: int, body: bytes) -> bytes:
        h = hashlib.blake2b(key=self.key, digest_size=_MAC_HEX // 2, person=b"govkg-cache-v1")
        h.update(_bytes(name))
        h.update(b"\0%d\0" % head)
        h.update(body)
        return h.hexdigest().encode("ascii")

    def sign(self, name: str, data: bytes, head: int = 0) -> bytes:
        """``data`` (a JSON object's bytes) signed; ``head``: an offset into ``data`` that ``verified``
        gives back, signed with it (the end of an entry's header: cache.Cache reads up to it)."""
        if self.key is None or not data.startswith(b"{"):
            return data
        split = b'"head":%d,' % head if head else b""
        return _MAC_HEAD + self._mac(name, head, data) + _MAC_TAIL + split + data[1:]

    @staticmethod
    def _split(raw: bytes) -> tuple[bytes, int, int] | None:
        """(the MAC, the offset signed with it, where the object's own fields start) of signed bytes."""
        if not raw.startswith(_MAC_HEAD) or raw[_MAC_END - len(_MAC_TAIL):_MAC_END] != _MAC_TAIL:
            return None
        mac, at, head = raw[len(_MAC_HEAD):_MAC_END - len(_MAC_TAIL)], _MAC_END, 0
        if raw.startswith(b'"head":', at):
            end = raw.find(b",", at, at + 32)
            digits = raw[at + 7:end] if end > 0 else b""
            if not digits.isdigit():
                return None
            head, at = int(digits), end + 1
        return mac, head, at

    @classmethod
    def unsigned(cls, raw: bytes) -> bytes:
        """``raw`` without its MAC fields, if it has them, verified or not."""
        split = cls._split(raw)
        return raw if split is None else b"{" + raw[split[2]:]

    def verified(self, name: str, raw: bytes) -> tuple[bytes, int] | None:
        """(the object's bytes without the MAC fields, the offset signed with them) when the MAC is
        this key's for ``name``, else None."""
        split = self._split(raw) if self.key is not None else None
        if split is None:
            return None
        mac, head, at = split
        body = b"{" + raw[at:]
        if head > len(body) or not hmac.compare_digest(mac, self._mac(name, head, body)):
            return None
        return body, head


def cache_key(path: str, data: bytes, override: dict | None) -> str:
    h = hashlib.sha256()
    for part in (extractor_version(), path, json.dumps(override or {}, sort_keys=True, ensure_ascii=False)):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    h.update(data)
    return h.hexdigest()


# The last field of an entry.  No other field can hold these bytes (their quotes would be escaped in a
# string), nor can the extraction (it is lists, without keys).
_EXTRACTION = EXTRACTION = b',"extraction":'


def _digest_of(raw: bytes) -> str:
    """The SHA-256 of the bytes of an entry's extraction ("" when it has none at the end)."""
    at = raw.rfind(_EXTRACTION)
    if at < 0 or not raw.endswith(b"}"):
        return ""
    return hashlib.sha256(raw[at + len(_EXTRACTION):-1]).hexdigest()


def split_entry(body: bytes, head: int) -> tuple[bytes, bytes]:
    """A signed entry (``Signer.verified``) as ``Cache.put`` lays it out: its header (with the summary)
    and what was made with the extraction, each a JSON object's bytes (b"" when nothing was), without
    the extraction."""
    at = body.rfind(_EXTRACTION)
    if at < 0 or not body.endswith(b"}"):
        return body, b""
    if not 0 < head <= at:
        return body[:at] + b"}", b""
    made = body[head + 1:at]
    return body[:head] + b"}", b"{" + made + b"}" if made else b""


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a file name that is not UTF-8 keeps its escapes


class Cache:
    """A folder of cached extraction results; ``warnings`` collects what was wrong with entries."""

    def __init__(self, folder: str | Path, signer: Signer | None = None):
        self.folder = Path(folder)
        self.hits = self.misses = 0
        self.signed = 0  # entries read whose MAC verified (their summary's digest not computed again)
        self.warnings: list[str] = []
        self.signer = signer if signer is not None else Signer.for_cache(self.folder)
        if self.signer.note:
            self.warnings.append(f"{self.signer.note}; every cache entry is checked in full")
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

    def _head(self, key: str, report: str, path: str, sha256: str, override: dict | None,
              whole: bool = True) -> dict | None:
        """The entry for this file when its header is that of the file being built, else None (a miss).
        ``whole`` False: a signed entry's extraction is left unread (the entry has no "extraction")."""
        try:
            raw = self._path(key).read_bytes()
        except OSError:  # not there (or unreadable): an ordinary miss
            self.misses += 1
            return None
        self._raw = raw
        signed = self.signer.verified(key, raw)
        self._signed = signed is not None
        head_only = False
        if signed is not None and not whole:
            raw, head_only = split_entry(*signed)[0], signed[1] > 0
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
        made = entry.pop("made", None)  # the versions of what was made: trusted from a signed header only
        if head_only and isinstance(made, dict):
            entry["made"] = made
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

        entry = self._head(key, report, path, sha256, override, whole=False)
        if entry is None:
            return None, None
        if "summary" in entry and "digest" in entry:
            # the summary is of this very extraction: signed by this user's govkg as it was written, or
            # the digest of its bytes is the one the summary was written with
            if not self._signed and _digest_of(self._raw) != entry["digest"]:
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
            self.signed += self._signed
            return ref, entry
        if "extraction" not in entry:  # a signed entry of an older layout: its extraction read after all
            entry = self._head(key, report, path, sha256, override)
            if entry is None:
                return None, None
        result = self._result(key, report, path, sha256, entry)
        if result is None:
            return None, None
        return ReportSpool.cached(result, str(self._path(key).resolve())), entry

    def put(self, key: str, result: ReportResult, override: dict | None = None, **extra) -> Path | None:
        """Store ``result`` (``extra``: further named fields for the entry) with its summary; the entry's
        path, or None when the cache could not be written."""
        from .spool import summary_of

        try:
            extraction = entry_json(encode_result(result))
            made = entry_json(extra)[1:-1]
        except ValueError:  # a cache that cannot be written only costs speed
            return None
        versions = {name: value["version"] for name, value in extra.items()
                    if isinstance(value, dict) and isinstance(value.get("version"), str)}
        return self._write(key, summary_of(result), result.document.sha256, override, versions, made, extraction)

    def put_encoded(self, key: str, encoded: "Encoded", override: dict | None = None, field: str = "",
                    version: str = "") -> Path | None:
        """``put`` of a result its worker encoded (``encode``), the same bytes: this process makes the
        header from the summary (checked first: ``Encoded.checked``) and its own names and versions, and
        signs the extraction and what was made (under ``field``, of ``version``) as the worker wrote them."""
        made, versions = b"", {}
        if field and encoded.made is not None:
            made, versions = made_field(field, version, encoded.made), {field: version}
        return self._write(key, encoded.summary, encoded.sha256, override, versions, made, encoded.extraction)

    def _write(self, key: str, summary: dict, sha256: str, override: dict | None, versions: dict, made: bytes,
               extraction: bytes) -> Path | None:
        """The entry: the header first (what a build of unchanged reports reads), then what was made
        (``made``: JSON object members), then the extraction, its bytes digested; signed, written to a
        temporary file and renamed.  Its path, or None when the cache could not be written."""
        target = self._path(key)
        try:
            entry = {"format": FORMAT, "version": VERSION, "extractor": extractor_version(), "report": summary["id"],
                     "path": summary["path"], "sha256": sha256, "override": override or None, "made": versions,
                     "summary": summary, "digest": hashlib.sha256(extraction).hexdigest()}
            head = entry_json(entry)
            data = head[:-1] + (b"," + made if made else b"") + _EXTRACTION + extraction + b"}"
            data = self.signer.sign(key, data, len(head) - 1)
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


def entry_json(data) -> bytes:
    """``data`` as the cache and the spool write JSON: compact, UTF-8 (a name's escapes kept)."""
    return _bytes(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def made_field(field: str, version: str, data: bytes) -> bytes:
    """The JSON object member ``"FIELD":{"version":VERSION,"data":DATA}`` (``data``: JSON bytes), byte for
    byte what ``entry_json({field: {"version": version, "data": ...}})`` holds between its braces."""
    return entry_json(field) + b":" + made_value(version, data)


def made_value(version: str, data: bytes) -> bytes:
    """``{"version":VERSION,"data":DATA}`` (``data``: JSON bytes), byte for byte what
    ``entry_json({"version": version, "data": ...})`` writes: what was made of a result, in a cache entry or
    the spool."""
    return b'{"version":' + entry_json(version) + b',"data":' + data + b"}"


@dataclass
class Encoded:
    """A result as the worker that extracted it encodes it (``encode``; extract/executor.py), so that the
    build's main process does not unpickle and encode it again: it checks the summary and writes the bytes
    (a cache entry, ``Cache.put_encoded``, or the spool, ``ReportSpool.put_encoded``).

    ``summary``: spool.summary_of(result); ``sha256``: the file's; ``extraction``: the JSON of
    codec.encode_result(result); ``made``: the JSON of what Finish.make made of it, or None.  The worker
    is the build's own (a forked process, or the Dask cluster it was told to use, whose results come back
    pickled): its bytes are as trusted as the result it would otherwise send.  They are never taken as a
    signed entry's on the way in: the main process makes the header itself, from a summary that
    ``checked`` decodes field by field and that must be of the file it sent, and signs the entry with
    the user's key (which the workers never see)."""

    summary: dict
    sha256: str
    extraction: bytes
    made: bytes | None = None
    ref: object = None  # the SpooledReport of the summary, once ``checked``

    def checked(self, path: str, data: bytes) -> "Encoded":
        """This, its summary decoded (``ref``) and found to be of the file at ``path`` whose bytes are
        ``data``; DecodeError otherwise."""
        from .reader import doc_id_for
        from .spool import spooled_ref

        if not (isinstance(self.extraction, bytes) and isinstance(self.sha256, str)
                and (self.made is None or isinstance(self.made, bytes))):
            raise DecodeError("an encoded result of the wrong types")
        ref = spooled_ref(self.summary, "")
        if ref.id != doc_id_for(path) or ref.path != path:
            raise DecodeError(f"an encoded result of {ref.id[:40]!r} ({ref.path[:60]}), not of this file")
        if self.sha256 != hashlib.sha256(data).hexdigest():
            raise DecodeError("an encoded result of other bytes than this file's")
        self.ref = ref
        return self


def encode(result: ReportResult, made=None) -> Encoded:
    """``result`` (and ``made``, JSON data made of it, when not None) encoded as the cache and the spool
    write them."""
    from .spool import summary_of

    return Encoded(summary_of(result), result.document.sha256, entry_json(encode_result(result)),
                   None if made is None else entry_json(made))
