"""Hostile and unusual input: the reader and the extractors never crash, every offset they emit
is valid, and whatever text a report holds still serializes to valid Turtle, TriG and JSON-LD."""
import json

import pyoxigraph
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.extract.errors import GovkgError
from govkg.extract.pipeline import Corpus, extract_document, merge_entities
from govkg.extract.reader import read_bytes
from govkg.graph.api import KnowledgeGraph
from govkg.graph.export.rdf import serialize

# Words that make the extractors fire (places, bodies, projects, figures, cues), mixed with noise.
WORDS = ["南沙区", "黄埔区", "我区", "广州市", "中山大学", "与", "合作", "共建", "加快建设", "大桥", "项目", "建成",
         "地区生产总值", "增长", "8.5%", "亿元", "1.2万", "两成", "“", "”", "《", "》", "、", "，", "。", "；", "\n",
         "<b>", "</p>", "&amp;", '"', "\\", "<", ">", "\x00", "\t", "\u3000", "\ufeff", "A", "1"]
hostile_text = st.one_of(
    st.text(max_size=400),  # any Unicode (no lone surrogates: they cannot be in a file's text)
    st.lists(st.sampled_from(WORDS), max_size=120).map("".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=5)), max_size=80).map("".join),
)
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _valid_offsets(doc, result) -> None:
    n = len(doc.text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= n
        assert doc.text[s.start:s.end] == s.text
    for e in result.entities:
        for m in e.mentions:
            assert 0 <= m.start < m.end <= n and doc.norm[m.start:m.end] == m.surface
    for x in (*result.observations, *result.relations):
        assert 0 <= x.start < x.end <= n


@SLOW
@given(st.binary(max_size=600), st.sampled_from(["r.txt", "r.html", "r.md"]))
def test_any_bytes_give_a_document_or_a_read_error(data, name):
    try:
        doc = read_bytes(data, name)
    except GovkgError as exc:
        assert exc.path == name and str(exc).startswith(name)
        return
    assert len(doc.text) == len(doc.norm)
    result = extract_document(doc)
    _valid_offsets(doc, result)


@SLOW
@given(hostile_text, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]))
def test_extraction_never_crashes_and_offsets_are_valid_in_any_encoding(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        doc = read_bytes(data, "r.txt")
    except GovkgError as exc:  # binary-looking text (many control characters) is refused by name
        assert "r.txt" in str(exc)
        return
    _valid_offsets(doc, extract_document(doc))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_chinese_report_reads_the_same_in_every_encoding(encoding):
    text = "南沙区2023年政府工作报告\n各位代表：地区生产总值增长8.5%，加快建设明珠湾大桥。\n"
    doc = read_bytes(text.encode(encoding), "r.txt")
    assert doc.text == text


@pytest.mark.parametrize("data, reason", [
    (b"", "is empty (no text)"),
    (b" \n\t\n\xe3\x80\x80\n", "holds only white space, no text"),
])
def test_empty_and_whitespace_files_are_errors_naming_them(data, reason):
    with pytest.raises(GovkgError) as exc:
        read_bytes(data, "blank.txt")
    assert str(exc.value) == f"blank.txt: {reason}"


def test_binary_file_is_refused_with_its_name():
    data = bytes(range(128)) * 40  # valid UTF-8: only the binary check refuses it
    with pytest.raises(GovkgError, match=r"^logo\.txt: looks like a binary file"):
        read_bytes(data, "logo.txt")


def test_a_very_long_line_is_read_and_split():
    text = ("南沙区加快建设明珠湾大桥" * 20000)  # 240,000 characters, no sentence end
    doc = read_bytes(text.encode("utf-8"), "long.txt")
    assert doc.sentences and all(s.end - s.start <= len(text) for s in doc.sentences)
    _valid_offsets(doc, extract_document(doc))


def test_html_scripts_comments_and_styles_are_not_text():
    html = ("<html><head><title>x</title><script>var a='黄埔区';</script><style>p{}</style></head><body>"
            "<!-- 增城区 --><p>南沙区加快建设明珠湾大桥。</p><noscript>番禺区</noscript></body></html>")
    doc = read_bytes(html.encode("utf-8"), "page.html")
    assert "南沙区" in doc.text
    for hidden in ("黄埔区", "增城区", "番禺区", "var a"):
        assert hidden not in doc.text


def _kg_of(text: str) -> KnowledgeGraph:
    doc = read_bytes(text.encode("utf-8"), "r.txt")
    result = extract_document(doc)
    corpus = Corpus(reports=[result], entities=merge_entities([result]))
    return KnowledgeGraph(corpus=corpus)


NAME_CHARS = st.text(alphabet=st.sampled_from(list('"\\<>\'\n{}^`|&;#%') + ["南", "沙", "A", " "]), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=NAME_CHARS)
def test_labels_with_quotes_backslashes_brackets_and_newlines_serialize(name, tmp_path_factory):
    """A title in 《》 becomes a PolicyDocument whose label is whatever the report wrote."""
    kg = _kg_of(f"南沙区2023年政府工作报告\n我区印发《{name}实施方案》，推进“{name}”行动。\n")
    out = tmp_path_factory.mktemp("out")
    kg.write(out, formats=("turtle", "trig", "json-ld"), html=False)
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    trig = pyoxigraph.Store()
    trig.load(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    g = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert len(g) == len(store)
    json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert len(rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")) == len(g)


@settings(max_examples=80, deadline=None)
@given(st.text(max_size=40), st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=20))
def test_turtle_writer_round_trips_any_literal_and_iri_text(text, iri_tail):
    g = rdflib.Graph()
    s = rdflib.URIRef("https://w3id.org/govkg/id/x/" + iri_tail)
    g.add((s, rdflib.RDFS.label, rdflib.Literal(text, lang="zh")))
    g.add((s, rdflib.RDFS.comment, rdflib.Literal(text)))
    back = rdflib.Graph().parse(data=serialize(g, "turtle").decode("utf-8"), format="turtle")
    assert {str(o) for o in back.objects(None, rdflib.RDFS.label)} == {text}
    assert {str(o) for o in back.objects(None, rdflib.RDFS.comment)} == {text}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=st.text(min_size=1, max_size=30), alias=st.text(min_size=1, max_size=10))
def test_any_entity_label_serializes_to_valid_turtle_trig_and_json_ld(label, alias, tmp_path_factory):
    """Whatever label resolution settles on (the extractor cleans titles, but a lexicon or a
    manifest may not), the exports stay valid and keep it exactly."""
    import dataclasses

    kg = _kg_of("南沙区2023年政府工作报告\n我区加快建设明珠湾大桥。\n")
    key = next(k for k, e in kg.corpus.entities.items() if e.label == "南沙区")
    kg.corpus.entities[key] = dataclasses.replace(kg.corpus.entities[key], label=label, aliases=(alias,))
    out = tmp_path_factory.mktemp("out")
    kg.write(out, formats=("turtle", "trig", "json-ld"), html=True)
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    labels = {q.object.value for q in store.quads_for_pattern(None, pyoxigraph.NamedNode(str(rdflib.RDFS.label)), None)}
    assert label in labels
    pyoxigraph.Store().load(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    g = rdflib.Graph().parse(out / "graph.jsonld", format="json-ld")
    assert label in {str(o) for o in g.objects(None, rdflib.RDFS.label)}
