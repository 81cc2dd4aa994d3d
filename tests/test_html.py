"""The HTML export: self-contained, escaped, deterministic, and drawn by Chromium."""
from __future__ import annotations

import hashlib
import html
import io
import json
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from browser import chromium, is_local, open_page  # noqa: F401  (chromium is a fixture)
from kg.export.html import TYPE_STYLE, write_html

REPO = Path(__file__).resolve().parents[1]

SCRIPT = "<script>window.pwned=1</script>"
IMG = '<img src=x onerror="window.pwned=1">'
QUOTES = "\"O'Brien\""
PAYLOAD = f"{SCRIPT}{IMG}{QUOTES}</script>"

# Anything that would make the page fetch from the network.
EXTERNAL = re.compile(rb"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)


def make_graph(*, label: str = "Horovod", alias: str = "霍洛沃德", sentence: str = "Uber 的 Horovod",
               essay: str = "seize-the-day", title: str = "Seize the day") -> nx.MultiDiGraph:
    """A small graph of every type; the keywords plant text in one place each."""
    g = nx.MultiDiGraph(title=title)
    people = [
        ("urn:kg:horovod", label, "System", [alias], 0.30, None),
        ("urn:kg:uber", "Uber", "Organization", ["优步"], 0.20, "Q692400"),
        ("urn:kg:nvidia", "英伟达", "Organization", ["NVIDIA"], 0.40, "Q182477"),
        ("urn:kg:chen", "陈大岳", "Person", ["陈大岳老师"], 0.05, None),
        ("urn:kg:beijing", "北京", "Place", [], 0.05, "Q956"),
    ]
    for node, name, kind, aliases, pagerank, qid in people:
        g.add_node(node, label=name, type=kind, aliases=aliases, pagerank=pagerank, wikidata=qid,
                   essays=[essay], mentions=2)
    relations = [
        ("urn:kg:horovod", "developedBy", "urn:kg:uber", 0.9, "pattern", sentence),
        ("urn:kg:horovod", "relatedTo", "urn:kg:uber", 0.4, "cooccurrence", sentence),
        ("urn:kg:chen", "worksAt", "urn:kg:nvidia", 0.8, "pattern", "陈大岳在英伟达工作"),
        ("urn:kg:nvidia", "basedIn", "urn:kg:beijing", 0.6, "pattern", "英伟达北京"),
        ("urn:kg:nvidia", "relatedTo", "urn:kg:horovod", 0.3, "cooccurrence", "英伟达和 Horovod"),
    ]
    for subj, pred, obj, confidence, method, text in relations:
        g.add_edge(subj, obj, key=pred, predicate=pred, weight=2, confidence=confidence,
                   method=method, evidence=[{"essay": essay, "sentence": text}])
    return g


def render(graph: nx.MultiDiGraph) -> bytes:
    stream = io.BytesIO()
    write_html(graph, stream)
    return stream.getvalue()


def data_sets(page: bytes) -> tuple[list[dict], list[dict]]:
    """The node and edge records the page hands to vis-network."""
    text = page.decode("utf-8")
    nodes = re.search(r"nodes = new vis\.DataSet\((.*)\);", text).group(1)
    edges = re.search(r"edges = new vis\.DataSet\((.*)\);", text).group(1)
    return json.loads(nodes), json.loads(edges)


def tag_counts(page: bytes) -> dict[bytes, int]:
    lower = page.lower()
    return {tag: lower.count(tag) for tag in (b"<script", b"</script", b"<img", b"<link", b"<iframe")}


# ------------------------------------------------------------- no browser

def test_html_references_nothing_outside_the_file():
    page = render(make_graph())
    assert EXTERNAL.search(page) is None
    assert b"<link" not in page.lower()
    assert b"bootstrap" not in page.lower()
    assert b"sourceMappingURL" not in page


def test_html_is_utf8_with_title_heading_and_legend():
    page = render(make_graph(title="我的 essays"))
    text = page.decode("utf-8")
    assert text.startswith("<!DOCTYPE html>\n<html>")
    assert text.endswith("</html>\n")
    assert "<title>我的 essays</title>" in text
    assert "<h1>我的 essays</h1>" in text
    for kind, (colour, _shape) in TYPE_STYLE.items():
        assert f'style="color:{colour}"' in text and f"{kind}</span>" in text


@pytest.mark.parametrize("where", ["label", "alias", "sentence", "essay", "title"])
def test_html_escapes_planted_markup(where):
    page = render(make_graph(**{where: PAYLOAD}))
    assert SCRIPT.encode() not in page
    assert IMG.encode() not in page
    assert b"<img" not in page.lower()
    assert b"onerror=\"" not in page
    # The planted text adds no tag: the page has the structure of a benign one.
    assert tag_counts(page) == tag_counts(render(make_graph()))


def test_html_title_is_html_escaped():
    page = render(make_graph(title=PAYLOAD)).decode("utf-8")
    assert f"<title>{html.escape(PAYLOAD)}</title>" in page
    assert f"<h1>{html.escape(PAYLOAD)}</h1>" in page


@pytest.mark.parametrize("label", ["Horovod", "英伟达 NVIDIA", QUOTES, PAYLOAD, "a & b < c"])
def test_html_keeps_every_label_exact_in_the_data(label):
    graph = make_graph(label=label)
    nodes, _edges = data_sets(render(graph))
    assert {n["id"]: n["label"] for n in nodes} == {n: graph.nodes[n]["label"] for n in graph}


@pytest.mark.parametrize("where", ["label", "alias", "sentence", "essay"])
def test_html_tooltips_hold_essay_text_escaped(where):
    nodes, edges = data_sets(render(make_graph(**{where: PAYLOAD})))
    titles = [item["title"] for item in (*nodes, *edges)]
    assert any(html.escape(PAYLOAD) in title for title in titles)
    assert not any("<script" in title or "<img" in title for title in titles)


def test_html_tooltips_show_type_aliases_essays_and_evidence():
    nodes, edges = data_sets(render(make_graph()))
    horovod = next(n for n in nodes if n["id"] == "urn:kg:horovod")
    for text in ("System", "霍洛沃德", "seize-the-day", "Uber 的 Horovod"):
        assert text in horovod["title"]
    developed = next(e for e in edges if e["label"] == "developedBy")
    for text in ("developedBy", "confidence: 0.90", "Uber 的 Horovod"):
        assert text in developed["title"]


def test_html_styles_nodes_by_type_and_pagerank():
    nodes, _edges = data_sets(render(make_graph()))
    by_id = {n["id"]: n for n in nodes}
    assert (by_id["urn:kg:chen"]["color"], by_id["urn:kg:chen"]["shape"]) == TYPE_STYLE["Person"]
    assert (by_id["urn:kg:beijing"]["color"], by_id["urn:kg:beijing"]["shape"]) == TYPE_STYLE["Place"]
    assert len({shape for _colour, shape in TYPE_STYLE.values()}) == len(TYPE_STYLE)
    assert len({colour for colour, _shape in TYPE_STYLE.values()}) == len(TYPE_STYLE)
    assert by_id["urn:kg:nvidia"]["size"] == 50  # the highest PageRank
    assert by_id["urn:kg:chen"]["size"] < by_id["urn:kg:uber"]["size"] < by_id["urn:kg:nvidia"]["size"]


def test_html_draws_related_to_thin_dashed_and_grey():
    _nodes, edges = data_sets(render(make_graph()))
    related = [e for e in edges if e["label"] == "relatedTo"]
    typed = [e for e in edges if e["label"] != "relatedTo"]
    assert len(related) == 2 and len(typed) == 3
    for edge in related:
        assert edge["dashes"] is True and edge["width"] < min(t["width"] for t in typed)
        assert edge["color"]["color"] == "#BBBBBB"


def test_html_is_byte_identical_for_the_same_graph():
    graph = make_graph(label=PAYLOAD)
    assert render(graph) == render(graph)
    # Insertion order does not matter either.
    shuffled = nx.MultiDiGraph(**graph.graph)
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert render(shuffled) == render(graph)


def test_html_is_byte_identical_across_hash_seeds(tmp_path):
    pickled = tmp_path / "graph.pickle"
    pickled.write_bytes(pickle.dumps(make_graph(label=PAYLOAD)))
    code = ("import hashlib, io, pickle, sys; from kg.export.html import write_html; "
            "b = io.BytesIO(); write_html(pickle.load(open(sys.argv[1], 'rb')), b); "
            "print(hashlib.sha256(b.getvalue()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
        done = subprocess.run([sys.executable, "-c", code, str(pickled)], env=env, cwd=tmp_path,
                              capture_output=True, text=True, check=True)
        digests.add(done.stdout.strip())
    assert digests == {hashlib.sha256(render(make_graph(label=PAYLOAD))).hexdigest()}


def test_html_writes_only_to_the_stream(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render(make_graph())
    assert list(tmp_path.iterdir()) == []  # pyvis's "local" mode would write lib/ here


def test_html_never_uses_pyvis_inner_html_popup():
    # pyvis swaps in a popup that assigns titles to innerHTML when a title says "href".
    page = render(make_graph(sentence='see <a href="https://example.org">this</a>'))
    assert b"popup.innerHTML" not in page
    assert EXTERNAL.search(page) is None


def test_html_of_an_empty_graph_is_a_page():
    page = render(nx.MultiDiGraph())
    nodes, edges = data_sets(page)
    assert (nodes, edges) == ([], [])
    assert b"<title>Knowledge graph</title>" in page


# ---------------------------------------------------------------- browser

def hover_node(driver, node: str) -> dict:
    """Move the mouse onto a node; return the text and tag count of its tooltip."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    x, y = driver.execute_script(
        "var p = network.canvasToDOM(network.getPositions([arguments[0]])[arguments[0]]);"
        "return [p.x, p.y];", node)
    canvas = driver.find_element("css selector", "#mynetwork canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, round(x - size["width"] / 2), round(y - size["height"] / 2)).perform()
    return WebDriverWait(driver, 10, poll_frequency=0.05).until(lambda d: d.execute_script("""
        var tip = document.querySelector('div.vis-tooltip');
        if (!tip || tip.style.visibility !== 'visible') return null;
        return {text: tip.textContent, tags: tip.querySelectorAll('script, img, iframe, [onerror]').length};
    """))


def test_html_draws_offline_in_chromium_without_running_planted_code(chromium, tmp_path):
    graph = make_graph(label=SCRIPT, alias=IMG, sentence=PAYLOAD, essay="</script>" + IMG,
                       title=PAYLOAD)
    graph.add_node("urn:kg:img", label=IMG, type="Person", aliases=[SCRIPT], pagerank=0.1,
                   wikidata=None, essays=[IMG], mentions=1)
    page = tmp_path / "kg.html"
    page.write_bytes(render(graph))

    report = open_page(chromium, page, ready="document.body.dataset.kgReady === '1'")

    state = chromium.execute_script("""
        var canvas = document.querySelector('#mynetwork canvas');
        var titles = nodes.get().concat(edges.get()).map(function (item) { return item.title; });
        return {
          nodes: network.body.data.nodes.length,
          edges: network.body.data.edges.length,
          canvas: canvas ? [canvas.width, canvas.height] : null,
          pwned: typeof window.pwned,
          labels: nodes.get().map(function (n) { return n.label; }).sort(),
          elementTitles: titles.every(function (t) { return t instanceof Element; }),
          tipText: titles.map(function (t) { return t.textContent; }).join('\\n'),
          plantedTags: titles.reduce(function (n, t) {
            return n + t.querySelectorAll('script, img, iframe, [onerror]').length; }, 0),
          heading: document.querySelector('h1').textContent,
        };
    """)
    assert state["nodes"] == graph.number_of_nodes()
    assert state["edges"] == graph.number_of_edges()
    assert state["canvas"] and min(state["canvas"]) > 0
    assert state["pwned"] == "undefined"
    assert state["labels"] == sorted(graph.nodes[n]["label"] for n in graph)
    assert state["elementTitles"] and state["plantedTags"] == 0
    assert IMG in state["tipText"] and SCRIPT in state["tipText"]  # shown as text
    assert state["heading"] == PAYLOAD

    # Hovering the planted node shows its tooltip, with the payload as text.
    tooltip = hover_node(chromium, "urn:kg:horovod")
    assert SCRIPT in tooltip["text"] and IMG in tooltip["text"]
    assert tooltip["tags"] == 0
    assert chromium.execute_script("return typeof window.pwned") == "undefined"

    outside = [url for url in report["requests"] if not is_local(url)]
    assert report["requests"] and outside == []
    assert not [url for url in report["requests"] if url.endswith("/x")]  # the planted <img>
    errors = [entry for entry in report["console"] if entry["level"] == "SEVERE"]
    assert errors == []
