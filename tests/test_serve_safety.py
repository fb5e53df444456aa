"""The endpoint as a hostile client or a hostile web page would use it: each query of the
audit (issue 16) is sent to both engines, and a normal query after it must still be answered;
no query can read a file, make a request, or disable the endpoint."""
import http.server
import json
import os
import signal
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from govkg.graph.serve import make_server
from govkg.graph.sparql import QueryError, check_query, open_engine

NORMAL = "SELECT ?id WHERE { ?r <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { " + " . ".join(f"?s{i} ?p{i} ?o{i}" for i in range(12)) + " }"  # 4^12 rows
TRIG = """@prefix dcterms: <http://purl.org/dc/terms/> .
<https://w3id.org/govkg/id/graph/r1> {
  <https://w3id.org/govkg/id/report/r1> dcterms:identifier "r1" ; dcterms:title "一"@zh .
}
<https://w3id.org/govkg/id/graph/r2> {
  <https://w3id.org/govkg/id/report/r2> dcterms:identifier "r2" ; dcterms:title "二"@zh .
}
"""
SECRET = "file-secret-7d1f"
INTERNAL = "internal-secret-29ab"


@pytest.fixture(scope="module")
def tiny_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("tiny")
    (out / "graph.trig").write_text(TRIG, encoding="utf-8")
    (out / "graph.html").write_text("<html><body>explorer</body></html>", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory):
    p = tmp_path_factory.mktemp("private") / "secret.nt"
    p.write_text(f'<urn:s> <urn:p> "{SECRET}" .\n', encoding="utf-8")
    return p


class Internal:
    """A local service that must never hear from the endpoint (it answers like a SPARQL endpoint)."""

    def __init__(self):
        self.hits = []
        hits = self.hits

        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                if self.path.startswith("/data.nt"):
                    body, ctype = f'<urn:i> <urn:p> "{INTERNAL}" .\n'.encode(), "application/n-triples"
                else:
                    body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": [
                        {"s": {"type": "literal", "value": INTERNAL}}]}}).encode()
                    ctype = "application/sparql-results+json"
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture(scope="module")
def internal():
    svc = Internal()
    yield svc
    svc.server.shutdown()
    svc.server.server_close()


def start(source, **kw):
    kw.setdefault("timeout", 10.0)
    server, pool = make_server(source, port=0, quiet=True, **kw)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, pool, f"http://{host}:{port}"


def stop(server, pool):
    server.shutdown()
    server.server_close()
    pool.close()


@pytest.fixture(scope="module", params=["rdflib", "oxigraph"])
def endpoint(request, tiny_build):
    server, pool, base = start(tiny_build, engine=request.param, workers=2)
    yield base, pool, server
    stop(server, pool)


def fetch(url, data=None, headers=None, method=None, timeout=30):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def post(base, query, **kw):
    return fetch(f"{base}/sparql", query.encode("utf-8"), {"Content-Type": "application/sparql-query",
                                                          "Accept": "application/json"}, **kw)


def answered(base) -> bool:
    status, _, body = post(base, NORMAL)
    return status == 200 and [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["r1", "r2"]


def test_from_a_local_file_reads_nothing(endpoint, secret_file):
    base, _, _ = endpoint
    for clause in ("FROM", "FROM NAMED"):
        q = f"SELECT * {clause} <{secret_file.as_uri()}> WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
        status, _, body = post(base, q)
        assert status == 200 and SECRET.encode() not in body
    assert answered(base)


def test_from_a_url_fetches_nothing(endpoint, internal):
    base, _, _ = endpoint
    before = len(internal.hits)
    for clause in ("FROM", "FROM NAMED"):
        status, _, body = post(base, f"SELECT * {clause} <{internal.url}/data.nt> WHERE {{ ?s ?p ?o }}")
        assert status == 200 and INTERNAL.encode() not in body
    assert internal.hits[before:] == []
    assert answered(base)


@pytest.mark.parametrize("service", ["SERVICE", "SERVICE SILENT", "service silent"])
def test_service_calls_are_refused_and_nothing_is_sent(endpoint, internal, service):
    base, _, _ = endpoint
    before = len(internal.hits)
    status, _, body = post(base, f"SELECT * WHERE {{ {service} <{internal.url}/sparql> {{ ?s ?p ?o }} }}")
    assert status == 403 and b"SERVICE is not allowed" in body and INTERNAL.encode() not in body
    assert internal.hits[before:] == []
    assert answered(base)


def test_service_with_a_variable_is_refused(endpoint):
    base, _, _ = endpoint
    status, _, body = post(base, "SELECT * WHERE { SERVICE ?u { ?s ?p ?o } }")
    assert status == 403 and b"SERVICE" in body
    assert answered(base)


def test_a_lone_surrogate_in_a_result_does_not_kill_a_worker(endpoint):
    base, pool, _ = endpoint
    for _ in range(3):  # more than the workers: a dead worker would leave the next query hanging
        status, _, body = post(base, 'SELECT ?x WHERE { BIND("\\uD800" AS ?x) }', timeout=20)
        assert status in (200, 400)
        body.decode("utf-8")  # valid UTF-8 whatever the result held
    assert answered(base)


def test_a_very_long_property_path_is_answered_and_the_endpoint_survives(endpoint):
    base, _, _ = endpoint
    path = "/".join(["<urn:p>"] * 10000)
    for _ in range(3):
        status, _, body = post(base, f"ASK {{ ?s {path} ?o }}", timeout=60)
        assert status in (200, 400, 500, 503) and b"Traceback" not in body
    for _ in range(50):  # replacements start in the background
        if answered(base):
            break
        time.sleep(0.2)
    assert answered(base)


def _kill_workers(pool, sig=signal.SIGKILL):
    for w in list(pool.all):
        os.kill(w.process.pid, sig)
    time.sleep(0.2)


def test_a_killed_worker_is_answered_500_and_replaced(tiny_build):
    server, pool, base = start(tiny_build, engine="rdflib", workers=1)
    try:
        worker = pool.all[0]
        # the worker is killed while it holds a query: the answer is a one-line 500
        threading.Timer(0.5, lambda: os.kill(worker.process.pid, signal.SIGKILL)).start()
        status, _, body = post(base, SLOW)
        assert status == 500 and b"killed by signal SIGKILL" in body and body.count(b"\n") <= 1
        deadline = time.monotonic() + 30
        while not answered(base):
            assert time.monotonic() < deadline, "no worker took the dead one's place"
            time.sleep(0.2)
        # a worker that dies while idle costs the next query nothing
        _kill_workers(pool)
        assert answered(base)
        assert pool.workers == 1
    finally:
        stop(server, pool)


def test_the_timeout_counts_the_wait_for_a_worker(tiny_build):
    server, pool, base = start(tiny_build, engine="rdflib", workers=1, timeout=2.0)
    try:
        slow = threading.Thread(target=post, args=(base, SLOW))
        slow.start()
        time.sleep(0.3)
        t = time.monotonic()
        status, _, body = post(base, NORMAL)
        waited = time.monotonic() - t
        slow.join()
        assert status == 503 and waited < 2.5, (status, waited, body)
    finally:
        stop(server, pool)


def test_health_runs_a_query(tiny_build):
    server, pool, base = start(tiny_build, engine="rdflib", workers=1, timeout=2.0)
    try:
        status, _, body = fetch(f"{base}/health")
        assert status == 200 and json.loads(body)["status"] == "ok"
        _kill_workers(pool, signal.SIGSTOP)  # alive but not answering: only a query can tell
        assert fetch(f"{base}/")[0] == 200
        status, _, body = fetch(f"{base}/health")
        assert status == 503 and json.loads(body)["status"] == "unavailable"
        deadline = time.monotonic() + 30
        while fetch(f"{base}/health")[0] != 200:
            assert time.monotonic() < deadline
            time.sleep(0.2)
    finally:
        stop(server, pool)


def raw_request(base, head: bytes, body: bytes = b"", wait: float = 10.0) -> bytes:
    host, port = urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port
    with socket.create_connection((host, port), timeout=wait) as s:
        s.sendall(head + body)
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except socket.timeout:
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


@pytest.mark.parametrize("header, status", [
    (b"Content-Length: -1", b"400"), (b"Content-Length: abc", b"400"), (b"Content-Length: 1e3", b"400"),
    (b"Content-Length: 5\r\nContent-Length: 6", b"400"), (b"Content-Length: 99999999999", b"413"),
    (b"Transfer-Encoding: chunked", b"411"), (b"X-Nothing: 1", b"411"),
])
def test_bad_content_length_is_refused_at_once(endpoint, header, status):
    base, _, _ = endpoint
    host = urllib.parse.urlsplit(base).netloc.encode()
    head = b"POST /sparql HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/sparql-query\r\n" + header + b"\r\n\r\n"
    t = time.monotonic()
    reply = raw_request(base, head, b"ASK {}")  # the client keeps the connection open
    assert reply.split(b" ")[1] == status and time.monotonic() - t < 5, reply[:200]


def test_a_body_shorter_than_its_length_is_400(endpoint):
    base, _, _ = endpoint
    host = urllib.parse.urlsplit(base).netloc.encode()
    head = b"POST /sparql HTTP/1.1\r\nHost: " + host + b"\r\nContent-Type: application/sparql-query\r\nContent-Length: 50\r\n\r\n"
    with socket.create_connection((urllib.parse.urlsplit(base).hostname, urllib.parse.urlsplit(base).port), 10) as s:
        s.sendall(head + b"ASK {}")
        s.shutdown(socket.SHUT_WR)
        reply = s.recv(65536)
    assert reply.split(b" ")[1] == b"400"


def test_the_listen_backlog_holds_many_clients(tiny_build):
    server, pool = make_server(tiny_build, port=0, quiet=True, workers=1, engine="rdflib")
    try:  # not serving yet: every connection waits in the kernel's queue
        host, port = server.server_address[:2]
        socks, ok = [], 0
        for _ in range(200):
            c = socket.socket()
            c.settimeout(0.05)
            try:
                c.connect((host, port))
                ok += 1
            except OSError:
                pass
            socks.append(c)
        for c in socks:
            c.close()
        assert ok == 200
    finally:
        server.server_close()
        pool.close()


# ---------------------------------------------------------------- origins


def test_no_cross_origin_reading_by_default(endpoint):
    base, _, _ = endpoint
    q = urllib.parse.urlencode({"query": NORMAL})
    status, headers, body = fetch(f"{base}/sparql?{q}", headers={"Origin": "https://evil.example"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers and b"--cors" in body
    status, headers, _ = fetch(f"{base}/sparql", method="OPTIONS", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = fetch(f"{base}/sparql?{q}")  # no Origin: a tool, not a page
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    status, headers, _ = fetch(f"{base}/sparql?{q}", headers={"Origin": base})  # its own page
    assert status == 200


def test_cors_allows_the_named_origins_only(tiny_build):
    server, pool, base = start(tiny_build, engine="rdflib", workers=1, cors=("https://yasgui.example",))
    try:
        q = urllib.parse.urlencode({"query": NORMAL})
        status, headers, _ = fetch(f"{base}/sparql?{q}", headers={"Origin": "https://yasgui.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        assert "Origin" in headers["Vary"]
        status, headers, _ = fetch(f"{base}/sparql", method="OPTIONS", headers={
            "Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"})
        assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
        assert fetch(f"{base}/sparql?{q}", headers={"Origin": "https://other.example"})[0] == 403
    finally:
        stop(server, pool)


def test_a_rebound_host_name_is_refused(endpoint):
    base, _, _ = endpoint
    port = urllib.parse.urlsplit(base).port
    q = urllib.parse.urlencode({"query": NORMAL})
    assert fetch(f"{base}/sparql?{q}", headers={"Host": f"attacker.example:{port}"})[0] == 403
    assert fetch(f"{base}/", headers={"Host": f"localhost:{port}"})[0] == 200


# ---------------------------------------------------------------- the checks themselves


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://a.example/s> { ?s ?p ?o } }",
    "SELECT * WHERE { \\u0053ERVICE <http://a.example/s> { ?s ?p ?o } }",
    "PREFIX e: <http://b.example/> SELECT * WHERE { OPTIONAL { SERVICE e:s { ?s ?p ?o } } }",
    "SELECT * WHERE { SERVICE <http://a.example.evil/s> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
])
def test_service_needs_an_allowed_host(query):
    with pytest.raises(QueryError, match="SERVICE"):
        check_query(query, allow_service=("a.example",) if "evil" in query or "file" in query else ())


def test_an_allowed_service_host_is_called(tiny_build, internal):
    host = urllib.parse.urlsplit(internal.url).netloc
    q = f"SELECT ?s WHERE {{ SERVICE <{internal.url}/sparql> {{ ?s ?p ?o }} }}"
    rows = open_engine(tiny_build, "rdflib", allow_service=[host]).query(q).rows
    assert [r[0].value for r in rows] == [INTERNAL]


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s <urn:SERVICE> "SERVICE" } # SERVICE',
    "PREFIX service: <urn:x> SELECT ?service WHERE { ?service service:SERVICE ?o }",
])
def test_the_word_service_elsewhere_is_no_call(query):
    assert check_query(query) == "select"


def test_cli_query_refuses_service_and_reads_no_file(tiny_build, secret_file):
    from helpers import run

    code, out, err = run(["query", "-g", str(tiny_build), "--engine", "rdflib", "--format", "csv",
                          f"SELECT * FROM <{secret_file.as_uri()}> WHERE {{ ?s ?p ?o }}"])
    assert code == 0 and SECRET not in out
    code, out, err = run(["query", "-g", str(tiny_build), "SELECT * WHERE { SERVICE <http://x.example/> { ?s ?p ?o } }"])
    assert code == 2 and "SERVICE is not allowed" in err


PAGE = """<!doctype html><html><body><script>
fetch(%s, {headers: {"Accept": "application/sparql-results+json"}})
  .then(function (r) { return r.text(); })
  .then(function (t) { document.body.setAttribute("data-read", t.indexOf("r2") >= 0 ? "yes" : "no"); })
  .catch(function () { document.body.setAttribute("data-read", "blocked"); });
</script></body></html>"""


@pytest.mark.parametrize("allowed", [False, True])
def test_a_page_on_another_origin_reads_answers_only_when_allowed(tiny_build, tmp_path, allowed):
    """Headless Chromium opens a page on one local origin that queries the endpoint on another."""
    from test_browser import FLAGS, _chromium

    exe = _chromium()
    site = tmp_path / "site"
    site.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(site), **kw)

        def log_message(self, *a):
            pass

    web = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=web.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{web.server_address[1]}"
    server, pool, base = start(tiny_build, engine="rdflib", workers=1, cors=(origin,) if allowed else ())
    try:
        url = f"{base}/sparql?" + urllib.parse.urlencode({"query": NORMAL})
        (site / "index.html").write_text(PAGE % json.dumps(url), encoding="utf-8")
        import subprocess
        proc = subprocess.run([exe, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
                               "--dump-dom", f"{origin}/index.html"], capture_output=True, timeout=120,
                              env={**os.environ, "no_proxy": "*"})
        dom = proc.stdout.decode("utf-8", "replace")
        assert f'data-read="{"yes" if allowed else "blocked"}"' in dom, dom[-500:]
    finally:
        stop(server, pool)
        web.shutdown()
        web.server_close()
