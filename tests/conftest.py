"""Cheap, shared fixtures: small lexicons, essays made from strings, one build of essays/."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildOptions, analyse, build
from kg.ingest import read_essay
from kg.lexicon import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TINY_LEXICON = """
- {id: pytorch, type: System, name: PyTorch}
- {id: tensorflow, type: System, name: TensorFlow}
- {id: nvidia, type: Organization, name: NVIDIA, zh: 英伟达, aliases: [英偉達, Nvidia]}
- {id: google, type: Organization, name: Google, zh: 谷歌}
- {id: shanghai, type: Place, name: Shanghai, zh: 上海}
- {id: beijing, type: Place, name: Beijing, zh: 北京}
"""


@pytest.fixture(scope="session")
def bundled() -> Lexicon:
    return load_lexicon()


@pytest.fixture(scope="session")
def tiny_lexicon(tmp_path_factory) -> Lexicon:
    path = tmp_path_factory.mktemp("lexicon") / "tiny.yaml"
    path.write_text(TINY_LEXICON, encoding="utf-8")
    return load_lexicon((path,), bundled=False)


@pytest.fixture
def essay_factory(tmp_path):
    """Write `text` to an essay file and read it back as an Essay."""
    def make(text: str, name: str = "essay.txt"):
        path = tmp_path / "essays" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return read_essay(path, tmp_path / "essays")
    return make


@pytest.fixture
def analyse_text(essay_factory, bundled):
    """Analyse a text as an essay (bundled lexicon unless one is given)."""
    def run(text: str, lexicon: Lexicon | None = None, name: str = "essay.txt"):
        return analyse(essay_factory(text, name), lexicon or bundled)
    return run


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """One build of the shipped essays/ into a temporary folder."""
    out = tmp_path_factory.mktemp("graphs")
    result = build(BuildOptions(essays_dir=ROOT / "essays", out_dir=out))
    return out, result
