"""Interactive HTML export: one self-contained pyvis page that works offline.

pyvis renders the page; this module decides what goes in it and then repairs
what pyvis gets wrong for an offline, untrusted-text page:

- even with ``cdn_resources="in_line"`` pyvis's template links Bootstrap from
  a CDN (a stylesheet and a script); both are removed, and the result is
  checked so that no ``http(s)://`` URL is left in a ``src``/``href``
  attribute or a CSS ``url(...)``;
- pyvis inlines ``heading`` unescaped, so it is left empty and the title is
  written here, HTML-escaped;
- vis-network 9 shows a string ``title`` as plain text, so tooltips are built
  as small HTML fragments in which every piece of essay text is escaped with
  :func:`html.escape`, and a short script turns them into elements.

Node and edge data reach the page through Jinja's ``tojson`` filter, which
writes ``<``, ``>``, ``&`` and ``'`` as ``\\u003c``-style escapes: essay text
can never close the ``<script>`` element that holds it.
"""
from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from typing import Any, BinaryIO

import networkx as nx

from kg.model import EntityType, Predicate

__all__ = ["TYPE_STYLE", "render_html", "write_html"]

#: Colour (Okabe-Ito, readable by colour-blind people) and vis shape per type.
#: Every shape draws its label underneath, so ``size`` applies to all of them.
TYPE_STYLE: dict[str, tuple[str, str]] = {
    EntityType.PERSON: ("#E69F00", "dot"),
    EntityType.ORGANIZATION: ("#0072B2", "square"),
    EntityType.SYSTEM: ("#009E73", "diamond"),
    EntityType.PLACE: ("#CC79A7", "triangle"),
}
_OTHER_STYLE = ("#999999", "hexagon")
_LEGEND_MARK = {"dot": "\u25cf", "square": "\u25a0", "diamond": "\u25c6",
                "triangle": "\u25b2", "hexagon": "\u2b22"}

_MIN_SIZE, _SIZE_RANGE = 10.0, 40.0
_NODE_EVIDENCE = 3     # sentences in a node tooltip
_EDGE_EVIDENCE = 5     # sentences in an edge tooltip
_CLIP = 240            # characters kept of one evidence sentence
_IMPROVED_LAYOUT_MAX = 100

#: vis-network options. Fixed seed and a bounded stabilisation make the layout
#: the same on every load; the page script turns physics off afterwards.
_OPTIONS: dict[str, Any] = {
    "layout": {"randomSeed": 1, "improvedLayout": True},
    "physics": {
        "enabled": True,
        "solver": "forceAtlas2Based",
        "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120,
                             "avoidOverlap": 0.2},
        "stabilization": {"enabled": True, "iterations": 400,
                          "updateInterval": 25, "fit": True},
        "minVelocity": 0.75,
    },
    "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
    "edges": {
        "smooth": {"enabled": False},
        "font": {"size": 10, "align": "middle", "color": "#555555",
                 "face": "sans-serif", "strokeWidth": 3},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
    },
    "interaction": {"hover": True, "tooltipDelay": 150},
}

# What pyvis's template links from a CDN even with cdn_resources="in_line".
_CDN_LINK = re.compile(r"""<link\b[^>]*?\bhref\s*=\s*["']?(?:https?:)?//[^>]*>""", re.I)
_CDN_SCRIPT = re.compile(
    r"""<script\b[^>]*?\bsrc\s*=\s*["']?(?:https?:)?//[^>]*>\s*</script\s*>""", re.I)
# A commented-out <link>/<script> pair pointing at ../node_modules.
_DEAD_COMMENT = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.S)
# A source-map comment: DevTools would try to fetch the (absent) .map file.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=[^\s<]*", re.M)
# pyvis prints its heading twice; we leave it empty and write our own.
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>\s*")
# Anything that would still make the page load something from the network.
_EXTERNAL_URL = re.compile(
    r"""\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""", re.I)
# The one-line JSON arrays pyvis writes the node and edge data into.
_DATA_SET = re.compile(r"new vis\.DataSet\(.*\);")

_PAGE_CSS = """<style>
  body { font-family: sans-serif; margin: 8px; }
  #kg-header h1 { font-size: 1.4em; margin: 0 0 4px 0; }
  #kg-legend { font-size: 0.9em; color: #333; margin-bottom: 6px; }
  #kg-legend span.kg-key { margin-right: 1.2em; white-space: nowrap; }
  #kg-legend span.kg-mark { font-size: 1.2em; }
  div.kg-tip { font-family: sans-serif; white-space: normal; max-width: 420px; font-size: 13px; line-height: 1.35; }
  div.kg-tip ul { margin: 2px 0 0 0; padding-left: 1.2em; }
  div.kg-tip .kg-dim { color: #666; }
</style>
"""

# Runs after pyvis's own script, which defines the globals nodes, edges, network.
_PAGE_SCRIPT = """<script type="text/javascript">
(function () {
  "use strict";
  // vis-network shows a string title as plain text. Our titles are small HTML
  // fragments in which every piece of essay text is already escaped, so they
  // are parsed into elements once, here.
  function toElement(fragment) {
    var div = document.createElement("div");
    div.className = "kg-tip";
    div.innerHTML = fragment;
    return div;
  }
  [nodes, edges].forEach(function (set) {
    var items = set.get({filter: function (item) { return typeof item.title === "string"; }});
    set.update(items.map(function (item) { return {id: item.id, title: toElement(item.title)}; }));
  });
  // Freeze the seeded layout once it has settled, so the page stops moving.
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: {enabled: false}});
    document.body.setAttribute("data-kg-ready", "1");
  });
})();
</script>
"""


def write_html(graph: nx.MultiDiGraph, stream: BinaryIO) -> None:
    """Write the graph as one self-contained, offline, interactive HTML page.

    Nodes are coloured and shaped by type and sized by PageRank; tooltips show
    type, aliases, essays and evidence sentences; ``relatedTo`` edges are thin,
    dashed and grey. All JavaScript is inline and no URL outside the file is
    referenced. Every piece of essay text is escaped. The same graph always
    gives the same bytes.

    Args:
        graph: The project graph (node id = entity IRI, edge key = predicate).
        stream: A binary stream; UTF-8 HTML is written to it.

    Raises:
        RuntimeError: pyvis produced a page that still references the network
            (a pyvis upgrade changed its template); nothing is written.

    Example:
        >>> import io, networkx as nx
        >>> g = nx.MultiDiGraph(title="Demo")
        >>> g.add_node("urn:x:a", label="Ada", type="Person", pagerank=1.0)
        >>> buf = io.BytesIO()
        >>> write_html(g, buf)
        >>> buf.getvalue().startswith(b"<!DOCTYPE html>")
        True
        >>> b"Ada" in buf.getvalue() and b"cdn.jsdelivr" not in buf.getvalue()
        True
    """
    stream.write(render_html(graph).encode("utf-8"))


def render_html(graph: nx.MultiDiGraph) -> str:
    """Return the page that :func:`write_html` writes, as a string."""
    # late: pyvis imports IPython (0.2 s), keep `kg --help` fast
    from pyvis.network import Network

    net = Network(height="80vh", width="100%", directed=True, heading="",
                  cdn_resources="in_line", notebook=False)
    # A plain dict is dumped as-is by pyvis (insertion order, so deterministic).
    net.options = json.loads(json.dumps(_OPTIONS))
    # vis's improved layout only works (and is only affordable) on small graphs.
    net.options["layout"]["improvedLayout"] = graph.number_of_nodes() <= _IMPROVED_LAYOUT_MAX

    nodes = sorted(graph.nodes)
    max_pr = max((_number(graph.nodes[n].get("pagerank")) for n in nodes), default=0.0)
    for node in nodes:
        net.nodes.append(_node_data(graph, node, max_pr))
        net.node_ids.append(node)
    net.node_map = {item["id"]: item for item in net.nodes}
    # Appended directly: pyvis's add_edge scans the node list for every edge.
    net.edges.extend(_edge_data(graph))

    page = net.generate_html(notebook=False)
    return _finish_page(page, graph)


# ---------------------------------------------------------------- nodes/edges

def _node_data(graph: nx.MultiDiGraph, node: str, max_pr: float) -> dict[str, Any]:
    attrs = graph.nodes[node]
    label = _text(attrs.get("label")) or node
    colour, shape = TYPE_STYLE.get(attrs.get("type"), _OTHER_STYLE)
    pr = _number(attrs.get("pagerank"))
    size = _MIN_SIZE + _SIZE_RANGE * (pr / max_pr if max_pr > 0 else 0.25)
    return {
        "id": node,
        "label": label,       # drawn on the canvas as text, never parsed as HTML
        "shape": shape,
        "color": colour,
        "size": round(size, 3),
        "title": _defuse(_node_tooltip(graph, node, label)),
    }


def _edge_data(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    # Edges sharing a pair of nodes (either direction) are curved apart.
    parallel: dict[tuple[str, str], int] = defaultdict(int)
    for u, v, _key, _data in edges:
        parallel[tuple(sorted((u, v)))] += 1
    seen: dict[tuple[str, str], int] = defaultdict(int)

    out = []
    for index, (u, v, key, data) in enumerate(edges):
        predicate = _text(data.get("predicate")) or _text(key)
        co_occurrence = predicate == Predicate.RELATED_TO
        weight = _number(data.get("weight"), 1.0)
        item: dict[str, Any] = {
            "id": f"e{index}",
            "from": u,
            "to": v,
            "label": predicate,
            "title": _defuse(_edge_tooltip(graph, u, v, predicate, data)),
        }
        if co_occurrence:
            item.update(width=1, dashes=True, color={"color": "#BBBBBB", "highlight": "#888888"},
                        arrows={"to": {"enabled": False}})
        else:
            item.update(width=round(2 + 0.5 * min(max(weight - 1, 0), 4), 2),
                        color={"color": "#555555", "highlight": "#222222"}, arrows="to")
        pair = tuple(sorted((u, v)))
        if parallel[pair] > 1:
            seen[pair] += 1
            item["smooth"] = {"enabled": True, "type": "curvedCW",
                              "roundness": round(0.15 * seen[pair], 2)}
        out.append(item)
    return out


# ------------------------------------------------------------------ tooltips

def _node_tooltip(graph: nx.MultiDiGraph, node: str, label: str) -> str:
    attrs = graph.nodes[node]
    e = html.escape
    parts = [f"<b>{e(label)}</b> <span class=\"kg-dim\">{e(_text(attrs.get('type')) or 'Other')}</span>"]
    aliases = [_text(a) for a in attrs.get("aliases") or () if _text(a) and _text(a) != label]
    if aliases:
        parts.append("aliases: " + e(", ".join(aliases)))
    essays = [_text(x) for x in attrs.get("essays") or ()]
    if essays:
        parts.append("essays: " + e(", ".join(essays)))
    facts = []
    if attrs.get("mentions") is not None:
        facts.append(f"mentions: {e(_text(attrs.get('mentions')))}")
    if attrs.get("wikidata"):
        facts.append(f"wikidata: {e(_text(attrs.get('wikidata')))}")
    if facts:
        parts.append(" \u00b7 ".join(facts))
    evidence = _node_evidence(graph, node)
    if evidence:
        parts.append("evidence:" + _evidence_list(evidence))
    return "<br>".join(parts)


def _edge_tooltip(graph: nx.MultiDiGraph, u: str, v: str, predicate: str,
                  data: dict[str, Any]) -> str:
    e = html.escape
    head = (f"<b>{e(_node_label(graph, u))}</b> {e(predicate)} "
            f"<b>{e(_node_label(graph, v))}</b>")
    facts = [f"confidence: {_number(data.get('confidence')):.2f}"]
    if data.get("weight") is not None:
        facts.append(f"weight: {e(_text(data.get('weight')))}")
    if data.get("method"):
        facts.append(f"method: {e(_text(data.get('method')))}")
    parts = [head, " \u00b7 ".join(facts)]
    evidence = _unique_evidence(data.get("evidence") or ())[:_EDGE_EVIDENCE]
    if evidence:
        parts.append("evidence:" + _evidence_list(evidence))
    return "<br>".join(parts)


def _node_evidence(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str]]:
    """A few sentences from incident edges: typed and confident ones first."""
    ranked = []
    for u, v, key, data in (*graph.out_edges(node, keys=True, data=True),
                            *graph.in_edges(node, keys=True, data=True)):
        predicate = _text(data.get("predicate")) or _text(key)
        for essay, sentence in _unique_evidence(data.get("evidence") or ()):
            ranked.append((predicate == Predicate.RELATED_TO, -_number(data.get("confidence")),
                           predicate, u, v, essay, sentence))
    ranked.sort()
    return _unique_evidence({"essay": r[5], "sentence": r[6]} for r in ranked)[:_NODE_EVIDENCE]


def _unique_evidence(evidence: Any) -> list[tuple[str, str]]:
    out: dict[tuple[str, str], None] = {}
    for item in evidence:
        if not isinstance(item, dict):
            continue
        sentence = " ".join(_text(item.get("sentence")).split())
        if sentence:
            out.setdefault((_text(item.get("essay")), sentence), None)
    return list(out)


def _evidence_list(evidence: list[tuple[str, str]]) -> str:
    e = html.escape
    items = []
    for essay, sentence in evidence:
        clipped = sentence if len(sentence) <= _CLIP else sentence[:_CLIP - 1] + "\u2026"
        source = f' <span class="kg-dim">({e(essay)})</span>' if essay else ""
        items.append(f"<li>{e(clipped)}{source}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _defuse(fragment: str) -> str:
    """Keep pyvis off its "href in a title" template.

    pyvis switches to a popup that assigns ``title`` to ``innerHTML`` as soon
    as any node title contains the letters ``href`` (an essay sentence may).
    Writing the ``f`` as a character reference shows the same text.
    """
    return fragment.replace("href", "hre&#102;")


# --------------------------------------------------------------------- page

def _finish_page(page: str, graph: nx.MultiDiGraph) -> str:
    page = _CDN_LINK.sub("", page)
    page = _CDN_SCRIPT.sub("", page)
    page = _DEAD_COMMENT.sub("", page)
    page = _SOURCE_MAP.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    _check_self_contained(page)

    title = _text(graph.graph.get("title")) or "Knowledge graph"
    page = _insert_once(page, "<html>", "<!DOCTYPE html>\n<html>", before=False, replace=True)
    page = _insert_once(page, '<meta charset="utf-8">',
                        f"\n        <title>{html.escape(title)}</title>\n" + _PAGE_CSS)
    page = _insert_once(page, "<body>", "\n" + _header(graph, title))
    page = _insert_once(page, "</body>", _PAGE_SCRIPT, before=True)
    if not page.endswith("\n"):
        page += "\n"
    return page


def _check_self_contained(page: str) -> None:
    """Fail loudly if the page could load from the network or end its script early.

    The node and edge data are left out of the URL check: they are JSON
    inside a script, where essay text such as ``src=https://…`` is inert; but
    they must not contain a raw ``<`` (which could start ``</script>``).
    """
    for data in _DATA_SET.findall(page):
        if "<" in data:  # Jinja's tojson writes "<" as \u003c; never trust that silently
            raise RuntimeError("node/edge data would be inlined with a raw '<'; "
                               "kg.export.html does not support this Jinja version")
    template_part = _DATA_SET.sub("new vis.DataSet([]);", page)
    match = _EXTERNAL_URL.search(template_part)
    if match:
        context = template_part[max(match.start() - 60, 0):match.end() + 60]
        raise RuntimeError(f"pyvis page still references the network near {context!r}; "
                           "kg.export.html does not support this pyvis version")


def _header(graph: nx.MultiDiGraph, title: str) -> str:
    keys = []
    for name, (colour, shape) in [*TYPE_STYLE.items(), ("Other", _OTHER_STYLE)]:
        if name == "Other" and all(graph.nodes[n].get("type") in TYPE_STYLE for n in graph):
            continue
        keys.append(f'<span class="kg-key"><span class="kg-mark" style="color:{colour}">'
                    f"{_LEGEND_MARK[shape]}</span> {html.escape(str(name))}</span>")
    keys.append('<span class="kg-key"><span style="color:#555555">\u2014\u25b6</span> relation</span>')
    keys.append('<span class="kg-key"><span style="color:#BBBBBB">- - -</span> relatedTo</span>')
    counts = f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} relations"
    return (f'<div id="kg-header"><h1>{html.escape(title)}</h1>\n'
            f'<div id="kg-legend">{"".join(keys)}<span class="kg-key">{counts}</span></div></div>\n')


def _insert_once(page: str, anchor: str, text: str, *, before: bool = False,
                 replace: bool = False) -> str:
    """Insert `text` next to the first `anchor` (which pyvis's template must have)."""
    at = page.find(anchor)
    if at < 0:
        raise RuntimeError(f"pyvis page has no {anchor!r}; "
                           "kg.export.html does not support this pyvis version")
    if replace:
        return page[:at] + text + page[at + len(anchor):]
    if before:
        return page[:at] + text + page[at:]
    return page[:at + len(anchor)] + text + page[at + len(anchor):]


def _node_label(graph: nx.MultiDiGraph, node: str) -> str:
    return _text(graph.nodes[node].get("label")) or node


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except (TypeError, ValueError):
        return default
