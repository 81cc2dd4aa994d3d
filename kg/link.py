"""Linking: the mentions of every essay become entities, relation candidates become relations.

Surface forms are linked by a key: the lexicon id when the lexicon knows
the name (in any of its spellings or languages), else the folded name
(case, width, spaces and dashes ignored: Tensorflow = TensorFlow). The first
person links to the essay's author; an essay without a known author keeps no
first-person relation.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.lexicon import Lexicon, fold, has_cjk
from kg.model import (
    AUTHOR_KEY,
    Entity,
    EntityType,
    Essay,
    EssayResult,
    Mention,
    Predicate,
    Relation,
    RelationCandidate,
)

SYMMETRIC = {Predicate.COMPETES_WITH, Predicate.RELATED_TO}
MIN_SCORE = 0.5


class Linker:
    """Keys for mentions, with what is known about each key's entity."""

    def __init__(self, lexicon: Lexicon, essays: list[Essay]):
        self.lexicon = lexicon
        self.authors: dict[str, str] = {}  # folded author name or alias -> key
        for essay in essays:
            if essay.author:
                key = self._name_key(essay.author)
                for name in (essay.author, *essay.author_aliases):
                    self.authors.setdefault(fold(name), key)

        self.same: dict[str, str] = {}  # key -> the key it was merged into

    def merge(self, a: str, b: str) -> None:
        """Make two keys one entity; a lexicon key wins, else the first name's."""
        a, b = self.find(a), self.find(b)
        if a == b:
            return
        if b in self.lexicon.entries and a not in self.lexicon.entries:
            a, b = b, a
        self.same[b] = a

    def find(self, key: str) -> str:
        while key in self.same:
            key = self.same[key]
        return key

    def _name_key(self, name: str) -> str:
        entry = self.lexicon.lookup(name)
        return entry.id if entry else fold(name)

    def key(self, mention: Mention, essay: Essay) -> str | None:
        key = self._key(mention, essay)
        return self.find(key) if key else None

    def _key(self, mention: Mention, essay: Essay) -> str | None:
        if mention.key == AUTHOR_KEY:
            return self.authors.get(fold(essay.author)) if essay.author else None
        if mention.key in self.lexicon.entries:
            return mention.key
        folded = fold(mention.name)
        if folded in self.authors:
            return self.authors[folded]
        entry = self.lexicon.lookup(mention.name)
        return entry.id if entry else folded or None


@dataclass(frozen=True)
class Linked:
    entities: list[Entity]
    relations: list[Relation]
    mentions: dict[str, set[str]]  # essay id -> entity ids it mentions
    authors: dict[str, str]  # essay id -> author entity id


def link(results: list[EssayResult], lexicon: Lexicon, *, min_score: float = MIN_SCORE) -> Linked:
    """Entities and relations of all essays, merged across essays.

    Args:
        results: what extraction found in each essay.
        lexicon: the lexicon extraction used.
        min_score: a discovered name below this score everywhere is dropped.

    Returns:
        entities sorted by id, relations sorted by (subject, predicate, object),
        and which entities each essay mentions and who wrote it.
    """
    essays = [r.essay for r in results]
    linker = Linker(lexicon, essays)
    for result in results:
        for r in result.relations:
            if r.predicate is Predicate.SAME_AS:
                a, b = linker.key(r.subject, result.essay), linker.key(r.object, result.essay)
                if a and b:
                    linker.merge(a, b)
    votes: dict[str, Counter] = defaultdict(Counter)
    surfaces: dict[str, Counter] = defaultdict(Counter)
    in_essays: dict[str, set[str]] = defaultdict(set)
    best: dict[str, float] = defaultdict(float)

    def see(m: Mention, essay: Essay, *, count: bool) -> None:
        key = linker.key(m, essay)
        if key is None:
            return
        best[key] = max(best[key], m.score)
        if m.key != AUTHOR_KEY:
            votes[key][m.type] += m.score
            surfaces[key][m.surface] += count
            in_essays[key].add(essay.id)

    for essay in essays:
        if essay.author:
            key = linker.authors[fold(essay.author)]
            votes[key][EntityType.PERSON] += 1.0
            best[key] = 1.0
            for name in (essay.author, *essay.author_aliases):
                surfaces[key][name] += 0
            in_essays[key].add(essay.id)
    for result in results:
        for m in result.mentions:
            see(m, result.essay, count=True)
        for r in result.relations:  # ends that are not mentions of their own (a place inside a name)
            see(r.subject, result.essay, count=False)
            see(r.object, result.essay, count=False)

    authors = set(linker.authors.values())
    # an entity needs a mention of its own: a place seen only inside a name ("Asia" in MSRA) is not kept
    keep = {k for k in votes if k in authors or (sum(surfaces[k].values()) > 0 and best[k] >= min_score)}
    entities = {k: _entity(k, votes[k], surfaces[k], in_essays[k], lexicon) for k in sorted(keep)}
    relations = _relations(results, linker, entities)
    mentions = {e.id: set() for e in essays}
    for key in entities:
        for essay_id in in_essays[key]:
            mentions[essay_id].add(key)
    authors = {e.id: linker.authors[fold(e.author)] for e in essays if e.author}
    return Linked(list(entities.values()), relations, mentions, authors)


def _entity(key: str, votes: Counter, surfaces: Counter, essays: set[str], lexicon: Lexicon) -> Entity:
    entry = lexicon.entries.get(key)
    etype = entry.type if entry else max(sorted(votes), key=lambda t: votes[t])
    seen = sorted(surfaces, key=lambda s: (-surfaces[s], s))
    if entry:
        label = entry.name
        labels = [("en" if not has_cjk(entry.name) else "zh", entry.name)]
        if entry.zh and has_cjk(entry.zh) and not has_cjk(entry.name):
            labels.append(("zh", entry.zh))
    else:
        label = seen[0]
        labels = [("zh" if has_cjk(label) else "en", label)]
    aliases = tuple(sorted(set(seen) - {text for _, text in labels} - {""}))
    return Entity(id=key, label=label, type=etype, aliases=aliases, labels=tuple(sorted(labels)),
                  wikidata=entry.wikidata if entry else None, essays=tuple(sorted(essays)),
                  mentions=sum(surfaces.values()), kind=entry.kind if entry else None,
                  preferred=_preferred(surfaces, label))


def _preferred(surfaces: Counter, label: str) -> str:
    """The name the essays use most (英伟达 in an essay that never writes NVIDIA); the label on a tie."""
    used = [(n, s) for s, n in surfaces.items() if n > 0]
    if not used:
        return label
    top = max(n for n, _ in used)
    best = sorted(s for n, s in used if n == top)
    return label if label in best else best[0]


def _relations(results: list[EssayResult], linker: Linker, entities: dict[str, Entity]) -> list[Relation]:
    grouped: dict[tuple[str, Predicate, str], list[RelationCandidate]] = defaultdict(list)
    for result in results:
        for r in result.relations:
            s, o = linker.key(r.subject, result.essay), linker.key(r.object, result.essay)
            if s is None or o is None or s == o or s not in entities or o not in entities \
                    or r.predicate is Predicate.SAME_AS:
                continue
            if r.predicate in SYMMETRIC and o < s:
                s, o = o, s
            grouped[(s, r.predicate, o)].append(r)
    relations = []
    for (s, p, o), cands in sorted(grouped.items()):
        top = max(cands, key=lambda c: (c.confidence, c.method))
        evidence = tuple(sorted({c.evidence for c in cands}))
        relations.append(Relation(s, p, o, evidence, top.method, top.confidence, weight=len(evidence)))
    return relations
