"""The README's commands are the ones CI runs, and the documented queries run."""
import re

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from kg.cli import app


def readme_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_readme_has_exactly_two_setup_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert "kg build" in commands[0] and "pytest" in commands[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_commands()[1] in ci


@pytest.mark.parametrize("query", sorted((ROOT / "queries").glob("*.rq")), ids=lambda p: p.name)
def test_every_example_query_runs_on_the_sample_build_and_finds_rows(query, sample_build):
    out, _ = sample_build
    result = CliRunner().invoke(app, ["query", str(query), "--graph", str(out / "kg.ttl"), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.strip().splitlines()) >= 2
    assert query.read_text(encoding="utf-8").startswith("#"), "each query starts with a comment saying what it asks"
    assert query.name in (ROOT / "README.md").read_text(encoding="utf-8") or query.stem in (ROOT / "queries" / "README.md").read_text(encoding="utf-8")


def test_every_setting_and_command_is_documented():
    from kg.settings import TABLE

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, _, _ in TABLE:
        assert f"`{name}`" in readme, name
    for command in ("kg build", "kg query", "kg eval"):
        assert command in readme
    help_text = CliRunner().invoke(app, ["build", "--help"]).stdout
    for flag in ("--author", "--model", "--lexicon", "--no-bundled-lexicon", "--base"):
        assert flag in help_text
