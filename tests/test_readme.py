"""The README and the docs/ pages: their SPARQL examples (```sparql blocks, and the query strings
of their Python examples) declare their prefixes and answer the same on the seed graph with both
engines; the README's "your own reports in five minutes" runs as written; every page is linked
from the README, every relative link and anchor resolves, and the command table lists every command."""
import re
import shlex
import subprocess

import pytest
from conftest import ROOT
from govkg.graph.sparql import QueryError, check_query, open_engine
from helpers import run

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXTS = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in PAGES}
README = TEXTS["README.md"]


def sparql_examples(text: str) -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", text, re.S) + \
        [q for block in re.findall(r"```python\n(.*?)```", text, re.S)
         for q in re.findall(r'"""\n(.*?)"""', block, re.S) if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", q)]


EXAMPLES = [(page, i, q) for page, text in TEXTS.items() for i, q in enumerate(sparql_examples(text))]
IDS = [f"{page}-query{i}" for page, i, _ in EXAMPLES]
QUERIES = [q for _, _, q in EXAMPLES]


@pytest.fixture(scope="module")
def engines(seed_kg):
    return open_engine(seed_kg.parts, "oxigraph"), open_engine(seed_kg.parts, "rdflib")


def test_the_readme_and_the_docs_have_sparql_examples():
    pages = {page for page, _, _ in EXAMPLES}
    assert {"README.md", "docs/graph.md", "docs/queries.md", "docs/how-it-works.md"} <= pages
    assert len(QUERIES) >= 6


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_sparql_example_declares_its_prefixes(query):
    check_query(query)  # an undeclared prefix (rdflib would take rdf: and rdfs: unasked) fails here


@pytest.mark.parametrize("query", QUERIES, ids=IDS)
def test_sparql_example_answers_the_same_on_both_engines(engines, query):
    ox, rl = engines
    a, b = ox.query(query), rl.query(query)
    assert a.kind == b.kind
    if a.kind == "graph":
        assert a.triples, "an example returns nothing on the seeds"
        assert all(t.kind != "bnode" for triple in a.triples for t in triple)  # so that they compare
        assert sorted(set(a.triples)) == sorted(set(b.triples))
    else:
        assert a.rows, "an example returns nothing on the seeds"
        assert a.variables == b.variables and sorted(a.rows) == sorted(b.rows)


def test_a_syntax_error_is_one_line_with_its_position(engines):
    for engine in engines:
        with pytest.raises(QueryError) as exc:
            engine.query("SELECT ?x WHERE {\n  ?x rdfs:label ?y .\n}")
        message = str(exc.value)
        assert "\n" not in message
        assert message.startswith("SPARQL syntax error at line 2, column 6: ")


def _section(text: str, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"no section {title!r}"
    return m.group(1)


def test_the_quick_start_is_the_two_commands_ci_runs():
    block = re.search(r"^## Quick start\n.*?```sh\n(.*?)```", README, re.S | re.M).group(1).splitlines()
    assert len(block) == 2
    assert block[0].endswith(".venv/bin/pip install -e . && .venv/bin/govkg build")
    assert block[1].endswith(".venv/bin/pip install -e '.[test]' && .venv/bin/pytest -q")
    # .ci/run takes the second line of that block, with this very awk program
    awk = r"/^## Quick start/{q=1} q && /^```sh/{getline; getline; print; exit}"
    got = subprocess.run(["awk", awk, str(ROOT / "README.md")], capture_output=True, text=True, check=True).stdout
    assert got.strip() == block[1]
    assert awk in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    quick = _section(README, "Quick start")
    assert "minutes" in quick and "Chromium" in quick and "Java" in quick  # how long, and what they need


def test_your_own_reports_in_five_minutes_runs_as_written(tmp_path, monkeypatch):
    """The section's shell lines, in a folder beside a link to seeds/: the folder, the build,
    the three queries (the SPARQL block as initiatives.rq) and the page."""
    section = _section(README, "Your own reports in five minutes")
    lines = [ln for block in re.findall(r"```sh\n(.*?)```", section, re.S) for ln in block.splitlines() if ln]
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "initiatives.rq").write_text(sparql_examples(section)[0], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    outputs = []
    for line in lines:
        if line.startswith(".venv/bin/govkg "):
            code, out, err = run(shlex.split(line)[1:])
            assert code == 0, (line, err)
            outputs.append(out)
        else:  # mkdir and cp
            subprocess.run(["bash", "-c", line], check=True, cwd=tmp_path)
    build_out, reports, projects, initiatives = outputs
    assert reports.rstrip().endswith("(5 rows)")
    rows = [ln.split() for ln in projects.splitlines()[2:-1]]
    assert rows and {r[-1] for r in rows} == {"000_18dbd27aeb4158ef"}  # 南沙区's report only
    assert initiatives.splitlines()[2].split()[:2] == ["乡村振兴", "4"]
    assert (tmp_path / "mygraph" / "graph.html").is_file()
    assert "mygraph/graph.html" in section


def test_every_docs_page_is_linked_from_the_readme():
    for page in TEXTS:
        if page.startswith("docs/") and page != "docs/README.md":
            assert f"]({page})" in README, page


def _anchors(text: str) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens."""
    body = re.sub(r"```.*?```", "", text, flags=re.S)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-")
            for h in re.findall(r"^#{1,6} (.+)$", body, re.M)}


@pytest.mark.parametrize("page", sorted(TEXTS))
def test_every_relative_link_and_anchor_resolves(page):
    base = (ROOT / page).parent
    for target in re.findall(r"\]\(([^)\s]+)\)", re.sub(r"```.*?```", "", TEXTS[page], flags=re.S)):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (base / path).resolve() if path else ROOT / page
        assert file.exists(), f"{page}: {target}"
        if anchor:
            assert anchor in _anchors(file.read_text(encoding="utf-8")), f"{page}: {target}"


def test_the_command_table_lists_every_command():
    from govkg.graph.cli import make_parser
    commands = make_parser()._subparsers._group_actions[0].choices
    table = re.findall(r"^\| `govkg (\w+)", TEXTS["docs/commands.md"], re.M)
    assert sorted(table) == sorted(commands)
