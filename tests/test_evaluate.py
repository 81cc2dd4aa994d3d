"""`kg eval` agrees with the outside scorer, on good graphs and on damaged ones."""
import json
import subprocess
import sys

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

from conftest import ROOT, SHARED
from kg.evaluate import evaluate

KGEVAL = SHARED / "tools" / "kgeval.py"
SEED = SHARED / "gold" / "seed.json"
KG = Namespace("https://w3id.org/kg/vocab#")
needs_shared = pytest.mark.skipif(not KGEVAL.exists(), reason="../shared/tools/kgeval.py is not beside the repo")


def outside(*files):
    done = subprocess.run([sys.executable, str(KGEVAL), *map(str, files), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def damaged(ttl, tmp_path):
    """The sample graph with one entity's labels removed, a relation dropped and junk added."""
    g = Graph()
    g.parse(ttl, format="turtle")
    pytorch = next(g.subjects(RDFS.label, Literal("PyTorch", lang="en")))
    g.remove((pytorch, RDFS.label, None))
    g.remove((None, KG.developedBy, None))
    junk = URIRef("https://example.org/kg/entity/junk")
    g.add((junk, RDF.type, KG.System))
    g.add((junk, RDFS.label, Literal("大公司")))
    shanghai = next(g.subjects(RDFS.label, Literal("Shanghai", lang="en")))
    g.add((shanghai, RDF.type, URIRef("https://schema.org/Organization")))
    g.add((junk, KG.competesWith, shanghai))
    path = tmp_path / "damaged.ttl"
    g.serialize(path, format="turtle")
    return path


@needs_shared
def test_kg_eval_agrees_with_kgeval_on_the_sample(sample_build):
    out, _ = sample_build
    assert evaluate([(out / "kg.ttl", SEED)]) == outside(out / "kg.ttl", SEED)


@needs_shared
def test_kg_eval_agrees_with_kgeval_on_a_damaged_graph(sample_build, tmp_path):
    out, _ = sample_build
    bad = damaged(out / "kg.ttl", tmp_path)
    ours = evaluate([(bad, SEED)])
    assert ours == outside(bad, SEED)
    assert ours["entities"]["f1"] < 1 and ours["relations"]["f1"] < 1


@needs_shared
def test_kg_eval_pools_pairs_like_kgeval(sample_build, tmp_path):
    out, _ = sample_build
    bad = damaged(out / "kg.ttl", tmp_path)
    assert evaluate([(out / "kg.ttl", SEED), (bad, SEED)]) == outside(out / "kg.ttl", SEED, bad, SEED)


@needs_shared
def test_kg_eval_of_a_text_builds_it_alone_and_agrees_with_kgeval(tmp_path):
    from kg.evaluate import build_alone, evaluate_files

    essay = ROOT / "essays" / "seize-the-day.txt"
    ours = evaluate_files([(essay, ROOT / "tests" / "data" / "gold" / "seed.json")], tmp_path / "a")
    graph = build_alone(essay, tmp_path / "b")
    assert ours == outside(graph, SEED)
    assert ours["entities"]["f1"] >= 0.9 and ours["relations"]["f1"] >= 0.7


def test_kg_eval_refuses_a_file_that_is_neither_text_nor_graph(tmp_path):
    from kg.errors import InputError
    from kg.evaluate import evaluate_files

    (tmp_path / "notes.docx").write_bytes(b"x")
    with pytest.raises(InputError, match="neither an essay"):
        evaluate_files([(tmp_path / "notes.docx", SEED)], tmp_path / "w")
