"""``govkg explain`` output, checked against golden files in tests/data/explain/.

The output names every candidate, the recognizer and variant that proposed it, its checks,
its score and the decision; it changes when the recognizers or the shipped model change.
After such a change, look at the diff and then regenerate the files:
``GOVKG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_explain.py``."""
import json
import os

import pytest

from conftest import ROOT
from helpers import run

DATA = ROOT / "tests" / "data" / "explain"
CASES = json.loads((DATA / "cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_explain_matches_its_golden_file(case):
    code, out, err = run(["explain", *case["args"]])
    assert code == 0, err
    golden = DATA / f"{case['name']}.txt"
    if os.environ.get("GOVKG_UPDATE_GOLDEN"):
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


def test_explain_of_a_line_of_a_file_and_a_disabled_recognizer(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("南沙区2023年政府工作报告\n加快建设明珠湾大桥。\n", encoding="utf-8")
    code, out, _ = run(["explain", str(f), "--line", "2"])
    assert code == 0
    assert "+ '明珠湾大桥'" in out and "by suffix" in out and "政府工作报告" not in out  # only line 2
    code, out, _ = run(["explain", str(f), "--line", "2", "--disable", "suffix"])
    assert code == 0 and "by suffix" not in out


def test_explain_of_an_unknown_recognizer_is_an_error():
    code, _, err = run(["explain", "加快建设明珠湾大桥。", "--disable", "nosuch"])
    assert code == 2 and "nosuch" in err


def test_explain_of_text_too_long_for_a_file_name():
    """300 characters are no file name (the OS refuses to look one up): they are text."""
    text = "加快建设明珠湾大桥。" * 30
    code, out, err = run(["explain", text, "--weights", "0"])
    assert code == 0, err
    assert out.count("+ '明珠湾大桥'") == 30
