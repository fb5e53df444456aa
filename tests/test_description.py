"""What a build says of itself and of its exports' types: void.ttl (VoID and DCAT, with every
report's source file and SHA-256), checksums on the NIF contexts, GraphML and GEXF that keep a
relation's kind and status and an entity's aliases, CSV codes that stay text."""
import csv
import datetime as dt
import hashlib
import io
import json

import networkx as nx
import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from conftest import SEEDS
from govkg.graph.describe import About, Source, created_time, describe
from govkg.graph.export.network import serialize_network
from govkg.graph.export.tables import table_csv, tables
from helpers import run

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
GOV = Namespace("https://w3id.org/govkg/ontology#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
DATASET = URIRef("https://w3id.org/govkg/id/dataset")


def test_a_build_describes_itself(seed_build):
    d = Graph().parse(seed_build / "void.ttl", format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in d and (DATASET, RDF.type, DCAT.Dataset) in d
    assert str(d.value(DATASET, DCTERMS.title)) == "govkg 政府工作报告知识图谱"
    assert str(d.value(DATASET, DCTERMS.creator)) == "govkg"
    assert d.value(DATASET, DCTERMS.license) is not None
    assert d.value(DATASET, DCTERMS.created).datatype == URIRef("http://www.w3.org/2001/XMLSchema#dateTime")
    software = d.value(d.value(DATASET, URIRef("http://www.w3.org/ns/prov#wasGeneratedBy")),
                       URIRef("http://www.w3.org/ns/prov#wasAssociatedWith"))
    assert str(d.value(software, URIRef("https://schema.org/softwareVersion"))) == "0.1.0"
    union = Graph().parse(seed_build / "graph.ttl", format="turtle")
    assert int(d.value(DATASET, VOID.triples)) == len(union)
    seeds = sorted(SEEDS.glob("*.txt"))
    subsets = sorted(d.objects(DATASET, VOID.subset))
    assert len(subsets) == len(seeds) == 5
    for subset, path in zip(subsets, seeds):
        assert str(d.value(subset, DCTERMS.identifier)) == path.stem
        dist = d.value(subset, DCAT.distribution)
        assert str(d.value(dist, DCTERMS.title)) == path.name
        checksum = d.value(dist, SPDX.checksum)
        assert d.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert str(d.value(checksum, SPDX.checksumValue)) == hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_subset_counts_its_named_graph(seed_build):
    from rdflib import Dataset
    ds = Dataset()
    ds.parse(seed_build / "graph.trig", format="trig")
    d = Graph().parse(seed_build / "void.ttl", format="turtle")
    for subset in d.objects(DATASET, VOID.subset):
        assert int(d.value(subset, VOID.triples)) == len(ds.graph(subset)), subset


def test_nif_contexts_name_their_source(seed_graph):
    contexts = sorted(seed_graph.subjects(RDF.type, NIF.Context))
    assert len(contexts) == 5
    for ctx in contexts:
        name = str(seed_graph.value(ctx, GOV.fileName))
        assert str(seed_graph.value(ctx, GOV.sha256)) == hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()


def test_created_honours_source_date_epoch():
    assert created_time({"SOURCE_DATE_EPOCH": "1764590400"}) == dt.datetime(2025, 12, 1, 12, 0, tzinfo=dt.timezone.utc)
    g = describe({URIRef("urn:g"): [Source(URIRef("urn:r"), "r", "r.txt", "ab" * 32)]}, {"union": 7, URIRef("urn:g"): 5},
                 About(title="T", creator="C", licence="https://creativecommons.org/licenses/by/4.0/"), "9.9",
                 created_time({"SOURCE_DATE_EPOCH": "1764590400"}))
    assert g.value(DATASET, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(DATASET, DCTERMS.created).toPython() == dt.datetime(2025, 12, 1, 12, 0, tzinfo=dt.timezone.utc)
    assert int(g.value(URIRef("urn:g"), VOID.triples)) == 5


def test_a_licence_that_is_not_an_iri_stops_the_build_before_it_reads(tmp_path):
    code, out, err = run(["build", str(SEEDS / "001_fbbfb8504cf151c7.txt"), "-o", str(tmp_path / "o"), "--licence",
                          "CC BY", "--no-cache", "-q"])
    assert code == 2 and "--licence 'CC BY': give the licence as an http(s) IRI" in err
    assert not (tmp_path / "o").exists()


def test_graphml_and_gexf_keep_kinds_statuses_and_aliases(seed_kg):
    G = seed_kg.networkx
    u, v, k, d = next((u, v, k, d) for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: e[:3])
                      if d.get("statuses") and d.get("kinds"))
    nansha = "https://w3id.org/govkg/id/place/440115"
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        H = read(io.BytesIO(serialize_network(G, fmt)))
        assert set(H.nodes[nansha]["aliases"].split(" | ")) == set(G.nodes[nansha]["aliases"]) and "南沙" in G.nodes[nansha]["aliases"]
        found = [e for a, b, e in H.edges(data=True) if a == u and b == v and e.get("predicate", e.get("label")) == k]
        assert found, (fmt, u, v, k)
        assert found[0]["kinds"] == " | ".join(d["kinds"]) and found[0]["statuses"] == " | ".join(d["statuses"])
        assert found[0]["phases"] == " | ".join(d["phases"])


def test_csv_codes_stay_text(seed_graph):
    t = tables(seed_graph)
    rows = list(csv.DictReader(io.StringIO(t["entities.csv"].decode("utf-8-sig"))))
    assert next(r for r in rows if r["label"] == "南沙区")["identifier"] == "440115"
    meta = json.loads(t["csv-metadata.json"])
    cols = {c["name"]: c["datatype"] for tab in meta["tables"] if tab["url"] == "entities.csv"
            for c in tab["tableSchema"]["columns"]}
    assert cols["identifier"] == "string" and cols["reports"] == "string"
    obs = {c["name"]: c["datatype"] for tab in meta["tables"] if tab["url"] == "observations.csv"
           for c in tab["tableSchema"]["columns"]}
    assert obs["value"] == "decimal" and obs["value_text"] == "string" and obs["period"] == "string"


def test_leading_zeros_survive_the_csv_module_and_pandas():
    data = table_csv(["iri", "identifier", "value_text"], [["urn:a", "012345", "007"], ["urn:b", "", "1.50"]])
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["identifier"], r["value_text"]) for r in rows] == [("012345", "007"), ("", "1.50")]
    pd = pytest.importorskip("pandas")
    df = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)  # as docs/commands.md (Exports) says
    assert list(df["identifier"]) == ["012345", ""] and list(df["value_text"]) == ["007", "1.50"]
