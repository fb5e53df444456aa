"""Quality check: score the graph built from the annotated reports against ../shared/gold.

The graph is built from seeds/ and ../shared/gold/texts/ together (every report that has
gold), written as Turtle and scored by ../shared/tools/score.py, the same scorer users
run.  A score below its floor is a regression and fails the suite.  Each floor is the
score measured when it was last raised, less a small margin; the per-report floors make
sure no report falls while the others carry the average.

Runs when ../shared/gold and the scorer exist (CI has them beside the clone).
"""
import collections
import importlib.util
import json

import pytest

from conftest import SEEDS, SHARED

GOLD_DIR = SHARED / "gold"
GOLD = sorted(GOLD_DIR.glob("*.jsonl")) if GOLD_DIR.is_dir() else []
TEXTS = GOLD_DIR / "texts"
SCORER = SHARED / "tools" / "score.py"

# Measured 2026-12-02, session 7 (seeds + gold texts built together, with the shipped model, which was
# trained on these reports: these floors catch regressions, the leave-one-out floor below
# says what to expect on a report the model has not seen), less a margin of 0.02.
FLOORS = {  # measured: all 0.928, Place 0.919, Organization 0.952, Project 0.926, Initiative 0.923, PolicyDocument 0.940
    "all": 0.90,
    "Place": 0.89,
    "Organization": 0.93,
    "Project": 0.90,
    "Initiative": 0.90,
    "PolicyDocument": 0.92,
}
# typed entity F1 per report with entity gold (reports with statistics only are not listed)
REPORT_FLOORS = {
    "000_18dbd27aeb4158ef": 0.94,  # measured 0.964
    "001_fbbfb8504cf151c7": 0.93,  # 0.953
    "003_18b0c22b62e19c9c": 0.91,  # 0.931
    "hebei_2026": 0.92,  # 0.949
    "heilongjiang_2026_part1": 0.91,  # 0.937
    "mancheng_2022_part1": 0.84,  # 0.869
    "sichuan_2026_part1": 0.88,  # 0.901
    "zhejiang_2026_part1": 0.90,  # 0.922
}
# typed entity F1 (micro, all reports) when each report is built by a model trained on the
# others: measured 0.832 (2026-12-02, session 7: a candidate is inside a longer name only where the first
# pass kept that name, a name opening with a class word, works' suffixes, station words 驻京), less 0.02
# 0.844 (2026-12-04, rec11: phrases the report counts after them are kinds, counted projects of a quoted programme
# name the programme, words that rank a thing describe it, 实验基地 is an institution), less 0.02
# 0.842 (2026-12-04, rec11b: training learns from the phrases the report counts, as from the checks of form;
# 0.8442 without), less 0.02
LEAVE_ONE_OUT_FLOOR = 0.822
# observation F1 over all gold measured 0.882 (2026-12-02, issue 13, session 7: bounds taken into the figure
# are thresholds, size classes and rings are no figures, what is said of things counted stays out of their
# name, shared closing measures, markets of a distributive list, a quoted whole after its items), less 0.02
# (before: 0.869 on 2026-12-01)
OBSERVATION_F1_FLOOR = 0.862
# relation recall over all gold measured 0.695 (2026-12-02, issue 13, session 7: named parks, old towns and
# heritage sites promoted and located like zones), less 0.02; before it, 0.685 (2026-12-02, issue 13: regions named by the area's
# abbreviation or a division are part of it; issue 12's recognition finds more ends; strengthening
# verbs, lists past unnamed items, joined abbreviations, founded bodies, topics before a count; a name
# opening with a common word that is also a division's short form, 复兴公园), less 0.02
# 0.702 (2026-12-02, issue 13, rel5: enterprises settling, 擦亮 a brand, footnote marks inside lists), less 0.02
# 0.746 (2026-12-04, issue 13, rel9: parts of every named larger division, quoted initiatives that open a
# clause, bodies owning what is named after them, actors before a cue after the thing, lists of named things,
# a county's own parks and sites, quoted programmes counted), less 0.02
# 0.765 (2026-12-04, issue 13, rel10: examples of the zone a sentence opens with, divisions listed as platforms,
# what another division builds lies in it, sibling regions, cues over a quoted programme's description, things
# finished that open a clause, zones named by provinces joined and built jointly), less 0.02
# 0.771 (2026-12-04, issue 13, rel11: a quoted initiative joined to unnamed items of a clause's subject, what a
# paragraph opening with a zone's future places in the area lies in the zone, enterprises after list items not
# recognized, the one facility a district relies on), less 0.02
RELATION_RECALL_FLOOR = 0.751

pytestmark = pytest.mark.skipif(not GOLD or not SCORER.exists(), reason="../shared/gold not present")


def _scorer():
    spec = importlib.util.spec_from_file_location("govkg_gold_scorer", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _gold():
    gold = {k: collections.defaultdict(list) for k in ("entity", "observation", "relation")}
    for path in GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                gold[g["kind"]][g["doc"]].append(g)
    return gold


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    pytest.importorskip("pyoxigraph")
    from govkg.extract.pipeline import run
    from govkg.graph.build import build_graph
    from govkg.graph.export.rdf import write_rdf

    inputs = [SEEDS] + ([TEXTS] if TEXTS.is_dir() else [])
    corpus = run(inputs)
    assert not corpus.failures, corpus.failures
    path = tmp_path_factory.mktemp("quality") / "graph.ttl"
    write_rdf(build_graph(corpus), path)
    sc = _scorer()
    store = sc.load(path)
    return sc, store, sc.predicted_entities(store), _gold()


def _f1(sc, counts):
    tot = [sum(c[i] for c in counts.values()) for i in range(3)]
    return sc.prf(*tot)[2]


def test_every_gold_report_is_built(scored):
    sc, store, pred, gold = scored
    built = {str(r["id"].value) for r in sc.q(store, "SELECT ?id WHERE { ?r a gov:Report ; dcterms:identifier ?id }")}
    docs = set(gold["entity"]) | set(gold["observation"])
    assert docs <= built, f"gold reports not built: {sorted(docs - built)}"
    assert set(REPORT_FLOORS) == set(gold["entity"]), "every report with entity gold needs a floor"


@pytest.mark.parametrize("cls", sorted(FLOORS))
def test_typed_entity_f1_floor(scored, cls):
    sc, _, pred, gold = scored
    counts, _ = sc.score_entities(pred, gold["entity"], typed=True)
    f1 = _f1(sc, counts) if cls == "all" else sc.prf(*counts[cls])[2]
    assert f1 >= FLOORS[cls], f"typed entity F1 for {cls} fell to {f1:.3f} (floor {FLOORS[cls]})"


@pytest.mark.parametrize("doc", sorted(REPORT_FLOORS))
def test_report_entity_f1_floor(scored, doc):
    sc, _, pred, gold = scored
    counts, _ = sc.score_entities(pred, {doc: gold["entity"][doc]}, typed=True)
    f1 = _f1(sc, counts)
    assert f1 >= REPORT_FLOORS[doc], f"typed entity F1 of {doc} fell to {f1:.3f} (floor {REPORT_FLOORS[doc]})"


def test_observation_f1_floor(scored):
    sc, store, _, gold = scored
    (tp, fp, fn, _), _ = sc.score_observations(store, gold["observation"])
    f1 = sc.prf(tp, fp, fn)[2]
    assert f1 >= OBSERVATION_F1_FLOOR, f"observation F1 fell to {f1:.3f} (floor {OBSERVATION_F1_FLOOR})"


def test_relation_recall_floor(scored):
    sc, store, _, gold = scored
    (tp, fn, _), _ = sc.score_relations(store, gold["relation"])
    r = tp / (tp + fn)
    assert r >= RELATION_RECALL_FLOOR, f"relation recall fell to {r:.3f} (floor {RELATION_RECALL_FLOOR})"


def test_leave_one_report_out_entity_f1_floor():
    """Each annotated report built by a model trained on the others and scored on its gold (the
    spec's scorer, graph/evaluate.py): what a user can expect on reports the model has not seen."""
    pytest.importorskip("sklearn")
    from govkg.graph.training import leave_one_out

    folds = leave_one_out(GOLD, [SEEDS, TEXTS])
    assert set(folds) == set(REPORT_FLOORS)
    tp = fp = fn = 0
    for ev in folds.values():
        t = ev.total().entities["all"]
        tp, fp, fn = tp + t.tp, fp + t.fp, fn + t.fn
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= LEAVE_ONE_OUT_FLOOR, f"leave-one-out entity F1 fell to {f1:.3f} (floor {LEAVE_ONE_OUT_FLOOR})"
