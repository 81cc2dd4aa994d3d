"""graphs/kg.ttl is the build of essays/ with the code as it is, and it scores on the seed gold."""
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED


def test_committed_graph_is_what_a_fresh_build_gives(sample_build):
    out, _ = sample_build
    committed = ROOT / "graphs" / "kg.ttl"
    assert committed.exists(), "graphs/kg.ttl is missing: run `kg build` and commit it"
    assert (out / "kg.ttl").read_bytes() == committed.read_bytes(), \
        "graphs/kg.ttl is stale: run `kg build` and commit graphs/"


@pytest.mark.skipif(not (SHARED / "tools" / "kgeval.py").exists(), reason="../shared/tools/kgeval.py is not beside the repo")
def test_seed_essay_scores_above_the_quality_bar(sample_build):
    out, _ = sample_build
    done = subprocess.run([sys.executable, str(SHARED / "tools" / "kgeval.py"), str(out / "kg.ttl"),
                           str(SHARED / "gold" / "seed.json"), "--json"], capture_output=True, text=True, check=True)
    import json
    report = json.loads(done.stdout)
    assert report["entities"]["f1"] >= 0.90, report
    assert report["relations"]["f1"] >= 0.70, report
