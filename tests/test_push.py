"""govkg push against a real Oxigraph server (the `oxigraph` package) on loopback."""
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from govkg.graph.build import ONTOLOGY_GRAPH, report_graph_iri
from helpers import run


def _oxigraph() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def store(tmp_path):
    exe = _oxigraph()
    if exe is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("the oxigraph server did not start")
    yield base
    proc.kill()
    proc.wait(10)


def graph_sizes(base):
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    req = urllib.request.Request(f"{base}/query?" + urllib.parse.urlencode({"query": q}), headers={"Accept": "text/csv"})
    lines = urllib.request.urlopen(req, timeout=10).read().decode().splitlines()[1:]
    return {g: int(n) for g, n in (line.split(",") for line in lines)}


def test_push_loads_one_graph_per_report_and_replaces_on_rebuild(store, seed_build, seed_kg, tmp_path):
    code, out, err = run(["push", "-g", str(seed_build), "--endpoint", f"{store}/store"])
    assert code == 0, err
    sizes = graph_sizes(store)
    assert set(sizes) == {str(n) for n in seed_kg.parts}
    assert sizes[str(ONTOLOGY_GRAPH)] == len(seed_kg.parts[ONTOLOGY_GRAPH])
    first = str(report_graph_iri("000_18dbd27aeb4158ef"))
    assert sizes[first] == len(seed_kg.parts[report_graph_iri("000_18dbd27aeb4158ef")])
    # rebuild one report alone and push it: its graph is replaced, the others stay
    from conftest import SEEDS
    code, _, err = run(["build", str(SEEDS / "000_18dbd27aeb4158ef.txt"), "-o", str(tmp_path / "one"), "--no-html", "-q"])
    assert code == 0, err
    code, _, err = run(["push", "-g", str(tmp_path / "one"), "--endpoint", f"{store}/store", "-q"])
    assert code == 0, err
    again = graph_sizes(store)
    assert set(again) == set(sizes)
    assert again[first] > 0 and again[str(report_graph_iri("004_f7d3045b65ec1e49"))] == \
        sizes[str(report_graph_iri("004_f7d3045b65ec1e49"))]


def test_unreachable_store_is_a_clear_error(seed_build):
    code, out, err = run(["push", "-g", str(seed_build), "--endpoint", f"http://127.0.0.1:{_free_port()}/store"])
    assert code == 2 and "cannot reach the store" in err
    code, out, err = run(["push", "-g", str(seed_build), "--endpoint", "ftp://example.org/store"])
    assert code == 2 and "http(s) URL" in err
