"""The SPARQL endpoint, started on a free loopback port and asked over real HTTP."""
import csv
import io
import json
import threading
import time
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
    assert get(endpoint, "")[0] == 400  # a query parameter, but an empty one
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
    """The timed-out worker is replaced in the background: until its successor has loaded the
    store (seconds on a busy machine), a query is told to try again later; then it is answered."""
    status, _, body = get(endpoint, SLOW)
    assert status == 503 and b"timeout" in body
    deadline = time.monotonic() + 60
    while True:
        status, _, body = get(endpoint, REPORTS, "text/csv")
        if status == 200 or time.monotonic() > deadline:
            break
        assert status == 503 and b"try again later" in body, body
        time.sleep(0.5)
    assert status == 200


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


GOV = "https://w3id.org/govkg/ontology#"
REPORT_TYPES = f"CONSTRUCT {{ ?r a <{GOV}Report> }} WHERE {{ ?r a <{GOV}Report> }}"
RDF_FORMATS = [("text/turtle", "text/turtle", "turtle"), ("application/n-triples", "application/n-triples", "nt"),
               ("application/rdf+xml", "application/rdf+xml", "xml"), ("application/ld+json", "application/ld+json", "json-ld")]


def _report_iris(endpoint):
    _, _, body = get(endpoint, REPORTS.replace("SELECT ?id", "SELECT ?r ?id"), "application/json")
    return {b["r"]["value"] for b in json.loads(body)["results"]["bindings"]}


@pytest.mark.parametrize("accept,ctype,parser", RDF_FORMATS)
def test_construct_answers_in_each_rdf_format_by_accept(endpoint, accept, ctype, parser):
    from rdflib import Graph, RDF, URIRef
    status, headers, body = get(endpoint, REPORT_TYPES, accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    g = Graph().parse(data=body.decode("utf-8"), format=parser)
    assert set(g) == {(URIRef(r), RDF.type, URIRef(f"{GOV}Report")) for r in _report_iris(endpoint)}
    assert len(g) == 5


@pytest.mark.parametrize("accept,ctype,parser", RDF_FORMATS)
def test_describe_answers_in_each_rdf_format_by_accept(endpoint, accept, ctype, parser):
    from rdflib import Graph, Literal, URIRef
    report = sorted(_report_iris(endpoint))[0]
    status, headers, body = get(endpoint, f"DESCRIBE <{report}>", accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype)
    g = Graph().parse(data=body.decode("utf-8"), format=parser)
    ids = set(g.objects(URIRef(report), URIRef("http://purl.org/dc/terms/identifier")))
    assert ids == {Literal("000_18dbd27aeb4158ef")}


def test_format_parameter_of_a_construct_names_its_rdf_forms(endpoint):
    assert get(endpoint, REPORT_TYPES, format="xml")[1]["Content-Type"].startswith("application/rdf+xml")
    assert get(endpoint, REPORT_TYPES, format="jsonld")[1]["Content-Type"].startswith("application/ld+json")
    assert get(endpoint, REPORT_TYPES, "image/png")[0] == 406


def test_sparqlwrapper_defaults_for_construct_and_describe(endpoint):
    from rdflib import Graph
    SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
    sw = SPARQLWrapper.SPARQLWrapper(f"{endpoint}/sparql")  # its default return format: XML (RDF/XML here)
    sw.setQuery(REPORT_TYPES)
    g = sw.query().convert()
    assert isinstance(g, Graph) and len(g) == 5
    sw.setQuery(f"DESCRIBE <{sorted(_report_iris(endpoint))[0]}>")
    assert len(sw.query().convert()) > 5
    sw.setQuery(REPORT_TYPES)
    sw.setReturnFormat(SPARQLWrapper.JSONLD)
    assert len(sw.query().convert()) == 5
    sw.setReturnFormat(SPARQLWrapper.TURTLE)
    assert len(Graph().parse(data=sw.query().convert().decode("utf-8"), format="turtle")) == 5


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint):
    from rdflib import Graph, RDF, URIRef
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    g = Graph(SPARQLStore(f"{endpoint}/sparql"))
    assert len(g.query(REPORT_TYPES).graph) == 5
    assert len(list(g.triples((None, RDF.type, URIRef(f"{GOV}Report"))))) == 5
    rows = list(g.query(REPORTS))
    assert [str(r[0]) for r in rows][0] == "000_18dbd27aeb4158ef" and len(rows) == 5


def test_get_without_a_query_is_the_service_description(endpoint):
    from rdflib import Graph, Namespace, URIRef
    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    status, headers, body = fetch(f"{endpoint}/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body.decode("utf-8"), format="turtle")
    service = g.value(predicate=SD.endpoint, object=URIRef(f"{endpoint}/sparql"))
    assert service is not None and (service, SD.supportedLanguage, SD.SPARQL11Query) in g
    assert (service, SD.feature, SD.UnionDefaultGraph) in g
    assert URIRef("http://www.w3.org/ns/formats/RDF_XML") in set(g.objects(service, SD.resultFormat))
    ids = ["000_18dbd27aeb4158ef", "001_fbbfb8504cf151c7", "002_77c00e44fef8ea85", "003_18b0c22b62e19c9c",
           "004_f7d3045b65ec1e49", "ontology"]
    graphs = {str(g.value(n, SD.name)): g.value(g.value(n, SD.graph), URIRef("http://rdfs.org/ns/void#triples"))
              for n in g.objects(None, SD.namedGraph)}
    assert sorted(graphs) == [f"https://w3id.org/govkg/id/graph/{i}" for i in ids] + ["https://w3id.org/govkg/id/summary"]
    _, _, counted = get(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/govkg/id/graph/ontology> "
                                  "{ ?s ?p ?o } }", "application/json")
    assert graphs["https://w3id.org/govkg/id/graph/ontology"].toPython() == \
        int(json.loads(counted)["results"]["bindings"][0]["n"]["value"])
    status, headers, body = fetch(f"{endpoint}/sparql", headers={"Accept": "application/ld+json"})
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    assert len(Graph().parse(data=body.decode("utf-8"), format="json-ld")) == len(g)
