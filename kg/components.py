"""spaCy components: find candidate names on characters, align tokens to them, resolve entities.

`kg_candidates` runs before the lexicon's `span_ruler`: it finds name-shaped
spans on the characters of the text (lexicon names inside words jieba glued,
Latin-script names, Chinese person names, organisation suffixes), splits
tokens so that every candidate starts and ends on a token boundary, and
writes the discovered spans to `doc.spans["discovered"]` (label = type,
`id_` = the rule that fired). `kg_resolve` runs after the ruler and chooses
one non-overlapping set of entities for `doc.ents` (`kb_id_` = lexicon id).
"""
from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick
from spacy.language import Language
from spacy.tokens import Doc, Span

from kg.lexicon import Lexicon, has_cjk
from kg.names_latin import citation_names, latin_candidates, lowercase_names
from kg.names_zh import org_candidates, person_candidates, person_lists
from kg.vocab import words

AUTHOR_LABEL = "AUTHOR"


def _first_person(text: str, *, english: bool) -> list[tuple[int, int, str, str]]:
    w = words()
    if english:
        return [(m.start(), m.end(), AUTHOR_LABEL, "first-person")
                for m in re.finditer(r"\b(?:I|me|my|My|Me|myself)\b", text)]
    found = []
    for m in re.finditer("我们|我|本人|笔者", text):
        if m.group() in w.first_person:
            found.append((m.start(), m.end(), AUTHOR_LABEL, "first-person"))
    return found


class Candidates:
    """Finds candidate names on characters and aligns the tokens to them."""

    def __init__(self, nlp: Language, name: str):
        self.name = name
        self.lexicon: Lexicon | None = None
        self._automaton = None
        self._known: frozenset[str] = frozenset()

    def set_lexicon(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._known = frozenset(lexicon.cjk_words())
        auto = ahocorasick.Automaton()
        for form in lexicon.cjk_words():
            auto.add_word(form, form)
        auto.make_automaton() if len(auto) else None
        self._automaton = auto if len(auto) else None

    @staticmethod
    @lru_cache(maxsize=1)
    def _places() -> ahocorasick.Automaton:
        from kg.gazetteer import gazetteer

        auto = ahocorasick.Automaton()
        for name in gazetteer().cjk:
            auto.add_word(name, name)
        auto.make_automaton()
        return auto

    def _cjk_places(self, text: str) -> list[tuple[int, int, str, str]]:
        hits = sorted(((end + 1 - len(name), end + 1) for end, name in self._places().iter(text)),
                      key=lambda x: (x[0], -x[1]))
        out, last = [], -1
        for s, e in hits:  # leftmost-longest
            if s >= last:
                out.append((s, e, "Place", "gazetteer"))
                last = e
        return out

    def _lexicon_cuts(self, text: str) -> list[tuple[int, int]]:
        """Where a Chinese lexicon name sits inside a longer word (上海 in 上海地区)."""
        if self._automaton is None:
            return []
        hits = sorted(((end + 1 - len(form), end + 1) for end, form in self._automaton.iter(text)),
                      key=lambda x: (x[0], -x[1]))
        chosen, last = [], -1
        for s, e in hits:  # leftmost-longest: 阿里云, not 阿里 + 云
            if s >= last:
                chosen.append((s, e))
                last = e
        return chosen

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        english = not has_cjk(text)
        spans = []
        if not english:
            spans += person_candidates(text) + person_lists(text) + org_candidates(text, self._known)
            spans += self._cjk_places(text) + lowercase_names(text)
        spans += latin_candidates(text, english=english) + citation_names(text) + _first_person(text, english=english)
        known = self._lexicon_cuts(text)
        split_tokens(doc, [(s, e) for s, e, _, _ in spans] + known)
        # a lexicon name jieba split (英|伟达) becomes one token again, as in the ruler's patterns
        with doc.retokenize() as retok:
            for s, e in known:
                span = doc.char_span(s, e)
                crossing = any(a < s < b < e or s < a < e < b for a, b, _, _ in spans)
                if span is not None and len(span) > 1 and not crossing:
                    retok.merge(span)
        group = []
        for start, end, label, rule in sorted(set(spans)):
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in known):
                continue  # inside a lexicon name (北京 in 北京大学)
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is not None:
                span.id_ = rule
                group.append(span)
        doc.spans["discovered"] = group
        return doc


def split_tokens(doc: Doc, cuts: list[tuple[int, int]]) -> None:
    """Split tokens so that every cut offset falls on a token boundary."""
    points = sorted({p for s, e in cuts for p in (s, e)})
    splits = []
    for token in doc:
        inner = [p - token.idx for p in points if token.idx < p < token.idx + len(token.text)]
        if inner:
            bounds = [0, *inner, len(token.text)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            splits.append((token, orths))
    if not splits:
        return
    with doc.retokenize() as retok:
        for token, orths in splits:
            heads = [(token, 0)] * len(orths)
            retok.split(token, orths, heads=heads)


@Language.factory("kg_candidates")
def make_candidates(nlp: Language, name: str) -> Candidates:
    return Candidates(nlp, name)


@Language.component("kg_resolve")
def resolve(doc: Doc) -> Doc:
    """Choose entities for `doc.ents`: longest first, a lexicon match before a discovered name.

    A discovered name may contain a lexicon match only when it is an
    organisation ("AWS Shanghai AI Lab" over "AWS"); entities from the lexicon
    carry its id as `kb_id_`, discovered ones the rule that found them as `id_`.
    """
    lexicon = [(s, True) for s in doc.spans.get("lexicon", [])]
    discovered = [(s, False) for s in doc.spans.get("discovered", [])]
    ordered = sorted(lexicon + discovered, key=lambda x: (-(x[0].end_char - x[0].start_char), not x[1], x[0].start))
    chosen: list[Span] = []
    taken: set[int] = set()
    for span, known in ordered:
        inside = [l for l, _ in lexicon if l.start >= span.start and l.end <= span.end]
        if not known and span.label_ not in ("Organization", AUTHOR_LABEL) and len(inside) > 1:
            continue  # "Google TensorFlow" is two names; "Azure DevOps", "Megatron-DeepSpeed" are one
        tokens = set(range(span.start, span.end))
        if tokens & taken:
            continue
        taken |= tokens
        if known:
            chosen.append(Span(doc, span.start, span.end, label=span.label_, kb_id=span.id_, span_id="lexicon"))
        else:
            chosen.append(Span(doc, span.start, span.end, label=span.label_, span_id=span.id_))
    doc.ents = sorted(chosen, key=lambda s: s.start)
    return doc
