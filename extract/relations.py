"""Entities in sentences -> relations between them, each with the sentence that says it.

Relations come from the words of a clause, never from bare co-occurrence:

- ``promotes``: a verb acting on a project, initiative, zone or document.  The verb stands
  before the thing (加快建设明珠湾大桥, 实行“四单合一”机制) or after it when the thing opens the
  clause (比亚迪半导体、京东方第8.6代线等重大项目加快实施; 哈伊高铁全线铺轨贯通).  Every item of
  a list gets what the list gets.  The cue words (加快建设, 推进, 实施, 出台, 建成, 签约 …,
  lexicons/relation_cues.tsv) give a sub-property (builds, completes …) and a status; of
  several cues on one thing (谋划启动, 推动…规划建设) the one that says most wins.  Another verb
  promotes with neither, unless it acts on nothing it names (坚持以…为指导, 获评, 召开).  A thing
  counted as a kind (打造一批养老示范项目, 建成2个示范区) is not promoted.  完成 right before a thing with
  only the work it names after it (完成平阳至百石台公路建设) completes it; what a named meeting said
  (中央经济工作会议强调…，提出了…) is not the area's deed.
  The subject is the body or division written right before the verb (支持邯郸建设…), or
  opening the clause (省委提出…), or opening the sentence (省政府认真学习…，编制了《…》), or
  owning the initiative (唐山“三个努力建成”); else the report's own area: "we" build.  A
  place glued to the name of a project (福州|地铁滨海快线) is where it is, not who builds it.
  A document whose title starts with a body (《中共黑龙江省委关于…的建议》) is issued by it.
- ``cooperatesWith``: 与/同/和/携手/联合 X with a cooperation word after it (合作, 共建,
  联动, 帮扶 …, lexicons/cooperation_cues.txt), or a list of places followed by such a word
  (广州、深圳双城联动): a partner on each side; a named region of the world is a partner (深化与
  中东、非洲…合作), and 对接 a body or a place is cooperation in itself (对接京津), not 对接 a market.
  What an initiative that opens a clause achieved promotes it (…试点取得积极成效, 机制全面建立).
- ``locatedIn``, for named things only: a place the name starts with (广州知识城国际数字经济
  枢纽 is in 广州知识城), or a division of the report's area the gazetteer knows by that name or
  short form (唐山港 in 河北省's report: 唐山市, and so 河北省 too), a place glued before it in the
  sentence (福州地铁滨海快线) or after a verb of settling (落户满城), and the report's own area for
  the named projects, zones and bodies it promotes or names as its own, and for what a clause of it
  is about (哈电机、龙江广瀚入选…: rule ``report-area-topic``) unless the name holds a division
  outside the area or is a national body's (江苏森联集团, 中国电建).  A kind (省级零碳园区, 考古遗址
  公园) is located nowhere; the nation's report locates nothing in the nation by its own area.
- A project, park or institution whose label reports of four provinces or more use (抽水蓄能电站,
  国家骨干冷链物流基地, 行业协会: lexicons/widespread_labels.tsv, made by make_spread.py) is a kind each
  area has its own of and the end of no relation; a widespread zone or 工程 is still promoted by the
  area that holds it (建设国家生态文明试验区), but located nowhere.
- ``partOf``: every division the report names is part of its parent (the gazetteer), and of the
  nearest larger division the report names when it names not the parent (江山市 in 浙江省's report:
  ``gazetteer-ancestor``); a zone
  written right after its division (深圳前海); a place in a named region (lexicons/region_parts.tsv:
  河北省 in 京津冀); a village or town of the report's own county or district.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import gazetteer, lexicon
from .lexicons import load_lines, load_tsv, word_list, words
from .mentions.lists import list_heads
from .mentions.names import area_abbreviations
from .model import Document, Entity, Relation
from .sections import SKIPPED_PHASES, SentenceContext

CLAUSE_DELIMS = "，,；;。：:！？!?\n"
LIST_JOINERS = re.compile(r"^(?:[〔【\[]\d{1,3}[〕】\]])?(?:、|和|及|以及|与|同|,|，)?$")  # (a footnote mark may follow an item: “两免一补”〔2〕“三免一助”)
OBJECT_CLASSES_PROMOTE = {"Project", "Initiative", "PolicyDocument"}
PLACE_OBJECTS = {"Zone", "Park"}
COUNTY_OR_CITY = {"City", "District"}
ADMIN = {"Country", "Province", "City", "District", "Township", "Community", "SpecialAdministrativeRegion"}
COOP_OPENERS = re.compile(r"(?:与|同|和|携手|联合|联手|会同|对口帮扶|帮扶|对接|深化与|加强与|推动与|推进与)$")
MAX_GAP = 12  # characters allowed between a verb and its object
# statuses by how much they say of a thing: a later stage wins over an earlier one
STATUS_RANK = {"Completed": 4, "InOperation": 4, "Signed": 3, "Planned": 2, "UnderConstruction": 1, "": 0}
# words that may open a clause before its topic (同时, 其中) or count the things a clause names
CLAUSE_LEAD = re.compile(r"^(?:同时|其中|另外|此外|特别是|尤其是|一年来|今年|全年|[我全本](?:省|市|区|县|镇|乡)|"
                         r"[一二三四五六七八九十]+是)?(?:力争|确保|计划|预计|努力|将|要)?$")
KIND_COUNT = re.compile(r"(?:一批|一系列|各类|若干|多个|多家|更多|\d+(?:个|家|座|所|条|处|项|批)|"
                        r"\d+(?:\.\d+)?(?:公里|千米|万亩|亩|万平方米|平方米|平方公里)|"  # 建成50公里通村路: a length of a kind
                        r"[一二三四五六七八九十两]+(?:个|家|座|所|条|处|项|批))$")
KIND_ANYWHERE = re.compile(KIND_COUNT.pattern.rstrip("$"))
LEVEL_KINDS = re.compile(r"^(?:国家级|省级|市级|县级|区级|乡镇|乡镇\(街道\)|乡镇（街道）|村级|全国|全省|全市|全县|各级)")
NATIONAL_ZONE_KIND = re.compile(r"^国家[\u4e00-\u9fff]{1,4}区$")  # 国家经开区, 国家高新区, 国家新区 (not 国家级…: a level)
SETTLE = re.compile(r"(?:落户|落地|位于|坐落于|坐落在|建在|入驻|选址)$")
# local things not assumed to lie in the report's area unless it promotes them: bodies and institutes
# may sit elsewhere (a report names its partners too)
LOCAL_EXCLUDED = {"GovernmentBody", "ResearchInstitute", "University", "Enterprise", "Alliance",
                  "Fund", "InternationalOrganization", "Organization", "TransportProject"}
# what is not the report's own even when a clause is about it: bodies (国务院, 省委), international ones,
# funds, and lines that run through several areas
TOPIC_EXCLUDED = {"GovernmentBody", "InternationalOrganization", "Fund", "TransportProject"}


@dataclass(frozen=True)
class Cue:
    word: str
    kind: str  # a sub-property of promotes, or "-" for a verb that promotes nothing
    status: str
    position: str  # after, before, both


@lru_cache(maxsize=1)
def promote_cues() -> tuple[Cue, ...]:
    rows = [Cue(r[0], r[1], r[2] if len(r) > 2 else "", r[3] if len(r) > 3 else "after")
            for r in load_tsv("relation_cues.tsv")]
    return tuple(sorted(rows, key=lambda c: (-len(c.word), c.word)))


@lru_cache(maxsize=1)
def _cues_by_word() -> dict[str, Cue]:
    return {c.word: c for c in promote_cues()}


@lru_cache(maxsize=1)
def _cue_re() -> re.Pattern:
    return re.compile("|".join(re.escape(c.word) for c in promote_cues() if c.kind != "-"))


@lru_cache(maxsize=1)
def _blocking() -> frozenset[str]:
    return frozenset(c.word for c in promote_cues() if c.kind == "-")


@lru_cache(maxsize=1)
def coop_words() -> re.Pattern:
    return re.compile("|".join(re.escape(w) for w in sorted(load_lines("cooperation_cues.txt"), key=len, reverse=True)))


@dataclass(frozen=True)
class Span:
    """An entity mention in a sentence (offsets in the sentence)."""

    start: int
    end: int
    entity: Entity


def _clauses(s: str) -> list[tuple[int, int]]:
    out, a = [], 0
    for i, ch in enumerate(s):
        if ch in CLAUSE_DELIMS:
            if i > a:
                out.append((a, i))
            a = i + 1
    if a < len(s):
        out.append((a, len(s)))
    return out


def _is_promotable(e: Entity) -> bool:
    return e.top in OBJECT_CLASSES_PROMOTE or e.cls in PLACE_OBJECTS or e.cls == "Region" or is_site(e)


def is_site(e: Entity) -> bool:
    """大熊猫国家公园建设扎实推进, 正定古城: a named park, scenic area, old town or heritage site, which the recognizer
    types only as a place (words.toml: site_tails), is promoted and located like a zone; a river or a range is not."""
    return e.cls == "Place" and not e.code and e.label.endswith(tuple(words("site_tails"))) and len(e.label) >= 4


def _needs_cue(e: Entity) -> bool:
    """A named region (大运河文化带, 石家庄都市圈) is promoted only by a cue word (加快建设, 打造), not by any
    verb (开拓东盟市场, 对非洲出口 name a market, not a thing built)."""
    return e.cls == "Region"


def _buildable_region(e: Entity) -> bool:
    """A region that is made (一带, 一圈, 一区: 京张体育文化旅游带, 南宁都市圈), not an area of the map (东部地区,
    黄河流域) nor a region of the world (东盟, 中亚, 京津冀 as the three places)."""
    return len(e.label) >= 4 and not e.label.endswith(("地区", "流域", "一带", "沿线"))


def _is_actor(e: Entity) -> bool:
    return e.top in ("Place", "Organization") and e.cls not in ("Region",)


def _is_named_actor(e: Entity) -> bool:
    """An actor that can be a subject: a division or a body (not a zone)."""
    return _is_actor(e) and (e.cls in ADMIN or e.top == "Organization")


def _gap_text(s: str, a: Span, b: Span) -> str | None:
    """The text between two mentions, or None when they overlap."""
    if b.start < a.end:
        return None
    return s[a.end:b.start]


def _following_list(s: str, spans: list[Span], first: int, limit: int) -> list[Span]:
    """The mention at index ``first`` and those joined to it by 、/和/及 (a coordination)."""
    out = [spans[first]]
    for nxt in spans[first + 1:]:
        if nxt.start >= limit:
            break
        gap = _gap_text(s, out[-1], nxt)
        if gap is None or not LIST_JOINERS.match(gap):
            break
        out.append(nxt)
    return out


# ------------------------------------------------------------------ names


@lru_cache(maxsize=1)
def _region_names() -> tuple[str, ...]:
    names = []
    for e in lexicon("regions.tsv"):
        names += [n for n in (e.name, *e.aliases) if len(n) >= 2]
    return tuple(sorted(names, key=len, reverse=True))


PROPER_RULES = {"lexicon", "gazetteer", "short-form", "title", "quote", "body", "deictic"}
TOPONYM_FEATURES = set("湾河湖山岛江港峡洲岭溪淀泉海潭谷峰滩坝渠塘")
RARE = 20  # a word jieba's dictionary counts fewer times than this is a name's, not a kind's
PROPER_TAGS = {"nt", "nz", "nrt"}  # jieba's tags of institutions' names, other proper names, transcriptions
UNCOMMON = 150  # a place or person word less frequent than this is a name's (良渚 52, 北大荒 97; 城市, 养老 are not)


def has_name_signal(e: Entity) -> bool:
    """A name of its own, whatever its context: a division or a lexicon entry; a title or a quoted
    name; a name holding a place, a number, Latin letters, or a word rare or missing in the dictionary
    (北易水综合治理工程, 蛇口山公园, 石炼化绿色转型项目)."""
    if e.code or any(m.rule in PROPER_RULES for m in e.mentions):
        return True
    label = e.label
    if re.search(r"[\dA-Za-z“”\"《》·]|[一二三四五六七八九十]期|[一二三四五六七八九十]号", label):
        return True
    if holds_place(label):
        return True
    from .segment import segmenter

    seg = segmenter()
    toks = seg.tokens(label)
    if any(len(t.text) >= 2 and seg.freq.get(t.text, 0) < RARE for t in toks):
        return True
    # a word the dictionary tags as a proper name: an institution's (中科院, 华中科技大学), a foreign or
    # transcribed one (乌拉|哈达), another (协和); or an uncommon place or person word (良渚, 北大荒, 大鹏)
    # before the kind the name ends in
    if any(t.tag in PROPER_TAGS and len(t.text) >= 2 for t in toks[:-1]) or any(
            t.tag in ("ns", "nr") and len(t.text) >= 2 and seg.freq.get(t.text, 0) < UNCOMMON for t in toks[:-1]):
        return True
    if re.search(r".国家(?!级)", label) or (label.startswith(("国家", "中国")) and not label.startswith("国家级")
                                            and len(label) >= 8):
        return True  # 大熊猫国家公园, 国家人工智能医疗中试基地: a designation with what it is of (not 国家物流枢纽)
    return False


@lru_cache(maxsize=8192)
def holds_place(label: str) -> bool:
    """A name with a place in it: a division's full name (of three characters or more) or its short form opening it
    (雄安…, 满城…), a named region opening it, areas' one-character names joined (沪杭高铁), China and a
    country by one character (中欧班列), or a word and a feature of the land (明珠|湾大桥, 生物|岛)."""
    gz = gazetteer()
    for k in range(min(len(label), 9), 2, -1):  # a full place name of three characters or more
        for i in range(len(label) - k + 1):
            if label[i:i + k] in gz.by_name:
                return True
    if any(label[:k] in gz.by_short for k in (2, 3, 4)):
        return True  # 雄安…, 满城…: a place's short form opens the name
    if any(label.startswith(n) or label[:len(n) + 1].endswith(n) for n in _region_names()):
        return True
    if len(label) >= 4 and all(ch in _abbreviations() for ch in label[:2]):
        return True  # 沪杭高铁, 穗港澳出入境大楼: the areas' one-character names joined
    if re.match(r"中[俄欧美日韩亚非老越蒙哈巴缅泰德法英]", label) and len(label) >= 4:
        return True  # 中欧北极集装箱航线, 中俄东线, 中老铁路: China and a country or continent by one character
    from .segment import segmenter

    toks = segmenter().tokens(label)
    # a toponym: a word and a feature of the land (明珠|湾大桥, 生物|岛, 蛇口|山公园)
    return any(t.text in TOPONYM_FEATURES and k > 0 and len(toks[k - 1].text) >= 2 for k, t in enumerate(toks))


@lru_cache(maxsize=1)
def _widespread() -> frozenset[str]:
    """Labels reports of many provinces use (lexicons/widespread_labels.tsv, made by make_spread.py)."""
    return frozenset(row[0] for row in load_tsv("widespread_labels.tsv"))


KIND_TOPS = ("Project", "Place", "Organization")


def carried_out(e: Entity) -> bool:
    """A widespread zone or programme an area holds or carries out as its own, though it is no one place:
    建设国家生态文明试验区 (a designation), 实施文明乡风建设工程 (a national programme): promoted, never located."""
    return e.cls == "Zone" or e.label.endswith("工程")


def is_widespread_kind(e: Entity) -> bool:
    """抽水蓄能电站, 国家骨干冷链物流基地, 行业协会: a project, zone or institution whose label reports of
    many provinces use, with no place in it and no name of a lexicon, a title or quotes, is a kind each
    area has its own of, not one thing (make_spread.py)."""
    if e.code or e.top not in KIND_TOPS or e.cls in ADMIN or e.cls in ("GovernmentBody", "Region"):
        return False
    if any(m.rule in PROPER_RULES for m in e.mentions):
        return False
    return e.label in _widespread() and not holds_place(e.label)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """The one-character names of provinces and big cities (lexicons/area_abbreviations.tsv: 沪, 杭, 穗)."""
    return frozenset(ch for ch in area_abbreviations() if len(ch) == 1)


def looks_like_kind(e: Entity) -> bool:
    """省级零碳园区, 乡镇(街道)综合养老服务中心: a level or a scope and then a kind, with no name in it; 国家经开区,
    国家高新区: the nation's designation of a zone, shortened, which many zones hold."""
    return bool(LEVEL_KINDS.match(e.label) or NATIONAL_ZONE_KIND.match(e.label)) and not (e.code or any(m.rule in PROPER_RULES - {"quote"} for m in e.mentions)) \
        and not re.search(r"[\dA-Za-z《》]", e.label)  # (a slogan quoted in a kind leaves it one: 国家级文化“两创”示范片区)


# the shape of a result, not of a thing done: a zero (零亡人, 零事故), a streak (二十连增, 十连丰), a full
# count or a first place (五个全覆盖, 清零, 第一)
OUTCOME_SHAPE = re.compile(r"^零[\u4e00-\u9fff]{1,3}$|[\d一二三四五六七八九十百两]+连[\u4e00-\u9fff]?$|"
                           r"(?:全覆盖|清零|满堂红|大满贯|翻番|第一|首位)$")


def is_outcome(e: Entity, verb: str) -> bool:
    """实现洪涝灾害“零亡人”, 粮食生产实现“二十连增”, 实现“五个全覆盖”: what a verb of reaching a result
    (words.toml: outcome_verbs) reaches is an outcome when its name is a zero, a streak or a full count."""
    return verb in words("outcome_verbs") and bool(OUTCOME_SHAPE.search(e.label.strip("“”\"")))


def honoured_at(s: str, ca: int, head: int, verbs: str = "honour_verbs") -> bool:
    """A list that starts at ``head`` right after a verb giving a title (获评, 评为, 入选, 获批 …, words.toml:
    honour_verbs), with no other word between but quotes and 为: the things named are honours of
    something else (职教中心连续5年评为“…项目学校”, 获评…、河北省战略性新兴产业示范基地)."""
    # (the titles before it in a row of quotes are given by the same verb: 争创“A”“B”“C”)
    pre = re.sub(r"(?:“[^“”]{1,40}”[、，,和及]?)*[“\"《]*$", "", s[ca:head])
    return any(pre.endswith(v) for v in words(verbs))


@lru_cache(maxsize=1)
def _category_nouns() -> frozenset[str]:
    """The category nouns that close a list (lexicons/list_heads.tsv: 主干路, 项目, 产业园区)."""
    return frozenset(list_heads())


def is_measured(e: Entity) -> bool:
    """3条道路, 100吉瓦时锂电池储能, 300万吨级CCUS碳捕集利用: a name that opens with a figure (a count or an
    amount in a unit) describes things by their number or size, it names none."""
    return not e.code and _opens_with_figure(e.label)


# a size class (万吨级, 百万千瓦级) or a counted list (康渝等4条高铁) in a name: things described, not one named
SIZE_OR_LIST = re.compile(r"^[\d.]*[万亿千百]+[\u4e00-\u9fff]{0,2}级|等[\d一二三四五六七八九十两]+(?:个|条|家|座|所|项|批)|"
                          r"\d+(?:个|家|座|所|批)[\u4e00-\u9fff]{2,}|"  # (首批9个城乡融合试点, 张家口赛区10个专项规划)
                          # (城市更新两个项目: a count in words inside a name, before a kind; 两个确立 opens with it, a slogan)
                          r"(?<=[\u4e00-\u9fff])[两三四五六七八九十]+(?:个|家|座|所|批)(?:项目|工程|园区|基地|企业|平台)|"
                          # (新唐钢、金能两大集团: the count of the bodies listed, cut into the last one's name)
                          r"(?<=[\u4e00-\u9fff])[两三四五六七八九十]+大(?:集团|企业)$|"
                          r"^\d+(?:[kK][vV]|千伏)(?:输变电|变电|供电)?(?:站|工程|项目)+$")  # 220kv变电站: a voltage class


@lru_cache(maxsize=4096)
def _opens_with_figure(label: str) -> bool:
    from .observations import find_figures

    if SIZE_OR_LIST.search(label):
        return True

    figures = find_figures(label)
    # (in digits: a slogan counts in words, 八个振兴, 六个龙江, and is a name)
    return bool(figures) and figures[0].start == 0 and figures[0].kind == "figure" \
        and bool(re.match(r"\d", figures[0].value_text))


def is_category(e: Entity) -> bool:
    """主干路, 产业园区: a name that is only a category noun, with no code, names a kind, no one thing."""
    return not e.code and e.label in _category_nouns()


BETWEEN = re.compile(r"^(?:[、和与][\u4e00-\u9fff]{1,8}?)?(?:之间|间的)")  # 完成保沧路、保新路间的公路连接线
NEGATION = re.compile(r"^(?:不|未|没有|没|无|非)")
ACTOR_ADVERB = re.compile(r"聚力|全力|大力|加快|率先|正在|将|要|也|还|已|已经|继续|持续|着力|合力|共同")
# what a verb acts on when it follows a name (words.toml: modified_heads, capacity_heads: …等开放平台|能级)
MODIFIED = re.compile(r"^(?:等[\u4e00-\u9fff]{1,6}?(?=(?:" + "|".join(map(re.escape, word_list("capacity_heads")))
                      + r")$))?(?:" + "|".join(map(re.escape, word_list("modified_heads"))) + ")")
PREPARATORY = re.compile(r"(?:等[\u4e00-\u9fff]{0,4}?)?(?:项目)?前期工作")  # X(等…)前期工作: X is planned
COUNTED = re.compile(r"^(?:[\u4e00-\u9fff]{1,6}?)?(?:\d+(?:\.\d+)?|[一二三四五六七八九十两百千]+)(?:万|亿)?(?:余|多)?(?:个|家|座|所|条|处|项|批|户|套|张|间|台|栋|部)")


def _counted_kind(after: str) -> bool:
    """建成乡镇(街道)综合养老服务中心520个: the name is followed by a count, so it names a kind counted (but
    X等一批重大工程: X is one; 哈大齐国家自主创新示范区落地创新成果104项: a verb opens the words before the
    count, which counts what the thing did)."""
    if not COUNTED.match(after) or after.startswith(("等", "和", "与", "及", "、")):
        return False  # (加快建设成都科创生态岛和11个市(州)分岛: the count is of the next item of the list)
    pos = re.search(r"\d|[一二三四五六七八九十两百千]", after).start()
    if pos == 0:
        return True
    from .segment import segmenter

    first = segmenter().tokens(after[:pos])[0]
    return not (_cue_re().match(after) or first.text in _blocking() or (first.tag.startswith("v") and first.tag != "vn"))


# ------------------------------------------------------------------ the report


def relations_in(doc: Document, entities: list[Entity], area_key: str | None,
                 contexts: list[SentenceContext]) -> list[Relation]:
    """Every relation one report states, in text order, without duplicates of the same
    (predicate, subject, object, sentence)."""
    by_sentence: dict[int, list[Span]] = {}
    key_of = {e.key: e for e in entities}
    for e in entities:
        for m in e.mentions:
            if m.doc_id != doc.id:
                continue
            sent = doc.sentences[m.sentence]
            by_sentence.setdefault(m.sentence, []).append(Span(m.start - sent.start, m.end - sent.start, e))
    area = key_of.get(area_key) if area_key else None
    out: list[Relation] = []
    seen: set[tuple] = set()
    topics: set[str] = set()  # the things some clause is about (哈电机、龙江广瀚入选…)
    titles = _titles(doc, by_sentence, contexts)
    settled = _settled_here(doc, by_sentence, contexts)
    relied = _relied_on(doc, by_sentence, contexts)
    founded = _founded_here(doc, by_sentence, contexts)

    def emit(pred: str, subj: Entity, obj: Entity, sent, a: int, b: int, ctx: SentenceContext, rule: str,
             conf: float, kind: str = "", status: str = "") -> None:
        if subj.key == obj.key or is_category(subj) or is_category(obj) or is_measured(subj) or is_measured(obj):
            return  # (主干路 locatedIn 易县, 3条道路: a category noun, or one counted or measured, names no one thing)
        if any(e.top != "Initiative" and PEOPLE.search(e.label) for e in (subj, obj)):
            return  # 澳门特别行政区同胞: people the recognizer took for a body, nothing that lies somewhere or is built
        if any(e.top in KIND_TOPS and not e.code and e.label.startswith((*words("manner_adverbs"), "充分"))
               for e in (subj, obj)):
            return  # 充分发挥中汽中心: an adverb of how a deed is done cut into a name, no thing's name
        if obj.key in titles and pred in ("promotes", "locatedIn") or subj.key in titles and pred == "locatedIn":
            return  # 获评…示范基地: a title given to something else is neither built nor located here
        if is_widespread_kind(subj) or is_widespread_kind(obj) and not (pred == "promotes" and carried_out(obj)):
            return  # 抽水蓄能电站, 行业协会: a kind each area has its own of is no one thing to locate, build or work
            # with
        k = (pred, kind, subj.key, obj.key, sent.index)
        if k in seen:
            return
        seen.add(k)
        out.append(Relation(doc_id=doc.id, predicate=pred, subject=subj.key, object=obj.key, sentence=sent.index,
                            start=sent.start + a, end=sent.start + b, kind=kind, status=status, phase=ctx.phase,
                            rule=rule, confidence=conf))

    for sent, ctx in zip(doc.sentences, contexts):
        if ctx.phase in SKIPPED_PHASES:
            continue
        spans = sorted(by_sentence.get(sent.index, []), key=lambda sp: (sp.start, -sp.end))
        if not spans:
            continue
        s = doc.norm[sent.start:sent.end]
        opener = _sentence_actor(s, spans, area)
        for ca, cb in _clauses(s):
            cspans = [sp for sp in spans if ca <= sp.start and sp.end <= cb]
            if not cspans:
                continue
            topics.update(_clause_topics(s, ca, cb, cspans))
            # 中央经济工作会议强调…，提出了“五个必须”“三项统筹”: a meeting's words, not the area's deeds
            _promotes_in_clause(s, ca, cb, cspans, None if MEETING_SAYS.match(s) else area, opener, sent, ctx, emit)
            _cooperation_in_clause(s, ca, cb, cspans, area, sent, ctx, emit)
            _part_of_in_clause(s, cspans, sent, ctx, emit)
            _located_by_sentence(s, ca, cb, cspans, sent, ctx, emit)
            _jointly_built(s, ca, cb, cspans, key_of, sent, ctx, emit)
        _examples_of_opener(s, spans, area, sent, ctx, emit)
    _issued_by_title(doc, entities, contexts, emit)
    _issued_by_body_before(doc, by_sentence, contexts, emit)
    _part_of_known(doc, entities, area, contexts, emit)
    promoted = {r.object for r in out if r.predicate == "promotes" and area is not None and r.subject == area.key}
    # (a thing given as an example of a zone's projects lies in the zone and still in the report's area, where the
    # zone lies too)
    located = {r.subject for r in out if r.predicate == "locatedIn" and r.rule != "opener-examples"}
    # 支持邯郸建设生产服务型国家物流枢纽: what a division other than the report's area builds lies in it
    builders: dict[str, set[str]] = {}
    for r in out:
        who = key_of.get(r.subject)
        if r.predicate == "promotes" and who is not None and who.code and who.cls in BUILDER_DIVISIONS \
                and (area is None or who.key != area.key) and not AID_VERBS.search(r.rule):
            builders.setdefault(r.object, set()).add(who.key)
    built_by = {k: [key_of[x] for x in sorted(v)] for k, v in builders.items()}
    # what the area finished or runs (工大卫星研发试验总部基地建成投产) is its own, named by common words or not
    finished = {r.object for r in out if r.predicate == "promotes" and area is not None and r.subject == area.key
                and r.status in ("Completed", "InOperation")}
    _located_in(doc, entities, area, emit, contexts, promoted, located, topics, settled, founded, built_by, finished,
                relied)
    _in_paragraph_zone(doc, by_sentence, contexts, area, key_of, out, emit)
    return out


# a paragraph that opens with what a zone is to become (知识城要建设成为具有全球影响力的国家知识中心。)
ZONE_TO_BECOME = re.compile(r"(?:要|将|必须|应)(?:加快|全力|努力)?(?:建设成为|打造成为|建成|成为|打造成)")


def _paragraph_starts(doc: Document) -> set[int]:
    """The sentences that open a paragraph: the first, and each with a line break between it and the one before."""
    out, prev = set(), 0
    for sent in doc.sentences:
        if sent.index == 0 or "\n" in doc.text[prev:sent.start] or doc.text[sent.start:sent.end].startswith("\n"):
            out.add(sent.index)
        prev = sent.end
    return out


def _in_paragraph_zone(doc: Document, by_sentence: dict[int, list[Span]], contexts, area: Entity | None,
                       key_of: dict[str, Entity], out: list[Relation], emit) -> None:
    """知识城要建设成为具有全球影响力的国家知识中心。…将九龙湖环湖总部经济带打造成为城市核心…: a paragraph that opens
    with a zone of the report's area and what it is to become is the zone's; the zones, parks and projects the
    rest of the paragraph places in the area lie in the zone (until the next paragraph)."""
    if area is None:
        return
    starts = _paragraph_starts(doc)
    zone_of: dict[int, Entity] = {}
    zone: Entity | None = None
    for sent, ctx in zip(doc.sentences, contexts):
        if sent.index in starts:
            zone = None
            spans = sorted(by_sentence.get(sent.index, []), key=lambda sp: (sp.start, -sp.end))
            s = doc.norm[sent.start:sent.end]
            if spans and spans[0].entity.cls in PLACE_OBJECTS and spans[0].entity.key != area.key \
                    and not s[:spans[0].start].strip() and ZONE_TO_BECOME.match(s, spans[0].end) \
                    and not looks_like_kind(spans[0].entity):
                zone = spans[0].entity
                zone_of[sent.index] = zone
                continue
        elif zone is not None:
            zone_of[sent.index] = zone
    if not zone_of:
        return
    for r in list(out):
        zone = zone_of.get(r.sentence)
        if zone is None or r.predicate != "locatedIn" or r.object != area.key or r.subject == zone.key:
            continue
        thing = key_of.get(r.subject)
        if thing is None or not (thing.cls in PLACE_OBJECTS or thing.top == "Project"):
            continue
        sent = doc.sentences[r.sentence]
        emit("locatedIn", thing, zone, sent, r.start - sent.start, r.end - sent.start, contexts[r.sentence],
             "paragraph-zone", 0.55)


BUILDER_DIVISIONS = {"Province", "City", "District", "SpecialAdministrativeRegion"}
AID_VERBS = re.compile(r"援建|援助|帮建|支援|帮扶|捐建")  # 北京援建“三校一院”项目: it helps build, elsewhere


# (and a person's post inside a body's name, 县人大常委会主任续金明作…: a sentence cut, not a body; 在外成功人士: people)
PEOPLE = re.compile(r"(?:同胞|人民群众|群众|居民|官兵|侨胞)$|人士|(?:主任|书记|县长|市长|省长|区长|局长)[\u4e00-\u9fff]")


# a sentence that opens with a meeting and what it said (中央经济工作会议强调, 省委十届七次全会提出, 党的二十大
# 作出…部署): what follows is the meeting's, and no deed of the report's own area (but 按照区委全会部署, 今年…: the
# area acts as the meeting arranged; 会议审议通过了《…》: the report's own session, unnamed, adopts its documents)
MEETING_SAYS = re.compile(r"^(?!.{0,4}(?:按照|根据|围绕|遵照|依照|贯彻|落实))[^，,；;。：:]{2,24}?(?:会议|全会|大会|党代会)(?:上)?(?:强调|指出|提出|要求|明确|作出|部署)")


def _founded_here(doc: Document, by_sentence: dict[int, list[Span]], contexts: list[SentenceContext]) -> set[str]:
    """Bodies a clause of the report founds with no other actor named before the verb (成立生活用纸产业协会,
    组建…集团; words.toml: founding_verbs): the report's area founds them, and they are seated in it."""
    out: set[str] = set()
    verbs = tuple(sorted(words("founding_verbs"), key=len, reverse=True))
    for s, ca, cb, cspans in _said_clauses(doc, by_sentence, contexts):
        for sp in cspans:
            if sp.entity.top != "Organization":
                continue
            head = _list_head(s, cspans, sp)
            pre = re.sub(r"了$", "", s[ca:head])
            if pre.endswith(verbs) and not any(o.end <= head and _is_actor(o.entity) for o in cspans) \
                    and not COOP_OPENERS.search(pre):
                out.add(sp.entity.key)
    return out


SETTLE_AFTER = re.compile(r"(?:等[^，,；;。]{0,14}?)?(?:已|相继|先后|陆续|成功|正式)?(?:落户|入驻|落地)")


def _settled_here(doc: Document, by_sentence: dict[int, list[Span]], contexts: list[SentenceContext]) -> set[str]:
    """Enterprises and projects the report says settle (北京君光伟业等5家科技型中小企业落户园区) with no place
    named after the verb: they settle in the report's area, whatever place their name opens with."""
    out: set[str] = set()
    for s, ca, cb, cspans in _said_clauses(doc, by_sentence, contexts):
        for i, sp in enumerate(cspans):
            if sp.entity.top not in ("Project", "Organization") or sp.entity.cls == "GovernmentBody":
                continue
            group = _following_list(s, cspans, i, cb)
            m = SETTLE_AFTER.match(s, group[-1].end, cb)
            if m and not any(o.start >= m.end() and o.entity.cls in ADMIN for o in cspans):
                out.update(g.entity.key for g in group)
    return out


RELY = re.compile(r"依托(?:现有|已建成的|已建的|全区|全县|本地)?$")


def _relied_on(doc: Document, by_sentence: dict[int, list[Span]], contexts: list[SentenceContext]) -> set[str]:
    """The one thing a clause opens by relying on (依托城市综合指挥中心，整合数据资源), with no actor named before;
    not the items of a list of resources (依托集中搬迁安置区、乡村闲置农宅…等资源: kinds of things)."""
    out: set[str] = set()
    for s, ca, cb, cspans in _said_clauses(doc, by_sentence, contexts):
        for sp in cspans:
            if RELY.search(s[ca:sp.start]) and not re.match(r"[、和及与等]", s[sp.end:sp.end + 1]) \
                    and not any(o.end <= sp.start and _is_actor(o.entity) for o in cspans):
                out.add(sp.entity.key)
    return out


def _said_clauses(doc: Document, by_sentence: dict[int, list[Span]], contexts: list[SentenceContext]):
    """(sentence text, clause start, clause end, the mentions in the clause) of every clause with a name,
    outside the skipped parts of the report."""
    for idx, spans in by_sentence.items():
        if contexts[idx].phase in SKIPPED_PHASES:
            continue
        sent = doc.sentences[idx]
        s = doc.norm[sent.start:sent.end]
        spans = sorted(spans, key=lambda sp: (sp.start, -sp.end))
        for ca, cb in _clauses(s):
            yield s, ca, cb, [sp for sp in spans if ca <= sp.start and sp.end <= cb]


def _titles(doc: Document, by_sentence: dict[int, list[Span]], contexts: list[SentenceContext]) -> set[str]:
    """The things every mention of which is a title a verb gives (获评X, 被授予“X”, 入选X、Y): honours; or
    another's work the report takes part in (深度参与中华文明探源工程)."""
    given: dict[str, bool] = {}
    for s, ca, cb, cspans in _said_clauses(doc, by_sentence, contexts):
        for sp in cspans:
            head = _list_head(s, cspans, sp)
            honoured = honoured_at(s, ca, head) or honoured_at(s, ca, head, "participation_verbs")
            given[sp.entity.key] = given.get(sp.entity.key, True) and honoured
    return {k for k, v in given.items() if v}


UNNAMED_ITEMS = re.compile(r"(?:[\u4e00-\u9fff]{2,6}、)+")


def _unnamed_items(lead: str, first: Span) -> bool:
    """天有为、大鹏工业成功上市: words before the first enterprise that are only items of a list, each closed by 、,
    with no verb among them (enterprises the recognizer missed), leave the clause about the enterprises listed."""
    from .segment import segmenter

    if first.entity.cls != "Enterprise" or not UNNAMED_ITEMS.fullmatch(lead):
        return False
    return not any(t.tag[:1] in ("v", "d", "m", "q") or len(t.text) > 1 and t.text in _cues_by_word()
                   for t in segmenter().tokens(lead)
                   if t.text != "、")


def _clause_topics(s: str, ca: int, cb: int, cspans: list[Span]) -> list[str]:
    """The things a clause opens with and says something of (哈电机、龙江广瀚入选…, 复兴公园获评…): the
    first name, after nothing but a lead word (同时, 其中, 一年来), and the names listed with it, when a
    verb or an adverb follows them."""
    first = cspans[0]
    if not (CLAUSE_LEAD.match(s[ca:first.start]) or _unnamed_items(s[ca:first.start], first)) \
            or _in_title(s, first.start):
        return []
    group = _following_list(s, cspans, 0, cb)
    if any(g.entity.cls in ADMIN for g in group):
        return []  # 我市和长安集团签署…, 我市与清华大学合作: a division and its partner
    end = group[-1].end
    if s.startswith("等", end):  # 思哲睿等5户企业入选: past the count and the kind the list is of
        m = re.match(r"等(?:[\d一二三四五六七八九十两百]+(?:个|家|户|所|项|座|条|批|名))?", s[end:cb])
        end += m.end()
        end += next((len(k) for k in sorted(_category_nouns() | {"企业"}, key=len, reverse=True)
                     if m.end() > 1 and s.startswith(k, end)), 0)
    if not _acts(s, end) or s.startswith(("、", "的", "和", "与"), group[-1].end):
        return []  # a figure's subject (…的), a list cut short, a partner (X与Y合作)
    return [g.entity.key for g in group]


@lru_cache(maxsize=1)
def _deed_verbs() -> tuple[str, ...]:
    """The verbs of a title given, of a result reached, and the deeds jieba tags as nouns (words.toml)."""
    return tuple(sorted({*words("honour_verbs"), *words("outcome_verbs"), *words("deed_verbs")}, key=len, reverse=True))


def _acts(s: str, pos: int) -> bool:
    """What follows an actor's name at ``pos`` is something it does (省委提出, 国务院已正式批复, 市政府
    加快实施), not the rest of a name it qualifies (福州|地铁滨海快线)."""
    from .segment import segmenter

    toks = segmenter().tokens(s[pos:pos + 8])
    if not toks:
        return False
    if any(s.startswith(a, pos) for a in words("manner_adverbs")):
        return True  # 省政府认真学习…: an adverb of manner opens a deed (jieba reads 认真学习 as a noun)
    t = toks[0]
    if _cue_re().match(s, pos):
        return True  # 工大卫星研发试验总部基地建成投产: jieba fuses two cues (建成|投产) into one word no cue names
    if s.startswith(_deed_verbs(), pos):
        return True  # 哈电机获批…, X荣获…, 陆相页岩油全国重点实验室助力…: verbs jieba reads as names or nouns
    return t.text in _cues_by_word() or t.text in _blocking() or t.tag[:1] in ("v", "d", "p", "c") \
        or t.tag == "ad" or t.text in "、，,的"  # 省政府认真学习…: an adverbial adjective


DESCRIBED_BODY = re.compile(r"的(?:新一届|新一任|新)?$")


def _sentence_actor(s: str, spans: list[Span], area: Entity | None) -> Entity | None:
    """A body or division other than the report's area that opens the sentence and acts in it
    (省政府认真学习…，编制了《…》): the subject of the clauses that name none."""
    first = spans[0]
    if first.start > 0 and not CLAUSE_LEAD.match(s[:first.start]):
        # 特别是以永胜同志为班长的新一届区委，以战略思维…，大力实施了…: a body described by the words before it,
        # alone in the sentence's first clause, acts in the clauses after it
        head = next((sp for sp in spans if sp.entity.cls == "GovernmentBody" and s[sp.end:sp.end + 1] in ("，", ",")
                     and sp.end == _clauses(s)[0][1]), None)
        if head is None or not DESCRIBED_BODY.search(s, 0, head.start) or (area is not None and head.entity.key == area.key):
            return None
        return head.entity
    e = first.entity
    if not (e.cls == "GovernmentBody" or e.cls in ADMIN) or (area is not None and e.key == area.key):
        return None  # a body or a division acts; an enterprise or a bank opening a sentence is its topic
    if e.cls in ADMIN and RANKED_IN.match(s, first.end):
        return None  # 全省率先完成…, 全市首个…: where the deed ranks, not who does it
    nxt = s[first.end:first.end + 1]
    if not nxt or nxt in CLAUSE_DELIMS or nxt == "、" or re.match(r"[\d“《和及与]", nxt):
        return None  # a list's first item, or a figure's subject
    if len(spans) > 1 and spans[1].start == first.end or not _acts(s, first.end):
        return None  # a modifier of the name after it (福州|地铁滨海快线)
    return e


RANKED_IN = re.compile(r"(?:范围内)?(?:率先|首个|首家|首批|首次|第一|领先)")
BODY_MEETING = re.compile(r"(?:[一二三四五六七八九十]+届[一二三四五六七八九十]+次)?(?:全会|全体会议|常委会|常委会议|会议)")


def _after_actor(s: str, end: int, after: list[tuple[int, int, "Cue"]], cspans: list[Span]) -> Entity | None:
    """《…条例》等9件地方性法规提请人大审议通过, X由省政府印发: a body or a division named right before the cue
    that follows the thing (由 or an adverb between) does what the cue says."""
    for b, _, cue in after:
        for sp in cspans:
            if sp.start >= end and _is_named_actor(sp.entity) and sp.end <= b and not LIST_JOINERS.match(s[end:sp.start]) \
                    and not re.search(r"[、和及与]$", s[end:sp.start]) and (
                    sp.end == b or ACTOR_ADVERB.fullmatch(s[sp.end:b]) or AFTER_ADVERBS_RE.fullmatch(s[sp.end:b])):
                return sp.entity
    return None


def _subject(s: str, ca: int, verb_start: int, group: list[Span], cspans: list[Span], area: Entity | None,
             opener: Entity | None) -> Entity | None:
    """The actor written right before the verb (支持邯郸建设…) or opening the clause (省委提出…),
    else the sentence's opening actor, else the report's area."""
    exclude = {t.entity.key for t in group}
    for sp in cspans:
        if sp.entity.key in exclude or not _is_named_actor(sp.entity) or sp.end == group[0].start:
            continue
        head = _list_head(s, cspans, sp, glued=True)
        if COOP_OPENERS.search(s[max(0, head - 4):head]):
            continue  # 与人保财险公司建立“联办共保”机制, 携手京津共同建设: a partner, not the one who acts
        # 支持邯郸建设…, 天津聚力打造滨海新区: the actor right before the verb (an adverb between); 市委全会提出的
        # “六个趋势”: a body's meeting speaks for the body
        if sp.end == verb_start or (0 < verb_start - sp.end <= 2 and ACTOR_ADVERB.fullmatch(s[sp.end:verb_start])) \
                or (sp.entity.cls == "GovernmentBody" and BODY_MEETING.fullmatch(s, sp.end, verb_start)):
            return sp.entity
    for sp in cspans:
        if sp.start >= verb_start or sp.start >= group[0].start:
            break
        if sp.entity.key in exclude:
            continue
        lead = s[ca:sp.start]
        glued = any(o.start == sp.end for o in cspans if o is not sp)
        if _is_named_actor(sp.entity) and not glued and _acts(s, sp.end) \
                and (CLAUSE_LEAD.match(lead) or re.fullmatch(r"(?:由|经|在)", lead)):
            return sp.entity
    return opener or area


def _in_title(s: str, pos: int) -> bool:
    """Inside 《…》: a cue word in a document's title is part of the name, not a statement."""
    return s.count("《", 0, pos) > s.count("》", 0, pos)


def _groups(s: str, cspans: list[Span], cb: int) -> list[list[Span]]:
    """The promotable things of a clause, joined into lists (A、B和C); a body or place glued before an
    initiative stays with it as its owner (省委“1+1+9”工作部署, 唐山“三个努力建成”)."""
    out: list[list[Span]] = []
    platforms = _platform_divisions(s, cspans, cb)
    i = 0
    while i < len(cspans):
        sp = cspans[i]
        if not (_is_promotable(sp.entity) or sp.start in platforms) or any(g and sp.start < g[-1].end for g in out):
            i += 1
            continue
        group = [sp]
        j = i + 1
        while j < len(cspans):
            nxt = cspans[j]
            gap = _gap_text(s, group[-1], nxt)
            if gap is None:
                j += 1
                continue
            if nxt.start >= cb or not LIST_JOINERS.match(gap):
                break
            if not (_is_promotable(nxt.entity) or nxt.start in platforms):
                # an owner glued to the next item (和市委“1+1+4”工作举措) is passed over
                if j + 1 < len(cspans) and cspans[j + 1].start == nxt.end and _is_actor(nxt.entity) \
                        and _is_promotable(cspans[j + 1].entity):
                    group.append(cspans[j + 1])
                    j += 2
                    continue
                break
            group.append(nxt)
            j += 1
        out.append(group)
        i = j
    return out


PROJECT_HEAD = re.compile(r"等(?:一批|\d+个)?[\u4e00-\u9fff]{0,6}?项目")
PLATFORM_HEAD = re.compile(r"等[\u4e00-\u9fff]{0,8}?(?:平台|载体|园区|片区|功能区|产业园区?)(?![\u4e00-\u9fff])")


def _platform_divisions(s: str, cspans: list[Span], cb: int) -> set[int]:
    """壮大曹妃甸区、渤海新区、北戴河生命健康产业创新示范区等重点承接平台: a county or city listed with zones, the list
    closed by a word of platforms or parks, is a platform the verb acts on like the zones; an enterprise in a list
    closed by 等…项目 is a project, and so is a school or an institution the list holds (新华世纪中学、冀昌电气等3个项目竣工投产)
    (where the spans start)."""
    out: set[int] = set()
    outer = [sp for sp in cspans if not any(o is not sp and o.start <= sp.start and sp.end <= o.end
                                            and o.end - o.start > sp.end - sp.start for o in cspans)]
    i = 0
    while i < len(outer):
        group = _following_list(s, outer, i, cb)
        if len(group) >= 2 and PLATFORM_HEAD.match(s, group[-1].end, cb) \
                and any(g.entity.cls in PLACE_OBJECTS for g in group):
            out |= {g.start for g in group if g.entity.cls in COUNTY_OR_CITY}
        if PROJECT_HEAD.match(s, group[-1].end, cb):
            # 华北民生保障中心、英利6.5GW光伏电池等一批大项目落户满城: an enterprise the list calls a project is one
            out |= {g.start for g in group if g.entity.top == "Organization" and g.entity.cls != "GovernmentBody"}
        i += len(group)
    return out


def _opens_with_verb(e: Entity) -> bool:
    """改善贫困地区义务教育薄弱学校, 统筹新能源大基地: a project's, place's or body's name that opens with a
    verb is a phrase the recognizer cut, not a name (a slogan may: “放管服”, 高效办成一件事)."""
    if e.top not in ("Project", "Place", "Organization") or e.code or any(m.rule in PROPER_RULES for m in e.mentions):
        return False
    from .segment import segmenter

    seg = segmenter()
    toks = seg.tokens(e.label)
    if len(toks) < 2 or toks[0].tag not in ("v", "vd") or len(toks[0].text) < 2:
        return False
    first = toks[0].text
    gz = gazetteer()
    # a common verb (改善, 统筹), not a place jieba reads as one (保定, 成达万高铁's 成达)
    return seg.freq.get(first, 0) >= COMMON_VERB and first not in gz.by_short and first not in gz.by_name


def _list_head(s: str, cspans: list[Span], first: Span, glued: bool = False) -> int:
    """Where the list ``first`` is an item of starts: 壮大曹妃甸区、渤海新区…等重点承接平台 — the verb before
    the first item acts on the zones listed after it too (and on the district, a platform
    like them: _platform_divisions)."""
    start = first.start
    for sp in reversed([sp for sp in cspans if sp.end <= first.start]):
        gap = s[sp.end:start]
        if gap not in ("、", "和", "及", "以及") and not (glued and gap == ""):
            break  # (``glued``: 京|津, two places one word names, are a list too)
        start = sp.start
    return start


def _owner(s: str, t: Span, cspans: list[Span]) -> Entity | None:
    """A body, or a place before an initiative, written right before a thing: who it belongs to."""
    for sp in cspans:
        if sp.end == t.start and _is_actor(sp.entity):
            if sp.entity.cls == "GovernmentBody" or (t.entity.top == "Initiative" and sp.entity.cls in ADMIN):
                return sp.entity
    return None


def _verb_before(s: str, ca: int, start: int, cspans: list[Span]) -> tuple[list[tuple[int, int, Cue | None]], int]:
    """The verbs acting on what starts at ``start``: the cues within MAX_GAP before it with no other
    name between (谋划启动, 加快推进), or else the last plain verb right before it (实行, 壮大).
    Returns [(start, end, cue or None)] and where the verb phrase starts."""
    owner = next((sp for sp in cspans if sp.end == start and _is_actor(sp.entity)), None)
    if owner is not None:
        start = owner.start  # 落实|省委|“1+1+9”工作部署: the verb acts on the owned thing
    floor = max(ca, start - MAX_GAP)
    for sp in cspans:
        if sp.end <= start and sp.end > floor:
            floor = sp.end
    cut = s.rfind("、", floor, start)
    if cut >= 0:
        floor = cut + 1  # 推动A建成投运、B首台机组并网发电: 建成投运 is said of A
    window = s[floor:start]
    if re.search(r"(?:与|同|和|携手)$", window):
        return [], start  # 与横琴“双自联动”: a partner, not a thing promoted
    if re.search(r"(?<![一二三四五六七八九十\d内外])环$", window):
        return [], start  # 打造环雄安绿色生态屏障, 环京津“食材车间”: what is made lies around the place, it is not the place
    found = []
    for m in _cue_re().finditer(s, floor, start):
        if not _in_title(s, m.start()):
            found.append((m.start(), m.end(), _cues_by_word()[m.group(0)]))
    if found:
        tail = s[found[-1][1]:start]
        if any(w in tail for w in _blocking() if len(w) >= 2) or KIND_ANYWHERE.search(tail):
            return [], start  # 建设一批高水平的国家科学中心: a kind
        return found, found[0][0]
    from .segment import segmenter

    toks = segmenter().tokens(window)
    if not toks:
        return [], start
    # a plain verb, followed only by modifiers of the object (实行“四单合一”机制, 壮大…)
    for k in range(len(toks) - 1, -1, -1):
        t = toks[k]
        if t.text in _blocking():
            return [], start
        if t.tag.startswith("v") and t.tag != "vn" and len(t.text) >= 2:
            if t.text in gazetteer().by_short or t.text in gazetteer().by_name:
                return [], start  # 中国·保定乡村音乐大会“康养篇”: 保定 is a place jieba reads as a verb
            tail = window[t.end:]
            if any(u.tag.startswith("v") and u.tag != "vn" for u in toks[k + 1:]):
                return [], start  # 以创新思维答好“创新之问”: a verb nearer the thing (答) acts on it, not 创新
            if KIND_COUNT.search(tail) or re.search(r"[的了着过（(%\d被]", tail):
                return [], start  # (增长7%左右（不含雄安三县: a figure or a remark between, the verb is the figure's;
                # 考生被“双一流”高校录取: after 被 comes the doer)
            return [(floor + t.start, floor + t.end, None)], floor + t.start
    return [], start


PROGRAMME_TAIL = re.compile(r"(?:[\u4e00-\u9fff]{0,4}?(?:行动|活动|工程|计划|试点|改革|模式|机制|发展轴|体系))?")


def _cue_over_description(s: str, ca: int, head: int, cspans: list[Span], end: int,
                          cb: int) -> tuple[list[tuple[int, int, Cue | None]], int]:
    """实施企业找技术、成果找市场“双向揭榜挂帅”, 启动建设87条“县城—中心镇—重点村”发展轴: a cue before a quoted programme that
    closes the clause (with its head noun at most), with only what the programme does or how many things are of it
    between (a 、 or a count in it; no name, no 的, no partner's 与/和, no verb that acts on nothing), acts on it (not
    实施…、“两癌”患病妇女给予…: the quote qualifies what follows it)."""
    if not PROGRAMME_TAIL.fullmatch(s, end, cb):
        return [], head
    window_start = max(ca, head - 16)
    found = [m for m in _cue_re().finditer(s, window_start, head) if not _in_title(s, m.start())]
    if not found or not s.startswith("“", head):
        return [], head
    m = found[-1]
    between = s[m.end():head]
    if any(sp.start >= m.end() and sp.end <= head for sp in cspans) or re.search(r"[的，,；;%“”与和及同]", between) \
            or not re.search(r"、|\d|[一二三四五六七八九十两百]+(?:个|条|项|批|家)", between) \
            or any(w in between for w in _blocking() if len(w) >= 2):
        return [], head
    return [(m.start(), m.end(), _cues_by_word()[m.group(0)])], m.start()


LIST_ITEMS = re.compile(r"(?:[\u4e00-\u9fffA-Za-z0-9]{2,16}(?:、|和|及|以及))+")
PARENTHESIS = re.compile(r"[（(][^（()）]{1,20}[）)]")


def _list_verb(s: str, ca: int, head: int) -> tuple[list[tuple[int, int, Cue | None]], int]:
    """推进宏昌大街南延（致远路至复兴路西延）、复兴路再西延、北三环西延工程: the cue opening a clause acts on
    every item of the list it opens, also on those after items the recognizer did not name (rule: the
    clause is a lead, the cue, and items joined by 、/和/及, each a few words with no other verb, figure or
    的 in it, a remark in parentheses allowed)."""
    if head <= ca or not re.search(r"(?:、|和|及)$", s[ca:head]):
        return [], head
    m = _cue_re().search(s, ca, head)
    if m is None or _in_title(s, m.start()):
        return [], head
    lead = s[ca:m.start()]
    if not (CLAUSE_LEAD.match(lead) or lead in words("manner_adverbs")):
        return [], head
    raw = s[m.end():head]
    rest = PARENTHESIS.sub("", raw)
    if len(rest) > 40 or not LIST_ITEMS.fullmatch(rest) or _cue_re().search(rest) or KIND_ANYWHERE.search(rest) \
            or re.search(r"[的等]", rest) or any(w in rest for w in _blocking() if len(w) >= 2):
        return [], head
    items = [x for x in re.split(r"、|以及|和|及", rest) if x]
    if raw == rest and not all(x.endswith(tuple(words("phase_words"))) for x in items):
        return [], head  # (the items missed are things of a name's shape: a section named in parentheses, a
        # road's extension; not 实施违法违规圈占土地、违规违建项目…清理规范, a list of kinds)
    return [(m.start(), m.end(), _cues_by_word()[m.group(0)])], m.start()


def _verb_after(s: str, end: int, cb: int, topic: bool) -> list[tuple[int, int, Cue]]:
    """The cues after a thing that say what happens to it: anywhere in the clause when the thing
    opens it (哈伊高铁全线铺轨贯通), else right after it, past a category noun (X等重大项目建设)."""
    limit = min(cb, end + 14)  # (X等一批大项目、好项目落户…: the closing words of a list may take ten)
    if topic:
        # the first item of a 、 list that says something (东二环快速路、西二环北延二期竣工通车: both are
        # completed; 雄安新区高标高质建设、大兴国际机场全面运行: the airport runs, the new area is built)
        limit, pos = cb, end
        while pos < cb:
            stop = s.find("、", pos, cb)
            seg_end = stop if stop >= 0 else cb
            if _cue_re().search(s, pos, seg_end):
                limit = seg_end
                break
            pos = seg_end + 1
    out = []
    for m in _cue_re().finditer(s, end, limit):
        cue = _cues_by_word()[m.group(0)]
        gap = s[end:m.start()]
        adjacent = re.fullmatch(r"(?:项目|工程)?", gap) is not None  # 推动X规划建设: any cue, nominalized
        if cue.position not in ("before", "both") and not topic and not adjacent:
            continue
        if not topic and not re.fullmatch(r"(?:等[^，,；;。]{0,8}?)?(?:项目|工程)?" + AFTER_ADVERBS, gap):
            continue  # (《…条例》正式施行, X顺利通车: an adverb of how it went may stand between)
        if re.search(r"[与同]$", s[end:m.start()]):
            continue
        if s.startswith(("目标", "名单", "带来", "所带来"), m.end()):
            continue  # 围绕“国家旅游度假区”建设目标, 入选…园区建设名单: a goal or a list, not the thing built;
            # 京津冀世界级城市群建设带来的…机遇: a circumstance, not a deed of the report's area
        if any(w in s[end:m.start()] and not re.search(re.escape(w) + "[、，,]", s[end:m.start()])
               for w in _blocking() if len(w) >= 2):
            break  # “校园餐”…问题集中整治扎实推进: what goes on is the fight against it (but a verb that acts on
            # nothing, 良岗风电等前期项目积极对接、有序推进, leaves the later cue the thing's)
        if topic and not _predicate_of_thing(s[end:m.start()]):
            break  # 开发区调区顺利获批: what is approved is the adjustment, not the zone
        if cue.position == "after" and _governs_own_object(s, m.end(), cb):
            break  # “鲁执法”推动入企检查次数压减30%: the thing does the pushing, to something else
        out.append((m.start(), m.end(), cue))
    return out


# what the verb acts on is the plans of the things listed (完成北区道路管线、供水供气等专项规划) or the green along a
# line (完成京昆高速、涞曲高速绿廊…建设), not the things
PLANS_OF = re.compile(r"(?:[、和][\u4e00-\u9fff]{2,8}?)*等[\u4e00-\u9fff]{0,6}?(?:规划|方案|设计)|"
                      r"(?:总体|专项|详细|控制性详细|修建性详细)规划")  # (完成长城文化公园总体规划编制)
ALONG = re.compile(r"(?:两侧|沿线)?(?:绿廊|绿化|绿道|廊道绿化|生态廊道|防护林)")
# a pattern or a stage a verb makes of the thing named before it (构建开放合作新格局, 开创…新局面, 打造…新高地)
PATTERN_HEAD = re.compile(r"新?(?:格局|局面|篇章|高地|态势|境界|引擎|动能)")
COMMON_VERB = 300  # jieba's count of a verb that opens phrases, not names (改善 4262, 统筹 470)
JOINT_HEAD = re.compile(r"^(?:和|与|及)[\u4e00-\u9fff]{1,10}?(?:机制|体系|模式|制度|格局|关系)")
AFTER_ADVERBS = r"(?:正式|顺利|成功|全面|全线|如期|提前|相继|先后|陆续|基本|率先|已经|已|均)?"
AFTER_ADVERBS_RE = re.compile(AFTER_ADVERBS)
MANNER = re.compile(r"(?:顺利|有序|有力|扎实|稳步|加快|加速|步伐|进度|进程|工作|力度|全面|持续|不断|深入|"
                    r"取得|进展|成效|明显|积极|实施|开展|展开|[的了着过地和，,])+")


def _governs_own_object(s: str, after: int, cb: int) -> bool:
    """A cue that takes its object after it (推动, 打造) and has words of its own after it in the clause,
    not only how it goes (顺利, 加快) or another cue, governs them: the thing before it is its doer."""
    rest = s[after:cb]
    if _cue_re().search(rest):
        return False
    return len(MANNER.sub("", rest)) >= 4


ASPECTS = re.compile(r"调区|扩区|产规|调整|问题|风险|隐患|矛盾|信息|数据|规划编制|遗留|整改")


def _predicate_of_thing(gap: str) -> bool:
    """The words between a thing that opens a clause and a cue later in it leave the cue the thing's
    (哈伊高铁全线铺轨贯通, X等重大项目加快实施), unless they name an aspect of it that the cue is said
    of instead (开发区调区顺利获批: what is approved is the adjustment, not the zone)."""
    return not ASPECTS.search(gap)


def _doer_of_next(s: str, end: int, cb: int, cspans: list[Span]) -> bool:
    """A thing followed right away by a cue and another thing does what the cue says to that thing."""
    m = _cue_re().match(s, end)
    if not m:
        return False
    return any(sp.start >= m.end() and sp.start - m.end() <= 4 and _is_promotable(sp.entity) for sp in cspans)


def _best(cues: list[tuple[int, int, Cue | None]]) -> Cue | None:
    """Of the cues on one thing, the one whose status says most (谋划启动 -> planned)."""
    named = [c for _, _, c in cues if c is not None]
    if not named:
        return None
    return max(named, key=lambda c: (STATUS_RANK.get(c.status, 0), c.kind != "", len(c.word)))


WORKS_CUES = ("开工", "动工", "开建", "施工")  # cues that say works on a site have begun
SETTLING_CUES = ("落地", "落户", "引进", "引入")  # a project or an enterprise settles (is signed); a pilot or a plan is carried out
PART_WORKS = ("主体工程", "主体")  # 完成…主体工程: the main structure of the thing done, not the thing
COMPLETED_WORK = re.compile(r"(?:项目|工程)?(?:建设|改造|改扩建|升级改造|提升改造|施工|整治|修复|编制|修编)?(?:任务|工作)?")


def _completed_by(s: str, before: list[tuple[int, int, Cue | None]], head: int, end: int, cb: int) -> bool:
    """完成平阳至百石台公路建设, 完成易兴路东延工程: 完成 right before the thing, and after it nothing but the
    work it names and the end of the clause, says the thing is done (not 完成主体建设, of a part only; not
    完成X征迁, of another task)."""
    if not before or before[-1][2] is not None or s[before[-1][0]:before[-1][1]] != "完成":
        return False
    return re.fullmatch(r"了?", s[before[-1][1]:head]) is not None and COMPLETED_WORK.fullmatch(s, end, cb) is not None


def _settles_elsewhere(s: str, after: list[tuple[int, int, Cue]], cue: Cue, cspans: list[Span],
                       area: Entity | None) -> bool:
    """The settling cue after a thing is followed by a division other than the report's area (…落户保定), named
    or known to the gazetteer by its name or short form."""
    gz = gazetteer()
    own = {area.label, *area.aliases} if area is not None else set()
    for e in (e for _, e, c in after if c is cue):
        if any(sp.start in (e, e + 1) and sp.entity.cls in ADMIN and (area is None or sp.entity.key != area.key)
               for sp in cspans):
            return True
        at = e + 1 if s.startswith(("在", "于"), e) else e
        for k in range(5, 1, -1):
            head = s[at:at + k]
            if head not in own and (head in gz.by_name or head in gz.by_short):
                return all(d.code != (area.code if area is not None else None) for d in
                           (*gz.by_name.get(head, ()), *gz.by_short.get(head, ())))
    return False


def _blocked_before(s: str, ca: int, head: int) -> bool:
    """Does a verb that promotes nothing (融入, 依托, 结合: relation_cues.tsv's "-") stand right
    before the name, so that no cue after the name makes it promoted either?"""
    window = s[ca:head]
    return any(window.endswith(w) for w in _blocking() if len(w) >= 2)


# the head nouns a quoted initiative may carry before what is said of it (“高效办成一件事”改革成效走在全国前列), and the
# words of its result (成效, 工作)
SLOGAN_HEADS = re.compile(r"(?:改革|行动|工程|计划|试点|品牌|模式|机制|经验|政策|活动|金名片|名片|事项|项目)?(?:成效|工作|成果)?")
COUNT_LEAD = re.compile(r"(?:\d+|[一二三四五六七八九十百两]+)(?:项|个|批|件)")  # 355项“川渝通办”事项让…
SLOGAN_LEAD = re.compile(r"^(?:新时代|新一轮|全省|全市|全区|全县|我省|我市|我区|我县)?$")


def _quoted_initiative(e: Entity) -> bool:
    """“两重”, “15分钟品质文化生活圈”: a programme named in quotes; the things counted with it (206个“两重”项目, 新建
    “15分钟品质文化生活圈”2415个) are of it, and the area carries it out."""
    return e.top == "Initiative" and any(m.rule == "quote" for m in e.mentions)


# a deed and how many things it reached (收尾改造1062户, 完成改造3.2万户), no change of a figure (增长10%, 达到…)
DONE_COUNT = re.compile(r"(?!.*(?:增长|增加|下降|提高|达到|突破|超过|占|减少|降低|投入|投资))[\u4e00-\u9fff]{2,6}?"
                        r"\d+(?:\.\d+)?万?(?:户|个|处|座|所|套|栋|间)")


NOUN_TAGS = ("n", "l", "t", "j", "vn")


def _noun_lead(lead: str) -> bool:
    """义务教育阶段学校课后服务和农村小学“营养改善计划”实现全覆盖: words before a quoted initiative that are only
    nouns, other items of the clause's subject joined to it by 和, 及 or 、 and what the initiative serves, leave it
    the subject of the clause: no verb among them acts on it, no name is cut into them."""
    from .segment import segmenter

    if not 2 <= len(lead) <= 24 or re.search(r"[\d“”《》]", lead):
        return False
    toks = segmenter().tokens(lead)
    # (a joiner among them: the initiative is one item of a subject of several, 课后服务和…; one noun alone may be a
    # verb jieba knows as a noun, 锚定“…”创建目标, 充分考虑“新清苑人”需求)
    return bool(toks) and toks[-1].tag.startswith("n") and any(t.text in ("和", "及", "、") for t in toks[1:-1]) and all(
        t.text in ("和", "及", "、") or t.tag.startswith(NOUN_TAGS) and t.tag not in ("nr", "ns", "nt", "nz") for t in toks)


def _slogan_topic(s: str, ca: int, start: int, end: int, cb: int, group: list[Span]) -> bool:
    """A list of quoted initiatives that opens a clause (after a lead word at most: 新时代“枫桥经验”) and then
    does something: a verb, or an adverb and a verb, follows it and its head noun (“五良”融合…, “气代煤”收尾改造,
    “高效办成一件事”改革成效走在全国前列), not a noun it qualifies (“两重”项目投资, “双碳”目标要求) nor a verb
    that acts on nothing named (是, 成为) or says it reached a result only (实现“零亡人”)."""
    if not all(_quoted_initiative(t.entity) for t in group):
        return False
    lead = s[ca:start]
    if not (CLAUSE_LEAD.match(lead) or SLOGAN_LEAD.match(lead) or COUNT_LEAD.fullmatch(lead) or _noun_lead(lead)) \
            or _in_title(s, start):
        return False
    if any(is_outcome(t.entity, "实现") for t in group):
        return False
    from .segment import segmenter

    pos = SLOGAN_HEADS.match(s, end, cb).end()
    toks = segmenter().tokens(s[pos:min(cb, pos + 8)])
    if not toks:
        return False
    t = toks[0]
    if t.tag[:1] == "d" and len(toks) > 1:
        t = toks[1]
    if t.text in _blocking() or t.text in words("honour_verbs") or t.text in ("是", "有", "为", "在", "的", "影响"):
        # (“三期叠加”影响仍在持续: a circumstance that weighs on the area, nothing it does)
        return False
    rest = re.sub(r"“[^“”]*”", "", s[pos:cb])
    if re.search(r"[\d%％]|[一二三四五六七八九十百千万亿]+(?:个|项|家|户|元|倍)", rest) and not DONE_COUNT.fullmatch(rest):
        return False  # (“三农”投入增长10%: the subject of a figure; but “气代煤”收尾改造1062户: how many it reached)
    # (jieba tags a deed after a name a verbal noun as often as a verb: “五良”融合…, 改革成效走在…; and 收尾|改造 a noun
    # and a verb, before the count of what was done)
    if t.tag[:1] == "v":
        return True
    done = DONE_COUNT.fullmatch(rest)
    return done is not None and any(u.tag[:1] == "v" for u in segmenter().tokens(re.split(r"\d", rest)[0]))


GENERIC_OPENING = re.compile(r"^(?:重要|重点|主要|骨干|区域|城乡|农村|城市|一般)")  # 重要城际快速通道: a kind of line


def _named_list_item(t: Span, group: list[Span]) -> bool:
    """良渚古城遗址公园、杭州国家版本馆、之江文化中心…等一大批文化地标建成投用: an item of a list of things named
    (two others with a name of their own) is named too, though its words are common, when it is no level's kind
    (省级…) and no category noun."""
    others = [o.entity for o in group if o is not t and o.entity.top == t.entity.top and has_name_signal(o.entity)]
    # (one of them named beyond doubt: a division's or a lexicon's name, a place, a number or a quote in it; not
    # 重要城际快速通道、重要疏港高速公路, kinds whose words are only rare)
    strong = any(o.code or any(m.rule in PROPER_RULES for m in o.mentions) or holds_place(o.label)
                 or re.search(r"[\dA-Za-z“”《》]|[一二三四五六七八九十]期", o.label)
                 or o.cls == "TransportProject" and not GENERIC_OPENING.match(o.label) for o in others)
    return len(others) >= 2 and strong and len(t.entity.label) >= 4 and not looks_like_kind(t.entity) \
        and not is_category(t.entity)


def _promotes_in_clause(s, ca, cb, cspans, area, opener, sent, ctx, emit) -> None:
    for group in _groups(s, cspans, cb):
        start, end = group[0].start, group[-1].end
        lead = s[ca:start]
        topic = bool(CLAUSE_LEAD.match(lead)) or any(
            sp.end == start and _is_actor(sp.entity) and CLAUSE_LEAD.match(s[ca:sp.start]) for sp in cspans)
        head = _list_head(s, cspans, group[0])
        before, verb_start = _verb_before(s, ca, head, cspans)
        if not before:
            before, verb_start = _list_verb(s, ca, head)
        if not before and all(_quoted_initiative(t.entity) for t in group):
            before, verb_start = _cue_over_description(s, ca, head, cspans, end, cb)
        after = _verb_after(s, end, cb, topic)
        said_of = not before and not after and _slogan_topic(s, ca, start, end, cb, group)
        if said_of:
            # “五良”融合大面积提升单产, “气代煤”收尾改造1062户: a quoted initiative that opens a clause and
            # does something in it is carried out by whoever acts in the sentence, the area unless named
            subj = _subject(s, ca, start, group, cspans, area, opener)
            for t in group:
                if subj is not None and subj.key != t.entity.key:
                    emit("promotes", _owner(s, t, cspans) or subj, t.entity, sent, start, end, ctx, "slogan-topic",
                         0.55, "implements", "")
            continue
        if not before and not after:
            continue
        if not before and _blocked_before(s, ca, head):
            continue  # 融入全国统一大市场建设: the area joins the nation's market; 建设 after it is not its deed
        if not before and KIND_COUNT.search(lead) and not all(_quoted_initiative(t.entity) for t in group):
            continue  # 一批重大工程加快建设 names a kind (but 206个“两重”项目开工建设: the programme the projects are of)
        if before and honoured_at(s, ca, head):
            continue  # 获批国家数据标注基地: a title given, not a thing built
        verb = s[before[-1][0]:before[-1][1]] if before else ""
        if before and before[-1][2] is None and not after and verb in words("outcome_verbs") \
                and re.search(r"\d", s[end:cb]) and not any(_quoted_initiative(t.entity) for t in group):
            continue  # 确保双一流高校录取突破60人: a result reached, a figure, not a thing promoted
        if before and (NEGATION.match(verb) or NEGATION.match(s[max(ca, verb_start - 1):verb_start])):
            continue  # 不含雄安三县: a verb said not to happen promotes nothing
        cue = _best(before + after)
        issuing = next((c for _, _, c in before + after if c is not None and c.kind == "issues"), None)
        if issuing is not None and all(t.entity.top == "PolicyDocument" for t in group):
            cue = issuing  # 推动出台民营经济促进条例: a document is issued, not built
        kind, status = (cue.kind, cue.status) if cue else ("", "")
        if cue is not None and cue.word in SETTLING_CUES and all(t.entity.top in ("Initiative", "PolicyDocument") for t in group):
            kind, status = "implements", ""  # 国家级试点落地实施, 紧密衔接雄安新区规划落地: carried out, not signed
        seeking = any(c is not None and c.word in words("seeking_verbs") for _, _, c in before + after)
        if cue is not None and cue.word in SETTLING_CUES and _settles_elsewhere(s, after, cue, cspans, area):
            continue  # 雄安新区…落户保定 in 易县's report: it settles in another division, the area signs nothing
        subj = (not before and _after_actor(s, end, after, cspans)) \
            or _subject(s, ca, verb_start if before else start, group, cspans, area, opener)
        a0 = min([start] + [x[0] for x in before])
        b0 = max([end] + [x[1] for x in after])
        rule = f"cue:{cue.word}" if cue else "verb:" + s[before[-1][0]:before[-1][1]]
        if _completed_by(s, before, head, end, cb) and not any(t.entity.label.endswith(PART_WORKS) for t in group):
            # 完成平阳至百石台公路建设 (not 完成美邻中心主体工程: a part of it); 完成《国土空间总体规划》: drawn up
            kind, status, rule = ("issues" if all(t.entity.top == "PolicyDocument" for t in group)
                                  else "completes"), "Completed", "verb:完成"
        preparing = PREPARATORY.match(s, end, cb)
        if preparing:
            kind, status = "plans", "Planned"  # 加快三亚新机场、美兰机场三期等前期工作: the things are being prepared
        elif MODIFIED.match(s[end:cb]) or JOINT_HEAD.match(s[end:cb]) or BETWEEN.match(s[end:cb]) \
                or PLANS_OF.match(s, end, cb) \
                or (ALONG.match(s, end, cb) and all(t.entity.cls == "TransportProject" for t in group)) \
                or (not after and PATTERN_HEAD.match(s, end, cb)
                    and not any(m.rule == "quote" for t in group for m in t.entity.mentions)):
            # (构建开放合作新格局: the pattern is built; 构建“一核一带一区”新格局: the quoted slogan is the pattern)
            continue  # 完善危废管理平台信息: the verb acts on the information, the name only qualifies it
            # (建立高新区和高校联动发展机制: on the mechanism of the two)
        if before and not after and before[-1][2] is not None and "的" in s[before[-1][1]:start] \
                and all(t.entity.top in ("Project", "Place") for t in group):
            continue  # 基本建成全国重要的文化传承创新基地: what is built is described, a kind, not one thing named
        if before and not after and s.startswith("的", end) and not _cue_re().match(s, end + 1):
            continue  # 保障雄安新区的“菜篮子”: the verb acts on what the thing owns (but 推进X的建设)
        if _doer_of_next(s, end, cb, cspans):
            continue  # 支持营口片区建设陆港枢纽产业园: the zone builds the park
        for t in group:
            if is_outcome(t.entity, verb):
                continue  # 实现洪涝灾害“零亡人”: a result reached, not an initiative
            if _opens_with_verb(t.entity):
                continue  # 统筹新能源大基地: a verb cut into the name, not a thing's name
            if t.entity.top in ("Project", "Place") and not has_name_signal(t.entity) and not _named_list_item(t, group) \
                    and not (topic and not before and len(group) == 1 and _finished_one(t.entity, cue)):
                continue  # 加快国家物流枢纽建设, 推进农村文化广场建设: a kind of project or place, none named
            if _needs_cue(t.entity) and not (_buildable_region(t.entity) and (
                    any(c is not None and e == _list_head(s, cspans, group[0]) for _, e, c in before)
                    and (end == cb or s[end] in "、" or _cue_re().match(s, end))
                    or any(0 <= b - end <= 2 for b, _, _ in after))):
                continue  # a region only with a cue next to it that acts on it as a whole (加快石家庄都市圈
                # 建设, 打造生态文明发展带。; not 打造京津冀世界级城市群中的…, 建设东盟语料库)
            if _counted_kind(s[t.end:]) and not _quoted_initiative(t.entity):
                continue  # 建成乡镇(街道)综合养老服务中心520个: a kind counted (but X等一批重大工程: X is one)
            who = _owner(s, t, cspans) or subj
            if who is None or (area is not None and who.key == t.entity.key):
                continue
            k, st = kind, status
            if seeking and t.entity.label.endswith(tuple(words("designation_tails"))):
                k, st = "plans", "Planned"  # 全域旅游示范区…创建扎实推进: a designation applied for, not built
            elif k == "builds" and t.entity.top in ("Initiative", "PolicyDocument") \
                    and not (cue is not None and cue.word.endswith(WORKS_CUES)):
                # 推进共同富裕, 推动“两创”深度融合, “暖心民政”三年行动启动实施, 推进“118”方案落实: a strategy, a goal, a
                # campaign or a document is carried out, not built, and has no stage of construction (but 开工…工程)
                k, st = "implements", ""
            emit("promotes", who, t.entity, sent, a0, b0, ctx, rule, 0.75 if cue else 0.6, k, st)
            if who is subj:
                for co in _co_subjects(s, cspans, subj, verb_start if before else start):
                    emit("promotes", co, t.entity, sent, a0, b0, ctx, rule, 0.7 if cue else 0.55, k, st)


def _co_subjects(s: str, cspans: list[Span], subj: Entity, verb_start: int) -> list[Entity]:
    """支持黄冈、荆州建设…, 涪陵、北碚获批创建…: the divisions listed before the one that acts right before the verb act
    with it (each builds its own)."""
    if subj.cls not in ADMIN or not subj.code:
        return []
    at = next((sp for sp in reversed(cspans) if sp.entity.key == subj.key and sp.end <= verb_start
               and (sp.end == verb_start or ACTOR_ADVERB.fullmatch(s[sp.end:verb_start]))), None)
    if at is None:
        return []
    out: list[Entity] = []
    start = at.start
    for sp in reversed([sp for sp in cspans if sp.end <= at.start]):
        if sp.end != start - 1 or s[sp.end:start] not in ("、", "和", "及") or sp.entity.cls not in ADMIN \
                or not sp.entity.code:
            break
        out.append(sp.entity)
        start = sp.start
    return out


def _finished_one(e: Entity, cue: Cue | None) -> bool:
    """工大卫星研发试验总部基地建成投产: a thing of many words that opens a clause alone, uncounted, and is said to be
    finished or running is one thing the report names, though its words are common."""
    return cue is not None and cue.status in ("Completed", "InOperation") and len(e.label) >= 9 \
        and not looks_like_kind(e) and not GENERIC_OPENING.match(e.label) and not is_category(e) \
        and not re.search(r"[要将应]|^(?:所有|全部|各)", e.label)  # (所有燃煤机组要安装脱硫装置: a clause cut, no name)


DESCRIBED_AREA = re.compile(r"^(?:周边|周围|沿海|沿边|偏远|边远|发达|欠发达|贫困|其他|相关|有关|广大|各)")


KIND_LEVEL = re.compile(r"^(?:村|乡|镇|社区|基层|各)[\u4e00-\u9fff]{1,4}(?:室|站|所|院|校|中心)$")  # 村卫生室: a kind


def _is_partner(e: Entity) -> bool:
    """Who one cooperates with: a place, a body, or a named region of the world (深化与中东、非洲…合作),
    not an area a phrase describes (周边地区, 沿海发达地区), nor a kind of institution (乡镇卫生院与村卫生室一体化)."""
    if e.top == "Organization" and not e.code and (LEVEL_KINDS.match(e.label) or KIND_LEVEL.match(e.label)
                                                   or e.label.endswith(("交流", "合作", "协作"))):
        return False  # (港澳交流: the exchange, no body)
    return _is_actor(e) or (e.cls == "Region" and has_name_signal(e) and not DESCRIBED_AREA.match(e.label))


def _noun_follows(s: str, pos: int, cb: int) -> bool:
    """The words after a name are a noun it qualifies (京津|老龄市场, 北京|产业链, 中央|投资政策)."""
    from .segment import segmenter

    toks = segmenter().tokens(s[pos:min(cb, pos + 6)])
    return bool(toks) and (toks[0].tag[:1] == "n" or toks[0].tag == "vn") and toks[0].text not in _cues_by_word()


def _name_goes_on(s: str, pos: int, cb: int) -> bool:
    """A division's name glued to a numeral or a place word that goes on with it (保定|一中, 保定|十七中): the opening
    of a longer name, not the division."""
    from .segment import segmenter

    if re.match(r"(?:\d+|[一二三四五六七八九十两几多]+)(?:所|家|个|批|些|项|位|名|大|种|条)", s[pos:cb]):
        return False  # 对接北京一所科研机构: things of the division counted, the division is still the partner
    toks = segmenter().tokens(s[pos:min(cb, pos + 6)])
    return bool(toks) and (toks[0].tag[:1] in ("m", "s") or re.match(r"[\d一二三四五六七八九十]", toks[0].text) is not None) \
        and toks[0].text not in _cues_by_word()


LISTED_BEFORE = re.compile(r"(?:、[\u4e00-\u9fff]{2,10})+")


def _cooperation_in_clause(s, ca, cb, cspans, area, sent, ctx, emit) -> None:
    for i, sp in enumerate(cspans):
        if not _is_partner(sp.entity):
            continue
        lead = s[max(ca, sp.start - 6):sp.start]
        opener = COOP_OPENERS.search(lead)
        if not opener:
            continue
        word = opener.group(0)
        partners = [p for p in _following_list(s, cspans, i, cb) if _is_partner(p.entity)]
        if word.endswith("对接") and not coop_words().search(s, partners[-1].end, cb):
            partners = [p for p in partners if _is_actor(p.entity)]  # 对接粤港澳大湾区建设: a plan joined, no partner
            # 对接北京同文中学、保定一中: a division whose name opens a longer name the recognizer left (保定|一中)
            # is not the partner; the school is
            partners = [p for p in partners if not (p.entity.cls in ADMIN and _name_goes_on(s, p.end, cb))]
            if not partners or _noun_follows(s, partners[-1].end, cb):
                continue  # 对接京津老龄市场, 对接北京产业链: a market or a chain joined, not a partner
        if word in ("和", "及") or word.endswith("和"):
            partners = [p for p in partners if _is_actor(p.entity)]  # 农村和偏远地区的孩子: a list, not a partner
            if not partners:
                continue
        # the cooperation word comes after the partners (与X合作, 同X共建), or the opener is one (携手X,
        # 对接北京市第三十五中学教育集团)
        if not (coop_words().search(s, partners[-1].end, cb) or word.startswith(("携手", "联手", "帮扶", "对口帮扶", "对接"))):
            continue
        before = [b for b in cspans[:i] if b.end == sp.start - len(word) and _is_actor(b.entity)]
        if not before:
            # 推动前海湾保税港区、西部港口与广州保税区联动发展: the list before 与 works with the partner, also when an
            # item of it the recognizer did not name stands right before 与
            before = [b for b in cspans[:i] if _is_actor(b.entity) and b.entity.cls != "Region"
                      and LISTED_BEFORE.fullmatch(s, b.end, sp.start - len(word))]
            before = before[-1:]
        if before:
            subj = before[-1].entity  # 广州高新区与深圳高新区共建…
        else:
            subj = _subject(s, ca, sp.start - len(word), partners, cspans, area, None)
        if subj is None or not _is_actor(subj):
            continue
        for p in partners:
            if p.entity.key != subj.key:
                emit("cooperatesWith", subj, p.entity, sent, sp.start - len(word), p.end, ctx, f"cooperation:{word}", 0.7)
        return
    # a list of places or bodies followed by a cooperation word: 广州、深圳“双城”联动
    for i in range(len(cspans) - 1):
        group = _following_list(s, cspans, i, cb)
        joined = _joined_abbreviations(s, group)
        if joined and (i == 0 or cspans[i - 1].end != group[0].start) and _works_together(s, joined[-1].end, cb):
            # 深化川渝一体化, 浙川东西部协作, 闽港闽澳合作: areas written as one word of their one-character names,
            # with a cooperation word right after them, work together (each pair the word joins)
            for pair in _joined_pairs(joined):
                for x in range(len(pair)):
                    for y in range(x + 1, len(pair)):
                        emit("cooperatesWith", pair[x].entity, pair[y].entity, sent, pair[0].start,
                             pair[-1].end, ctx, "cooperation:joined", 0.65)
            return
        if len(group) < 2 or not all(_is_actor(g.entity) for g in group):
            continue
        if not CLAUSE_LEAD.match(s[ca:group[0].start]):
            continue  # 服务京津、联动雄安: the places are what a verb acts on, not partners of each other
        tail = s[group[-1].end:min(cb, group[-1].end + 8)]
        if coop_words().search(tail):
            for x in range(len(group)):
                for y in range(x + 1, len(group)):
                    emit("cooperatesWith", group[x].entity, group[y].entity, sent, group[0].start,
                         group[-1].end, ctx, "cooperation:list", 0.65)
            return


JOINT_WORDS = re.compile(r"共建|共同建设|合作建设|联合建设|跨省域|跨省")


def _jointly_built(s, ca, cb, cspans, key_of, sent, ctx, emit) -> None:
    """川渝高竹新区成为全国首个跨省域共建新区: a zone or park named by the one-character names of two provinces joined
    (川渝), in a clause that says it is built jointly, is built by each and lies in each."""
    gz = gazetteer()
    for sp in cspans:
        e = sp.entity
        if not (e.cls in PLACE_OBJECTS or e.top == "Project") or e.code or len(e.label) < 4 \
                or not JOINT_WORDS.search(s, ca, cb):
            continue
        provinces = []
        for ch in e.label[:4]:  # (苏浙皖省际毗邻协同发展区: three)
            name = area_abbreviations().get(ch)
            d = next((d for d in gz.by_name.get(name, ()) if d.code.endswith("0000")), None) if name else None
            if d is None:
                break
            provinces.append(d)
        if len(provinces) < 2 or len({d.code for d in provinces}) < len(provinces):
            continue
        for d in provinces:
            who = key_of.get(f"Place/{d.code}") or Entity(key=f"Place/{d.code}", label=d.name, cls=d.cls, aliases=(),
                                                         code=d.code)
            emit("promotes", who, e, sent, sp.start, sp.end, ctx, "joint-name", 0.6, "builds", "")
            emit("locatedIn", e, who, sent, sp.start, sp.end, ctx, "joint-name", 0.6)


def _joined_abbreviations(s: str, group: list[Span]) -> list[Span]:
    """川渝, 浙川: the divisions a list opens with, two or more written as one word of their one-character
    names glued with nothing between (none when the list does not open so)."""
    out = group[:1]
    for a, b in zip(group, group[1:]):
        if a.end != b.start or b.end - b.start != 1 or b.entity.cls not in ADMIN:
            break
        out.append(b)
    if len(out) < 2 or out[0].end - out[0].start != 1 or out[0].entity.cls not in ADMIN:
        return []
    return out


def _works_together(s: str, pos: int, cb: int) -> bool:
    """A cooperation word follows at ``pos`` with at most a few words of what the work is about between and
    no verb (川渝|一体化, 浙川|东西部|协作; not 京津|掀起合作…, 港澳|抓住共建…, 京津、联动)."""
    m = coop_words().search(s, pos, min(cb, pos + 8))
    if not m or m.start() - pos > 4 or re.search(r"[、，,的和与及]", s[pos:m.start()]):
        return False
    from .segment import segmenter

    return not any(t.tag.startswith("v") for t in segmenter().tokens(s[pos:m.start()]))


def _joined_pairs(joined: list[Span]) -> list[list[Span]]:
    """闽港闽澳: the glued names cut where one comes again, each part a set of partners (闽港, 闽澳)."""
    out: list[list[Span]] = [[]]
    for sp in joined:
        if any(o.entity.key == sp.entity.key for o in out[-1]):
            out.append([])
        out[-1].append(sp)
    return [p for p in out if len(p) >= 2]


def _part_of_in_clause(s, cspans, sent, ctx, emit) -> None:
    """深圳前海: a zone written right after its division; 丹巴县基卡依村: a village or town written right after
    its county (one the gazetteer does not hold)."""
    for a, b in zip(cspans, cspans[1:]):
        if a.end == b.start and a.entity.cls in ADMIN and b.entity.cls in PLACE_OBJECTS:
            emit("partOf", b.entity, a.entity, sent, a.start, b.end, ctx, "adjacent-division", 0.7)
        elif a.end == b.start and a.entity.cls in COUNTY_OR_CITY and b.entity.cls in ("Township", "Community") \
                and not b.entity.code and _village_name(b.entity.label):
            emit("partOf", b.entity, a.entity, sent, a.start, b.end, ctx, "adjacent-village", 0.75)


def _located_by_sentence(s, ca, cb, cspans, sent, ctx, emit) -> None:
    """福州|地铁滨海快线 (a division glued before a project's name) and X落户满城 (a verb of settling
    before a place): where the sentence says a named thing is."""
    for a, b in zip(cspans, cspans[1:]):
        if a.end == b.start and a.entity.cls in ADMIN and b.entity.top == "Project" and not looks_like_kind(b.entity):
            emit("locatedIn", b.entity, a.entity, sent, a.start, b.end, ctx, "adjacent-place", 0.75)
    for i, sp in enumerate(cspans):
        if sp.entity.cls not in ADMIN or not SETTLE.search(s[max(ca, sp.start - 4):sp.start]):
            continue
        things = [t for t in cspans[:i] if (t.entity.top in ("Project", "Organization") or t.entity.cls in PLACE_OBJECTS)
                  and (not _is_named_actor(t.entity) or _settler(s, cspans, t, sp))
                  and not looks_like_kind(t.entity)]
        for t in things:
            emit("locatedIn", t.entity, sp.entity, sent, t.start, sp.end, ctx, "settles-in", 0.7)


# the things a clause gives as examples of the projects or enterprises it is about (方厅水院等标志性项目, 中国星网、中国中化
# 等标志性疏解项目), and a verb after them
EXAMPLES = re.compile(r"等(?:一批)?[\u4e00-\u9fff]{0,6}?(?:项目|工程|企业)(?=[\u4e00-\u9fff])")


def _examples_of_opener(s, spans, area, sent, ctx, emit) -> None:
    """长三角生态绿色一体化发展示范区建设深入推进，方厅水院等标志性项目建成投运: a sentence whose first clause is about
    one zone or division alone (not the report's own area), and whose next clause opens with things given as examples
    of projects (X等标志性项目 + a verb), says the projects are the zone's: they lie in it."""
    clauses = _clauses(s)
    if len(clauses) < 2:
        return
    (a0, b0), (a1, b1) = clauses[0], clauses[1]
    first = [sp for sp in spans if a0 <= sp.start and sp.end <= b0]
    if len(first) != 1 or not CLAUSE_LEAD.match(s[a0:first[0].start]):
        return
    place = first[0].entity
    if not (place.cls in PLACE_OBJECTS or place.cls in ADMIN and place.cls != "Country") or \
            (area is not None and place.key == area.key) or looks_like_kind(place):
        return
    nxt = [sp for sp in spans if a1 <= sp.start and sp.end <= b1]
    if not nxt or not CLAUSE_LEAD.match(s[a1:nxt[0].start]):
        return
    group = _following_list(s, nxt, 0, b1)
    if not EXAMPLES.match(s, group[-1].end, b1) or len(group) < len(nxt) and nxt[len(group)].start < \
            EXAMPLES.match(s, group[-1].end, b1).end():
        return
    for t in group:
        if t.entity.top in ("Project", "Organization") and t.entity.cls != "GovernmentBody" \
                and not looks_like_kind(t.entity):
            emit("locatedIn", t.entity, place, sent, first[0].start, t.end, ctx, "opener-examples", 0.65)


SETTLES_IN = re.compile(SETTLE_AFTER.pattern + r"(?:于|在|到)?")
SETTLERS = {"Enterprise"}  # bodies that come and settle; an institute or a government is an actor that brings things


def _settler(s: str, cspans: list[Span], t: Span, place: Span) -> bool:
    """英利6.5GW光伏电池等一批大项目落户满城, 比亚迪入驻高新区: an enterprise whose list runs right up to the verb of
    settling before the place settles there itself (not 京东方推动X落户满城: it brings something else)."""
    if t.entity.cls not in SETTLERS or t.entity.label.startswith(("中国", "中华", "中央")):
        return False  # (中国电建…子公司落户徐水: a national group's seat is elsewhere; what settles is its branch)
    group = _following_list(s, cspans, cspans.index(t), place.start)
    return SETTLES_IN.fullmatch(s, group[-1].end, place.start) is not None


def _first_mention(doc: Document, e: Entity, by_name: bool = False):
    """The entity's first mention in the report (``by_name``: the first that names it, not 全省/我区, when
    there is one)."""
    mine = [m for m in e.mentions if m.doc_id == doc.id]
    if by_name:
        mine = [m for m in mine if m.rule != "deictic"] or mine
    return mine[0] if mine else None


def _issued_by_title(doc: Document, entities: list[Entity], contexts, emit) -> None:
    """《中共黑龙江省委关于制定…的建议》: a document whose title starts with a body is issued by it; 中央八项规定,
    中央生态环保督察: a document or a campaign whose name opens with a government or Party body's name or short
    name (中央 for 中共中央) is that body's, issued or carried out by it."""
    # (a Party body answers to its name without 中共 too: 中共中央 is 中央)
    bodies = sorted(((n, e) for e in entities if e.top == "Organization"
                     for n in {e.label, *e.aliases, *([e.label[2:]] if e.label.startswith("中共") else [])}
                     if len(n) >= 3 or len(n) == 2 and e.cls == "GovernmentBody"), key=lambda x: -len(x[0]))
    for d in entities:
        if d.top not in ("PolicyDocument", "Initiative") or d.top == "Initiative" and d.cls == "Slogan":
            continue
        m = _first_mention(doc, d)
        if m is None or contexts[m.sentence].phase in SKIPPED_PHASES:
            continue
        for n, body in bodies:
            if d.label.startswith(n) and len(d.label) > len(n) + 2:
                sent = doc.sentences[m.sentence]
                emit("promotes", body, d, sent, m.start - sent.start, m.end - sent.start, contexts[m.sentence],
                     "title-issuer", 0.85, "issues" if d.top == "PolicyDocument" else "implements", "")
                break


TITLE_AFTER_BODY = re.compile(r"(?:“[^“”]{1,10}”)?[\u4e00-\u9fff]{0,4}《$")


def _issued_by_body_before(doc: Document, by_sentence: dict[int, list[Span]], contexts, emit) -> None:
    """根据中共河北省委“十五五”规划《建议》: a body written right before a document's title, with no more than a quoted
    slogan and a word or two between and no verb, issues it."""
    from .segment import segmenter

    for idx, spans in by_sentence.items():
        if contexts[idx].phase in SKIPPED_PHASES:
            continue
        sent = doc.sentences[idx]
        s = doc.norm[sent.start:sent.end]
        for d in spans:
            if d.entity.top != "PolicyDocument" or d.start < 2 or len(d.entity.label.strip("《》")) < 6:
                continue  # (《建议》, 《纲要》: a title cut short, which many reports' documents answer to)
            mark = d.start if s.startswith("《", d.start) else d.start - 1  # (the mention holds the marks or not)
            if not s.startswith("《", mark):
                continue
            body = max((b for b in spans if b.entity.cls == "GovernmentBody" and b.end <= mark
                        and mark - b.end <= 14), key=lambda b: b.end, default=None)
            if body is None or any(o.start >= body.end and o.end <= mark for o in spans):
                continue
            gap = s[body.end:mark + 1]
            if not TITLE_AFTER_BODY.fullmatch(gap):
                continue
            plain = re.sub(r"“[^“”]*”", "", gap)[:-1]
            if any(t.tag.startswith("v") and t.tag != "vn" or t.tag in ("p", "c") for t in segmenter().tokens(plain)):
                continue  # (省委部署和《…》, 省政府印发《…》: a verb or a joiner between, the title is not the body's by position)
            emit("promotes", body.entity, d.entity, sent, body.start, d.end, contexts[idx], "body-title", 0.75,
                 "issues", "")
            start = body.start  # 省委、省政府《关于…的意见》: the bodies listed issue it together
            for b in sorted((b for b in spans if b.end <= body.start), key=lambda b: -b.end):
                if b.end != start - 1 or s[b.end:start] not in ("、", "和") or b.entity.cls != "GovernmentBody":
                    break
                emit("promotes", b.entity, d.entity, sent, b.start, d.end, contexts[idx], "body-title", 0.75,
                     "issues", "")
                start = b.start


def _after_other_division(doc: Document, e: Entity, parent_code: str) -> bool:
    """平顶山市新华区 resolved to 石家庄's 新华区: a division named right after another division that is
    not its parent is a namesake the report does not mean; no partOf is said of it."""
    gz = gazetteer()
    for m in e.mentions:
        if m.doc_id != doc.id or m.start < 2:
            continue
        before = doc.norm[max(0, m.start - 8):m.start]
        for k in range(len(before), 1, -1):
            cands = gz.candidates(before[-k:])
            if cands and all(c.code != parent_code and c.code not in {a.code for a in gz.ancestors(parent_code)}
                             for c in cands):
                return True
            if cands:
                break
    return False


@lru_cache(maxsize=1)
def region_parts() -> dict[str, tuple[str, ...]]:
    """whole -> the places wholly inside it (lexicons/region_parts.tsv)."""
    return {r[0]: tuple(r[1].split("|")) for r in load_tsv("region_parts.tsv")}


def _part_of_known(doc: Document, entities: list[Entity], area: Entity | None, contexts, emit) -> None:
    """partOf from what is known of places: every division named is part of its parent (the
    gazetteer); a place inside a named region (region_parts.tsv); a village or town of the report's
    own county or district."""
    gz = gazetteer()
    by_label = {}
    for e in entities:
        for n in (e.label, *e.aliases):
            by_label.setdefault(n, e)
    by_code = {e.code: e for e in entities if e.code and e.cls in ADMIN}

    def at(e: Entity):
        m = _first_mention(doc, e, by_name=True)
        if m is None:
            return None
        return doc.sentences[m.sentence], m.start - doc.sentences[m.sentence].start, m.end - doc.sentences[m.sentence].start, contexts[m.sentence]

    for e in entities:
        if not e.code or e.code not in gz.by_code:
            continue
        d = gz.by_code[e.code]
        if not d.parent or d.parent not in gz.by_code:
            continue
        p = gz.by_code[d.parent]
        where = at(e)
        if where is None or _after_other_division(doc, e, d.parent):
            continue
        parent = by_label.get(p.name) or Entity(key=f"Place/{p.code}", label=p.name, cls=p.cls, aliases=(), code=p.code)
        sent, a, b, ctx = where
        emit("partOf", e, parent, sent, a, b, ctx, "gazetteer", 0.95)
        # 江山市 in 浙江省's report, which never names 衢州市: part of the nearest larger division the
        # report does name, when it names not the parent (the level it skips is not the reader's); and of
        # every larger division the report names above the parent (南山区 in 广东省 too, when the report
        # names 深圳 and 广东): a part of a part is a part
        for up in gz.ancestors(d.parent):
            named = by_code.get(up.code)
            if named is not None and named.key != e.key and named.cls != "Country":
                emit("partOf", e, named, sent, a, b, ctx, "gazetteer-ancestor", 0.9)
    for whole, parts in region_parts().items():
        w = by_label.get(whole)
        if w is None:
            continue
        for part in parts:
            pe = by_label.get(part)
            where = at(pe) if pe is not None else None
            if where is not None:
                sent, a, b, ctx = where
                emit("partOf", pe, w, sent, a, b, ctx, "region-lexicon", 0.9)
    if area is not None and area.code:
        parts_in: dict[int, set[str]] = {}  # sentence -> the region words of the parts named in it
        for e in entities:
            if e.cls in ("Region", "Zone") and not e.code and e.key != area.key and _region_of_area(e.label, area):
                where = at(e)
                if where is not None:
                    sent, a, b, ctx = where
                    emit("partOf", e, area, sent, a, b, ctx, "region-name", 0.75)
                    for m in e.mentions:
                        if m.doc_id == doc.id:
                            parts_in.setdefault(m.sentence, set()).add(REGION_WORDS.search(e.label).group(0))
        # 成都平原经济区…，川南经济区…，攀西经济区转型升级成效明显: a region of the same kind named among the area's parts,
        # with no place outside the area in its name, is one of them
        for e in entities:
            if e.cls not in ("Region", "Zone") or e.code or e.key == area.key or _region_of_area(e.label, area) \
                    or _opens_with_other_division(e.label, area.code) or _named_elsewhere(e, area.code) \
                    or not has_name_signal(e) or looks_like_kind(e):
                continue  # (加快打造世界级大都市圈: a kind, a goal)
            kind = REGION_WORDS.search(e.label)
            if kind is None or len(e.label) - len(kind.group(0)) < 2 or kind.group(0) == "地区":
                continue
            for m in e.mentions:
                if m.doc_id != doc.id or kind.group(0) not in parts_in.get(m.sentence, ()) \
                        or contexts[m.sentence].phase in SKIPPED_PHASES:
                    continue
                sent = doc.sentences[m.sentence]
                lead = doc.norm[sent.start:m.start]
                lead = lead[max(lead.rfind(c) for c in CLAUSE_DELIMS) + 1:]
                if CLAUSE_LEAD.match(lead):  # (a clause of its own about it, like its siblings'; not 打造…大都市圈)
                    emit("partOf", e, area, sent, m.start - sent.start, m.end - sent.start, contexts[m.sentence],
                         "region-sibling", 0.65)
                    break
    if area is not None and area.cls == "District":
        for e in entities:
            if e.cls in ("Township", "Community") and not e.code and e.key != area.key and _village_name(e.label):
                # said in a sentence of the report, not on a line of its own (天涯社区: a list of links
                # a web page printed around the report)
                told = [m for m in e.mentions if m.doc_id == doc.id and m.rule != "deictic"
                        and doc.norm[doc.sentences[m.sentence].start:doc.sentences[m.sentence].end].strip(" \t\u3000。")
                        != doc.norm[m.start:m.end]
                        and not COUNT_CLOSES.match(doc.norm, m.end)]  # (建成…洁美延展村10个: a kind counted)
                if told:
                    m = told[0]
                    sent = doc.sentences[m.sentence]
                    emit("partOf", e, area, sent, m.start - sent.start, m.end - sent.start, contexts[m.sentence],
                         "report-area", 0.7)


# a count that closes the phrase after a name counts the name's kind (洁美延展村10个，; not 夏庄乡菜池村3个垃圾中转站:
# things in the village)
COUNT_CLOSES = re.compile(r"(?:\d+|[一二三四五六七八九十两百]+)(?:个|家|座|所|处|条|批)(?=[，,；;。、）)]|$)")


@lru_cache(maxsize=1)
def _abbreviated() -> dict[str, tuple[str, ...]]:
    """area -> its one-character abbreviations (lexicons/area_abbreviations.tsv: 四川省 -> 川, 蜀)."""
    out: dict[str, tuple[str, ...]] = {}
    for ch, area in area_abbreviations().items():
        if len(ch) == 1:
            out[area] = out.get(area, ()) + (ch,)
    return out


REGION_WORDS = re.compile("(?:" + "|".join(map(re.escape, word_list("region_words"))) + ")$")  # (words.toml)


def _region_of_area(label: str, area: Entity) -> bool:
    """成都平原经济区, 川南经济区, 大小凉山地区 in 四川省's report: a named region whose name holds the area's
    abbreviation at its start (川南, 川东北) or a division inside the area (成都, 凉山) is a part of the area."""
    if not REGION_WORDS.search(label) or any(label.startswith(n) for n in (area.label, *area.aliases) if len(n) >= 2):
        return False  # (四川省…, the area's own name, is the area itself or a plan of it)
    if label[:1] in _abbreviated().get(area.label, ()) and (label[1:2] in tuple("东南西北中")
                                                           or label[1:2] not in _abbreviations()):
        return True  # 川南, 川西北: a part by its direction (川渝…, 京津冀: two areas joined, not a part of one)
    gz = gazetteer()
    for k in range(min(len(label) - 2, 6), 1, -1):
        for i in range(0, min(3, len(label) - k)):
            cands = [*gz.by_name.get(label[i:i + k], ()), *gz.by_short.get(label[i:i + k], ())]
            if cands and all(area.code in {a.code for a in gz.ancestors(d.code)} for d in cands):
                return True
    return False


VILLAGE = re.compile(r"^(?P<stem>.{1,8}?)(?:村|社区|镇|乡|街道|居委会|嘎查|苏木)$")
# a kind of village, town or community by what it is made or rated (文明生态村, 美丽宜居村, 重点镇, 城中村)
VILLAGE_KIND = re.compile(r"(?:(?:示范|重点|中心|特色|生态|文明|专业|贫困|空心|城中|行政|自然|美丽|和美|宜居|精品|明星|先进|"
                          r"绿色|森林|卫生|园林|旅游|历史文化|传统)+)(?:村|镇|社区|乡|街道)$")


def _names_before(words_: str) -> bool:
    """Words holding a name: a place or person word, or one rare in the dictionary (陶口店), not only common
    words (垃圾分类, 一村一品)."""
    from .segment import segmenter

    seg = segmenter()
    # (a term the project's dictionary adds, 垃圾分类, is tagged nz with no count: a word, not a name)
    return any(len(t.text) >= 2 and (seg.freq.get(t.text, 0) < RARE and t.tag != "nz" or t.tag in ("ns", "nr", "nrt"))
               for t in seg.tokens(words_)) or len(words_) == 1


def _village_name(label: str) -> bool:
    """城东村, 海幢街道: a stem and a village or town word; not 增加农村, 电子商务进农村 (a phrase that ends
    in 农村 or 乡村)."""
    m = VILLAGE.match(label)
    if not m or label.endswith(("农村", "乡村", "城乡", "村镇", "乡镇")) or re.search(r"\d", label):
        return False
    if m.group("stem")[0] in "个各每全该本此多几诸等余因逐" or m.group("stem")[-1] in "个各每" \
            or re.fullmatch(r"[一二三四五六七八九十两百]+", m.group("stem")):
        return False  # 275个村, 各村, 五村返迁, 因村制宜, 逐村: villages counted or gone through, none named
    if "改" in m.group("stem"):
        return False  # 乡改镇, 村改居, 旧城改造村: a change of status or a renewal, no place
    from .segment import segmenter

    kind = VILLAGE_KIND.search(label)
    if kind and not _names_before(label[:kind.start()]):
        return False  # 文明生态村建设扎实推进, 垃圾分类示范村: a kind of village the area makes, none named (but
        # 陶口店中心村: a name before the kind)

    first = segmenter().tokens(m.group("stem"))[0]
    if segmenter().freq.get(label, 0) >= UNCOMMON:
        return False  # 中关村: a name the dictionary knows well as a whole is a famous place, no village of the county
    return not (first.tag.startswith("v") and first.tag != "vn")


def _located_in(doc: Document, entities: list[Entity], area: Entity | None, emit,
                contexts: list[SentenceContext], promoted: set[str], located: set[str],
                topics: set[str] = frozenset(), settled: set[str] = frozenset(),
                founded: set[str] = frozenset(), built_by: dict[str, list[Entity]] | None = None,
                finished: set[str] = frozenset(), relied: set[str] = frozenset()) -> None:
    # (a landform is no container: 黄河口国家公园 is not in 黄河, though its name opens with the river's)
    places = [e for e in entities if e.top == "Place" and e.cls not in ("Region", "Country") and not (e.cls == "Place" and not e.code)]
    names: list[tuple[str, Entity]] = []
    for p in places:
        for n in {p.label, *p.aliases}:
            if len(n) >= 2:
                names.append((n, p))
    names.sort(key=lambda x: (-len(x[0]), x[1].key))
    by_name: dict[str, list[tuple[int, Entity]]] = {}  # name -> (place in ``names``, place): lookups, not scans
    for i, (n, p) in enumerate(names):
        by_name.setdefault(n, []).append((i, p))
    home_code = area.code if area is not None else None
    home_ancestors = {d.code for d in gazetteer().ancestors(home_code)} if home_code else set()
    by_code = {p.code: p for p in places if p.code}
    for e in entities:
        if e.top not in ("Project", "Organization") and e.cls not in PLACE_OBJECTS and not is_site(e):
            continue
        if area is not None and e.key == area.key:
            continue
        first = _first_mention(doc, e)
        if first is None or contexts[first.sentence].phase in SKIPPED_PHASES:
            continue
        sent = doc.sentences[first.sentence]
        ctx = contexts[first.sentence]
        a, b = first.start - sent.start, first.end - sent.start
        container, by_paren = None, False
        inner = re.search(r"[(（]([^)）]+)[)）]", e.label)
        # the first entry of ``names`` that is a prefix of the label (leaving two characters) or the
        # name in its parentheses: found from the label's own prefixes
        found = [(i, p, False) for k in range(2, len(e.label) - 1) for i, p in by_name.get(e.label[:k], ())
                 if "至" not in e.label]  # (雄安至北京大兴国际机场快线 runs from one place to another)
        if inner:
            found += [(i, p, True) for i, p in by_name.get(inner.group(1), ())]
        found = [x for x in found if x[1].key != e.key]
        rule = "name-prefix"
        if found:
            _, container, by_paren = min(found, key=lambda x: (x[0], x[2]))
        elif home_code and e.top != "Organization":
            container = _division_opening(e.label, home_code, by_code)
            rule = "name-prefix-gazetteer"
            if container is None:
                container, rule = _division_of_part(e.label, home_code, by_code), "name-part-gazetteer"
        elif home_code and e.cls not in ("GovernmentBody", "InternationalOrganization"):
            # 宁波东方理工大学 in 浙江省's report: an institution or enterprise named after a division of the area
            # lies in it, when the division's name is a word of its own in the name (not 中山大学, one word,
            # named after a man; not a body, which the report names as the area's own or another's)
            container = _division_opening(e.label, home_code, by_code, whole_word=True)
            rule = "name-prefix-gazetteer"
        if container is not None and e.cls == "InternationalOrganization":
            continue  # 上海合作组织 is named after a city, not seated in it
        if container is not None and area is not None and container.key != area.key and not by_paren \
                and _branch_of_area(e.label, area):
            container, rule = area, "name-branch"  # 北京儿童医院保定医院 in 保定市's report: the branch is here
        elif container is not None and area is not None and e.key in settled and container.key != area.key \
                and not (container.code and home_code in {d.code for d in gazetteer().ancestors(container.code)}):
            container, rule = area, "settles-here"  # 北京君光伟业…落户园区 in 易县's report: it came here
        if container is not None:
            # 广州知识城 or 香港科技大学(广州) in 黄埔区's or 南沙区's report: the report's own area is the
            # more precise place (not for bodies: 广州市委 is the city's)
            if (by_paren or e.top != "Organization") and area is not None and container.code in home_ancestors:
                # (and in the larger division its name gives as well: 保定市动物园 in 满城区's report is in 保定市)
                emit("locatedIn", e, container, sent, a, b, ctx, "name-prefix-ancestor", 0.8)
                container = area
            emit("locatedIn", e, container, sent, a, b, ctx, rule, 0.85)
            if area is not None and container.key != area.key and container.code \
                    and home_code in {d.code for d in gazetteer().ancestors(container.code)}:
                # 石家庄国际陆港 in 河北省's report: in 石家庄市, and so in the report's own area
                emit("locatedIn", e, area, sent, a, b, ctx, "name-prefix-area", 0.8)
            continue
        # (not the division the area lies in: 全市 in a county's report, whose things are the county's)
        builders = [d for d in (built_by or {}).get(e.key, ()) if not _opens_with_other_division(e.label, d.code)
                    and d.code not in home_ancestors]
        if builders and e.key not in located and not looks_like_kind(e) and has_name_signal(e) \
                and not e.label.endswith("城市") \
                and e.cls not in LOCAL_EXCLUDED - {"TransportProject"}:
            # (a hub or a port a city builds is its own; 东北亚国际化中心城市 is what 沈阳 becomes, nothing in it)
            for d in builders:  # 支持黄冈、荆州建设国家中医药传承创新发展试验区: each builds its own
                emit("locatedIn", e, d, sent, a, b, ctx, "built-by-division", 0.6)
                if area is not None and home_code in {x.code for x in gazetteer().ancestors(d.code)}:
                    # (支持邯郸建设… in 河北省's report: in 邯郸市, and so in the report's own area)
                    emit("locatedIn", e, area, sent, a, b, ctx, "built-by-division-area", 0.55)
            continue
        if area is None or e.key in located or looks_like_kind(e) or _names_other_place(e.label, names, area, by_name, e.key) \
                or _opens_with_other_division(e.label, home_code):
            continue
        if area.cls == "Country":
            continue  # the nation's report: "in China" tells nothing of where a thing is, and what the nation names
            # without a place is mostly a kind (特色产业基地, 粮食生产功能区) or lies abroad (境外经贸合作区)
        after = doc.norm[first.end:first.end + 20]
        if _counted_kind(after) \
                or KIND_COUNT.search(doc.norm[max(sent.start, first.start - 8):first.start]):
            continue  # 创建市级以上现代农业园区14个: a kind counted, not one thing
        # the report's own area holds the things it builds, and its own local things with a name of their
        # own (no place in it) other than bodies, institutes and lines, which may lie elsewhere
        local = e.key.split("/")[1:2] == [home_code] if home_code else False
        # a county's or district's report names its own parks and sites (依托未央古镇、惠友商圈…; 新兴产业园
        # 环评跟踪评价): one with a name of its own and no other place in it lies in the county
        # (not a zone: 先行示范区, 合作区, 功能区 are designations a county's report names of others too)
        local = local or (area.cls == "District" and e.top == "Place" and (e.cls == "Park" or is_site(e)))
        named = (has_name_signal(e) or e.key in finished and e.cls not in LOCAL_EXCLUDED) and not _opens_with_verb(e)
        if named and (e.key in promoted and not (e.top == "Organization" and not local)
                      or (local and e.cls not in LOCAL_EXCLUDED)):
            # (a national enterprise a report builds a project of, 加快比亚迪…等项目建设, is seated elsewhere)
            emit("locatedIn", e, area, sent, a, b, ctx, "report-area", 0.6)
        elif e.key in relied and area.cls == "District" and e.cls == "Facility" and not _named_elsewhere(e, home_code):
            # 依托城市综合指挥中心，整合数据资源: a facility a county's or district's report relies on, with no one
            # else named to own it, is its own, though its name is made of common words
            emit("locatedIn", e, area, sent, a, b, ctx, "relied-on-here", 0.55)
        elif (named or OWN_LEVEL.match(e.label)) and e.key in founded:
            # 成立生活用纸产业协会; 成立省民营经济发展促进中心: a body the area founds under its own level's name
            emit("locatedIn", e, area, sent, a, b, ctx, "founded-here", 0.6)
        elif e.key in topics and e.cls not in TOPIC_EXCLUDED and not _named_elsewhere(e, home_code) \
                and (named or e.top == "Organization"):
            # (an institution a clause is about and says what it did is one of its own, though its name is
            # made of common words: 国家冰雪运动学院获批建设)
            # 哈电机、龙江广瀚入选…, 复兴公园获评…: what a clause of the report is about, with no other
            # place in its name, is the report's own (a partner is named after 与, 同, 携手 …)
            where = next((m for m in e.mentions if m.doc_id == doc.id and m.sentence >= 0
                          and contexts[m.sentence].phase not in SKIPPED_PHASES), first)
            sent, ctx = doc.sentences[where.sentence], contexts[where.sentence]
            emit("locatedIn", e, area, sent, where.start - sent.start, where.end - sent.start, ctx, "report-area-topic", 0.55)


OWN_LEVEL = re.compile(r"^(?:省|市|区|县)(?!级|域|内|外|直)[\u4e00-\u9fff]{4,}")  # 省民营经济发展促进中心 (not 省级…)


def _branch_of_area(label: str, area: Entity) -> bool:
    """A name that opens with another place and names the report's own area later (北京儿童医院保定医院,
    北京大学第三医院崇礼院区 in 崇礼区's report): the branch in the area of an institution from elsewhere."""
    own = [n for n in {area.label, *area.aliases} if len(n) >= 2]
    return any(label.find(n, 2) > 0 and not label.endswith(n) for n in own)


def _named_elsewhere(e: Entity, home_code: str | None) -> bool:
    """A name that opens with a division outside the report's area (江苏森联集团 in 曲阳县's report), or a
    national enterprise's or body's (中国电建, 中国进出口银行: its seat is not the report's area)."""
    if e.top == "Organization" and e.label.startswith(("中国", "中华", "中央")):
        return True
    if not home_code:
        return False
    gz = gazetteer()
    around = {home_code} | {d.code for d in gz.ancestors(home_code)}
    for k in range(min(len(e.label) - 1, 6), 1, -1):
        head = e.label[:k]
        cands = [*gz.by_name.get(head, ()), *[d for d in gz.by_short.get(head, ()) if not _common_word(head)]]
        if cands:
            return not any(d.code in around or home_code in {a.code for a in gz.ancestors(d.code)} for d in cands)
    return False


def _opens_with_other_division(label: str, home_code: str | None) -> bool:
    """与杭州市高新区开展战略合作 in 阜平县's report: a name that opens with a division's full name (三 characters or
    more) outside the report's area, and not one the area lies in, is another area's, though the report never names
    that division alone."""
    if not home_code:
        return False
    gz = gazetteer()
    around = {home_code} | {d.code for d in gz.ancestors(home_code)}
    for k in range(min(len(label) - 1, 8), 2, -1):
        cands = gz.by_name.get(label[:k], ())
        if len(cands) == 1:  # (a name several divisions bear, 新城区, is as often a word: the new town)
            return not any(d.code in around or home_code in {a.code for a in gz.ancestors(d.code)} for d in cands)
        if cands:
            return False
    return False


def _common_word(w: str) -> bool:
    """复兴 (a word jieba knows well as no place: 复兴公园 is named after the revival, not after 邯郸's 复兴区)."""
    from .segment import segmenter

    seg = segmenter()
    return seg.freq.get(w, 0) >= UNCOMMON and seg.tags.get(w, "") not in ("ns", "")


def _division_opening(label: str, home_code: str, by_code: dict[str, Entity], whole_word: bool = False) -> Entity | None:
    """The one division inside the report's area whose name or short form opens a project's or zone's
    name, leaving one character or more (唐山港 in 河北省's report: 唐山市; 北戴河生命健康产业创新示范区:
    北戴河区), found in the gazetteer though the report does not name the division itself."""
    gz = gazetteer()
    if label in gz.by_name or label in gz.by_short or "至" in label:
        return None  # 防城港 is the city itself; 合浦至湛江铁路 runs from one place to another
    if whole_word:
        from .segment import segmenter

        bounds = {t.end for t in segmenter().tokens(label)}
    for k in range(min(len(label) - 1, 6), 1, -1):
        head = label[:k]
        if whole_word and k not in bounds:
            continue  # (``whole_word``: 中山|大学 is no cut the segmenter makes; 宁波|东方理工大学 is)
        found = _division_inside(head, home_code, by_code)
        if found is not None:
            return found or None  # two divisions of the area answering to it: which one is not said
    return None


def _division_inside(head: str, home_code: str, by_code: dict[str, Entity]) -> Entity | bool | None:
    """The one division inside the report's area that ``head`` names (its entity); False when
    several do, None when none does."""
    gz = gazetteer()
    cands = {d.code: d for d in (*gz.by_name.get(head, ()), *gz.by_short.get(head, ()))
             if d.code != home_code and home_code in {a.code for a in gz.ancestors(d.code)}}
    if len(cands) != 1:
        return False if cands else None
    d = next(iter(cands.values()))
    return by_code.get(d.code) or Entity(key=f"Place/{d.code}", label=d.label, cls=d.cls, aliases=(), code=d.code)


PART_WORD = re.compile(r"片区|园区|分区")


def _division_of_part(label: str, home_code: str, by_code: dict[str, Entity]) -> Entity | None:
    """自贸试验区哈尔滨片区保税物流中心, 中国(黑龙江)自由贸易试验区绥芬河片区: the part of a zone named by a division
    of the report's area (…哈尔滨片区) lies in that division."""
    for m in PART_WORD.finditer(label):
        i = m.start()
        if i > 0 and label[i - 1] == "(" or i < 2:
            continue
        for k in range(min(i, 5), 1, -1):
            found = _division_inside(label[i - k:i], home_code, by_code)
            if found is not None:
                return found or None
    return None


def _names_other_place(label: str, names: list[tuple[str, Entity]], area: Entity,
                       by_name: dict[str, list[tuple[int, Entity]]] | None = None, own: str = "") -> bool:
    """The name holds a place other than the report's own area (雄安重大项目 in 定兴县's report); a
    place's own name (未央古镇, key ``own``) is not another place in it."""
    above = {d.code for d in gazetteer().ancestors(area.code)} if area.code else set()

    def other(p: Entity) -> bool:
        # (a division the area lies in is no other place: 华中科技大学协和深圳医院 in 南山区's report)
        return p.key != area.key and p.key != own and p.cls not in PLACE_OBJECTS and not (p.code and p.code in above)

    n = len(label)
    if by_name is None or n * (n - 1) // 2 > len(names):
        if any(name in label and other(p) for name, p in names):
            return True
    # look the label's substrings up instead of scanning every place name (linear in the entities)
    elif any(other(p) for i in range(n) for j in range(i + 2, n + 1) for _, p in by_name.get(label[i:j], ())):
        return True
    own = {area.label, *area.aliases}
    return any(x in label and x not in own and not any(x in o for o in own) for x in _region_names())
