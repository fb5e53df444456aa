"""The learned decision: logistic regressions over the candidates' features.

A ranker chooses among the alternatives of one name (where a suffixed name starts; a quote
with or without its tail); an acceptor, a multinomial regression, says whether the chosen
alternative names something and of which class.  The model file (``model.json`` beside
this module, or one made by ``govkg train``) is data, never code: a JSON object with, for
each of the two, the classes, the intercepts and one weight vector per feature.  It is read with checks on every field; scoring is a dot product in plain
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
MODEL_VERSION = 2


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
class Linear:
    """A softmax over classes of a weighted sum of features."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probs(self, feats: dict[str, float]) -> dict[str, float]:
        get = self.weights.get
        n = len(self.intercept)
        # the acceptor's six classes and the ranker's two, unrolled: each class's sum is added up
        # in the same order as by the loop below, so the floats are the same, in half the time
        if n == 6:
            z0, z1, z2, z3, z4, z5 = self.intercept
            for name, value in feats.items():
                w = get(name)
                if w is not None:
                    w0, w1, w2, w3, w4, w5 = w
                    z0 += w0 * value
                    z1 += w1 * value
                    z2 += w2 * value
                    z3 += w3 * value
                    z4 += w4 * value
                    z5 += w5 * value
            z = [z0, z1, z2, z3, z4, z5]
        elif n == 2:
            z0, z1 = self.intercept
            for name, value in feats.items():
                w = get(name)
                if w is not None:
                    w0, w1 = w
                    z0 += w0 * value
                    z1 += w1 * value
            z = [z0, z1]
        else:
            z = list(self.intercept)
            for name, value in feats.items():
                w = get(name)
                if w is not None:
                    for k, wk in enumerate(w):
                        z[k] += wk * value
        m = max(z)
        e = [math.exp(v - m) for v in z]
        total = sum(e)
        return {c: e[k] / total for k, c in enumerate(self.classes)}

    def contributions(self, feats: dict[str, float], cls: str, against: str) -> list[tuple[str, float]]:
        """Each feature's weight for ``cls`` against ``against``: what pushed the decision."""
        k, n = self.classes.index(cls), self.classes.index(against)
        out = []
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                out.append((name, (w[k] - w[n]) * value))
        return sorted(out, key=lambda x: -abs(x[1]))

    def to_json(self) -> dict:
        return {"classes": list(self.classes), "intercept": [round(x, 6) for x in self.intercept],
                "weights": {k: [round(x, 6) for x in v] for k, v in sorted(self.weights.items())}}


RANK_CLASSES = ("other", "best")


@dataclass(frozen=True)
class Model:
    """Two linear models: the ``ranker`` chooses among the alternatives of one name (the starts
    the suffix recognizer proposed, a quote with and without its tail); the ``acceptor``
    decides whether the chosen alternative names something, and of which class."""

    acceptor: Linear
    ranker: Linear | None
    meta: dict

    def score(self, feats: dict[str, float]) -> Score:
        return Score(self.acceptor.probs(feats))

    def rank(self, feats: dict[str, float]) -> float:
        """How likely this alternative is the right one of its group."""
        return self.ranker.probs(feats)["best"] if self.ranker is not None else 0.0

    def contributions(self, feats: dict[str, float], cls: str) -> list[tuple[str, float]]:
        return self.acceptor.contributions(feats, cls, NONE)

    @property
    def weights(self) -> dict:
        return self.acceptor.weights

    def to_json(self) -> dict:
        return {"format": MODEL_FORMAT, "version": MODEL_VERSION, "acceptor": self.acceptor.to_json(),
                "ranker": self.ranker.to_json() if self.ranker is not None else None, "meta": self.meta}


def _linear(data, what: str, allowed: tuple[str, ...], bad) -> Linear:
    if not isinstance(data, dict):
        bad(f"{what} must be an object")
    classes = data.get("classes")
    if not (isinstance(classes, list) and all(isinstance(c, str) for c in classes) and len(classes) >= 2
            and set(classes) <= set(allowed)):
        bad(f"{what}: 'classes' must list classes of {', '.join(allowed)}")
    n = len(classes)

    def vector(v, name):
        if not (isinstance(v, list) and len(v) == n and all(isinstance(x, (int, float)) and not isinstance(x, bool)
                                                             and math.isfinite(x) for x in v)):
            bad(f"{what}: {name} must be {n} finite numbers")
        return tuple(float(x) for x in v)

    intercept = vector(data.get("intercept"), "'intercept'")
    weights = data.get("weights")
    if not isinstance(weights, dict):
        bad(f"{what}: 'weights' must be an object")
    return Linear(tuple(classes), intercept, {str(k): vector(v, f"the weight of {k!r}") for k, v in weights.items()})


def model_from_json(data, source: str = "model") -> Model:
    """A model from its JSON object, every field checked."""
    def bad(why: str):
        raise ModelError(f"not a govkg recognizer model: {why}", source)

    if not isinstance(data, dict) or data.get("format") != MODEL_FORMAT:
        bad("no 'format': 'govkg-recognizer-model'")
    if data.get("version") != MODEL_VERSION:
        bad(f"version {data.get('version')!r}, this govkg reads version {MODEL_VERSION}")
    acceptor = _linear(data.get("acceptor"), "'acceptor'", CLASSES, bad)
    if NONE not in acceptor.classes:
        bad("'acceptor' must have the class none")
    ranker = None if data.get("ranker") is None else _linear(data["ranker"], "'ranker'", RANK_CLASSES, bad)
    meta = data.get("meta", {})
    if not isinstance(meta, dict):
        bad("'meta' must be an object")
    return Model(acceptor, ranker, meta)


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
