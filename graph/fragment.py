"""One report's networkx view (what graph.html and the network files draw), made from its extraction
record where it was extracted, as JSON data; the main process fills in the corpus-wide names and folds
the views together with ``nxview.merge_view``.

The view is the one ``nxview.to_networkx`` makes of the report's named graph (a long report's graph
comes in pieces, build.iter_parts: the view of its first piece, then those of the others folded in),
made here from the records instead of from RDF terms.  What another report can change, an entity's
label, class and aliases (voted across reports), is left open: an entity of the report is labelled
``\\0KEY\\0`` (so are the facts of the stories that name it), and ``fill`` puts in the corpus-wide
values.  A test keeps the view equal to ``to_networkx`` of the report's graph.

    {"format": 1, "nodes": [[id, {attributes}], ...], "edges": [[from, to, key, {attributes}], ...]}
"""
from __future__ import annotations

import re
from functools import lru_cache

import networkx as nx

from govkg.extract.gazetteer import gazetteer
from govkg.extract.model import SUBCLASS_TOP, ReportResult
from govkg.extract.pipeline import area_entity_key, sentence_blocks
from govkg.ontology import NS as GOV

from .iri import BASE, division_key, entity_id, report_id, segment

FORMAT = 1
MAX_EVIDENCE = 3
# the relations drawn, in the order to_networkx takes them (by predicate IRI)
_ORDER = ("spatial", "mentions", "cooperatesWith", "locatedIn", "partOf", "promotes")
_OPEN = re.compile("\x00([^\x00]*)\x00")


def _open(key: str) -> str:
    return f"\x00{key}\x00"


@lru_cache(maxsize=1)
def _parents() -> dict[str, str]:
    """A relation predicate or sub-property (local name) -> the edge key, from the ontology."""
    from .nxview import _ontology_parents

    return {str(p)[len(GOV):]: name for p, name in _ontology_parents().items() if str(p).startswith(GOV)}


class _Facts:
    """The spans of one report, as nxview._sentence reads them."""

    def __init__(self, r: ReportResult):
        self.doc = r.document
        self.rid = r.document.id
        self.text_base = f"{BASE}report/{segment(self.doc.id)}/text#char="

    def sentence(self, start: int, end: int, index: int) -> dict:
        s = self.doc.sentences[index]
        text = self.doc.text[s.start:s.end]
        a, b = start - s.start, end - s.start
        if not (0 <= a <= b <= len(text)):
            a = b = 0
        return {"report": self.rid, "sentence": text, "start": a, "end": b, "at": s.start}

    def span_iri(self, start: int, end: int) -> str:
        return f"{self.text_base}{start},{end}"


def _evidence_order(found: list[dict], limit: int) -> list[dict]:
    from .nxview import _evidence_order as order

    return order(found, limit)


def _view(r: ReportResult, codes: dict, core: bool, within, known: nx.MultiDiGraph | None) -> nx.MultiDiGraph:
    from .build import statement_id
    from .nxview import _add_once, _story_entry

    G = nx.MultiDiGraph()
    doc, meta = r.document, r.meta
    f = _Facts(r)
    report = report_id(doc.id)
    keys = sorted({e.key for e in r.entities})
    entity_of = {entity_id(k): k for k in keys}
    typed: dict[str, dict] = {}
    hierarchy: list[tuple[str, str]] = []  # partOf pairs of the administrative hierarchy
    if core:
        by_key = {e.key: e for e in r.entities}
        typed[report] = {"label": doc.id, "cls": meta.kind, "top": "Report", "title": meta.title,
                         "year": str(meta.year) if meta.year else ""}
        gz = gazetteer()
        done: set[str] = set()
        for key in keys:
            e = by_key[key]
            typed[entity_id(key)] = _entity(_open(key), e.cls, e.aliases)
            code = codes.get(key)
            d = gz.by_code.get(code) if code else None
            while d is not None and d.code not in done:
                done.add(d.code)
                iri = entity_id(division_key(d.code))
                if iri not in entity_of and d.cls in SUBCLASS_TOP:
                    typed[iri] = _entity(d.label, d.cls, ())
                if not d.parent:
                    break
                parent = gz.by_code.get(d.parent)
                if parent is None:
                    break
                hierarchy.append((iri, entity_id(division_key(parent.code))))
                d = parent
    for n in sorted(typed):
        G.add_node(n, **typed[n])
    mentions = [(e, m) for e in r.entities for m in e.mentions
                if m.doc_id == doc.id and (within is None or within(m.sentence))] if within is not False else []
    relations = [rel for rel in r.relations if within is None or within(rel.sentence)] if within is not False else []
    if known is not None:  # nxview._known_nodes: the entities this piece names, from the report's first piece
        named = {entity_id(x) for rel in relations for x in (rel.subject, rel.object)}
        named |= {entity_id(e.key) for e, _ in mentions}
        for n in sorted(named):
            if n in known and n not in G and known.nodes[n].get("top") != "Report":
                d = known.nodes[n]
                G.add_node(n, **{**d, "aliases": list(d.get("aliases", [])), "reports": [], "evidence": [], "story": {}})
    pairs: dict[str, set] = {name: set() for name in _ORDER}
    if core:
        area = area_entity_key(list(r.entities), meta)
        if area is not None:
            pairs["spatial"].add((report, entity_id(area)))
        pairs["mentions"] |= {(report, entity_id(e.key)) for e in r.entities}
        pairs["partOf"] |= set(hierarchy)
    for rel in relations:
        pairs[rel.predicate].add((entity_id(rel.subject), entity_id(rel.object)))
    for name in _ORDER:
        for s, o in sorted(pairs[name]):
            if s in G and o in G:
                G.add_edge(s, o, key=name, predicate=name, kinds=[], statuses=[], phases=[], evidence=[])
    for u, v, k in G.edges(keys=True):
        if k == "mentions":
            G.nodes[v]["reports"].append(G.nodes[u]["label"])
    # nxview._attach_evidence
    spans: dict[str, dict[str, dict]] = {}
    for e, m in mentions:
        spans.setdefault(entity_id(e.key), {}).setdefault(f.span_iri(m.start, m.end), f.sentence(m.start, m.end, m.sentence))
    for ent, found in spans.items():
        if ent in G:
            G.nodes[ent]["evidence"] = _evidence_order([found[s] for s in sorted(found)], MAX_EVIDENCE)
    parent = _parents()
    statements: dict[str, object] = {}
    for rel in relations:
        statements.setdefault(statement_id(rel), rel)
    for st in sorted(statements):
        rel = statements[st]
        s, o = entity_id(rel.subject), entity_id(rel.object)
        p = rel.kind or rel.predicate
        name = parent.get(p)
        if name is None or not G.has_edge(s, o, key=name):
            continue
        ev = f.sentence(rel.start, rel.end, rel.sentence)
        fact = p + (f" [{rel.status}]" if rel.status else "")
        for node, other in ((o, s), (s, o)):  # nxview._add_to_story
            story = G.nodes[node].get("story")
            if story is None:
                continue
            _story_entry(story, ev["report"], [f"{fact} {G.nodes[other].get('label', '')}"], ev["sentence"], ev["at"])
        data = G.edges[s, o, name]
        if p not in data["kinds"] and p != name:
            data["kinds"].append(p)
        _add_once(data["statuses"], rel.status or None)
        _add_once(data["phases"], rel.phase or None)
        if len(data["evidence"]) < MAX_EVIDENCE and all(x["sentence"] != ev["sentence"] for x in data["evidence"]):
            data["evidence"].append({**ev, "kind": p, "status": rel.status, "phase": rel.phase})
    return G


def _entity(label: str, cls: str, aliases) -> dict:
    return {"label": label, "cls": cls, "top": SUBCLASS_TOP[cls], "aliases": sorted(aliases),
            "reports": [], "evidence": [], "story": {}}


def report_view(r: ReportResult, codes: dict | None = None) -> dict:
    """The view of one report's graph, as JSON data (names left open)."""
    from .nxview import merge_view, release

    if codes is None:
        codes = {e.key: e.code for e in r.entities}
    blocks = sentence_blocks(r.document)
    if len(blocks) == 1:
        G = _view(r, codes, True, None, None)
    else:
        G = _view(r, codes, True, False, None)
        for i, block in enumerate(blocks):
            first, end, last = block[0].index, block[-1].index + 1, i == len(blocks) - 1
            H = _view(r, codes, False, lambda j, first=first, end=end, last=last: first <= j < end or (last and j < 0), G)
            merge_view(G, H)
            release(H)
    view = {"format": FORMAT, "nodes": [[n, d] for n, d in G.nodes(data=True)],
            "edges": [[u, v, k, d] for u, v, k, d in G.edges(keys=True, data=True)]}
    release(G)
    return view


def named(d: dict, entities) -> dict:
    """A node's data with the corpus-wide label, class and aliases of its entity (its stories' facts
    still open: ``fill`` puts those in)."""
    label = d.get("label", "")
    if label.startswith("\x00"):
        e = entities.get(label[1:-1])
        if e is not None:
            return {**d, "label": e.label, "cls": e.cls, "top": SUBCLASS_TOP[e.cls], "aliases": sorted(e.aliases)}
    return d


def fill(view: dict, entities) -> nx.MultiDiGraph:
    """The view as a networkx graph, with the corpus-wide label, class and aliases of each entity."""
    def name(m: re.Match) -> str:
        e = entities.get(m.group(1))
        return e.label if e is not None else m.group(1)

    G = nx.MultiDiGraph()
    for n, d in view["nodes"]:
        d = named(d, entities)
        if d.get("story"):
            d = {**d, "story": {rid: {**entry, "facts": sorted({_OPEN.sub(name, x) for x in entry["facts"]})}
                                for rid, entry in d["story"].items()}}
        G.add_node(n, **d)
    for u, v, k, d in view["edges"]:
        G.add_edge(u, v, key=k, **d)
    return G


# ------------------------------------------------------------------ reading a view back

def _is_str(x) -> bool:
    return isinstance(x, str)


def _is_int(x) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


_SENTENCE = {"report": _is_str, "sentence": _is_str, "start": _is_int, "end": _is_int, "at": _is_int}
_EDGE_SENTENCE = {**_SENTENCE, "kind": _is_str, "status": _is_str, "phase": _is_str}


def _strings(x) -> bool:
    return isinstance(x, list) and all(isinstance(v, str) for v in x)


def _records(x, fields: dict) -> bool:
    return isinstance(x, list) and all(isinstance(v, dict) and set(v) == set(fields)
                                       and all(ok(v[k]) for k, ok in fields.items()) for v in x)


def _story(x) -> bool:
    return isinstance(x, dict) and all(
        isinstance(k, str) and isinstance(v, dict) and set(v) == {"facts", "sentence", "at"} and _strings(v["facts"])
        and isinstance(v["sentence"], str) and _is_int(v["at"]) for k, v in x.items())


_NODE = {"label": _is_str, "cls": _is_str, "top": _is_str, "title": _is_str, "year": _is_str, "aliases": _strings,
         "reports": _strings, "evidence": lambda x: _records(x, _SENTENCE), "story": _story}
_EDGE = {"predicate": _is_str, "kinds": _strings, "statuses": _strings, "phases": _strings,
         "evidence": lambda x: _records(x, _EDGE_SENTENCE)}


def check_view(data) -> dict:
    """A view as ``report_view`` makes it, checked field by field; ValueError for anything else."""
    if not isinstance(data, dict) or set(data) != {"format", "nodes", "edges"} or data["format"] != FORMAT:
        raise ValueError("not a report view of this layout")
    if not isinstance(data["nodes"], list) or not isinstance(data["edges"], list):
        raise ValueError("a view's nodes and edges are lists")
    for node in data["nodes"]:
        if not (isinstance(node, list) and len(node) == 2 and isinstance(node[0], str) and isinstance(node[1], dict)
                and all(k in _NODE and _NODE[k](v) for k, v in node[1].items())):
            raise ValueError(f"not a node of a view: {str(node)[:80]}")
        if node[1].get("top") not in (*set(SUBCLASS_TOP.values()), "Report"):
            raise ValueError(f"a node of an unknown class: {str(node)[:80]}")
    for edge in data["edges"]:
        if not (isinstance(edge, list) and len(edge) == 4 and all(isinstance(x, str) for x in edge[:3])
                and isinstance(edge[3], dict) and set(edge[3]) == set(_EDGE)
                and all(ok(edge[3][k]) for k, ok in _EDGE.items())):
            raise ValueError(f"not an edge of a view: {str(edge)[:80]}")
    return data
