"""The only place that builds spaCy pipelines.

Chinese goes through spaCy's `zh` tokenizer with jieba, English through a
blank `en` pipeline; both then run the same components: character-level
candidates (`kg_candidates`), the lexicon's `span_ruler`, and `kg_resolve`.
No statistical model is needed or downloaded.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import spacy
from spacy.language import Language

from kg import components  # noqa: F401  (registers the factories)
from kg.lexicon import Lexicon

_loaded_jieba_words: set[str] = set()


def _cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "kg"


def _prepare_jieba(lexicon: Lexicon) -> None:
    """Teach jieba the lexicon's Chinese names, so it does not split them (英|伟达).

    jieba keeps one global dictionary, which spaCy's tokenizer uses; words are
    added once per process (worker processes must call this again).
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cache = _cache_dir()
    try:
        cache.mkdir(parents=True, exist_ok=True)
        jieba.dt.tmp_dir = str(cache)
    except OSError:
        pass  # an unwritable cache only costs jieba's start-up time
    for word in lexicon.cjk_words():
        if word not in _loaded_jieba_words:
            jieba.add_word(word, freq=200000)
            _loaded_jieba_words.add(word)


def make_nlp(lexicon: Lexicon, language: str = "zh") -> Language:
    """A blank spaCy pipeline for `language` ("zh" or "en") with the kg components.

    Example:
        >>> from kg.lexicon import Lexicon
        >>> nlp = make_nlp(Lexicon([]), "en")
        >>> nlp.pipe_names
        ['kg_candidates', 'span_ruler', 'kg_resolve']
    """
    if language == "zh":
        _prepare_jieba(lexicon)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    else:
        nlp = spacy.blank("en")
    patterns = lexicon.patterns()
    if patterns:  # without a lexicon (--no-bundled-lexicon and no file) there is no ruler
        ruler = nlp.add_pipe("span_ruler", config={"spans_key": "lexicon", "phrase_matcher_attr": "LOWER",
                                                   "validate": False, "overwrite": True})
        ruler.add_patterns(patterns)  # before kg_candidates exists: patterns are tokenized alone
        candidates = nlp.add_pipe("kg_candidates", before="span_ruler")
    else:
        candidates = nlp.add_pipe("kg_candidates")
    candidates.set_lexicon(lexicon)
    nlp.add_pipe("kg_resolve")
    return nlp


_pipelines: dict[tuple[str, str], Language] = {}


def get_nlp(lexicon: Lexicon, language: str) -> Language:
    """`make_nlp`, built once per process for each lexicon and language."""
    key = (lexicon.digest(), language)
    if key not in _pipelines:
        _pipelines[key] = make_nlp(lexicon, language)
    return _pipelines[key]
