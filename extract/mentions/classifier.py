"""The learned decision: a multinomial logistic regression over the candidates' features.

The model file (``model.json`` beside this module, or one made by ``govkg train``) is
data, never code: a JSON object with the classes, the intercepts and one weight vector
per feature.  It is read with checks on every field; scoring is a dot product in plain
Python, so building a graph needs no machine-learning library (training does: see
``train.py``).  The contribution of each feature to a decision is kept for ``govkg explain``.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ModelError

NONE = "none"
CLASSES = (NONE, "Place", "Organization", "Project", "Initiative", "PolicyDocument")
MODEL_FORMAT = "govkg-recognizer-model"
MODEL_VERSION = 1


@dataclass(frozen=True)
class Score:
    probs: dict[str, float]  # class -> probability

    @property
    def p_name(self) -> float:
        """The probability that the candidate names something (of any class)."""
        return 1.0 - self.probs.get(NONE, 0.0)

    @property
    def top(self) -> str:
        """The most probable class other than none."""
        return max((c for c in self.probs if c != NONE), key=lambda c: (self.probs[c], c))


@dataclass(frozen=True)
class Model:
    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    meta: dict

    def score(self, feats: dict[str, float]) -> Score:
        z = list(self.intercept)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    z[k] += wk * value
        m = max(z)
        e = [math.exp(v - m) for v in z]
        total = sum(e)
        return Score({c: e[k] / total for k, c in enumerate(self.classes)})

    def contributions(self, feats: dict[str, float], cls: str) -> list[tuple[str, float]]:
        """Each feature's weight for ``cls`` against none: what pushed the decision."""
        k, n = self.classes.index(cls), self.classes.index(NONE)
        out = []
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                out.append((name, (w[k] - w[n]) * value))
        return sorted(out, key=lambda x: -abs(x[1]))

    def to_json(self) -> dict:
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "classes": list(self.classes),
                "intercept": [round(x, 6) for x in self.intercept],
                "weights": {k: [round(x, 6) for x in v] for k, v in sorted(self.weights.items())},
                "meta": self.meta}


def model_from_json(data, source: str = "model") -> Model:
    """A model from its JSON object, every field checked."""
    def bad(why: str):
        raise ModelError(f"not a govkg recognizer model: {why}", source)

    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        bad("no 'format': 'govkg-recognizer-model'")
    if data.get("version") != MODEL_VERSION:
        bad(f"version {data.get('version')!r}, this govkg reads version {MODEL_VERSION}")
    classes = data.get("classes")
    if not (isinstance(classes, list) and all(isinstance(c, str) for c in classes) and NONE in classes
            and set(classes) <= set(CLASSES)):
        bad("'classes' must list none and top classes")
    n = len(classes)

    def vector(v, what):
        if not (isinstance(v, list) and len(v) == n and all(isinstance(x, (int, float)) and math.isfinite(x) for x in v)):
            bad(f"{what} must be {n} finite numbers")
        return tuple(float(x) for x in v)

    intercept = vector(data.get("intercept"), "'intercept'")
    weights = data.get("weights")
    if not isinstance(weights, dict):
        bad("'weights' must be an object")
    ws = {}
    for k, v in weights.items():
        if not isinstance(k, str):
            bad("feature names must be strings")
        ws[k] = vector(v, f"weight of {k!r}")
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        bad("'meta' must be an object")
    return Model(tuple(classes), intercept, ws, meta)


def load_model(path: str | Path) -> Model:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError("no such model file", str(p)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read the model: {exc}", str(p)) from None
    return model_from_json(data, str(p))


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The model that ships with govkg (None before one has been trained)."""
    f = resources.files(__package__).joinpath("model.json")
    if not f.is_file():
        return None
    return model_from_json(json.loads(f.read_text(encoding="utf-8")), "govkg/extract/mentions/model.json")
