"""Unlucky input handled end to end (issue 16): file names that are not UTF-8, torn characters,
residue phrases inside real text, formulas in CSV cells, passwords, unreadable folder entries."""
import os
import sys
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st

from govkg.extract.errors import display
from govkg.extract.reader import doc_id_for
from conftest import SEEDS
from helpers import run

GBK_NAME = "南沙区2023年报告".encode("gbk") + b".txt"  # what unzip makes of a GBK-named archive entry


def _bytes_name(folder: Path, raw: bytes) -> Path:
    try:
        return Path(os.fsdecode(os.path.join(os.fsencode(folder), raw)))
    except (UnicodeDecodeError, ValueError):  # pragma: no cover (a file system that forces UTF-8)
        pytest.skip("this file system cannot hold names that are not UTF-8")


@pytest.fixture
def gbk_folder(tmp_path):
    folder = tmp_path / "unzipped"
    folder.mkdir()
    (folder / "000_18dbd27aeb4158ef.txt").write_bytes((SEEDS / "000_18dbd27aeb4158ef.txt").read_bytes())
    good = _bytes_name(folder, GBK_NAME)
    try:
        good.write_bytes((SEEDS / "003_18b0c22b62e19c9c.txt").read_bytes())
    except OSError:
        pytest.skip("this file system cannot hold names that are not UTF-8")
    _bytes_name(folder, "坏文件".encode("gbk") + b".txt").write_bytes(bytes(range(32)) * 50)
    return folder


def test_a_name_that_is_not_utf8_builds_with_every_output(gbk_folder, tmp_path):
    out = tmp_path / "out"
    code, stdout, err = run(["build", str(gbk_folder), "-o", str(out), "--no-cache", "--formats", "nt", "json-ld",
                             "xml", "nquads", "csv", "graphml"])
    assert code == 1, err  # the binary one failed, the others were built
    assert "Traceback" not in err and "unzipped/\\xbb\\xb5\\xceļ\\xfe.txt: looks like a binary file" in err
    report_id = "%C4%CF%C9%B3%C7%F82023%C4%EA%B1%A8%B8%E6"
    assert f"  {report_id}: " in stdout
    g = rdflib.Graph().parse(out / "graph.ttl")
    ids = {str(o) for o in g.objects(None, rdflib.URIRef("http://purl.org/dc/terms/identifier"))}
    assert {report_id, "000_18dbd27aeb4158ef"} <= ids
    names = {str(o) for o in g.objects(None, rdflib.URIRef("https://w3id.org/govkg/ontology#fileName"))}
    assert "\\xc4\\xcfɳ\\xc7\\xf82023\\xc4걨\\xb8\\xe6.txt" in names  # the name as it is, escaped
    for name, fmt in (("graph.nt", "nt"), ("graph.jsonld", "json-ld"), ("graph.rdf", "xml")):
        assert len(rdflib.Graph().parse(out / name, format=fmt)) == len(g), name
    rdflib.Dataset().parse(out / "graph.nq", format="nquads")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=12).filter(lambda b: b"/" not in b and b"\0" not in b
                                                             and b not in (b".", b"..")), min_size=2, max_size=6,
                unique=True))
def test_ids_of_byte_names_are_distinct_printable_and_from_the_bytes(names):
    ids = [doc_id_for(os.fsdecode(n + b".txt")) for n in names]
    assert len(set(ids)) == len(ids)
    for raw, i in zip(names, ids):
        i.encode("utf-8")  # any output can hold it
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            assert i.isascii() and i.isprintable() and unquote_to_bytes(i) == raw  # lossless


def test_display_escapes_undecodable_bytes_and_control_characters():
    assert display(os.fsdecode(b"\xc4\xcf.txt")) == "\\xc4\\xcf.txt"
    assert display("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07"
    assert display("行\t一\n二\r") == "行\t一\n二\r"
    assert display("\ud800") == "\\ud800"


@pytest.mark.parametrize("fragment", ["#node=%E0%A4%A", "#node=%", "#node=urn%3Anobody"])
def test_a_bad_node_fragment_is_ignored(tmp_path, fragment):
    from test_browser import body_attrs, browse, console_errors, hostile_graph
    from govkg.graph.export.html import write_html

    page = write_html(hostile_graph(), tmp_path / "page.html")
    dom, log = browse(page, tmp_path, fragment)
    attrs = body_attrs(dom)
    assert attrs.get("data-ready") == "1" and "data-errors" not in attrs and "data-selected" not in attrs
    assert console_errors(log) == []


# ---------------------------------------------------------------- reading


REPORT = "南沙区2023年政府工作报告 各位代表：现在，我代表南沙区人民政府，向大会报告工作。" + "加快建设明珠湾大桥，推进南沙科学城建设。" * 12


def test_a_one_line_report_with_a_residue_phrase_inside_is_read():
    from govkg.extract.reader import read_bytes

    line = REPORT * 2 + "我区网站标识码和政务服务“一网通办”全面推进。" + REPORT * 2
    doc = read_bytes(line.encode("utf-8"), "pdf.txt")
    assert len(doc.sentences) > 20 and any("网站标识码" in s.text for s in doc.sentences)


def test_residue_at_the_end_of_a_long_line_and_on_a_short_line_is_dropped():
    from govkg.extract.reader import read_bytes

    footer = "版权所有：广州市南沙区人民政府 网站标识码：4401150001 粤ICP备05012345号"
    doc = read_bytes(f"{REPORT}{footer}\n{footer}\n".encode("utf-8"), "scraped.txt")
    assert doc.sentences and not any("ICP" in s.text for s in doc.sentences)
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))


def test_a_torn_last_character_is_replaced_with_a_warning():
    from govkg.extract.reader import read_bytes

    data = "南沙区加快建设明珠湾大桥。".encode("utf-8")[:-1]
    doc = read_bytes(data, "cut.txt")
    assert doc.encoding == "utf-8" and doc.text == "南沙区加快建设明珠湾大桥\ufffd"
    assert doc.warnings == (f"cut.txt: the file ends inside a character (byte {len(data) - 2} of {len(data)}); "
                            "its last character is replaced by U+FFFD",)


def test_an_undecodable_file_is_named_with_the_utf8_offset():
    from govkg.extract.errors import ReadError
    from govkg.extract.reader import read_bytes

    data = "南沙区".encode("utf-8") + b"\xff\xfe\xff" + "建设".encode("utf-8") * 10
    with pytest.raises(ReadError, match=r"undecodable byte at offset 9\)"):
        read_bytes(data, "bad.txt")


def test_text_full_of_control_characters_is_refused_by_the_binary_check(monkeypatch):
    """The data decodes as UTF-8: only the binary check can refuse it."""
    import govkg.extract.reader as reader
    from govkg.extract.errors import ReadError

    data = bytes(range(1, 32)) * 40 + "南沙区".encode("utf-8")
    with pytest.raises(ReadError, match=r"^ctl\.txt: looks like a binary file \(1040 control characters"):
        reader.read_bytes(data, "ctl.txt")
    monkeypatch.setattr(reader, "_check_text", lambda text, path: text)
    assert reader.read_bytes(data, "ctl.txt").text.endswith("南沙区")  # what the check stops


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_unreadable_folder_entries_are_named(tmp_path):
    from govkg.extract.reader import find_reports

    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "ok.txt").write_text(REPORT, encoding="utf-8")
    (folder / "loop.txt").symlink_to("loop.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "sub" / "up").symlink_to("..")
    os.mkfifo(folder / "pipe.txt")
    locked = folder / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        files, problems = find_reports([folder])
    finally:
        locked.chmod(0o755)
    assert [f.name for f in files] == ["ok.txt"]
    text = "\n".join(problems)
    assert f"{folder / 'loop.txt'}: symbolic link loop; skipped" in text
    assert f"{folder / 'gone.txt'}: broken symbolic link; skipped" in text
    assert f"{folder / 'sub' / 'up'}: symbolic link loop (leads back to a folder above it); skipped" in text
    assert f"{folder / 'pipe.txt'}: is a named pipe (FIFO), not a report file; skipped" in text
    if os.geteuid() != 0:  # root reads any folder
        assert f"{locked}: folder cannot be read (Permission denied)" in text


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_named_pipe_given_as_a_report_is_refused_without_blocking(tmp_path):
    import subprocess

    from conftest import ROOT

    pipe = tmp_path / "r.txt"
    os.mkfifo(pipe)
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "govkg.graph.cli", "build", str(pipe), str(tmp_path / "good.txt"),
                          "-o", str(tmp_path / "out"), "-q", "--no-cache", "--no-html"], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert res.returncode == 0 and f"{pipe}: is a named pipe (FIFO), not a report file" in res.stderr


# ---------------------------------------------------------------- outputs


def test_csv_cells_that_look_like_formulas_are_text():
    from govkg.graph.export.tables import cell

    for formula in ('=HYPERLINK("http://evil.example","点击")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"):
        assert cell(formula) == "'" + formula
    for plain in ("-2.5", "+3", "1e5", "南沙区", "", "0.85"):
        assert cell(plain) == plain


def test_a_formula_in_a_report_line_is_text_in_relations_csv(tmp_path):
    import csv as csvmod
    import io

    report = tmp_path / "r.txt"
    report.write_text("南沙区2023年政府工作报告\n=HYPERLINK(\"http://evil.example\",\"看\")南沙区加快建设明珠湾大桥。\n",
                      encoding="utf-8")
    code, _, err = run(["build", str(report), "-o", str(tmp_path / "out"), "-q", "--no-cache", "--formats", "csv"])
    assert code == 0, err
    rows = list(csvmod.DictReader(io.StringIO((tmp_path / "out" / "relations.csv").read_text(encoding="utf-8-sig"))))
    sentences = [r["sentence"] for r in rows if "HYPERLINK" in r["sentence"]]
    assert sentences and all(s.startswith("'=HYPERLINK") for s in sentences)


# ---------------------------------------------------------------- passwords


def test_a_password_on_the_command_line_is_refused(seed_build):
    code, out, err = run(["push", "-g", str(seed_build), "--endpoint", "http://127.0.0.1:9/store", "--user", "u",
                          "--password", "hunter2"])
    assert code == 2 and "--password is not accepted" in err and "hunter2" not in out + err


def test_a_password_in_the_endpoint_url_is_refused_and_redacted(seed_build):
    code, out, err = run(["push", "-g", str(seed_build), "--endpoint", "http://u:hunter2@127.0.0.1:9/store"])
    assert code == 2 and "http://u:***@127.0.0.1:9/store" in err and "hunter2" not in out + err


@pytest.fixture
def store():
    """A Graph Store that records the Authorization header of each PUT."""
    import http.server
    import threading

    seen = []

    class H(http.server.BaseHTTPRequestHandler):
        def do_PUT(self):  # noqa: N802
            seen.append(self.headers.get("Authorization"))
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/store", seen
    server.shutdown()
    server.server_close()


def test_the_password_comes_from_the_environment_or_netrc(store, tmp_path, monkeypatch):
    import base64

    url, seen = store
    seed_build = tmp_path / "build"
    seed_build.mkdir()
    (seed_build / "graph.trig").write_text("<urn:g> { <urn:a> <urn:b> <urn:c> . }\n", encoding="utf-8")
    monkeypatch.setenv("GOVKG_PASSWORD", "from-env")
    assert run(["push", "-g", str(seed_build), "--endpoint", url, "--user", "ann", "-q"])[0] == 0
    assert set(seen) == {"Basic " + base64.b64encode(b"ann:from-env").decode()}
    seen.clear()
    monkeypatch.delenv("GOVKG_PASSWORD")
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login bob password from-netrc\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert run(["push", "-g", str(seed_build), "--endpoint", url, "-q"])[0] == 0
    assert set(seen) == {"Basic " + base64.b64encode(b"bob:from-netrc").decode()}


def test_the_password_can_be_asked_for(monkeypatch):
    import getpass

    from govkg.graph.push import credentials

    monkeypatch.setattr(getpass, "getpass", lambda prompt: "typed")
    assert credentials("http://h.example/store", "ann", ask=True, environ={}) == ("ann", "typed")
    assert credentials("http://ann@h.example/store", None, environ={"GOVKG_PASSWORD": "p"}) == ("ann", "p")


# ---------------------------------------------------------------- very long reports


def test_a_long_report_is_extracted_in_blocks_each_recognized_as_a_whole(monkeypatch):
    """A report longer than BLOCK_CHARS is recognized a block at a time: each block's mentions are
    those of the block read as a document of its own (its names' other occurrences are evidence
    within the block), and the later stages see them all at once."""
    import dataclasses

    import govkg.extract.pipeline as pipeline
    from govkg.extract.mentions import recognize, segment_document
    from govkg.extract.reader import read_file

    doc = read_file(SEEDS / "004_f7d3045b65ec1e49.txt")
    whole = pipeline.extract_document(doc)
    assert len(pipeline.sentence_blocks(doc)) == 1  # an ordinary report is one block: nothing changes
    monkeypatch.setattr(pipeline, "BLOCK_CHARS", 2000)
    seen = []
    blocks = pipeline.extract_document(doc, progress=lambda done, total: seen.append((done, total)))
    parts = pipeline.sentence_blocks(doc)
    assert len(seen) == len(parts) > 5
    assert seen[-1] == (len(doc.text), len(doc.text)) and seen == sorted(seen)
    expected = []
    for block in parts:
        part = dataclasses.replace(doc, sentences=block)
        expected += recognize(part, segment_document(part), home=blocks.meta.area_code).mentions
    # resolution adds the deictic forms (全区, 我区) and may merge or drop a recognized name
    got = {(m.start, m.end) for e in blocks.entities for m in e.mentions if m.rule != "deictic"}
    recognized = {(m.start, m.end) for m in expected}
    assert got <= recognized and len(recognized - got) <= 0.02 * len(recognized)
    assert blocks.meta == whole.meta
    # the blocks lose only evidence across blocks: most names are found either way
    a = {(m.start, m.end) for e in whole.entities for m in e.mentions}
    b = {(m.start, m.end) for e in blocks.entities for m in e.mentions}
    assert len(a & b) >= 0.85 * len(a)


def test_the_progress_of_a_long_report_is_shown(tmp_path, monkeypatch):
    import govkg.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "BLOCK_CHARS", 3000)
    code, out, err = run(["build", str(SEEDS / "004_f7d3045b65ec1e49.txt"), "-o", str(tmp_path), "--no-cache",
                          "--no-html"])
    assert code == 0, err
    lines = [ln for ln in err.splitlines() if "characters extracted" in ln]
    assert len(lines) >= 3 and lines[-1].endswith("100% of 18,822 characters extracted")


def test_a_large_graph_is_written_in_passes_with_the_same_bytes(seed_kg, monkeypatch):
    import io

    from govkg.graph.export import turtle
    from govkg.graph.export.rdf import serialize_dataset

    one = serialize_dataset(seed_kg.parts, "trig")
    monkeypatch.setattr(turtle, "PASS_TRIPLES", 500)
    assert serialize_dataset(seed_kg.parts, "trig") == one
    buf = io.StringIO()
    w = turtle.TurtleWriter(buf, [])
    w.block(list(seed_kg.parts.values())[1])
    assert buf.getvalue().count(" .\n") == len({s for s, _, _ in list(seed_kg.parts.values())[1]})


def test_a_long_reports_graph_is_made_in_pieces_with_the_same_triples_and_view(tmp_path, monkeypatch):
    from rdflib.compare import isomorphic

    import govkg.extract.pipeline as pipeline
    from govkg.graph.api import KnowledgeGraph, build, load
    from govkg.graph.build import iter_parts

    kg = build([SEEDS / "004_f7d3045b65ec1e49.txt", SEEDS / "000_18dbd27aeb4158ef.txt"])
    kg.write(tmp_path / "whole")
    monkeypatch.setattr(pipeline, "BLOCK_CHARS", 2500)  # now both reports come in pieces
    names = [name for name, _ in iter_parts(kg.corpus)]
    assert len(names) > 10 and len(set(names)) == 4  # the ontology, the two reports, the counts
    pieced = KnowledgeGraph(corpus=kg.corpus)
    pieced.write(tmp_path / "pieces")
    whole, parts = load(tmp_path / "whole"), load(tmp_path / "pieces")
    assert set(whole.parts) == set(parts.parts)
    for name in whole.parts:
        assert isomorphic(whole.parts[name], parts.parts[name]), name
    union = rdflib.Graph().parse(tmp_path / "pieces" / "graph.ttl")
    assert isomorphic(union, rdflib.Graph().parse(tmp_path / "whole" / "graph.ttl"))
    trig = (tmp_path / "pieces" / "graph.trig").read_text(encoding="utf-8")
    assert trig.count(" {\n") == 4  # one block per graph, however many pieces
    G, H = kg.networkx, KnowledgeGraph(corpus=kg.corpus).networkx
    assert sorted(G.nodes) == sorted(H.nodes) and sorted(G.edges(keys=True)) == sorted(H.edges(keys=True))
    for n in G.nodes:
        assert {k: v for k, v in G.nodes[n].items()} == {k: v for k, v in H.nodes[n].items()}, n
    assert all(len(G.edges[e]["evidence"]) == len(H.edges[e]["evidence"]) for e in G.edges(keys=True))
    assert (tmp_path / "pieces" / "graph.html").stat().st_size > 100_000
