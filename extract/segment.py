"""Word segmentation: one jieba.Tokenizer of our own (never the global ``jieba.dt``).

The tokenizer gets user dictionaries generated from the lexicons (the
gazetteer's full and short names, regions, institutions, initiatives), so
names come out as single tokens.  Part-of-speech tags come from jieba's own
dictionary by lookup, not from the (slow) POS tagger.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int  # offset in the sentence
    end: int
    tag: str  # jieba dictionary tag ('' when unknown)


def _import_jieba():
    try:
        import jieba
    except ImportError as exc:  # pragma: no cover - jieba is a hard dependency
        raise ImportError("govkg needs jieba for Chinese word segmentation: pip install jieba") from exc
    logging.getLogger("jieba").setLevel(logging.WARNING)
    return jieba


def user_words() -> list[tuple[str, str]]:
    """(word, tag) pairs of the user dictionary, generated from the lexicons."""
    from .gazetteer import gazetteer, lexicon

    words: dict[str, str] = {}
    gz = gazetteer()
    for name, divs in gz.by_name.items():
        words[name] = "ns"
    for short in gz.by_short:
        words.setdefault(short, "ns")
    from .lexicons import load_lines

    for w in load_lines("name_words.txt"):
        words.setdefault(w, "nz")
    for lex, tag in (("regions.tsv", "ns"), ("institutions.tsv", "nt"), ("initiatives.tsv", "nz")):
        for e in lexicon(lex):
            for w in (e.name, *e.aliases):
                if len(w) >= 2:
                    words.setdefault(w, tag)
    return sorted(words.items())


class Segmenter:
    def __init__(self) -> None:
        jieba = _import_jieba()
        self._tk = jieba.Tokenizer()
        self._tk.initialize()
        self.tags: dict[str, str] = {}
        self.freq: dict[str, int] = {}
        dict_path = Path(jieba.__file__).with_name("dict.txt")
        with dict_path.open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 3:
                    self.tags[parts[0]] = parts[2]
                    self.freq[parts[0]] = int(parts[1])
        for word, tag in user_words():
            self._tk.add_word(word, freq=max(self._tk.suggest_freq(word, tune=False), 1000), tag=tag)
            self.tags[word] = tag

    def tokens(self, text: str) -> list[Token]:
        out = []
        for word, start, end in self._tk.tokenize(text, HMM=True):
            out.append(Token(word, start, end, self.tags.get(word, "")))
        return out

    def lcut(self, text: str) -> list[str]:
        return self._tk.lcut(text)


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    return Segmenter()
