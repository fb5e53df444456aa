"""Training the recognizer model from annotated reports (the gold format of spec/ENTITIES.md).

The recognizers propose their candidates on every annotated report; each candidate is
labelled with the class of the gold entity one of its forms (name, surface, aliases)
names, or ``none``; candidates that name an optional entity or an event are left out (the
guide lets them be either).  A candidate's features say which longer names it is inside:
here the longer candidates the gold names, in recognition those the first pass kept.  A
multinomial logistic regression (scikit-learn's ``LogisticRegression``, lbfgs) learns from
their features.  Why this model: the data is a
few thousand candidates from a handful of reports, the features are sparse indicators, a
linear model generalizes from that without tuning, it trains in seconds, deterministically,
and its weights are a plain table: shipped as JSON (never a pickle), read back without
scikit-learn, and printable feature by feature by ``govkg explain``.

``leave_one_out`` trains on all reports but one and scores the one left out, for each.
"""
from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..errors import TrainingError
from ..model import TOP_CLASSES, top_of
from ..reader import read_file
from .classifier import CLASSES, NONE, Model, model_from_json
from .features import features, span_agreement
from .kinds import kinds_in
from .runner import candidates_of
from .wellformed import FORM_CHECKS

QUOTES = "“”\"'‘’「」『』《》〈〉<>"
DEFAULT_C = 0.3  # inverse regularization strength, chosen by leave-one-report-out (0.1-1.0 tried; 0.25 and 0.35 last)


def norm(s: str) -> str:
    """The form names are compared in (the spec's): NFKC, no quotes or spaces, lower case."""
    s = unicodedata.normalize("NFKC", str(s))
    return "".join(ch for ch in s if ch not in QUOTES and not ch.isspace()).lower()


@dataclass(frozen=True)
class GoldEntity:
    type: str
    names: frozenset[str]
    alt_types: frozenset[str]
    optional: bool


def load_gold(paths: list[Path]) -> dict[str, list[GoldEntity]]:
    """doc id -> its gold entities, from JSON Lines gold files (files with no entities give none)."""
    out: dict[str, list[GoldEntity]] = defaultdict(list)
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise TrainingError(f"cannot read gold file: {exc}", str(path)) from None
        for k, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainingError(f"line {k}: not JSON ({exc})", str(path)) from None
            if not isinstance(g, dict) or g.get("kind") != "entity":
                continue
            try:
                names = frozenset({norm(g["name"])} | {norm(a) for a in g.get("aliases", [])})
                ent = GoldEntity(str(g["type"]), names, frozenset(g.get("alt_types", [])),
                                 bool(g.get("optional")) or g["type"] not in TOP_CLASSES)
                out[str(g["doc"])].append(ent)
            except (KeyError, TypeError) as exc:
                raise TrainingError(f"line {k}: an entity needs doc, type and name ({exc})", str(path)) from None
    return dict(out)


def gold_files(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("*.jsonl"))


def find_texts(doc_ids, text_dirs: list[Path]) -> dict[str, Path]:
    """doc id -> its report file in one of ``text_dirs`` (by file name without extension)."""
    found: dict[str, Path] = {}
    for d in text_dirs:
        for f in sorted(Path(d).iterdir()) if Path(d).is_dir() else []:
            if f.stem in doc_ids and f.stem not in found and f.is_file():
                found[f.stem] = f
    return found


def label(forms: set[str], gold: list[GoldEntity], cand_top: str) -> str | None:
    """The class a candidate's forms name in the gold (None: an optional one, leave it out)."""
    optional = False
    for g in gold:
        if forms & g.names:
            if g.optional:
                optional = True
                continue
            return cand_top if cand_top == g.type or cand_top in g.alt_types else g.type
    return None if optional else NONE


def learned_from(c) -> bool:
    """Is the candidate an example?  Those no hard check dropped, and those only a check of form
    dropped (wellformed.py): recognition never scores them, but the model learns from them what
    the words of a malformed span say (a count, a quote cut in two), which it needs where a
    well-formed span holds the same words (100个乡镇, 8个抽水蓄能电站).  So also those
    ``doc.not-counted`` dropped (a phrase the report counts, 国家现代农业产业园增至21个): taking
    them out of training moved the model on the corpus far more than it helped recognition."""
    return c.failed is None or c.failed.id in FORM_CHECKS or c.failed.id == "doc.not-counted"


@dataclass
class Example:
    doc: str
    feats: dict[str, float]
    label: str
    group: tuple = ()  # (sentence, the candidate's group): the alternatives of one name


def examples_of(doc_path: Path, gold: list[GoldEntity]) -> list[Example]:
    """Every candidate of a report with its label.  A right name inside a right longer one
    (南沙 in 南沙科学城, 四川 in 中国(四川)自由贸易试验区) is left out: where both are
    accepted, the overlap rule (the longer wins) decides."""
    doc = read_file(doc_path)
    rows: list[tuple[int, object, dict, str]] = []
    sents, per_sentence = candidates_of(doc)
    kinds = frozenset(kinds_in(doc.norm))
    for sent, cands in zip(sents, per_sentence):
        labels = {}
        for c in cands:
            if learned_from(c):
                forms = {norm(c.name), norm(sent.text[c.start:c.end]), *(norm(a) for a in c.aliases)}
                labels[id(c)] = label(forms, gold, top_of(c.cls))
        # inside a longer name: one the gold names (an optional one too), as the second pass of
        # recognition counts one the classifier kept
        agree = span_agreement(cands, lambda c: id(c) in labels and labels[id(c)] != NONE)
        for c in cands:
            y = labels[id(c)] if learned_from(c) else None
            if y is not None:
                rows.append((sent.index, c, features(c, sent, agree, kinds), y))
    right: dict[int, list] = {}
    for si, c, _, y in rows:
        if y != NONE and not c.inner:
            right.setdefault(si, []).append((c.start, c.end))
    out = []
    for si, c, feats, y in rows:
        if y != NONE and not c.inner and any(a <= c.start and c.end <= b and (a, b) != (c.start, c.end)
                                             for a, b in right.get(si, ())):
            continue  # a right name inside a right longer one: the overlap rule decides, not the model
        out.append(Example(doc.id, feats, y, (si, c.group or (c.rule, c.start, c.end, c.name))))
    return out


def collect(gold_paths: list[Path], text_dirs: list[Path]) -> dict[str, list[Example]]:
    gold = {d: g for d, g in load_gold(gold_paths).items() if any(not e.optional for e in g)}
    if not gold:
        raise TrainingError("no gold file with entities", ", ".join(map(str, gold_paths)) or "(none)")
    texts = find_texts(set(gold), text_dirs)
    missing = sorted(set(gold) - set(texts))
    if missing:
        raise TrainingError(f"no report text for {', '.join(missing)} in {', '.join(map(str, text_dirs))}")
    return {d: examples_of(texts[d], gold[d]) for d in sorted(gold)}


def _linear(examples: list[tuple[dict, str]], c: float, classes: tuple[str, ...]):
    """A logistic regression (softmax over ``classes``) fitted to (features, label) pairs."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise TrainingError("training needs scikit-learn: pip install 'govkg[train]'") from None
    from .classifier import Linear

    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([f for f, _ in examples])
    y = [lab for _, lab in examples]
    learned = sorted(set(y))
    if len(learned) < 2:
        raise TrainingError(f"the examples hold one class only ({learned[0]})")
    clf = LogisticRegression(C=c, max_iter=3000, tol=1e-6)
    clf.fit(x, y)
    names = vec.get_feature_names_out()
    if len(learned) == 2:  # sklearn keeps one weight vector for two classes: the second's against the first
        coef = {learned[0]: -clf.coef_[0] / 2, learned[1]: clf.coef_[0] / 2}
        inter = {learned[0]: -clf.intercept_[0] / 2, learned[1]: clf.intercept_[0] / 2}
    else:
        coef = {k: clf.coef_[list(clf.classes_).index(k)] for k in learned}
        inter = {k: clf.intercept_[list(clf.classes_).index(k)] for k in learned}
    weights = {str(fname): tuple(float(coef[k][j]) if k in coef else 0.0 for k in classes)
               for j, fname in enumerate(names)}
    intercept = tuple(float(inter[k]) if k in inter else -30.0 for k in classes)
    return Linear(tuple(classes), intercept, weights)


def fit(examples: list[Example], c: float | None = None, meta: dict | None = None) -> Model:
    """A model from labelled examples (deterministic: same examples, same weights).

    The ranker learns from the groups of alternatives that hold a right one (the right ones
    against the others); the acceptor from the alternative the ranker picks in every group
    (a wrong pick is a none, so the acceptor also learns to turn down a bad boundary)."""
    from .classifier import RANK_CLASSES

    c = DEFAULT_C if c is None else c
    if not examples:
        raise TrainingError("no training examples")
    import sklearn

    groups: dict[tuple, list[Example]] = {}
    for e in examples:
        groups.setdefault((e.doc, e.group), []).append(e)
    rank_data = [(e.feats, "best" if e.label != NONE else "other")
                 for alts in groups.values() if len(alts) > 1 and any(a.label != NONE for a in alts) for e in alts]
    ranker = _linear(rank_data, c, RANK_CLASSES) if rank_data else None
    picks = []
    for alts in groups.values():
        if len(alts) == 1:
            picks.append(alts[0])
        elif ranker is None:
            picks += alts
        else:
            picks.append(max(alts, key=lambda e: ranker.probs(e.feats)["best"]))
    acceptor = _linear([(e.feats, e.label) for e in picks], c, CLASSES)
    y = [e.label for e in picks]
    info = {"examples": len(examples), "groups": len(groups), "labels": dict(sorted(Counter(y).items())), "C": c,
            "scikit_learn": sklearn.__version__, **(meta or {})}
    model = Model(acceptor, ranker, info)
    return model_from_json(model.to_json(), "trained model")  # rounded as it is written


def train(gold_paths: list[Path], text_dirs: list[Path], c: float | None = None) -> Model:
    c = DEFAULT_C if c is None else c
    by_doc = collect(gold_paths, text_dirs)
    examples = [e for d in sorted(by_doc) for e in by_doc[d]]
    return fit(examples, c, {"reports": sorted(by_doc)})


def shipped_model_path() -> Path:
    """Where the model that ships with govkg lives (beside this module)."""
    return Path(__file__).with_name("model.json")


def model_text(model: Model) -> str:
    """The model as JSON with one feature's weights per line: small, and a retrained model's
    diff shows which features moved."""
    data = model.to_json()
    lines = ["{"]
    items = sorted(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, dict) and isinstance(value.get("weights"), dict):
            rest = {k: v for k, v in value.items() if k != "weights"}
            head = json.dumps(rest, ensure_ascii=False, sort_keys=True)[:-1]
            lines.append(f"{json.dumps(key)}: {head}, \"weights\": {{")
            weights = sorted(value["weights"].items())
            for j, (f, w) in enumerate(weights):
                lines.append(f"  {json.dumps(f, ensure_ascii=False)}: {json.dumps(w)}" + ("," if j < len(weights) - 1 else ""))
            lines.append("}}" + comma)
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_model(model: Model, path: Path) -> Path:
    path = Path(path)
    text = model_text(model)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path
