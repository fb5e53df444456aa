import csv
import io
import json
import os
import subprocess
import sys

import networkx as nx
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, Dataset, URIRef
from rdflib.compare import isomorphic

from govkg.graph.api import load
from govkg.graph.build import ONTOLOGY_GRAPH, report_graph_iri
from govkg.graph.export.network import serialize_network
from govkg.graph.export.rdf import serialize, serialize_dataset
from govkg.graph.export.tables import ENTITY_COLUMNS, OBSERVATION_COLUMNS, RELATION_COLUMNS, tables
from govkg.graph.summary import SUMMARY_GRAPH
from helpers import run

SEED_IDS = ["000_18dbd27aeb4158ef", "001_fbbfb8504cf151c7", "002_77c00e44fef8ea85", "003_18b0c22b62e19c9c",
            "004_f7d3045b65ec1e49"]


def test_trig_has_the_ontology_and_one_named_graph_per_report(seed_kg):
    ds = Dataset()
    ds.parse(data=serialize_dataset(seed_kg.parts, "trig"), format="trig")
    names = {URIRef(str(g.identifier)) for g in ds.graphs() if len(g)}
    assert names == {ONTOLOGY_GRAPH, *(report_graph_iri(i) for i in SEED_IDS), URIRef(SUMMARY_GRAPH)}  # and the counts
    # each report's graph holds that report and no other
    g0 = ds.graph(report_graph_iri(SEED_IDS[0]))
    reports = set(g0.subjects(RDF.type, URIRef("https://w3id.org/govkg/ontology#Report")))
    assert reports == {URIRef(f"https://w3id.org/govkg/id/report/{SEED_IDS[0]}")}


def test_union_of_named_graphs_is_graph_ttl(seed_kg, seed_build):
    back = load(seed_build)  # reads graph.trig
    assert set(back.parts) == set(seed_kg.parts)
    assert isomorphic(back.rdf, rdflib.Graph().parse(seed_build / "graph.ttl"))


def test_nquads_are_sorted_and_name_the_graph(seed_kg):
    lines = serialize_dataset(seed_kg.parts, "nquads").decode("utf-8").splitlines()
    assert lines == sorted(lines)
    assert any(line.endswith(f"<{report_graph_iri(SEED_IDS[2])}> .") for line in lines)


def test_json_ld_round_trips(seed_graph):
    back = rdflib.Graph().parse(data=serialize(seed_graph, "json-ld"), format="json-ld")
    assert isomorphic(back, seed_graph)


def test_graphml_and_gexf_use_the_rdf_iris(seed_kg):
    G = seed_kg.networkx
    gml = nx.read_graphml(io.BytesIO(serialize_network(G, "graphml")))
    assert set(gml.nodes) == set(G.nodes)
    nansha = "https://w3id.org/govkg/id/place/440115"
    assert gml.nodes[nansha]["label"] == "南沙区" and gml.nodes[nansha]["top"] == "Place"
    assert gml.number_of_edges() == G.number_of_edges()
    gexf = nx.read_gexf(io.BytesIO(serialize_network(G, "gexf")))
    assert set(gexf.nodes) == set(G.nodes)
    assert serialize_network(G, "gexf") == serialize_network(G, "gexf")  # no build date inside


def _rows(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for spreadsheets
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_tables_share_the_rdf_identifiers(seed_graph):
    t = tables(seed_graph)
    ents, rels, obs = _rows(t["entities.csv"]), _rows(t["relations.csv"]), _rows(t["observations.csv"])
    assert list(ents[0]) == ENTITY_COLUMNS and list(rels[0]) == RELATION_COLUMNS and list(obs[0]) == OBSERVATION_COLUMNS
    nansha = next(r for r in ents if r["iri"] == "https://w3id.org/govkg/id/place/440115")
    assert nansha["label"] == "南沙区" and "南沙" in nansha["aliases"].split(" | ") and nansha["identifier"] == "440115"
    subjects = set(seed_graph.subjects())
    for r in rels:
        assert URIRef(r["statement"]) in subjects and URIRef(r["subject"]) in subjects
        assert r["text"] and r["text"] in r["sentence"]
    gdp = [r for r in obs if r["indicator_label"] == "地区生产总值" and r["report"] == SEED_IDS[0]]
    assert [(r["value"], r["unit"], r["period"], r["area_label"]) for r in gdp] == [("795.3", "亿元", "2020H1", "南沙区")]
    assert len(obs) == len(set(seed_graph.subjects(RDF.type, URIRef("http://purl.org/linked-data/cube#Observation"))))


def test_export_command_writes_every_format(seed_build, tmp_path):
    code, out, err = run(["export", "-g", str(seed_build), "-o", str(tmp_path), "--format",
                          "nquads", "json-ld", "graphml", "gexf", "csv", "xml", "nt"])
    assert code == 0, err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["csv-metadata.json", "entities.csv", "graph.gexf", "graph.graphml", "graph.jsonld", "graph.nq",
                     "graph.nt", "graph.rdf", "observations.csv", "relations.csv"]
    json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))


def test_export_of_a_missing_build_is_an_error(tmp_path):
    code, out, err = run(["export", "-g", str(tmp_path), "--format", "csv"])
    assert code == 2 and "no built graph here" in err


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(max_size=20), min_size=1, max_size=4))
def test_trig_round_trips_any_literal(texts):
    parts = {}
    for i, t in enumerate(texts):
        g = rdflib.Graph()
        g.add((URIRef(f"urn:s{i}"), RDFS.label, rdflib.Literal(t, lang="zh")))
        parts[URIRef(f"urn:graph{i}")] = g
    ds = Dataset()
    ds.parse(data=serialize_dataset(parts, "trig"), format="trig")
    for name, g in parts.items():
        assert isomorphic(ds.graph(name), g)


def test_build_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    """Every export format, built under two hash seeds, is the same bytes."""
    from conftest import ROOT, SEEDS
    from govkg.graph.api import EXPORT_FORMATS
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "govkg.graph.cli", "build", str(SEEDS / "001_fbbfb8504cf151c7.txt"), "-o",
                        str(out), "-q", "--no-cache", "--formats", *EXPORT_FORMATS],
                       check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1764590400"})
        outs.append(out)
    # the Oxigraph store's database files differ between builds: tests/test_store.py checks its content
    names = sorted(p.name for p in outs[0].iterdir() if not p.name.startswith(".") and p.name != "graph.oxigraph")
    assert names == ["csv-metadata.json", "entities.csv", "graph.gexf", "graph.graphml", "graph.html", "graph.jsonld",
                     "graph.n3", "graph.nq", "graph.nt", "graph.rdf", "graph.trig", "graph.ttl", "observations.csv",
                     "relations.csv", "void.ttl"]
    for name in names:
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name
