"""The checks of form every candidate goes through (extract/mentions/wellformed.py)."""
from hypothesis import given, strategies as st

from govkg.extract.mentions.base import Sent
from govkg.extract.mentions.runner import propose
from govkg.extract.mentions.wellformed import balanced
from govkg.extract.reader import fold_width
from govkg.extract.segment import segmenter


def _candidates(sentence: str):
    text = fold_width(sentence)
    return propose(Sent(text, segmenter().tokens(text)))[0]


def _failed(sentence: str) -> dict[str, str]:
    return {c.name: c.failed.id for c in _candidates(sentence) if c.failed is not None}


def _live(sentence: str) -> set[str]:
    return {c.name for c in _candidates(sentence) if c.failed is None}


def test_balanced_names():
    for name in ("“八五”普法规划", "广州科学城“五年大变化”行动方案", "中国(深圳)知识产权保护中心",
                 "《中共中央关于…<若干问题的决定>的实施意见》", "北二路（宏昌大街至永乐街）", "南沙区"):
        assert balanced(name), name


def test_unbalanced_names():
    for name in ("认真学习运用“千万工程", "17]行政执法“三项制度", "IFF)永久会址", "了济困助学\"山花工程",
                 "《建议》》", "(南沙》", "68〕双千工程", "［3］园区］"):
        assert not balanced(name), name


_TEXT = st.text(alphabet="南沙区科学城一二", max_size=6)
_PAIRS = st.sampled_from(["“”", "《》", "()", "（）", "[]", "【】", "〔〕", "［］"])


@st.composite
def _balanced_strings(draw, depth=2):
    parts = draw(st.lists(_TEXT, min_size=1, max_size=3))
    if depth and draw(st.booleans()):
        o, c = draw(_PAIRS)
        k = draw(st.integers(0, len(parts) - 1))
        parts[k] = parts[k] + o + draw(_balanced_strings(depth=depth - 1)) + c
    return "".join(parts)


@given(_balanced_strings(), _PAIRS, st.booleans())
def test_a_balanced_name_with_one_mark_more_is_not(name, pair, opening):
    assert balanced(name)
    assert not balanced(pair[0] + name if opening else name + pair[1])


def test_a_suffixed_span_cut_inside_a_quote_fails_the_balance_check():
    failed = _failed("认真学习运用“千万工程”经验")
    assert failed["运用“千万工程"] == "name.balanced"


def test_a_count_of_things_inside_a_name_fails():
    failed = _failed("推动巨力集团和东方造纸两家小额贷款公司实质性运转")
    assert failed["东方造纸两家小额贷款公司"] == "name.not-count-of-things"
    assert _failed("完成16处矿山修复治理主体工程")["处矿山修复治理主体工程"] == "name.not-count-of-things"


def test_counted_programmes_phases_and_policy_packages_are_no_count_of_things():
    for sentence, name in (("实施六大科技专项", "六大科技专项"), ("出台稳就业20条政策措施", "稳就业20条政策措施"),
                           ("建成地铁18号线二期", "地铁18号线二期")):
        assert name in _live(sentence), name


def test_a_quote_after_a_place_is_closed_into_the_name():
    assert "河西“绿氢走廊”" in _live("打造河西“绿氢走廊”。")


def test_a_thing_ranked_first_or_most_of_its_kind_is_described_not_named():
    failed = _failed("成功培育全国最大天然气生产基地，建成全球首条高原绿色超充换电走廊。")
    assert failed["全国最大天然气生产基地"] == "name.not-ranking"
    assert failed["全球首条高原绿色超充换电走廊"] == "name.not-ranking"
    assert _failed("西南首家国际公路运输集结中心投运")["西南首家国际公路运输集结中心"] == "name.not-ranking"
    # a quoted slogan is the text's own words, not the rules'
    assert "退役军人最期盼的10件事" in _live("办好“退役军人最期盼的10件事”。")
