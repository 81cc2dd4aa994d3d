"""The kg.html that `kg build` writes for the sample essay draws its graph offline in Chromium."""
from browser import chromium, is_local, open_page  # noqa: F401  (chromium is a fixture)


def test_sample_page_draws_every_entity_offline(chromium, sample_build):  # noqa: F811
    out, result = sample_build
    report = open_page(chromium, out / "kg.html", ready="document.body.dataset.kgReady === '1'")
    state = chromium.execute_script("""
        var canvas = document.querySelector('#mynetwork canvas');
        return {nodes: network.body.data.nodes.length, edges: network.body.data.edges.length,
                labels: network.body.data.nodes.get().map(function (n) { return n.label; }),
                canvas: canvas ? [canvas.width, canvas.height] : null};
    """)
    assert state["nodes"] == len(result.entities)
    assert state["edges"] == len(result.relations)
    assert "PyTorch" in state["labels"] and "陈大岳" in state["labels"]
    assert state["canvas"] and min(state["canvas"]) > 0
    assert report["requests"], "the page itself should have been requested"
    assert [url for url in report["requests"] if not is_local(url)] == []
    assert [e for e in report["console"] if e["level"] == "SEVERE"] == []
