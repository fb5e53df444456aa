"""Helpers shared by the test modules (imported as ``helpers``: pytest puts tests/ on the path)."""
import io

from govkg.graph.cli import main


def run(argv):
    """Run the CLI in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()
