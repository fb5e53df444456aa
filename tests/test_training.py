"""The shipped recognizer model is the one the annotated reports and today's features make:
retraining on ../shared/gold gives the same decisions, and a model file that is not a
model is refused with its name."""
import json

import pytest

from conftest import ROOT, SHARED
from govkg.extract.mentions import train as T
from govkg.extract.errors import ModelError
from govkg.extract.mentions.classifier import load_model, model_from_json, shipped_model

GOLD = SHARED / "gold"
pytest.importorskip("sklearn")
needs_gold = pytest.mark.skipif(not GOLD.is_dir(), reason="../shared/gold is not here")


@needs_gold
def test_retraining_reproduces_the_shipped_model():
    by_doc = T.collect(T.gold_files(GOLD), [ROOT / "seeds", GOLD / "texts"])
    examples = [e for d in sorted(by_doc) for e in by_doc[d]]
    retrained = T.fit(examples, None, {"reports": sorted(by_doc)})
    shipped = shipped_model()
    assert shipped is not None, "extract/mentions/model.json is missing: run govkg train"
    assert set(shipped.weights) == set(retrained.weights), "features changed: retrain (docs/how-it-works.md, Recognition)"
    same = sum(shipped.score(e.feats).top == retrained.score(e.feats).top
               and (shipped.score(e.feats).p_name >= 0.5) == (retrained.score(e.feats).p_name >= 0.5)
               for e in examples)
    assert same / len(examples) > 0.995


def test_the_model_text_reads_back_as_the_same_model(tmp_path):
    model = shipped_model()
    path = T.write_model(model, tmp_path / "m.json")
    again = load_model(path)
    assert again.to_json() == model.to_json()


@pytest.mark.parametrize("data,message", [
    ({"format": "pickle"}, "format"),
    ({**json.loads((ROOT / "extract/mentions/model.json").read_text(encoding="utf-8")), "version": 99}, "version"),
])
def test_a_model_that_is_not_one_is_refused(data, message):
    with pytest.raises(ModelError, match=message):
        model_from_json(data, "m.json")

