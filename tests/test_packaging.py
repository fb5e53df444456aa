"""The wheel installs one top-level name, ``govkg``: the three source folders become
govkg.extract, govkg.graph and govkg.ontology, so that no other distribution (PyPI's
``Extract``, ``ontology``) and no user's own graph.py can shadow them.

The wheel is built offline with setuptools' own backend (``setuptools.build_meta``, as
``pip wheel --no-build-isolation`` would call it) from a copy of the sources, so the
worktree gets no build/ or egg-info folder."""
import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest
from conftest import ROOT

SOURCES = ("pyproject.toml", "README.md", "extract", "graph", "ontology")


def _backend_missing() -> str | None:
    """Why setuptools cannot build a wheel here, or None."""
    probe = ("import setuptools, setuptools.build_meta, sys; "
             "v = tuple(int(x) for x in setuptools.__version__.split('.')[:2]); "
             "sys.exit(0 if v >= (68, 0) else 3)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    if proc.returncode == 3:
        return "setuptools older than 68 (pyproject.toml's build requirement): pip install -e '.[test]'"
    if proc.returncode:
        return "setuptools' build backend is not installed: pip install -e '.[test]'"
    try:
        import wheel  # noqa: F401 (bdist_wheel on setuptools < 70.1)
    except ImportError:
        import setuptools
        if tuple(int(x) for x in setuptools.__version__.split(".")[:2]) < (70, 1):
            return "the wheel package is not installed (setuptools < 70.1 needs it): pip install wheel"
    return None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    reason = _backend_missing()
    if reason:
        pytest.skip(reason)
    src, out = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("wheel")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    build = f"from setuptools import build_meta; print(build_meta.build_wheel({str(out)!r}))"
    proc = subprocess.run([sys.executable, "-c", build], cwd=src, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = out / proc.stdout.strip().splitlines()[-1]
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        entry = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        return names, z.read(entry[0]).decode("utf-8") if len(entry) == 1 else ""


def test_the_wheels_only_top_level_names_are_govkg_and_its_dist_info(wheel):
    wheel_names, _ = wheel
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert {n.split("/")[0] for n in wheel_names} == {"govkg", f"govkg-{version}.dist-info"}
    # and govkg holds the three sub-packages, with no __init__ of its own to collide with
    assert {n.split("/")[1] for n in wheel_names if n.startswith("govkg/")} == {"extract", "graph", "ontology"}


def test_the_wheel_carries_the_resources_and_the_command(wheel):
    names, entry_points = set(wheel[0]), wheel[1]
    for resource in ("govkg/ontology/gov.ttl", "govkg/ontology/shapes.ttl", "govkg/graph/queries/reports.rq",
                     "govkg/graph/templates/view.html", "govkg/graph/cli.py"):
        assert resource in names, resource
    assert "govkg = govkg.graph.cli:main" in entry_points.splitlines()
