"""Mentions: lexicon names however spelled, discovered names, and what is not a name."""
import pytest

from kg.model import AUTHOR_KEY


def found(result):
    return {(m.name, m.type.value) for m in result.mentions if m.key != AUTHOR_KEY}


@pytest.mark.parametrize("text, expected", [
    ("我们用 Tensorflow 训练模型。", ("TensorFlow", "System")),
    ("英伟达的显卡很贵。", ("NVIDIA", "Organization")),
    ("英偉達的顯卡很貴。", ("NVIDIA", "Organization")),
    ("这里会成为上海地区顶尖的研发中心。", ("Shanghai", "Place")),
    ("I moved to Beijing last year.", ("Beijing", "Place")),
])
def test_lexicon_names_are_found_however_written(analyse_text, tiny_lexicon, text, expected):
    assert expected in found(analyse_text(text, tiny_lexicon))


@pytest.mark.parametrize("text, expected", [
    # Latin-script names inside Chinese text, typed by shape and context
    ("我们组最近在用 Zephyrine 这个框架做训练。", ("Zephyrine", "System")),
    ("Qubitron 的 MeshFlow 很好用。", ("MeshFlow", "System")),
    # English organisation names by their suffix words
    ("She joined the Quantum Widget Lab after her PhD.", ("Quantum Widget Lab", "Organization")),
    ("He studied at the University of Borduria for six years.", ("University of Borduria", "Organization")),
    # romanised Chinese names
    ("I worked with Tianqi Chen on the compiler.", ("Tianqi Chen", "Person")),
    # Chinese person names by title and cue words
    ("如陈大岳老师所言，要多做实事。", ("陈大岳", "Person")),
    ("感谢王小明教授的指导。", ("王小明", "Person")),
    ("正如李沐所说，动手最重要。", ("李沐", "Person")),
    # Chinese organisations by suffix
    ("他后来去了深圳云雀科技公司。", ("深圳云雀科技公司", "Organization")),
])
def test_discovery_finds_names_no_lexicon_knows(analyse_text, tiny_lexicon, text, expected):
    assert expected in found(analyse_text(text, tiny_lexicon))


@pytest.mark.parametrize("text, not_expected", [
    ("搬家公司来总嫌东西太少。", "搬家公司"),
    ("造轮子意味着直面大公司的竞争压力。", "大公司"),
    ("构建了一个兼容 CPU 和 GPU 的算子库。", "CPU"),
    ("构建了一个兼容 CPU 和 GPU 的算子库。", "GPU"),
    ("这是 worse is better 的胜利。", "worse is better"),
    ("Seize the day\n\n今天开始。", "Seize"),
    ("However, the results were mixed.", "However"),
    ("通过提交 PR/审核代码保证熟悉程度。", "PR"),
])
def test_generic_words_are_not_entities(analyse_text, tiny_lexicon, text, not_expected):
    names = {name for name, _ in found(analyse_text(text, tiny_lexicon))}
    assert not_expected not in names


def test_names_inside_urls_and_emails_are_not_mentions(analyse_text, tiny_lexicon):
    result = analyse_text("更多内容见 https://github.com/Zephyrine/Zephyrine ，联系 me@Qubitron.com 。\n", tiny_lexicon)
    assert found(result) == set()


def test_mention_offsets_point_into_the_file(analyse_text, bundled):
    text = "标题\n\n我们在 [PyTorch](https://pytorch.org) 和 Tensorflow 之间犹豫。\n"
    result = analyse_text(text, bundled, name="post.md")
    assert result.mentions
    for m in result.mentions:
        assert text[m.start:m.end] == m.surface


def test_first_person_is_marked_for_the_author(analyse_text, tiny_lexicon):
    result = analyse_text("我曾经在英伟达工作。", tiny_lexicon)
    assert any(m.key == AUTHOR_KEY and m.surface == "我" for m in result.mentions)


def test_a_name_typed_once_is_found_everywhere_in_the_essay(analyse_text, tiny_lexicon):
    result = analyse_text("我们用 Zephyrine 这个框架。\n\n后来 Zephyrine 被放弃了。", tiny_lexicon)
    assert sum(1 for m in result.mentions if m.surface == "Zephyrine") == 2


@pytest.mark.parametrize("text, expected", [
    # a gazetteer of cities, countries, states and provinces, in both scripts
    ("The team moved to Lausanne in 2021.", ("Lausanne", "Place")),
    ("我老家在衡阳。", ("Hengyang", "Place")),
    ("She grew up in Hunan before moving.", ("Hunan", "Place")),
    # English given names and romanised surnames
    ("I talked to Hiroshi Tanabe about compilers.", ("Hiroshi Tanabe", "Person")),
    ("组里的 manager Kevin Wang 很照顾我。", ("Kevin Wang", "Person")),
    # appositives type what no lexicon knows
    ("Kestrel comes from Morrow Compute, a five-person startup.", ("Morrow Compute", "Organization")),
    # accented names
    ("Marek Dvořák maintains the backend.", ("Marek Dvořák", "Person")),
    # Chinese names after roles, in lists, in parentheses after a Latin name
    ("感谢北京大学的合作者梁宇航和许晴。", ("许晴", "Person")),
    ("也感谢 Tilekit 的共同作者汤文杰。", ("汤文杰", "Person")),
    ("实习生 Leo（张乐）已经回去读博了。", ("张乐", "Person")),
])
def test_discovery_uses_gazetteers_name_lists_and_context(analyse_text, tiny_lexicon, text, expected):
    assert expected in found(analyse_text(text, tiny_lexicon))


def test_short_forms_link_to_the_one_full_name(analyse_text, tiny_lexicon):
    result = analyse_text("我的 mentor 是周启航老师。\n\n周老师话不多。\n\nI met Chris Lattner later; Lattner was kind.", tiny_lexicon)
    names = {(m.surface, m.name) for m in result.mentions}
    assert ("周老师", "周启航") in names
    assert ("Lattner", "Chris Lattner") in names


def test_a_licence_is_not_an_organization(analyse_text, bundled):
    result = analyse_text("The code is under the MIT license; LLVM uses Apache 2.0 with exceptions.", bundled)
    assert not {m.name for m in result.mentions} & {"MIT", "Massachusetts Institute of Technology", "Apache Software Foundation"}


def test_a_rare_capitalised_word_is_kept_only_when_repeated(analyse_text, tiny_lexicon):
    once = analyse_text("We compared it with Tidepool last week.", tiny_lexicon)
    twice = analyse_text("We compared it with Tidepool last week. Tidepool was faster.", tiny_lexicon)
    assert "Tidepool" not in {m.surface for m in once.mentions}
    assert sum(m.surface == "Tidepool" for m in twice.mentions) == 2


def test_models_and_datasets_are_not_systems(analyse_text, bundled):
    result = analyse_text("我们在 ImageNet 上训练了 ResNet-50，又试了 GPT-5。", bundled)
    kinds = {m.name: m.key for m in result.mentions}
    assert "ImageNet" in kinds and bundled.entries[kinds["ImageNet"]].kind == "dataset"
    assert "GPT-5" not in {m.surface for m in result.mentions}


@pytest.mark.parametrize("traditional, simplified", [
    ("英偉達的顯卡很貴。", "英伟达的显卡很贵。"),
    ("如陳大岳老師所言，要多做實事。", "如陈大岳老师所言，要多做实事。"),
    ("我在臺灣大學讀書。", "我在台湾大学读书。"),
])
def test_traditional_chinese_is_analysed_like_simplified(analyse_text, bundled, traditional, simplified):
    trad = analyse_text(traditional, bundled, name="trad.txt")
    simp = analyse_text(simplified, bundled, name="simp.txt")
    assert [(m.start, m.end, m.type, m.key) for m in trad.mentions] == [(m.start, m.end, m.type, m.key) for m in simp.mentions]
    assert all(traditional[m.start:m.end] == m.surface for m in trad.mentions)  # the essay's own spelling


def test_one_person_in_both_scripts_is_one_entity(essay_factory, bundled):
    from kg.build import analyse
    from kg.link import link

    results = [analyse(essay_factory("如陳大岳老師所言，要多做實事。", "a.txt"), bundled),
               analyse(essay_factory("如陈大岳老师所言，要多做实事。", "b.txt"), bundled)]
    people = [e for e in link(results, bundled).entities if e.type.value == "Person"]
    assert len(people) == 1 and set(people[0].essays) == {"a", "b"}


def test_middle_initials_stay_inside_a_name(analyse_text, tiny_lexicon):
    text = "The authors are Aston Zhang, Zachary C. Lipton and Alexander J. Smola."
    names = {name for name, kind in found(analyse_text(text, tiny_lexicon)) if kind == "Person"}
    assert {"Zachary C. Lipton", "Alexander J. Smola", "Aston Zhang"} <= names
