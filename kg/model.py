"""The values that cross stage boundaries: plain, frozen and ordered.

spaCy objects never leave the extraction modules; what moves between
ingest, extract, relate, link, graph and export is defined here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

AUTHOR_KEY = "author:"  # Mention.key of the first person (我, I), which stands for the essay's author
# Mention.method of names whose type no rule confirmed (a Latin name is a System by default)
DEFAULT_TYPED = frozenset({"latin-name", "latin-run", "weak-name", "list", "consistency"})


class EntityType(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    SYSTEM = "System"
    PLACE = "Place"


class Predicate(StrEnum):
    MEMBER_OF = "memberOf"
    WORKS_AT = "worksAt"
    LEFT_ORGANIZATION = "leftOrganization"
    DEVELOPED_BY = "developedBy"
    PART_OF = "partOf"
    BASED_IN = "basedIn"
    COMPETES_WITH = "competesWith"
    SURPASSED = "surpassed"
    QUOTES = "quotes"
    RELATED_TO = "relatedTo"
    SAME_AS = "sameAs"  # two names of one entity ("微软亚洲研究院（MSRA）"); merged by the linker, not exported


class Role(StrEnum):
    """What part of an essay a sentence comes from."""

    TITLE = "title"
    HEADING = "heading"
    BODY = "body"
    LIST = "list"
    QUOTE = "quote"
    TABLE = "table"


@dataclass(frozen=True, slots=True, order=True)
class Sentence:
    """A sentence of an essay; `start`/`end` are character offsets into `Essay.text`."""

    start: int
    end: int
    text: str
    role: Role = Role.BODY


@dataclass(frozen=True, slots=True)
class Essay:
    """One essay file, read and split.

    `text` is the whole decoded file; `prose` is a same-length copy in which
    everything that is not prose (markup, URLs, code, front matter, footer
    metadata) is blanked to spaces, so offsets into `prose` are offsets into
    `text`.
    """

    id: str
    path: str
    text: str
    prose: str
    sentences: tuple[Sentence, ...]
    language: str = "zh"
    title: str | None = None
    author: str | None = None
    author_aliases: tuple[str, ...] = ()
    email: str | None = None
    date: str | None = None
    license: str | None = None
    metadata: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """A typed span of an essay that names an entity (or the author, for `I`/`我`).

    `key` is the lexicon id for a known entity, `author:` for the first
    person, or empty for a discovered name; `name` is the surface form with
    honorifics and plural suffixes removed.
    """

    start: int
    end: int
    surface: str
    name: str
    type: EntityType
    method: str
    score: float
    key: str = ""


@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    essay: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, order=True)
class RelationCandidate:
    """A relation between two mentions of one essay, before linking."""

    subject: Mention
    predicate: Predicate
    object: Mention
    evidence: Evidence
    method: str
    confidence: float


@dataclass(frozen=True, slots=True, order=True)
class Entity:
    id: str
    label: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    labels: tuple[tuple[str, str], ...] = ()  # (language tag, label), at most one per tag
    wikidata: str | None = None
    essays: tuple[str, ...] = ()
    mentions: int = 0
    kind: str | None = None  # the lexicon's finer class: framework, university, language, ...
    preferred: str = ""  # the name the essays use most (rdfs:label holds the canonical names)


@dataclass(frozen=True, slots=True, order=True)
class Relation:
    subject: str
    predicate: Predicate
    object: str
    evidence: tuple[Evidence, ...]
    method: str
    confidence: float
    weight: int = 1


@dataclass(frozen=True, slots=True)
class EssayResult:
    """Everything the per-essay stages found in one essay (the unit that is cached)."""

    essay: Essay
    mentions: tuple[Mention, ...] = ()
    relations: tuple[RelationCandidate, ...] = ()


@dataclass(slots=True)
class BuildResult:
    essays: list[Essay] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
