"""The SPARQL endpoint, started on a free loopback port and asked over real HTTP."""
import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

from govkg.graph.serve import choose_format, make_server, parse_accept

REPORTS = "SELECT ?id WHERE { ?r a <https://w3id.org/govkg/ontology#Report> ; <http://purl.org/dc/terms/identifier> ?id } ORDER BY ?id"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def endpoint(seed_build):
    server, pool = make_server(seed_build, port=0, timeout=2.0, workers=1, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()
    pool.close()


def fetch(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def get(base, query, accept=None, **extra):
    qs = urllib.parse.urlencode({"query": query, **extra})
    return fetch(f"{base}/sparql?{qs}", headers={"Accept": accept} if accept else {})


def test_get_returns_json_results_and_no_cors_by_default(endpoint):
    status, headers, body = get(endpoint, REPORTS, "application/sparql-results+json")
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert "Access-Control-Allow-Origin" not in headers  # --cors ORIGIN allows pages elsewhere
    ids = [b["id"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert ids == ["000_18dbd27aeb4158ef", "001_fbbfb8504cf151c7", "002_77c00e44fef8ea85", "003_18b0c22b62e19c9c",
                   "004_f7d3045b65ec1e49"]


@pytest.mark.parametrize("accept,ctype,first", [
    ("text/csv", "text/csv", "id"),
    ("text/tab-separated-values", "text/tab-separated-values", "?id"),
    ("application/sparql-results+xml", "application/sparql-results+xml", '<?xml version="1.0"?>'),
    ("text/html;q=0.9, text/csv;q=0.5", "text/csv", "id"),
])
def test_content_negotiation(endpoint, accept, ctype, first):
    status, headers, body = get(endpoint, REPORTS, accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    assert body.decode("utf-8").splitlines()[0] == first


def test_post_form_and_direct_body(endpoint):
    form = urllib.parse.urlencode({"query": REPORTS}).encode()
    status, _, body = fetch(f"{endpoint}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                          "Accept": "text/csv"})
    assert status == 200 and len(list(csv.reader(io.StringIO(body.decode())))) == 6
    status, _, body = fetch(f"{endpoint}/sparql", REPORTS.encode(), {"Content-Type": "application/sparql-query",
                                                                     "Accept": "application/json"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 5


def test_construct_is_turtle(endpoint):
    status, headers, body = get(endpoint, "CONSTRUCT { ?r a ?k } WHERE { ?r a <https://w3id.org/govkg/ontology#Report> , ?k }",
                                "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert b"gov:Report" in body


def test_updates_are_forbidden(endpoint):
    update = "INSERT DATA { <urn:a> <urn:b> <urn:c> }"
    status, _, body = fetch(f"{endpoint}/sparql", update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403
    status, _, _ = fetch(f"{endpoint}/sparql", urllib.parse.urlencode({"update": update}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, body = get(endpoint, update)
    assert status == 403 and b"read-only" in body


def test_bad_requests(endpoint):
    assert get(endpoint, "SELECT WHERE nonsense")[0] == 400
    assert fetch(f"{endpoint}/sparql")[0] == 400
    assert fetch(f"{endpoint}/nothing")[0] == 404
    assert get(endpoint, REPORTS, "image/png")[0] == 406


def test_options(endpoint):
    status, headers, _ = fetch(f"{endpoint}/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Allow"] and "Access-Control-Allow-Methods" not in headers


def test_explorer_page_at_root(endpoint):
    status, headers, body = fetch(f"{endpoint}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"vis.Network" in body


def test_slow_query_times_out_and_the_endpoint_recovers(endpoint):
    status, _, body = get(endpoint, SLOW)
    assert status == 503 and b"timeout" in body
    assert get(endpoint, REPORTS, "text/csv")[0] == 200


def test_sparqlwrapper_client(endpoint):
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    sw = SPARQLWrapper.SPARQLWrapper(f"{endpoint}/sparql")
    sw.setQuery(REPORTS)
    sw.setReturnFormat(SPARQLWrapper.JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert rows[0]["id"]["value"] == "000_18dbd27aeb4158ef"
    sw.setMethod(SPARQLWrapper.POST)
    sw.setQuery("ASK { ?s a <https://w3id.org/govkg/ontology#Report> }")
    assert sw.query().convert()["boolean"] is True


def test_accept_parsing():
    assert parse_accept("text/csv;q=0.2, application/json") == ["application/json", "text/csv"]
    assert parse_accept(None) == ["*/*"]
    assert choose_format("select", ["*/*"]) == "json"
    assert choose_format("graph", ["*/*"]) == "turtle"
    assert choose_format("select", ["image/png"]) is None
    assert choose_format("select", ["*/*"], forced="csv") == "csv"
