"""The RDF exports follow the contract, parse with two parsers, and are byte-identical on rebuild."""
import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from conftest import ROOT

SCHEMA = Namespace("https://schema.org/")
KG = Namespace("https://w3id.org/kg/vocab#")
TYPES = {SCHEMA.Person, SCHEMA.Organization, SCHEMA.Place, KG.System}
PREDICATES = {"memberOf", "worksAt", "leftOrganization", "developedBy", "partOf", "basedIn",
              "competesWith", "surpassed", "quotes", "relatedTo"}


@pytest.fixture(scope="module")
def ttl(sample_build):
    out, _ = sample_build
    g = Graph()
    g.parse(out / "kg.ttl", format="turtle")
    return g


@pytest.mark.parametrize("name, rdflib_format, ox_format", [
    ("kg.ttl", "turtle", ox.RdfFormat.TURTLE),
    ("kg.jsonld", "json-ld", ox.RdfFormat.JSON_LD),
])
def test_exports_parse_with_rdflib_and_pyoxigraph_to_the_same_triples(sample_build, name, rdflib_format, ox_format):
    out, _ = sample_build
    g = Graph()
    g.parse(out / name, format=rdflib_format)
    store = ox.Store()
    store.load(path=str(out / name), format=ox_format)
    assert len(g) > 100
    assert len(store) == len(g)


def test_turtle_and_jsonld_hold_the_same_graph(sample_build, ttl):
    out, _ = sample_build
    g = Graph()
    g.parse(out / "kg.jsonld", format="json-ld")
    assert set(g) == set(ttl)


def test_every_entity_has_one_base_class_and_at_most_one_label_per_language(ttl):
    entities = {s for s, o in ttl.subject_objects(RDF.type) if o in TYPES}
    assert entities
    for e in entities:
        assert len(set(ttl.objects(e, RDF.type)) & TYPES) == 1
        langs = [l.language for l in ttl.objects(e, RDFS.label)]
        assert langs and len(langs) == len(set(langs))


def test_known_entities_carry_their_wikidata_id(ttl):
    nvidia = next(s for s in ttl.subjects(RDFS.label, Literal("NVIDIA", lang="en")))
    assert URIRef("http://www.wikidata.org/entity/Q182477") in set(ttl.objects(nvidia, OWL.sameAs))
    assert Literal("英伟达", lang="zh") in set(ttl.objects(nvidia, RDFS.label))


def test_surface_forms_are_alt_labels(ttl):
    tf = next(s for s in ttl.subjects(RDFS.label, Literal("TensorFlow", lang="en")))
    assert Literal("Tensorflow") in set(ttl.objects(tf, SKOS.altLabel))


def test_the_essay_is_a_blog_posting_with_its_metadata(ttl):
    essay = next(ttl.subjects(RDF.type, SCHEMA.BlogPosting))
    assert str(ttl.value(essay, SCHEMA.identifier)) == "seize-the-day"
    assert str(ttl.value(essay, SCHEMA.name)) == "Seize the day"
    assert str(ttl.value(essay, SCHEMA.datePublished)) == "2021-03-22"
    assert str(ttl.value(essay, SCHEMA.license)) == "CC BY-NC 4.0"
    author = ttl.value(essay, SCHEMA.author)
    assert (author, RDF.type, SCHEMA.Person) in ttl
    assert str(ttl.value(author, RDFS.label)) == "Zihao Ye"
    assert Literal("expye") in set(ttl.objects(author, SKOS.altLabel))
    assert len(set(ttl.objects(essay, SCHEMA.mentions))) >= 15


def test_every_relation_has_an_assertion_with_evidence(ttl):
    direct = {(s, p, o) for s, p, o in ttl if str(p).startswith(str(KG)) and p.split("#")[-1] in PREDICATES}
    assert direct
    assertions = set(ttl.subjects(RDF.type, KG.Assertion))
    reified = {(ttl.value(a, RDF.subject), ttl.value(a, RDF.predicate), ttl.value(a, RDF.object)) for a in assertions}
    assert reified == direct
    text = (ROOT / "essays" / "seize-the-day.txt").read_text(encoding="utf-8")
    for a in assertions:
        assert ttl.value(a, PROV.wasDerivedFrom) is not None
        assert 0 < float(ttl.value(a, KG.confidence)) <= 1
        assert str(ttl.value(a, KG.method))
        for span in ttl.objects(a, KG.hasEvidence):
            start, end = int(ttl.value(span, KG.startOffset)), int(ttl.value(span, KG.endOffset))
            assert text[start:end] == str(ttl.value(span, KG.text))
            assert Literal(text[start:end]) in set(ttl.objects(a, KG.evidence))


def test_no_email_or_path_leaks_into_the_graph(sample_build):
    out, _ = sample_build
    data = (out / "kg.ttl").read_text(encoding="utf-8")
    assert "expye@outlook.com" not in data
    assert str(ROOT) not in data


def test_iris_are_valid_for_hostile_names():
    from kg.iri import entity_iri
    for name in ["a b", 'x"y', "<tag>", "😀", "مرحبا", "x" * 500, "", "C++/C#", "50%"]:
        iri = entity_iri("https://example.org/kg/", name)
        ox.NamedNode(iri)  # raises on an invalid IRI
        assert len(iri) < 200


def test_outputs_are_byte_identical_across_hash_seeds(tmp_path):
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ROOT / "essays"), "--out", str(out), "-q"],
                       check=True, env=env, cwd=tmp_path)
        outputs.append({name: (out / name).read_bytes() for name in ("kg.ttl", "kg.jsonld", "kg.html")})
    assert outputs[0] == outputs[1]


def test_jsonld_is_sorted_json(sample_build):
    out, _ = sample_build
    data = json.loads((out / "kg.jsonld").read_text(encoding="utf-8"))
    ids = [node["@id"] for node in data["@graph"]]
    assert ids == sorted(ids)


def test_the_name_the_essay_uses_is_the_preferred_label_and_both_languages_are_labels(ttl):
    nvidia = next(s for s in ttl.subjects(RDFS.label, Literal("NVIDIA", lang="en")))
    assert {str(l) for l in ttl.objects(nvidia, RDFS.label)} == {"NVIDIA", "英伟达"}
    assert set(ttl.objects(nvidia, SKOS.prefLabel)) == {Literal("英伟达", lang="zh")}  # the essay writes 英伟达


def test_every_other_kind_has_a_class_of_its_own():
    from kg.export.rdf import OWN_CLASSES
    from kg.lexicon import OTHER_KINDS

    assert set(OWN_CLASSES) == OTHER_KINDS
