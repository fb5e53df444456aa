"""Linear.probs adds up each class's score with unrolled sums for six and two classes (the
acceptor's and the ranker's): the floats must be those of the plain loop, bit for bit, since the
decisions (and so the graph's bytes) follow from them."""
import math
import random

from govkg.extract.mentions.classifier import Linear, shipped_model


def loop_probs(lin: Linear, feats: dict) -> dict:
    z = list(lin.intercept)
    for name, value in feats.items():
        w = lin.weights.get(name)
        if w is not None:
            for k, wk in enumerate(w):
                z[k] += wk * value
    m = max(z)
    e = [math.exp(v - m) for v in z]
    total = sum(e)
    return {c: e[k] / total for k, c in enumerate(lin.classes)}


def test_the_unrolled_sums_give_the_loops_floats_for_any_class_count():
    rng = random.Random(14)
    names = [f"f{i}" for i in range(200)]
    for n in (2, 3, 6):
        classes = ("none", "Place", "Organization", "Project", "Initiative", "PolicyDocument")[:n]
        lin = Linear(classes, tuple(rng.uniform(-3, 3) for _ in range(n)),
                     {k: tuple(rng.uniform(-5, 5) for _ in range(n)) for k in names[:150]})
        for _ in range(300):
            feats = {k: rng.choice((1.0, 1.0, 0.5, -2.25, 1e-3)) for k in rng.sample(names, rng.randint(0, 80))}
            got, want = lin.probs(feats), loop_probs(lin, feats)
            assert list(got.items()) == list(want.items())


def test_the_shipped_models_score_as_the_loop_does():
    model = shipped_model()
    if model is None:
        return
    rng = random.Random(3)
    for lin in (model.acceptor, model.ranker):
        if lin is None:
            continue
        names = sorted(lin.weights)
        for _ in range(200):
            feats = {k: 1.0 for k in rng.sample(names, min(len(names), 60))}
            feats["not-a-feature"] = 1.0
            assert list(lin.probs(feats).items()) == list(loop_probs(lin, feats).items())
