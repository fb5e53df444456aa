"""Text spans as NIF 2.0 strings: where in which report a fact was read.

A span of report ``R`` from character ``a`` to ``b`` (offsets into the report's
decoded text, end exclusive) is the IRI

    https://w3id.org/govkg/id/report/R/text#char=a,b

(the RFC 5147 fragment NIF uses), typed nif:String (nif:Sentence for sentences)
with nif:beginIndex, nif:endIndex, nif:anchorOf (the exact text) and
nif:referenceContext (the whole text, a nif:Context).  The same span always gets
the same IRI, so mentions, relations and observations read from one sentence
share its node.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef

from govkg.extract.errors import display
from govkg.extract.model import Document
from govkg.ontology.namespace import GOV

from .iri import BASE, segment

NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
PROV = Namespace("http://www.w3.org/ns/prov#")


# Namespace attribute lookups build a new URIRef each time; spans are made by the hundred thousand.
_TYPE, _STRING, _SENTENCE, _BEGIN, _END, _ANCHOR, _CONTEXT, _IN_SENTENCE = (
    RDF.type, NIF.String, NIF.Sentence, NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.referenceContext, NIF.sentence)
_NON_NEGATIVE = XSD.nonNegativeInteger


@lru_cache(maxsize=4096)
def _text_base(doc_id: str) -> str:
    return f"{BASE}report/{segment(doc_id)}/text#char="


def span_iri(doc_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{_text_base(doc_id)}{start},{end}")


def context_iri(doc_id: str, length: int) -> URIRef:
    """The whole text: the span from 0 to its length."""
    return span_iri(doc_id, 0, length)


def _index(n: int) -> Literal:
    return Literal(str(n), datatype=_NON_NEGATIVE)


def add_context(g: Graph, doc: Document, report: URIRef) -> URIRef:
    """The report's text as a nif:Context (its length, its file's name and the SHA-256 of its bytes;
    not the text itself)."""
    node = context_iri(doc.id, len(doc.text))
    g.add((node, RDF.type, NIF.Context))
    g.add((node, NIF.beginIndex, _index(0)))
    g.add((node, NIF.endIndex, _index(len(doc.text))))
    g.add((node, GOV.fileName, Literal(display(doc.path.replace("\\", "/").rsplit("/", 1)[-1]))))
    if doc.sha256:
        g.add((node, GOV.sha256, Literal(doc.sha256)))
    g.add((node, PROV.wasDerivedFrom, report))
    return node


def add_span(g: Graph, doc: Document, start: int, end: int, sentence: bool = False) -> URIRef:
    """A span of the report's text with its exact text; sentence spans are nif:Sentence."""
    node = span_iri(doc.id, start, end)
    g.add((node, _TYPE, _SENTENCE if sentence else _STRING))
    g.add((node, _BEGIN, _index(start)))
    g.add((node, _END, _index(end)))
    g.add((node, _ANCHOR, Literal(doc.text[start:end])))
    g.add((node, _CONTEXT, context_iri(doc.id, len(doc.text))))
    return node


def add_sentence(g: Graph, doc: Document, index: int) -> URIRef:
    s = doc.sentences[index]
    return add_span(g, doc, s.start, s.end, sentence=True)


def confidence_literal(x: float) -> Literal:
    """A confidence from 0 to 1 as an xsd:decimal with at most three places (2 -> "2.0", as Turtle writes it)."""
    text = format(Decimal(str(round(x, 3))), "f")
    return Literal(text if "." in text else f"{text}.0", datatype=XSD.decimal)


def add_evidence(g: Graph, node: URIRef, doc: Document, start: int, end: int, sentence: int, rule: str,
                 confidence: float) -> URIRef:
    """A fact's evidence: the span it was read from (in its sentence), the rule and the confidence."""
    span = add_span(g, doc, start, end)
    g.add((span, _IN_SENTENCE, add_sentence(g, doc, sentence)))
    g.add((node, GOV.evidence, span))
    g.add((node, GOV.rule, Literal(rule)))
    g.add((node, GOV.confidence, confidence_literal(confidence)))
    return span
