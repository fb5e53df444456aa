"""An entity's story across years: the reports that name it, year by year, with what each says of it.

    govkg timeline 东二环快速路 -g out

runs the saved query ``timeline`` (graph/queries/timeline.rq) on a build and groups its rows by
report: for each, the report's year, the relations it states of the entity (with their status
and whether the report looks back or plans ahead), the figures it gives of it, and the sentences
they were read from.  A name is the entity's label or any alias; every entity so named is shown
(a thing named as a project in one report and as an initiative in another is two entities).
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from govkg.extract.errors import GovkgError

from .saved import saved_query

PREDICATE_ZH = {"promotes": "推进", "plans": "规划", "builds": "建设", "completes": "建成", "operates": "运营",
                "signs": "签约", "implements": "实施", "issues": "出台", "locatedIn": "位于", "partOf": "隶属于",
                "cooperatesWith": "合作"}
MAX_SENTENCES = 3


@dataclass
class Entry:
    """What one report says of the entity."""

    year: str
    report: str
    facts: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)


@dataclass
class Timeline:
    name: str
    entities: list[str]
    entries: list[Entry]

    @property
    def years(self) -> list[str]:
        return sorted({e.year for e in self.entries if e.year})


def _value(row: dict, key: str) -> str:
    t = row.get(key)
    return t.value if t is not None else ""


def _fact(row: dict) -> str | None:
    """构建 builds [completed] by 保定市, review; 位于 locatedIn 保定市; 地区生产总值 795.3亿元 (2020H1)."""
    what = _value(row, "what")
    if what == "figure":
        return _value(row, "figure")
    if what != "relation":
        return None
    pred = _value(row, "predicate")
    text = f"{PREDICATE_ZH.get(pred, pred)} {pred}"
    status = _value(row, "status")
    if status:
        text += f" [{status}]"
    text += (" by " if _value(row, "role") == "object" else " ") + _value(row, "other")
    phase = _value(row, "phase")
    return f"{text}, {phase}" if phase else text


def timeline(engine, name: str, area: str = "", year: str = "", report: str = "") -> Timeline:
    """The timeline of the entities named ``name`` in the graph ``engine`` answers for, told by the
    reports of ``area``, of ``year`` and ``report`` when given (the saved query's parameters)."""
    chosen = {"area": area, "year": year, "report": report}
    res = engine.query(saved_query("timeline").render({"name": name, **chosen}))
    rows = [dict(zip(res.variables, r)) for r in res.rows]
    if not rows and any(chosen.values()):
        if engine.query(saved_query("timeline").render({"name": name})).rows:
            given = ", ".join(f"{k}={v}" for k, v in chosen.items() if v)
            raise GovkgError(f"{name!r} is named in the graph, but in no report with {given}")
    if not rows:
        raise GovkgError(f"no entity is named {name!r} in the graph" + _hint(engine, name))
    entities = sorted({_value(r, "entity") for r in rows})
    by_report: dict[tuple[str, str], Entry] = {}
    for r in rows:
        key = (_value(r, "year"), _value(r, "report"))
        entry = by_report.setdefault(key, Entry(*key))
        fact = _fact(r)
        if fact and fact not in entry.facts:
            entry.facts.append(fact)
        status = _value(r, "status")
        if status and status not in entry.statuses:
            entry.statuses.append(status)
        sentence = " ".join(_value(r, "sentence").split())
        if sentence and sentence not in entry.sentences and (fact or not entry.sentences):
            entry.sentences.append(sentence)
    entries = [by_report[k] for k in sorted(by_report)]
    for e in entries:
        e.sentences = e.sentences[:MAX_SENTENCES]
    return Timeline(name, entities, entries)


def _hint(engine, name: str) -> str:
    from .saved import sparql_string_body

    q = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?l WHERE { ?e rdfs:label ?l . "
         f'FILTER (CONTAINS(STR(?l), "{sparql_string_body(name)}")) }} ORDER BY STR(?l) LIMIT 8')
    close = [r[0].value for r in engine.query(q).rows]
    return f"; names containing it: {', '.join(close)}" if close else ""


def render_text(tl: Timeline) -> str:
    out = [f"{tl.name}: named in {len(tl.entries)} report(s)"
           + (f", {tl.years[0]}–{tl.years[-1]}" if tl.years else "")]
    out += [f"  {iri}" for iri in tl.entities]
    for e in tl.entries:
        out.append("")
        out.append(f"{e.year or '????'}  {e.report}" + (f"  [{' → '.join(e.statuses)}]" if e.statuses else ""))
        for f in e.facts:
            out.append(f"      {f}")
        for s in e.sentences:
            out.append(f"      “{s}”")
    return "\n".join(out) + "\n"


def render_json(tl: Timeline) -> str:
    return json.dumps({"name": tl.name, "entities": tl.entities, "years": tl.years,
                       "reports": [asdict(e) for e in tl.entries]}, ensure_ascii=False, indent=1) + "\n"
