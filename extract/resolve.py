"""Mentions -> entities: canonical names, aliases, the report's own area, merging.

Within a report:
- 我区, 全区, 本区, 我省, 全省 (and the like) mean the report's own area;
- a short form and its full form are one entity (南沙 = 南沙区); namesakes are
  chosen from context (the divisions the report names, then nearness to the
  report's own area);
- relative bodies get their area (省委 in a Guangzhou district's report is 广东省委,
  区人社局 is that district's bureau);
- a bare zone word (知识城, 自贸区) is the one entity of the report that ends
  with it, else the report area's zone of that kind;
- names that differ by the report area's name (国际金融岛 / 南沙国际金融岛), by
  a region's short form (大湾区… / 粤港澳大湾区…), by quotes or a shared alias
  are one entity; an abbreviation made of the initials of a full name's parts
  (南科大 = 南方科技大学) is the full name's.

Across reports an entity keeps one key (so one IRI): the GB/T 2260 code for
divisions, the canonical name for named things, and for local things whose name
carries no place (国际物流中心) the report area's code and the name.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections import Counter, defaultdict

from .gazetteer import Division, gazetteer, lexicon
from .lexicons import NAME_LEXICONS, load_tsv, words
from .metadata import COUNTRY
from .mentions.base import FOOTNOTE_MARK
from .mentions.bodies import people_organizations
from .mentions.names import area_other_names, starts_with_lone_level
from .model import SUBCLASS_TOP, Document, Entity, Mention, ReportMeta, top_of

DEICTIC = re.compile(r"(?:我|全|本)(?P<lvl>区|市|省|县|镇)")
CLASS_RANK = {c: i for i, c in enumerate([
    "Country", "SpecialAdministrativeRegion", "Province", "City", "District", "Township", "Community", "Region",
    "Zone", "Park", "GovernmentBody", "InternationalOrganization", "University", "ResearchInstitute", "Hospital",
    "School", "Enterprise", "Alliance", "Fund", "ServiceCenter", "TransportProject", "Facility", "Platform",
    "InvestmentProject", "Plan", "PolicyPackage", "PolicyDocument", "Strategy", "Reform", "Campaign", "Program",
    "Pilot", "Mechanism", "Slogan"])}
# a province's free trade zone has one official name, 中国(四川)自由贸易试验区: its report's bare
# 自贸区 (or 自由贸易试验区 said alone) is it once the zone is approved (free_trade_zones.tsv); a city's
# or a district's is its part (南沙自贸区)
ADMIN_CLASSES = {"Country", "Province", "City", "District", "SpecialAdministrativeRegion"}
_LEVEL_OF_CHAR = {"省": ("Province",), "市": ("City", "Province"), "区": ("District",), "县": ("District",)}


def norm_name(s: str) -> str:
    """The form names are compared in: NFKC, no quotes, no spaces, no footnote marks."""
    s = FOOTNOTE_MARK.sub("", unicodedata.normalize("NFKC", s))
    return "".join(ch for ch in s if ch not in "“”\"'‘’「」『』《》〈〉<>" and not ch.isspace())


class ReportContext:
    """What resolution knows about one report: its area and the divisions it names."""

    def __init__(self, meta: ReportMeta, mentions: list[Mention]):
        self.gz = gazetteer()
        self.meta = meta
        self.home: Division | None = None
        if meta.area_code and meta.area_code in self.gz.by_code:
            self.home = self.gz.by_code[meta.area_code]
        elif meta.area:
            self.home = self._division_in_name(meta.area)
        self.home_name = meta.area
        self.context_codes = {m.code for m in mentions if m.code and m.rule == "gazetteer"}
        if self.home:
            self.context_codes |= {self.home.code} | {a.code for a in self.gz.ancestors(self.home.code)}
        self.home_line = [self.home] + self.gz.ancestors(self.home.code) if self.home else []

    def _division_in_name(self, name: str) -> Division | None:
        """珠海高新区 -> 珠海市: the division a zone's name starts with."""
        for k in range(min(len(name), 8), 1, -1):
            cands = self.gz.candidates(name[:k])
            if cands:
                return self.gz.choose(cands, set())
        return None

    def ancestor(self, level_char: str) -> Division | None:
        """The report area's division of a level: 市 -> its city (or municipality)."""
        for d in self.home_line:
            if d.level in _LEVEL_OF_CHAR.get(level_char, ()):
                return d
        return None

    def home_shorts(self) -> list[str]:
        out = []
        if self.home_name:
            out.append(self.home_name)
        if self.home:
            out += [self.home.name, *self.home.short_forms]
        return [s for s in dict.fromkeys(out) if s]


def _accept_short(m: Mention, div: Division, ctx: ReportContext, full_names_in_doc: set[str]) -> bool:
    """A short form counts where it cannot be much else: provinces and cities, or a
    county whose full name, parent or own area is in the report, or that lies inside the report's area."""
    if div.name in full_names_in_doc:
        return True
    if ctx.home and div.code in {d.code for d in ctx.home_line}:
        return True
    if ctx.home and ctx.home.code in {a.code for a in ctx.gz.ancestors(div.code)} \
            and not any(m.surface in _names_of(d) for d in ctx.home_line):
        return True  # inside the report's own area: 九寨沟 in 四川省's report is its 九寨沟县 (but 龙江 is 黑龙江省)
    if div.level in ("Province", "SpecialAdministrativeRegion"):
        return True
    if div.level == "City":
        return True
    return bool(div.parent and div.parent in ctx.context_codes)


def _names_of(d: Division) -> frozenset[str]:
    return frozenset((d.name, *d.short_forms, *area_other_names().get(d.name, ())))


def _relative_body(name: str, ctx: ReportContext) -> tuple[str, tuple[str, ...]]:
    """省委 -> 广东省委; 区人社局 -> 南沙区人社局 (aliases keep the surface)."""
    core = re.sub(r"^(中共|中国共产党)", "", name)
    lvl = core[0]
    body = _BODY_FULL_NAMES.get(core[1:], core[1:])  # 省政府 is 省人民政府
    div = ctx.ancestor(lvl)
    if div is None:
        if lvl == "区" and ctx.home_name and ctx.home_name.endswith("区"):
            return ctx.home_name + body, (name,)
        return name, ()
    aliases = (name,) if name != div.name + body else ()
    if body == "委":
        aliases += (_official_committee(div, ctx),)
    return div.name + body, tuple(dict.fromkeys(aliases))


def _official_committee(div: Division, ctx: ReportContext) -> str:
    """The party committee's official name: 中共河北省委, 中共保定市委, and a county's or district's
    with its city (中共保定市满城区委)."""
    parent = ctx.gz.by_code.get(div.parent) if div.parent else None
    city = parent.name if parent is not None and div.level not in ("Province", "City") \
        and parent.level == "City" else ""
    return f"中共{city}{div.name}委"


# the full names of bodies said short after a level word (省人大 is the one the bare 人大 is: people_organizations.tsv)
_BODY_FULL_NAMES = {"政府": "人民政府", "人大": "人民代表大会"}


_PARTY_COMMITTEE = re.compile(r"^(?:中共|中国共产党).{2,12}?(?:省|市|区|县)(?:第[一二三四五六七八九十百\d]+届)?(?:委员会|委)$")


def _named_body(name: str) -> str:
    """中共广州市黄埔区委 -> 黄埔区委; 中共南山区第七届委员会 -> 南山区委."""
    gz = gazetteer()
    core = re.sub(r"^(中共|中国共产党)", "", name)
    core = re.sub(r"第[一二三四五六七八九十百\d]+届", "", core)
    core = re.sub(r"委员会$", "委", core)
    # drop leading parent divisions when a more specific one follows (广州市黄埔区委 -> 黄埔区委)
    changed = True
    while changed:
        changed = False
        for k in range(2, min(len(core), 9)):
            head = core[:k]
            if head in gz.by_name and len(core) - k >= 3 and any(core[k:].startswith(n) for n in _names_from(core[k:])):
                core = core[k:]
                changed = True
                break
    return core


def _names_from(s: str) -> list[str]:
    gz = gazetteer()
    return [s[:k] for k in range(2, min(len(s), 9)) if s[:k] in gz.by_name]


def _initials_match(short: str, full: str) -> bool:
    """南科大 ~ 南方科技大学: the short form's characters appear in order, first and last anchored."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0]:
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return short[-1] == full[-1] or full.endswith(("大学", "学院")) and short[-1] == "大"


class _UnionFind:
    def __init__(self, n: int):
        self.p = list(range(n))

    def find(self, a: int) -> int:
        while self.p[a] != a:
            self.p[a] = self.p[self.p[a]]
            a = self.p[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


@lru_cache(maxsize=1)
def _regions() -> dict[str, str]:
    return {e.name: e.cls for e in lexicon("regions.tsv")}


def _known_region_of(name: str) -> tuple[str, str] | None:
    """(region, class) when ``name`` is a region of the lexicon followed by a word for an area."""
    for w in words("area_words"):
        if name.endswith(w) and name[:-len(w)] in _regions():
            return name[:-len(w)], _regions()[name[:-len(w)]]
    return None


def _region_aliases() -> dict[str, str]:
    out = {}
    for e in lexicon("regions.tsv"):
        for a in e.aliases:
            out[a] = e.name
    return out


def resolve_report(doc: Document, meta: ReportMeta, mentions: list[Mention]) -> tuple[list[Entity], list[Mention]]:
    """Entities of one report (keys set), and the mentions with their final names."""
    ctx = ReportContext(meta, mentions)
    gz = ctx.gz
    full_names = {m.name for m in mentions if m.rule == "gazetteer"}
    fixed: list[Mention] = []
    for m in mentions:
        name, cls, code, aliases = m.name, m.cls, m.code, list(m.aliases)
        if m.rule in ("gazetteer", "short-form", "abbreviation"):
            div = _division_of(m, ctx)
            if div is None:
                continue
            if m.rule == "short-form" and not _accept_short(m, div, ctx, full_names):
                continue
            name, cls, code = div.label, div.cls, div.code
            if div.label != div.name:
                aliases.append(div.name)
            if m.surface != name:
                aliases.append(m.surface)
        elif m.rule == "body" and m.name in people_organizations():
            name, extra = _people_organization(m.name, ctx)
            aliases += list(extra)
        elif m.rule == "body" and re.match(r"^(中共|中国共产党)?(省|市|区|县|镇|街道)", m.name) and not _names_from(re.sub(r"^(中共|中国共产党)", "", m.name)):
            name, extra = _relative_body(m.name, ctx)
            aliases += list(extra)
        elif m.rule == "body" or (cls == "GovernmentBody" and _PARTY_COMMITTEE.match(m.name)):
            canon = _named_body(m.name)
            if canon != m.name:
                aliases.append(m.name)
            name = canon
        elif top_of(cls) == "Place" and (region := _known_region_of(name)):
            aliases.append(name)  # 京津冀地区, 京津冀区域: the region 京津冀
            name, cls = region
        else:
            name = _expand_relative_prefix(name, cls, ctx, aliases)
        name = norm_name(name)
        if not name:
            continue
        fixed.append(Mention(m.doc_id, m.start, m.end, m.surface, name, cls, m.rule, m.confidence, m.sentence,
                             code, tuple(dict.fromkeys(norm_name(a) for a in aliases if norm_name(a) != name)),
                             m.facts))
    fixed += _deictic_mentions(doc, ctx)
    fixed = _bare_zone_words(fixed, ctx)
    return _merge(fixed, ctx), fixed


def _division_of(m: Mention, ctx: ReportContext) -> Division | None:
    """The division a gazetteer, short-form or abbreviation mention stands for.  Among
    namesakes: the one whose parent is written just before it (平顶山市新华区), then the
    report's own area or one of its ancestors (吉林 in the 吉林省 report is the province),
    then the one whose ancestors the report names, then the nearest."""
    gz = ctx.gz
    cands = [d for d in gz.candidates(m.surface) if d.name == m.name or m.surface in d.short_forms] \
        or gz.candidates(m.surface)
    if not cands and m.code in gz.by_code:
        cands = [gz.by_code[m.code]]
    if not cands:
        return None
    written = dict(m.facts).get("written_parent")
    under = []
    if written:
        under = [d for d in cands if written == d.parent or written in {a.code for a in gz.ancestors(d.code)}]
        cands = under or cands
    line = {d.code for d in ctx.home_line}
    own = [d for d in cands if d.code in line]
    if own:
        return own[0]
    if under:
        return gz.choose(under, ctx.context_codes, ctx.home.code if ctx.home else None)
    if len(cands) > 1 and not any(_evidence_for(d, ctx) for d in cands):
        return None  # namesakes and nothing in the report for any: 南区 (of 台中市 or 台南市) in 琶洲南区
    div = gz.choose(cands, ctx.context_codes, ctx.home.code if ctx.home else None)
    if div is not None and div.level == "District" and ctx.home is not None and not _evidence_for(div, ctx):
        # a county-level division far from the report's area, whose city and province the report
        # does not name: the words of a longer phrase (金山银山, 思想解放, 滨河新城, 阜东城区)
        return None
    return div


def _evidence_for(div: Division, ctx: ReportContext) -> bool:
    """Whether the report says something for this division among its namesakes: one of its
    ancestors below the country is named in full in the report or is on the line of the report's
    own area (so a namesake in the report's province or city always has evidence).  Its own code
    is no evidence: every namesake of a name in the text is among the mentions' codes."""
    ancestors = {a.code for a in ctx.gz.ancestors(div.code)} - {"000000"}
    return bool(ancestors & ctx.context_codes)


def _people_organization(name: str, ctx: ReportContext) -> tuple[str, tuple[str, ...]]:
    """工会 -> 河北省总工会, 妇联 -> X区妇女联合会: a people's organization said bare is the report area's."""
    if not ctx.home_name:
        return name, ()
    _, template, national = people_organizations()[name]
    if national and ctx.home is not None and ctx.home.code == COUNTRY[1]:
        return national, (name,)  # the country's: 中华全国总工会, not 中华人民共和国总工会
    return template.format(area=ctx.home_name), (name,)


def _expand_relative_prefix(name: str, cls: str, ctx: ReportContext, aliases: list[str]) -> str:
    """区青少年宫 -> 南沙区青少年宫 (a facility named by its level alone)."""
    if top_of(cls) in ("Project", "Organization", "Place") and name[0] in "区市省县" \
            and ctx.ancestor(name[0]) is not None and starts_with_lone_level(name):
        aliases.append(name)
        return ctx.ancestor(name[0]).name + name[1:]
    return name


def _deictic_mentions(doc: Document, ctx: ReportContext) -> list[Mention]:
    """我区, 全区, 本区, 我省… : mentions of the report's own area (or its ancestors)."""
    out = []
    if not ctx.home_name:
        return out
    for sent in doc.sentences:
        s = doc.norm[sent.start:sent.end]
        for m in DEICTIC.finditer(s):
            lvl = m.group("lvl")
            own_lvl = (ctx.home_name or "")[-1:]
            if lvl == own_lvl or (lvl == "区" and ctx.home_name.endswith("区")):
                name, code, cls = ctx.home_name, ctx.home.code if ctx.home and ctx.home.name == ctx.home_name else None, None
            else:
                div = ctx.ancestor(lvl)
                if div is None:
                    continue
                name, code = div.name, div.code
            if code and code in gazetteer().by_code:
                cls = gazetteer().by_code[code].cls
            a = sent.start + m.start()
            out.append(Mention(doc.id, a, a + len(m.group(0)), m.group(0), name, cls or "Zone", "deictic", 0.9,
                               sent.index, code, ()))
    return out


def _bare_zone_words(mentions: list[Mention], ctx: ReportContext) -> list[Mention]:
    """知识城 -> 广州知识城 when the report has exactly one such entity; 自贸区 -> 南沙自贸区 otherwise."""
    from .mentions import match_suffix

    names_of: dict[str, set[str]] = defaultdict(set)  # class -> the names mentioned with it
    for o in mentions:
        names_of[o.cls].add(o.name)
    longer: dict[tuple[str, str], list[str]] = {}  # (bare word, class) -> the names ending with it, once each

    def fulls_of(name: str, cls: str) -> list[str]:
        if (name, cls) not in longer:
            longer[name, cls] = sorted(n for n in names_of[cls] if n != name and n.endswith(name))
        return longer[name, cls]

    out = []
    for m in mentions:
        rule = match_suffix(m.name, len(m.name))
        if m.rule in ("suffix", "quote") and rule and m.name == rule.suffix and top_of(m.cls) == "Place":
            fulls = fulls_of(m.name, m.cls)
            if len(fulls) == 1:
                name = fulls[0]
            elif ctx.home and ctx.home.level == "Province" and m.name in words("province_ftz_words"):
                ftz = free_trade_zones().get(ctx.home.code)
                if ftz is None or ctx.meta.year is None or ftz[1] >= ctx.meta.year:
                    continue  # no zone of its own yet (申建自贸试验区): the word names a kind
                name = ftz[0]
            elif ctx.home and ctx.home.short_forms and m.name in words("own_zone_words"):
                name = ctx.home.short_forms[0] + m.name
            else:
                continue  # a bare zone word with nothing to stand for
            m = Mention(m.doc_id, m.start, m.end, m.surface, name, m.cls, m.rule, m.confidence * 0.9, m.sentence,
                        m.code, tuple(dict.fromkeys((*m.aliases, m.surface))))
        out.append(m)
    return out


@lru_cache(maxsize=1)
def free_trade_zones() -> dict[str, tuple[str, int]]:
    """Province code -> (its free trade zone's official name, the year it was approved)."""
    return {row[0]: (row[1], int(row[2])) for row in load_tsv("free_trade_zones.tsv")}


def _variants(name: str, ctx: ReportContext, regions: dict[str, str]) -> set[str]:
    """Names that stand for the same thing in this report."""
    out = {name}
    for short in ctx.home_shorts():
        if name.startswith(short) and len(name) - len(short) >= 3:
            out.add(name[len(short):])
    for alias, canon in regions.items():
        if name.startswith(alias) and not name.startswith(canon):
            out.add(canon + name[len(alias):])
    m = re.fullmatch(r"(.{2,}?)(建设|工作)", name) or re.fullmatch(r"(.{4,}?)项目", name)
    if m:
        out.add(m.group(1))  # 恒大新能源汽车项目 = 恒大新能源汽车
    m = re.fullmatch(r"(?:地铁|轨道交通|轨道)(\d+号线.*)", name)
    if m:
        out.add(m.group(1))  # 地铁22号线 = 22号线
    return out


def _merge(mentions: list[Mention], ctx: ReportContext) -> list[Entity]:
    regions = _region_aliases()
    n = len(mentions)
    uf = _UnionFind(n)
    by_name: dict[str, int] = {}
    for i, m in enumerate(mentions):
        keys = set()
        if m.code and m.cls in ADMIN_CLASSES:
            keys.add("code:" + m.code)
        else:
            for nm in (m.name, *m.aliases):
                keys |= _variants(nm, ctx, regions)
        for k in sorted(keys):
            if k in by_name:
                uf.union(i, by_name[k])
            else:
                by_name[k] = i
    # abbreviations: a short organisation name whose characters run through a longer one's
    orgs = sorted({m.name for m in mentions if top_of(m.cls) == "Organization"})
    by_first: dict[str, list[str]] = defaultdict(list)  # an abbreviation starts as its full name does
    for o in orgs:
        by_first[o[0]].append(o)
    for short in [o for o in orgs if len(o) <= 4]:
        fulls = [f for f in by_first[short[0]] if f != short and _initials_match(short, f)]
        if len(fulls) == 1:
            uf.union(by_name[short], by_name[fulls[0]])
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(mentions):
        groups[uf.find(i)].append(m)
    entities = []
    for members in groups.values():
        entities.append(_entity_of(members, ctx))
    return sorted(entities, key=lambda e: e.key)


def _entity_of(members: list[Mention], ctx: ReportContext) -> Entity:
    gz = gazetteer()
    code = next((m.code for m in members if m.code and m.cls in ADMIN_CLASSES), None)
    if code:
        div = gz.by_code[code]
        label, cls = div.label, div.cls
        parent = div.parent if div.parent and div.parent != "000000" or div.level in ("Province", "SpecialAdministrativeRegion") else None
    else:
        cls_votes = Counter()
        for m in members:
            cls_votes[m.cls] += 1 + (m.rule in ("lexicon", "title", "body"))
        cls = sorted(cls_votes, key=lambda c: (-cls_votes[c], CLASS_RANK.get(c, 99), c))[0]
        names = Counter(m.name for m in members)
        lex = [m.name for m in members if m.rule in ("lexicon", "body")]
        label = lex[0] if lex else sorted(names, key=lambda k: (-names[k], -len(k), k))[0]
        parent = None
    aliases = set()
    for m in members:
        if m.rule == "deictic":
            continue
        aliases.add(m.name)
        aliases.update(m.aliases)
        if m.surface and not DEICTIC.fullmatch(m.surface):
            aliases.add(norm_name(m.surface))
    aliases.discard(label)
    aliases = {a for a in aliases if a}
    key = entity_key(label, cls, code, ctx)
    return Entity(key=key, label=label, cls=cls, aliases=tuple(sorted(aliases)), code=code, parent=parent,
                  mentions=tuple(sorted(members, key=lambda m: (m.start, m.end))))


def _starts_with_place(name: str) -> bool:
    gz = gazetteer()
    for k in range(2, min(len(name), 9) + 1):
        if name[:k] in gz.by_name or name[:k] in gz.by_short:
            return True
    return any(name.startswith(e.name) or any(name.startswith(a) for a in e.aliases if len(a) >= 2)
               for e in lexicon("regions.tsv"))


def entity_key(label: str, cls: str, code: str | None, ctx: ReportContext) -> str:
    """The identity key an IRI is minted from (see graph/iri.py)."""
    top = SUBCLASS_TOP[cls]
    if code and cls in ADMIN_CLASSES:
        return f"{top}/{code}"
    if top == "Project":
        label = re.sub(r"^(.{4,}?)项目$", r"\1", label)  # 保定东站综合交通枢纽项目 in one year is …枢纽 in another
    local = top in ("Project", "Organization") or cls in ("Park", "Township", "Community")
    if local and not _starts_with_place(label) and label not in _lexicon_names():
        scope = ctx.home.code if ctx.home else "000000"
        return f"{top}/{scope}/{label}"
    return f"{top}/{label}"


@lru_cache(maxsize=1)
def _lexicon_names() -> frozenset[str]:
    return frozenset(e.name for lex in NAME_LEXICONS for e in lexicon(lex))
