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
