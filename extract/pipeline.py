"""Runs the stages in order, checks what each returns, collects diagnostics.

read -> metadata -> mentions -> resolve (per report), then merge (per corpus).  The same report
given twice (the same bytes, or the same text in another encoding or as HTML) is built once and
the copy is named in a warning.
"""
from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from .errors import GovkgError, ManifestError, PipelineError
from .gazetteer import gazetteer
from .metadata import infer_meta
from .mentions import recognize, segment_document
from .mentions.runner import SHIPPED
from .observations import observations_in
from .relations import relations_in
from .sections import contexts
from .model import Document, Entity, Mention, ReportMeta, ReportResult
from .reader import find_reports
from .cache import Cache, Encoded
from .spool import ReportSpool, SpooledReport, SpooledReports
from .resolve import CLASS_RANK, resolve_report
from .timing import Timings


@dataclass
class Corpus:
    """What a build extracted from all its reports."""

    # in report-id order; a build's are SpooledReports: read back from disk one at a time (extract/spool.py)
    reports: Sequence[ReportResult] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)  # key -> merged entity
    failures: list[GovkgError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    timings: Timings = field(default_factory=Timings)
    cached: int = 0  # reports whose extraction came from the cache

    def class_counts(self) -> Counter:
        return Counter(e.top for e in self.entities.values())

    def summaries(self) -> Iterator[tuple[str, ReportMeta, int, str]]:
        """(report id, metadata, number of entities, encoding) of each report, without reading any back."""
        if isinstance(self.reports, SpooledReports):
            for r in self.reports.refs:
                yield r.id, r.meta, len(r.entities), r.encoding
        else:
            for r in self.reports:
                yield r.document.id, r.meta, len(r.entities), r.document.encoding


def _check(stage: str, value, kind, path: str):
    if not isinstance(value, kind):
        raise PipelineError(f"stage {stage!r} returned {type(value).__name__}, expected {kind}", path)
    return value


def _check_spans(stage: str, items, doc: Document) -> list:
    """A stage's records, each with offsets inside the document's text."""
    _check(stage, items, list, doc.path)
    for x in items:
        if not (0 <= x.start < x.end <= len(doc.text)):
            raise PipelineError(f"stage {stage!r} gave {x!r:.80} offsets {x.start}-{x.end} outside the text", doc.path)
    return items


BLOCK_CHARS = 200_000  # a longer document is segmented and recognized this many characters at a time


def sentence_blocks(doc: Document, size: int | None = None) -> list[tuple]:
    """The document's sentences in runs of about ``size`` characters (BLOCK_CHARS; one run for most
    reports)."""
    size = BLOCK_CHARS if size is None else size
    blocks, start = [], 0
    sents = doc.sentences
    for i, s in enumerate(sents):
        if s.end - sents[start].start > size and i > start:
            blocks.append(sents[start:i])
            start = i
    if start < len(sents) or not blocks:
        blocks.append(sents[start:])
    return blocks


def _mentions(doc: Document, t: Timings, progress: Callable[[int, int], None] | None, model, home: str | None
              ) -> list[Mention]:
    """Mentions block by block: a block's words are dropped before the next one is cut, so a very
    long report never holds the words of all its sentences (recognition looks at one sentence at a
    time, so the mentions are those of the whole document at once)."""
    blocks = sentence_blocks(doc)
    found: list[Mention] = []
    for i, block in enumerate(blocks):
        part = doc if len(blocks) == 1 else dataclasses.replace(doc, sentences=block)
        with t.stage("segment"):
            tokens = segment_document(part)
        with t.stage("recognize"):
            found += recognize(part, tokens, model=model, home=home).mentions
        del tokens
        if progress is not None and len(blocks) > 1:
            progress(block[-1].end if i < len(blocks) - 1 else len(doc.text), len(doc.text))
    return found


def extract_document(doc: Document, override: dict | None = None, timings: Timings | None = None,
                     progress: Callable[[int, int], None] | None = None, model=SHIPPED) -> ReportResult:
    """All stages for one document already read; ``timings`` collects seconds per stage,
    ``progress(characters done, characters)`` hears after each block of a long document, and
    ``model`` is the recognizer model (the one govkg ships unless given)."""
    t = timings if timings is not None else Timings()
    with t.stage("metadata"):
        # the cues a person reads (title, subtitle, speaker) first: the area they give is
        # evidence for the recognizers; only without a cue does the area come from the names
        meta = _check("metadata", infer_meta(doc, override, []), ReportMeta, doc.path)
    mentions = _check_spans("mentions", _mentions(doc, t, progress, model, meta.area_code), doc)
    if meta.area is None:
        with t.stage("metadata"):
            meta = _check("metadata", infer_meta(doc, override, mentions), ReportMeta, doc.path)
    with t.stage("resolve"):
        entities, _ = resolve_report(doc, meta, mentions)
        entities = _ensure_area_entity(entities, meta)
        area_key = area_entity_key(entities, meta)
    with t.stage("relate"):
        ctxs = contexts(doc, meta)
        observations = _check_spans("observations", observations_in(doc, entities, area_key, ctxs), doc)
        relations = _check_spans("relations", relations_in(doc, entities, area_key, ctxs), doc)
    warnings = list(doc.warnings) + list(meta.warnings)
    if meta.area is None:
        warnings.append(f"{doc.path}: could not tell which area the report is about")
    if meta.year is None:
        warnings.append(f"{doc.path}: could not tell which year the report speaks for")
    return ReportResult(document=doc, meta=meta, entities=tuple(entities), warnings=tuple(warnings),
                        observations=tuple(observations), relations=tuple(relations))


def area_entity_key(entities: list[Entity], meta: ReportMeta) -> str | None:
    """The key of the entity that is the report's own area."""
    if not meta.area:
        return None
    for e in entities:
        if (meta.area_code and e.code == meta.area_code) or e.label == meta.area:
            return e.key
    for e in entities:
        if meta.area in e.aliases:
            return e.key
    return None


def _ensure_area_entity(entities: list[Entity], meta: ReportMeta) -> list[Entity]:
    """The report's own area is an entity even when the text never names it in full; the name
    the report gives it, when another (徐水县 for 徐水区), is one of its aliases."""
    if not meta.area:
        return entities
    for i, e in enumerate(entities):
        if (meta.area_code and e.code == meta.area_code) or e.label == meta.area or meta.area in e.aliases:
            written = meta.area_written
            if written and written != e.label and written not in e.aliases:
                entities = list(entities)
                entities[i] = replace(e, aliases=tuple(sorted((*e.aliases, written))))
            return entities
    from .resolve import ReportContext, entity_key

    ctx = ReportContext(meta, [])
    gz = gazetteer()
    if meta.area_code and meta.area_code in gz.by_code:
        d = gz.by_code[meta.area_code]
        cls, code, parent = d.cls, d.code, d.parent
    else:
        cls, code, parent = "Zone", None, None
    label = gz.by_code[code].name if code and code in gz.by_code else meta.area
    aliases = tuple(sorted({meta.area, meta.area_written} - {label, None}))
    e = Entity(key=entity_key(label, cls, code, ctx), label=label, cls=cls, aliases=aliases, code=code, parent=parent)
    return sorted([*entities, e], key=lambda x: x.key)


def merge_entities(reports: Iterable) -> dict[str, Entity]:
    """One entity per key across reports (results, or spooled summaries, whose entities come without
    their mentions): aliases united, class and label by vote."""
    groups: dict[str, list[Entity]] = {}
    for r in reports:
        for e in r.entities:
            groups.setdefault(e.key, []).append(e)
    out = {}
    for key in sorted(groups):
        ents = groups[key]
        labels = Counter(e.label for e in ents)
        label = sorted(labels, key=lambda k: (-labels[k], -len(k), k))[0]
        classes = Counter(e.cls for e in ents)
        cls = sorted(classes, key=lambda c: (-classes[c], CLASS_RANK.get(c, 99), c))[0]
        aliases = set()
        for e in ents:
            aliases.update(e.aliases)
            aliases.add(e.label)
        aliases.discard(label)
        mentions: tuple[Mention, ...] = tuple(m for e in ents for m in e.mentions)
        first = ents[0]
        out[key] = Entity(key=key, label=label, cls=cls, aliases=tuple(sorted(aliases)), code=first.code,
                          parent=first.parent, mentions=mentions)
    return out


def load_manifest(path: str | Path | None) -> dict[str, dict]:
    """Optional manifest: JSON object {report id: {area, area_code, year, kind, title}}."""
    if path is None:
        return {}
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError("no such manifest file", str(p)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"not valid JSON: {exc}", str(p)) from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise ManifestError("must be a JSON object mapping report ids to objects", str(p))
    allowed = {"area", "area_code", "year", "kind", "title"}
    for doc_id, fields in data.items():
        extra = set(fields) - allowed
        if extra:
            raise ManifestError(f"report {doc_id!r}: unknown fields {sorted(extra)} (allowed: {sorted(allowed)})", str(p))
    return data


# ------------------------------------------------------------------ the same report twice


def _duplicate_warning(dup: str, kept: str, kept_id: str, how: str) -> str:
    return f"{dup}: the same report as {kept} ({how}); built once, as {kept_id}"


def same_bytes(files: list[Path]) -> tuple[list[Path], list[str]]:
    """Files whose bytes are those of another file are read once: the one with the first report id is
    kept, and each other is named in a warning."""
    import hashlib

    first: dict[str, Path] = {}
    warnings = []
    keep = []
    for f in sorted(files, key=lambda p: (p.stem, str(p))):
        try:
            digest = hashlib.sha256(f.read_bytes()).hexdigest()
        except OSError:
            keep.append(f)  # reading it fails again in extraction, which names the file and the reason
            continue
        if digest in first:
            warnings.append(_duplicate_warning(str(f), str(first[digest]), first[digest].stem, "same bytes"))
            continue
        first[digest] = f
        keep.append(f)
    order = {f: i for i, f in enumerate(files)}
    return sorted(keep, key=order.__getitem__), warnings


def text_fingerprint(doc: Document) -> str:
    """What two copies of one report share whatever their encoding, markup or spacing: the letters
    and digits of its text."""
    import hashlib

    return hashlib.sha256(re.sub(r"[\W_]+", "", doc.norm).encode("utf-8")).hexdigest()


def _identity(r) -> tuple[str, bool, str, str]:
    """(text fingerprint, empty text, path, id) of a ReportResult or of a spooled report's summary."""
    if isinstance(r, SpooledReport):
        return r.fingerprint, r.empty, r.path, r.id
    return text_fingerprint(r.document), not r.document.text.strip(), r.document.path, r.document.id


def same_text(reports: list) -> tuple[list, list[str]]:
    """Reports (in id order; results or spooled summaries) whose text is that of an earlier one (a copy
    saved in another encoding or as HTML) are dropped, each named in a warning."""
    first: dict[str, tuple] = {}
    keep, warnings = [], []
    for r in reports:
        fp, empty, path, _ = _identity(r)
        if fp in first and not empty:
            _, _, kept_path, kept_id = first[fp]
            warnings.append(_duplicate_warning(path, kept_path, kept_id, "same text"))
            continue
        first.setdefault(fp, _identity(r))
        keep.append(r)
    return keep, warnings


def run(paths: list[str | Path], manifest: str | Path | None = None,
        progress: Callable[[int, int, str], None] | None = None, jobs: int | None = 1,
        executor: str = "process", scheduler: str | None = None, cache: str | Path | None = None,
        blocks: Callable[[str, int, int], None] | None = None, finish=None,
        in_process: bool | None = None) -> Corpus:
    """Read and extract every report under ``paths``; failures are collected, not raised.

    ``jobs`` worker processes extract reports in parallel (None: one per core); ``executor="dask"``
    sends the work to the dask.distributed scheduler at ``scheduler`` instead.  ``cache`` is a
    folder of earlier results keyed by file content and extractor version.  The corpus is the same
    whatever the executor and the number of jobs: results are ordered by report id.
    ``blocks(path, characters done, characters)`` hears the progress of very long documents.
    ``finish`` (an executor.Finish): what each worker makes of its result, spooled beside it.
    ``in_process=False``: one job still extracts in a worker process (the command line's way).
    """
    from .executor import extract_all

    overrides = load_manifest(manifest)
    files, problems = find_reports(paths)
    corpus = Corpus()
    corpus.warnings.extend(problems)
    ids: dict[str, Path] = {}
    unique = []
    for f in files:
        if f.stem in ids:
            corpus.failures.append(GovkgError(f"report id {f.stem!r} is also the id of {ids[f.stem]}; rename one", str(f)))
            continue
        ids[f.stem] = f
        unique.append(f)
    unique, repeated = same_bytes(unique)
    corpus.warnings.extend(repeated)
    spool = ReportSpool()
    if cache and not isinstance(cache, Cache):
        cache = Cache(cache)
    if cache:
        spool.entries = cache.signer  # what was made with a result, read back from its signed cache entry

    def keep(outcome):  # each result to the spool (or the cache) as it arrives: only its summary stays in memory
        if isinstance(outcome.value, Encoded):  # encoded by its worker, its summary checked (executor.extract_all)
            if outcome.entry:  # written to its cache entry: read back from there
                outcome.value = replace(outcome.value.ref, file=outcome.entry,
                                        extra=outcome.entry if finish else "", field=finish.field if finish else "")
            else:
                outcome.value = spool.put_encoded(outcome.value, finish.version if finish else "")
        elif isinstance(outcome.value, ReportResult):
            if outcome.entry:  # already in a cache entry, with what was made of it: read back from there
                outcome.value = spool.cached(outcome.value, outcome.entry, finish.field if finish else "")
            else:
                made = {"version": finish.version, "data": outcome.made} if finish is not None else None
                outcome.value = spool.put(outcome.value, made)
            outcome.made = None
        return outcome

    outcomes = extract_all(unique, overrides, jobs=jobs, executor=executor, scheduler=scheduler, cache=cache,
                           progress=progress, timings=corpus.timings, warnings=corpus.warnings, blocks=blocks,
                           keep=keep, finish=finish, encode=True, in_process=in_process)
    refs = []
    for outcome in outcomes:
        if isinstance(outcome.value, GovkgError):
            corpus.failures.append(outcome.value)
            continue
        refs.append(outcome.value)
        corpus.warnings.extend(outcome.value.warnings)
        corpus.cached += outcome.cached
    refs.sort(key=lambda r: r.id)
    refs, repeated = same_text(refs)
    corpus.warnings.extend(repeated)
    corpus.failures.sort(key=lambda e: (e.path or "", str(e)))
    corpus.entities = merge_entities(refs)
    corpus.reports = SpooledReports(spool, refs)
    return corpus
