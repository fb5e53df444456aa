"""Plain, frozen records that flow through the pipeline.

text -> Document (sentences with offsets) -> Mention -> Entity.  Nothing here
knows about RDF: ``graph/`` turns these records into triples.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# The five scored top classes of the spec, and the subclasses the extractor
# emits under each.  The ontology (ontology/gov.ttl) declares every one of them;
# a test keeps the two in step.
TOP_CLASSES = ("Place", "Organization", "Project", "Initiative", "PolicyDocument")

SUBCLASS_TOP = {
    # Place
    "Place": "Place", "Country": "Place", "Province": "Place", "City": "Place",
    "District": "Place", "Township": "Place", "Community": "Place",
    "SpecialAdministrativeRegion": "Place", "Region": "Place", "Zone": "Place",
    "Park": "Place",
    # Organization
    "Organization": "Organization", "GovernmentBody": "Organization",
    "University": "Organization", "School": "Organization",
    "ResearchInstitute": "Organization", "Hospital": "Organization",
    "Enterprise": "Organization", "Alliance": "Organization",
    "Fund": "Organization", "InternationalOrganization": "Organization",
    "ServiceCenter": "Organization",
    # Project
    "Project": "Project", "TransportProject": "Project", "Facility": "Project",
    "InvestmentProject": "Project", "Platform": "Project",
    # Initiative
    "Initiative": "Initiative", "Strategy": "Initiative", "Reform": "Initiative",
    "Campaign": "Initiative", "Program": "Initiative", "Mechanism": "Initiative",
    "Slogan": "Initiative", "Pilot": "Initiative",
    # PolicyDocument
    "PolicyDocument": "PolicyDocument", "Plan": "PolicyDocument",
    "PolicyPackage": "PolicyDocument",
}

REPORT_KINDS = ("GovernmentWorkReport", "PartyPlenaryReport", "WorkSummary")


def top_of(cls: str) -> str:
    """The scored top class of an extractor class name."""
    try:
        return SUBCLASS_TOP[cls]
    except KeyError:
        raise ValueError(f"unknown entity class {cls!r}; known: {sorted(SUBCLASS_TOP)}") from None


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int  # offset into Document.text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A report as read from disk.

    ``text`` is the decoded text (for HTML: the text content with markup
    removed); every offset in the pipeline points into it.  ``norm`` is the
    same text with full-width forms folded to half-width, character for
    character, so offsets into ``norm`` are offsets into ``text``.
    """

    id: str
    path: str
    text: str
    norm: str
    sentences: tuple[Sentence, ...]
    encoding: str
    format: str  # "text", "html" or "markdown"
    sha256: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MetaSource:
    """The line that decided one field of a report's metadata."""

    field: str  # "area", "year", "kind" or "review"
    rule: str  # the cue: session, speaker, delegate, header-title, fallback, manifest, …
    start: int = -1  # the cue's span in Document.text (-1 when no line decided: manifest, default)
    end: int = -1
    text: str = ""  # the cue as read (escapes and spaces dropped)


@dataclass(frozen=True, slots=True)
class ReportMeta:
    doc_id: str
    title: str
    area: str | None  # canonical name of the report's own area (徐水区 for a report that says 徐水县)
    area_code: str | None  # GB/T 2260 code where the area is an administrative division
    year: int | None  # the year the report speaks for (a session in January 2026: 2026)
    kind: str  # one of REPORT_KINDS
    evidence: str = ""  # what the inference rested on, in words
    area_written: str | None = None  # the area's name as the report writes it, when not ``area`` (徐水县)
    review_period: str | None = None  # the period the report reviews: "2025", or "2021-2025" for a term
    sources: tuple[MetaSource, ...] = ()  # the line that decided each field
    warnings: tuple[str, ...] = ()  # what a reader should check (no cue decided the area, cues disagree)

    def source(self, field: str) -> MetaSource | None:
        return next((s for s in self.sources if s.field == field), None)


@dataclass(frozen=True, slots=True)
class Mention:
    doc_id: str
    start: int
    end: int
    surface: str  # text[start:end] (normalized)
    name: str  # the name this mention proposes (quotes stripped, expanded)
    cls: str  # extractor class, see SUBCLASS_TOP
    rule: str  # the recognizer that produced it
    confidence: float
    sentence: int
    code: str | None = None  # administrative code when the gazetteer resolved it
    aliases: tuple[str, ...] = ()  # other names this mention is known to stand for
    facts: tuple[tuple[str, str | float], ...] = ()  # what the recognizer knew (written_parent, suffix, …)

    @property
    def top(self) -> str:
        return top_of(self.cls)

    @property
    def rule_id(self) -> str:
        """The recognizer and the alternative of it that was kept (suffix/rule-start, quote/with-tail)."""
        variant = dict(self.facts).get("variant")
        return f"{self.rule}/{variant}" if variant else self.rule


@dataclass(frozen=True, slots=True)
class Entity:
    key: str  # stable identity key, used to mint the IRI
    label: str
    cls: str
    aliases: tuple[str, ...]
    code: str | None = None
    parent: str | None = None  # key of the administrative parent
    mentions: tuple[Mention, ...] = field(default=(), compare=False, repr=False)

    @property
    def top(self) -> str:
        return top_of(self.cls)


MEASURES = ("level", "growth", "decline", "share", "rank")
RELATION_PREDICATES = ("partOf", "locatedIn", "cooperatesWith", "promotes")
# sub-properties of gov:promotes (ontology/gov.ttl declares them) and the statuses a promotion may carry
PROMOTE_KINDS = ("plans", "builds", "completes", "operates", "signs", "implements", "issues")
STATUSES = ("Planned", "UnderConstruction", "Completed", "InOperation", "Signed")


@dataclass(frozen=True, slots=True)
class Observation:
    """One figure that measures an area or a body (a qb:Observation)."""

    doc_id: str
    start: int  # the figure's span (number, unit and qualifiers) in Document.text
    end: int
    sentence: int
    indicator: str  # 地区生产总值, 地区生产总值增速, …
    value: float  # the number as written (795.3 for 795.3亿元)
    value_text: str  # the number exactly as written (795.3, 两, 1,200)
    unit: str  # the unit as written (亿元, %, 万家); '' when none
    base_value: float  # in base units (7.953e10)
    base_unit: str  # 元, percent, count, 平方米, …
    period: str  # 2020, 2020H1, 2020M01-M11, 2016-2020
    measure: str  # one of MEASURES
    target: bool  # a goal (预期, 力争, the plan part), not an achieved result
    qualifier: str  # 近, 约, 超, 多, 余, 左右 … ('' when exact)
    area_key: str | None  # entity key of what is measured (the report's area unless the text names another)
    rule: str
    confidence: float
    part: int = 0  # 0, or k for the k-th further item one figure measures (工业投资、技改投资增速超15%)
    base_indicator: str = ""  # the indicator a growth, share or rank is of ('' for a level)
    in_scheme: bool = False  # the indicator is a concept of the scheme (extract/lexicons/indicators.tsv)
    indicator_text: str = ""  # the words the report measures the figure by, as read (规上工业增加值增速)
    # the scheme concept's name as the report spells it, when that is another of its names
    # (规上工业增加值增速 for 规模以上工业增加值增速); '' when the report writes the canonical name
    written: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    """A statement connecting two entities, with the sentence that says it."""

    doc_id: str
    predicate: str  # one of RELATION_PREDICATES
    subject: str  # entity keys
    object: str
    sentence: int  # index into Document.sentences (-1: from the gazetteer hierarchy)
    start: int  # evidence span in Document.text (the cue and the object)
    end: int
    kind: str = ""  # sub-property of promotes (PROMOTE_KINDS) or ''
    status: str = ""  # one of STATUSES or ''
    phase: str = ""  # "review" or "plan"
    rule: str = ""
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class ReportResult:
    """Everything extracted from one report."""

    document: Document
    meta: ReportMeta
    entities: tuple[Entity, ...]  # the entities this report mentions (document-level view)
    warnings: tuple[str, ...] = ()
    observations: tuple[Observation, ...] = ()
    relations: tuple[Relation, ...] = ()
