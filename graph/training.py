"""Training and honest measurement of the recognizer model, end to end.

``leave_one_out`` trains the model on every annotated report but one, builds the graph of
the one left out with that model, and scores it against its gold: the score a user can
expect on a report the model has not seen.  (Extraction never imports RDF; this module
joins the two.)
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from govkg.extract.mentions import train as T
from govkg.extract.pipeline import Corpus, extract_document, merge_entities
from govkg.extract.reader import read_file

from .build import build_parts
from .evaluate import Evaluation, evaluate, load_gold
from .sparql import open_engine


@dataclass
class FoldResult:
    doc: str
    evaluation: Evaluation


def build_one(path: Path, model) -> dict:
    """The named graphs of one report extracted with ``model``."""
    result = extract_document(read_file(path), model=model)
    corpus = Corpus(reports=[result])
    corpus.entities = merge_entities(corpus.reports)
    return build_parts(corpus)


def evaluate_with(paths: list[Path], model, gold_paths: list[Path]) -> Evaluation:
    """Build ``paths`` with ``model`` and score them on the gold."""
    results = [extract_document(read_file(p), model=model) for p in paths]
    corpus = Corpus(reports=sorted(results, key=lambda r: r.document.id))
    corpus.entities = merge_entities(corpus.reports)
    gold = load_gold(gold_paths)
    ids = {r.document.id for r in results}
    gold = {k: {d: v for d, v in g.items() if d in ids} for k, g in gold.items()}
    return evaluate(open_engine(build_parts(corpus)), gold)


def leave_one_out(gold_paths: list[Path], text_dirs: list[Path], c: float = T.DEFAULT_C,
                  progress=None) -> dict[str, Evaluation]:
    """doc id -> the evaluation of that report built by a model trained on the others."""
    by_doc = T.collect(gold_paths, text_dirs)
    texts = T.find_texts(set(by_doc), text_dirs)
    gold = load_gold(gold_paths)
    out = {}
    for held in sorted(by_doc):
        examples = [e for d in sorted(by_doc) if d != held for e in by_doc[d]]
        model = T.fit(examples, c, {"reports": sorted(d for d in by_doc if d != held)})
        parts = build_one(texts[held], model)
        one = {k: {d: v for d, v in g.items() if d == held} for k, g in gold.items()}
        out[held] = evaluate(open_engine(parts), one)
        if progress:
            progress(held, out[held])
    return out
