"""Figures in sentences -> observations (indicator, value, unit, period, measure).

    实现地区生产总值2502.52亿元、同比(下同)增长1.4%

gives two observations: 地区生产总值 = 2502.52 亿元 (a level) and
地区生产总值增速 = 1.4 % (a growth; the indicator comes from the figure before it
when the clause names none).  The indicator is the noun phrase the figure
measures: the words before it in its clause (实现…, …达到 and time words
stripped), or the noun after a measure word (13个重点产业项目封顶 ->
重点产业项目).  Ranks (增速全市第一, 居全国首位) are observations too.

Figures inside quotes (“四个全面”), ordinals (第三次会议), dates (2020年,
3月2日), ranges (1-2所), versions (3.0版) and formulas (1+1+9) are not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .model import Document, Entity, Observation
from .lexicons import load_tsv, words as lexicon_words
from .indicators import RANK_SCOPES, clean, drop_remarks, generic_words, match_key, resolve, scheme, words
from .numbers import ARABIC, normalize, parse_number, split_unit, unit_pattern, units
from .sections import FIVE_YEAR_PLANS, SKIPPED_PHASES, TARGET_CUES, SentenceContext
from .segment import segmenter

CN_NUM = "零〇○一二两三四五六七八九十百千"
_NUM = rf"(?:{ARABIC}|[{CN_NUM}]+(?:点[零〇一二三四五六七八九]+)?)"
PRE_QUALIFIERS = ("不少于", "不低于", "超过", "突破", "接近", "将近", "高达", "多达", "大约", "近", "约", "超", "逾", "不足")
DELIMS = "，,；;。：:、！？!?()（）\n"
MAGS = "万亿|千亿|百亿|亿|千万|百万|十万|万|千"
# characters that, right after a unit, show the unit was part of another word (项目, 场景, 名单, 位于…)
UNIT_WORD_TAILS = {"项": "目", "场": "景所馆地", "名": "单", "家": "庭园乡居具电", "所": "有在属谓", "处": "理于",
                   "位": "于居列", "年": "度代轻龄", "条": "件例款", "台": "湾", "个": "人体性", "部": "门署分队位委长",
                   "对": "接外象于标口照", "头": "部", "列": "入车为", "方": "面案式向法针位言", "栋": "梁"}
# units that are words too (两头, 三方): a figure in them is written in digits
DIGITS_ONLY_UNITS = {"方", "头", "对", "列", "部", "栋", "斤", "只"}
# nouns that make a Chinese-numbered phrase the name of a set (八项规定, 九项重点工作), not a figure
SET_NOUNS = re.compile(r"^(?:重点工作|重点工程|重点任务|规定|措施|举措|民生实事|意见|政策|行动|工程|原则|要求|机制|体系|战略|任务|攻坚战)")
MEETING_TAIL = re.compile(r"^(?:[一二三四五六七八九十]|中全会|全会|次全会|会议|大会|代表大会|历次|人大|党代会|政协)")
SPAN_RING = re.compile(r"[”\"]?[\u4e00-\u9fff]{0,6}?圈")
QUOTE_SPANS = re.compile(r"“[^”]{0,30}”|\"[^\"]{0,30}\"|《[^》]{0,60}》")


# a quoted streak that ends its clause (粮食生产实现“十九连丰”, 荣膺…双拥模范城“十连冠”; not …“十连冠”创建工作)
STREAK_RE = re.compile(r"(?<![\d一二三四五六七八九十百])“?(?P<n>\d{1,3}|[一二三四五六七八九十百]{1,4})连(?P<w>[\u4e00-\u9fff])”?"
                       r"(?=[，,；;。]|$)")


@lru_cache(maxsize=1)
def streak_words() -> dict[str, str]:
    """The character after 连 in a streak -> the words that name what was done (words.toml: streak_words)."""
    return dict(w.split("=", 1) for w in lexicon_words("streak_words"))


@lru_cache(maxsize=1)
def figure_re() -> re.Pattern:
    pre = "|".join(PRE_QUALIFIERS)
    return re.compile(
        rf"(?P<pre>{pre})?"
        rf"(?:(?P<frac>{_NUM}分之{_NUM}|{ARABIC}/{ARABIC})|百分之(?P<pct>{_NUM})|"
        rf"(?P<num>{_NUM}|(?<![上下])半) ?(?P<q1>多|余)?(?P<mag>{MAGS})?(?P<q2>多|余)?(?P<unit>{unit_pattern()}))"
        rf"(?P<post>左右|以上|多)?")


# figures with no unit that a ratio, an index or a score is said in: 城乡居民收入比缩小到2.2, 城乡居民收入
# 倍差从1.96缩小到1.81, 生态环境公众满意度89.6
_TO = r"(?:缩小到|缩小至|下降到|下降至|降至|降到|提高到|提高至|提升到|提升至|上升到|上升至|增至|到|至)"
RATIO_RE = re.compile(
    rf"(?:收入比|收入倍差|倍差|满意度|指数|系数|得分)(?:保持在|为|达到|达|{_TO})?(?:从|由)?(?P<a>\d+\.\d+|\d{{1,2}})"
    rf"(?:{_TO}(?P<b>\d+\.\d+|\d{{1,2}}))?(?![\d.%‰万亿千百个家人元倍名位])")
RANK_RE = re.compile(
    r"(?P<scope>" + "|".join(RANK_SCOPES) + r")?"
    r"(?:排名|排|居|位居|位列|列)?"
    r"(?:第(?P<n>\d+|[一二三四五六七八九十]+)(?P<u>名|位)?|(?P<first>首位|之首|榜首)|前(?P<top>\d+|[一二三四五六七八九十]+)(?:名|位)?)")


@dataclass(frozen=True)
class Figure:
    """A number with its unit as found in a sentence (offsets in the sentence)."""

    start: int
    end: int
    value: float
    value_text: str
    unit: str  # as written, magnitude included (亿元)
    qualifier: str
    kind: str = "figure"  # or "rank", or "ratio" (a number with no unit: 收入比2.2)
    scope: str = ""  # for ranks: 全市, 全国 …


def _quoted(s: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in QUOTE_SPANS.finditer(s)]


def find_figures(s: str) -> list[Figure]:
    """Every figure and rank in a sentence, left to right, none overlapping."""
    quoted = _quoted(s)
    out: list[Figure] = []
    for m in figure_re().finditer(s):
        a, b = m.start(), m.end()
        core_a = m.start("frac") if m.group("frac") else (m.start("pct") - 3 if m.group("pct") else m.start("num"))
        before = s[core_a - 1] if core_a > 0 else ""
        after = s[b] if b < len(s) else ""
        if before and (before.isdigit() or before in ".·:+-~—/第" or (m.group("num") and before in CN_NUM)):
            continue
        if before and (before.isascii() and before.isalpha() or before == "_"):
            continue  # PM2.5年均浓度, PM_2.5 (a subscript as the web page wrote it), 5G, H7N9: a number inside a name
        if after and (after in "+-~·—" or (after == "至" and b + 1 < len(s) and s[b + 1].isdigit())):
            continue
        if any(x < a < y for x, y in quoted):
            continue
        qualifier = "".join(q for q in (m.group("pre"), m.group("q1"), m.group("q2"), m.group("post")) if q)
        unitless = ("frac", "") if m.group("frac") else ("pct", "%") if m.group("pct") else None
        if unitless:  # 三分之一, 1/3 (a share without unit) and 百分之五 (per cent)
            group, unit = unitless
            try:
                value = parse_number(m.group(group))
            except ValueError:
                continue
            out.append(Figure(a, b, value, m.group(group), unit, qualifier))
            continue
        num, unit, mag = m.group("num"), m.group("unit"), m.group("mag") or ""
        nxt = s[m.end("unit"):m.end("unit") + 1]
        if nxt and nxt in UNIT_WORD_TAILS.get(unit, "") and not m.group("post"):
            continue
        if nxt == "级" and not m.group("post"):
            continue  # 30万吨级航道, 30万千瓦级煤电机组: a size class in a name, not a figure
        if unit in ("分钟", "小时") and SPAN_RING.match(s, m.end("unit")):
            continue  # 15分钟社区生活圈, 1小时交通圈: the reach of a ring named by it, not a figure
        chinese = not re.search(r"\d", num)
        if chinese and not _chinese_figure_ok(num, unit, s, m):
            continue
        if unit == "年" and not mag and re.fullmatch(r"(?:19|20)\d{2}|[零〇○一二三四五六七八九]{4}", num):
            continue  # a date, not a number of years
        try:
            value = 0.5 if num == "半" else parse_number(num)
        except ValueError:
            continue
        out.append(Figure(a, b, value, num, mag + unit, qualifier))
    for m in RATIO_RE.finditer(s):
        if any(x < m.start() < y for x, y in quoted):
            continue
        for g in ("a", "b"):
            if m.group(g):
                out.append(Figure(m.start(g), m.end(g), float(m.group(g)), m.group(g), "", "", kind="ratio"))
    for m in STREAK_RE.finditer(s):
        if m.group("w") not in streak_words():
            continue
        try:
            value = parse_number(m.group("n"))
        except ValueError:
            continue
        out.append(Figure(m.start(), m.end(), value, m.group("n"), "年", "", kind="streak", scope=m.group("w")))
    for m in RANK_RE.finditer(s):
        if not (m.group("scope") or _rank_cued(s[max(0, m.start() - 12):m.start()])):
            continue
        if m.group("first") and not m.group("scope") and not s[max(0, m.start() - 2):m.start()].endswith(("居", "列")):
            continue
        if any(f.start < m.end() and m.start() < f.end for f in out) or any(x < m.start() < y for x, y in quoted):
            continue
        if m.group("first"):
            value, text = 1.0, m.group("first")
        else:
            text = m.group("n") or m.group("top")
            try:
                value = parse_number(text)
            except ValueError:
                continue
        if m.group("n") and s[m.end():m.end() + 1] in ("次", "批", "届", "个", "期", "大"):
            continue
        out.append(Figure(m.start(), m.end(), value, text, m.group("u") or "名", "前" if m.group("top") else "",
                          kind="rank", scope=m.group("scope") or ""))
    out.sort(key=lambda f: (f.start, -f.end))
    kept: list[Figure] = []
    for f in out:
        if kept and f.start < kept[-1].end:
            continue
        kept.append(f)
    return kept


def _rank_cued(before: str) -> bool:
    """A 第N without a scope is a rank only after 居/排/列/排名 (居第二, 排名从第31位), or after 至/到
    when 排名 was said just before (排名从第31位上升至第19位)."""
    return before.endswith(("居", "排", "列", "排名", "排名从")) or (before.endswith(("至", "到")) and "排名" in before)


def _chinese_figure_ok(num: str, unit: str, s: str, m: re.Match) -> bool:
    """两成, 三所, 十项 are figures; 一个 (an article), 九个方面, 四个全面 are not."""
    if unit in DIGITS_ONLY_UNITS:
        return False
    if num in ("一", "半") and unit not in ("成", "倍", "天", "个工作日", "小时"):
        return num == "半" and unit in ("天", "年", "个月")
    tail = s[m.end():m.end() + 2]
    if tail in ("方面", "全面", "维护", "确立", "自信", "意识", "代表", "服务", "提升", "一批", "结合", "统筹"):
        return False
    if unit in ("年", "次") and not s[max(0, m.start() - 2):m.start()].endswith("连续"):
        return False  # 这五年, 三年行动, 两次亲临: spans and events, not measured figures
    if unit in ("届", "次") and MEETING_TAIL.match(s[m.end():]):
        return False  # 十九届四中全会, 八次全会
    if unit in ("项", "条", "个", "大") and SET_NOUNS.match(s[m.end():]):
        return False
    return True


# ------------------------------------------------------------------ indicators

LEAD = re.compile(
    r"^(?:其中|全年|全区|全市|全省|全县|全镇|我区|我市|我省|我县|本区|本市|今年|去年|当年|同比|比上年|较上年|"
    r"(?:截至|截止)?(?:19|20)\d{2}年(?:\d{1,2}月(?:底|末)?)?(?:以来)?|截至|截止|上半年|下半年|前三季度|"
    r"\d{1,2}-\d{1,2}月|一年来|五年来|这五年|共|累计|合计|总计|共计|实现|完成(?!率)|分别|预计|全年|已|已经|并|且|和|及|还|"
    r"再|又|均|也|我们|下同|\(下同\)|的|其|达|力争|争取|确保|计划|目标|预期(?!性))+")
GROWTH = re.compile(r"(?:同比|比上年|较上年|年均|平均|分别)?(?:再)?(?:增长|增速|增幅|提高|提升|上升|增加|增)(?:了|达|为)?$")
DECLINE = re.compile(r"(?:同比|比上年|较上年|年均|平均|分别)?(?:再)?(?:下降|降低|减少|降幅|回落|下跌|压减|压缩|缩减|减)(?:了|达|为)?$")
TRAIL = re.compile(
    r"(?:达到|达|为|增至|增加到|增加至|提高到|提高至|提升到|提升至|上升到|上升至|降至|降到|突破|超过|超|约|近|逾|至|到|"
    r"共|累计|合计|总计|共计|从|由|分别|实现|是|了|有|在|以上|均|稳居|跃居|跃升至|升至|位居|居|位列|列|名列|排名|排|"
    r"跨过|跨越|迈过|跨上|迈上|增长到|增长至|跃升到|跃升至|扩大到|扩大至|上升至|降低到|降低至|减少到|减少至|下降到|下降至|"
    r"缩小到|缩小至|压缩至|压缩到|缩短至|缩短到|缩减至|缩减到)+$")
QUALITIES = re.compile(r"(?:积极性|主动性|创造性|优势|作用|理念|意识|思维|精神|原则|导向|方针|定位)$")
GENERIC = {"", "总数", "总量", "数量", "规模", "总额", "数", "其中", "占比", "比重", "同比", "增速", "增幅", "降幅", "共",
           "金额", "投资额", "达", "均"}
VERB_STOP = re.compile(
    r"入选|入围|封顶|竣工|获评|获得|纳入|实现|落户|参赛|开工|动工|建成|投用|完成|超额|通过|进入|落地|签约|开业|投产|达产|上市|"
    r"参加|参与|舍家|冲锋|坚守|无惧|覆盖|入驻|认定|增长|下降|提升|提速|提质|占|达|共|分别|以上|左右|的|为|在|被|已|将|"
    r"持续|正在|全部|均|主要|和|与|及|等|获|成为|列入|整治|改造|更新|全面|基本|顺利|正式|累计|受益|惠及|出列|脱贫|"
    r"增至|增加|上升|升至|降至|减少|作了|已|升级|施工|洽谈|建设|开发|运营|提供|培训|整改|获批|获奖|投入使用")
MAX_INDICATOR = 24
RATE_UNITS = frozenset({"%", "个百分点", "百分点", "成", "‰", ""})  # a growth or decline is said in these
# verbs kept in front of the noun a figure counts (新建幼儿园2所 -> 新建幼儿园)


@lru_cache(maxsize=1)
def figure_verbs() -> tuple[str, ...]:
    """The verbs kept in front of what a figure counts (the "keep" words of lexicons/indicator_words.tsv),
    longest first."""
    return tuple(sorted(words().keep, key=lambda v: (-len(v), v)))
TOTAL_WORDS = {"总数", "总量", "累计", "总计", "总规模"}
# what is said of the things a figure before counted (重点项目120个、总投资500亿元)
ATTRIBUTE_WORDS = {"总投资", "投资", "投资额", "总投资额", "计划总投资", "年度投资", "完成投资", "产值", "总产值", "营收",
                   "营业收入", "销售收入", "主营业务收入", "利润", "利税", "税收", "面积", "建筑面积", "总建筑面积",
                   "占地面积", "里程", "长度", "总里程", "到位资金", "总额", "营业额", "交易额", "成交额"}


def _clause_start(s: str, pos: int, floor: int) -> int:
    """Where the clause holding ``pos`` starts; a parenthesis (含在建) inside it does not end it."""
    i = pos
    while i > floor:
        ch = s[i - 1]
        if ch in ")）":
            j = max(s.rfind("(", floor, i - 1), s.rfind("（", floor, i - 1))
            if j > floor:
                i = j
                continue
        if ch in DELIMS:
            break
        i -= 1
    return i


def _clause_end(s: str, pos: int, limit: int | None = None) -> int:
    """Where the clause holding ``pos`` ends (at most ``limit`` characters on)."""
    j = pos
    while j < len(s) and s[j] not in DELIMS and (limit is None or j - pos < limit):
        j += 1
    return j


def _is_verb(phrase: str) -> bool:
    """A phrase holding a verb (by jieba's dictionary tags): 吸引全球, 全面启动, 推动."""
    return 1 < len(phrase) <= 8 and any(t.tag.startswith("v") and t.tag != "vn" for t in segmenter().tokens(phrase))


def _right_phrase(s: str, pos: int, limit: int = 10) -> str:
    return s[pos:_clause_end(s, pos, limit)]


def _drop_parens(text: str) -> str:
    return drop_remarks(text)


_PREPOSITIONS = ("为", "向", "给", "对", "帮", "帮助", "帮扶")


def _right_noun(s: str, pos: int, passive: bool = False) -> str:
    """The noun phrase right after a figure (13个重点产业项目封顶 -> 重点产业项目,
    1亿元复工复产专项资金 -> 复工复产专项资金): words up to the last noun before a
    function word, a number, a verb that ends it (封顶, 入选) or the clause end."""
    text, end = "", 0
    for t in segmenter().tokens(s[pos:_clause_end(s, pos, 16)]):
        tag = t.tag
        if passive and (not text and t.text == "被" or text == "被" and tag == "d"):
            text += t.text  # 为3名被不实检举干部澄清正名: 被不实检举干部 (不实: an adverb of the passive verb)
            continue
        if VERB_STOP.match(t.text) or re.fullmatch(r"[\d.%]+", t.text) or tag[:1] in ("p", "c", "u", "d", "r"):
            break
        if end and tag == "i":
            break  # 5300多栋楼宇|拔地而起: an idiom after the noun says what became of it
        text += t.text
        # (jieba tags a one-character head after a verb or a noun zg: 样板|村, 重点帮扶|县)
        if tag.startswith("n") or tag in ("vn", "j", "eng", "i", "l", "zg") or t.text in "”\"":
            end = len(text)
    noun = text[:end]
    return noun if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9“”\"]{2,}", noun) else ""


_DETERMINERS = re.compile(r"各项|各类|各种|一批|一系列")


def _head_of_list(base: str) -> str:
    """潮流文化周等文化活动 -> 文化活动: after 等 comes the head noun a list exemplifies;
    兑现各项科技创新资金 -> 兑现科技创新资金: determiners are not part of what is counted."""
    base = _DETERMINERS.sub("", base)
    if "等" in base:
        head = base.rsplit("等", 1)[1]
        if len(head) >= 2 and head not in GENERIC:
            verb = next((v for v in figure_verbs() if base.startswith(v)), "")
            base = verb + head
    return base


RANK_VERB = re.compile(r"(?:继续|持续)?(?:保持|稳居|位居|跃居|跃升至|上升至|升至|居于|居|位列|列|排名|排)$")
# words a rank names what the figure before measured by: its total or its growth
# (a total is the thing itself; a scale is kept as written: 外商直接投资总规模中西部排名)
RANK_BACKREF = {"": "", "总量": "", "总额": "", "规模": "规模", "总规模": "总规模", "增速": "增速", "增幅": "增速"}


@dataclass
class _Indicated:
    indicator: str
    measure: str
    clause_start: int  # where the left context starts (the area lookup looks there)
    carry: str | None = None  # the indicator later figures of the clause refer back to, when not the base
    more: tuple[str, ...] = ()  # further indicators the same figure measures (工业投资、技改投资增速超15%)
    verb: str = ""  # the verb that opens the figure's phrase (新增), which a list of figures shares
    verbatim: bool = False  # a verb and a generic noun (投入使用学校): resolved without cleaning the verb off


def _is_count(f: Figure) -> bool:
    """A figure in a measure word (个, 家, 所, 项 …): it counts the noun that follows it."""
    u = units().get(split_unit(f.unit)[1])
    return f.kind == "figure" and u is not None and u.quantity == "count"


_THRESHOLD = re.compile(r"^(?:以上|以下|以内|及以上)的?(?=[\u4e00-\u9fff“])")
_ADVERBS = re.compile(r"^(?:成功|全部|均|已|已经|先后|相继|陆续|共|累计|分别|同时|还|又|再|率先|首次|首批)+")


def is_threshold(s: str, f: Figure, nxt: Figure | None = None) -> bool:
    """10亿元以上重大产业项目, 日均人流量1万人以上的公共场所, 经济总量超千亿元的县域, 规模超5亿元创新型领军企业
    16家: an amount that bounds the things a clause speaks of, not a figure of them."""
    if f.kind != "figure" or _is_count(f) or f.unit in RATE_UNITS:
        return False
    if _THRESHOLD.match(s[f.end:]) or (s[f.end - 2:f.end] in ("以上", "以下", "以内") and _names_a_noun(s, f.end)):
        return True  # (the figure's pattern takes 以上 in: 10亿元以上|重大产业项目, 50万元以上|行政村占比)
    bound = any(q in f.qualifier for q in ("超", "逾", "超过"))
    if bound and re.match(r"的[\u4e00-\u9fff]", s[f.end:]):
        return True
    # an amount, a noun and then the count of those things: 规模超5亿元创新型领军企业16家
    return bool(bound and nxt is not None and _is_count(nxt) and re.fullmatch(r"[\u4e00-\u9fff“”]{2,14}", s[f.end:nxt.start]))


def _names_a_noun(s: str, pos: int) -> bool:
    """What follows ``pos`` is the thing a bound qualifies (的 or a noun: 重大产业项目, 行政村), not a verb
    or the clause's end (投资10亿元以上，; 增长10亿元以上并…)."""
    if re.match(r"的[\u4e00-\u9fff“]", s[pos:pos + 2]):
        return True
    toks = segmenter().tokens(s[pos:_clause_end(s, pos, 8)])
    return bool(toks) and (toks[0].tag[:1] in ("n", "a", "b") or toks[0].tag == "vn")


@lru_cache(maxsize=1)
def _action_words() -> frozenset[str]:
    """Verbs of doing and of status (the promotion cues of lexicons/relation_cues.tsv), which jieba
    does not always tag as verbs (投入使用, 投产)."""
    return frozenset(r[0] for r in load_tsv("relation_cues.tsv"))


def _is_action(token) -> bool:
    """A verb, or a word jieba reads as one unit that opens with a cue (建成投产, tagged j)."""
    return token.text in _action_words() or (token.tag.startswith("v") and token.tag != "vn") \
        or any(token.text.startswith(w) for w in _action_words() if len(w) >= 2 and len(token.text) > len(w))


def _predicate_after(s: str, pos: int) -> str:
    """获评广州市独角兽 in 6家企业获评广州市独角兽: the verb phrase that says which of a generic kind
    (企业, 项目, 团队) a count counts; '' when none follows."""
    text = _ADVERBS.sub("", s[pos:_clause_end(s, pos, 16)])
    if not text or re.search(r"\d", text) or text.count("“") != text.count("”"):
        return ""  # (a quote closed in the clause is part of it: 84个事项实现“秒批”)
    toks = segmenter().tokens(text)
    if not toks or not (_is_action(toks[0]) or toks[0].tag == "vn"):
        return ""  # (19个项目投产运营: a verbal noun right after the kind says what it does)
    return text if 2 <= len(text) <= 14 else ""


def _more_verbs(rest: str) -> str:
    """The verbs right after a kept verb (改造 in 新开工改造城镇老旧小区), leaving a noun after them."""
    out = ""
    toks = segmenter().tokens(rest)
    for k, t in enumerate(toks[:-1]):
        if not (t.tag in ("v", "vn") and len(t.text) == 2) or toks[k + 1].tag[:1] not in ("n", "v"):
            break
        out += t.text
        if len(out) >= 4:
            break
    return out if len(rest) - len(out) >= 2 else ""


def _list_start(s: str, pos: int, floor: int) -> int:
    """Where the clause holding a list that ends at ``pos`` starts (完成|茅岗首期安置区、华南国际港航中心
    二期等24个项目): the items joined by 、 are one clause."""
    i = _clause_start(s, pos, floor)
    while i > floor and s[i - 1] == "、":
        i = _clause_start(s, i - 1, floor)
    return i


def _leading_verb(phrase: str) -> str:
    """加快建设 in 加快建设知识城南方医院、…等: the verbs a clause opens with."""
    out = ""
    for k, t in enumerate(segmenter().tokens(phrase)):
        if not (t.text in _action_words() or k == 0 and _is_action(t)):  # (加快|建设, not 知识 of 知识城)
            break
        out += t.text
    return out if 2 <= len(out) <= 6 else ""


def indicator_of(s: str, f: Figure, prev: Figure | None, prev_ind: str | None, prev_verb: str = "",
                 subject: str = "") -> _Indicated:
    """The indicator and measure of figure ``f`` in sentence ``s``; ``prev_verb`` is the verb that
    opened the figure before (新增高新技术企业9家、科技型中小企业67家: both are 新增); ``subject`` the
    name of the entity that opens the clause (沥滘村64万平方米建筑物: what is measured follows it)."""
    floor = prev.end if prev is not None else 0
    cs = _clause_start(s, f.start, floor)
    raw = _drop_parens(s[cs:f.start])
    left = re.sub(r"连续\d+年", "", raw)
    left = _YEAR_OF.sub("", _FROM_PHRASE.sub("", left))  # 人均地区生产总值从2020年的 / 提高到2025年的
    left = LEAD.sub("", left)
    opening = next((v for v in figure_verbs() if left.startswith(v)), "")
    if opening:
        opening += _more_verbs(left[len(opening):])  # 新开工|改造 城镇老旧小区…、城中村: both verbs go on
    if not opening and prev_verb and s[floor:cs] == "、" and left and not _is_verb(left):
        left, opening = prev_verb + left, prev_verb
    if f.kind == "streak":
        # 粮食生产实现“十九连丰” -> 粮食生产连续丰收年数: the years in a row of what the clause is about
        done = streak_words().get(f.scope)
        subject = re.sub(r"^(?:荣膺|荣获|获得|实现|保持)|(?:实现了?|保持|荣膺|荣获|获得|历史罕见的|连续)+$", "", left)
        if not done or not subject:
            return _Indicated("", "level", cs)  # (…总产量132.4亿斤，实现“十连丰”: whose streak is not said here)
        return _Indicated(subject + "连续" + done + "年数", "level", cs, verbatim=True)
    if f.kind == "rank" and prev_ind and prev is not None and s[prev.end:cs] in "、，,":
        # 地区生产总值…增长5.5%，总量和增速均居全国第5位; 水电装机容量突破1亿千瓦、保持全国第1位: a rank
        # of what the figures before named, said with a verb or generic words only
        head = re.sub(r"[均都也还已]+$", "", RANK_VERB.sub("", left))
        parts = re.split(r"和|、|及|与", head)
        if all(p in RANK_BACKREF for p in parts):
            names = [_indicator(prev_ind + RANK_BACKREF[p], "rank", f, s, prev_ind, False) for p in parts]
            return _Indicated(names[0], "rank", cs, more=tuple(names[1:]))
    measure = "level"
    change = GROWTH.fullmatch(left) or DECLINE.fullmatch(left)
    if change and f.kind == "figure" and f.unit not in RATE_UNITS and prev is not None and prev.unit == f.unit \
            and prev_ind and s[prev.end:cs] in "、，,":
        # 优良天数达到251天、同比增加32天: a change in the unit of the level before it, named by the words
        # that say it (no growth rate: a rate is said in %)
        return _Indicated(prev_ind + re.sub(r"[了达为]$", "", raw.strip()), "level", cs, verbatim=True)
    if f.kind == "rank":
        measure = "rank"
    elif f.unit in RATE_UNITS | {"倍"} and GROWTH.search(left):
        measure, left = "growth", GROWTH.sub("", left)
    elif f.unit in RATE_UNITS and DECLINE.search(left):
        measure, left = "decline", DECLINE.sub("", left)
    average = measure == "growth" and bool(re.search(r"年均(?:增长|增速|增幅)", raw))
    left = TRAIL.sub("", left)
    each = left.endswith("各")  # A和B各2亿元: the amount is each one's
    if each:
        left = TRAIL.sub("", left[:-1])
    left = LEAD.sub("", left)
    right = _right_noun(s, f.end) if f.kind == "figure" else ""
    continuous = f.unit == "年" and raw.endswith("连续")
    if continuous:
        left = re.sub(r"连续$", "", left)
    verb = next((v for v in figure_verbs() if left.endswith(v)), "")
    verbatim = False  # the name is made of a verb and a generic noun: no verb is to be cleaned off it
    noun = right.strip("“”\"")
    if right and noun in generic_words() and _is_count(f):
        # 6家企业获评广州市独角兽 counts the enterprises so named: 获评广州市独角兽企业; 加快建设知识城南方医院、
        # 广州医科大学附属妇女儿童医院等8家医院 counts the hospitals being built: 加快建设医院
        pred = _predicate_after(s, f.end + len(right))
        lead = "" if pred else (_leading_verb(_drop_parens(s[_list_start(s, f.start, floor):f.start]))
                                if raw.endswith("等") else "")
        pred = re.sub(r"[“”\"]", "", pred)  # 实现“秒批” -> 实现秒批: an indicator's name holds no quotes
        right = (pred or lead) + noun if (pred or lead) else ""
        verb = ""
        verbatim = bool(right)
    elif right and noun in generic_words():
        right = ""
    if right and _is_count(f) and QUALITIES.match(noun):
        return _Indicated("", measure, cs)  # 发挥中央和地方两个积极性: a quality, not a thing counted
    if raw.endswith("在") and re.match(r"[^，,；;。]{1,12}?中", s[f.end:]):
        return _Indicated("", measure, cs)  # 在100个城市样本中脱颖而出: the set compared in, not a figure
    if not right and raw.endswith("等") and _is_count(f) and noun in generic_words():
        # 广州二中南沙天元学校、…等四所学校: examples of a kind, and nothing said of them that is counted
        return _Indicated("", measure, cs)
    carried = False  # the indicator is the one of the figure before (增长15.9% after 总营收128.64亿元)
    named_left = resolve(left, "level") if left else None
    if right and subject and left.endswith(subject) and len(left) - len(subject) <= 1:
        named_left = None  # the words before the figure are only the subject's name
    if raw.endswith(_PREPOSITIONS) and _is_count(f):
        # 为3名被不实检举干部澄清正名, 向8个市下放省级用地审批权: the figure is the object of a preposition;
        # what is counted is the noun after it, named by what is done to it
        noun = _right_noun(s, f.end, passive=True)
        pred = _predicate_after(s, f.end + len(noun)) if noun else ""
        if noun and pred:
            return _Indicated(pred + noun, measure, cs, verbatim=True)
    if right and not continuous and (left in GENERIC or left.endswith(("等", "和", "及", "与", "的")) or
                                     raw.endswith(("、", "等", "和", "及", "与", "的")) or verb or _is_verb(left)
                                     or _is_count(f) or named_left is None or not named_left.in_scheme
                                     and len(clean(left)) <= len(left) - 2):
        # a measure word binds the noun after it (深化122个“一件事”主题服务, 优化50条道路路网), and so does
        # an amount after a verb (建设2.2万平方米IC设计孵化基地); 新建幼儿园2所 keeps its verb
        base = verb + right
    elif left in TOTAL_WORDS and prev_ind:
        base = re.sub(r"^(?:新增|新引进|新设|新建|新)", "", prev_ind) + left  # 新增上市企业17家,总数达到181家
    elif (left in GENERIC or left in ATTRIBUTE_WORDS) and prev_ind:
        # 重点项目120个、总投资500亿元: the investment of those projects; 铁路运营里程新增1700公里、突破
        # 7000公里: the length reached, not added
        reached = _REACHED.search(raw) or f.qualifier in ("突破", "超过", "超", "逾", "达")
        carried_name = _stock_of(prev_ind) if reached else prev_ind
        base = carried_name + ("" if left in ("", "共", "达", "均") else left)
        carried = left not in ATTRIBUTE_WORDS
    else:
        base = left
    base = base.replace("实现", "")
    base = re.sub(r"^(?:新增加|增加)(?=..)", "新增", base) if measure == "level" else base  # 增加学位 = 新增学位
    if measure == "level" and f.unit in ("%", "‰", "") and re.search(r"占|比重|率|比例|强度|覆盖", base + left):
        measure = "share"
        if re.match(r"占", left) and prev_ind:
            # 高企1031家、占全市49%: the share of the figure before; 占全国份额从14%提升到15.5% keeps its whole
            m = re.fullmatch(r"占(.{1,14}?)(比重|份额|比例)", left)
            base = prev_ind + (left if m else "占比")
        elif "占" in base:
            # 可再生能源占电力装机比重 keeps what it is a share of; 高企1031家、占全市49% is a 占比
            m = re.search(r"占(.{1,14}?)(比重|份额|比例)$", base)
            base = base[:base.index("占")] + (f"占{m.group(1)}{m.group(2)}" if m else "占比")
    # a rate or a rank after coordinated items holds for each (工业投资、技改投资增速超15%); an amount
    # after them is their joint total (软件和集成电路产业规模超85亿元), so it stays one figure
    if (each or measure in ("growth", "decline", "rank")) and not continuous and not carried:
        bases = [_head_of_list(b) for b in _coordinated(_listed_before(s, cs, floor) + base)]
    else:
        bases = [_head_of_list(base)]
    out = [_indicator(b, measure, f, s, prev_ind, continuous, average) for b in bases]
    if not out[0]:
        out = [_indicator(_head_of_list(base), measure, f, s, prev_ind, continuous, average)]
    carry = base[-MAX_INDICATOR:].strip("“”\" 的") if continuous else None
    return _Indicated(out[0], measure, cs, carry, tuple(x for x in out[1:] if x), opening, verbatim)


def _written_in(written: str, s: str) -> bool:
    """A name made of the items of an A、B…分别 clause keeps the report's spelling only where the sentence
    writes it: 城镇、农村居民人均可支配收入 makes 城镇人均可支配收入, a name of the scheme the report did not
    write (the canonical name stands)."""
    if not written:
        return False
    base = re.sub(r"(?:年均增速|增速|降幅|占比|(?:" + "|".join(RANK_SCOPES) + r")?排名)$", "", written)
    return match_key(base) in match_key(s)


def _scheme_prefix(phrase: str) -> str | None:
    """The words a phrase opens with that name a concept of the scheme (生产总值 in 生产总值连续跨越…三个
    大台阶), as the report wrote them; None when it opens with none."""
    text = clean(phrase)
    sch = scheme()
    for k in range(min(len(text), 16), 2, -1):
        if sch.lookup(text[:k]) is not None:
            return text[:k]
    return None


def _stock_of(name: str) -> str:
    """新增上市企业 -> 上市企业, 铁路运营里程新增 -> 铁路运营里程: the thing a flow adds to."""
    for v in figure_verbs():
        if name.startswith(v) and len(name) - len(v) >= 2:
            return name[len(v):]
        if name.endswith(v) and len(name) - len(v) >= 2:
            return name[:-len(v)]
    return name


def _only_verbs(phrase: str) -> bool:
    """深化, 全面启动, 保持: a phrase of verbs and adverbs names no measure."""
    tokens = segmenter().tokens(phrase)
    return bool(tokens) and all(t.tag[:1] in ("v", "d") and t.tag != "vn" for t in tokens)


def _indicator(base: str, measure: str, f: Figure, s: str, prev_ind: str | None, continuous: bool,
               average: bool = False) -> str:
    base = base[-MAX_INDICATOR:].strip("“”\" 的")
    if _only_verbs(base):
        word = _classifier_words().get(_classifier(f.unit), "") if measure == "level" and _is_count(f) \
            and re.match(r"\d", f.value_text) and not s.startswith("的", f.end) else ""  # (解决了8.4万人的…问题)
        # 有序疏解、转运近80万人: a count of people that only a verb names counts those it was done to (转运人数)
        return base + word if word and 2 <= len(base) <= 6 else ""
    if not base:
        base = prev_ind or ""
    if continuous:
        return base + "连续" + _right_phrase(s, f.end, 14) + "年数"  # 连续3年获评优秀 -> …连续获评优秀年数
    if measure == "growth":
        return base + ("年均增速" if average else "增速")
    if measure == "decline":
        return base + "降幅"
    if measure == "rank":
        return base + (f.scope or "") + "排名"
    return base


def _listed_before(s: str, cs: int, floor: int) -> str:
    """The items listed with 、 right before the clause at ``cs`` (科技创新、营商环境、|上市企业总数…),
    each a short name without figures; '' when there are none."""
    items: list[str] = []
    while cs > floor and s[cs - 1] == "、":
        start = _clause_start(s, cs - 1, floor)
        item = LEAD.sub("", s[start:cs - 1])
        if not (2 <= len(item) <= 10) or re.search(r"\d", item):
            break
        items.insert(0, item)
        cs = start
    return "".join(x + "、" for x in items)


def _coordinated(base: str) -> list[str]:
    """What a figure measures, one per coordinated item: 工业投资、技改投资 (增速超15%) -> both;
    展览规模和场次 (全国第一) -> 展览规模, 场次; 科技创新、营商环境等指标 -> 科技创新指标, 营商环境指标.
    A single item, or items too long to be names of measures, give ``[base]``."""
    if any(n in base for n in lexicon_words("sector_names")):
        return [base]  # 软件和信息技术服务业增加值: one sector of the industry classification
    head = ""
    body = base
    if "等" in base:
        body, head = base.rsplit("等", 1)
    words = segmenter().tokens(body)
    items, cur = [], ""
    for t in words:
        if t.text == "、" or (t.text == "和" and t.tag == "c") or t.text == "及":
            items.append(cur)
            cur = ""
        else:
            cur += t.text
    items.append(cur)
    if not (2 <= len(items) <= 6) or not all(2 <= len(x) <= 14 for x in items):
        return [base]
    quoted = re.search(r"“[^”]+”", items[-1])
    if quoted and quoted.start() > 0 and not head:
        return [items[-1][quoted.start():]]  # 新能源汽车、光伏产品、锂电池“新三样”出口: the three named as one
    if head:
        return [x + head for x in items]
    heads, shared = _split_shared(items)
    return [h + shared for h in heads]


# ------------------------------------------------------------------ periods and targets

_MONTHS = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?:(?P<a>\d{1,2})(?:-|至|—)(?P<b>\d{1,2})月|截至(?:(?P<y2>(?:19|20)\d{2})年)?(?P<c>\d{1,2})月(?:底|末))")
_HALF = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<h>上半年|下半年|前三季度|一季度|第一季度)")
_SPAN = re.compile(r"“?(?P<plan>十[一二三四五]五)”?(?:时期|期间|以来|末)?|这五年|五年来|过去五年|近五年|今后五年|未来五年")
_YEAR = re.compile(r"(?:到|至|截至)?(?P<y>(?:19|20)\d{2})年(?:底|末|前)?")
_FROM_TO = re.compile(r"从$|由$")
_REACHED = re.compile(r"(?:增至|达到|达|提升至|提高到|提高至|提升到|上升到|上升至|增加到|增加至|突破|超过|超|迈上|跨上|跃升至|"
                      r"升至|降至|降到|下降到|缩小到|缩小至)(?:了)?$")
_OVER_SPAN = re.compile(r"累计|合计|共计|总计|年均|平均|五年|新增|共")


_FROM_PHRASE = re.compile(r"(?:从|由)(?:(?P<y>(?:19|20)\d{2})年(?:底|末)?的?)?$")
_YEAR_OF = re.compile(r"(?:19|20)\d{2}年(?:底|末)?的?$")


def period_of(s: str, f: Figure, ctx: SentenceContext) -> str:
    """The period a figure speaks of: the nearest period words before it in its sentence,
    else the paragraph's span, else the section's year.  The first figure of 从A提高到B is of the
    time before that period (这五年,高企总数从360家增至1031家: 360 is of 2015), unless its year is said
    (从2020年的10.5万元)."""
    m = _FROM_PHRASE.search(s[:f.start])
    if m:
        if m.group("y"):
            return m.group("y")
        p = _period_of(s, f, ctx, from_value=True)
        return str(int(p[:4]) - 1) if re.match(r"\d{4}", p) else p
    return _period_of(s, f, ctx)


def _period_of(s: str, f: Figure, ctx: SentenceContext, from_value: bool = False) -> str:
    head = s[:f.start]
    year = ctx.year
    best: tuple[int, str] | None = None

    clause_from = _clause_start(s, f.start, 0)

    def consider(pos: int, value: str) -> None:
        nonlocal best
        if pos < clause_from and not re.fullmatch(r"\d{4}(?:-\d{4})?", value):
            return  # part of a year (截至11月底, 上半年) holds for its own clause only
        if best is None or pos >= best[0]:
            best = (pos, value)

    for m in _YEAR.finditer(head):
        consider(m.start(), m.group("y"))
    for m in _HALF.finditer(head):
        y = m.group("y") or year
        code = {"上半年": "H1", "下半年": "H2", "前三季度": "Q1-Q3", "一季度": "Q1", "第一季度": "Q1"}[m.group("h")]
        consider(m.start() + 0.5, f"{y}{code}")
    for m in _MONTHS.finditer(head):
        y = m.group("y") or m.group("y2") or year
        if m.group("c"):
            a, b = 1, int(m.group("c"))
        else:
            a, b = int(m.group("a")), int(m.group("b"))
        consider(m.start() + 0.5, f"{y}M{a:02d}-M{b:02d}")
    for m in _SPAN.finditer(head):
        if re.search(r"(?:较|比|与|同|相比|对比)“?$", head[max(0, m.start() - 3):m.start()]):
            continue  # 较“十三五”期末增长36.2%: the span is what the figure is compared with
        if m.group("plan"):
            a, b = FIVE_YEAR_PLANS[m.group("plan")]
        elif year is not None:
            a, b = (year + 1, year + 5) if m.group(0) in ("今后五年", "未来五年") else (year - 4, year)
        else:
            continue
        consider(m.start(), f"{a}-{b}")
    span = None
    if best is not None:
        m = re.fullmatch(r"(\d{4})-(\d{4})", best[1])
        if not m:
            if from_value and ctx.span is not None and best[0] < clause_from:
                return f"{ctx.span[0]}-{ctx.span[1]}"  # 这五年,截至11月底…从360家: the span's, not the month's
            return best[1]
        span = (int(m.group(1)), int(m.group(2)))
    elif ctx.span is not None:
        span = ctx.span
    if span is not None:
        a, b = span
        if from_value:
            return f"{a}-{b}"
        # a level reached at the span's end is of its last year; a sum or an average over it is the span's
        clause = head[_clause_start(head, len(head), 0):]
        if _REACHED.search(head[-5:]) and not _OVER_SPAN.search(clause):
            return str(b)
        return f"{a}-{b}"
    return str(year) if year is not None else ""


def is_target(s: str, f: Figure, ctx: SentenceContext) -> bool:
    """A goal rather than a result: the plan part of a report, or a target cue in the clause."""
    if ctx.phase == "plan":
        return True
    clause = s[_clause_start(s, f.start, 0):_clause_end(s, f.end)]
    if TARGET_CUES.search(clause) or re.search(r"到(?:19|20)\d{2}年", s[:f.start]):
        return not re.search(r"预计(?!达到)", clause)
    return False


# ------------------------------------------------------------------ the document


def observations_in(doc: Document, entities: list[Entity], area_key: str | None,
                    contexts: list[SentenceContext]) -> list[Observation]:
    """Every observation of one report, in text order, one per dimension key (see ``unique_keys``)."""
    starts: dict[int, tuple[Entity, int]] = {}  # offset -> (entity, end of its mention)
    own: set[int] = set()  # where the report's own area is named (全县, 我区) or stands alone
    for e in entities:
        if e.top not in ("Place", "Organization", "Project"):
            continue
        for m in e.mentions:
            if m.doc_id != doc.id:
                continue
            if m.rule == "deictic" or e.key == area_key:
                own.add(m.start)
            else:
                starts.setdefault(m.start, (e, m.end))
    out: list[Observation] = []
    for sent, ctx in zip(doc.sentences, contexts):
        if ctx.phase in SKIPPED_PHASES:
            continue
        s = doc.norm[sent.start:sent.end]
        prev: Figure | None = None
        prev_ind: str | None = None
        prev_verb = ""
        carried_subject: Entity | None = None
        figures = find_figures(s)
        shared_at: dict[int, tuple[int, int]] = {}
        shared = distributive_bases(s, figures, shared_at)
        group_measure: str | None = None
        for k, f in enumerate(figures):
            if is_threshold(s, f, figures[k + 1] if k + 1 < len(figures) else None):
                if split_unit(f.unit)[1] != "岁":
                    prev = f  # (投资2000万元以上的|技改项目3000个: what the next figure counts starts after the bound;
                    # an age bound names the group measured: 3岁以下婴幼儿托位数)
                continue
            opener = _subject_at(s, sent.start, _clause_start(s, f.start, prev.end if prev else 0), starts, own, f.start)
            ind = indicator_of(s, f, prev, prev_ind, prev_verb, opener.label if opener else "")
            prev_verb = ind.verb
            if k in shared and f.kind == "figure":
                if group_measure is None or k - 1 not in shared:
                    group_measure = ind.measure  # the first figure after 分别 reads the verb (下降, 增长)
                # whose figure it is: a division its item opens with (成都、重庆…分别), else what opens the list
                # (对共建“一带一路”国家、非洲、欧洲出口分别…: the report's area, not 欧洲 before the verb)
                item_at, list_at = shared_at.get(k, (ind.clause_start, ind.clause_start))
                own_item = _subject_at(s, sent.start, item_at, starts, own, f.start)
                listed = _subject_at(s, sent.start, list_at, starts, own, f.start)
                if own_item is not None and own_item.top == "Place" and own_item.cls not in ("Region", "Country"):
                    at = item_at  # (曹妃甸区、渤海新区和北戴河新区投资分别增长…: each its own)
                elif listed is not None and item_at != list_at and listed.top == "Place":
                    at = item_at  # (the list opens with a place that is one of its items, not the list's owner)
                else:
                    at = list_at
                ind = _Indicated(shared[k] + _SUFFIX.get(group_measure, ""), group_measure, at)
            topic = _scheme_prefix(LEAD.sub("", s[max(s.rfind(c, 0, f.start) for c in "，,；;：:。") + 1:f.start]))
            if not ind.indicator and topic is not None and ind.measure == "level" and f.kind == "figure" \
                    and not _is_count(f) and re.search(r"[、，,](?:超过|突破|达到|达|超)$", s[:f.start] + f.qualifier):
                # 经济总量跨过两个万亿元大关、超过6万亿元: the level the clause's subject reached
                ind = _Indicated(topic, "level", ind.clause_start)
            if not ind.indicator:
                prev = f
                if topic is not None:
                    prev_ind = topic
                continue
            subject = _subject_at(s, sent.start, ind.clause_start, starts, own, f.start)
            if subject is None and carried_subject is not None and not _opens_own(s, sent.start, f, own):
                subject = carried_subject  # 宁波舟山港集装箱吞吐量4387万标箱、增长11.6%，保税燃料油加注880万吨
            resolved = []
            for name in (ind.indicator, *ind.more):
                said = next((n for n in (subject.label, *subject.aliases) if len(n) >= 2 and n in name), None) \
                    if subject is not None else None
                if said is not None:
                    rest = name.replace(said, "", 1)
                    if len(rest) < 2 or resolve(rest, ind.measure) is None:
                        subject = None  # the figure counts the entity itself (上市公司518家): the area's
                    elif name.startswith(said):
                        name = rest
                r = resolve(name, ind.measure, verbatim=ind.verbatim)
                if r is not None:
                    resolved.append((name, r))
            if not resolved:
                prev = f
                if ind.measure in ("level", "share") and ind.indicator in generic_words():
                    prev_ind = None  # 其中企业410.1万户、增长7.7%: the growth is of what was not named
                elif topic is not None:
                    # 全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%: the marks passed are no
                    # figure, but the clause's subject, which passed them, is what the growth after them is of
                    prev_ind = topic
                continue
            listed = [] if k in shared else _listed_subjects(s, sent.start, ind.clause_start, starts, subject)
            for part, (text, r) in enumerate(resolved):
                if f.kind == "rank":
                    base_value, base_unit = f.value, "rank"
                elif f.kind == "ratio":
                    base_value, base_unit = f.value, "ratio"
                elif f.unit == "":
                    base_value, base_unit = f.value * 100, "percent"
                else:
                    base_value, base_unit = normalize(f.value, f.unit)
                out.append(Observation(
                    doc_id=doc.id, start=sent.start + f.start, end=sent.start + f.end, sentence=sent.index,
                    indicator=r.label, value=f.value, value_text=f.value_text, unit=f.unit, base_value=base_value,
                    base_unit=base_unit, period=period_of(s, f, ctx), measure=r.measure,
                    target=is_target(s, f, ctx), qualifier=f.qualifier,
                    area_key=subject.key if subject is not None else area_key,
                    rule=f"figure:{f.kind}" + (":coordinated" if len(resolved) > 1 else ""),
                    confidence=(0.8 if r.measure != "rank" else 0.7) - (0.1 if len(resolved) > 1 else 0), part=part,
                    base_indicator=r.base, in_scheme=r.in_scheme, indicator_text=text,
                    written=r.written if k not in shared or _written_in(r.written, s) else ""))
                # (each its own observation: a part number of its own keeps their IRIs apart)
                out.extend(replace(out[-1], area_key=x.key, part=100 * (n + 1) + part) for n, x in enumerate(listed))
            prev = f
            carried_subject = subject
            first = resolved[0][1]
            if ind.carry is not None:
                prev_ind = ind.carry
            elif first.measure in ("level", "share", "rank") or prev_ind is None:
                # a rank hands on what it ranks (综合评价排名从第31位上升至第19位: both rank 综合评价)
                prev_ind = first.base if first.measure not in ("level", "share") else (first.written or first.label)
    return unique_keys([o for o in out if o.area_key is not None], doc.text)


def dimension_key(o: Observation) -> tuple:
    """What identifies an observation in its report's data set (the Data Cube dimensions)."""
    return (o.area_key, o.period, o.indicator, o.measure, o.target)


# what a figure in a base unit measures of a thing, named after it where two figures of one
# indicator differ in kind (助力中小微企业贷款154笔共4.65亿元: …贷款 and …贷款金额)
QUANTITY_WORDS = {"元": "金额", "USD": "金额", "HKD": "金额", "EUR": "金额", "平方米": "面积", "米": "长度",
                  "千克": "重量", "立方米": "体积", "count": "数"}


def _classifier(unit: str) -> str:
    """万户 -> 户, 个 -> 个: a count's classifier without its magnitude."""
    return re.sub(r"^(?:万亿|亿|千万|百万|万|千|百)", "", unit)


@lru_cache(maxsize=1)
def _classifier_words() -> dict[str, str]:
    """classifier -> the word an indicator counting in it is named by (words.toml: classifier_quantities)."""
    return dict(w.split("=", 1) for w in lexicon_words("classifier_quantities"))


def _deed(text: str, o: Observation) -> str:
    """The verb a figure is counted by, said right after it (90项已完成, 15项持续推进) or right before it
    (收储5宗地块, 参与…3个产业用地项目): what sets it apart from another figure of its indicator."""
    after = re.match(r"[^，,；;。：:、\d]{1,6}", text[o.end:o.end + 6])
    if after:
        toks = segmenter().tokens(after.group(0))
        if toks and (toks[0].tag.startswith("v") or toks[0].tag == "d" and len(toks) > 1 and toks[1].tag.startswith("v")):
            return after.group(0) if len(toks) <= 2 else "".join(t.text for t in toks[:2])
    before = text[max(0, o.start - 4):o.start]
    toks = segmenter().tokens(before)
    if toks and toks[-1].tag.startswith("v") and toks[-1].tag != "vn" and len(toks[-1].text) == 2:
        return toks[-1].text
    return ""


def unique_keys(observations: list[Observation], text: str = "") -> list[Observation]:
    """One observation per dimension key (W3C Data Cube IC-12).  A figure said again with the same
    value is the first saying of it.  A figure in another kind of unit than the first of its key is of
    another quantity: its indicator takes the quantity's name (贷款 -> 贷款金额).  Of figures that give
    one key different values otherwise, the first in the report is kept (the overview before the
    details that restate parts of it)."""
    seen: dict[tuple, Observation] = {}
    out = []
    for o in observations:
        k = dimension_key(o)
        first = seen.get(k)
        if first is not None and first.base_unit != o.base_unit and not o.in_scheme:
            word = QUANTITY_WORDS.get(o.base_unit, "")
            if word and not o.indicator.endswith(word):
                o = replace(o, indicator=o.indicator + word)
                k = dimension_key(o)
                first = seen.get(k)
        elif first is not None and o.base_unit == first.base_unit == "count" and not o.in_scheme \
                and first.value != o.value and _classifier(o.unit) != _classifier(first.unit):
            # 累计识别监测对象20.9万户69.3万人: a count in another classifier counts another thing (人数)
            word = _classifier_words().get(_classifier(o.unit), "数")
            if not o.indicator.endswith(word):
                o = replace(o, indicator=o.indicator + word)
                k = dimension_key(o)
                first = seen.get(k)
        elif first is not None and text and o.base_unit == first.base_unit and first.value != o.value \
                and not o.in_scheme and o.measure == "level":
            # 105项具体工作90项已完成，15项持续推进; 出让7宗地块、收储5宗地块: another figure of the key, set apart by
            # the verb it is counted by, is the count of what that verb says
            deed = _deed(text, o)
            if deed and deed not in o.indicator and deed != _deed(text, first):
                o = replace(o, indicator=(o.indicator + deed if text.startswith(deed, o.end) else deed + o.indicator) + "数")
                k = dimension_key(o)
                first = seen.get(k)
        if first is not None:
            continue
        seen[k] = o
        out.append(o)
    return out


_DISTRIBUTIVE = re.compile(r"(?P<subj>[^，,；;。：:()（）]+?)分别(?P<verb>[^，,；;。、\d]{0,6})")


# the ends of names that say what of a thing is measured (建成面积, 机械化率, 总产量)
MEASURE_END = re.compile(r"(?:率|量|数|额|值|面积|规模|里程|收入|指数|比重|占比|增速|增幅|降幅|浓度|产值|营收|强度)$")
# a measure the last of coordinated items may close for all of them (国家级绿色工厂、工业园区数量)
SHARED_MEASURE = re.compile(r"(?:数量|总数|总量|规模|总额)$")


@lru_cache(maxsize=1)
def _world_names() -> frozenset[str]:
    from .gazetteer import lexicon

    return frozenset(n for e in (*lexicon("world.tsv"), *lexicon("regions.tsv")) for n in (e.name, *e.aliases))


def _place_token(t) -> bool:
    """A place's name (a division's, a region's or a country's: 非洲, 香港, 成都; jieba tags 美丽 ns too, so its
    tag is not enough) or the word for countries or regions (…国家, …地区)."""
    from .gazetteer import gazetteer

    gz = gazetteer()
    return t.text in ("国家", "地区") or len(t.text) >= 2 and t.tag == "ns" and (
        t.text in _world_names() or t.text in gz.by_name or t.text in gz.by_short)


def _split_shared(items: list[str]) -> tuple[list[str], str]:
    """A、B平均浓度 -> ([A, B], 平均浓度): the words the last item shares with the others, cut at a
    word boundary so the last item's own part is about as long as the others."""
    *others, last = items
    target = sum(len(x) for x in others) / len(others)
    cuts, pos = [], 0
    toks = [t.text for t in segmenter().tokens(last)]
    for t in toks:
        pos += len(t)
        cuts.append(pos)
    # the last item ends its own part with the word another item ends with (工业技改投资、制造业技改投资|增速;
    # 六大优势产业、高技术制造业、绿色低碳优势产业|增加值): the rest is what they share
    ends = {segmenter().tokens(x)[-1].text for x in others if x}
    same = [c for c, t in zip(cuts, toks) if t in ends and len(t) >= 2]
    if same:
        return [*others, last[:same[-1]]], last[same[-1]:]
    if all(MEASURE_END.search(x) for x in others):
        return items, ""  # 高标准农田建成面积、农作物耕种收综合机械化率: each item names its own measure
    if len(toks) >= 2 and _place_token(segmenter().tokens(last)[0]) and all(_place_token(segmenter().tokens(x)[-1]) for x in others if x):
        return [*others, toks[0]], last[len(toks[0]):]  # 对共建“一带一路”国家、非洲、欧洲|出口: places, and what of them
    shared = SHARED_MEASURE.search(last)
    if shared and shared.start() >= 2:
        return [*others, last[:shared.start()]], last[shared.start():]  # 国家级绿色工厂、工业园区|数量
    cut = min(cuts, key=lambda c: (abs(c - target), c))
    return [*others, last[:cut]], last[cut:]


def _items(subj: str) -> list[str]:
    """A、B和C -> [A, B, C]: the items of a coordination (、, 和, 及, 与, 以及)."""
    items, cur = [], ""
    for t in segmenter().tokens(subj):
        if t.text in ("、", "及", "以及") or (t.text in ("和", "与") and t.tag == "c"):
            items.append(cur)
            cur = ""
        else:
            cur += t.text
    items.append(cur)
    return [x for x in items if x]


def _share_prefix(heads: list[str], shared: str) -> list[str]:
    """生产安全事故起数和死亡人数 -> 生产安全事故死亡人数; 入境游客数量和花费 -> 入境游客花费: a later
    item much shorter than the first takes the first's head, cut where the scheme knows the result,
    else (for an item of one word) before the first's last word."""
    first = heads[0]
    toks = [t.text for t in segmenter().tokens(first)]
    cuts, pos = [], 0
    for t in toks[:-1]:
        pos += len(t)
        cuts.append(pos)
    out = [first]
    for h in heads[1:]:
        toks_h = segmenter().tokens(h)
        if len(first) < len(h) + 2 or not cuts or h[:2] == first[:2] or len(toks_h) == 1 and _place_token(toks_h[0]):
            # (a place is whole: 对共建“一带一路”国家、非洲、欧洲出口 -> 非洲出口, not 共建“一带一路”非洲出口)
            out.append(h)
            continue
        cut = next((c for c in reversed(cuts) if scheme().lookup(first[:c] + h + shared) is not None), None)
        if cut is None and len(h) <= 3 and len(first) - len(h) in cuts:
            cut = len(first) - len(h)  # 电信网络诈骗案件受理数、案损数: 案损数 takes the place of 受理数
        if cut is None and len(h) <= 3 and len(toks) >= 2:
            cut = len(first) - len(toks[-1])
        out.append(first[:cut] + h if cut else h)
    return out


def _pair_items(item: str, n: int) -> list[str]:
    """城乡居民人均可支配收入 with two figures -> 城镇居民…, 农村居民…: a word that stands for two items."""
    pairs = words().pairs
    for key in sorted(pairs, key=len, reverse=True):
        if item.startswith(key) and len(pairs[key]) == n:
            return [p + item[len(key):] for p in pairs[key]]
    return [item]


def distributive_bases(s: str, figures: list[Figure], where: dict[int, tuple[int, int]] | None = None) -> dict[int, str]:
    """Figures of an A、B…分别 n1、n2… clause -> the item each measures (PM2.5、PM10平均浓度分别下降
    8%、14.6% -> {0: PM2.5平均浓度, 1: PM10平均浓度}; 城镇和农村居民人均可支配收入分别增长4.3%、5.5%;
    城乡低保标准分别增长9.9%、13.2%); items and figures must pair one to one.  ``where`` receives, for each
    figure, where its item and where the whole list start in ``s`` (whose figure it is is read there)."""
    out: dict[int, str] = {}
    for m in _DISTRIBUTIVE.finditer(s):
        subj = LEAD.sub("", m.group("subj"))
        subj_at = m.end("subj") - len(subj)
        stop = _clause_end(s, m.end())
        while stop < len(s) and s[stop] == "、":
            stop = _clause_end(s, stop + 1)
        group = [i for i, f in enumerate(figures) if m.start("verb") <= f.start < stop]  # 分别超过8万元: 超过 is f's
        items = _items(subj)
        if len(items) == 1:
            items = _pair_items(items[0], len(group))
        if len(items) < 2 or len(group) != len(items):
            continue
        heads, shared = _split_shared(items)
        heads = _share_prefix(heads, shared)
        at = subj_at
        for i, head, item in zip(group, heads, items):
            out[i] = (head + shared)[-MAX_INDICATOR:]
            found = s.find(item, at, m.end("subj"))
            at = found if found >= 0 else at
            if where is not None:
                where[i] = (at, subj_at)
    return out


_SUFFIX = {"growth": "增速", "decline": "降幅"}


def _base_of(indicator: str) -> str:
    return re.sub(r"(增速|降幅|排名)$", "", indicator)


TOPIC_DELIMS = "，,；;：:"


def _topic_clause(s: str, pos: int) -> int:
    """Where the comma-clause holding ``pos`` starts (a 、 does not end it)."""
    i = pos
    while i > 0 and s[i - 1] not in TOPIC_DELIMS:
        i -= 1
    return i


def _fragment(s: str, a: int, b: int) -> bool:
    """A mention [a, b) whose end cuts a name of the scheme (全县地区|生产总值, 人均地区|生产总值,
    新开工改造城镇|老旧小区): a piece of an indicator the recognizer took for a place."""
    lengths = scheme().name_lengths
    keys = scheme().by_key
    for k in range(a, b):
        for n in lengths:
            if k + n > b and s[k:k + n].upper() in keys:
                return True
    return False


def _opening(s: str, offset: int, pos: int, starts: dict, own: set[int], before: int | None = None) -> Entity | None | bool:
    """The entity that opens the clause at ``pos`` (after lead words): an Entity, False where the
    clause opens with the report's own area (全县, 我区), None where it opens with neither (or with a
    name that runs past ``before``, the figure: 安大两条建材通道 holds its figure, it is not its subject)."""
    lead = LEAD.match(s, pos)
    at = lead.end() if lead else pos
    if offset + at in own or re.match(r"全(?:省|市|县|区|镇|乡|国)", s[at:at + 2]):
        return False
    hit = starts.get(offset + at)
    if hit is None:
        return None
    e, end = hit
    if before is not None and end - offset > before:
        return None
    if _fragment(s, at, end - offset):
        return None  # a piece of an indicator
    if "等" in s[end - offset:before if before is not None else end - offset + 1]:
        return False  # an example of what the area counts (腾讯广州总部等13个项目, 北海|铁山港…泊位等7个港航项目)
    return e


def _subject_at(s: str, offset: int, clause_start: int, starts: dict, own: set[int],
                before: int | None = None) -> Entity | None:
    """The entity a clause opens with (琶洲实验室部署科研项目50余个 measures 琶洲实验室)."""
    e = _opening(s, offset, clause_start, starts, own, before)
    return e or None


def _division_name(text: str) -> bool:
    from .gazetteer import gazetteer

    gz = gazetteer()
    return len(text) >= 2 and (text in gz.by_name or text in gz.by_short)


DIVISIONS = ("Province", "City", "District", "County", "Township")


def _listed_subjects(s: str, offset: int, clause_start: int, starts: dict, subject: Entity | None) -> list[Entity]:
    """The places listed with 、 before the one that opens a figure's clause (内江、眉山、自贡、遂宁经济总量突破
    2000亿元): each measures the same figure."""
    if subject is None or subject.cls not in DIVISIONS:
        return []  # (divisions: a region of the world listed is a market, 对非洲、欧洲出口)
    out: list[Entity] = []
    pos = clause_start
    while pos > 0 and s[pos - 1] == "、":
        j = pos - 1
        while j > 0 and s[j - 1] not in DELIMS:
            j -= 1
        hit = starts.get(offset + j)
        if hit is None and _division_name(s[j:pos - 1]):
            pos = j  # a division the recognizer missed stays in the list (自贡), with no figure of its own here
            continue
        if hit is None or hit[1] != offset + pos - 1 or hit[0].top != "Place" or hit[0].cls != subject.cls:
            break  # (only a list of places of one level, each a whole item: 内江、眉山)
        out.append(hit[0])
        pos = j
    return out


def _opens_own(s: str, offset: int, f: Figure, own: set[int]) -> bool:
    """The comma-clause of figure ``f`` opens with the report's own area (全省…, 我区…): a subject
    carried from an earlier clause stops there."""
    return _opening(s, offset, _topic_clause(s, f.start), {}, own) is False
