"""Relations between the mentions of one sentence: typed patterns, inferences and co-occurrence.

Patterns live in `kg/data/relations.yaml` and are compiled into a spaCy
`Matcher` over tokens in which every entity has been merged into one token.
Every relation keeps its evidence: the sentence, its offsets, the rule
(`method`) and the rule's confidence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import combinations

import ahocorasick
import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from kg.components import AUTHOR_LABEL, split_tokens
from kg.lexicon import OTHER_KINDS, Lexicon, fold, has_cjk
from kg.model import (
    AUTHOR_KEY,
    DEFAULT_TYPED,
    EntityType,
    Essay,
    Evidence,
    Mention,
    Predicate,
    RelationCandidate,
    Sentence,
)
from kg.vocab import words

SLOT_TYPES = {"ORG": ["Organization"], "PER": ["Person"], "PERA": ["Person", AUTHOR_LABEL],
              "SYS": ["System"], "PLACE": ["Place"]}
# In Chinese a comma joins clauses more often than list items; in English it lists.
LIST_SEPARATORS = {"zh": {"/", "、", "和", "与", "及", "以及", "或"}, "en": {"/", ",", "and", "or", "&"}}
ANY = re.compile(r"ANY\{(\d+),(\d+)\}")
GAP = re.compile(r"GAP\{(\d+),(\d+)\}")
WORDS = re.compile(r"WORDS\{(\d+),(\d+)\}")
ALL = re.compile(r"ALL\{(\d+),(\d+)\}")


@dataclass(frozen=True)
class Rule:
    name: str
    predicate: Predicate
    confidence: float
    elements: tuple[str, ...]
    subject: str  # "slot", "author" or "prev"
    past: Predicate | None
    also: Predicate | None
    prodrop: bool = False


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...]
    past_markers: frozenset[str]
    negators: frozenset[str]


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    text = resources.files("kg.data").joinpath("relations.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    rules = []
    for i, r in enumerate(data["rules"]):
        rules.append(Rule(name=f"{r['predicate']}#{i}", predicate=Predicate(r["predicate"]),
                          confidence=float(r["confidence"]), elements=tuple(r["pattern"]),
                          subject=r.get("subject", "slot"),
                          past=Predicate(r["past"]) if r.get("past") else None,
                          also=Predicate(r["also"]) if r.get("also") else None,
                          prodrop=bool(r.get("prodrop"))))
    return Rules(tuple(rules), frozenset(data["past_markers"]), frozenset(w.lower() for w in data["negators"]))


def _compile(element: str) -> tuple[dict, str | None]:
    """One pattern element -> (Matcher token spec, slot role or None)."""
    if m := ANY.fullmatch(element):  # words, or names outside the four types (Rust, ImageNet)
        return {"ENT_TYPE": {"NOT_IN": ENTITY_LABELS}, "IS_SPACE": False, "OP": f"{{{m[1]},{m[2]}}}"}, None
    if m := ALL.fullmatch(element):  # any tokens at all (a relative clause)
        return {"OP": f"{{{m[1]},{m[2]}}}"}, None
    if m := WORDS.fullmatch(element):  # words within one clause
        return {"ENT_TYPE": {"NOT_IN": ENTITY_LABELS}, "IS_PUNCT": False, "IS_SPACE": False,
                "OP": f"{{{m[1]},{m[2]}}}"}, None
    if m := GAP.fullmatch(element):  # any tokens, other entities included, but no other person
        return {"ENT_TYPE": {"NOT_IN": ["Person", AUTHOR_LABEL]}, "OP": f"{{{m[1]},{m[2]}}}"}, None
    head, _, role = element.partition(":")
    optional_entity = head.endswith("?") and all(k in SLOT_TYPES for k in head[:-1].split("|"))
    kinds = (head[:-1] if optional_entity else head).split("|")
    if all(k in SLOT_TYPES for k in kinds):
        labels = sorted({t for k in kinds for t in SLOT_TYPES[k]})
        spec = {"ENT_TYPE": {"IN": labels}}
        if optional_entity:  # "ORG?": an owner that may stand before a name ("Meta 的 xFormers")
            spec["OP"] = "?"
        return spec, role or None
    optional = element.endswith("?") and len(element) > 1
    options = (element[:-1] if optional else element).split("|")
    spec: dict = {"LOWER": {"IN": sorted({o.lower() for o in options})}}
    if optional:
        spec["OP"] = "?"
    return spec, None


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> tuple[Matcher, dict[str, tuple[Rule, list[str | None]]]]:
    matcher = Matcher(vocab)
    index = {}
    space = {"IS_SPACE": True, "OP": "*"}
    for rule in load_rules().rules:
        pattern, roles = [], []
        for n, element in enumerate(rule.elements):
            if n:
                pattern.append(space)
                roles.append(None)
            spec, role = _compile(element)
            pattern.append(spec)
            roles.append(role)
        matcher.add(rule.name, [pattern])
        index[rule.name] = (rule, roles)
    return matcher, index


def _siblings(doc: Doc, token: Token, step: int) -> list[Token]:
    """Entities listed with `token` ("CuDNN/Apex", "A、B 和 C"), walking forward or backward."""
    separators = LIST_SEPARATORS["zh" if has_cjk(doc.text) else "en"]
    titles = words().honorifics
    out, i = [], token.i
    while True:
        j = i + step
        while 0 <= j < len(doc) and (doc[j].is_space or doc[j].text in titles):
            j += step
        if not (0 <= j < len(doc)) or doc[j].lower_ not in separators:
            return out
        k = j + step
        while 0 <= k < len(doc) and doc[k].is_space:
            k += step
        if not (0 <= k < len(doc)) or doc[k].ent_type_ != token.ent_type_ and \
                {doc[k].ent_type_, token.ent_type_} != {"Person", AUTHOR_LABEL}:
            return out
        out.append(doc[k])
        i = k


ENTITY_LABELS = ["Person", "Organization", "System", "Place", AUTHOR_LABEL]
OTHER_LABEL = "OTHER"  # named things of other classes: languages, models, datasets, events
PAREN_OPEN = re.compile(r"\s*[（(]\s*$")
PAREN_CLOSE = re.compile(r"\s*(?:[，,;；][^）)]{0,30})?[）)]")


def parenthesised_aliases(text: str, mentions: list[Mention], offset: int) -> list[tuple[Mention, Mention, int]]:
    """(name, alias, end of the closing parenthesis) for "A（B）" where A and B are of one type.

    "微软亚洲研究院（MSRA）", "Leo（张乐）": the parenthesis gives another name of the same entity.
    """
    out = []
    ordered = sorted(mentions)
    for a, b in zip(ordered, ordered[1:]):
        if AUTHOR_KEY in (a.key, b.key):
            continue
        default_typed = b.method in DEFAULT_TYPED and not b.key
        if a.type is not b.type and not default_typed:
            continue  # 岚芯科技（LanCore）: a Latin name typed only by default takes the outer type
        if default_typed and has_cjk(a.surface) == has_cjk(b.surface) and not _acronym_of(b.surface, a.surface):
            continue  # Orca（FriendliAI）: a second Latin name may be the maker, not another name
        between = text[a.end - offset:b.start - offset]
        close = PAREN_CLOSE.match(text, b.end - offset)
        if PAREN_OPEN.match(between) and close:
            out.append((a, b, close.end() + offset))
    return out


def _acronym_of(short: str, name: str) -> bool:
    initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w-]*", name) if w[0].isupper())
    return short.isupper() and len(short) >= 2 and short.rstrip("s") in (initials, initials[:len(short)])


def _merged(doc: Doc, mentions: list[Mention], offset: int, other_keys: frozenset[str] = frozenset()) -> Doc:
    """A copy of the doc in which every mention is one entity token (the first person labelled AUTHOR).

    A name with its alias in parentheses is one token: "微软亚洲研究院（MSRA）".
    The rules' keywords are aligned to tokens first (所|言 -> 所言).
    """
    copy = Doc(doc.vocab).from_docs([doc])
    extended = {a.start: end for a, _, end in parenthesised_aliases(doc.text, mentions, offset)}
    spans = [(m.start - offset, extended.get(m.start, m.end) - offset, m) for m in mentions]
    _align_keywords(copy, [(s, e) for s, e, _ in spans])
    ents = []
    for start, end, m in spans:
        label = AUTHOR_LABEL if m.key == AUTHOR_KEY else OTHER_LABEL if m.key in other_keys else m.type.value
        span = copy.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None and not any(span.start < e.end and e.start < span.end for e in ents):
            ents.append(span)
    copy.ents = sorted(ents, key=lambda e: e.start)
    with copy.retokenize() as retok:
        for ent in copy.ents:
            retok.merge(ent)
    return copy


@lru_cache(maxsize=1)
def _keywords() -> ahocorasick.Automaton:
    """The Chinese words the rules spell out, which jieba may split (所|言) or glue (张三说)."""
    rules = load_rules()
    vocab = set(rules.past_markers) | set(rules.negators)
    for rule in rules.rules:
        for element in rule.elements:
            if not any(x.fullmatch(element) for x in (ANY, GAP, WORDS, ALL)) and element.split(":")[0].split("|")[0].rstrip("?") not in SLOT_TYPES:
                vocab.update(o for o in element.rstrip("?").split("|") if has_cjk(o) and len(o) > 1)
    auto = ahocorasick.Automaton()
    for word in sorted(w for w in vocab if has_cjk(w) and len(w) > 1):
        auto.add_word(word, word)
    auto.make_automaton()
    return auto


def _align_keywords(doc: Doc, names: list[tuple[int, int]]) -> None:
    """Retokenize so that each keyword outside the names is exactly one token.

    A keyword inside a longer dictionary word is left alone (作者 in 合作者).
    """
    from kg.vocab import jieba_tags

    auto = _keywords()
    text = doc.text
    hits = sorted(((end + 1 - len(w), end + 1) for end, w in auto.iter(text)), key=lambda x: (x[0], -x[1]))
    chosen, last = [], -1
    for s, e in hits:  # leftmost-longest, non-overlapping
        if s >= last:
            chosen.append((s, e))
            last = e
    tags = jieba_tags()
    kept = []
    for s, e in chosen:
        if any(a < e and s < b for a, b in names):
            continue
        token = next((t for t in doc if t.idx <= s and e <= t.idx + len(t.text)), None)
        if token is not None and len(token.text) > e - s and token.text in tags:
            continue
        kept.append((s, e))
    if not kept:
        return
    split_tokens(doc, kept)
    with doc.retokenize() as retok:
        for s, e in kept:
            span = doc.char_span(s, e)
            if span is not None and len(span) > 1:
                retok.merge(span)


def extract_relations(essay: Essay, sentence: Sentence, doc: Doc, mentions: list[Mention],
                      lexicon: Lexicon) -> list[RelationCandidate]:
    """Typed relations and co-occurrences among the mentions of one sentence.

    Args:
        essay: the essay the sentence belongs to.
        sentence: the sentence; `doc` is its prose, `mentions` its mentions (absolute offsets).
        doc: the sentence run through `kg.nlp`.
        mentions: the sentence's mentions, from `extract_mentions`.
        lexicon: for places named inside organisation names.

    Returns:
        Relation candidates, each with its evidence.
    """
    if all(m.key == AUTHOR_KEY for m in mentions):
        return []  # every pattern needs a named entity
    by_start = {m.start - sentence.start: m for m in mentions}
    evidence = Evidence(essay.id, sentence.text, sentence.start, sentence.end)
    found: list[RelationCandidate] = []
    merged = _merged(doc, mentions, sentence.start, _other_keys(lexicon))
    rules = load_rules()
    matcher, index = _matcher(merged.vocab)
    lowered = [t.lower_ for t in merged]
    for match_id, start, end, alignment in matcher(merged, with_alignments=True):
        rule, roles = index[merged.vocab.strings[match_id]]
        # a negation or rumour near the object undoes the match ("我没有在谷歌实习过", "传闻他将加入谷歌")
        o_index = next((start + i for i, el in enumerate(alignment) if roles[el] == "o"), end - 1)
        if set(lowered[max(0, start - 2, o_index - 6):o_index + 2]) & rules.negators:
            continue
        if rule.predicate is Predicate.QUOTES and _after_preposition(merged, o_index):
            continue  # "who ran the lab before Helen, told me": Helen is not the speaker
        slots: dict[str, list[Token]] = {}
        first_el, last_el = alignment[0], alignment[-1]
        for offset, element in enumerate(alignment):
            role = roles[element]
            if role and role not in slots:
                token = merged[start + offset]
                step = 1 if element == last_el else -1 if element == first_el else 0
                slots[role] = [token] + (_siblings(merged, token, step) if step else [])
        if rule.subject == "author":
            if rule.prodrop and not _no_subject(merged[:start]):
                continue  # someone is named before the match: the subject, not the author
            slots["s"] = [None]  # type: ignore[list-item]
        elif rule.subject == "prev":
            kind = slots["o"][0].ent_type_
            prev = [t for t in merged[:start] if t.ent_type_ == kind and t.text != slots["o"][0].text]
            if not prev:
                continue
            slots["s"] = prev[:1]
        past = rule.past and bool(set(lowered[start:end]) & rules.past_markers)
        for s_tok in slots.get("s", []):
            for o_tok in slots.get("o", []):
                subj = _author(sentence, essay) if s_tok is None else _at(by_start, s_tok)
                obj = _at(by_start, o_tok)
                if subj is None or obj is None or fold(subj.name) == fold(obj.name):
                    continue
                if rule.predicate in (Predicate.COMPETES_WITH, Predicate.SURPASSED) and subj.type != obj.type:
                    continue
                found.append(RelationCandidate(subj, rule.predicate, obj, evidence, rule.name, rule.confidence))
                if rule.also:
                    found.append(RelationCandidate(subj, rule.also, obj, evidence, rule.name, rule.confidence))
                if past:
                    found.append(RelationCandidate(subj, rule.past, obj, evidence, rule.name + "+past",
                                                   round(rule.confidence * 0.9, 3)))
    found += [RelationCandidate(a, Predicate.SAME_AS, b, evidence, "parenthesis", 0.8)
              for a, b, _ in parenthesised_aliases(doc.text, mentions, sentence.start)]
    found += _inferred(found)
    found += _places_in_names(sentence, mentions, lexicon, evidence)
    found += _cooccurrence(mentions, evidence)
    return sorted(set(found))


@lru_cache(maxsize=4)
def _other_keys(lexicon: Lexicon) -> frozenset[str]:
    return frozenset(k for k, e in lexicon.entries.items() if e.kind in OTHER_KINDS)


PREPOSITIONS = frozenset("before after than with like from to by of for about under over behind beside".split())


def _after_preposition(doc: Doc, i: int) -> bool:
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    return j >= 0 and doc[j].lower_ in PREPOSITIONS


def _no_subject(tokens) -> bool:
    """True when the tokens before a match name nobody: only times, numbers, punctuation and common words."""
    from kg.vocab import jieba_tags

    tags = jieba_tags()
    for t in tokens:
        if t.ent_type_ in ("Person", AUTHOR_LABEL):
            return False
        if t.is_space or t.is_punct or t.like_num or t.ent_type_:
            continue
        tag = tags.get(t.text, (0, "nr"))[1]
        if tag.startswith("nr") or (has_cjk(t.text) and t.text not in tags) or t.text[:1].isupper():
            return False  # a name nobody recognised (林墨, Tri Dao) may be the subject
    return True


def _at(by_start: dict[int, Mention], token: Token) -> Mention | None:
    """The mention a merged entity token stands for."""
    return next((by_start[i] for i in range(token.idx, token.idx + len(token.text)) if i in by_start), None)


def _author(sentence: Sentence, essay: Essay) -> Mention | None:
    if not essay.author:
        return None
    return Mention(sentence.start, sentence.start, "", essay.author, EntityType.PERSON, "author", 1.0, AUTHOR_KEY)


def _inferred(found: list[RelationCandidate]) -> list[RelationCandidate]:
    """What a relation implies: surpassing a rival means competing with it."""
    return [RelationCandidate(r.subject, Predicate.COMPETES_WITH, r.object, r.evidence,
                              "inferred:" + r.method, round(r.confidence * 0.8, 3))
            for r in found if r.predicate is Predicate.SURPASSED]


def _places_in_names(sentence: Sentence, mentions: list[Mention], lexicon: Lexicon,
                     evidence: Evidence) -> list[RelationCandidate]:
    """An organisation named after a place is based there ("AWS Shanghai AI Lab", "北京大学")."""
    out = []
    for m in mentions:
        if m.type is not EntityType.ORGANIZATION:
            continue
        for offset, part in _name_parts(m.surface):
            entry = lexicon.lookup(part)
            if entry is None or entry.type is not EntityType.PLACE or len(part) == len(m.surface):
                continue
            place = Mention(m.start + offset, m.start + offset + len(part), part, entry.name,
                            EntityType.PLACE, "name-part", 0.8, entry.id)
            out.append(RelationCandidate(m, Predicate.BASED_IN, place, evidence, "place-in-name", 0.6))
            break
    return out


def _name_parts(name: str) -> list[tuple[int, str]]:
    """Words and word runs of a Latin name, or character runs of a Chinese one."""
    if has_cjk(name):
        return [(i, name[i:j]) for i in range(len(name)) for j in range(min(len(name), i + 4), i + 1, -1)]
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", name)]
    return [(spans[i][0], name[spans[i][0]:spans[j][1]])
            for i in range(len(spans)) for j in range(len(spans) - 1, i - 1, -1)]


def _cooccurrence(mentions: list[Mention], evidence: Evidence) -> list[RelationCandidate]:
    """Every two distinct entities named in one sentence (the author in the first person excluded)."""
    named = {}
    for m in mentions:
        if m.key != AUTHOR_KEY:
            named.setdefault((m.key or fold(m.name), m.type), m)
    out = []
    for (_, a), (_, b) in combinations(sorted(named.items()), 2):
        out.append(RelationCandidate(a, Predicate.RELATED_TO, b, evidence, "co-occurrence", 0.3))
    return out

