"""Relation cues, statuses, subjects, and evidence offsets that slice the original text."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from rdflib import Graph, Namespace, URIRef

from govkg.extract.gazetteer import gazetteer
from govkg.extract.pipeline import extract_document, merge_entities
from govkg.extract.pipeline import Corpus
from govkg.extract.reader import read_bytes
from govkg.graph.build import build_graph
from helpers import assert_regenerates

HEAD = "南沙区2020年政府工作报告\n我代表南沙区人民政府向大会报告工作。\n"


def rels(body, head=HEAD):
    r = extract_document(read_bytes((head + body).encode("utf-8"), "r.txt", "text", doc_id="r"))
    labels = {e.key: e.label for e in r.entities}
    # a division's parent may be named by the gazetteer only (南沙区 partOf 广州市)
    labels.update({f"Place/{d.code}": d.name for d in gazetteer().by_code.values() if f"Place/{d.code}" not in labels})
    return {(x.predicate, x.kind, x.status, labels[x.subject], labels[x.object]) for x in r.relations}, r


@pytest.mark.parametrize("body,kind,status", [
    ("加快建设明珠湾大桥。", "builds", "UnderConstruction"),
    ("明珠湾大桥建成通车。", "completes", "Completed"),
    ("规划建设明珠湾大桥。", "plans", "Planned"),
    ("南沙图书馆投入使用。", "operates", "InOperation"),
    ("广汽丰田新能源汽车项目签约落户。", "signs", "Signed"),
    ("南沙水厂二期工程相继投运。", "operates", "InOperation"),
    ("广汽丰田新能源汽车项目建成投产。", "completes", "Completed"),
    ("引江济淮工程通水通航。", "operates", "InOperation"),
    ("深化商事登记确认制改革。", "implements", ""),
    ("出台《南沙区促进人才发展若干措施》。", "issues", ""),
])
def test_each_promote_cue_gives_its_kind_and_status(body, kind, status):
    found, _ = rels(body)
    hits = [f for f in found if f[0] == "promotes" and f[3] == "南沙区"]
    assert hits and hits[0][1] == kind and hits[0][2] == status, found


def test_a_body_written_before_its_item_is_the_subject():
    found, _ = rels("要全面落实省委“1+1+9”工作部署和市委“1+1+4”工作举措。")
    subjects = {(f[3], f[4]) for f in found if f[0] == "promotes"}
    assert ("广东省委", "1+1+9工作部署") in subjects
    assert ("广州市委", "1+1+4工作举措") in subjects


def test_cooperation_needs_a_cue_word():
    found, _ = rels("深化与深圳前海全方位合作。携手香港、澳门共建平台。宝安区经济平稳。")
    coop = {f[4] for f in found if f[0] == "cooperatesWith"}
    assert {"前海", "香港", "澳门"} <= coop
    assert "宝安区" not in coop


def test_named_actor_cooperation_and_partner_is_not_promoted():
    found, _ = rels("加速广州高新区与深圳高新区共建世界一流高科技园区。深化与横琴“双自联动”。")
    assert ("cooperatesWith", "", "", "广州高新区", "深圳高新区") in found
    assert not any(f[0] == "promotes" and f[4] == "横琴" for f in found)


def test_located_in_from_the_name_and_the_report_area():
    found, _ = rels("推动建设广州知识城国际数字经济枢纽。加快建设明珠湾大桥。")
    located = {(f[3], f[4]) for f in found if f[0] == "locatedIn"}
    assert ("明珠湾大桥", "南沙区") in located


def test_phase_is_recorded():
    _, r = rels("二、2021年工作安排\n加快建设明珠湾大桥。")
    phases = {x.phase for x in r.relations if x.predicate == "promotes"}
    assert phases == {"plan"}


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
GOV = Namespace("https://w3id.org/govkg/ontology#")

WORDS = ["南沙区", "加快建设", "明珠湾大桥", "。", "实现地区生产总值", "795.3亿元", "、同比增长", "0.3%", "，", "与",
         "宝安区", "合作", "\n", "新设企业", "2.4万家", "“一业一证”改革", "深化", "<b>", "&amp;", "我区", " ", "　", "１２３"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
def test_every_evidence_span_slices_the_original_text(parts):
    text = HEAD + "".join(parts)
    r = extract_document(read_bytes(text.encode("utf-8"), "r.txt", "text", doc_id="r"))
    corpus = Corpus(reports=[r], entities=merge_entities([r]))
    g = build_graph(corpus, with_ontology=False)
    original = r.document.text
    assert original == text.replace("\r", "")
    spans = set(g.subjects(NIF.anchorOf, None))
    for span in spans:
        a = int(g.value(span, NIF.beginIndex))
        b = int(g.value(span, NIF.endIndex))
        assert original[a:b] == str(g.value(span, NIF.anchorOf))
        assert str(span).endswith(f"#char={a},{b}")
    for o in r.observations:
        assert 0 <= o.start < o.end <= len(original)
    for x in r.relations:
        assert 0 <= x.start < x.end <= len(original)


def test_every_relation_statement_keeps_its_plain_triple(seed_graph):
    RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
    n = 0
    for st_ in seed_graph.subjects(RDF.type, RDF.Statement):
        s, p, o = (seed_graph.value(st_, RDF[x]) for x in ("subject", "predicate", "object"))
        assert (s, p, o) in seed_graph
        assert seed_graph.value(st_, GOV.evidence) is not None
        n += 1
    assert n > 300


# ------------------------------------------------------------------ the whole verb phrase, lists, subjects


@pytest.mark.parametrize("body,status", [
    ("谋划启动明珠湾大桥。", "Planned"),
    ("推动明珠湾大桥规划建设。", "Planned"),
    ("筹建明珠湾大桥。", "Planned"),
    ("明珠湾大桥开工建设。", "UnderConstruction"),
    ("明珠湾大桥竣工。", "Completed"),
    ("明珠湾大桥完成建设。", "Completed"),
    ("明珠湾大桥正式开通运营。", "InOperation"),
    ("明珠湾大桥签约落地。", "Signed"),
])
def test_status_comes_from_the_whole_verb_phrase(body, status):
    found, _ = rels(body)
    assert {f[2] for f in found if f[0] == "promotes" and f[4] == "明珠湾大桥"} == {status}, found


def test_every_item_of_a_list_gets_what_the_list_gets():
    found, _ = rels("比亚迪半导体、京东方第8.6代线等重大项目加快实施。", head="四川省2026年政府工作报告\n")
    promoted = {(f[3], f[4], f[2]) for f in found if f[0] == "promotes"}
    assert {("四川省", "比亚迪半导体", "UnderConstruction"), ("四川省", "京东方第8.6代线", "UnderConstruction")} <= promoted


def test_a_place_glued_to_a_project_is_where_it_is_not_who_builds_it():
    found, _ = rels("福州地铁滨海快线、宁古高速、沙南高速等建成通车。", head="福建省2026年政府工作报告\n")
    builders = {f[3] for f in found if f[0] == "promotes"}
    assert builders == {"福建省"}, found  # not 福州市: it only says where the first line runs


def test_an_actor_before_the_verb_is_the_subject():
    found, _ = rels("支持邯郸建设生产服务型国家物流枢纽。", head="河北省2026年政府工作报告\n")
    assert any(f[0] == "promotes" and f[3] == "邯郸市" and f[4] == "生产服务型国家物流枢纽" for f in found), found


@pytest.mark.parametrize("body", [
    "持续治理“新官不理旧账”问题。",     # a problem fought
    "坚持以“三个代表”重要思想为指导。",  # a stance
    "成功召开第二届琶洲算法应用国际大赛。",  # an event held is no promotion of… (召开)
])
def test_verbs_that_act_on_nothing_named_promote_nothing(body):
    found, r = rels(body)
    named = {e.label for e in r.entities if e.top in ("Project", "Initiative", "PolicyDocument")}
    assert not [f for f in found if f[0] == "promotes" and f[4] in named and f[4] != "南沙区"], found


def test_what_a_thing_owns_is_what_a_verb_acts_on_and_a_thing_that_governs_its_own_object_is_its_doer():
    head = "保定市徐水区2024年政府工作报告\n"
    found, _ = rels("保障雄安新区的“菜篮子”新鲜充盈。", head=head)
    assert not [f for f in found if f[0] == "promotes" and f[4] == "雄安新区"], found
    found, _ = rels("推进雄安新区的建设。", head=head)
    assert [f for f in found if f[0] == "promotes" and f[4] == "雄安新区"], found  # its building
    found, _ = rels("“鲁执法”推动入企检查次数压减30%以上。", head="山东省2026年政府工作报告\n")
    assert not [f for f in found if f[0] == "promotes" and f[4] == "鲁执法"], found


def test_a_kind_counted_is_not_promoted_nor_located():
    found, _ = rels("建成乡镇（街道）综合养老服务中心520个。打造一批养老示范项目。", head="甘肃省2026年政府工作报告\n")
    assert not [f for f in found if f[0] in ("promotes", "locatedIn") and "养老" in f[4] + f[3]], found


def test_a_body_opening_a_title_issues_the_document():
    found, _ = rels("根据《中共黑龙江省委关于制定国民经济和社会发展第十五个五年规划的建议》，编制了规划纲要。",
                    head="黑龙江省2026年政府工作报告\n")
    assert any(f[0] == "promotes" and f[1] == "issues" and f[3] == "黑龙江省委" for f in found), found


def test_every_named_division_is_part_of_its_parent_with_its_mention_as_evidence():
    _, r = rels("加强与宝安区合作。")
    parts = {(x.subject, x.object, x.rule) for x in r.relations if x.predicate == "partOf"}
    assert ("Place/440306", "Place/440300", "gazetteer") in parts  # 宝安区 in 深圳市
    x = next(x for x in r.relations if x.predicate == "partOf" and x.subject == "Place/440306")
    assert r.document.text[x.start:x.end] == "宝安区"


def test_a_place_in_a_named_region():
    found, _ = rels("京津冀地区生态环境持续改善，深化与北京市、天津市合作。", head="河北省2026年政府工作报告\n")
    assert {("partOf", "", "", "北京市", "京津冀"), ("partOf", "", "", "天津市", "京津冀")} <= found


def test_cooperation_needs_a_partner_and_a_cooperation_word_after_it():
    # (与深圳市共建产业园区 is read as one park by the shipped model: a recognition error of issue 12's notes)
    found, _ = rels("与深圳市合作共建产业园区。同宝安区签订框架协议。和香港的经济总量相比仍有差距。")
    partners = {f[4] for f in found if f[0] == "cooperatesWith"}
    assert {"深圳市", "宝安区"} <= partners and "香港" not in partners


def test_a_village_said_in_the_report_is_part_of_its_district_but_not_one_on_a_line_of_its_own():
    found, r = rels("城东村建成文化广场。其余275个村全部实施气代煤改造。\n天涯社区\n", head="保定市顺平县2022年政府工作报告\n")
    villages = {e.label for e in r.entities if e.cls in ("Township", "Community")}
    parts = {f[3] for f in found if f[0] == "partOf" and f[4] == "顺平县"}
    assert ("城东村" not in villages or "城东村" in parts) and "天涯社区" not in parts, (found, villages)
    assert not {p for p in parts if p.endswith("个村")}, parts  # villages counted, none named


def test_a_kind_counted_is_not_located_and_a_plan_of_a_thing_is_not_the_thing():
    head = "保定市清苑区2021年政府工作报告\n"
    found, _ = rels("创建市级以上现代农业园区14个。", head=head)
    assert not [f for f in found if f[0] == "locatedIn" and f[3] == "现代农业园区"], found
    found, _ = rels("编制完成石林花海项目控详规。", head=head)
    assert not [f for f in found if f[0] == "promotes" and f[4] == "石林花海项目"], found


PROVINCE = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"


def test_a_division_is_part_of_every_larger_division_the_report_names():
    found, _ = rels("浙江省山区海岛县加快发展，江山市调出山区海岛县序列。",
                    head="浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert ("partOf", "", "", "江山市", "衢州市") in found  # its parent, from the gazetteer
    assert ("partOf", "", "", "江山市", "浙江省") in found  # and the province the report names


def test_what_a_clause_is_about_lies_in_the_report_area():
    found, r = rels("哈电机、龙江广瀚入选国家制造业数字化转型典型案例。", head=PROVINCE)
    located = {(f[3], f[4]) for f in found if f[0] == "locatedIn"}
    assert ("龙江广瀚", "黑龙江省") in located
    rules = {x.rule for x in r.relations if x.predicate == "locatedIn"}
    assert "report-area-topic" in rules


def test_a_partner_after_yu_is_not_what_the_clause_is_about():
    found, _ = rels("与清华大学合作共建研究院。", head=PROVINCE)
    assert not any(f[0] == "locatedIn" and f[3] == "清华大学" for f in found)


def test_an_example_of_a_counted_kind_is_promoted():
    found, _ = rels("乌拉哈达水利枢纽等一批重大工程加快建设。", head="河北省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert ("promotes", "builds", "UnderConstruction", "河北省", "乌拉哈达水利枢纽") in found


@pytest.mark.parametrize("body,obj,kind,status", [
    ("财政科学管理试点取得积极成效。", "财政科学管理试点", "implements", ""),
    ("“1+3”结对帮扶机制全面建立。", "1+3结对帮扶机制", "implements", ""),
    ("中欧北极集装箱航线成功首航。", "中欧北极集装箱航线", "operates", "InOperation"),
])
def test_what_an_initiative_achieved_promotes_it(body, obj, kind, status):
    found, _ = rels(body, head=PROVINCE)
    assert ("promotes", kind, status, "黑龙江省", obj) in found, found


def test_a_region_is_promoted_by_a_cue_next_to_it_only():
    head = "河北省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    found, _ = rels("加快石家庄都市圈建设。", head=head)
    assert ("promotes", "builds", "UnderConstruction", "河北省", "石家庄都市圈") in found
    found, _ = rels("开拓中东市场，对非洲出口增长28.4%。", head=PROVINCE)
    assert not any(f[0] == "promotes" and f[4] in ("中东", "非洲") for f in found)


def test_a_division_of_the_area_opening_a_name_is_where_the_thing_is():
    """唐山港 in 河北省's report: 唐山 is 唐山市's short form (the gazetteer), though the report does not
    name the city; the port is in 唐山市, and so in 河北省.  An institution is not placed so (中山大学 is
    not in 中山市)."""
    head = "河北省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    found, r = rels("唐山港沿海货物吞吐量稳居世界第二。", head=head)
    located = {(f[3], f[4]) for f in found if f[0] == "locatedIn"}
    assert {("唐山港", "唐山市"), ("唐山港", "河北省")} <= located
    port = next(e.key for e in r.entities if e.label == "唐山港")
    assert {x.rule for x in r.relations if x.subject == port} == {"name-prefix-gazetteer", "name-prefix-area"}
    found, _ = rels("中山大学附属医院扩建。", head="广东省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert not any(f[0] == "locatedIn" and f[4] == "中山市" for f in found)


def test_regions_of_the_world_are_partners_and_duijie_joins_a_partner_not_a_plan():
    found, _ = rels("深化与中东、非洲、中亚等国家和地区经贸合作。", head=PROVINCE)
    coop = {f[4] for f in found if f[0] == "cooperatesWith" and f[3] == "黑龙江省"}
    assert {"中东", "非洲", "中亚"} <= coop
    found, _ = rels("积极对接北京市第三十五中学教育集团，成立实验基地。对接粤港澳大湾区建设。",
                    head="保定市满城区2022年政府工作报告\n我代表区人民政府向大会报告工作。\n")
    coop = {f[4] for f in found if f[0] == "cooperatesWith"}
    assert "北京市第三十五中学教育集团" in coop
    assert not any("粤港澳大湾区" in c for c in coop)


def test_corpus_checks_of_the_new_rules():
    """What a check on the corpus turned up: a division and its partner opening a clause (我市和长安集团签署),
    a name holding a province outside the area (江苏森联集团), a national enterprise (中国电建) are not
    located in the report's area; a region a phrase only qualifies (打造华北地区最重要的数据服务中心) is
    not promoted; 对接 a market (对接京津老龄市场) is no cooperation; a city's own name (防城港) is not
    inside a district."""
    head = "保定市2006年政府工作报告\n我代表市人民政府向大会报告工作。\n"
    found, _ = rels("我市和长安集团签署了长期战略合作协议。", head=head)
    assert not any(f[0] == "locatedIn" and f[3] == "长安集团" for f in found)
    found, _ = rels("打造华北地区最重要的数据服务中心。精准对接京津老龄市场。", head=head)
    assert not any(f[0] == "promotes" and f[4] == "华北地区" for f in found)
    assert not any(f[0] == "cooperatesWith" for f in found)
    found, _ = rels("北海涠洲岛、防城港“蓝色海湾”获评全国生态保护典型案例。",
                    head="广西壮族自治区2026年政府工作报告\n我代表自治区人民政府向大会报告工作。\n")
    assert not any(f[0] == "locatedIn" and f[3] == "防城港" and f[4] == "防城区" for f in found)


@pytest.mark.parametrize("body,obj,kind", [
    ("打好“保交房”攻坚战，交付31.7万套。", "保交房攻坚战", "implements"),
    ("新修改的《四川省人口与计划生育条例》正式施行。", "四川省人口与计划生育条例", "implements"),
])
def test_verbs_jieba_cuts_and_an_adverb_before_a_cue(body, obj, kind):
    found, _ = rels(body, head="四川省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert any(f[0] == "promotes" and f[1] == kind and f[3] == "四川省" and f[4] == obj for f in found), found


def test_phrases_and_descriptions_are_not_promoted_and_a_partner_is_not_the_subject():
    head = "甘肃省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    found, _ = rels("基本建成全国重要的文化传承创新基地。", head=head)
    assert not any(f[0] == "promotes" and "文化传承创新基地" in f[4] for f in found)
    found, _ = rels("建立高新区和高校联动发展机制。", head="山东省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert not any(f[0] == "promotes" and "高新区" in f[4] for f in found)
    found, _ = rels("携手京津共同建设美丽中国先行区。", head="河北省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert ("promotes", "builds", "UnderConstruction", "河北省", "美丽中国先行区") in found
    assert not any(f[0] == "promotes" and f[3] == "天津市" for f in found)


def test_a_kind_of_project_is_not_promoted_and_a_name_of_joined_areas_or_a_designation_is():
    head = "河北省2024年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    found, _ = rels("加快国家物流枢纽、现代流通战略支点城市建设。推进农村文化广场建设。", head=head)
    assert not any(f[0] == "promotes" and f[4] in ("国家物流枢纽", "农村文化广场") for f in found)
    found, _ = rels("加快沪杭高铁建设。大熊猫国家公园建设扎实推进。", head="浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert any(f[0] == "promotes" and f[4] == "沪杭高铁" for f in found), found


def test_a_document_is_issued_whatever_verb_pushes_it():
    found, _ = rels("推动出台民营经济促进条例。", head="山东省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert any(f[0] == "promotes" and f[1] == "issues" and f[4] == "民营经济促进条例" for f in found), found


YIXIAN = "易县2022年政府工作报告\n我代表县人民政府向大会报告工作。\n"


@pytest.mark.parametrize("body,thing", [
    ("科学应对强降雨，实现洪涝灾害“零亡人”。", "零亡人"),
    ("市级三甲医院、急诊急救中心等实现“五个全覆盖”。", "五个全覆盖"),
])
def test_an_outcome_reached_is_not_promoted(body, thing):
    found, _ = rels(body, YIXIAN)
    assert not any(f[4] == thing for f in found), found


@pytest.mark.parametrize("body,title", [
    ("深入实施“三大主体战略”，获评中国特色农产品优势区、河北省战略性新兴产业示范基地、河北省洁净城市。",
     "河北省战略性新兴产业示范基地"),
    ("前瞻布局数据服务产业，获批国家数据标注基地、国家数据基础设施建设试点。", "国家数据标注基地"),
    ("张家口获批国家冰雪装备产业基地，成功举办全省第二届旅游产业发展大会。", "国家冰雪装备产业基地"),
])
def test_a_title_given_is_neither_promoted_nor_located(body, title):
    found, _ = rels(body, YIXIAN)
    assert not any(title in (f[3], f[4]) and f[0] in ("promotes", "locatedIn") for f in found), found


def test_a_title_approved_for_building_is_still_built():
    found, _ = rels("前瞻布局数据服务产业，获批建设国家数据标注基地、国家数据基础设施建设试点。", YIXIAN)
    assert ("promotes", "plans", "Planned", "易县", "国家数据标注基地") in found


def test_a_category_noun_is_no_end_of_a_relation():
    found, _ = rels("完成景观大道及其支路、主干路、规划展馆建设等工程。", YIXIAN)
    assert not any("主干路" in (f[3], f[4]) for f in found), found


def test_what_is_held_back_is_not_promoted():
    found, _ = rels("继续严格控制“两高一资”产品出口。", YIXIAN)
    assert not any(f[0] == "promotes" and f[4] == "两高一资" for f in found), found


def test_a_goal_of_building_is_not_the_thing_built():
    found, _ = rels("易水湖景区围绕“国家旅游度假区”建设目标，全面启动创建申报工作。", YIXIAN)
    assert not any(f[0] == "promotes" and f[4] == "国家旅游度假区" for f in found), found


def test_a_branch_named_after_the_report_area_is_in_it():
    from govkg.extract.model import Entity
    from govkg.extract.relations import _branch_of_area

    baoding = Entity(key="Place/130600", label="保定市", cls="City", aliases=("保定",), code="130600")
    assert _branch_of_area("北京儿童医院保定医院", baoding)
    assert not _branch_of_area("北京儿童医院", baoding)
    assert not _branch_of_area("北京保定", baoding)  # a name that ends in the area is not a branch of it


@pytest.mark.parametrize("label,expected", [
    ("川南经济区", True), ("川西北生态示范区", True),  # the area's abbreviation and a direction
    ("成都平原经济区", True), ("大小凉山地区", True),  # a division inside the area
    ("川渝地区", False), ("成渝地区双城经济圈", False), ("长江经济带", False), ("东部地区", False),
])
def test_a_region_named_by_the_area_or_its_division_is_part_of_it(label, expected):
    from govkg.extract.model import Entity
    from govkg.extract.relations import _region_of_area

    sichuan = Entity(key="Place/510000", label="四川省", cls="Province", aliases=("四川", "川"), code="510000")
    assert _region_of_area(label, sichuan) is expected


BAODING = "保定市2019年政府工作报告\n我代表市人民政府向大会报告工作。\n"


@pytest.mark.parametrize("body,thing", [
    ("预计全市生产总值3050亿元、增长7%左右（不含雄安三县，下同）。", "雄安新区"),  # a figure's verb, a remark
    ("3、完成保沧路、保新路间的公路连接线。", "保沧路"),  # what lies between the roads is built
    ("深化与国家部委、科研院所常态化对接，争取更多国家区域性科技创新试点落户保定。", "国家区域性科技创新试点"),
    ("学习借鉴北京营商环境创新试点5.0版经验。", "北京营商环境创新试点"),  # an example learned from
])
def test_what_a_verb_does_not_act_on_is_not_promoted(body, thing):
    found, _ = rels(body, BAODING)
    assert not any(f[0] == "promotes" and f[4] == thing for f in found), found


def test_a_name_opening_with_a_figure_in_digits_names_no_thing():
    from govkg.extract.model import Entity
    from govkg.extract.relations import is_measured

    def thing(label):
        return Entity(key="Project/x", label=label, cls="Project", aliases=(), code="")

    assert is_measured(thing("3条道路")) and is_measured(thing("100吉瓦时锂电池储能"))
    assert not is_measured(thing("八个振兴")) and not is_measured(thing("5G基站")) and not is_measured(thing("211工程"))


@pytest.mark.parametrize("body,thing", [
    ("办好接诉即办改革论坛，深化实践理论研究，扩大国际影响力。", "接诉即办改革"),  # the forum is held
    ("京津冀世界级城市群建设带来的创新发展和城市经济发展机遇，正向我们加速汇聚。", "京津冀世界级城市群"),
    ("高标准打造高铁片区和白洋淀大道示范线。", "白洋淀大道"),  # the demonstration line along it is built
])
def test_the_verb_acts_on_what_the_name_qualifies(body, thing):
    found, _ = rels(body, "保定市2021年政府工作报告\n我代表市人民政府向大会报告工作。\n")
    assert not any(f[0] == "promotes" and f[4] == thing for f in found), found


@pytest.mark.parametrize("label", ["万吨级CCUS碳捕集利用", "康渝等4条高铁"])
def test_a_size_class_or_a_counted_list_names_no_thing(label):
    from govkg.extract.model import Entity
    from govkg.extract.relations import is_measured

    assert is_measured(Entity(key="Project/x", label=label, cls="Project", aliases=(), code=""))


def test_titles_won_in_a_row_of_quotes_are_not_promoted():
    found, _ = rels("成功争创“全国未成年人保护示范县”“全国名特优新农产品整体推进试点县”“河北省农村金融服务专员试点县”"
                    "等40余项国家级和省市的试点、荣誉。", YIXIAN)
    assert not any(f[0] == "promotes" for f in found), found


def test_what_the_area_takes_part_in_is_not_located_in_it():
    found, _ = rels("深度参与中华文明探源工程、“考古中国”等重大项目，深化石峁、太平遗址等考古研究。", YIXIAN)
    assert not any(f[3] == "中华文明探源工程" for f in found), found


def test_an_enterprise_that_settles_here_is_here_whatever_its_name_opens_with():
    found, _ = rels("经济开发区基础设施建设步伐加快，北京君光伟业等5家科技型中小企业落户园区。北京君光伟业发展良好。", YIXIAN)
    located = {(f[3], f[4]) for f in found if f[0] == "locatedIn"}
    assert ("北京君光伟业", "易县") in located and ("北京君光伟业", "北京市") not in located, located


def test_after_bei_comes_the_doer_not_a_thing_promoted():
    found, _ = rels("新补充师资408名，66名高考考生被“双一流”高校录取。", YIXIAN)
    assert not any(f[0] == "promotes" and f[4] == "双一流" for f in found), found


def test_villages_and_towns_as_a_kind_are_no_village():
    from govkg.extract.relations import _village_name

    assert not _village_name("文明村镇") and not _village_name("特色乡镇") and _village_name("城东村")


def test_a_line_from_one_place_to_another_is_not_in_the_first():
    found, _ = rels("加快推进雄安至北京大兴国际机场快线，开工建设雄商、雄忻高铁。",
                    "河北省2021年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert not any(f[0] == "locatedIn" and f[3].startswith("雄安至") and f[4] == "雄安新区" for f in found), found


MANCHENG = "保定市满城区2022年政府工作报告\n我代表区人民政府向大会报告工作。\n"
HEBEI = "河北省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"


def test_a_body_opening_the_sentence_with_an_adverb_of_manner_is_the_subject():
    found, _ = rels("省政府认真学习贯彻落实党的二十届四中全会精神，根据中共河北省委“十五五”规划《建议》，"
                    "编制了《河北省国民经济和社会发展第十五个五年规划纲要(草案)》，提请大会审查。", HEBEI)
    issued = {(f[3], f[4]) for f in found if f[0] == "promotes" and f[1] == "issues"}
    assert ("河北省人民政府", "河北省国民经济和社会发展第十五个五年规划纲要(草案)") in issued, found


def test_a_village_written_right_after_its_county_is_part_of_it():
    found, _ = rels("45个县（市、区）整县建设美丽乡村，丹巴县基卡依村入选世界“最佳旅游乡村”。",
                    "四川省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert ("partOf", "", "", "基卡依村", "丹巴县") in found, found


SICHUAN = "四川省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"


@pytest.mark.parametrize("body,pair", [
    ("深化川渝一体化高质量发展，成渝地区双城经济圈国土空间规划获批实施。", ("四川省", "重庆市")),
    ("跨越山海、双向奔赴的浙川东西部协作取得新成效。", ("浙江省", "四川省")),
])
def test_areas_joined_by_their_one_character_names_before_a_cooperation_word_work_together(body, pair):
    found, _ = rels(body, SICHUAN)
    coop = {frozenset((f[3], f[4])) for f in found if f[0] == "cooperatesWith"}
    assert frozenset(pair) in coop, found


def test_areas_joined_by_their_names_before_a_verb_are_where_not_partners():
    found, _ = rels("加强宣传推介，在京津掀起合作双赢的“保定热”。", "保定市2010年政府工作报告\n我代表市人民政府向大会报告工作。\n")
    assert not any(f[0] == "cooperatesWith" for f in found), found


@pytest.mark.parametrize("body,thing", [
    ("深化高质量共建“一带一路”经贸合作，做大做强石家庄国际陆港，发展航空货运。", "石家庄国际陆港"),
    ("壮大曹妃甸区、渤海新区、北戴河生命健康产业创新示范区等重点承接平台。", "北戴河生命健康产业创新示范区"),
])
def test_verbs_of_making_a_thing_stronger_promote_it(body, thing):
    found, _ = rels(body, HEBEI)
    assert ("promotes", "builds", "", "河北省", thing) in found, found


def test_a_layout_made_better_is_implemented():
    found, _ = rels("加强城市规划和设计引领，优化“一城、两翼、三区、多支点”全域发展格局，拓展发展空间。", MANCHENG)
    assert ("promotes", "implements", "", "满城区", "一城、两翼、三区、多支点") in found, found


def test_a_cue_acts_on_every_item_of_its_list_past_items_with_a_remark_in_parentheses():
    found, _ = rels("聚焦畅其路，打通外联路，完成西二环北延工程，启动满新街（中山路至复兴路西延）扩宽升级和汉贤街北延工程，"
                    "推进宏昌大街南延（致远路至复兴路西延）、复兴路再西延、北三环西延工程；", MANCHENG)
    promoted = {f[4] for f in found if f[0] == "promotes" and f[3] == "满城区"}
    assert {"汉贤街北延工程", "复兴路再西延", "北三环西延工程"} <= promoted, found


def test_a_list_of_kinds_after_a_cue_is_not_a_list_of_things_named():
    found, _ = rels("深入实施违法违规圈占土地、违规违建项目、资源能源项目、房地产开发项目等6项重点领域清理规范。", MANCHENG)
    assert not any(f[0] == "promotes" and f[4] == "违规违建项目" for f in found), found


def test_the_list_before_yu_works_with_the_partner_though_its_last_item_is_unnamed():
    found, _ = rels("推动前海湾保税港区、西部港口与广州保税区联动发展，对接高水平国际经贸规则。",
                    "广州市黄埔区2021年政府工作报告\n我代表区人民政府向大会报告工作。\n")
    coop = {frozenset((f[3], f[4])) for f in found if f[0] == "cooperatesWith"}
    assert frozenset(("前海湾保税港区", "广州保税区")) in coop and frozenset(("黄埔区", "广州保税区")) not in coop, found


def test_a_body_the_report_area_founds_is_seated_in_it():
    found, _ = rels("成立生活用纸产业协会，引领行业健康规范发展。", MANCHENG)
    assert ("locatedIn", "", "", "生活用纸产业协会", "满城区") in found, found


def test_what_a_clause_opens_with_before_a_count_of_its_kind_is_its_topic():
    found, _ = rels("未来产业领域一批创新型成长型企业加快培育，思哲睿等5户企业入选工信部未来产业优秀案例。",
                    "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert ("locatedIn", "", "", "思哲睿", "黑龙江省") in found, found


def test_a_count_of_what_a_thing_did_does_not_make_it_a_kind():
    found, _ = rels("哈大齐国家自主创新示范区落地创新成果104项。",
                    "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert ("locatedIn", "", "", "哈大齐国家自主创新示范区", "黑龙江省") in found, found


def test_a_count_after_a_conjunction_is_of_the_next_item():
    found, _ = rels("加快建设成都科创生态岛和11个市（州）分岛，打造“365天不落幕的科技博览会”。", SICHUAN)
    assert ("promotes", "builds", "UnderConstruction", "四川省", "成都科创生态岛") in found, found


@pytest.mark.parametrize("label", ["首批9个城乡融合试点", "张家口赛区10个专项规划", "德令哈4个抽水蓄能电站"])
def test_a_name_holding_a_count_of_things_names_none(label):
    from govkg.extract.model import Entity
    from govkg.extract.relations import is_measured

    assert is_measured(Entity(key="Project/x", label=label, cls="Project", aliases=(), code=""))


def test_a_designation_applied_for_is_planned_not_built():
    found, _ = rels("创建全域旅游示范区，降低重点国有景区门票价格。", "2018年国务院政府工作报告\n我代表国务院向大会报告工作。\n")
    hits = [f for f in found if f[0] == "promotes" and f[4] == "全域旅游示范区"]
    assert hits and all(f[1:3] == ("plans", "Planned") for f in hits), found


def test_the_system_of_a_zone_reformed_is_not_the_zone_promoted():
    found, _ = rels("调整优化福州新区管理体制，创新开发区体制机制。", "福建省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert not any(f[0] == "promotes" and f[4] == "福州新区" for f in found), found


def test_things_whose_preparatory_work_goes_on_are_planned():
    found, _ = rels("加快三亚新机场、美兰机场三期、儋州机场等前期工作，谋划中线铁路项目。",
                    "海南省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    hits = {f[4]: f[1:3] for f in found if f[0] == "promotes" and f[3] == "海南省"}
    assert hits.get("三亚新机场") == ("plans", "Planned") and hits.get("美兰机场三期") == ("plans", "Planned"), found


def test_what_a_plan_is_combined_with_is_not_promoted():
    """结合 X (结合首都都市圈发展规划, 编制…) uses X as a frame: the area does not promote it; the
    same title after 编制 is the area's."""
    found, _ = rels("结合《南沙区国土空间总体规划》，编制《南沙区综合交通规划》。")
    promoted = {f[4] for f in found if f[0] == "promotes"}
    assert "南沙区综合交通规划" in promoted
    assert "南沙区国土空间总体规划" not in promoted


def test_what_the_area_joins_is_not_built_by_it():
    """融入X建设: the 建设 after the name is not the area's deed (a wrong statement of the judged
    sample: 福建省 builds 全国统一大市场); 加快X建设 still builds."""
    found, _ = rels("主动融入全国统一大市场建设，加快明珠湾大桥建设。")
    promoted = {f[4] for f in found if f[0] == "promotes"}
    assert "全国统一大市场" not in promoted
    assert "明珠湾大桥" in promoted


NINGXIA = "宁夏回族自治区2026年政府工作报告\n我代表自治区人民政府向大会报告工作。\n"


def test_a_kind_reports_of_many_provinces_name_is_neither_built_nor_located():
    """抽水蓄能电站 and 国家骨干冷链物流基地 are used by reports of five provinces or more
    (widespread_labels.tsv): each area builds its own, so none is one thing the area builds or that lies
    in it; 银川陆港 of the same list is."""
    found, _ = rels("推进国家骨干冷链物流基地和银川陆港建设，加快建设抽水蓄能电站。", NINGXIA)
    assert not any("国家骨干冷链物流基地" in f[3:] or "抽水蓄能电站" in f[3:] for f in found), found
    assert ("promotes", "builds", "UnderConstruction", "宁夏回族自治区", "银川陆港") in found, found


def test_a_widespread_designation_is_promoted_but_located_nowhere():
    """建设国家生态文明试验区 (a zone four provinces hold): the area builds its designation, but the zone is
    no one place (its node would lie in every province that holds one)."""
    found, _ = rels("高质量建设国家生态文明试验区。", "海南省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert ("promotes", "builds", "UnderConstruction", "海南省", "国家生态文明试验区") in found, found
    assert not any(f[0] == "locatedIn" and f[3] == "国家生态文明试验区" for f in found), found


@pytest.mark.parametrize("label,kind", [("抽水蓄能电站", True), ("行业协会", True), ("川藏铁路", False),
                                        ("崖州湾国家实验室", False), ("明珠湾大桥", False)])
def test_a_widespread_label_is_a_kind_unless_it_holds_a_place(label, kind):
    from govkg.extract.model import Entity
    from govkg.extract.relations import is_widespread_kind

    cls = "Alliance" if label.endswith("协会") else "ResearchInstitute" if label.endswith("实验室") else "Facility"
    assert is_widespread_kind(Entity(key=f"x/{label}", label=label, cls=cls, aliases=(), code="")) is kind


def test_the_shipped_widespread_labels_are_what_the_corpus_makes(tmp_path, monkeypatch):
    """widespread_labels.tsv is generated (make_spread.py) from ../shared/corpus: regenerating it gives the
    same file."""
    from govkg.extract.lexicons import make_spread

    assert_regenerates(make_spread, tmp_path, monkeypatch)


@pytest.mark.parametrize("label,measured", [("220kv变电站", True), ("110千伏变电站", True), ("500KV变电站", True),
                                            ("110kV西关变电站", False), ("330千伏沣渭输变电工程", False)])
def test_a_voltage_class_and_a_kind_of_installation_names_none(label, measured):
    """加快220kv变电站项目建设: the substations of a voltage class, none named (a judged wrong statement:
    220kv变电站 locatedIn 徐水区); a name between the class and the kind names one (110kV西关变电站)."""
    from govkg.extract.model import Entity
    from govkg.extract.relations import is_measured

    assert is_measured(Entity(key="Project/x", label=label, cls="Project", aliases=(), code="")) is measured


def test_completing_the_construction_of_a_thing_named_right_after_completes_it():
    """完成X建设 (a judged wrong statement: 阜平县 builds/UnderConstruction 平阳至百石台公路); not when 完成 is
    said of a part (明珠湾隧道完成主体建设) or of a count (完成签约383户)."""
    found, _ = rels("完成明珠湾大桥建设，完成《南沙区综合交通规划》，完成《南沙区国土空间规划大纲》编制，明珠湾隧道完成主体建设。")
    got = {f[4]: f[1:3] for f in found if f[0] == "promotes" and f[3] == "南沙区"}
    assert got.get("明珠湾大桥") == ("completes", "Completed"), found
    assert got.get("南沙区综合交通规划") == ("issues", "Completed"), found
    assert got.get("南沙区国土空间规划大纲") == ("issues", "Completed"), found
    assert got.get("明珠湾隧道", ("", ""))[1] != "Completed", found


def test_what_the_area_aligns_with_is_not_promoted():
    """深度对接长三角一体化发展 (another region's strategy joined) and 对接京津冀“五群六链五廊”产业图谱 are not the
    area's; a project that 积极对接 (negotiates, acting on nothing) and then 有序推进 is still promoted."""
    fujian = "福建省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    found, _ = rels("深度对接长三角一体化发展、长江经济带发展、粤港澳大湾区建设。", fujian)
    assert not any(f[0] == "promotes" and f[4] in ("长三角一体化发展", "长江经济带发展", "粤港澳大湾区") for f in found), found
    found, _ = rels("对接京津冀“五群六链五廊”产业图谱，积极融入产业链和大市场。", "保定市2024年政府工作报告\n我代表市人民政府向大会报告工作。\n")
    assert not any(f[0] == "promotes" and f[4] == "五群六链五廊" for f in found), found
    found, _ = rels("良岗风电、远大装配式建筑等前期项目积极对接、有序推进。", "易县2020年政府工作报告\n我代表县人民政府向大会报告工作。\n")
    assert ("promotes", "builds", "UnderConstruction", "易县", "良岗风电") in found, found


def test_the_nations_report_locates_nothing_in_the_nation_by_its_area():
    """积极推进境外经贸合作区建设 in the State Council's report: the zones lie abroad; what the nation names without
    a place is mostly a kind, and "in China" says nothing of where a named thing is. It is still promoted."""
    found, _ = rels("积极推进境外经贸合作区建设，加快推动港珠澳大桥建设。", "2009年国务院政府工作报告\n我代表国务院向大会报告工作。\n")
    assert not any(f[0] == "locatedIn" and f[4] == "中国" for f in found), found
    assert any(f[0] == "promotes" and f[4] == "港珠澳大桥" for f in found), found


def test_a_name_opening_with_a_common_word_that_is_also_a_division_is_the_areas_own():
    """复兴公园获评省三星级公园 in 满城区's report: 复兴 is the revival (a word jieba knows well), not 邯郸's 复兴区, so
    the park the clause is about is the area's own (a gold relation missed with both ends recognized)."""
    found, _ = rels("复兴公园获评省三星级公园。", "保定市满城区2022年政府工作报告\n我代表区人民政府向大会报告工作。\n")
    assert ("locatedIn", "", "", "复兴公园", "满城区") in found, found


def test_what_a_named_meeting_said_is_not_the_areas_deed():
    """中央经济工作会议强调…，提出了“五个必须”“三项统筹” (a judged wrong statement: 新安县 issues 三项统筹): the
    meeting's words; 按照区委全会部署 … is the area acting as arranged."""
    head = "易县2024年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    found, _ = rels("中央经济工作会议强调要坚持稳中求进，提出了“五个必须”“三项统筹”等重大论断。", head)
    assert not any(f[0] == "promotes" and f[4] in ("五个必须", "三项统筹") for f in found), found
    found, _ = rels("按照县委全会部署，加快明珠湾大桥建设。", head)
    assert ("promotes", "builds", "UnderConstruction", "易县", "明珠湾大桥") in found, found


def test_a_pilot_that_lands_is_carried_out_not_signed():
    """公立医院改革与高质量发展、普惠托育…等国家级试点落地实施: a pilot or a plan that 落地 is carried out (implements),
    not signed (item 23 of the judged sample gave signs/Signed to …雄安新区规划落地); a project that 落地 is signed."""
    found, _ = rels("首单跨境资产管理试点业务落地，明珠湾大桥项目签约落地。")
    got = {f[4]: f[1:3] for f in found if f[0] == "promotes"}
    assert got.get("首单跨境资产管理试点") == ("implements", ""), found
    assert got.get("明珠湾大桥") == ("signs", "Signed"), found


@pytest.mark.parametrize("body,thing", [
    ("扎实推进“强基惠民”行动。", "强基惠民行动"),
    ("“暖心民政”三年行动启动实施。", "暖心民政三年行动"),
    ("持续推进“118”方案落实。", "118方案"),  # a document is carried out too
])
def test_an_initiative_is_carried_out_not_built(body, thing):
    got, _ = rels(body)
    assert {(k, st) for p, k, st, s, o in got if p == "promotes" and o == thing} == {("implements", "")}, got


def test_a_named_site_is_promoted_and_located_like_a_zone_and_a_river_holds_nothing():
    head = "山东省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("推进长岛国家公园、黄河口国家公园建设。", head)
    assert ("promotes", "builds", "UnderConstruction", "山东省", "黄河口国家公园") in got, got
    assert ("locatedIn", "", "", "黄河口国家公园", "山东省") in got, got
    assert not any(p == "locatedIn" and o == "黄河" for p, k, st, s, o in got), got


def test_a_name_holding_a_count_in_words_before_a_kind_names_no_one_thing():
    from govkg.extract.relations import is_measured
    from govkg.extract.model import Entity

    def ent(label):
        return Entity(key=f"Project/{label}", label=label, cls="Project", aliases=())

    assert is_measured(ent("城市更新两个项目")) and not is_measured(ent("两个确立"))


def test_a_thing_settling_in_another_division_is_not_signed_by_the_report_area():
    head = "易县2018年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("特别是雄安新区这一千年大计、国家大事落户保定，使我们的区位优势得到充分释放。", head)
    assert not any(p == "promotes" and o == "雄安新区" for p, k, st, s, o in got), got


def test_a_line_put_into_the_plan_is_planned():
    head = "山东省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("积极推动莱临铁路纳规。", head)
    assert ("promotes", "plans", "Planned", "山东省", "莱临铁路") in got, got


def test_an_enterprise_listed_right_before_settling_in_a_place_is_there():
    head = "保定市满城区2022年政府工作报告\n我代表保定市满城区人民政府向大会报告工作。\n"
    got, _ = rels("一年来，华北民生保障中心、英利6.5GW光伏电池等一批大项目、好项目落户满城，累计引入项目29个。", head)
    assert ("locatedIn", "", "", "英利6.5GW光伏电池", "满城区") in got, got
    # a national group named before its branch that settles is seated elsewhere
    got, _ = rels("中国电建、通用技术两家央企集团三级子公司落户满城。", head)
    assert not any(p == "locatedIn" and s == "中国电建" for p, k, st, s, o in got), got


def test_a_brand_kept_bright_is_carried_on():
    head = "浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("全力推进绿色低碳发展，美丽浙江品牌进一步擦亮。持续擦亮“投资浙江”品牌。", head)
    assert ("promotes", "implements", "", "浙江省", "美丽浙江") in got, got
    assert ("promotes", "implements", "", "浙江省", "投资浙江") in got, got


def test_a_kind_of_village_is_no_village_of_the_district():
    head = "保定市清苑区2008年政府工作报告\n我代表区人民政府向大会报告工作。\n"
    got, _ = rels("文明生态村建设步伐加快，垃圾分类示范村增加，陶口店中心村完成改造。", head)
    parts = {s for p, k, st, s, o in got if p == "partOf" and o == "清苑区"}
    assert not parts & {"文明生态村", "垃圾分类示范村"}, got


def test_the_nations_designation_of_a_zone_is_located_nowhere():
    head = "甘肃省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("支持武威工业园区创建国家经开区。", head)
    assert not any(p == "locatedIn" and s == "国家经开区" for p, k, st, s, o in got), got


def test_a_definition_builds_nothing():
    head = "阜平县2021年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("“一区”是指县城建成区，“三边”是指高速铁路沿线安全保护区。", head)
    assert not any(p == "promotes" and k == "completes" for p, k, st, s, o in got), got


def test_a_footnote_mark_after_an_item_does_not_break_its_list():
    got, _ = rels("大力实施了“三大战略”【5】“五大建设”【6】，深入推行“多评合一”[9]“标准地”[10]改革。", MANCHENG)
    objs = {o for p, k, st, s, o in got if p == "promotes" and k == "implements"}
    assert {"三大战略", "五大建设", "多评合一"} <= objs, got


def test_a_division_opening_a_longer_name_is_not_the_partner():
    got, _ = rels("积极对接北京同文中学、保定一中、保定十七中等优质教育资源。对接北京、天津，承接产业转移。", MANCHENG)
    coop = {o for p, k, st, s, o in got if p == "cooperatesWith"}
    assert "北京同文中学" in coop and {"北京市", "天津市"} <= coop, got
    assert "保定市" not in coop, got


def test_a_division_is_part_of_every_larger_division_the_report_names():
    head = "深圳市南山区2021年政府工作报告\n我代表南山区人民政府向大会报告工作。\n"
    got, _ = rels("南山区要在深圳建设中国特色社会主义先行示范区中当好尖兵，为广东作出新的贡献。", head)
    assert ("partOf", "", "", "南山区", "深圳市") in got  # its parent
    assert ("partOf", "", "", "南山区", "广东省") in got, got  # and the province above it, named too
    assert not any(p == "partOf" and o == "中国" and s == "南山区" for p, k, st, s, o in got), got


def test_an_institution_named_after_a_division_of_the_area_lies_in_it():
    head = "浙江省2026年政府工作报告\n我代表浙江省人民政府向大会报告工作。\n"
    got, _ = rels("宁波东方理工大学建校招生。", head)
    located = {(s, o) for p, k, st, s, o in got if p == "locatedIn"}
    assert {("宁波东方理工大学", "宁波市"), ("宁波东方理工大学", "浙江省")} <= located, got


@pytest.mark.parametrize("body,obj", [
    ("“五良”融合大面积提升单产。", "五良"),
    ("“高效办成一件事”改革成效走在全国前列。", "高效办成一件事改革"),
    ("新时代“枫桥经验”金名片持续擦亮。", "枫桥经验"),
])
def test_a_quoted_initiative_that_opens_a_clause_and_acts_is_carried_out(body, obj):
    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels(body, head)
    assert ("promotes", "implements", "", "黑龙江省", obj) in got, got


@pytest.mark.parametrize("body", ["“两重”项目投资增长5%。", "“双碳”目标要求更高。", "“三期叠加”影响仍在持续。"])
def test_a_quoted_initiative_a_figure_or_a_circumstance_is_said_of_is_not_promoted(body):
    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels(body, head)
    assert not any(p == "promotes" for p, k, st, s, o in got), got


def test_a_document_or_campaign_named_after_a_body_is_that_bodys():
    head = "浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("坚决贯彻党中央决策部署。严格执行中央八项规定精神。做好中央生态环保督察反馈问题整改。", head)
    assert ("promotes", "issues", "", "中共中央", "中央八项规定") in got, got
    assert ("promotes", "implements", "", "中共中央", "中央生态环境保护督察") in got, got


def test_a_thing_named_after_the_city_of_the_district_is_in_both():
    got, _ = rels("积极承接保定市动物园搬迁，完善周边功能配套。", MANCHENG)
    located = {(s, o) for p, k, st, s, o in got if p == "locatedIn"}
    assert {("保定市动物园", "满城区"), ("保定市动物园", "保定市")} <= located, got


def test_the_city_a_district_lies_in_is_no_other_place_in_a_name():
    head = "深圳市南山区2021年政府工作报告\n我代表南山区人民政府向大会报告工作。\n"
    got, _ = rels("对标国内名院高水平建设华中科技大学协和深圳医院。", head)
    assert ("locatedIn", "", "", "华中科技大学协和深圳医院", "南山区") in got, got


def test_a_body_right_before_a_cue_after_the_thing_does_what_it_says():
    head = "浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("《浙江省海洋经济高质量发展促进条例》等9件地方性法规提请人大审议通过。", head)
    assert ("promotes", "issues", "", "浙江省人民代表大会", "浙江省海洋经济高质量发展促进条例") in got, got
    # an institution listed with the thing is built with it, it builds nothing
    got, _ = rels("中科院明珠科学园、香港科技大学(广州)加快建设。", HEAD)
    assert not any(p == "promotes" and s == "香港科技大学(广州)" for p, k, st, s, o in got), got


def test_a_bodys_meeting_speaks_for_the_body():
    got, _ = rels("我们必须保持清醒研判，准确把握市委全会提出的“六个趋势”，因势而谋。", MANCHENG)
    assert ("promotes", "issues", "", "保定市委", "六个趋势") in got, got


def test_a_described_body_alone_in_the_first_clause_acts_in_the_sentence():
    got, _ = rels("特别是以永胜同志为班长的新一届区委，以战略思维把握大势、谋篇布局，大力实施了“三大战略”“五大建设”。", MANCHENG)
    subj = {(s, o) for p, k, st, s, o in got if p == "promotes"}
    assert {("满城区委", "三大战略"), ("满城区委", "五大建设")} <= subj, got
    got, _ = rels("在区委的坚强领导下，我们大力实施了“三大战略”。", MANCHENG)
    assert ("promotes", "implements", "", "满城区", "三大战略") in got, got


def test_an_item_of_a_list_of_named_things_is_named_too():
    head = "浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("良渚古城遗址公园、杭州国家版本馆、之江文化中心、浙东运河文化园等一大批文化地标建成投用。", head)
    assert ("promotes", "completes", "Completed", "浙江省", "之江文化中心") in got, got


def test_the_part_of_a_zone_named_by_a_division_lies_in_it():
    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("自贸试验区哈尔滨片区保税物流中心获批。", head)
    located = {(s, o) for p, k, st, s, o in got if p == "locatedIn"}
    assert {("自贸试验区哈尔滨片区保税物流中心", "哈尔滨市"), ("自贸试验区哈尔滨片区保税物流中心", "黑龙江省")} <= located, got


def test_what_is_made_around_a_place_is_not_the_place():
    head = "蠡县2020年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("全力打造环雄安绿色生态屏障，建成万亩环雄安林带。", head)
    assert not any(p == "promotes" and o == "雄安新区" for p, k, st, s, o in got), got


@pytest.mark.parametrize("body", [
    "以创新思维答好“创新之问”。",  # a verb nearer the thing (答) acts on it, not 创新
    "构建开放合作新格局。",  # the pattern is built, not the words that qualify it
    "加强区域内外通道、重要城际快速通道和重要疏港高速公路建设。",  # a list of kinds: none named beyond doubt
])
def test_no_promotes_of_what_a_verb_does_not_act_on_or_a_list_of_kinds(body):
    head = "河北省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels(body, head)
    assert not any(p == "promotes" and o in ("创新之问", "开放合作", "区域内外通道") for p, k, st, s, o in got), got


def test_a_quoted_slogan_before_a_pattern_word_is_the_pattern():
    got, _ = rels("构建“一核一带一区”新格局。")
    assert any(p == "promotes" and o == "一核一带一区" for p, k, st, s, o in got), got


def test_a_countys_own_park_or_site_lies_in_it():
    got, _ = rels("依托未央古镇、惠友商圈，大力发展“夜经济”。", MANCHENG)
    located = {(s, o) for p, k, st, s, o in got if p == "locatedIn"}
    assert {("未央古镇", "满城区"), ("惠友商圈", "满城区")} <= located, got


def test_a_quoted_programme_counted_things_are_of_is_carried_out():
    head = "浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("206个“两重”项目开工建设。", head)  # the name is the programme's (quote.tail-not-counted)
    assert ("promotes", "builds", "UnderConstruction", "浙江省", "两重") in got, got
    got, _ = rels("一批重大工程加快建设。", head)
    assert not any(p == "promotes" for p, k, st, s, o in got), got


def test_a_counted_quoted_programme_opening_a_clause_and_newly_built_ones():
    head = "四川省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("355项“川渝通办”事项让两地群众“进一个门、办两地事”。", head)
    assert ("promotes", "implements", "", "四川省", "川渝通办") in got, got
    got, _ = rels("新建“15分钟品质文化生活圈”2415个。", head)
    assert ("promotes", "implements", "", "四川省", "15分钟品质文化生活圈") in got, got


@pytest.mark.parametrize("body,bad", [
    ("建成50公里通村路。", "通村路"),  # a length of a kind
    ("确保双一流高校录取突破60人。", "双一流"),  # a result reached, a figure
    ("完成北区道路管线、供水供气等专项规划。", "北区道路管线"),  # the plans are done, not the things
    ("完成京昆高速、涞曲高速绿廊和通天湖生态林建设。", "涞曲高速"),  # the green along the line
])
def test_no_promotes_of_a_kind_measured_a_figure_plans_or_greening(body, bad):
    head = "阜平县2020年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels(body, head)
    assert not any(p == "promotes" and o == bad for p, k, st, s, o in got), got


def test_a_famous_place_is_no_village_of_the_county_and_people_lie_nowhere():
    head = "阜平县2021年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("与中国电建水利一局、中关村e谷合作。主动对接阜平在外成功人士和各类商会协会。", head)
    assert not any(p == "partOf" and s == "中关村" for p, k, st, s, o in got), got
    assert not any(p == "locatedIn" and "人士" in s for p, k, st, s, o in got), got


@pytest.mark.parametrize("body,bad", [
    ("严防“四风”反弹。", "四风"),  # guarded against
    ("完成长城文化公园总体规划编制。", "长城文化公园"),  # its plan is drawn, the park is not built
])
def test_no_promotes_of_what_is_guarded_against_or_only_planned_on_paper(body, bad):
    head = "涞水县2021年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels(body, head)
    assert not any(p == "promotes" and o == bad for p, k, st, s, o in got), got


def test_a_kind_of_institution_is_no_partner():
    head = "阜平县2021年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("实现乡镇卫生院与村卫生室一体化管理。加快与华侨城、五矿集团合作项目进度。", head)
    coop = {o for p, k, st, s, o in got if p == "cooperatesWith"}
    assert "村卫生室" not in coop, got


def test_words_ending_in_a_village_word_that_name_no_village():
    head = "涞水县2020年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("坚持因村制宜，有序推进乡改镇、村改居工作，三是五村返迁体现“稳”。", head)
    parts = {s for p, k, st, s, o in got if p == "partOf" and o == "涞水县"}
    assert not parts & {"因村", "乡改镇", "五村"}, got


def test_a_partner_named_after_a_division_elsewhere_does_not_lie_in_the_area():
    head = "阜平县2022年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("顺利完成开发区人事薪酬制度改革，与杭州市高新区开展战略合作。", head)
    assert not any(p == "locatedIn" and s == "杭州市高新区" and o == "阜平县" for p, k, st, s, o in got), got


def test_adverb_cut_names_exchanges_and_counted_kinds_of_village_get_nothing():
    head = "博野县2024年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("年内打造2个和美乡村示范带，建成精美示范村1个，洁美延展村10个。充分利用闲置宅基地。", head)
    assert not any(s in ("洁美延展村", "充分利用闲置宅基地") for p, k, st, s, o in got), got
    got, _ = rels("内地与港澳交流合作深入推进。", "2018年国务院政府工作报告\n")
    assert not any(p == "cooperatesWith" and o == "港澳交流" for p, k, st, s, o in got), got


def test_things_opening_a_clause_before_two_cues_jieba_reads_as_one_word_are_the_areas():
    # (建成投产 is one word to jieba, no cue by itself: the clause still says what became of the projects)
    head = "清苑区2021年政府工作报告\n我代表区人民政府向大会报告工作。\n"
    got, _ = rels("科恒动物药业、中士达包装印刷、味群食品等36个项目建成投产。", head)
    located = {s for p, k, st, s, o in got if p == "locatedIn" and o == "清苑区"}
    assert {"科恒动物药业", "味群食品"} <= located, got


def test_projects_given_as_examples_of_the_zone_the_sentence_opens_with_lie_in_it():
    got, _ = rels("长三角生态绿色一体化发展示范区建设深入推进，方厅水院等标志性项目建成投运。")
    assert ("locatedIn", "", "", "方厅水院", "长三角生态绿色一体化发展示范区") in got, got
    assert ("locatedIn", "", "", "方厅水院", "南沙区") in got, got  # (and still in the report's area)
    got, _ = rels("雄安新区规划建设进入新阶段，中电科、清华大学智能实验室等一批企业和科研机构落户新区。")
    assert ("locatedIn", "", "", "中电科", "雄安新区") in got, got
    # (two clauses about two things side by side: the second is no example of the first)
    got, _ = rels("雄安新区高标高质建设、大兴国际机场全面运行。")
    assert not any(p == "locatedIn" and o == "雄安新区" for p, k, st, s, o in got), got


def test_a_bonded_zone_closed_for_customs_operates_and_one_enlarged_is_built():
    got, _ = rels("衢州综保区封关运作，杭州综保区成功扩区。")
    assert ("promotes", "operates", "InOperation", "南沙区", "衢州综保区") in got, got
    assert ("promotes", "builds", "", "南沙区", "杭州综保区") in got, got


def test_a_district_listed_with_zones_as_platforms_is_promoted_like_them():
    head = "广东省2023年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("壮大南沙区、横琴粤澳深度合作区、前海深港现代服务业合作区等重点合作平台。", head)
    assert ("promotes", "builds", "", "广东省", "南沙区") in got, got
    assert ("promotes", "builds", "", "广东省", "横琴粤澳深度合作区") in got, got
    # (a district listed with other districts, the list of no platforms, is no thing promoted)
    got, _ = rels("支持广州、深圳、珠海等城市加快发展。", head)
    assert not any(p == "promotes" and o in ("广州市", "深圳市") for p, k, st, s, o in got), got


def test_what_a_division_other_than_the_area_builds_lies_in_it_and_a_list_of_divisions_builds_together():
    head = "湖北省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("支持黄冈、荆州建设国家中医药传承创新发展试验区。支持鄂州申建空港综保区。", head)
    for city in ("黄冈市", "荆州市"):
        assert ("promotes", "builds", "UnderConstruction", city, "国家中医药传承创新发展试验区") in got, got
        assert ("locatedIn", "", "", "国家中医药传承创新发展试验区", city) in got, got
    assert ("locatedIn", "", "", "空港综保区", "鄂州市") in got, got
    assert ("locatedIn", "", "", "空港综保区", "湖北省") in got, got  # (鄂州 is in the report's own area)
    # (a city helping to build elsewhere is no place of the thing: 援建)
    got, _ = rels("北京援建“三校一院”项目顺利推进。", "河北省2024年政府工作报告\n我代表省人民政府向大会报告工作。\n")
    assert not any(p == "locatedIn" and o == "北京市" for p, k, st, s, o in got), got


def test_bodies_written_right_before_a_title_issue_it_but_not_a_title_cut_short():
    head = "河北省2006年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("认真贯彻落实省委、省政府《关于加快农业经济结构优化调整的指导意见》。根据省委《建议》精神，制定规划。", head)
    doc = "关于加快农业经济结构优化调整的指导意见"
    assert ("promotes", "issues", "", "河北省委", doc) in got, got
    assert ("promotes", "issues", "", "河北省人民政府", doc) in got, got
    # (《建议》: a short title many reports' documents answer to is no one document to give an issuer)
    assert not any(o == "建议" for p, k, st, s, o in got), got


def test_a_region_of_the_kind_of_the_areas_parts_named_in_a_clause_of_its_own_beside_them_is_one_of_them():
    head = "四川省2024年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("川南经济区加快发展，攀西经济区转型升级成效明显。", head)
    assert ("partOf", "", "", "川南经济区", "四川省") in got, got
    assert ("partOf", "", "", "攀西经济区", "四川省") in got, got
    got, _ = rels("川南经济区加快发展，加快打造世界级大都市圈。", head)
    assert not any(p == "partOf" and s == "世界级大都市圈" for p, k, st, s, o in got), got


def test_a_cue_acts_on_a_quoted_programme_over_the_words_that_say_what_it_does():
    head = "浙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("投入12亿元实施企业找技术、成果找市场“双向揭榜挂帅”。", head)
    assert ("promotes", "implements", "", "浙江省", "双向揭榜挂帅") in got, got
    # (the quote qualifies what follows it: the women, no programme carried out)
    got, _ = rels("为低收入困难家庭的患者实施免费手术2000例、“两癌”患病妇女给予补助。", head)
    assert not any(p == "promotes" and o == "两癌" for p, k, st, s, o in got), got


def test_a_quoted_programme_and_how_many_things_its_deed_reached_is_carried_out_by_the_area_not_the_province_it_ranks_in():
    head = "保定市满城区2022年政府工作报告\n我代表区人民政府向大会报告工作。\n"
    got, _ = rels("全省率先完成山区光伏发电取暖替代任务，“气代煤”收尾改造1062户，推广洁净型煤4万吨。", head)
    assert ("promotes", "implements", "", "满城区", "气代煤") in got, got
    assert not any(p == "promotes" and s == "河北省" for p, k, st, s, o in got), got
    got, _ = rels("“三农”投入增长10%。", head)
    assert not any(p == "promotes" and o == "三农" for p, k, st, s, o in got), got


def test_enterprises_and_schools_a_list_calls_projects_are_promoted_as_projects_by_the_area():
    head = "清苑区2021年政府工作报告\n我代表区人民政府向大会报告工作。\n"
    got, _ = rels("四通新材、德顺地毯等7个项目全部开工。新华世纪中学、冀昌电气等3个项目竣工投产。", head)
    assert ("promotes", "builds", "UnderConstruction", "清苑区", "四通新材") in got, got
    assert ("promotes", "completes", "Completed", "清苑区", "冀昌电气") in got, got
    # (the first item of the list is no doer of what happens to the others)
    assert not any(p == "promotes" and s in ("四通新材", "新华世纪中学") for p, k, st, s, o in got), got


def test_a_body_the_area_founds_under_its_own_levels_name_is_seated_in_it():
    head = "四川省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("成立省民营经济发展促进中心，民间投资增长2.1%。", head)
    assert ("locatedIn", "", "", "省民营经济发展促进中心", "四川省") in got, got


def test_a_thing_of_many_common_words_opening_a_clause_alone_and_finished_is_the_areas_own():
    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("算电融合项目加力推进，工大卫星研发试验总部基地建成投产。", head)
    assert ("promotes", "completes", "Completed", "黑龙江省", "工大卫星研发试验总部基地") in got, got
    assert ("locatedIn", "", "", "工大卫星研发试验总部基地", "黑龙江省") in got, got
    # (a kind counted, or one merely under way, stays no one thing)
    got, _ = rels("建成乡镇综合养老服务中心520个。", head)
    assert not any(o == "乡镇综合养老服务中心" for p, k, st, s, o in got), got


def test_a_lab_opening_a_clause_before_a_deed_jieba_reads_as_a_noun_is_the_areas():
    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("平台载体加快建设，陆相页岩油全国重点实验室助力页岩油年产量突破100万吨。", head)
    assert ("locatedIn", "", "", "陆相页岩油全国重点实验室", "黑龙江省") in got, got


def test_a_cue_after_the_long_closing_words_of_a_list_of_projects_acts_on_its_items():
    head = "涞水县2020年政府工作报告\n我代表县人民政府向大会报告工作。\n"
    got, _ = rels("小丁家、晟柿食品等农产品深加工项目落户涞水。", head)
    assert ("promotes", "signs", "Signed", "涞水县", "晟柿食品") in got, got


def test_a_zone_named_by_provinces_joined_and_built_jointly_is_built_by_and_lies_in_each():
    head = "安徽省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("共建苏浙皖省际毗邻协同发展区。", head)
    for p in ("江苏省", "浙江省", "安徽省"):
        assert ("locatedIn", "", "", "苏浙皖省际毗邻协同发展区", p) in got, got
    assert ("promotes", "builds", "", "江苏省", "苏浙皖省际毗邻协同发展区") in got, got
    # (no word of building together: a zone named after two provinces need not lie in both)
    got, _ = rels("推动苏滁现代产业园提质发展。", head)
    assert not any(p == "locatedIn" and o == "江苏省" for p, k, st, s, o in got), got


def test_a_quoted_initiative_joined_to_unnamed_items_of_the_subject_is_carried_out():
    head = "保定市满城区2022年政府工作报告\n我代表区人民政府向大会报告工作。\n"
    got, _ = rels("义务教育阶段学校课后服务和农村小学“营养改善计划”实现全覆盖。", head)
    assert ("promotes", "implements", "", "满城区", "营养改善计划") in got, got
    # (a lone word before the quote may be a verb jieba knows as a noun: 充分考虑“新清苑人”需求)
    got, _ = rels("充分考虑“新清苑人”需求，完善公共服务设施。", head)
    assert not any(o == "新清苑人" for p, k, st, s, o in got), got


def test_what_a_paragraph_opening_with_a_zones_future_places_in_the_area_lies_in_the_zone():
    got, _ = rels("南沙科学城要建设成为世界领先的海洋科技创新中心。坚持高标准规划，加快建设冷泉生态系统大科学装置。\n"
                  "加快建设南沙港区四期。")
    assert ("locatedIn", "", "", "冷泉生态系统大科学装置", "南沙科学城") in got, got
    # (the next paragraph is no longer the zone's)
    assert ("locatedIn", "", "", "南沙港区四期", "南沙科学城") not in got, got


def test_bodies_a_clause_opens_with_after_items_not_recognized_are_the_areas_own():
    head = "黑龙江省2026年政府工作报告\n我代表省人民政府向大会报告工作。\n"
    got, _ = rels("天有为、大鹏工业成功上市。", head)
    assert ("locatedIn", "", "", "大鹏工业", "黑龙江省") in got, got
    # (the count of the bodies listed, cut into the last one's name, names no one body: 金能两大集团)
    got, _ = rels("新唐钢、金能两大集团正式挂牌运营。", head)
    assert not any(s == "金能两大集团" for p, k, st, s, o in got), got


def test_the_one_facility_a_districts_clause_opens_by_relying_on_is_its_own():
    head = "保定市满城区2022年政府工作报告\n我代表区人民政府向大会报告工作。\n"
    got, _ = rels("依托城市综合指挥中心，整合数据资源，提高城市智慧化管理水平。依托新时代文明实践中心，开展志愿服务。", head)
    assert ("locatedIn", "", "", "城市综合指挥中心", "满城区") in got, got
    # (not the items of a list of resources: kinds of things)
    got, _ = rels("依托集中搬迁安置区、乡村闲置农宅等资源，植入旅游要素。", head)
    assert not any(s == "集中搬迁安置区" for p, k, st, s, o in got), got
