"""The description of a build (void.ttl): what the dataset is, who made it and from which files.

A VoID and DCAT description, written beside graph.ttl by every build:

    govid:dataset a void:Dataset , dcat:Dataset ;
        dcterms:title "…" ; dcterms:creator "…" ; dcterms:license <…> ;
        dcterms:created "2026-12-01T13:30:00Z"^^xsd:dateTime ;
        prov:wasGeneratedBy govid:dataset/build ;       # the govkg version that built it
        void:triples 12345 ;                            # the triples of graph.ttl
        void:subset <https://w3id.org/govkg/id/graph/R> .
    <https://w3id.org/govkg/id/graph/R> a void:Dataset ; # one per report: its named graph in graph.trig
        dcterms:identifier "R" ; dcterms:source <…/report/R> ; void:triples 321 ;
        dcat:distribution <…/graph/R/source> .
    <…/graph/R/source> a dcat:Distribution ; dcterms:title "R.txt" ;   # the source file
        spdx:checksum <…/graph/R/source/sha256> .
    <…/graph/R/source/sha256> a spdx:Checksum ;
        spdx:algorithm spdx:checksumAlgorithm_sha256 ; spdx:checksumValue "…"^^xsd:hexBinary .

The description is read from the graph itself (each report's nif:Context has its file's name and
SHA-256), so ``govkg export`` of any build can make it too.  ``created`` honours
``SOURCE_DATE_EPOCH`` (reproducible builds), else it is the time of writing; nothing else in it
depends on when or where the build ran.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from govkg.extract.errors import GovkgError
from govkg.ontology.namespace import GOV

from .evidence import PROV
from .iri import BASE

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
SCHEMA = Namespace("https://schema.org/")
DATASET = URIRef(f"{BASE}dataset")
SOFTWARE = URIRef("https://w3id.org/govkg/software")
FILE_NAME = "void.ttl"
DEFAULT_TITLE = "govkg 政府工作报告知识图谱"
DEFAULT_CREATOR = "govkg"


@dataclass(frozen=True)
class About:
    """What the user says of the dataset (``govkg build --title --creator --licence``)."""

    title: str = DEFAULT_TITLE
    creator: str = DEFAULT_CREATOR
    licence: str | None = None  # an IRI; None: the licence field says that none was given


@dataclass(frozen=True)
class Source:
    report: URIRef
    identifier: str
    file_name: str
    sha256: str


def sources_of(part) -> list[Source]:
    """The report(s) a named part was read from, by their nif:Context (gov:fileName, gov:sha256)."""
    found = []
    for ctx, digest in part.subject_objects(GOV.sha256):
        report = part.value(ctx, PROV.wasDerivedFrom)
        if report is None:
            continue
        found.append(Source(report=report, identifier=str(part.value(report, DCTERMS.identifier) or ""),
                            file_name=str(part.value(ctx, GOV.fileName) or ""), sha256=str(digest)))
    return found


def created_time(env: dict | None = None) -> dt.datetime:
    env = os.environ if env is None else env
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            raise GovkgError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970") from None
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def licence_iri(value: str) -> URIRef:
    if not value.startswith(("http://", "https://")) or any(c in value for c in ' <>"{}|\\^`'):
        raise GovkgError(f"--licence {value!r}: give the licence as an http(s) IRI, e.g. "
                         "https://creativecommons.org/licenses/by/4.0/")
    return URIRef(value)


def describe(sources: dict[URIRef, list[Source]], counts: dict, about: About, version: str,
             created: dt.datetime) -> Graph:
    """The description: ``sources`` maps each report graph's name to what it was read from;
    ``counts`` has "union" (triples of graph.ttl) and each graph name (triples of its block)."""
    g = Graph(bind_namespaces="none")
    for p, ns in (("rdf", RDF), ("rdfs", RDFS), ("xsd", XSD), ("void", VOID), ("dcat", DCAT), ("spdx", SPDX), ("dcterms", DCTERMS), ("prov", PROV),
                  ("schema", SCHEMA), ("govid", Namespace(BASE)), ("gov", Namespace(str(GOV._NS)))):
        g.bind(p, ns, override=True)
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, RDF.type, DCAT.Dataset))
    g.add((DATASET, DCTERMS.title, Literal(about.title)))
    g.add((DATASET, DCTERMS.creator, Literal(about.creator)))
    if about.licence:
        g.add((DATASET, DCTERMS.license, licence_iri(about.licence)))
    else:  # the field is there, and says that no licence was given
        g.add((DATASET, DCTERMS.license, Literal("not stated: give one with govkg build --licence IRI")))
    g.add((DATASET, DCTERMS.created, Literal(created.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)))
    g.add((DATASET, VOID.vocabulary, URIRef(str(GOV._NS))))
    g.add((DATASET, VOID.uriSpace, Literal(BASE)))
    if "union" in counts:
        g.add((DATASET, VOID.triples, Literal(counts["union"])))
    build = URIRef(f"{DATASET}/build")
    g.add((DATASET, PROV.wasGeneratedBy, build))
    g.add((build, RDF.type, PROV.Activity))
    g.add((build, PROV.endedAtTime, Literal(created.strftime("%Y-%m-%dT%H:%M:%SZ"), datatype=XSD.dateTime)))
    g.add((build, PROV.wasAssociatedWith, SOFTWARE))
    g.add((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    g.add((SOFTWARE, RDF.type, SCHEMA.SoftwareApplication))
    g.add((SOFTWARE, RDFS.label, Literal("govkg")))
    g.add((SOFTWARE, SCHEMA.softwareVersion, Literal(version)))
    for name in sorted(sources):
        g.add((DATASET, VOID.subset, name))
        g.add((name, RDF.type, VOID.Dataset))
        if name in counts:
            g.add((name, VOID.triples, Literal(counts[name])))
        for src in sources[name]:
            g.add((name, DCTERMS.identifier, Literal(src.identifier)))
            g.add((name, DCTERMS.source, src.report))
            dist = URIRef(f"{name}/source")
            g.add((name, DCAT.distribution, dist))
            g.add((dist, RDF.type, DCAT.Distribution))
            g.add((dist, DCTERMS.title, Literal(src.file_name)))
            checksum = URIRef(f"{dist}/sha256")
            g.add((dist, SPDX.checksum, checksum))
            g.add((checksum, RDF.type, SPDX.Checksum))
            g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
            g.add((checksum, SPDX.checksumValue, Literal(src.sha256, datatype=XSD.hexBinary)))
    return g


class Collector:
    """Gathers, part by part as a build writes them, the sources of each report graph."""

    def __init__(self):
        self.sources: dict[URIRef, list[Source]] = {}

    def add(self, name: URIRef, part) -> None:
        found = sources_of(part)
        if found:
            have = self.sources.setdefault(name, [])
            have += [s for s in found if s not in have]
