from govkg.extract.mentions import mentions_in
from govkg.extract.metadata import infer_meta
from govkg.extract.model import ReportMeta
from govkg.extract.reader import read_bytes
from govkg.extract.resolve import resolve_report


def entities(text, area=None, code=None, year=2020):
    doc = read_bytes(text.encode("utf-8"), "t.txt", "text")
    meta = ReportMeta(doc.id, "t", area, code, year, "WorkSummary")
    ents, _ = resolve_report(doc, meta, mentions_in(doc))
    return {e.label: e for e in ents}


def test_short_form_and_full_form_are_one_entity():
    ents = entities("南沙区召开会议。把南沙打造成为人才首选地。", "南沙区", "440115")
    assert ents["南沙区"].aliases == ("南沙",)
    assert ents["南沙区"].key == "Place/440115"


def test_deictic_forms_mean_the_report_area():
    ents = entities("全区上下深入学习。我区新设企业2.4万家。", "南沙区", "440115")
    e = ents["南沙区"]
    assert {m.surface for m in e.mentions} == {"全区", "我区"}
    assert e.aliases == ()  # 我区 is no name of 南沙区


def test_namesakes_are_chosen_from_context():
    shenzhen = entities("深圳市南山区推进科技创新。南山区位居前列。")  # (…建设科技园区: a known miss, test_mentions)
    assert shenzhen["南山区"].code == "440305"
    hegang = entities("鹤岗市南山区推进煤矿改造。南山区位居前列。")
    assert hegang["南山区"].code == "230404"


def test_relative_bodies_get_their_area():
    ents = entities("坚决落实省委和市委工作要求。", "黄埔区", "440112")
    assert ents["广东省委"].aliases == ("中共广东省委", "省委")
    assert ents["广州市委"].aliases == ("中共广州市委", "市委")


def test_abbreviation_of_initials_joins_the_full_name():
    ents = entities("支持南方科技大学建设。南科大新增学科。", "南山区", "440305")
    assert "南科大" in ents["南方科技大学"].aliases


def test_bare_zone_word_is_the_reports_zone():
    ents = entities("加快建设广州知识城。知识城引进项目。", "黄埔区", "440112")
    assert ents["广州知识城"].aliases == ("知识城",)


def test_area_prefix_variants_merge():
    ents = entities("高标准建设国际金融岛。南沙国际金融岛加快建设。", "南沙区", "440115")
    labels = [k for k in ents if "金融岛" in k]
    assert len(labels) == 1


def test_local_names_are_scoped_by_area_key():
    ents = entities("加快建设灵新大道。", "南沙区", "440115")
    assert ents["灵新大道"].key == "Project/440115/灵新大道"
    ents = entities("加快广州南站建设。", "南沙区", "440115")
    assert ents["广州南站"].key == "Project/广州南站"  # its name carries a place: one node across reports


def test_a_project_with_and_without_its_suffix_is_one_entity():
    doc = read_bytes("加快推进恒大新能源汽车项目。恒大新能源汽车投产。加快地铁22号线建设,22号线开通。".encode(), "t.txt")
    meta = infer_meta(doc)
    entities, _ = resolve_report(doc, meta, mentions_in(doc))
    labels = sorted((e.label, e.aliases) for e in entities if e.top == "Project")
    assert len(labels) == 2


def test_a_namesake_with_nothing_for_it_gets_no_code():
    """南区 is a district of 台中市 and of 台南市; in a Guangzhou report (琶洲南区) nothing says
    which, so no code (no Taiwan hierarchy in the graph).  A namesake whose parent is written
    (北京市朝阳区) or whose province is the report's keeps its code."""
    ents = entities("完成琶洲南区规划编制。推进南区建设。与北京市朝阳区合作。和平区代表团来访。", "海珠区", "440105")
    assert "南区" not in ents and "和平区" not in ents
    assert ents["朝阳区"].code == "110105"
    assert not any(e.code and e.code.startswith("71") for e in ents.values())
    shenyang = entities("和平区代表团来访。", "沈阳市", "210100")
    assert shenyang["和平区"].code == "210102"


def test_a_far_county_level_division_needs_its_city_or_province_named():
    """金山区 (上海), 解放区 (焦作) and 东城区 (北京) as words of a Hebei report's phrases get no code;
    with its city or province named in the report, a far district keeps its code."""
    ents = entities("既要绿水青山，也要金山银山。思想不够解放。推进阜东城区建设。", "保定市", "130600")
    assert not {"金山区", "解放区", "东城区"} & set(ents)
    assert entities("焦作市召开会议。解放区代表团来访。", "保定市", "130600")["解放区"].code == "410802"
    assert entities("北京市各区支持。东城区对口帮扶。", "保定市", "130600")["东城区"].code == "110101"


def test_a_bare_peoples_organization_is_the_report_areas_and_the_countrys_by_its_own_name():
    text = "支持工会、共青团、妇联等群团组织更好发挥作用。"
    county = entities(text, "易县", "130633")
    assert {"易县总工会", "共青团易县委", "易县妇女联合会"} <= set(county)
    country = entities(text, "中华人民共和国", "000000")
    assert {"中华全国总工会", "共青团中央", "中华全国妇女联合会"} <= set(country)
    assert not any(name.startswith(("中华人民共和国", "共青团中华人民共和国")) for name in country)


def test_a_party_committee_said_by_its_level_has_its_official_name_too():
    ents = entities("在区委坚强领导下，落实省委和市委要求。", "满城区", "130607")
    assert "中共保定市满城区委" in ents["满城区委"].aliases
    assert "中共保定市委" in ents["保定市委"].aliases
    assert "中共河北省委" in ents["河北省委"].aliases


def test_a_county_said_short_counts_inside_the_reports_own_area_but_not_for_the_areas_own_other_name():
    """九寨沟 in 四川省's report is its 九寨沟县 (inside the report's area, its parent unnamed); 龙江 in
    黑龙江省's report is the province's other name, not 齐齐哈尔's 龙江县."""
    assert entities("持续做优三星堆、九寨沟等文旅精品。", "四川省", "510000")["九寨沟县"].code == "513225"
    assert entities("持续做优三星堆、九寨沟等文旅精品。", "河北省", "130000").get("九寨沟县") is None
    ents = entities("奋力书写中国式现代化龙江篇章。", "黑龙江省", "230000")
    assert "龙江县" not in ents


def test_the_congress_said_by_its_level_or_bare_is_one_body():
    """省人大 and a bare 人大 in 浙江省's report are both 浙江省人民代表大会."""
    ents = entities("自觉接受省人大监督，支持人大依法履职。", "浙江省", "330000")
    assert "浙江省人大" not in ents
    assert {"省人大", "人大"} <= set(ents["浙江省人民代表大会"].aliases)


def test_a_division_listed_among_its_siblings_is_a_division():
    """自贡 is a verb in jieba's dictionary, so its short-form candidate scores nothing on its own;
    listed with 、 next to 眉山 (a city of the same province) it is the city."""
    from govkg.extract.mentions.runner import recognize

    def names(text):
        doc = read_bytes(text.encode("utf-8"), "t.txt", "text")
        return {m.name for m in recognize(doc, model=None, home="510000").mentions}

    assert names("内江、眉山、自贡、遂宁经济总量突破2000亿元。") == {"内江市", "眉山市", "自贡市", "遂宁市"}
    assert names("自贡经济总量突破2000亿元。") == set()


def _turned_down(text, name, others):
    """The document stage's view of ``text``: ``others`` accepted, ``name`` the pick of its group
    turned down by its score (as a model trained on other reports may score it)."""
    from govkg.extract.mentions.classifier import Score
    from govkg.extract.mentions.runner import Decision, _mention, candidates_of

    doc = read_bytes(text.encode("utf-8"), "t.txt", "text")
    sents, per_sentence = candidates_of(doc)
    sent, cands = sents[0], per_sentence[0]
    live = [c for c in cands if c.failed is None and c.variant in ("rule-start", "")]
    mentions = [_mention(doc, sent, c, c.cls, 0.9) for c in live if c.name in others]
    down = next(c for c in live if c.name == name)
    decisions = [Decision(down, sent.index, score=Score({"none": 0.62, "Organization": 0.38}),
                          reason="score 0.38 < 0.40")]
    return doc, sents, mentions, decisions


def test_a_name_listed_with_names_of_its_suffix_is_a_name():
    """西湖大学, turned down by its score, is listed with 浙江农林大学: a list names things of one kind, so
    it is kept, and the lexicon's 西湖 inside it goes; a list of kinds (并购基金、验证基金) is not."""
    from govkg.extract.mentions.document import listed_siblings

    doc, sents, mentions, decisions = _turned_down("浙江农林大学、西湖大学牵头建设全国重点实验室。", "西湖大学",
                                                   {"浙江农林大学", "西湖"})
    assert {m.name for m in mentions} == {"浙江农林大学", "西湖"}
    kept = listed_siblings(doc, sents, mentions, decisions)
    assert sorted(m.name for m in kept) == ["浙江农林大学", "西湖大学"]
    assert decisions[0].accepted and decisions[0].reason.startswith("document.listed")

    doc, sents, mentions, decisions = _turned_down("支持并购基金、验证基金发展。", "验证基金", {"并购基金"})
    assert [m.name for m in listed_siblings(doc, sents, mentions, decisions)] == ["并购基金"]
    assert not decisions[0].accepted


def test_the_centre_is_a_body_where_it_acts():
    """中央 is a common word; followed by what the centre does (决策部署) or by a lower level
    (和省、市) it is 中共中央, with 中央 as the report's form of it; 中央厨房 names no body."""
    ents = entities("坚决落实中央决策部署和省、市工作要求。", "南沙区", "440115")
    assert ents["中共中央"].aliases == ("中央",)
    assert "中共中央" not in entities("发展中央厨房。", "南沙区", "440115")


def test_a_provinces_bare_free_trade_zone_is_its_official_one():
    """In a province's report 自贸区 is 中国(河北)自由贸易试验区, the one name the State Council gave
    it, so the full name and the bare word are one entity; in a district's it is the district's part."""
    ents = entities("推动自贸区提质增效。中国（河北）自由贸易试验区获批新任务。", "河北省", "130000")
    assert ents["中国(河北)自由贸易试验区"].aliases == ("自贸区",)
    assert "南沙自贸区" in entities("自贸区建设取得成效。", "南沙区", "440115")


def test_a_provinces_free_trade_zone_said_short_is_its_own_once_approved():
    """自贸区 said bare in 四川省's report of 2026 is 中国(四川)自由贸易试验区 (approved 2017); in
    山西省's, which has none (申建自贸区), and in 河北省's of 2019, the year its zone was approved,
    the word names a kind and is no entity."""
    text = "高标准建设自贸区，推进开放。"
    assert entities(text, "四川省", "510000", 2026)["中国(四川)自由贸易试验区"].aliases == ("自贸区",)
    for area, code, year in (("山西省", "140000", 2026), ("河北省", "130000", 2019)):
        assert not any("自贸" in n or "自由贸易" in n for n in entities(text, area, code, year))


def test_a_footnote_mark_is_no_part_of_a_name():
    """The published texts mark notes inside names (“一年四打”〔6〕专项整治行动, 一臣饲料〔17〕 in 保定's
    county reports); the name is written without them."""
    ents = entities("持续开展“一年四打”〔6〕专项整治行动，推动一臣饲料〔17〕等企业投产。", "满城区", "130607")
    assert sorted(ents) == ["一年四打专项整治行动", "一臣饲料"]
