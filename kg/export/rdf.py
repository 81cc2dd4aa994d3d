"""RDF exports (Turtle, JSON-LD, N-Triples) following the RDF contract of DESIGN.md."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import BinaryIO

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from kg.iri import DEFAULT_BASE, VOCAB, assertion_iri, entity_iri, essay_iri
from kg.lexicon import has_cjk
from kg.model import Entity, EntityType, Essay, Predicate, Relation

SCHEMA = Namespace("https://schema.org/")
KG = Namespace(VOCAB)
WD = Namespace("http://www.wikidata.org/entity/")
PREFIXES = {"schema": SCHEMA, "kg": KG, "rdfs": RDFS, "rdf": RDF, "skos": SKOS, "owl": OWL,
            "prov": PROV, "xsd": XSD, "wd": WD}
CLASSES = {EntityType.PERSON: SCHEMA.Person, EntityType.ORGANIZATION: SCHEMA.Organization,
           EntityType.PLACE: SCHEMA.Place, EntityType.SYSTEM: KG.System}
# Finer classes added beside the base class; a programming language is a class of its
# own instead of kg:System (named, but not one of the four types).
SUBCLASSES = {"university": SCHEMA.CollegeOrUniversity, "company": SCHEMA.Corporation,
              "city": SCHEMA.City, "country": SCHEMA.Country}
OWN_CLASSES = {"language": (KG.Language, SCHEMA.ComputerLanguage), "model": (KG.Model,),  # see lexicon.OTHER_KINDS
               "dataset": (KG.Dataset, SCHEMA.Dataset), "benchmark": (KG.Dataset, SCHEMA.Dataset),
               "event": (KG.Event, SCHEMA.Event)}


def to_rdf(essays: list[Essay], entities: list[Entity], relations: list[Relation], *,
           base: str = DEFAULT_BASE, authors: dict[str, str] | None = None,
           mentions: dict[str, set[str]] | None = None) -> Graph:
    """The build as an rdflib Graph.

    Args:
        essays: essay nodes (`schema:BlogPosting`).
        entities, relations: the linked graph.
        base: base IRI for entities, essays and assertions.
        authors: essay id -> the author's entity id.
        mentions: essay id -> ids of the entities it mentions.
    """
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    ent = {e.id: URIRef(entity_iri(base, e.id)) for e in entities}
    for e in entities:
        node = ent[e.id]
        for cls in OWN_CLASSES.get(e.kind or "", (CLASSES[e.type],)):
            g.add((node, RDF.type, cls))
        if e.kind in SUBCLASSES:
            g.add((node, RDF.type, SUBCLASSES[e.kind]))
        if e.kind:
            g.add((node, KG.kind, Literal(e.kind)))
        for lang, text in e.labels:
            g.add((node, RDFS.label, Literal(text, lang=lang or None)))
        for alias in e.aliases:
            g.add((node, SKOS.altLabel, Literal(alias)))
        if e.preferred:
            g.add((node, SKOS.prefLabel, Literal(e.preferred, lang="zh" if has_cjk(e.preferred) else "en")))
        if e.wikidata:
            g.add((node, OWL.sameAs, WD[e.wikidata]))
        g.add((node, KG.mentionCount, Literal(e.mentions)))
    for essay in essays:
        node = URIRef(essay_iri(base, essay.id))
        g.add((node, RDF.type, SCHEMA.BlogPosting))
        g.add((node, SCHEMA.identifier, Literal(essay.id)))
        g.add((node, SCHEMA.name, Literal(essay.title or essay.id)))
        g.add((node, KG.sourceFile, Literal(essay.path)))
        g.add((node, SCHEMA.inLanguage, Literal(essay.language)))
        if essay.date:
            g.add((node, SCHEMA.datePublished, Literal(essay.date, datatype=XSD.date)))
        if essay.license:
            g.add((node, SCHEMA.license, Literal(essay.license)))
        author = (authors or {}).get(essay.id)
        if author in ent:
            g.add((node, SCHEMA.author, ent[author]))
        for entity_id in sorted((mentions or {}).get(essay.id, ())):
            if entity_id in ent:
                g.add((node, SCHEMA.mentions, ent[entity_id]))
    for r in relations:
        s, o, p = ent[r.subject], ent[r.object], KG[r.predicate.value]
        g.add((s, p, o))
        a = URIRef(assertion_iri(base, r.subject, r.predicate.value, r.object))
        g.add((a, RDF.type, KG.Assertion))
        g.add((a, RDF.subject, s))
        g.add((a, RDF.predicate, p))
        g.add((a, RDF.object, o))
        g.add((a, KG.confidence, Literal(round(r.confidence, 3), datatype=XSD.decimal)))
        g.add((a, KG.method, Literal(r.method)))
        if r.predicate is Predicate.RELATED_TO:
            g.add((a, KG.weight, Literal(r.weight)))
        for i, ev in enumerate(r.evidence):
            g.add((a, PROV.wasDerivedFrom, URIRef(essay_iri(base, ev.essay))))
            g.add((a, KG.evidence, Literal(ev.sentence)))
            span = URIRef(f"{a}/evidence/{i}")
            g.add((a, KG.hasEvidence, span))
            g.add((span, RDF.type, KG.Evidence))
            g.add((span, KG.text, Literal(ev.sentence)))
            g.add((span, KG.startOffset, Literal(ev.start)))
            g.add((span, KG.endOffset, Literal(ev.end)))
            g.add((span, PROV.wasDerivedFrom, URIRef(essay_iri(base, ev.essay))))
    return g


LOCAL_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAMESPACES = tuple((prefix, str(ns)) for prefix, ns in PREFIXES.items())


@lru_cache(maxsize=4096)
def _compact(iri: URIRef) -> str | None:
    """prefix:local for the vocabularies' IRIs, or None (entity IRIs stay whole)."""
    text = str(iri)
    for prefix, ns in _NAMESPACES:
        if text.startswith(ns) and LOCAL_NAME.fullmatch(text[len(ns):]):
            return f"{prefix}:{text[len(ns):]}"
    return None


def _n3(term) -> str:
    if isinstance(term, URIRef):
        return _compact(term) or term.n3()
    return term.n3()


def _by_subject(graph: Graph) -> list[tuple[URIRef, list[tuple[URIRef, list]]]]:
    """Triples grouped by subject and predicate, all in a fixed order (rdf:type first)."""
    grouped: dict = {}
    for s, p, o in graph:
        grouped.setdefault(s, {}).setdefault(p, []).append(o)
    out = []
    for s in sorted(grouped, key=str):
        preds = sorted(grouped[s], key=lambda p: (p != RDF.type, str(p)))
        out.append((s, [(p, sorted(grouped[s][p], key=_n3)) for p in preds]))
    return out


def write_turtle(graph: Graph, stream: BinaryIO) -> None:
    """Turtle with subjects, predicates and objects sorted, so equal graphs give equal bytes."""
    lines = [f"@prefix {prefix}: <{ns}> ." for prefix, ns in sorted(PREFIXES.items())] + [""]
    for subject, preds in _by_subject(graph):
        parts = []
        for p, objects in preds:
            verb = "a" if p == RDF.type else _n3(p)
            parts.append(f"{verb} " + ",\n        ".join(_n3(o) for o in objects))
        lines.append(f"{_n3(subject)}\n    " + " ;\n    ".join(parts) + " .\n")
    stream.write("\n".join(lines).encode("utf-8"))


def write_ntriples(graph: Graph, stream: BinaryIO) -> None:
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in graph)
    stream.write(("\n".join(lines) + "\n").encode("utf-8"))


def _jsonld_value(term) -> dict:
    if isinstance(term, URIRef):
        return {"@id": str(term)}
    value: dict = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        value["@type"] = _compact(term.datatype) or str(term.datatype)
    return value


def write_jsonld(graph: Graph, stream: BinaryIO) -> None:
    """JSON-LD: one node object per subject, compact IRIs from the contract's prefixes, all sorted."""
    nodes = []
    for subject, preds in _by_subject(graph):
        node: dict = {"@id": str(subject)}
        for p, objects in preds:
            if p == RDF.type:
                node["@type"] = [_compact(o) or str(o) for o in objects]
            else:
                node[_compact(p) or str(p)] = [_jsonld_value(o) for o in objects]
        nodes.append(node)
    context = {prefix: str(ns) for prefix, ns in sorted(PREFIXES.items())}
    data = {"@context": context, "@graph": nodes}
    stream.write((json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
