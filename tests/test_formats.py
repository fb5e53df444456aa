"""PDF and Word input: files made by the tests themselves (tests/documents.py)."""
import builtins
import io
import zipfile

import pytest

from documents import make_docx, make_pdf
from govkg.extract.errors import ReadError
from govkg.extract.reader import find_reports, read_bytes, read_file
from helpers import run

BODY = "南沙区加快建设明珠湾大桥，推进南沙科学城建设，地区生产总值增长8.5%。"


def _report_pdf(pages=3):
    out = []
    for n in range(1, pages + 1):
        out.append([(72, 800, "广州市南沙区人民政府工作报告"),  # a running header
                    (96, 700, BODY[:20]), (72, 685, BODY[20:] + "各位代表。"),  # one paragraph, wrapped
                    (96, 650, f"第{n}部分：推进改革。"),
                    (290, 40, f"- {n} -")])  # the page number
    return make_pdf(out)


def test_pdf_text_in_reading_order_without_headers_footers_and_page_numbers():
    doc = read_bytes(_report_pdf(), "r.pdf", "pdf")
    page = f"{BODY}各位代表。\n第{{n}}部分：推进改革。"
    assert doc.text == "\n\n".join(page.format(n=n) for n in (1, 2, 3)) + "\n"
    assert doc.format == "pdf" and doc.encoding == "pdf"
    assert [s.text for s in doc.sentences][:3] == [BODY, "各位代表。", "第1部分：推进改革。"]


def test_a_single_page_keeps_its_header_but_drops_its_page_number():
    doc = read_bytes(make_pdf([[(72, 800, "南沙区人民政府"), (72, 700, BODY), (290, 40, "第 1 页 共 1 页")]]), "one.pdf")
    assert doc.text == f"南沙区人民政府\n{BODY}\n"  # sniffed as PDF without the extension's help


def test_pdf_in_a_folder_is_built(tmp_path):
    (tmp_path / "nansha.pdf").write_bytes(_report_pdf())
    code, out, err = run(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--no-cache", "--no-html"])
    assert code == 0, err
    assert "nansha: 南沙区" in out


def test_a_damaged_or_imageonly_pdf_is_an_error_naming_it():
    with pytest.raises(ReadError, match=r"^bad\.pdf: not a readable PDF"):
        read_bytes(b"%PDF-1.4\nthis is no pdf at all\n", "bad.pdf", "pdf")
    with pytest.raises(ReadError, match=r"^scan\.pdf: has no text \(a scanned PDF\?"):
        read_bytes(make_pdf([[]]), "scan.pdf", "pdf")


def test_without_pdfminer_the_error_names_the_file_and_the_extra(monkeypatch):
    real = builtins.__import__

    def no_pdfminer(name, *args, **kwargs):
        if name.startswith("pdfminer"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pdfminer)
    with pytest.raises(ReadError) as exc:
        read_bytes(_report_pdf(1), "r.pdf", "pdf")
    assert str(exc.value) == "r.pdf: is a PDF file; reading PDF needs pdfminer.six: pip install 'govkg[pdf]'"


def test_docx_paragraphs_tables_and_tabs_without_headers_and_deleted_text(tmp_path):
    data = make_docx(["海珠区2023年政府工作报告", "各位代表：\t现在，我代表区人民政府报告工作。", "指标|增长8%"],
                     header="海珠区人民政府文件", deleted="删去的话")
    (tmp_path / "haizhu.docx").write_bytes(data)
    doc = read_file(tmp_path / "haizhu.docx")
    assert doc.text == "海珠区2023年政府工作报告\n各位代表：\t现在，我代表区人民政府报告工作。\n指标\n增长8%\n"
    assert doc.format == "docx"
    assert read_bytes(data, "x").text == doc.text  # sniffed without the extension


def test_hostile_docx_is_refused_by_name():
    with pytest.raises(ReadError, match=r"^a\.docx: not a Word \.docx file"):
        read_bytes(b"PK\x03\x04 word/ but not a zip", "a.docx", "docx")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w") as z:
        z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')
    with pytest.raises(ReadError, match=r"^b\.docx: its document\.xml declares a DTD"):
        read_bytes(bomb.getvalue(), "b.docx", "docx")


def test_an_empty_file_in_a_build_is_an_error_with_the_exit_code_of_unreadable_files(tmp_path):
    (tmp_path / "blank.txt").write_bytes(b" \n\n")
    (tmp_path / "good.txt").write_text("南沙区2023年政府工作报告\n各位代表：" + BODY + "\n", encoding="utf-8")
    code, out, err = run(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--no-cache", "--no-html"])
    assert code == 1
    assert f"govkg: error: {tmp_path / 'blank.txt'}: holds only white space, no text" in err.splitlines()
    assert "read 1 report(s), 1 failed" in out


def test_a_folders_unsupported_files_are_named_in_one_warning_line(tmp_path):
    (tmp_path / "r.txt").write_text(BODY, encoding="utf-8")
    for name in ("old.doc", "table.xls", "scan.jpg"):
        (tmp_path / name).write_bytes(b"x")
    code, out, err = run(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--no-cache", "--no-html"])
    assert code == 0, err
    lines = [ln for ln in err.splitlines() if "does not read" in ln]
    assert lines == [f"govkg: warning: {tmp_path}: 3 file(s) of a type govkg does not read, skipped: old.doc, scan.jpg, "
                     "table.xls (.doc: save as .docx); it reads .docx .htm .html .markdown .md .pdf .text .txt .xhtml"]
