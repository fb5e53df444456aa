"""Check a built graph against the SHACL shapes of the contract (``ontology/shapes.ttl``) with pyshacl."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Namespace

from govkg.extract.errors import GovkgError
from govkg.ontology import shapes_path

from .load import load_parts
from .build import merge_parts

SH = Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    value: str
    severity: str


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def text(self, limit: int = 50) -> str:
        if self.conforms:
            return "conforms: the graph meets every shape\n"
        lines = [f"does not conform: {len(self.violations)} result(s)"]
        for v in self.violations[:limit]:
            lines.append(f"- {v.severity}: {v.focus}" + (f" {v.path}" if v.path else "") + f": {v.message}"
                         + (f" (value: {v.value})" if v.value else ""))
        if len(self.violations) > limit:
            lines.append(f"… and {len(self.violations) - limit} more")
        return "\n".join(lines) + "\n"


def _local(term) -> str:
    text = "" if term is None else str(term)
    return text.rsplit("#", 1)[-1]


INFERENCE = ("none", "rdfs")


def validate_graph(data: Graph, shapes: Graph | None = None, inference: str = "none") -> ValidationReport:
    """``inference``: "none" checks the triples as they are; "rdfs" first adds what RDFS entails from
    the ontology the graph carries (sub-properties such as gov:evidence of prov:wasDerivedFrom,
    domains, ranges and super-classes), as a reasoning triple store would."""
    if inference not in INFERENCE:
        raise GovkgError(f"unknown inference {inference!r}; known: {', '.join(INFERENCE)}")
    try:
        import pyshacl
    except ImportError as exc:  # a core dependency; only a broken install lacks it
        raise GovkgError("validation needs pyshacl: pip install pyshacl") from exc
    if shapes is None:
        shapes = Graph().parse(shapes_path(), format="turtle")
    conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, inference=inference, abort_on_first=False,
                                            allow_warnings=True, advanced=False)
    violations = []
    for r in results.objects(None, SH.result):  # the results, not the details (sh:detail) under them
        violations.append(Violation(
            focus=str(results.value(r, SH.focusNode)), path=str(results.value(r, SH.resultPath) or ""),
            message=str(results.value(r, SH.resultMessage) or ""), value=str(results.value(r, SH.value) or ""),
            severity=_local(results.value(r, SH.resultSeverity))))
    return ValidationReport(bool(conforms), sorted(violations, key=lambda v: (v.focus, v.path, v.message, v.value)))


def validate(path: str | Path, shapes: str | Path | None = None, inference: str = "none") -> ValidationReport:
    """Validate a build folder or an RDF file; ``shapes`` defaults to the ontology's shapes.ttl."""
    data = merge_parts(load_parts(path))
    shape_graph = None
    if shapes is not None:
        try:
            shape_graph = Graph().parse(shapes, format="turtle")
        except FileNotFoundError as exc:
            raise GovkgError(f"{shapes}: no such shapes file") from exc
        except Exception as exc:
            raise GovkgError(f"{shapes}: not readable as Turtle: {exc}") from exc
    return validate_graph(data, shape_graph, inference)
