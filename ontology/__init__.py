"""The govkg vocabulary: ``gov.ttl`` (OWL) and ``shapes.ttl`` (SHACL).

Vocabulary only: this package holds no extraction or graph-building code.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

NS = "https://w3id.org/govkg/ontology#"


def ontology_path() -> Path:
    """Path of gov.ttl inside the installed package."""
    return Path(str(resources.files(__name__).joinpath("gov.ttl")))


def shapes_path() -> Path:
    """Path of shapes.ttl (the SHACL shapes of the exported graph's contract)."""
    return Path(str(resources.files(__name__).joinpath("shapes.ttl")))


def ontology_text() -> str:
    return resources.files(__name__).joinpath("gov.ttl").read_text(encoding="utf-8")
