"""Typed relations from patterns in both languages, with their evidence."""
import pytest

from kg.lexicon import load_lexicon
from kg.link import link
from kg.model import Predicate

AUTHOR = "\n\nAuthor: tester(Test Author)\n"


def triples(result):
    """(subject, predicate, object) labels after linking (the first person becomes the author)."""
    linked = link([result], load_lexicon())
    label = {e.id: e.label for e in linked.entities}
    return {(label[r.subject], r.predicate.value, label[r.object])
            for r in linked.relations if r.predicate is not Predicate.RELATED_TO}


@pytest.mark.parametrize("text, expected", [
    ("英伟达的 cuDNN 很快。", ("cuDNN", "developedBy", "NVIDIA")),
    ("英伟达的 CuDNN/Apex 都很快。", ("NVIDIA Apex", "developedBy", "NVIDIA")),
    ("TensorFlow 是由谷歌开发的框架。", ("TensorFlow", "developedBy", "Google")),
    ("Google's TensorFlow was popular.", ("TensorFlow", "developedBy", "Google")),
    ("PyTorch, developed by Meta, took over research.", ("PyTorch", "developedBy", "Meta")),
    ("Uber released Horovod in 2017.", ("Horovod", "developedBy", "Uber")),
    ("阿里巴巴的总部位于杭州。", ("Alibaba", "basedIn", "Hangzhou")),
    ("ByteDance is headquartered in Beijing.", ("ByteDance", "basedIn", "Beijing")),
    ("PyTorch 实现了对 Tensorflow 的反超。", ("PyTorch", "surpassed", "TensorFlow")),
    ("PyTorch 实现了对 Tensorflow 的反超。", ("PyTorch", "competesWith", "TensorFlow")),
    ("JAX competes with PyTorch for researchers.", ("JAX", "competesWith", "PyTorch")),
    ("Jeff Dean (Google) gave the keynote.", ("Jeff Dean", "memberOf", "Google")),
])
def test_patterns_find_typed_relations(analyse_text, text, expected):
    assert expected in triples(analyse_text(text))


@pytest.mark.parametrize("text, expected", [
    ("我很骄傲曾经是英伟达的一员。" + AUTHOR, {("Test Author", "memberOf", "NVIDIA"), ("Test Author", "leftOrganization", "NVIDIA")}),
    ("我在谷歌实习了三个月。" + AUTHOR, {("Test Author", "worksAt", "Google")}),
    ("去年我离开了谷歌。" + AUTHOR, {("Test Author", "leftOrganization", "Google")}),
    ("Last year I joined NVIDIA as an engineer." + AUTHOR, {("Test Author", "worksAt", "NVIDIA")}),
    ("如陈大岳老师所言，要多做实事。" + AUTHOR, {("Test Author", "quotes", "陈大岳")}),
    ("As Chris Lattner put it, compilers are fun." + AUTHOR, {("Test Author", "quotes", "Chris Lattner")}),
])
def test_first_person_relations_start_at_the_author(analyse_text, text, expected):
    assert expected <= triples(analyse_text(text))


def test_without_a_known_author_there_is_no_first_person_edge(analyse_text):
    assert triples(analyse_text("我在谷歌实习了三个月。")) == set()


@pytest.mark.parametrize("text", [
    "我没有在谷歌实习过。",
    "传闻他将加入谷歌。",
])
def test_negated_or_rumoured_statements_make_no_relation(analyse_text, text):
    assert not {t for t in triples(analyse_text("" + text)) if t[1] == "worksAt"}


def test_a_clause_after_a_comma_is_not_a_list(analyse_text):
    found = triples(analyse_text("英伟达的 cuDNN,Uber 的 Horovod 都在弥补性能。"))
    assert ("Horovod", "developedBy", "Uber") in found
    assert ("Uber", "developedBy", "NVIDIA") not in found


def test_every_relation_keeps_its_evidence_sentence(analyse_text):
    text = "第一句没有名字。\n\n英伟达的 cuDNN 很快。"
    result = analyse_text(text)
    rel = next(r for r in result.relations if r.predicate is Predicate.DEVELOPED_BY)
    assert rel.evidence.sentence == "英伟达的 cuDNN 很快。"
    assert text[rel.evidence.start:rel.evidence.end] == rel.evidence.sentence
    assert rel.method.startswith("developedBy") and 0 < rel.confidence <= 1


def test_co_occurrence_links_every_pair_in_a_sentence(analyse_text):
    result = analyse_text("PyTorch、TensorFlow 和 JAX 都是框架。")
    pairs = {frozenset((r.subject.name, r.object.name)) for r in result.relations
             if r.predicate is Predicate.RELATED_TO}
    assert len(pairs) == 3


@pytest.mark.parametrize("text, expected", [
    ("OctoML, the Seattle startup, was founded in 2019.", ("OctoML", "basedIn", "Seattle")),
    ("Morrow Compute, a five-person startup in Lausanne, builds compilers.", ("Morrow Compute", "basedIn", "Lausanne")),
    ("阿里巴巴的总部在杭州。", ("Alibaba", "basedIn", "Hangzhou")),
    ("Halide, developed by Jonathan Ragan-Kelley and Andrew Adams, is a DSL.", ("Halide", "developedBy", "Andrew Adams")),
    ("NNFusion 是 MSRA 开源的深度学习编译器。", ("NNFusion", "developedBy", "Microsoft Research Asia")),
    ("面试官是 BladeDISC 的 core maintainer 孙楠。", ("BladeDISC", "developedBy", "孙楠")),
    ("感谢北京大学的合作者梁宇航和许晴。", ("许晴", "memberOf", "Peking University")),
    ("Sofia Lindqvist, a PhD student at Chalmers University of Technology, spoke.", ("Sofia Lindqvist", "memberOf", "Chalmers University of Technology")),
    ("Kevin Wang 上个月跳去了 Moonshot AI。", ("Kevin Wang", "worksAt", "Moonshot AI")),
])
def test_more_ways_of_saying_a_relation(analyse_text, text, expected):
    assert expected in triples(analyse_text(text))


def test_pro_drop_sentences_are_the_authors_own(analyse_text):
    assert ("Test Author", "memberOf", "Microsoft Research Asia") in triples(analyse_text("2022 年在 MSRA 实习的半年很充实。" + AUTHOR))
    assert ("Test Author", "memberOf", "Microsoft Research Asia") not in triples(analyse_text("林墨去年在 MSRA 实习。" + AUTHOR))


@pytest.mark.parametrize("text, label, alias", [
    ("我在异构计算实验室（Heterogeneous Computing Lab，HCL）读博。", "Heterogeneous Computing Lab", "HCL"),
    ("实习生 Leo（张乐）已经回去读博了。", "Leo", "张乐"),
])
def test_a_name_with_its_alias_in_parentheses_is_one_entity(analyse_text, text, label, alias):
    linked = link([analyse_text(text)], load_lexicon())
    named = [e for e in linked.entities if label in (e.label, *e.aliases) or alias in (e.label, *e.aliases)]
    assert len(named) == 1
    assert {label, alias} <= {named[0].label, *named[0].aliases}


def test_people_under_a_contributors_heading_develop_what_the_readme_is_about(essay_factory, bundled):
    from kg.build import analyse

    text = ("# Zephyrine\n\nZephyrine is a tensor compiler. Install with `pip install zephyrine`.\n\n"
            "Zephyrine is fast, and Zephyrine is small.\n\n## Contributors\n\n- Casper da Costa-Luis\n- Stephen Larroque\n")
    result = analyse(essay_factory(text, "README.md"), bundled)
    pairs = {(r.subject.name, r.object.name) for r in result.relations if r.predicate is Predicate.DEVELOPED_BY}
    assert {("Zephyrine", "Casper da Costa-Luis"), ("Zephyrine", "Stephen Larroque")} <= pairs


@pytest.mark.parametrize("text, expected", [
    ("阿里巴巴集团副总裁贾扬清宣布离职。", ("Yangqing Jia", "leftOrganization", "Alibaba")),
    ("阿里巴巴集团副总裁贾扬清宣布离职。", ("Yangqing Jia", "memberOf", "Alibaba")),
    ("Nvidia CEO Jensen Huang spoke in Taipei.", ("Jensen Huang", "worksAt", "NVIDIA")),
    ("Caffe 的作者贾扬清加入了阿里巴巴。", ("Caffe", "developedBy", "Yangqing Jia")),
    ("貢獻者張三豐在臺北的微軟工作。", ("張三豐", "worksAt", "Microsoft")),
])
def test_news_style_relations(analyse_text, text, expected):
    assert expected in triples(analyse_text(text))


@pytest.mark.parametrize("text, expected", [
    ("我在九章智算（Jiuzhang AI）做训练框架。" + AUTHOR, ("Test Author", "worksAt", "Jiuzhang AI")),
    ("我们组的 leader 孙伟常说：“做得好时没人记得你。”" + AUTHOR, ("Test Author", "quotes", "孙伟")),
    ("My mentor, Colin Matthews, who ran the lab before Helen, told me: \"Build it.\"" + AUTHOR,
     ("Test Author", "quotes", "Colin Matthews")),
])
def test_quotes_and_names_in_parentheses(analyse_text, text, expected):
    assert expected in triples(analyse_text(text))


def test_a_person_after_a_preposition_is_not_the_speaker(analyse_text):
    text = "My mentor, Colin Matthews, who ran the lab before Helen, told me: \"Build it.\"" + AUTHOR
    assert ("Test Author", "quotes", "Helen") not in triples(analyse_text(text))


@pytest.mark.parametrize("text, expected", [
    ("These days I'm at 1X Technologies, a startup based in Oslo." + AUTHOR, ("Test Author", "worksAt", "1X Technologies")),
    ("These days I'm at 1X Technologies, a startup based in Oslo." + AUTHOR, ("1X Technologies", "basedIn", "Oslo")),
])
def test_english_blog_relations(analyse_text, text, expected):
    assert expected in triples(analyse_text(text))


@pytest.mark.parametrize("text, expected", [
    ("TVM started as a research project at the University of Washington.", ("Apache TVM", "developedBy", "University of Washington")),
    ("Caffe was created at UC Berkeley.", ("Caffe", "developedBy", "University of California, Berkeley")),
])
def test_where_a_system_was_born(analyse_text, text, expected):
    assert expected in triples(analyse_text(text))


def test_the_maker_named_after_a_place(analyse_text):
    found = triples(analyse_text("Caffe was created at UC Berkeley by Yangqing Jia."))
    assert ("Caffe", "developedBy", "Yangqing Jia") in found
