import pytest

from govkg.extract.mentions import find_coordinations, find_quotes, find_titles, sentence_candidates


def names(s):
    return [(c.name, c.cls, c.rule) for c in sentence_candidates(s)]


def test_nested_titles_are_two_documents():
    s = "审议通过了《中共A区委贯彻落实<中共中央关于若干重大问题的决定>的实施意见》。"
    got = [(c.name, c.inner) for c in find_titles(s)]
    assert got == [("中共中央关于若干重大问题的决定", True), ("中共A区委贯彻落实<中共中央关于若干重大问题的决定>的实施意见", False)]


@pytest.mark.parametrize("sentence,expected", [
    ("开展“一业一证”改革。", [("一业一证改革", "Reform")]),
    ("研究出台新一批“三通”清单,", [("三通清单", "PolicyPackage")]),
    ("全力做好“六稳”“六保”工作", [("六稳", "Slogan"), ("六保", "Slogan")]),
    ("推进“珠宝+文化旅游”小镇建设", [("珠宝+文化旅游小镇", "Park")]),
    ("优化“交地即开工”3.0版", [("交地即开工3.0版", "Slogan")]),
    ("他说“这是一个很长很长的句子,里面有很多很多的字,不是口号”。", []),
])
def test_quotes(sentence, expected):
    assert [(c.name, c.cls) for c in find_quotes(sentence)] == expected


def test_metro_lines_in_coordination():
    got = [c.name for c in find_coordinations("加快地铁18号、22号线建设")]
    assert got == ["地铁18号线", "地铁22号线"]


@pytest.mark.parametrize("sentence,expected", [
    ("高标准规划南沙科学城,", [("南沙科学城", "Zone", "suffix")]),
    ("加快明珠湾大桥、灵新大道等项目建设", [("明珠湾大桥", "TransportProject", "suffix"), ("灵新大道", "TransportProject", "suffix")]),
    ("中山大学附属第一(南沙)医院封顶", [("中山大学附属第一(南沙)医院", "Hospital", "suffix")]),
    ("深化与梅州市蕉岭县对口帮扶工作", [("梅州市", "City", "gazetteer"), ("蕉岭县", "District", "gazetteer")]),
    ("坚决落实省委部署", [("省委", "GovernmentBody", "body")]),
    ("获国务院督查激励", [("国务院", "GovernmentBody", "lexicon")]),
    ("加快建设南方海洋科学与工程省实验室", [("南方海洋科学与工程省实验室", "ResearchInstitute", "suffix")]),
    ("加快重点项目建设", []),
])
def test_sentence_candidates(sentence, expected):
    assert names(sentence) == expected


def test_longer_span_wins_over_a_place_inside_it():
    got = names("香港科技大学(广州)加快建设")
    assert got == [("香港科技大学(广州)", "University", "suffix")]


@pytest.mark.parametrize("sentence,expected", [
    # figures of speech in quotes name nothing
    ("断增强和展现“窗口”魅力", []),
    ("下好政策红利“及时雨”", []),
    ("谋划“十四五”发展", []),
    ("绘就了中心城区的“宏伟蓝图”", []),
    ("关于科学城要“实现五年大变化”殷殷嘱托", []),
    ("坚持“我奋斗、我幸福”", [("我奋斗、我幸福", "Slogan")]),
    # the tail stops at a particle
    ("服务“一带一路”的新贸易中心", [("一带一路", "Slogan")]),
])
def test_quotes_that_name_nothing(sentence, expected):
    assert [(c.name, c.cls) for c in find_quotes(sentence)] == expected


def test_quote_inside_a_longer_name():
    got = [(c.name, c.cls, c.aliases, c.inner) for c in sentence_candidates("打造广深“双城”联动发展先导区,")]
    assert got == [("广深双城联动发展先导区", "Zone", (), False), ("双城", "Slogan", (), True)]


@pytest.mark.parametrize("sentence,expected", [
    ("着力建好蕉门河中心区。", [("蕉门河中心区", "Zone", "suffix")]),
    ("搭建西丽湖国际科教城,", [("西丽湖国际科教城", "Zone", "suffix")]),
    ("必须抢抓深圳综合改革试点重大机遇", [("深圳综合改革试点", "Pilot", "suffix")]),
    ("争取超大城市空间统筹开发试点,", [("超大城市空间统筹开发试点", "Pilot", "suffix")]),
    ("建立健全民营企业平稳发展基金机制;", [("民营企业平稳发展基金机制", "Mechanism", "suffix")]),
])
def test_verbs_of_action_are_not_part_of_a_name(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("引导支持世界之窗、锦绣中华、欢乐谷等旅游景区升级。",
     [("世界之窗", "Facility", "list"), ("锦绣中华", "Facility", "list"), ("欢乐谷", "Facility", "list")]),
    ("建设麻涌、化龙等过江隧道。",
     [("麻涌过江隧道", "TransportProject", "list"), ("化龙过江隧道", "TransportProject", "list")]),
    ("有序推进数字人民币、沙盒监管等试点落地。",
     [("数字人民币", "Pilot", "lexicon"), ("沙盒监管", "Pilot", "list")]),
    ("推进高新区北区、西丽中心区、蛇口老镇等重点片区更新改造。",
     [("高新区北区", "Zone", "list"), ("西丽中心区", "Zone", "suffix"), ("蛇口老镇", "Township", "suffix")]),
    # no category noun after 等, or a named thing after it: no list
    ("大力发展生物医药、集成电路等产业", []),
    ("复制推广投资贸易便利化、金融开放创新等前海蛇口自贸片区重大制度创新成果",
     [("前海蛇口自贸片区", "Zone", "suffix")]),
    ("加快建设5G网络等信息基础设施", []),
])
def test_lists_closed_by_a_category_noun(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    # kinds of policy are no names; named reforms are
    ("深化经济体制改革和机构改革", []),
    ("完善激励机制", []),
    ("学习借鉴生物岛管理体制机制", [("生物岛", "Zone", "suffix")]),
    ("创新药品注册和医疗器械审批制度", []),
    ("深化司法体制综合配套改革", [("司法体制综合配套改革", "Reform", "suffix")]),
    ("推行商事登记确认制改革", [("商事登记确认制改革", "Reform", "suffix")]),
    # a generic word before a weak suffix is no name, a long specific one or a national designation is
    ("打造海洋科技平台", []),
    ("建设国家技术转移大数据平台,", [("国家技术转移大数据平台", "Platform", "suffix")]),
    ("做强国家级科技与文化融合示范基地。", [("国家级科技与文化融合示范基地", "Park", "suffix")]),
    # planning as an activity is no document; the thing planned is the entity
    ("加快西丽高铁枢纽规划建设", [("西丽高铁枢纽", "TransportProject", "suffix")]),
    # bilateral cooperation names stay whole
    ("聚力打造中新国际科技创新合作示范区", [("中新国际科技创新合作示范区", "Zone", "suffix")]),
])
def test_what_makes_a_suffixed_name(sentence, expected):
    assert names(sentence) == expected


def test_a_region_before_a_programme_makes_one_name():
    got = [(c.name, c.cls, c.aliases) for c in sentence_candidates("加快建设大湾区国际科创中心主要承载区")]
    assert got == [("粤港澳大湾区国际科技创新中心", "Program", ("大湾区国际科创中心", "粤港澳大湾区国际科创中心"))]


def test_a_clause_is_no_zone_before_a_body():
    got = names("中共广州市黄埔区委一届十次全会暨广州开发区党工委2019年第四次工作会议召开。")
    assert ("广州开发区党工委", "GovernmentBody", "body") in got
    assert not any("全会" in name for name, _, _ in got)


@pytest.mark.parametrize("sentence,expected", [
    # dashes join names; 与 joins when the name is about both sides, not before a complete name
    ("加速建设科学大道—开创大道—香雪大道新经济走廊,", [("科学大道—开创大道—香雪大道新经济走廊", "Park", "suffix")]),
    ("推动前海湾保税港区、西部港口与广州保税区联动发展",
     [("前海湾保税港区", "Zone", "suffix"), ("港口区", "District", "short-form"), ("广州保税区", "Zone", "suffix")]),
    ("推动广州至珠海(澳门)高铁规划建设", [("广州至珠海(澳门)高铁", "TransportProject", "suffix")]),
    # verbs that may sit inside a name
    ("全力建设国家级经开区创新提升示范区,", [("国家级经开区创新提升示范区", "Zone", "suffix")]),
    ("打造粤港澳大湾区全面深度合作先导区。", [("粤港澳大湾区全面深度合作先导区", "Zone", "suffix")]),
    # a count of a kind is no name; the report's own area's facility is
    ("加快明珠现代都市农业实验园和渔业产业园三大平台建设",
     [("明珠现代都市农业实验园", "Park", "suffix"), ("渔业产业园", "Park", "suffix")]),
    ("区青少年宫建成", [("区青少年宫", "Facility", "suffix")]),
    # area abbreviations make a name proper; other abbreviations do not
    ("筹建港澳保险服务中心。", [("港澳保险服务中心", "ServiceCenter", "suffix")]),
    ("打造开放式的中试转化基地", []),
])
def test_joins_inside_names(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("坚决打赢蓝天、绿水、净土攻坚战。", [("蓝天、绿水、净土攻坚战", "Campaign", "suffix")]),
    ("实施乡村振兴战略、精准脱贫攻坚战", [("乡村振兴", "Strategy", "lexicon"), ("精准脱贫攻坚战", "Campaign", "suffix")]),
    ("提高法治黄埔建设水平", [("法治黄埔", "Program", "lexicon")]),
    ("落实广州市总河长5号令、8号令,坚决",
     [("广州市总河长5号令", "PolicyDocument", "suffix"), ("广州市总河长8号令", "PolicyDocument", "suffix")]),
    ("打造海南自贸港与大湾区对接联动先行区。",
     [("海南自由贸易港", "Zone", "lexicon"), ("海南自贸港与大湾区对接联动先行区", "Zone", "suffix"),
      ("粤港澳大湾区", "Region", "lexicon")]),
    ("审议《中共中央关于若干重大问题的决定》",
     [("中共中央关于若干重大问题的决定", "PolicyDocument", "title"), ("中共中央", "GovernmentBody", "lexicon")]),
])
def test_names_inside_and_beside_names(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("推动国企参与4个村镇工业集聚区项目和琶洲算谷等3个产业用地项目开发运营",
     [("村镇工业集聚区项目", "InvestmentProject", "suffix"), ("琶洲算谷", "InvestmentProject", "list")]),
    ("全力攻坚琶洲南区地下空间、东晓南—广州南站连接线等项目,",
     [("琶洲南区地下空间", "InvestmentProject", "list"), ("东晓南—广州南站连接线", "InvestmentProject", "list")]),
    ("推进道路项目、桥梁项目等项目", []),
    ("深化中央湿地价值圈、珠江沿岸地区高质量发展等片区规划",
     [("中央湿地价值圈", "Zone", "list"), ("珠江沿岸地区", "Region", "suffix")]),
])
def test_list_items_are_names(sentence, expected):
    assert names(sentence) == expected


def test_a_quote_tail_stops_at_a_verb():
    assert [(c.name, c.cls) for c in find_quotes("构建“一轴一路”一轴包括东风村")] == [("一轴一路", "Slogan")]


def test_kinds_of_things_in_a_list_are_no_names():
    assert names("完善社区公厕、治安监控设备等基础设施") == []


@pytest.mark.parametrize("sentence,expected", [
    ("加快轨道 12、13 号线,7 号线二期建设",
     [("轨道12号线", "TransportProject", "suffix"), ("轨道13号线", "TransportProject", "suffix"),
      ("7号线二期", "TransportProject", "suffix")]),
    ("南山区委书记曾湃代表中共南山区第七届委员会作报告",
     [("南山区委", "GovernmentBody", "body"), ("中共南山区第七届委员会", "GovernmentBody", "suffix")]),
    ("新建一批国家级和省级重点实验室", [("新建区", "District", "short-form")]),
    ("支持南科大加快建设“双一流”大学", [("南方科技大学", "University", "lexicon"), ("双一流", "Slogan", "quote")]),
    ("加快滨海大道超总段下沉改造。", [("滨海大道超总段", "TransportProject", "suffix")]),
    ("推进西丽水库入库支流综合治理工程", [("西丽水库入库支流综合治理工程", "Facility", "suffix")]),
    ("统筹推进碳达峰、碳中和", [("碳达峰碳中和", "Strategy", "lexicon")]),
    ("主动服务好国家战略科技力量", []),
])
def test_lines_bodies_and_works(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("获联合国“2019年度全球杰出投资促进机构大奖”", []),
    ("打造“一站式”服务平台", [("一站式服务平台", "Platform")]),
])
def test_awards_and_clauses_in_quotes(sentence, expected):
    assert [(c.name, c.cls) for c in find_quotes(sentence)] == expected


@pytest.mark.parametrize("sentence,expected", [
    ("加快建设国际航运枢纽", []),  # jieba tags 国际航运 as a name; it is two common words
    ("引进世界500强企业投资项目", []),
    ("打造智慧示范样板园区", []),
])
def test_common_compounds_name_nothing(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("一图读懂2021年珠海高新区", [("珠海高新区", "Zone", "suffix")]),
    ("努力跻身全国一流高新区", []),
    ("力争官塘旧村完成改造", [("官塘旧村", "Community", "suffix")]),
    ("拓展沿线国家和地区市场", []),
    ("上半年地区生产总值增长", []),
    ("推进唐中路改造按计划完成", []),
    ("全面实施乡村振兴战略", [("乡村振兴", "Strategy", "lexicon")]),
    ("推动清华科技园二期和中科院创新科技园建设",
     [("清华科技园", "Park", "suffix"), ("中科院创新科技园", "Park", "suffix")]),
    ("设立珠海高新技术产业投资基金和高新区", [("珠海市", "City", "short-form"), ("高新区", "Zone", "suffix")]),
])
def test_where_names_end_and_start(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("(六)抓改革", []),
    ("把琶洲人工智能试验区打造为", [("琶洲人工智能试验区", "Zone", "suffix")]),
    ("加快改造琶醍文化创意园", [("琶醍文化创意园", "Park", "suffix")]),
    ("开展违建整治专项行动", [("违建整治专项行动", "Campaign", "suffix")]),
    ("全面提高规划水平", []),
])
def test_headings_prepositions_and_verbs_inside_names(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    # from reports of other regions, written for these tests
    ("打好污染防治攻坚战和蓝天、碧水、净土保卫战。",
     [("污染防治攻坚战", "Campaign", "lexicon"), ("蓝天、碧水、净土保卫战", "Campaign", "suffix")]),
    ("加快建设天府国际生物城、成都科学城", [("天府国际生物城", "Zone", "suffix"), ("成都科学城", "Zone", "suffix")]),
    ("共建环川大知识经济圈", [("环川大知识经济圈", "Region", "suffix")]),
    ("加快建设之江实验室和良渚实验室，推进",
     [("之江实验室", "ResearchInstitute", "suffix"), ("良渚实验室", "ResearchInstitute", "suffix")]),
    ("加快建设未来科技城", [("未来科技城", "Zone", "suffix")]),
])
def test_names_from_other_regions(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize("sentence,expected", [
    ("与日本、韩国等国家和地区深化经贸合作", [("日本", "Country", "lexicon"), ("韩国", "Country", "lexicon")]),
    ("打造南沙特色“立体政务”", [("立体政务", "Slogan", "quote")]),
    ("小清河复航工程扎实推进", [("小清河复航工程", "Facility", "suffix")]),
    ("吸引跨国公司落户", []),
])
def test_countries_and_works(sentence, expected):
    assert [(n, c, r) for n, c, r in names(sentence) if r != "short-form"] == expected
