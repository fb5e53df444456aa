"""rdflib.Graph -> networkx graph of entities, reports and their relations.

Nodes are keyed by IRI string.  Entity nodes carry ``label``, ``cls`` (most
specific class), ``top`` (one of the five top classes), ``aliases``, ``reports``
(ids of the reports that mention them), ``evidence`` (a few sentences that
mention them) and ``story`` (per report: what its statements say of the entity and
one sentence).  Report nodes have ``top`` "Report" and their ``year``.  Edges are keyed by the
relation name; relation edges carry ``kinds`` (sub-properties such as builds), ``statuses`` and
``phases`` (of the statements) and ``evidence`` (the sentences that state them, each with
the ``kind``, ``status`` and ``phase`` of its statement).
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import networkx as nx
from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from govkg.extract.model import REPORT_KINDS, SUBCLASS_TOP, TOP_CLASSES
from govkg.ontology import ontology_text
from govkg.ontology.namespace import GOV

from .build import SCHEMA
from .evidence import NIF

RELATIONS = {GOV.partOf: "partOf", GOV.locatedIn: "locatedIn", GOV.cooperatesWith: "cooperatesWith",
             GOV.promotes: "promotes", SCHEMA.mentions: "mentions", DCTERMS.spatial: "spatial"}
MAX_EVIDENCE = 3


def _local(uri: URIRef) -> str:
    return str(uri).rsplit("#", 1)[-1]


@lru_cache(maxsize=1)
def _ontology_parents() -> dict:
    """Sub-properties of the relations, from the ontology (a report's own graph does not hold it)."""
    og = Graph().parse(data=ontology_text(), format="turtle")
    return {sub: name for pred, name in RELATIONS.items() for sub in og.transitive_subjects(RDFS.subPropertyOf, pred)}


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _sentence(g: Graph, span, report_of: dict[str, str]) -> dict | None:
    """{report, sentence, start, end}: the sentence holding a span and the span's place in it."""
    sent = g.value(span, NIF.sentence)
    if sent is None:
        return None
    text = str(g.value(sent, NIF.anchorOf) or "")
    base = _int(g.value(sent, NIF.beginIndex))
    start, end = _int(g.value(span, NIF.beginIndex)) - base, _int(g.value(span, NIF.endIndex)) - base
    if not (0 <= start <= end <= len(text)):
        start = end = 0
    prefix = str(span).split("/text#", 1)[0]
    return {"report": report_of.get(prefix, ""), "sentence": text, "start": start, "end": end, "at": base}


def to_networkx(g: Graph, max_evidence: int = MAX_EVIDENCE, known: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """The view of ``g``.  ``known``: the view of the parts before, for a further piece of a report
    (build.iter_parts) whose entities and report were described in an earlier piece."""
    G = nx.MultiDiGraph()
    gov = str(GOV._NS)
    types: dict[URIRef, set[str]] = {}
    for s, cls in g.subject_objects(RDF.type):
        if isinstance(s, URIRef) and str(cls).startswith(gov):
            types.setdefault(s, set()).add(_local(cls))
    report_of: dict[str, str] = {}
    for s in sorted(types):
        names = types[s]
        if "Report" in names:
            kinds = sorted(names & set(REPORT_KINDS)) or ["Report"]
            rid = str(g.value(s, DCTERMS.identifier) or s)
            report_of[str(s)] = rid
            G.add_node(str(s), label=rid, cls=kinds[0], top="Report", title=str(g.value(s, DCTERMS.title) or ""),
                       year=str(g.value(s, DCTERMS.date) or ""))
            continue
        ent = sorted(n for n in names if n in SUBCLASS_TOP)
        if not ent:
            continue
        specific = [n for n in ent if n not in TOP_CLASSES] or ent
        G.add_node(str(s), label=str(g.value(s, RDFS.label) or s), cls=specific[0], top=SUBCLASS_TOP[specific[0]],
                   aliases=sorted(str(a) for a in g.objects(s, SKOS.altLabel)), reports=[], evidence=[], story={})
    if known is not None:
        _known_nodes(g, G, known, report_of)
    for pred, name in sorted(RELATIONS.items()):
        for s, o in sorted(g.subject_objects(pred)):
            if str(s) in G and str(o) in G:
                G.add_edge(str(s), str(o), key=name, predicate=name, kinds=[], statuses=[], phases=[], evidence=[])
    for u, v, k in G.edges(keys=True):
        if k == "mentions":
            G.nodes[v]["reports"].append(G.nodes[u]["label"])
    _attach_evidence(g, G, report_of, max_evidence)
    return G


def _known_nodes(g: Graph, G: nx.MultiDiGraph, known: nx.MultiDiGraph, report_of: dict[str, str]) -> None:
    """Copies of the known entities that a piece's relations and mentions name, without their reports
    and evidence (merge_view adds what the piece says to them), and the known reports."""
    spans = [s for s, _ in g.subject_objects(GOV.mentionOf)] + [o for _, o in g.subject_objects(GOV.evidence)]
    for report in {str(span).split("/text#", 1)[0] for span in spans}:  # the reports the spans are in
        if report in known and known.nodes[report].get("top") == "Report":
            report_of.setdefault(report, known.nodes[report]["label"])
    named = {str(x) for pred in RELATIONS for pair in g.subject_objects(pred) for x in pair}
    named |= {str(o) for _, o in g.subject_objects(GOV.mentionOf)}
    for n in sorted(named):
        if n in known and n not in G and known.nodes[n].get("top") != "Report":
            d = known.nodes[n]
            G.add_node(n, **{**d, "aliases": list(d.get("aliases", [])), "reports": [], "evidence": [], "story": {}})


def _attach_evidence(g: Graph, G: nx.MultiDiGraph, report_of: dict[str, str], limit: int) -> None:
    mentions = defaultdict(list)
    for span, ent in g.subject_objects(GOV.mentionOf):
        mentions[str(ent)].append(span)
    for ent, spans in mentions.items():
        if ent in G:
            found = [e for e in (_sentence(g, s, report_of) for s in sorted(spans)) if e]
            G.nodes[ent]["evidence"] = _evidence_order(found, limit)
    parent = dict(_ontology_parents())  # a relation predicate or any of its sub-properties -> the edge key
    for pred, name in RELATIONS.items():
        for sub in g.transitive_subjects(RDFS.subPropertyOf, pred):
            parent[sub] = name
    for st in sorted(g.subjects(RDF.type, RDF.Statement)):
        s, p, o = (str(g.value(st, RDF.subject)), g.value(st, RDF.predicate), str(g.value(st, RDF.object)))
        name = parent.get(p)
        if name is None or not G.has_edge(s, o, key=name):
            continue
        _add_to_story(g, G, st, s, o, p, report_of)
        data = G.edges[s, o, name]
        if _local(p) not in data["kinds"] and _local(p) != name:
            data["kinds"].append(_local(p))
        status, phase = g.value(st, GOV.status), g.value(st, GOV.phase)
        _add_once(data["statuses"], _local(status) if status is not None else None)
        _add_once(data["phases"], str(phase) if phase is not None else None)
        span = g.value(st, GOV.evidence)
        e = _sentence(g, span, report_of) if span is not None else None
        if e and len(data["evidence"]) < limit and all(x["sentence"] != e["sentence"] for x in data["evidence"]):
            # the statement the sentence states: its kind, status and phase
            e.update(kind=_local(p), status=_local(status) if status is not None else "",
                     phase=str(phase) if phase is not None else "")
            data["evidence"].append(e)


def _add_once(values: list, value) -> None:
    if value and value not in values:
        values.append(value)


def _add_to_story(g: Graph, G: nx.MultiDiGraph, st, s: str, o: str, p, report_of: dict[str, str]) -> None:
    """The story of the thing a statement is about (its object, or its subject when the object is a
    place it lies in): per report, what is said of it (建成 completes, status) and the sentence."""
    span = g.value(st, GOV.evidence)
    ev = _sentence(g, span, report_of) if span is not None else None
    if ev is None or not ev["report"]:
        return
    status = g.value(st, GOV.status)
    fact = _local(p) + (f" [{_local(status)}]" if status is not None else "")
    for node, other in ((o, s), (s, o)):
        story = G.nodes[node].get("story")
        if story is None:
            continue
        text = f"{fact} {G.nodes[other].get('label', '')}"
        _story_entry(story, ev["report"], [text], ev["sentence"], ev["at"])


def _story_entry(story: dict, report: str, facts: list[str], sentence: str, at: int) -> None:
    """Add to a report's entry of a story: its facts (sorted, once each) and the sentence, the one
    that comes first in the report (so the entry does not depend on the order statements come in)."""
    entry = story.get(report)
    if entry is None:
        story[report] = {"facts": sorted(set(facts)), "sentence": sentence, "at": at}
        return
    entry["facts"] = sorted(set(entry["facts"]) | set(facts))
    if (at, sentence) < (entry["at"], entry["sentence"]):
        entry["sentence"], entry["at"] = sentence, at


def _evidence_order(found: list[dict], limit: int) -> list[dict]:
    seen, keep = set(), []
    for e in sorted(found, key=lambda e: (e["report"], e["sentence"])):
        if e["sentence"] not in seen:
            seen.add(e["sentence"])
            keep.append(e)
    return keep[:limit]


def release(G: nx.MultiDiGraph) -> None:
    """Drop the views networkx caches on a graph once it is used: ``G.edges`` (and the degree and
    in/out edge views) hold ``G``, a reference cycle, and a build pauses the cycle collector
    (cli._collector_paused), so a graph made for each report would otherwise stay in memory to the end."""
    for name in ("edges", "out_edges", "in_edges", "degree", "in_degree", "out_degree"):
        G.__dict__.pop(name, None)


def merge_view(G: nx.MultiDiGraph, H: nx.MultiDiGraph, max_evidence: int = MAX_EVIDENCE) -> None:
    """Fold the view of one named part (``H``) into ``G``: the view of the union of the parts
    seen so far, the same as ``to_networkx`` of their merged graph when parts come in IRI order."""
    for n, data in H.nodes(data=True):
        if n not in G:
            G.add_node(n, **data)
            continue
        have = G.nodes[n]
        if "story" in data:
            story = have.setdefault("story", {})
            for report, entry in data["story"].items():
                _story_entry(story, report, entry["facts"], entry["sentence"], entry["at"])
        if "reports" in data:
            have["reports"] = sorted(set(have.get("reports", [])) | set(data["reports"]))
            have["aliases"] = sorted(set(have.get("aliases", [])) | set(data["aliases"]))
            have["evidence"] = _evidence_order(have.get("evidence", []) + data["evidence"], max_evidence)
    for u, v, k, data in H.edges(keys=True, data=True):
        if not G.has_edge(u, v, key=k):
            G.add_edge(u, v, key=k, **data)
            continue
        have = G.edges[u, v, k]
        for field in ("kinds", "statuses", "phases"):
            have.setdefault(field, [])
            have[field] += [x for x in data.get(field, []) if x not in have[field]]
        for e in data["evidence"]:
            if len(have["evidence"]) < max_evidence and all(x["sentence"] != e["sentence"] for x in have["evidence"]):
                have["evidence"].append(e)
