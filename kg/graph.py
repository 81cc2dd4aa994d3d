"""The graph: entities as nodes, relations as edges (key = predicate), with PageRank."""
from __future__ import annotations

import networkx as nx

from kg.model import Entity, Predicate, Relation


def build_graph(entities: list[Entity], relations: list[Relation], *, title: str = "kg") -> nx.MultiDiGraph:
    """A MultiDiGraph of entities and relations; node attribute `pagerank` sizes nodes in the HTML.

    Example:
        >>> from kg.model import EntityType
        >>> g = build_graph([Entity("a", "A", EntityType.SYSTEM)], [])
        >>> round(g.nodes["a"]["pagerank"], 3)
        1.0
    """
    graph = nx.MultiDiGraph(title=title)
    for e in sorted(entities):
        graph.add_node(e.id, label=e.preferred or e.label, type=e.type.value,
                       aliases=sorted({e.label, *(t for _, t in e.labels), *e.aliases} - {e.preferred or e.label}),
                       wikidata=e.wikidata, essays=list(e.essays), mentions=e.mentions)
    for r in sorted(relations):
        graph.add_edge(r.subject, r.object, key=r.predicate.value, predicate=r.predicate.value,
                       weight=r.weight, confidence=r.confidence, method=r.method,
                       evidence=[{"essay": ev.essay, "sentence": ev.sentence, "start": ev.start, "end": ev.end}
                                 for ev in r.evidence])
    rank = pagerank(graph)
    nx.set_node_attributes(graph, rank, "pagerank")
    return graph


def pagerank(graph: nx.MultiDiGraph) -> dict[str, float]:
    """PageRank over an undirected view: typed relations weigh more than co-occurrence."""
    if graph.number_of_nodes() == 0:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for s, o, key, data in graph.edges(keys=True, data=True):
        w = data["weight"] * (1.0 if key == Predicate.RELATED_TO.value else 3.0)
        if simple.has_edge(s, o):
            simple[s][o]["weight"] += w
        else:
            simple.add_edge(s, o, weight=w)
    rank = nx.pagerank(simple, weight="weight")
    return {n: round(v, 6) for n, v in rank.items()}
