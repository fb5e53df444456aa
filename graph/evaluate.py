"""Scores a built graph against gold annotations (the gold format of spec/ENTITIES.md).

The graph is read only through SPARQL, as any outside tool reads it: the reports, the
entities each mentions with their labels and classes, the observations and the relation
triples.  Matching follows the annotation guide:

- an entity matches a gold entity when one of its labels (rdfs:label, skos:altLabel)
  equals the gold name or an alias after normalization (NFKC, quotes and spaces removed),
  and, typed, when its top class is the gold type or one of its ``alt_types``; each gold
  entity matches at most one graph entity; a graph entity that names an optional gold
  entity or an event is neither right nor wrong;
- an observation matches on its scaled value and its indicator (one name contains the
  other's core); the share of matches whose area is right is given beside;
- relations are scored for recall (the gold lists are samples).

``evaluate`` returns the scores per class and per report, with the errors.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from govkg.extract.errors import GovkgError
from govkg.ontology import NS as GOV

TOPS = ("Place", "Organization", "Project", "Initiative", "PolicyDocument")
PREDICATES = ("partOf", "locatedIn", "cooperatesWith", "promotes")
PREFIXES = """PREFIX gov: <https://w3id.org/govkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sdmx-dimension: <http://purl.org/linked-data/sdmx/2009/dimension#>
PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>
PREFIX sdmx-attribute: <http://purl.org/linked-data/sdmx/2009/attribute#>
"""
QUOTES = "“”\"'‘’「」『』《》〈〉<>"
_SCALE = (("万亿", 1e12), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("万", 1e4), ("千", 1e3))


class GoldError(GovkgError):
    """A gold file that cannot be read."""

    code = "E022"


def norm(s) -> str:
    s = unicodedata.normalize("NFKC", str(s))
    return "".join(ch for ch in s if ch not in QUOTES and not ch.isspace()).lower()


def scaled(value, unit) -> float:
    v = float(value)
    u = unicodedata.normalize("NFKC", str(unit or ""))
    for k, m in _SCALE:
        if u.startswith(k):
            return v * m
    return v


def core_indicator(s) -> str:
    s = norm(s)
    return re.sub(r"(增速|增幅|降幅|增长率|增长|下降|同比|比上年|总额|总量|总值|数量|数)$", "", s) or s


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, o: "PRF") -> None:
        self.tp += o.tp
        self.fp += o.fp
        self.fn += o.fn

    def as_dict(self) -> dict:
        return {"p": self.p, "r": self.r, "f": self.f, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class ReportScore:
    entities: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in ("all", *TOPS)})
    observations: PRF = field(default_factory=PRF)
    area_right: int = 0
    relations_found: int = 0
    relations_missed: int = 0
    missed: list = field(default_factory=list)  # (type, name)
    spurious: list = field(default_factory=list)  # (types, label)
    missed_observations: list = field(default_factory=list)
    missed_relations: list = field(default_factory=list)
    has_entities: bool = False


@dataclass
class Evaluation:
    reports: dict[str, ReportScore]

    def total(self) -> ReportScore:
        out = ReportScore()
        for r in self.reports.values():
            for k, v in r.entities.items():
                out.entities[k].add(v)
            out.observations.add(r.observations)
            out.area_right += r.area_right
            out.relations_found += r.relations_found
            out.relations_missed += r.relations_missed
        return out

    def as_json(self) -> dict:
        def one(r: ReportScore) -> dict:
            rel = r.relations_found + r.relations_missed
            return {"entities": {k: v.as_dict() for k, v in r.entities.items()},
                    "observations": {**r.observations.as_dict(),
                                     "area_right": r.area_right / r.observations.tp if r.observations.tp else 0.0},
                    "relations": {"recall": r.relations_found / rel if rel else 0.0, "tp": r.relations_found,
                                  "fn": r.relations_missed}}
        return {"all": one(self.total()), "reports": {d: {**one(r), "missed": r.missed, "spurious": r.spurious}
                                                      for d, r in sorted(self.reports.items())}}


def load_gold(paths: list[str | Path]) -> dict[str, dict[str, list[dict]]]:
    """kind -> doc -> gold records."""
    gold: dict[str, dict[str, list[dict]]] = {k: defaultdict(list) for k in ("entity", "observation", "relation")}
    for path in paths:
        p = Path(path)
        try:
            lines = p.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise GoldError(f"cannot read: {exc}", str(p)) from None
        for k, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                g = json.loads(line)
                kind, doc = g["kind"], str(g["doc"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise GoldError(f"line {k}: not a gold record ({exc})", str(p)) from None
            if kind in gold:
                gold[kind][doc].append(g)
    return gold


def _rows(engine, query: str) -> list[dict]:
    res = engine.query(query)
    return [dict(zip(res.variables, row)) for row in res.rows]


def _v(row, key):
    t = row.get(key)
    return None if t is None else t.value


def _predicted_entities(engine) -> dict[str, list[dict]]:
    tops: dict[str, set[str]] = defaultdict(set)
    for top in TOPS:
        tops[GOV + top].add(top)
        for row in _rows(engine, PREFIXES + f"SELECT DISTINCT ?c WHERE {{ ?c rdfs:subClassOf+ gov:{top} }}"):
            tops[row["c"].value].add(top)
    rows = _rows(engine, PREFIXES + """
        SELECT ?id ?e ?c ?l WHERE {
          ?r a gov:Report ; dcterms:identifier ?id ; schema:mentions ?e .
          ?e a ?c .
          { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } UNION { ?e skos:prefLabel ?l }
        }""")
    ents: dict[tuple, dict] = {}
    for row in rows:
        key = (_v(row, "id"), _v(row, "e"))
        e = ents.setdefault(key, {"tops": set(), "labels": set(), "shown": None, "iri": key[1]})
        e["tops"] |= tops.get(_v(row, "c"), set())
        label = _v(row, "l")
        e["labels"].add(norm(label))
        if e["shown"] is None:
            e["shown"] = label
    out: dict[str, list[dict]] = defaultdict(list)
    for (doc, _), e in sorted(ents.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        if e["tops"]:
            out[doc].append(e)
    return out


def _optional(g: dict) -> bool:
    return bool(g.get("optional")) or g.get("type") not in TOPS


def score_entities(pred: list[dict], gold: list[dict], typed: bool = True) -> tuple[dict[str, PRF], list, list]:
    counts = {t: PRF() for t in TOPS}
    used: set[int] = set()
    optional: set[str] = set()
    for g in gold:
        if _optional(g):
            optional |= {norm(g["name"])} | {norm(a) for a in g.get("aliases", [])}
    missed, spurious = [], []
    for g in gold:
        if _optional(g):
            continue
        names = {norm(g["name"])} | {norm(a) for a in g.get("aliases", [])}
        ok = {g["type"]} | set(g.get("alt_types", []))
        hit = next((i for i, e in enumerate(pred) if i not in used and e["labels"] & names
                    and (not typed or e["tops"] & ok)), None)
        if hit is None:
            counts[g["type"]].fn += 1
            missed.append((g["type"], g["name"]))
        else:
            used.add(hit)
            counts[g["type"]].tp += 1
    for i, e in enumerate(pred):
        if i not in used and not (e["labels"] & optional):
            counts[sorted(e["tops"])[0]].fp += 1
            spurious.append(("/".join(sorted(e["tops"])), e["shown"]))
    return counts, missed, spurious


def _predicted_observations(engine) -> dict[str, list[dict]]:
    rows = _rows(engine, PREFIXES + """
        SELECT ?id ?o ?al ?il ?v ?u WHERE {
          ?o a qb:Observation ; prov:wasDerivedFrom ?r ; sdmx-measure:obsValue ?v .
          ?r dcterms:identifier ?id .
          OPTIONAL { ?o sdmx-dimension:refArea ?a . { ?a rdfs:label ?al } UNION { ?a skos:altLabel ?al } }
          OPTIONAL { ?o gov:indicator ?i . OPTIONAL { ?i rdfs:label ?il0 } BIND(COALESCE(?il0, ?i) AS ?il) }
          OPTIONAL { ?o sdmx-attribute:unitMeasure ?u0 . OPTIONAL { ?u0 rdfs:label ?ul } BIND(COALESCE(?ul, ?u0) AS ?u) }
        }""")
    by: dict[tuple, dict] = {}
    for row in rows:
        try:
            v = scaled(_v(row, "v"), _v(row, "u"))
        except (TypeError, ValueError):
            continue
        key = (_v(row, "id"), _v(row, "o"))
        o = by.setdefault(key, {"areas": set(), "ind": core_indicator(_v(row, "il") or ""), "v": v})
        if row.get("al") is not None:
            o["areas"].add(norm(_v(row, "al")))
    out: dict[str, list[dict]] = defaultdict(list)
    for (doc, _), o in sorted(by.items(), key=lambda kv: kv[0]):
        out[doc].append(o)
    return out


def _relations(engine) -> tuple[dict[str, set], dict[str, set]]:
    labels: dict[str, set] = defaultdict(set)
    for row in _rows(engine, PREFIXES + "SELECT ?e ?l WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l } }"):
        labels[_v(row, "e")].add(norm(_v(row, "l")))
    have: dict[str, set] = defaultdict(set)
    for p in PREDICATES:
        q = f"SELECT ?s ?o WHERE {{ {{ ?p rdfs:subPropertyOf* gov:{p} . ?s ?p ?o }} UNION {{ ?s gov:{p} ?o }} }}"
        for row in _rows(engine, PREFIXES + q):
            have[p].add((_v(row, "s"), _v(row, "o")))
    return labels, have


def evaluate(engine, gold: dict[str, dict[str, list[dict]]]) -> Evaluation:
    """Scores of the graph behind ``engine`` (graph.sparql.open_engine) against the gold."""
    pred = _predicted_entities(engine)
    docs = sorted(set(gold["entity"]) | set(gold["observation"]) | set(gold["relation"]))
    reports = {d: ReportScore() for d in docs}
    for d, gents in gold["entity"].items():
        counts, missed, spurious = score_entities(pred.get(d, []), gents)
        r = reports[d]
        r.has_entities = True
        for t, c in counts.items():
            r.entities[t] = c
            r.entities["all"].add(c)
        r.missed, r.spurious = missed, spurious
    if any(gold["observation"].values()):
        pobs = _predicted_observations(engine)
        for d, gobs in gold["observation"].items():
            r = reports[d]
            cands = pobs.get(d, [])
            used: set[int] = set()
            for g in gobs:
                gv, gi = scaled(g["value"], g.get("unit")), core_indicator(g["indicator"])
                hit = next((i for i, o in enumerate(cands) if i not in used
                            and abs(o["v"] - gv) <= 1e-6 * max(1.0, abs(gv))
                            and gi and o["ind"] and (gi in o["ind"] or o["ind"] in gi)), None)
                if hit is None:
                    r.observations.fn += 1
                    r.missed_observations.append((g["indicator"], g["value"], g.get("unit")))
                else:
                    used.add(hit)
                    r.observations.tp += 1
                    r.area_right += norm(g.get("area", "")) in cands[hit]["areas"]
            r.observations.fp += len(cands) - len(used)
    if any(gold["relation"].values()):
        labels, have = _relations(engine)
        for d, grels in gold["relation"].items():
            r = reports[d]
            for g in grels:
                s, o, p = norm(g["subject"]), norm(g["object"]), g["predicate"]
                pairs = have[p] | ({(b, a) for a, b in have[p]} if p == "cooperatesWith" else set())
                if any(s in labels[a] and o in labels[b] for a, b in pairs):
                    r.relations_found += 1
                else:
                    r.relations_missed += 1
                    r.missed_relations.append((p, g["subject"], g["object"]))
    return Evaluation(reports)


def format_evaluation(ev: Evaluation, errors: int = 0) -> str:
    """Tables of P/R/F1 per class and per report, then up to ``errors`` errors per report."""
    lines = []
    tot = ev.total()
    lines.append("typed entities    P      R      F1     tp   fp   fn")
    for k, v in tot.entities.items():
        lines.append(f"  {k:15s} {v.p:.3f}  {v.r:.3f}  {v.f:.3f}  {v.tp:4d} {v.fp:4d} {v.fn:4d}")
    if tot.observations.tp + tot.observations.fn:
        o = tot.observations
        area = tot.area_right / o.tp if o.tp else 0.0
        lines.append(f"observations      {o.p:.3f}  {o.r:.3f}  {o.f:.3f}  {o.tp:4d} {o.fp:4d} {o.fn:4d}"
                     f"  (area right in {area:.0%})")
    rel = tot.relations_found + tot.relations_missed
    if rel:
        lines.append(f"relations recall  {tot.relations_found / rel:.3f}  ({tot.relations_found} of {rel})")
    lines.append("")
    lines.append("per report          entity P  R     F1     observation F1  relation recall")
    for d, r in sorted(ev.reports.items()):
        e = r.entities["all"]
        rel = r.relations_found + r.relations_missed
        ent = f"{e.p:.2f}  {e.r:.2f}  {e.f:.3f}" if r.has_entities else "   -     -     -  "
        obs = f"{r.observations.f:.3f}" if r.observations.tp + r.observations.fn else "  -  "
        rr = f"{r.relations_found / rel:.2f}" if rel else " - "
        lines.append(f"  {d:28s} {ent}  {obs:>14s}  {rr:>8s}")
    if errors:
        for d, r in sorted(ev.reports.items()):
            if not (r.missed or r.spurious):
                continue
            lines.append("")
            lines.append(f"{d}:")
            lines += [f"  missed    {t:14s} {n}" for t, n in r.missed[:errors]]
            lines += [f"  spurious  {t:14s} {n}" for t, n in r.spurious[:errors]]
    return "\n".join(lines)
