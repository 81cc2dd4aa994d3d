"""Optional statistical NER: a spaCy pipeline the user has installed adds its entities.

Nothing here runs unless a model is named (`kg build --model NAME`, `model = ...`
in kg.toml). No model is ever downloaded: NAME is an installed package or the
path of a saved pipeline.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

from kg.errors import KgError
from kg.model import EntityType, Essay, Mention

# spaCy's label sets (OntoNotes, WikiNER, the zh models) onto the four types
LABELS = {"PERSON": EntityType.PERSON, "PER": EntityType.PERSON, "ORG": EntityType.ORGANIZATION,
          "GPE": EntityType.PLACE, "LOC": EntityType.PLACE, "FAC": EntityType.PLACE,
          "PRODUCT": EntityType.SYSTEM}
SCORE = 0.6


@lru_cache(maxsize=2)
def load_model(name: str) -> Language:
    """The installed spaCy pipeline `name` (a package or a path).

    Raises:
        KgError: it is not installed, or has no NER.
    """
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError:
        raise KgError(f"spaCy model {name!r} is not installed: install its package (pip install {name}) "
                      "or give the path of a saved pipeline; kg never downloads models") from None
    if "ner" not in nlp.pipe_names:
        raise KgError(f"spaCy model {name!r} has no 'ner' component; choose a pipeline with NER")
    return nlp


def model_mentions(essay: Essay, name: str, known: list[Mention]) -> list[Mention]:
    """The model's entities in the essay's sentences that no rule or lexicon found."""
    from kg.extract import analysis_text

    nlp = load_model(name)
    text = analysis_text(essay)
    taken = [(m.start, m.end) for m in known]
    found = []
    sentences = list(essay.sentences)
    docs = nlp.pipe((text[s.start:s.end] for s in sentences), batch_size=64)
    for sentence, doc in zip(sentences, docs):
        for ent in doc.ents:
            etype = LABELS.get(ent.label_)
            start, end = sentence.start + ent.start_char, sentence.start + ent.end_char
            if etype is None or any(a < end and start < b for a, b in taken):
                continue
            surface = essay.text[start:end]
            found.append(Mention(start, end, surface, surface, etype, f"model:{ent.label_}", SCORE))
            taken.append((start, end))
    return found
