"""Checks on the bundled domain lexicon, kg/data/lexicon.yaml."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

LEXICON = Path(__file__).resolve().parent.parent / "kg" / "data" / "lexicon.yaml"

TYPES = {"Person", "Organization", "System", "Place"}
KEYS = {"id", "type", "name", "zh", "aliases", "wikidata", "kind"}
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
CJK_RE = re.compile(r"[\u3400-\u9fff]")

# Bare class words that must never be an alias: they name a kind of thing,
# not a thing.
STOPLIST = {
    "gpu", "cpu", "tpu", "npu", "ai", "api", "ir", "os", "framework", "library",
    "compiler", "company", "university", "lab", "框架", "库", "公司", "大学",
    "实验室", "研究院", "编译器", "芯片", "学院", "大公司", "人工智能",
}

# QIDs checked by hand; each must stay on the entry it names.
CHECKED_QIDS = {
    "pytorch": "Q47509047",
    "tensorflow": "Q21447895",
    "nvidia": "Q182477",
    "uber": "Q692400",
    "shanghai": "Q8686",
    "spark": "Q7573619",
    "aws": "Q456157",
    "cpp": "Q2407",
    "beijing": "Q956",
    "china": "Q148",
    "google": "Q95",
    "microsoft": "Q2283",
    "python": "Q28865",
    "linux": "Q388",
    "tsinghua-university": "Q16955",
    "peking-university": "Q16952",
    "mit": "Q49108",
    "stanford-university": "Q41506",
}


def fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold().strip()


def match_key(s: str) -> str:
    """The stricter key kg.lexicon.fold matches names by: also drops spaces, dashes, dots."""
    return "".join(ch for ch in fold(s) if not (ch.isspace() or ch in "-_.·・'’"))


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    data = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def surface_forms(e: dict) -> list[str]:
    forms = [e["name"]]
    if e.get("zh"):
        forms.append(e["zh"])
    forms.extend(e.get("aliases") or [])
    return forms


def test_size(entries):
    assert len(entries) >= 300


def test_balanced_types(entries):
    counts = Counter(e["type"] for e in entries)
    assert counts["System"] >= 100
    assert counts["Organization"] >= 100
    assert counts["Person"] >= 30
    assert counts["Place"] >= 50


def test_entry_shape(entries):
    for e in entries:
        assert isinstance(e, dict), e
        assert set(e) <= KEYS, (e.get("id"), set(e) - KEYS)
        assert e.get("type") in TYPES, e
        assert isinstance(e.get("name"), str) and e["name"].strip(), e
        aliases = e.get("aliases", [])
        assert isinstance(aliases, list), e["id"]
        for a in aliases:
            assert isinstance(a, str) and a.strip(), (e["id"], a)
            assert a == a.strip(), (e["id"], a)
        if "zh" in e:
            assert isinstance(e["zh"], str) and CJK_RE.search(e["zh"]), e["id"]
        if "kind" in e:
            assert isinstance(e["kind"], str) and ID_RE.match(e["kind"]), e["id"]


def test_ids_unique_slugs(entries):
    ids = [e["id"] for e in entries]
    for i in ids:
        assert isinstance(i, str) and ID_RE.match(i), i
    dup = [i for i, n in Counter(ids).items() if n > 1]
    assert not dup, dup


def test_sorted_by_type_then_id(entries):
    keys = [(e["type"], e["id"]) for e in entries]
    assert keys == sorted(keys)


def test_wikidata_qids(entries):
    seen: dict[str, str] = {}
    for e in entries:
        if "wikidata" not in e:
            continue
        q = e["wikidata"]
        assert isinstance(q, str) and QID_RE.match(q), (e["id"], q)
        assert q not in seen, (q, seen.get(q), e["id"])
        seen[q] = e["id"]


def test_checked_qids_stay_put(entries):
    by_id = {e["id"]: e for e in entries}
    for id_, qid in CHECKED_QIDS.items():
        assert by_id[id_].get("wikidata") == qid, id_


@pytest.mark.parametrize("key", [fold, match_key], ids=["nfkc-casefold", "match-key"])
def test_no_surface_form_shared_between_entries(entries, key):
    owner: dict[str, str] = {}
    clashes = []
    for e in entries:
        for form in surface_forms(e):
            k = key(form)
            if k in owner and owner[k] != e["id"]:
                clashes.append((form, owner[k], e["id"]))
            owner.setdefault(k, e["id"])
    assert not clashes, clashes


def test_no_generic_class_words(entries):
    bad = [
        (e["id"], form)
        for e in entries
        for form in surface_forms(e)
        if fold(form) in STOPLIST
    ]
    assert not bad, bad


def test_no_duplicate_forms_within_entry(entries):
    for e in entries:
        keys = [fold(f) for f in surface_forms(e)]
        dup = [k for k, n in Counter(keys).items() if n > 1]
        assert not dup, (e["id"], dup)


def test_no_name_is_shared_across_the_bundled_files():
    from kg.lexicon import fold, load_lexicon

    owner = {}
    for entry in load_lexicon().entries.values():
        for form in entry.forms:
            assert owner.setdefault(fold(form), entry.id) == entry.id, (form, entry.id, owner[fold(form)])
