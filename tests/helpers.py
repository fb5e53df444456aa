"""Helpers shared by the test modules (imported as ``helpers``: pytest puts tests/ on the path)."""
import io

from govkg.graph.cli import main


def run(argv):
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def assert_regenerates(module, tmp_path, monkeypatch):
    """A generated lexicon file (``module._output()``) is what its generator makes from
    ../shared/corpus today (skipped where the corpus is absent)."""
    import pytest
    from conftest import SHARED

    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("no ../shared/corpus here")
    shipped = module._output()
    out = tmp_path / shipped.name
    monkeypatch.setattr(module, "_output", lambda: out)
    module.main(str(corpus))
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8")
