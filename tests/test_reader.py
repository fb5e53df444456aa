import codecs

import pytest
from hypothesis import given, settings, strategies as st

from govkg.extract.errors import ReadError
from govkg.extract.reader import decode, find_reports, html_to_text, read_bytes, read_file, split_sentences

TEXT = "南沙区今年以来的成绩\n上半年实现地区生产总值795.3亿元、同比增长0.3%。新设企业2.4万家！\n"


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8", "utf-8"), ("gb18030", "gb18030"), ("gbk", "gb18030"),
    ("utf-16", "utf-16-le (BOM)"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
])
def test_decode_detects_encoding(encoding, expected):
    text, enc = decode(TEXT.encode(encoding))
    assert text == TEXT
    assert enc == expected


def test_decode_utf8_bom_is_removed():
    text, enc = decode(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert text == TEXT and enc == "utf-8 (BOM)"


def test_binary_file_is_refused_with_its_name(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(bytes(range(128)) * 20)  # valid UTF-8: only the binary check refuses it
    with pytest.raises(ReadError) as exc:
        read_file(p)
    assert "x.txt" in str(exc.value) and "looks like a binary file" in str(exc.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        read_file(tmp_path / "gone.txt")


def test_empty_file_is_an_error_naming_it():
    with pytest.raises(ReadError, match=r"^empty\.txt: is empty \(no text\)$"):
        read_bytes(b"", "empty.txt")


def test_html_strips_markup_scripts_and_navigation():
    page = ("<html><head><title>t</title><script>var a='南沙区';</script></head><body>"
            "<nav>首页 新闻</nav><div>您当前所在的位置: 首页 &gt; 政务公开</div>"
            "<p>海珠区2023年政府工作报告</p><p>建成&nbsp;琶洲实验室。</p><footer>版权所有</footer>"
            "<div>粤ICP备12345号</div></body></html>")
    doc = read_bytes(page.encode(), "r.html", "html")
    assert "var a" not in doc.text and "首页 新闻" not in doc.text
    assert [s.text for s in doc.sentences] == ["海珠区2023年政府工作报告", "建成 琶洲实验室。"]


def test_residue_lines_in_text_files_give_no_sentence():
    text = "南山区召开会议。\n- 复制视频网址\n- 拷贝调试信息\n- V11220.210521.03\n视频加载失败,请查看其他精彩视频\n分享到:\n浏览量:-\n推进改革。\n"
    doc = read_bytes(text.encode(), "r.txt", "text")
    assert [s.text for s in doc.sentences] == ["南山区召开会议。", "推进改革。"]
    assert doc.text == text  # offsets point into the unchanged text


def test_sentence_offsets_and_bullets():
    text = "◆率先建立系统,连续217天无病例。\n★加快建设5G网络。二是增长"
    sents = split_sentences(text)
    assert [(s.start, s.end, s.text) for s in sents] == [
        (1, 18, "率先建立系统,连续217天无病例。"), (20, 29, "加快建设5G网络。"), (29, 33, "二是增长")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("南沙区建设。！？;\n ◆“”《》,、abc12") + ["\u3000", "（", "）"]), max_size=300))
def test_sentences_slice_the_text_back(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.text.strip()


def test_find_reports_expands_folders_and_names_missing(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "c.pdf").write_text("x", encoding="utf-8")
    (tmp_path / "d.doc").write_text("x", encoding="utf-8")
    (tmp_path / "e.xls").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden").write_text("x", encoding="utf-8")
    files, problems = find_reports([tmp_path, tmp_path / "none"])
    assert [f.name for f in files] == ["a.txt", "b.html", "c.pdf"]
    assert problems == [f"{tmp_path}: 2 file(s) of a type govkg does not read, skipped: d.doc, e.xls (.doc: save as "
                        ".docx); it reads .docx .htm .html .markdown .md .pdf .text .txt .xhtml",
                        f"{tmp_path / 'none'}: no such file or folder"]


def test_html_to_text_handles_broken_markup():
    assert html_to_text("<p>南沙<b>区</p><script>x") .strip() == "南沙区"
