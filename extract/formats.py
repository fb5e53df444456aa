"""The text of the binary report formats: PDF (with pdfminer.six, the optional extra ``pdf``) and
Word .docx (read with the standard library: a .docx is a zip of XML parts).

PDF: the text of each page in reading order (pdfminer's layout analysis); the lines of a
paragraph, which the page wraps, are joined again (a Chinese line break is no space); a line
in the top or bottom band of a page is dropped when it is a page number (3, - 3 -, 第3页,
第 3 页 共 12 页, 3/12) or when the same line, digits aside, stands in that band on most pages
(a running header or footer).  Pages are separated by a blank line.

Word: the paragraphs of the main document part (word/document.xml) in order, table cells
included, one line each; headers, footers, footnotes and comments are other parts and are not
read, and deleted text (tracked changes) is left out.

Both are hostile input: sizes are capped before anything is inflated, a .docx with a DTD
(which Word never writes, and entity tricks need) is refused, and every failure is a
ReadError naming the file.
"""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from xml.etree import ElementTree

from .errors import ReadError

MAX_XML = 64 << 20  # a document.xml larger than this inflated is refused (a zip bomb)
BAND = 0.1  # the top and bottom tenth of a page hold its running header and footer
PAGE_NUMBER = re.compile(r"[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:(?:/|共)\s*\d{1,4}\s*(?:页)?)?[-—–\s]*|"
                         r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.I)
STOPS = "。！？!?；;：:”」』）)"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def looks_like_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def looks_like_docx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]


# ---------------------------------------------------------------- Word

def docx_text(data: bytes, path: str) -> str:
    """The paragraphs of a .docx file, one per line."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ReadError("not a Word .docx file (no word/document.xml in a zip archive)", path) from None
    if info.file_size > MAX_XML:
        raise ReadError(f"its document.xml is {info.file_size:,} bytes inflated (at most {MAX_XML:,})", path)
    try:
        with archive.open(info) as fh:
            xml = fh.read(MAX_XML + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError) as exc:
        raise ReadError(f"the .docx archive is damaged: {exc}", path) from None
    if len(xml) > MAX_XML:
        raise ReadError(f"its document.xml inflates to more than {MAX_XML:,} bytes", path)
    if b"<!DOCTYPE" in xml[:4096] or b"<!ENTITY" in xml:
        raise ReadError("its document.xml declares a DTD, which Word never writes; refused", path)
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise ReadError(f"its document.xml is not well-formed XML: {exc}", path) from None
    lines = []
    for para in root.iter(f"{W}p"):
        parts = []
        for el in para.iter():
            if el.tag == f"{W}t" and el.text:
                parts.append(el.text)
            elif el.tag == f"{W}tab":
                parts.append("\t")
            elif el.tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
        lines.append("".join(parts))
    return "\n".join(lines).strip("\n") + "\n"


# ---------------------------------------------------------------- PDF

def pdf_text(data: bytes, path: str) -> str:
    """The text of a PDF file in reading order, without running headers, footers and page numbers."""
    try:
        from pdfminer.high_level import extract_pages
        from pdfminer.layout import LAParams, LTTextBox
    except ImportError:
        raise ReadError("is a PDF file; reading PDF needs pdfminer.six: pip install 'govkg[pdf]'", path) from None
    pages: list[tuple[float, list[tuple[float, list]]]] = []  # (height, [(box top, lines)])
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            boxes = [(b.y1, b.x0, b.x1, [ln for ln in b]) for b in page if isinstance(b, LTTextBox)]
            pages.append((page.height, page.y0, boxes))
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds (PDFSyntaxError, PSEOF, PDFPasswordIncorrect, …)
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise ReadError("the PDF is encrypted; save an unprotected copy", path) from None
        raise ReadError(f"not a readable PDF ({name}: {' '.join(str(exc).split())[:200]})", path) from None
    repeated = _running_lines(pages)
    out_pages = []
    for height, y0, boxes in pages:
        kept = [ln for _, _, _, lines in boxes for ln in lines if not _dropped(ln, height, y0, repeated)]
        if kept:  # the page's margins: where its lines start and end
            out_pages.append(_paragraphs(kept, min(ln.x0 for ln in kept), max(ln.x1 for ln in kept)))
    return "\n\n".join(p for p in out_pages if p.strip()) + "\n"


def _in_band(line, height: float, y0: float) -> bool:
    return line.y0 >= y0 + height * (1 - BAND) or line.y1 <= y0 + height * BAND


def _key(line) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.get_text()))


def _running_lines(pages) -> set[str]:
    """Lines (digits aside) that stand in the top or bottom band of most pages (at least two)."""
    seen: Counter[str] = Counter()
    for height, y0, boxes in pages:
        seen.update({_key(ln) for _, _, _, lines in boxes for ln in lines if _in_band(ln, height, y0)})
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, n in seen.items() if n >= need and k.strip("#")}


def _dropped(line, height: float, y0: float, repeated: set[str]) -> bool:
    if not _in_band(line, height, y0):
        return False
    text = line.get_text().strip()
    return not text or bool(PAGE_NUMBER.fullmatch(text)) or _key(line) in repeated


def _paragraphs(lines, left: float, right: float) -> str:
    """The lines of a page in reading order, joined into paragraphs: a line that ends short of the
    right margin, one followed by an indented line, and one followed by a gap ends its paragraph."""
    out, current = [], ""
    for i, ln in enumerate(lines):
        text = ln.get_text().rstrip("\n").rstrip()
        width = max((ln.x1 - ln.x0) / max(len(text), 1), 1.0)  # about one character
        if current and current[-1:].isascii() and current[-1:].isalnum() and text[:1].isascii() and text[:1].isalnum():
            current += " "
        current += text.strip() if current else text.strip()
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        short = ln.x1 < right - 2 * width
        indented = nxt is not None and nxt.x0 > left + 1.5 * width
        gap = nxt is not None and (nxt.y1 < ln.y0 - (ln.y1 - ln.y0) or nxt.y0 > ln.y1)  # a blank line, or back up
        if nxt is None or short or indented or gap or (text.endswith(tuple(STOPS)) and ln.x1 < right - width):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n".join(out)
