"""Figures, indicators, periods, targets and the Data Cube structure of observations."""
import pytest
from rdflib import URIRef

from govkg.extract.model import ReportMeta
from govkg.extract.observations import find_figures, indicator_of, observations_in, period_of, is_target
from govkg.extract.pipeline import extract_document
from govkg.extract.reader import read_bytes
from govkg.extract.sections import SentenceContext, contexts


def figures(s):
    return [(f.value, f.unit, f.qualifier, f.kind) for f in find_figures(s)]


@pytest.mark.parametrize("sentence,expected", [
    ("实现地区生产总值2502.52亿元、同比增长1.4%", [(2502.52, "亿元", "", "figure"), (1.4, "%", "", "figure")]),
    ("新增义务教育学位9000多个", [(9000, "个", "多", "figure")]),
    ("全区200多万人民群众", [(200, "万人", "多", "figure")]),
    ("有序疏解、转运近80万人", [(80, "万人", "近", "figure")]),
    ("按照本地生产总值增长 6%左右的目标", [(6, "%", "左右", "figure")]),
    ("新增义务教育学位 1.2 万个", [(1.2, "万个", "", "figure")]),
    ("电信网络诈骗立案下降三成", [(3, "成", "", "figure")]),
    ("入选团队8个、占全市1/3", [(8, "个", "", "figure"), (pytest.approx(1 / 3), "", "", "figure")]),
    ("营业执照压缩至半天", [(0.5, "天", "", "figure")]),
    ("增速全市第一", [(1, "名", "", "rank")]),
    ("全年展览规模居全国首位", [(1, "名", "", "rank")]),
    ("综合评价排名从第31位上升至第19位", [(31, "位", "", "rank"), (19, "位", "", "rank")]),
    ("食品抽检达11批次/千人", [(11, "批次", "", "figure")]),
])
def test_figures_and_qualifiers(sentence, expected):
    assert figures(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "2020年是十三五收官之年", "1月12日召开会议", "建设1-2所高中名校", "认真落实省委十二届八次全会精神",
    "落实“1+1+9”工作部署", "实施“领航计划2.0”", "加快轨道12、13号线建设", "坚持“四个全面”", "落实中央八项规定精神",
    "这五年,我们坚持创新", "第三次会议", "打造一个中心", "推进5G基站建设", "PM2.5年均浓度持续下降",
    # a subscript as a web page wrote it; a size class; the reach of a ring (issue 13, session 7)
    "PM_2.5年均浓度下降", "建成30万吨级条帚门航道", "打造15分钟社区生活圈", "构建1小时高铁圈",
])
def test_not_figures(sentence):
    assert figures(sentence) == []


def indicators(s):
    out, prev, prev_ind = [], None, None
    for f in find_figures(s):
        ind = indicator_of(s, f, prev, prev_ind)
        out.append((ind.indicator, ind.measure))
        prev = f
        if ind.measure in ("level", "share"):
            prev_ind = ind.indicator
    return out


@pytest.mark.parametrize("sentence,expected", [
    ("实现地区生产总值2502.52亿元、同比增长1.4%", [("地区生产总值", "level"), ("地区生产总值增速", "growth")]),
    ("固定资产投资478.02亿元、增长14.8%,增速全市第一",
     [("固定资产投资", "level"), ("固定资产投资增速", "growth"), ("固定资产投资增速全市排名", "rank")]),
    ("新增上市企业17家,总数达到181家", [("新增上市企业", "level"), ("上市企业总数", "level")]),
    ("13个重点产业项目封顶", [("重点产业项目", "level")]),
    ("生产安全事故死亡人数下降11.8%", [("生产安全事故死亡人数降幅", "decline")]),
    ("高企总数1031家、占全市49%", [("高企总数", "level"), ("高企总数占比", "share")]),
    ("矛盾纠纷化解率达99.97%", [("矛盾纠纷化解率", "share")]),
    ("食品安全工作连续5年获评优秀", [("食品安全工作连续获评优秀年数", "level")]),
    ("其中约束性指标11项，预期性指标12项", [("约束性指标", "level"), ("预期性指标", "level")]),
    ("发挥中央和地方两个积极性", [("", "level")]),
])
def test_indicators_and_measures(sentence, expected):
    assert indicators(sentence) == expected


def doc_of(text):
    return read_bytes(text.encode("utf-8"), "r.txt", "text", doc_id="r")


def test_periods_from_sections_spans_and_months():
    text = ("海珠区2023年政府工作报告\n一、2022年工作回顾\n实现地区生产总值2502.52亿元。\n"
            "这五年,高企总数从360家增至1031家。\n截至2020年11月底有效发明专利12500件。\n"
            "上半年新设企业2.4万家。\n二、2023年工作安排\n新增城镇就业2万人。\n")
    doc = doc_of(text)
    meta = ReportMeta("r", "t", "海珠区", "440105", 2023, "GovernmentWorkReport")
    ctxs = contexts(doc, meta)
    found = {}
    for sent, ctx in zip(doc.sentences, ctxs):
        s = doc.norm[sent.start:sent.end]
        for f in find_figures(s):
            found[f.value] = (period_of(s, f, ctx), is_target(s, f, ctx))
    assert found[2502.52] == ("2022", False)
    assert found[360] == ("2017", False)  # 从…: the year before the span
    assert found[1031] == ("2022", False)  # 增至…: the span's last year
    assert found[12500] == ("2020M01-M11", False)
    assert found[2.4] == ("2022H1", False)
    assert found[2] == ("2023", True)


@pytest.mark.parametrize("sentence,target", [
    ("预计本地生产总值增长5%左右", False),
    ("按照本地生产总值增长6%左右的目标安排工作", True),
    ("力争新增高新技术企业110家", True),
    ("到2025年研发投入占比达到7%", True),
    ("新增上市企业17家", False),
])
def test_target_or_result(sentence, target):
    ctx = SentenceContext("review", 2020, None)
    f = find_figures(sentence)[0]
    assert is_target(sentence, f, ctx) is target


def test_observations_of_a_report_measure_its_area_unless_a_subject_opens_the_clause():
    r = extract_document(doc_of("海珠区2023年政府工作报告\n我区实现地区生产总值2502.52亿元。中山大学申请专利37项。\n"))
    obs = {o.indicator: o for o in r.observations}
    assert obs["地区生产总值"].area_key == "Place/440105"
    assert obs["地区生产总值"].base_value == pytest.approx(2.50252e11)
    assert obs["地区生产总值"].base_unit == "元"
    assert obs["申请专利"].area_key.endswith("中山大学")


def test_every_observation_has_the_components_its_structure_declares(seed_graph):
    q = """PREFIX qb: <http://purl.org/linked-data/cube#>
    SELECT ?p ?required WHERE { ?ds qb:structure ?dsd . ?dsd qb:component ?c .
      { ?c qb:dimension ?p BIND(true AS ?required) } UNION { ?c qb:measure ?p BIND(true AS ?required) }
      UNION { ?c qb:attribute ?p ; qb:componentRequired ?required } }"""
    required = {row.p for row in seed_graph.query(q) if row.required.toPython()}
    assert len(required) >= 9
    obs = set(seed_graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                  URIRef("http://purl.org/linked-data/cube#Observation")))
    assert len(obs) > 300
    for o in obs:
        missing = [p for p in required if seed_graph.value(o, p) is None]
        assert not missing, (o, missing)


def test_one_indicator_concept_is_shared_across_reports(seed_graph):
    q = """PREFIX gov: <https://w3id.org/govkg/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
    SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?o gov:indicator ?i ; prov:wasDerivedFrom ?r .
      ?i rdfs:label "地区生产总值"@zh }"""
    assert int(next(iter(seed_graph.query(q))).n) >= 2


def _indicators(sentence):
    doc = read_bytes(("海珠区2023年政府工作报告\n" + sentence + "\n").encode("utf-8"), "r.txt")
    return [(o.indicator, o.value, o.unit, o.measure) for o in extract_document(doc).observations]


@pytest.mark.parametrize("sentence,expected", [
    # 分别: items and figures pair one to one; the words after the last item are shared
    ("PM2.5、PM10平均浓度分别下降8%、14.6%。",
     [("PM2.5平均浓度降幅", 8, "%", "decline"), ("PM10平均浓度降幅", 14.6, "%", "decline")]),
    ("地区生产总值、固定资产投资分别增长5.2%和8%。",
     [("地区生产总值增速", 5.2, "%", "growth"), ("固定资产投资增速", 8, "%", "growth")]),
    # a rate or a rank after coordinated items holds for each of them
    # (技改投资 is a name of the scheme's 技术改造投资)
    ("实现工业投资、技改投资增速超15%。", [("工业投资增速", 15, "%", "growth"), ("技术改造投资增速", 15, "%", "growth")]),
    ("全年展览规模和场次居全国首位。", [("展览规模全国排名", 1, "名", "rank"), ("场次全国排名", 1, "名", "rank")]),
    # 各: the amount is each one's
    ("设立产业投资基金和专项资金各2亿元。", [("产业投资基金", 2, "亿元", "level"), ("专项资金", 2, "亿元", "level")]),
    # an amount after coordinated items is their joint total: one figure
    ("软件和集成电路产业规模超85亿元。", [("软件和集成电路产业规模", 85, "亿元", "level")]),
    # after 等 comes the head noun; determiners and verbs of doing are not counted
    ("举办潮流文化周等文化活动630场。", [("文化活动", 630, "场", "level")]),
    ("兑现各项科技创新资金6.4亿元。", [("科技创新资金", 6.4, "亿元", "level")]),
    # a verb right before the figure goes with the noun after it, even after a subject
    ("金环路等人流密集路段建成3座人行天桥。", [("建成人行天桥", 3, "座", "level")]),
    ("完成738座5G基站建设。", [("5G基站", 738, "座", "level")]),
    ("增加学位7710个。", [("新增学位", 7710, "个", "level")]),
    # a target verb is not part of the indicator; a bare verb names no measure
    ("力争新增企业4500家。", [("新增企业", 4500, "家", "level")]),
    ("保持25个。", []),
    # the point a change is measured from, a particle, a modal verb and a verb of doing are no part of it
    ("森林覆盖率由“十二五”末的33.74%提高到38.73%。", [("森林覆盖率", 33.74, "%", "share"), ("森林覆盖率", 38.73, "%", "share")]),
    ("启动了总投资12亿元的职教中心新校区。", []),
    ("今年化学需氧量、氨氮排放量要分别下降2%。",
     [("化学需氧量排放量降幅", 2.0, "%", "decline"), ("氨氮排放量降幅", 2.0, "%", "decline")]),
    ("重点抓好10件民生实事。", [("民生实事", 10.0, "件", "level")]),
])
def test_indicator_rules(sentence, expected):
    assert _indicators(sentence) == expected


def test_coordinated_figures_get_distinct_observation_iris(seed_graph):
    from govkg.graph.cube import observation_iri
    doc = read_bytes("海珠区2023年政府工作报告\n实现工业投资、技改投资增速超15%。\n".encode("utf-8"), "r.txt")
    obs = extract_document(doc).observations
    assert [o.part for o in obs] == [0, 1]
    assert observation_iri(obs[0]) != observation_iri(obs[1])
    assert str(observation_iri(obs[1])).endswith(f"/{obs[1].start}-{obs[1].end}/1")


def _obs(body, head="浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"):
    from govkg.extract.pipeline import extract_document
    from govkg.extract.reader import read_bytes

    r = extract_document(read_bytes((head + body).encode("utf-8"), "r.txt", "text", doc_id="r"))
    return {(o.indicator, o.written, o.value) for o in r.observations}


def test_the_subject_of_marks_passed_is_what_the_growth_after_them_is_of():
    """全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%: the marks are no figure, the growth
    is of 生产总值; 经济总量跨过两个万亿元大关、超过6万亿元: the level the subject reached."""
    found = _obs("全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%。")
    assert ("地区生产总值年均增速", "生产总值年均增速", 5.9) in found
    found = _obs("经济总量跨过两个万亿元大关、超过6万亿元，年均增速5.7%。")
    assert {("地区生产总值", "经济总量", 6.0), ("地区生产总值年均增速", "经济总量年均增速", 5.7)} <= found


def test_items_sharing_a_measure_keep_their_own_words():
    """六大优势产业、高技术制造业、绿色低碳优势产业增加值分别增长…: the shared words are 增加值, not 优势产业增加值;
    电信网络诈骗案件受理数、案损数: 案损数 takes the place of 受理数."""
    found = _obs("六大优势产业、高技术制造业、绿色低碳优势产业增加值分别增长6.8%、12.3%、7.8%。"
                 "电信网络诈骗案件受理数、案损数分别下降16%和36%。")
    names = {i for i, _, _ in found}
    assert {"六大优势产业增加值增速", "高技术制造业增加值增速", "绿色低碳优势产业增加值增速"} <= names
    assert "电信网络诈骗案件案损数降幅" in names


def test_a_name_made_of_distributed_items_is_not_taken_for_the_reports_spelling():
    found = _obs("城镇和农村居民人均可支配收入分别增长4.3%、5.5%。")
    assert ("城镇居民人均可支配收入增速", "", 4.3) in found


def test_verbs_after_a_kept_verb_go_on_to_the_next_items_and_a_manner_word_is_dropped():
    found = _obs("新开工改造城镇老旧小区4402个、城中村5.1万户。高质量建成高标准农田1169万亩。")
    names = {i for i, _, _ in found}
    assert {"新开工改造城镇老旧小区", "新开工改造城中村"} <= names
    assert not any(n.startswith("高质量") for n in names)


@pytest.mark.parametrize("sentence,expected", [
    # a count of a generic kind is named by what is said of it after it: a cue jieba reads as one word,
    # a quote closed in the clause, a longer phrase
    ("禧跃食品、融达包装等6个项目建成投产，综合考核位居全市前列。", [("建成投产项目", "level")]),
    ("84个事项实现“秒批”,23个事项实现“免证办”。", [("秒批事项", "level"), ("免证办事项", "level")]),
    ("思哲睿等5户企业入选工信部未来产业优秀案例。", [("入选工信部未来产业优秀案例企业", "level")]),
    # or by the verb that opens the list its examples make
    ("完成茅岗首期安置区、华南国际港航中心二期等24个项目,加快推进火村、笔村等28个项目。",
     [("完成项目", "level"), ("加快推进项目", "level")]),
])
def test_a_count_of_a_generic_kind_takes_what_is_said_of_it(sentence, expected):
    assert indicators(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("推动智谷圆芯广场、中以产业中心等19个项目投产运营,保障格力职业教育。", [("投产运营项目", "level")]),
    ("加快建设知识城南方医院、广州医科大学附属妇女儿童医院等8家医院,打造国际一流专科。", [("加快建设医院", "level")]),
    # a share's change in points is the share's growth (jieba reads 占|比 as a preposition at its end)
    ("税收占比达到63.2%，同比增长22个百分点。", [("税收占比", "share"), ("税收占比增速", "growth")]),
    # a change in the unit of the level before it, named as written
    ("优良天数达到251天、同比增加32天。", [("优良天数", "level"), ("优良天数同比增加", "level")]),
])
def test_counts_changes_and_shares_named(sentence, expected):
    assert indicators(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    # a rank said of the figures before it, by a verb or generic words only
    ("实现地区生产总值67665亿元，增长5.5%，总量和增速均居全国第5位。",
     [("地区生产总值", "level"), ("地区生产总值增速", "growth"), ("地区生产总值全国排名", "rank")]),
    ("水电装机容量突破1亿千瓦、保持全国第1位。", [("水电装机容量", "level"), ("水电装机容量全国排名", "rank")]),
    # in a field of its own (中西部, not 西部)
    ("外商直接投资累计达到149.6亿美元、总规模居中西部第1位。",
     [("外商直接投资", "level"), ("外商直接投资总规模中西部排名", "rank")]),
])
def test_a_rank_of_the_figure_before(sentence, expected):
    assert indicators(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("建成高标准农田1万亩，粮食生产实现“十九连丰”。", ("粮食生产连续丰收年数", 19.0)),
    ("农业农村现代化取得明显成效，粮食生产二十二连丰，总产量稳居全国第一。", ("粮食生产连续丰收年数", 22.0)),
    ("荣膺省级双拥模范城“五连冠”。", ("省级双拥模范城连续夺冠年数", 5.0)),
])
def test_a_streak_is_a_count_of_years(sentence, expected):
    found = [(ind, f.value) for f in find_figures(sentence) if f.kind == "streak"
             for ind in [indicator_of(sentence, f, None, None).indicator]]
    assert found == [expected]


def test_a_streak_still_to_be_won_is_no_figure():
    assert [f for f in find_figures("推进全国双拥模范城“十连冠”创建工作。") if f.kind == "streak"] == []


def test_places_listed_before_a_figure_each_measure_it():
    from govkg.extract.pipeline import extract_document as extract

    head = "四川省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n一、2025年工作回顾\n"
    r = extract(read_bytes((head + "泸州经济总量突破3000亿元，内江、眉山、自贡、遂宁经济总量突破2000亿元。").encode(),
                           "r.txt", "text", doc_id="r"))
    areas = sorted(o.area_key for o in r.observations if o.value == 2000)
    assert areas == ["Place/510300", "Place/510900", "Place/511000", "Place/511400"]  # 自贡, 遂宁, 内江, 眉山
    assert len({(o.start, o.end, o.part) for o in r.observations}) == len(r.observations)  # IRIs stay apart


def test_a_distributive_list_of_markets_is_no_list_of_areas():
    from govkg.extract.pipeline import extract_document as extract

    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n一、2025年工作回顾\n"
    r = extract(read_bytes((head + "对共建“一带一路”国家、非洲、欧洲出口分别增长11.6%、28.4%、10.5%。").encode(),
                           "r.txt", "text", doc_id="r"))
    assert [o.value for o in r.observations].count(11.6) == 1


def test_a_count_in_another_classifier_counts_another_thing():
    from govkg.extract.pipeline import extract_document
    from govkg.extract.reader import read_bytes

    text = "四川省2025年政府工作报告\n我代表省人民政府向大会报告工作。\n巩固拓展脱贫攻坚成果，累计识别监测对象20.9万户69.3万人。\n"
    r = extract_document(read_bytes(text.encode("utf-8"), "r.txt", "text", doc_id="r"))
    got = {(o.indicator, o.value, o.unit) for o in r.observations}
    assert ("识别监测对象", 20.9, "万户") in got and ("识别监测对象人数", 69.3, "万人") in got, got


def test_another_figure_of_a_key_is_named_by_the_verb_it_is_counted_by():
    from govkg.extract.pipeline import extract_document
    from govkg.extract.reader import read_bytes

    text = ("珠海市香洲区2021年政府工作报告\n我代表区人民政府向大会报告工作。\n"
            "2020年政府工作报告部署的105项具体工作90项已完成，15项持续推进。\n")
    r = extract_document(read_bytes(text.encode("utf-8"), "r.txt", "text", doc_id="r"))
    got = {(o.indicator, o.value) for o in r.observations}
    assert {("具体工作", 105.0), ("具体工作已完成数", 90.0), ("具体工作持续推进数", 15.0)} <= got, got


@pytest.mark.parametrize("sentence,bound", [
    # the figure's pattern takes 以上 in; what follows is the thing the bound selects
    ("优化10亿元以上重大产业项目的全流程服务", True),
    ("村集体经济经营性收入50万元以上行政村占比68%", True),
    ("完成投资10亿元以上，", False),
    ("培育2个以上移风易俗示范村", False),  # a count of at least two
])
def test_an_amount_with_a_bound_before_a_noun_is_a_threshold(sentence, bound):
    from govkg.extract.observations import is_threshold

    assert is_threshold(sentence, find_figures(sentence)[0]) is bound


def named(s):
    out, prev, prev_ind = [], None, None
    for f in find_figures(s):
        ind = indicator_of(s, f, prev, prev_ind)
        out.extend([ind.indicator, *ind.more])
        prev = f
        if ind.measure in ("level", "share"):
            prev_ind = ind.indicator
    return out


@pytest.mark.parametrize("sentence,expected", [
    # what is said of the things counted is not part of their name: an idiom, 入围
    ("雄安新区5300多栋楼宇拔地而起。", ["楼宇"]),
    ("绍兴黄酒、金华火腿、西湖龙井茶3个历史经典产业入围国家培育名单。", ["历史经典产业"]),
    # a one-character head jieba tags zg ends the noun too
    ("推进21个先行片区、200个样板村、2000个补短村建设。", ["先行片区", "样板村", "补短村"]),
    # a level reached by shortening; a cut in per cent is a decline
    ("新设立登记营业执照压缩至半天。", ["新设立登记营业执照"]),
    ("一般性支出压缩10%。", ["一般性支出降幅"]),
    # a rank of coordinated items: a measure the last one closes is shared, items with their own measure are whole
    ("国家级绿色工厂、工业园区数量均居西部首位。", ["国家级绿色工厂数量西部排名", "工业园区数量西部排名"]),
    ("高标准农田建成面积、农作物耕种收综合机械化率居全国首位。",
     ["高标准农田建成面积全国排名", "农作物耕种收综合机械化率全国排名"]),
    # a count of people that only a verb names counts those it was done to
    ("有序疏解、转运近80万人。", ["转运人数"]),
    # items in apposition to a quoted name of them all; a sector whose name holds 和
    ("新能源汽车、光伏产品、锂电池“新三样”出口增长69.4%。", ["新三样”出口增速"]),
    ("软件和信息技术服务业增加值增长9.6%。", ["软件和信息技术服务业增加值增速"]),
    ("在全市首次召开大会为3名被不实检举干部澄清正名。", ["澄清正名被不实检举干部"]),
])
def test_what_a_figure_counts_is_named_without_what_is_said_of_it(sentence, expected):
    assert named(sentence) == expected


def test_a_lead_word_that_is_part_of_a_term_stays():
    from govkg.extract.indicators import resolve

    assert resolve("高标准农田建成面积全国排名", "rank").label == "高标准农田建成面积全国排名"
    assert resolve("高质量办理民生实事", "level").label == "办理民生实事"  # a manner, not a term


def test_a_distributive_list_of_markets_belongs_to_the_report_and_names_each_market():
    from govkg.extract.pipeline import extract_document as extract

    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n一、2025年工作回顾\n"
    r = extract(read_bytes((head + "对共建“一带一路”国家、非洲、欧洲出口分别增长11.6%、28.4%、10.5%。"
                                   "城乡低保标准分别增长9.9%、13.2%。").encode(), "r.txt", "text", doc_id="r"))
    got = {(o.indicator, o.value, o.area_key) for o in r.observations}
    assert {("非洲出口增速", 28.4, "Place/230000"), ("欧洲出口增速", 10.5, "Place/230000"),
            ("城市低保标准增速", 9.9, "Place/230000"), ("农村低保标准增速", 13.2, "Place/230000")} <= got, got
