"""Mentions: the typed names an essay's sentences contain.

Each sentence of an essay's prose mask goes through the spaCy pipeline of
its language (`kg.nlp`); `doc.ents` become `Mention`s with offsets into the
essay file; `kg.discourse` then completes them with what the whole essay says.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.components import AUTHOR_LABEL
from kg.discourse import essay_passes
from kg.lexicon import Lexicon, to_simplified
from kg.model import AUTHOR_KEY, EntityType, Essay, Mention, Sentence

# How far each rule is trusted; a rule's score is its confidence that a name is an entity of its type.
RULE_SCORES = {
    "lexicon": 0.95, "org-words": 0.8, "zh-title": 0.85, "zh-suffix": 0.7, "pinyin-name": 0.7, "given-name": 0.7,
    "gazetteer": 0.7, "citation": 0.7, "zh-role": 0.65, "zh-nr": 0.6, "zh-cue": 0.6, "zh-list": 0.6,
    "latin-name": 0.55, "latin-run": 0.5, "capitalised-run": 0.5, "weak-name": 0.5, "first-person": 1.0,
}  # the essay-wide passes (kg.discourse) score their own mentions
ROLE_DISCOUNT = {"title": 0.9, "heading": 0.9}


def analysis_text(essay: Essay) -> str:
    """The text the pipeline reads: the prose mask, in Simplified characters for Chinese essays.

    Traditional Chinese (zh-TW, zh-HK) is analysed as Simplified, character for
    character, so offsets still point into the file and mentions keep the
    essay's own spelling.
    """
    return to_simplified(essay.prose) if essay.language == "zh" else essay.prose


def sentence_docs(essay: Essay, nlp: Language) -> list[tuple[Sentence, Doc]]:
    """Run the pipeline over each sentence of the essay's prose (same offsets as the file)."""
    text = analysis_text(essay)
    texts = (text[s.start:s.end] for s in essay.sentences)
    return list(zip(essay.sentences, nlp.pipe(texts, batch_size=64)))


def _mention(essay: Essay, sentence: Sentence, span, lexicon: Lexicon) -> Mention:
    start, end = sentence.start + span.start_char, sentence.start + span.end_char
    surface = essay.text[start:end]  # as the essay writes it (英偉達), not as analysed (英伟达)
    if span.label_ == AUTHOR_LABEL:
        return Mention(start, end, surface, surface, EntityType.PERSON, "first-person", 1.0, AUTHOR_KEY)
    rule = span.id_ or "lexicon"
    score = RULE_SCORES.get(rule, 0.5) * ROLE_DISCOUNT.get(str(sentence.role), 1.0)
    key = span.kb_id_ if rule == "lexicon" else ""
    name = lexicon.entries[key].name if key in lexicon.entries else surface
    if rule == "gazetteer":  # 衡阳 and Hengyang are one place
        from kg.gazetteer import gazetteer

        name = gazetteer().lookup(span.text) or surface
    return Mention(start, end, surface, name, EntityType(span.label_), rule, round(score, 3), key)


def extract_mentions(essay: Essay, docs: list[tuple[Sentence, Doc]], lexicon: Lexicon) -> list[Mention]:
    """Typed mentions of an essay, sorted by offset.

    Args:
        essay: the essay the docs were made from.
        docs: `sentence_docs(essay, nlp)`.
        lexicon: the lexicon the pipeline was built with (for canonical names).

    Returns:
        Mentions, the first person (`key == "author:"`) included.
    """
    mentions = [_mention(essay, sentence, span, lexicon) for sentence, doc in docs for span in doc.ents]
    return sorted(set(essay_passes(essay, mentions)))
