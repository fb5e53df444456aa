"""The one place recognizers are registered.

Each entry names the recognizer ids a module proposes candidates under (its ``ids``) and
how it runs: ``sentence`` recognizers read a sentence; ``derived`` ones read a sentence and
the candidates found before them (brands are built on places; enumerations on the items
other recognizers typed).  Priorities, confidences and switches are in
``recognizers.toml``; a test checks that the two agree.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .abbreviations import find_abbreviations
from .bodies import find_bodies, find_named_bodies
from .brands import find_brands
from .context import find_context
from .lexicon import find_lexicon
from .lines import find_lines
from .lists import find_enumerations
from .phases import find_phases
from .plus import find_plus
from .quotes import find_quotes
from .suffixes import find_suffixed
from .titles import find_titles


@dataclass(frozen=True)
class Recognizer:
    module: str  # the module that holds it
    ids: tuple[str, ...]  # the rule ids its candidates carry
    run: Callable
    derived: bool = False  # reads the candidates of the recognizers before it


RECOGNIZERS: tuple[Recognizer, ...] = (
    Recognizer("titles", ("title",), find_titles),
    Recognizer("quotes", ("quote",), find_quotes),
    Recognizer("lexicon", ("gazetteer", "short-form", "lexicon"), find_lexicon),
    Recognizer("bodies", ("body",), find_bodies),
    Recognizer("bodies", ("named-body",), find_named_bodies),
    Recognizer("plus", ("plus",), find_plus),
    Recognizer("lines", ("line",), find_lines),
    Recognizer("abbreviations", ("abbreviation",), find_abbreviations),
    Recognizer("suffixes", ("suffix",), find_suffixed),
    Recognizer("phases", ("phase",), find_phases),
    Recognizer("context", ("context",), find_context),
    Recognizer("brands", ("brand",), find_brands, derived=True),
    Recognizer("lists", ("enumeration",), find_enumerations, derived=True),
)
# run by the runner itself, at their own stage: ``list`` (with the category spans it
# returns), ``numbered`` (after selection) and ``repeat`` (over the whole document)
STAGE_IDS = ("list", "numbered", "repeat")


def all_ids() -> tuple[str, ...]:
    return tuple(i for r in RECOGNIZERS for i in r.ids) + STAGE_IDS
