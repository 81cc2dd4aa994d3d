"""The command line: build and query, their messages and exit codes."""
import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from kg.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli")
    result = runner.invoke(app, ["build", str(ROOT / "essays"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


def test_build_writes_the_three_outputs_and_a_summary(built):
    out, result = built
    for name in ("kg.ttl", "kg.jsonld", "kg.html"):
        assert (out / name).stat().st_size > 0
    assert "1 essays" in result.output and "System" in result.output and "developedBy" in result.output


def test_query_lists_each_system_of_the_sample_once(built):
    out, _ = built
    result = runner.invoke(app, ["query", "SELECT ?name WHERE { ?s a kg:System ; rdfs:label ?name }",
                                 "--graph", str(out / "kg.ttl"), "--format", "json"])
    assert result.exit_code == 0, result.output
    names = [row["name"] for row in json.loads(result.stdout)]
    assert len(names) == len(set(names)) == 10, names
    for expected in ["PyTorch", "TVM", "LLVM", "JAX", "TensorFlow", "RISC-V", "Spark", "cuDNN", "Apex", "Horovod"]:
        assert sum(expected in name for name in names) == 1, (expected, names)


@pytest.mark.parametrize("fmt, check", [
    ("csv", lambda out: out.splitlines()[0] == "name" and "PyTorch" in out),
    ("tsv", lambda out: out.splitlines()[0] == "name" and "PyTorch" in out),
    ("table", lambda out: "PyTorch" in out),
])
def test_query_formats(built, fmt, check):
    out, _ = built
    result = runner.invoke(app, ["query", "SELECT ?name WHERE { ?s a kg:System ; rdfs:label ?name } ORDER BY ?name",
                                 "--graph", str(out / "kg.ttl"), "--format", fmt])
    assert result.exit_code == 0 and check(result.stdout)


def test_query_runs_a_file_and_ask(built):
    out, _ = built
    result = runner.invoke(app, ["query", str(ROOT / "queries" / "developed-by.rq"), "--graph", str(out / "kg.ttl")])
    assert result.exit_code == 0 and "Horovod" in result.stdout
    ask = runner.invoke(app, ["query", "ASK { ?s kg:developedBy ?o }", "--graph", str(out / "kg.ttl")])
    assert ask.stdout.strip() == "true"


def test_bad_sparql_is_a_usage_error_with_its_position(built):
    out, _ = built
    result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x", "--graph", str(out / "kg.ttl")])
    assert result.exit_code == 2
    assert "Error: bad SPARQL" in result.stderr and "1:" in result.stderr


def test_query_of_a_missing_graph_says_how_to_fix(tmp_path):
    result = runner.invoke(app, ["query", "ASK {}", "--graph", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 1
    assert "no such graph file" in result.stderr and "kg build" in result.stderr


def test_build_of_a_missing_folder_fails_and_writes_nothing(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "no such folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_build_of_an_empty_folder_fails(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["build", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "no essays found" in result.stderr


def test_a_bad_file_is_skipped_with_exit_3_and_the_rest_is_built(tmp_path):
    essays = tmp_path / "essays"
    essays.mkdir()
    shutil.copy(ROOT / "essays" / "seize-the-day.txt", essays)
    (essays / "broken.txt").write_bytes(b"\xff\xfe\x00bad\x00binary")
    result = runner.invoke(app, ["build", str(essays), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert "broken.txt" in result.stderr
    assert (tmp_path / "out" / "kg.ttl").exists()


def test_a_bad_base_iri_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["build", str(ROOT / "essays"), "--out", str(tmp_path), "--base", "nope"])
    assert result.exit_code == 2


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0 and "build" in result.stdout and "query" in result.stdout


def test_eval_prints_the_kgeval_summary_line(built):
    out, _ = built
    gold = ROOT / "tests" / "data" / "dev" / "gold" / "phd-acknowledgements.json"
    result = runner.invoke(app, ["eval", str(out / "kg.ttl"), str(gold)])
    assert result.exit_code == 0
    assert result.stdout.startswith("entities P=") and "relations P=" in result.stdout


def test_eval_needs_pairs():
    result = runner.invoke(app, ["eval", "only-one.ttl"])
    assert result.exit_code == 2
