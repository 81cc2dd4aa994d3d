"""Stable, valid IRIs from stable keys (lexicon ids, folded names, essay ids)."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

DEFAULT_BASE = "https://example.org/kg/"
VOCAB = "https://w3id.org/kg/vocab#"

# characters an IRI path segment may not hold, or that tools trip over
_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|\\^`#?%/\[\]@!$&'()*+,;=:\u00a0\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")


def slug(key: str, *, limit: int = 80) -> str:
    """A readable IRI path segment for a key; non-ASCII letters kept, everything unsafe percent-encoded.

    >>> slug("AWS Shanghai AI Lab")
    'aws-shanghai-ai-lab'
    >>> slug("陈大岳")
    '陈大岳'
    """
    text = unicodedata.normalize("NFC", key).strip().lower()
    text = re.sub(r"\s+", "-", text)
    text = _UNSAFE.sub(lambda m: quote(m.group(), safe=""), text)
    text = "".join(ch if unicodedata.category(ch)[0] in "LNP" or ch in "-._~%" else quote(ch, safe="") for ch in text)
    if not text:
        text = "_"
    if len(text) > limit:  # long names keep a readable head and a hash of the whole
        text = text[:limit] + "-" + hashlib.sha1(key.encode()).hexdigest()[:10]
    return text


def entity_iri(base: str, key: str) -> str:
    return f"{base}entity/{slug(key)}"


def essay_iri(base: str, essay_id: str) -> str:
    return f"{base}essay/{'/'.join(slug(part) for part in essay_id.split('/'))}"


def assertion_iri(base: str, subject: str, predicate: str, obj: str) -> str:
    digest = hashlib.sha1(f"{subject}\x1f{predicate}\x1f{obj}".encode()).hexdigest()[:16]
    return f"{base}assertion/{digest}"
