"""A floor under extraction quality on the development essays (tests/data/dev), each built alone.

These essays were written and annotated apart from the extraction rules; the
floors catch regressions, they do not prove generalisation (the held-back
texts do that). Measured figures: benchmarks/dev_eval.py.
"""
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from dev_eval import dev_pairs  # noqa: E402

from kg.evaluate import evaluate  # noqa: E402


@pytest.mark.parametrize("sets, bundled, entity_floor, relation_floor", [
    (("dev",), True, 0.90, 0.65),
    (("dev",), False, 0.70, 0.40),
    (("dev2", "dev3"), True, 0.85, 0.55),
    (("gold",), True, 0.78, 0.60),  # the real texts (README excerpts) and the seed
])
def test_development_essays_score_above_the_floor(tmp_path, sets, bundled, entity_floor, relation_floor):
    report = evaluate(dev_pairs(tmp_path, bundled=bundled, sets=sets))
    assert report["entities"]["f1"] >= entity_floor, report["entities"]
    assert report["relations"]["f1"] >= relation_floor, report["relations"]
    assert report["entities"]["p"] >= 0.8 and report["relations"]["p"] >= 0.8
