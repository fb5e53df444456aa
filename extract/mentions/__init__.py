"""Sentences -> mentions: named recognizers propose candidates, a learned classifier decides.

The recognizers (one module each, registered in ``registry.py``, configured in
``recognizers.toml``): ``title`` (titles.py), ``quote`` (quotes.py), ``gazetteer``,
``short-form`` and ``lexicon`` (lexicon.py), ``body`` and ``named-body`` (bodies.py),
``suffix`` (suffixes.py), ``list`` and ``enumeration`` (lists.py), ``plus``, ``line``,
``abbreviation``, ``brand``, ``context``, ``numbered``, and the document stage's
``repeat`` (document.py).  Each candidate carries its recognizer's id and the checks it
went through; the classifier (classifier.py, trained by train.py on annotated reports)
scores it from its features (features.py); runner.py chooses among alternatives and
overlaps and keeps the trace that ``govkg explain`` prints.
"""
from .base import Candidate, Check, Sent, config
from .names import match_suffix
from .runner import Decision, Recognition, mentions_in, propose, recognize, segment_document, sentence_candidates

__all__ = ["Candidate", "Check", "Decision", "Recognition", "Sent", "config", "match_suffix", "mentions_in",
           "propose", "recognize", "segment_document", "sentence_candidates"]
