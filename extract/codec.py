"""Extraction records as plain JSON data, and back, with every field checked.

``encode_result`` turns a ``ReportResult`` (extract/model.py) into lists, strings and
numbers; ``decode_result`` rebuilds it from such data and refuses anything that is not
exactly what ``encode_result`` makes: a wrong type in any field, a class, predicate or
measure the model does not know, an offset outside the text, a record of another
report.  Decoding never runs code, and a record that decodes is one the later stages
can take without failing.

Records are written as lists of their fields in the model's order (a cache entry holds
thousands of mentions: names repeated in every one would double its size).  Two fields
are not written because the reader derives them: ``Document.norm`` (the normalized
text) and ``Sentence.text`` (a slice of the document's text).
"""
from __future__ import annotations

import dataclasses
import typing
from functools import lru_cache
from types import NoneType, UnionType

from . import model
from .model import (MEASURES, PROMOTE_KINDS, RELATION_PREDICATES, REPORT_KINDS, STATUSES, SUBCLASS_TOP, Document,
                    Entity, Mention, MetaSource, Observation, Relation, ReportMeta, ReportResult, Sentence)

RECORDS = (Sentence, Document, MetaSource, ReportMeta, Mention, Entity, Observation, Relation, ReportResult)
DERIVED = {(Document, "norm"), (Sentence, "text")}


class DecodeError(ValueError):
    """Data that is not an encoded record; the message says where and what."""


@lru_cache(maxsize=None)
def _fields(cls) -> tuple[tuple[str, object], ...]:
    hints = typing.get_type_hints(cls, vars(model))
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls) if (cls, f.name) not in DERIVED)


_PLAIN = frozenset((str, int, float, bool, type(None)))  # encoded as themselves, and no dataclass


def _encode(value):
    cls = type(value)
    if cls in _PLAIN:  # most values: asked first, before the slower dataclass test
        return value
    if cls is tuple:
        return [_encode(v) for v in value]
    if dataclasses.is_dataclass(value):
        return [_encode(getattr(value, name)) for name, _ in _fields(type(value))]
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def encode_result(result: ReportResult) -> list:
    """A ReportResult as JSON-ready data."""
    return _encode(result)


def _check(value, kind, where: str):
    """``value`` decoded as ``kind`` (a type of extract/model.py), or DecodeError."""
    return _decoder(kind)(value, where)


def _at(where) -> str:
    """A place in the data as messages name it (``result.entities[3].key``): the decoders pass it as a
    string, or as (the place around it, a field's ".name" or an item's index), written only for a message."""
    suffixes = []
    while isinstance(where, tuple):
        where, suffix = where
        suffixes.append(suffix if isinstance(suffix, str) else f"[{suffix}]")
    return where + "".join(reversed(suffixes))


def _type_error(kind, value, where):
    return DecodeError(f"{_at(where)}: expected {kind.__name__}, got {type(value).__name__}")


@lru_cache(maxsize=None)
def _decoder(kind):
    """A function (value, where) -> ``value`` decoded as ``kind``, or DecodeError: the type's hints read
    once, not at every value (a cache entry's summary holds tens of thousands of them)."""
    if kind in RECORDS:
        return lambda value, where: _record(value, kind, where)
    if isinstance(kind, UnionType):
        options = typing.get_args(kind)
        nullable = NoneType in options
        inner = [_decoder(k) for k in options if k is not NoneType]
        first, last = inner[:-1], inner[-1]

        def union(value, where):
            if value is None and nullable:
                return None
            for d in first:  # str | float: the first type the value is
                try:
                    return d(value, where)
                except DecodeError:
                    pass
            return last(value, where)
        return union
    if typing.get_origin(kind) is tuple:
        args = typing.get_args(kind)
        if len(args) == 2 and args[1] is Ellipsis:  # tuple[X, ...]
            item = _decoder(args[0])

            def items(value, where):
                if not isinstance(value, list):
                    raise DecodeError(f"{_at(where)}: expected a list, got {type(value).__name__}")
                return tuple([item(v, (where, i)) for i, v in enumerate(value)])
            return items
        decoders = [_decoder(k) for k in args]

        def fixed(value, where):  # tuple[X, Y]: a pair
            if not isinstance(value, list):
                raise DecodeError(f"{_at(where)}: expected a list, got {type(value).__name__}")
            if len(value) != len(args):
                raise DecodeError(f"{_at(where)}: expected {len(args)} items, got {len(value)}")
            return tuple([d(v, (where, i)) for i, (v, d) in enumerate(zip(value, decoders))])
        return fixed
    if kind is bool:
        def ok(value):
            return isinstance(value, bool)
    elif kind is int:
        def ok(value):
            return isinstance(value, int) and not isinstance(value, bool)
    elif kind is float:
        def ok(value):
            return isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind is str:
        def ok(value):
            return isinstance(value, str)
    else:
        def unsupported(value, where):
            raise DecodeError(f"{_at(where)}: unsupported type {kind}")
        return unsupported

    def plain(value, where):
        if not ok(value):
            raise _type_error(kind, value, where)
        return value
    return plain


@lru_cache(maxsize=None)
def _field_decoders(cls) -> tuple[tuple[str, str, object], ...]:
    return tuple((name, f".{name}", _decoder(kind)) for name, kind in _fields(cls))


def _record(value, cls, where):
    fields = _field_decoders(cls)
    if not isinstance(value, list) or len(value) != len(fields):
        raise DecodeError(f"{_at(where)}: expected a {cls.__name__} of {len(fields)} fields")
    kwargs = {name: decode(v, (where, dotted)) for (name, dotted, decode), v in zip(fields, value)}
    if cls is Document:
        from .reader import normalize
        kwargs["norm"] = normalize(kwargs["text"])
    if cls is Sentence:
        kwargs["text"] = ""  # set by the document, which holds the text
    return cls(**kwargs)


def _span(x, n: int, where: str) -> None:
    if not (0 <= x.start < x.end <= n):
        raise DecodeError(f"{where}: offsets {x.start}-{x.end} outside the text of {n} characters")


def _member(value: str, allowed, where: str) -> None:
    if value not in allowed:
        raise DecodeError(f"{where}: unknown value {value[:40]!r}")


def decode_result(data) -> ReportResult:
    """The ReportResult that ``encode_result`` made ``data`` from; DecodeError for anything else."""
    r = _check(data, ReportResult, "result")
    doc = r.document
    n = len(doc.text)
    sentences = []
    for i, s in enumerate(doc.sentences):
        _span(s, n, f"sentence {i}")
        if s.index != i:
            raise DecodeError(f"sentence {i}: numbered {s.index}")
        sentences.append(dataclasses.replace(s, text=doc.text[s.start:s.end]))
    doc = dataclasses.replace(doc, sentences=tuple(sentences))
    count = len(sentences)
    if r.meta.doc_id != doc.id:
        raise DecodeError(f"metadata of report {r.meta.doc_id[:40]!r}, not of {doc.id[:40]!r}")
    _member(r.meta.kind, REPORT_KINDS, "metadata kind")
    for e in r.entities:
        _member(e.cls, SUBCLASS_TOP, f"entity {e.key[:40]!r} class")
        for m in e.mentions:
            where = f"mention {m.surface[:20]!r}"
            _span(m, n, where)
            _member(m.cls, SUBCLASS_TOP, f"{where} class")
            if m.doc_id != doc.id or not -1 <= m.sentence < count:
                raise DecodeError(f"{where}: not of this report's text")
    for o in r.observations:
        _span(o, n, f"observation {o.indicator[:20]!r}")
        _member(o.measure, MEASURES, "observation measure")
        if o.doc_id != doc.id or not -1 <= o.sentence < count:
            raise DecodeError(f"observation {o.indicator[:20]!r}: not of this report's text")
    for rel in r.relations:
        _span(rel, n, f"relation {rel.predicate[:20]!r}")
        _member(rel.predicate, RELATION_PREDICATES, "relation predicate")
        _member(rel.kind, ("", *PROMOTE_KINDS), "relation kind")
        _member(rel.status, ("", *STATUSES), "relation status")
        if rel.doc_id != doc.id or not -1 <= rel.sentence < count:
            raise DecodeError(f"relation {rel.predicate[:20]!r}: not of this report's text")
    return dataclasses.replace(r, document=doc)


def encode_record(record) -> list:
    """One record of extract/model.py (a ReportMeta, an Entity, …) as JSON-ready data."""
    return _encode(record)


def decode_record(data, cls):
    """The record of type ``cls`` that ``encode_record`` made ``data`` from, its fields checked (an
    entity's class and a report's kind included); DecodeError for anything else."""
    if cls not in RECORDS or cls in (Document, Sentence, ReportResult):
        raise DecodeError(f"{cls.__name__} records are decoded with their document (decode_result)")
    value = _check(data, cls, cls.__name__)
    if cls is Entity:
        _member(value.cls, SUBCLASS_TOP, f"entity {value.key[:40]!r} class")
        if value.mentions:
            raise DecodeError(f"entity {value.key[:40]!r}: mentions are decoded with their document")
    if cls is ReportMeta:
        _member(value.kind, REPORT_KINDS, "metadata kind")
    return value
