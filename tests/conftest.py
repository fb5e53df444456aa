from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_corpus():
    from govkg.extract.pipeline import run
    return run([SEEDS])


@pytest.fixture(scope="session")
def seed_graph(seed_corpus):
    from govkg.graph.build import build_graph
    return build_graph(seed_corpus)


@pytest.fixture(scope="session")
def seed_kg(seed_corpus):
    from govkg.graph.api import KnowledgeGraph
    from govkg.graph.build import build_parts
    return KnowledgeGraph(build_parts(seed_corpus), seed_corpus)


@pytest.fixture(scope="session")
def seed_build(seed_kg, tmp_path_factory):
    """A build folder of the seeds: graph.ttl, graph.trig and graph.html."""
    out = tmp_path_factory.mktemp("build")
    seed_kg.write(out)
    return out


@pytest.fixture(scope="session", autouse=True)
def private_cache_home(tmp_path_factory):
    """Builds run by the tests cache into a folder of the session, never the user's ~/.cache, and sign
    their entries with a key of the session, never the user's ~/.config/govkg/cache-key."""
    mp = pytest.MonkeyPatch()
    home = tmp_path_factory.mktemp("xdg-cache")
    mp.setenv("XDG_CACHE_HOME", str(home))
    mp.setenv("GOVKG_CACHE_KEY", str(tmp_path_factory.mktemp("cache-key") / "cache-key"))
    yield home
    mp.undo()
