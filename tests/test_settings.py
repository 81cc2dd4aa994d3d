"""Settings come from defaults, kg.toml, KG_* variables and flags, in that order; a model adds NER."""
import random

import pytest
import spacy
from spacy.training import Example
from typer.testing import CliRunner

from kg.build import BuildOptions, build
from kg.cli import app
from kg.errors import InputError, KgError
from kg.settings import load_settings

runner = CliRunner()


def test_defaults_then_toml_then_environment_then_flags(tmp_path, monkeypatch):
    (tmp_path / "kg.toml").write_text('author = "Toml Author"\nbase = "https://toml.example/"\n', encoding="utf-8")
    assert load_settings(tmp_path).author == "Toml Author"
    monkeypatch.setenv("KG_AUTHOR", "Env Author")
    assert load_settings(tmp_path).author == "Env Author"
    assert load_settings(tmp_path, author="Flag Author").author == "Flag Author"
    assert load_settings(tmp_path).base == "https://toml.example/"


@pytest.mark.parametrize("content, message", [
    ("author = ", "not valid TOML"),
    ("colour = 'blue'", "unknown setting 'colour'"),
])
def test_a_broken_config_names_the_file_and_the_problem(tmp_path, content, message):
    (tmp_path / "kg.toml").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        load_settings(tmp_path)
    assert "kg.toml" in str(err.value)


def test_the_default_author_speaks_for_essays_without_one(tmp_path):
    essays = tmp_path / "essays"
    essays.mkdir()
    (essays / "post.txt").write_text("我在英伟达实习了三个月。\n", encoding="utf-8")
    (essays / "kg.toml").write_text('author = "Default Author"\n', encoding="utf-8")
    result = build(BuildOptions(essays_dir=essays, out_dir=tmp_path / "out"))
    label = {e.id: e.label for e in result.entities}
    assert ("Default Author", "worksAt", "NVIDIA") in {(label[r.subject], r.predicate.value, label[r.object])
                                                         for r in result.relations}


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    """A tiny English NER the test trains and saves itself (no download)."""
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    ner.add_label("PERSON")
    texts = [("I met Zorblat at lunch.", (6, 13)), ("Yesterday Zorblat called.", (10, 17)),
             ("We thanked Zorblat twice.", (11, 18)), ("Zorblat wrote the code.", (0, 7))]
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": [(s, e, "PERSON")]}) for t, (s, e) in texts]
    random.seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    path = tmp_path_factory.mktemp("model") / "tiny_ner"
    nlp.to_disk(path)
    return path


def test_a_model_adds_the_names_its_ner_finds(tmp_path, tiny_model):
    essays = tmp_path / "essays"
    essays.mkdir()
    (essays / "post.txt").write_text("Title\n\nI met Zorblat at lunch.\n", encoding="utf-8")
    without = build(BuildOptions(essays_dir=essays, out_dir=tmp_path / "a"))
    with_model = build(BuildOptions(essays_dir=essays, out_dir=tmp_path / "b", model=str(tiny_model)))
    assert "Zorblat" not in {e.label for e in without.entities}  # one rare word: the rules leave it
    assert "Zorblat" in {e.label for e in with_model.entities if e.type.value == "Person"}


def test_a_missing_model_is_a_clear_error_naming_the_package(tmp_path):
    essays = tmp_path / "essays"
    essays.mkdir()
    (essays / "post.txt").write_text("Some text.\n", encoding="utf-8")
    with pytest.raises(KgError, match="pip install zz_not_a_model"):
        build(BuildOptions(essays_dir=essays, out_dir=tmp_path / "out", model="zz_not_a_model"))
    result = runner.invoke(app, ["build", str(essays), "--out", str(tmp_path / "out"), "--model", "zz_not_a_model"])
    assert result.exit_code == 1 and "zz_not_a_model" in result.stderr
    assert not (tmp_path / "out").exists()
