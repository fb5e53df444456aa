from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_corpus():
    from extract.pipeline import run
    return run([SEEDS])


@pytest.fixture(scope="session")
def seed_graph(seed_corpus):
    from graph.build import build_graph
    return build_graph(seed_corpus)
