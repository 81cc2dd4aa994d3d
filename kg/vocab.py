"""The word lists that discovery reads: kg/data/discovery.yaml, pinyin.yaml and given_names.txt,
jieba's own dictionary with its tags, and English word frequencies (wordfreq)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Words:
    """The word lists of `kg/data/discovery.yaml` and `pinyin.yaml`, as sets."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    honorifics: tuple[str, ...]
    person_before: tuple[str, ...]
    person_roles: tuple[str, ...]
    person_after: tuple[str, ...]
    org_suffixes_zh: tuple[str, ...]
    zh_boundaries: frozenset[str]
    org_words: frozenset[str]
    org_connectors: frozenset[str]
    person_titles: frozenset[str]
    person_verbs: frozenset[str]
    system_cues: tuple[str, ...]
    org_cues: tuple[str, ...]
    org_before_en: tuple[str, ...]
    org_after_en: tuple[str, ...]
    stoplist: frozenset[str]
    zh_stoplist: frozenset[str]
    first_person: frozenset[str]
    syllables: frozenset[str]
    pinyin_surnames: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    data = resources.files("kg.data")
    d = yaml.safe_load(data.joinpath("discovery.yaml").read_text(encoding="utf-8"))
    p = yaml.safe_load(data.joinpath("pinyin.yaml").read_text(encoding="utf-8"))
    by_length = lambda xs: tuple(sorted(xs, key=lambda x: (-len(x), x)))  # noqa: E731
    return Words(
        surnames=frozenset(d["surnames"]), compound_surnames=frozenset(d["compound_surnames"]),
        honorifics=by_length(d["honorifics"]), person_before=by_length(d["person_cues_before"]),
        person_roles=by_length(d["person_roles_before"]),
        person_after=by_length(d["person_cues_after"]), org_suffixes_zh=by_length(d["org_suffixes_zh"]),
        zh_boundaries=frozenset(d["zh_boundaries"]), org_words=frozenset(d["org_words_en"]),
        org_connectors=frozenset(d["org_connectors_en"]), person_titles=frozenset(d["person_titles_en"]),
        person_verbs=frozenset(d["person_verbs_en"]), system_cues=tuple(d["system_cues"]),
        org_cues=tuple(d["org_cues"]), org_before_en=tuple(d["org_before_en"]), org_after_en=tuple(d["org_after_en"]),
        stoplist=frozenset(d["stoplist"]),
        zh_stoplist=frozenset(d["zh_stoplist"]), first_person=frozenset(d["first_person"]),
        syllables=frozenset(p["syllables"].split()), pinyin_surnames=frozenset(p["surnames"].split()),
    )


@lru_cache(maxsize=1)
def jieba_tags() -> dict[str, tuple[int, str]]:
    """jieba's own dictionary: word -> (frequency, part-of-speech tag)."""
    import jieba

    tags = {}
    with jieba.get_dict_file() as f:
        for raw in f:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = (int(parts[1]), parts[2])
    return tags


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    text = resources.files("kg.data").joinpath("last_names.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    text = resources.files("kg.data").joinpath("given_names.txt").read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() if not line.startswith("#") for word in line.split())


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English (wordfreq's Zipf scale: 3 rare, 5 very common, 7 "the")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en")


@lru_cache(maxsize=65536)
def zipf_zh(word: str) -> float:
    """How common a word is in Chinese (wordfreq's Zipf scale)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "zh")
