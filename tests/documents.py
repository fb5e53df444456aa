"""Small PDF and Word files made by hand for the reader's tests (no library writes them)."""
from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape


def make_pdf(pages: list[list[tuple[float, float, str]]], size: float = 12, width: float = 595, height: float = 842) -> bytes:
    """A PDF whose pages hold the given lines, each (x, y, text) in points from the bottom left, in
    the Chinese font every reader has (STSong-Light, UniGB-UCS2-H: no font is embedded)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in at the end
    pages_id = add(b"")
    descriptor = add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] "
                     b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
               b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
               b"/Ordering (GB1) /Supplement 2 >> /FontDescriptor %d 0 R /DW 1000 /W [1 95 500] >>] >>" % descriptor)
    kids = []
    for lines in pages:
        ops = [b"BT"]
        for x, y, text in lines:
            hexed = text.encode("utf-16-be").hex().upper().encode()
            ops.append(b"/F1 %g Tf 1 0 0 1 %g %g Tm <%s> Tj" % (size, x, y, hexed))
        ops.append(b"ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 %d 0 R >> >> "
                        b"/Contents %d 0 R >>" % (pages_id, width, height, font, content)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (i, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref))
    return out.getvalue()


def make_docx(paragraphs: list[str], header: str | None = None, deleted: str | None = None) -> bytes:
    """A .docx with these paragraphs (a paragraph "A|B" is a table row of two cells), an optional
    page header (its own part) and an optional deleted run (a tracked change) in the first paragraph."""
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = []
    for i, para in enumerate(paragraphs):
        if "|" in para:
            cells = "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>" for c in para.split("|"))
            body.append(f"<w:tbl><w:tr>{cells}</w:tr></w:tbl>")
            continue
        runs = "".join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>' if j == 0 else
                       f"<w:r><w:tab/><w:t>{escape(part)}</w:t></w:r>" for j, part in enumerate(para.split("\t")))
        if deleted and i == 0:
            runs += f"<w:del><w:r><w:delText>{escape(deleted)}</w:delText></w:r></w:del>"
        body.append(f"<w:p>{runs}</w:p>")
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {w}><w:body>{"".join(body)}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("word/document.xml", document)
        if header:
            z.writestr("word/header1.xml", f'<?xml version="1.0"?><w:hdr {w}><w:p><w:r><w:t>{escape(header)}</w:t></w:r></w:p></w:hdr>')
    return out.getvalue()
