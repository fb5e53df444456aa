"""Word segmentation: one jieba.Tokenizer of our own (never the global ``jieba.dt``).

The tokenizer gets user dictionaries generated from the lexicons, so names come out as
single tokens, but without overriding jieba's knowledge of common words:

- the gazetteer's full and short names that jieba does not know are added with the
  frequency jieba itself suggests for them (enough to keep the name together, not enough
  to cut 新增城区 into 新 + 增城区); a name jieba knows (新建, 港口) keeps its frequency and
  its tag (a verb stays a verb);
- the curated names of the regions, institutions and initiatives lexicons (前海, 粤港澳大湾区)
  are forced to be words, with their tag.

Part-of-speech tags come from jieba's own dictionary by lookup, not from the (slow) POS tagger.
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


CACHED_CHARS = 64  # texts up to this long have their words remembered (Segmenter._short)
FORCED_FREQ = 1000  # the frequency a curated lexicon name gets, so that it is always one word


def user_words() -> list[tuple[str, str, bool]]:
    """(word, tag, forced) triples of the user dictionary, generated from the lexicons:
    ``forced`` words are curated names that must be one word; the others (the gazetteer's
    names) are only added where jieba does not know them."""
    from .gazetteer import gazetteer, lexicon
    from .lexicons import NAME_LEXICONS, load_lines, load_tsv

    out: dict[str, tuple[str, bool]] = {}
    for lex, tag in NAME_LEXICONS.items():
        for e in lexicon(lex):
            for w in (e.name, *e.aliases):
                if len(w) >= 2:
                    out.setdefault(w, (tag, True))
    for w in load_lines("name_words.txt"):
        out.setdefault(w, ("nz", True))
    for other, _ in load_tsv("area_other_names.tsv"):
        out.setdefault(other, ("ns", True))
    gz = gazetteer()
    for name in gz.by_name:
        out.setdefault(name, ("ns", False))
    for short in gz.by_short:
        out.setdefault(short, ("ns", False))
    return sorted((w, t, f) for w, (t, f) in out.items())


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
        for word, tag, forced in user_words():
            if forced:
                freq = max(self._tk.suggest_freq(word, tune=False), self.freq.get(word, 0), FORCED_FREQ)
            elif word in self.freq:
                continue  # a word jieba knows keeps its frequency and tag (新建 is a verb)
            else:
                freq = max(self._tk.suggest_freq(word, tune=False), 1)
            self._tk.add_word(word, freq=freq, tag=tag)
            self.tags.setdefault(word, tag)  # jieba's own tag, where it has one, is kept

    def tokens(self, text: str) -> list[Token]:
        if len(text) <= CACHED_CHARS:
            return list(self._short(text))
        return list(self._cut(text))

    def _cut(self, text: str) -> tuple[Token, ...]:
        tag = self.tags.get
        return tuple(Token(word, start, end, tag(word, "")) for word, start, end in self._tk.tokenize(text, HMM=True))

    @lru_cache(maxsize=4096)
    def _short(self, text: str) -> tuple[Token, ...]:
        """The words of a short text, remembered: the relations, figures and indicators ask for the
        words of the same phrases (指标, 名称, 动词短语) again and again.  Tokens are frozen; each caller
        gets a list of its own."""
        return self._cut(text)

    def lcut(self, text: str) -> list[str]:
        return self._tk.lcut(text)


@lru_cache(maxsize=1)
def segmenter() -> Segmenter:
    return Segmenter()
