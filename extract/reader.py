"""bytes -> Document: encoding detection, markup and residue stripping, sentences.

Offsets: every offset in govkg points into ``Document.text``.  For a plain
text or Markdown file ``text`` is the decoded file, unchanged (web-page residue
lines are kept in ``text`` but yield no sentences), so offsets are offsets into
the original file's characters.  For HTML, ``text`` is the page's text content
(markup removed, entities decoded), and offsets point into that.  For PDF and
Word files, ``text`` is the text extracted from them (extract/formats.py), and
offsets point into that.  In every case ``text[begin:end]`` is a span's
``nif:anchorOf`` in the graph.
"""
from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from .errors import ReadError
from .lexicons import load_lines
from .model import Document, Sentence

EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx"}
# formats that are not text: their text is made by extract/formats.py
BINARY_FORMATS = {"pdf": "pdf_text", "docx": "docx_text"}
# what to tell of a common file that is not read
UNSUPPORTED_HINTS = {".doc": "save as .docx", ".wps": "save as .docx", ".rtf": "save as .docx"}

MAX_SENTENCE = 600  # longer runs without a stop are cut at commas (or hard) so no stage sees a huge "sentence"

# ---------------------------------------------------------------- encodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _plausibility(text: str) -> float:
    """Share of characters that report text is made of (CJK, ASCII, common punctuation)."""
    sample = text[:4000]
    if not sample:
        return 0.0
    good = 0
    for ch in sample:
        o = ord(ch)
        if (0x4E00 <= o <= 0x9FFF or 0x20 <= o < 0x7F or ch in "\n\r\t" or 0x3000 <= o <= 0x303F
                or 0xFF00 <= o <= 0xFFEF or 0x2010 <= o <= 0x206F or 0x3400 <= o <= 0x4DBF):
            good += 1
    return good / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose decoding looks like report text."""
    if len(data) < 4 or len(data) % 2:
        return None
    best, best_score = None, 0.0
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            score = _plausibility(data[:8192].decode(enc, errors="strict"))
        except UnicodeDecodeError:
            continue
        if score > best_score:
            best, best_score = enc, score
    return best if best_score >= 0.9 else None


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes without being told the encoding.

    Order: a BOM; strict UTF-8; UTF-16 by the position of NUL bytes; strict
    GB18030 (a superset of GBK and GB2312).  Binary data raises ReadError.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc.replace("-sig", "")), enc.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise ReadError(f"starts with a {enc} byte-order mark but does not decode as {enc}: {exc.reason} at byte {exc.start}", path) from None
    return decode_report(data, path)[:2]


def decode_report(data: bytes, path: str = "<bytes>") -> tuple[str, str, list[str]]:
    """``decode`` with what was repaired: (text, encoding, warnings)."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return (*decode(data, path), [])
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8", []
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        # a UTF-8 file cut inside its last character (a copy or download that stopped short)
        text = data[:utf8_error.start].decode("utf-8") + "\ufffd"
        return _check_text(text, path), "utf-8", [
            f"{path}: the file ends inside a character (byte {utf8_error.start} of {len(data)}); "
            "its last character is replaced by U+FFFD"]
    guess = _utf16_without_bom(data)
    if guess and _plausibility(data.decode("gb18030", errors="replace")) < _plausibility(data.decode(guess, errors="replace")):
        try:
            return _check_text(data.decode(guess), path), guess, []
        except UnicodeDecodeError:
            pass
    try:
        return _check_text(data.decode("gb18030"), path), "gb18030", []
    except UnicodeDecodeError as exc:
        raise ReadError(f"not UTF-8 text (undecodable byte at offset {utf8_error.start}), nor GB18030 (offset "
                        f"{exc.start}) or UTF-16; is it a binary file?", path) from None


def _check_text(text: str, path: str) -> str:
    if not text:
        return text
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or 0xE000 <= ord(ch) <= 0xF8FF)
    if bad > max(8, 0.05 * len(sample)):
        raise ReadError(f"looks like a binary file ({bad} control characters in the first {len(sample)}), not a report", path)
    return text


# ---------------------------------------------------------------- HTML

_SKIP_TAGS = {"script", "style", "noscript", "iframe", "nav", "header", "footer", "form", "button",
              "select", "option", "template", "svg", "canvas", "object", "embed", "video", "audio", "head", "title"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "h1", "h2", "h3",
               "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "dl", "hr", "td", "th", "center", "body", "html"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "source", "track", "wbr", "param", "embed"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self._skip.append(tag)
        elif tag in _BLOCK_TAGS and not self._skip:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS and not self._skip:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if self._skip and tag == self._skip[-1]:
            self._skip.pop()
        elif tag in self._skip:  # unbalanced markup: unwind to the matching tag
            while self._skip and self._skip.pop() != tag:
                pass
        elif tag in _BLOCK_TAGS and not self._skip:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one block per line."""
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # HTMLParser is lenient; this is a last resort for pathological input
        return unescape(re.sub(r"<[^>]*>", "\n", markup))
    text = "".join(parser.parts)
    text = text.replace("\xa0", " ").replace("\u3000", "  ")
    lines = [ln.rstrip() for ln in text.split("\n")]
    out: list[str] = []
    for ln in lines:
        if ln.strip() or (out and out[-1].strip()):
            out.append(ln)
    return "\n".join(out).strip("\n") + ("\n" if out else "")


_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|body|div|p|span|table|meta|head)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:4000]))


# ---------------------------------------------------------------- width folding

def _fold_table() -> dict[int, int]:
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = 0x20  # ideographic space
    table[0xFEFF] = 0x20  # stray BOM / zero-width no-break space
    return table


_FOLD = _fold_table()


def fold_width(text: str) -> str:
    """Full-width forms to half-width, one character for one, so offsets stay valid."""
    return text.translate(_FOLD)


# what scrapers leave in text: literal escapes of line breaks (the four characters \r\n) and
# HTML's space entities, read as a line break and as spaces, character for character
_ESCAPED = re.compile(r"\\r\\n|\\n|\\r|&(?:nbsp|ensp|emsp|thinsp|#160|#xa0);", re.I)


def _blank(m: re.Match) -> str:
    return " " * (len(m.group()) - 1) + ("\n" if m.group().startswith("\\") else " ")


def normalize(text: str) -> str:
    """``Document.norm``: the text width-folded, with literal ``\\r\\n`` escapes as line breaks and
    ``&nbsp;`` as spaces, one character for one (offsets into it are offsets into the text)."""
    folded = fold_width(text)
    return _ESCAPED.sub(_blank, folded) if ("\\" in folded or "&" in folded) else folded


# ---------------------------------------------------------------- residue


class _Residue:
    _patterns: list[re.Pattern] | None = None
    _lists: list[re.Pattern] | None = None

    @classmethod
    def patterns(cls) -> list[re.Pattern]:
        if cls._patterns is None:
            cls._patterns = [re.compile(p) for p in load_lines("residue.txt")]
        return cls._patterns

    @classmethod
    def lists(cls) -> list[re.Pattern]:
        if cls._lists is None:
            cls._lists = [re.compile(p) for p in load_lines("residue_lists.txt")]
        return cls._lists


LIST_ITEM = 40  # under a list heading, a line this short without a sentence stop is an item (a link)
_SENTENCE_STOPS = set("。；;！？!?")


def is_list_heading(line: str) -> bool:
    """The heading of a page's list of links: 相关阅读, 本栏推荐, 阅读排行, 标签云, 上一篇：…"""
    s = line.strip()
    return 0 < len(s) <= LIST_ITEM and any(p.search(s) for p in _Residue.lists())


def _is_list_item(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= LIST_ITEM and not any(c in _SENTENCE_STOPS for c in s)


# Residue is a short line of its own, or a short piece at the very start or end of a long line
# (a page's header or footer glued to text copied from a PDF or a scraped page); a residue phrase
# anywhere else is part of the report's text.
RESIDUE_LINE = 150  # a line longer than this is not residue as a whole
RESIDUE_EDGE = 300  # in a longer line, residue pieces lie within this many characters of its ends


def is_residue(line: str) -> bool:
    """Web-page residue: navigation, share buttons, player messages, copyright and ICP lines."""
    s = line.strip()
    if not s or len(s) > RESIDUE_LINE:
        return False
    return any(p.search(s) for p in _Residue.patterns())


# ---------------------------------------------------------------- sentences

_STOPS = set("。！？!?；;")
_CLOSERS = set("”’」』)）》\"'")
_BULLETS = " \t\u3000◆★●○■□▲△◇※·•-*#>—"


def split_sentences(text: str, norm: str | None = None) -> tuple[Sentence, ...]:
    """Split into sentences at 。！？； and line ends; offsets into ``text``.

    Residue lines give no sentence, nor does a list of links (a heading such as 相关阅读
    and the short lines under it, up to a blank line or one that reads like text);
    leading bullets and spaces are not part of a sentence; a run longer than
    MAX_SENTENCE is cut at a comma.  Lines end at the line breaks of ``norm`` (which
    has them where the text has literal ``\\r\\n`` escapes too).
    """
    norm = normalize(text) if norm is None else norm
    out: list[Sentence] = []
    pos = 0
    n = len(text)
    in_list = False
    while pos < n:
        nl = norm.find("\n", pos)
        line_end = n if nl < 0 else nl
        line = norm[pos:line_end]
        if in_list and _is_list_item(line):
            pos = line_end + 1
            continue
        in_list = False
        if line_end - pos > RESIDUE_LINE:
            _split_line(text, norm, pos, line_end, out, edges=(pos + RESIDUE_EDGE, line_end - RESIDUE_EDGE))
        elif is_list_heading(line):
            in_list = True
        elif not is_residue(line):
            _split_line(text, norm, pos, line_end, out)
        pos = line_end + 1
    return tuple(out)


def _split_line(text: str, norm: str, start: int, end: int, out: list[Sentence],
                edges: tuple[int, int] | None = None) -> None:
    """The sentences of one line; with ``edges``, a residue piece before the first or after the
    second offset gives none."""
    if edges is not None:
        emitted = len(out)
        _split_line(text, norm, start, end, out)
        kept = [s for s in out[emitted:] if not ((s.start < edges[0] or s.end > edges[1]) and is_residue(norm[s.start:s.end]))]
        out[emitted:] = [Sentence(index=emitted + i, start=s.start, end=s.end, text=s.text) for i, s in enumerate(kept)]
        return
    i = start
    seg_start = start
    while i < end:
        ch = norm[i]
        if ch in _STOPS:
            j = i + 1
            while j < end and (norm[j] in _STOPS or norm[j] in _CLOSERS):
                j += 1
            _emit(text, norm, seg_start, j, out)
            seg_start = i = j
            continue
        if i - seg_start >= MAX_SENTENCE:
            cut = max(norm.rfind(",", seg_start, i), norm.rfind("、", seg_start, i))
            cut = cut + 1 if cut > seg_start + MAX_SENTENCE // 4 else i
            _emit(text, norm, seg_start, cut, out)
            seg_start = cut
        i += 1
    _emit(text, norm, seg_start, end, out)


def _emit(text: str, norm: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and (norm[start] in _BULLETS or norm[start].isspace()):
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    if end > start and any(ch.isalnum() for ch in norm[start:end]):
        out.append(Sentence(index=len(out), start=start, end=end, text=text[start:end]))


# ---------------------------------------------------------------- documents


_ID_SAFE = frozenset(range(0x21, 0x7F)) - set(b'%"<>\\^`{|}')


def doc_id_for(path: str | Path) -> str:
    """A report's id is its file name without the extension.

    A name that is not valid UTF-8 (what unzip makes of an archive with GBK names) is
    written with its bytes percent-encoded, as IRIs do (南沙 in GBK: %C4%CF%C9%B3), so
    every name gives a distinct id that any output can hold."""
    stem = Path(path).stem
    if not _has_surrogates(stem):
        return stem
    raw = os.fsencode(stem)
    return "".join(chr(b) if b in _ID_SAFE else f"%{b:02X}" for b in raw)


def _has_surrogates(text: str) -> bool:
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def read_bytes(data: bytes, path: str = "<bytes>", fmt: str | None = None, doc_id: str | None = None) -> Document:
    """Build a Document from raw bytes; ``fmt`` is text/html/markdown/pdf/docx or None to sniff.

    A file without text (empty, only white space, markup or a PDF without a text layer) is a
    ReadError naming it."""
    from . import formats

    if not data.strip():
        raise ReadError("is empty (no text)" if not data else "holds only white space, no text", path)
    if fmt is None and formats.looks_like_pdf(data):
        fmt = "pdf"
    elif fmt is None and formats.looks_like_docx(data):
        fmt = "docx"
    if fmt in BINARY_FORMATS:
        text, encoding, warnings = getattr(formats, BINARY_FORMATS[fmt])(data, path), fmt, []
    else:
        text, encoding, warnings = decode_report(data, path)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", " ")
    if fmt is None:
        fmt = "html" if looks_like_html(text) else "text"
    if fmt in ("text", "markdown") and looks_like_html(text) and text.count("<") > 20:
        fmt = "html"
        warnings.append(f"{path}: has HTML markup; read as HTML")
    if fmt == "html":
        text = html_to_text(text)
    if not text.strip():
        raise ReadError("holds only white space, no text" if fmt in (None, "text", "markdown") else
                        f"has no text ({'a scanned PDF? govkg does not read images' if fmt == 'pdf' else 'nothing but markup'})",
                        path)
    norm = normalize(text)
    sentences = split_sentences(text, norm)
    if not sentences:
        warnings.append(f"{path}: no sentences found")
    return Document(
        id=doc_id or doc_id_for(path), path=str(path), text=text, norm=norm, sentences=sentences,
        encoding=encoding, format=fmt, sha256=hashlib.sha256(data).hexdigest(), warnings=tuple(warnings),
    )


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def file_bytes(path: str | Path) -> bytes:
    """The bytes of a report file, or a ReadError naming it and the reason.  Only a regular file
    is read: a named pipe or a device would block the build or never end."""
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ReadError("no such file", str(p)) from None
    except IsADirectoryError:
        raise ReadError("is a directory, not a report file", str(p)) from None
    except OSError as exc:
        raise ReadError(f"cannot be read: {exc.strerror or exc}", str(p)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise ReadError("is a directory, not a report file", str(p))
        if not stat.S_ISREG(mode):
            raise ReadError(f"is {_kind(mode)}, not a report file", str(p))
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            return fh.read()
    except OSError as exc:
        raise ReadError(f"cannot be read: {exc.strerror or exc}", str(p)) from None
    finally:
        if fd >= 0:
            os.close(fd)


def format_of(path: str | Path) -> str | None:
    """text, html or markdown by the file's extension; None to sniff the content."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def read_file(path: str | Path) -> Document:
    """Read one report file (.txt, .md, .html/.htm)."""
    return read_bytes(file_bytes(path), str(Path(path)), format_of(path))


def _walk(root: Path, problems: list[str], unsupported: list[Path] | None = None) -> list[Path]:
    """The report files under ``root`` (hidden entries skipped); every entry that cannot be
    read (a folder without permission, a symbolic link loop or a broken link, a named pipe or a
    device with a report's extension) is named in ``problems``."""
    found: list[Path] = []
    todo: list[tuple[Path, frozenset]] = []
    try:
        st = os.stat(root)
        todo.append((root, frozenset({(st.st_dev, st.st_ino)})))
    except OSError as exc:
        problems.append(f"{root}: folder cannot be read ({exc.strerror or exc})")
    while todo:
        folder, above = todo.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            problems.append(f"{folder}: folder cannot be read ({exc.strerror or exc}); its reports are skipped")
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            report = p.suffix.lower() in EXTENSIONS
            try:
                st = os.stat(p)
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    problems.append(f"{p}: symbolic link loop; skipped")
                elif e.is_symlink():
                    if report:
                        problems.append(f"{p}: broken symbolic link; skipped")
                else:
                    problems.append(f"{p}: cannot be read ({exc.strerror or exc}); skipped")
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in above:
                    problems.append(f"{p}: symbolic link loop (leads back to a folder above it); skipped")
                else:
                    todo.append((p, above | {key}))
            elif stat.S_ISREG(st.st_mode):
                if report:
                    found.append(p)
                elif unsupported is not None:
                    unsupported.append(p)
            elif report:
                problems.append(f"{p}: is {_kind(st.st_mode)}, not a report file; skipped")
    return sorted(found)


MAX_NAMED = 20  # an unsupported-files line names this many, then counts the rest


def unsupported_line(folder: Path, files: list[Path]) -> str:
    """One line naming the files of ``folder`` that are not read, with a hint for the common kinds."""
    names = [str(f.relative_to(folder)) for f in sorted(files)]
    shown = ", ".join(names[:MAX_NAMED]) + (f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else "")
    hints = sorted({f"{ext}: {hint}" for f in files for ext, hint in UNSUPPORTED_HINTS.items() if f.suffix.lower() == ext})
    return (f"{folder}: {len(names)} file(s) of a type govkg does not read, skipped: {shown}"
            + (f" ({'; '.join(hints)})" if hints else "") + f"; it reads {' '.join(sorted(EXTENSIONS))}")


def find_reports(paths: list[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand files and folders into report files (sorted); also return problems found."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        try:
            st = os.stat(p)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                problems.append(f"{p}: symbolic link loop")
            elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
                problems.append(f"{p}: no such file or folder")
            else:
                problems.append(f"{p}: cannot be read ({exc.strerror or exc})")
            continue
        if stat.S_ISDIR(st.st_mode):
            unsupported: list[Path] = []
            found = _walk(p, problems, unsupported)
            if unsupported:
                problems.append(unsupported_line(p, unsupported))
            if not found:
                problems.append(f"{p}: folder holds no report files ({', '.join(sorted(EXTENSIONS))})")
            files.extend(found)
        elif stat.S_ISREG(st.st_mode):
            files.append(p)
        else:
            problems.append(f"{p}: is {_kind(st.st_mode)}, not a report file")
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, problems
