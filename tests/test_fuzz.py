"""Bounded fuzzing, seeded with real report text: the reader, the number parser, the query check and
the endpoint's request handling take mutated corpus input and answer with a result or a clear
error, never a traceback.  Each target runs a few seconds; GOVKG_FUZZ=N runs N times as many
examples (for a longer run by hand)."""
import os
import re
import socket
import sys
import threading
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.extract.errors import GovkgError
from conftest import ROOT, SEEDS, SHARED

SCALE = max(1, int(os.environ.get("GOVKG_FUZZ", "1")))


def budget(n: int):
    return settings(max_examples=n * SCALE, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@lru_cache(maxsize=1)
def corpus() -> list[bytes]:
    """The seeds, the gold texts and the shared corpus (when present), as bytes."""
    files = sorted(SEEDS.glob("*.txt"))
    for folder in (SHARED / "gold" / "texts", SHARED / "corpus"):
        if folder.is_dir():
            files += sorted(folder.glob("*.txt"))[:60]
    return [f.read_bytes() for f in files]


@lru_cache(maxsize=1)
def lines() -> list[str]:
    out = []
    for data in corpus():
        out += [ln for ln in data.decode("utf-8", "replace").splitlines() if ln.strip()][:400]
    return out


@st.composite
def report_bytes(draw) -> bytes:
    """A slice of a real report, re-encoded, cut, spliced and with bytes flipped."""
    data = draw(st.sampled_from(corpus()))
    start = draw(st.integers(0, max(0, len(data) - 1)))
    data = data[start:start + draw(st.integers(0, 3000))]
    if draw(st.booleans()):
        enc = draw(st.sampled_from(["gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"]))
        data = data.decode("utf-8", "ignore").encode(enc, "replace")
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "cut", "wrap"]))
        pos = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            i = min(pos, len(data) - 1)
            data = data[:i] + bytes([draw(st.integers(0, 255))]) + data[i + 1:]
        elif op == "insert":
            data = data[:pos] + draw(st.binary(max_size=16)) + data[pos:]
        elif op == "delete":
            data = data[:pos] + data[pos + draw(st.integers(0, 32)):]
        elif op == "cut":
            data = data[:pos]
        else:
            data = b"<html><body><p>" + data + b"</p><script>x</script></body></html>"
    return data


def test_the_fuzz_corpus_holds_real_reports():
    assert len(corpus()) >= 5 and sum(map(len, corpus())) > 50_000


@budget(400)
@given(data=report_bytes(), name=st.sampled_from(["r.txt", "r.html", "r.md", "r"]))
def test_reader_and_extractor_take_any_mutated_report(data, name):
    from govkg.extract.pipeline import extract_document
    from govkg.extract.reader import read_bytes

    try:
        doc = read_bytes(data, name)
    except GovkgError as exc:
        assert str(exc).startswith(f"{name}: ") and "\n" not in str(exc)
        return
    assert len(doc.text) == len(doc.norm)
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    if len(doc.text) < 1500:  # the whole pipeline on the shorter ones (it is the slow part)
        result = extract_document(doc)
        for e in result.entities:
            for m in e.mentions:
                assert 0 <= m.start < m.end <= len(doc.text)


FIGURE = re.compile(r"[\d零〇○一二两三四五六七八九十百千万亿.,/%分之成余多近约]{1,12}")


@st.composite
def written_numbers(draw) -> str:
    line = draw(st.sampled_from(lines()))
    found = FIGURE.findall(line) or [line[:8]]
    text = draw(st.sampled_from(found))
    if draw(st.booleans()):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + draw(st.text(alphabet="0123456789.,/%十百千万亿两分之成-+e ", max_size=4)) + text[pos:]
    return text


@budget(3000)
@given(text=st.one_of(written_numbers(), st.text(max_size=20)))
def test_the_number_parser_gives_a_number_or_a_value_error(text):
    from govkg.extract.numbers import normalize, parse_number, split_unit

    try:
        value = parse_number(text)
    except ValueError:
        return
    assert isinstance(value, float)
    unit = split_unit(text + "万元")
    normalize(value, "".join(unit))


SAVED = sorted((ROOT / "graph" / "queries").glob("*.rq"))
SPARQL_BITS = ["SELECT", "*", "WHERE", "{", "}", "?s", "?p", "?o", "SERVICE", "SILENT", "FROM", "NAMED", "GRAPH",
               "<file:///etc/passwd>", "<http://127.0.0.1:9/>", '"\\uD800"', "\\u0053ERVICE", "OPTIONAL", "UNION",
               "FILTER(", ")", "BIND(", "AS", "/", "*", "+", "^", "|", ".", ";", ",", "#", "\n", "'", '"', "PREFIX",
               "ex:", ":", "VALUES", "(", "INSERT", "DATA", "LOAD", "ASK", "CONSTRUCT", "DESCRIBE", "LIMIT", "1"]


@st.composite
def queries(draw) -> str:
    if draw(st.booleans()):
        text = draw(st.sampled_from(SAVED)).read_text(encoding="utf-8")
        text = re.sub(r"\{\{\s*\w+\s*\}\}", "南沙", text)
        for _ in range(draw(st.integers(0, 3))):
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(st.sampled_from(SPARQL_BITS)) + " " + text[pos + draw(st.integers(0, 5)):]
        return text
    return " ".join(draw(st.lists(st.sampled_from(SPARQL_BITS), max_size=25)))


@budget(300)
@given(text=queries())
def test_the_query_check_refuses_or_passes_any_query(text):
    from govkg.graph.sparql import QueryError, _keyword_count, check_query

    try:
        form = check_query(text)
    except QueryError as exc:
        assert "\n" not in str(exc)
        return
    assert form in ("select", "ask", "construct", "describe")
    assert _keyword_count(text, "SERVICE") == 0  # no SERVICE passes without --allow-service


# ---------------------------------------------------------------- the endpoint over raw HTTP


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    from govkg.graph.serve import make_server

    build = tmp_path_factory.mktemp("fuzz-build")
    (build / "graph.trig").write_text(
        '<https://w3id.org/govkg/id/graph/r1> { <urn:r1> <http://purl.org/dc/terms/identifier> "r1" . }\n',
        encoding="utf-8")
    server, pool = make_server(build, port=0, timeout=5.0, workers=1, engine="rdflib", quiet=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()
    pool.close()


METHODS = ["GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "BREW", "get", ""]
PATHS = ["/sparql", "/", "/health", "/graph.html", "/sparql?query=ASK%7B%7D", "/%", "/sparql?query=%ZZ", "*",
         "/sparql?update=x", "/sparql?query=SELECT%20*%20WHERE%20%7B%3Fs%20%3Fp%20%3Fo%7D&format=tsv",
         "/sparql?default-graph-uri=urn:x&query=ASK{}", "//" + "a" * 300]
HEADERS = ["Content-Length", "Content-Type", "Accept", "Origin", "Host", "Transfer-Encoding", "Connection"]
VALUES = ["-1", "0", "5", "abc", "99999999999999", "application/sparql-query", "application/x-www-form-urlencoded",
          "application/sparql-update", "text/csv;q=0.5, */*;q=x", "*/*", "https://evil.example", "null", "chunked",
          "localhost", "attacker.example", "close", "\u00e9", ""]


@st.composite
def requests(draw) -> bytes:
    method = draw(st.sampled_from(METHODS))
    path = draw(st.one_of(st.sampled_from(PATHS), st.text(max_size=30).map(lambda t: "/sparql?query=" + t)))
    version = draw(st.sampled_from(["HTTP/1.0", "HTTP/1.1", "HTTP/9", ""]))
    head = [f"{method} {path} {version}".strip()]
    for _ in range(draw(st.integers(0, 5))):
        head.append(f"{draw(st.sampled_from(HEADERS))}: {draw(st.sampled_from(VALUES))}")
    body = draw(st.one_of(queries().map(lambda q: q.encode("utf-8")), st.binary(max_size=64)))
    if draw(st.booleans()):
        head.append(f"Content-Length: {len(body)}")
    raw = ("\r\n".join(head) + "\r\n\r\n").encode("utf-8", "replace") + body
    if draw(st.booleans()):
        raw = raw[:draw(st.integers(0, len(raw)))]
    return raw


def exchange(server, raw: bytes) -> bytes:
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=15) as s:
        try:
            s.sendall(raw)
            s.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except (socket.timeout, ConnectionResetError):
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


STATUS = re.compile(rb"^HTTP/1\.[01] (\d{3}) ")


@budget(600)
@given(raw=requests())
def test_the_endpoint_answers_any_request_with_a_status(live, raw, capsys):
    reply = exchange(live, raw)
    if reply:  # an empty request gets no answer
        m = STATUS.match(reply)
        assert m, reply[:200]
        assert int(m.group(1)) in {200, 204, 400, 403, 404, 405, 406, 408, 411, 413, 414, 415, 431, 500, 501, 503, 505}
        assert b"Traceback" not in reply
    err = capsys.readouterr().err
    assert "Traceback" not in err and "govkg serve: error" not in err, err[-2000:]


def test_the_endpoint_still_answers_after_the_fuzzing(live):
    reply = exchange(live, b"GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.0\r\nAccept: text/csv\r\n\r\n")
    assert reply.startswith(b"HTTP/1.0 200") and reply.rstrip().endswith(b"true")


# ---------------------------------------------------------------- the command line


@budget(40)
@given(data=report_bytes())
def test_the_command_line_builds_any_report_or_says_why(data, tmp_path_factory):
    from helpers import run

    folder = tmp_path_factory.mktemp("cli")
    (folder / "r.txt").write_bytes(data[:1200])
    code, out, err = run(["build", str(folder / "r.txt"), "-o", str(folder / "out"), "-q", "--no-cache", "--no-html"])
    assert code in (0, 1, 2) and "Traceback" not in err
    assert all(line.startswith("govkg: ") for line in err.splitlines())
