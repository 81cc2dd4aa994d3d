"""Score built graphs against gold annotations, by the rules of `../shared/gold/POLICY.md`.

The same rules as the project's outside scorer (kgeval 1.2), which this
module must agree with (a test runs both): an entity matches a gold entity
that shares a normalised name and accepts its type; a second prediction of a
matched entity is a false positive; optional entities count neither way;
relations match on both ends and an accepted predicate (competesWith either
way); `authorOf` is read from `schema:author`. Scores over several texts are
pooled by summing counts.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import InputError

SCORER = "kgeval 1.2"
TYPES = {"Person": "Person", "Organization": "Organization", "Place": "Place",
         "System": "System", "SoftwareApplication": "System"}
SCORED = {"memberOf", "worksAt", "leftOrganization", "developedBy", "partOf",
          "basedIn", "competesWith", "surpassed", "quotes", "authorOf"}
SYMMETRIC = {"competesWith"}
ESSAY = "<essay>"
SCHEMA_AUTHOR = {"https://schema.org/author", "http://schema.org/author"}
RDF_SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
                ".trig": "trig", ".nq": "nquads", ".rdf": "xml", ".xml": "xml"}
REPORT_LISTS = ("missed_entities", "extra_entities", "wrong_type", "missed_relations", "extra_relations")


def norm(name: str) -> str:
    """Names compare without case, width, spaces and - _ . · , ' " characters."""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    return re.sub(r"[\s\-_.·・,，'’\"]", "", text)


def _local(iri) -> str:
    return re.split(r"[#/]", str(iri))[-1]


@dataclass
class Predicted:
    entities: dict  # node -> (frozenset of types, set of names, display label)
    relations: set  # (node, predicate, node or ESSAY)


@dataclass
class Gold:
    names: dict  # key -> set of names
    types: dict  # key -> set of accepted types
    optional: set
    relations: list  # (subject key, frozenset of predicates, object key)
    neutral: set  # (subject key, object key) pairs that count neither way

    @property
    def order(self) -> list[str]:
        return sorted(self.names, key=lambda k: k in self.optional)


def read_predicted(path: Path) -> Predicted:
    from rdflib import RDF, RDFS, Graph
    from rdflib.namespace import SKOS

    graph = Graph()
    try:
        graph.parse(path, format=RDF_SUFFIXES.get(path.suffix))
    except Exception as exc:  # any parser error is the file's to fix
        raise InputError(f"{path}: cannot be read as RDF ({exc})") from None
    kinds: dict = {}
    for node, _, t in graph.triples((None, RDF.type, None)):
        if _local(t) in TYPES:
            kinds.setdefault(node, set()).add(TYPES[_local(t)])
    entities = {}
    for node, ks in kinds.items():
        labels = sorted(str(o) for o in graph.objects(node, RDFS.label))
        names = set(labels) | {str(o) for o in graph.objects(node, SKOS.altLabel)}
        entities[node] = (frozenset(ks), {norm(n) for n in names if norm(n)}, labels[0] if labels else str(node))
    relations = set()
    for s, p, o in graph:
        if s in entities and o in entities and _local(p) in SCORED:
            relations.add((s, _local(p), o))
        if str(p) in SCHEMA_AUTHOR and o in entities:
            relations.add((o, "authorOf", ESSAY))
    return Predicted(entities, relations)


def read_gold(path: Path, tag: str) -> Gold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot be read as gold JSON ({exc})") from None
    names, types, optional = {}, {}, set()
    listed = [(e, False) for e in data["entities"]] + [(e, True) for e in data.get("optional_entities", [])]
    for e, is_optional in listed:
        key = f"{tag}:{e['name']}"
        names[key] = {norm(e["name"])} | {norm(a) for a in e.get("aliases", [])}
        types[key] = {e["type"], *e.get("alt_types", [])}
        if is_optional:
            optional.add(key)
    by_name: dict[str, str] = {}
    for key in sorted(names, key=lambda k: k in optional):
        for n in names[key]:
            by_name.setdefault(n, key)

    def ends(r):
        s = by_name.get(norm(r["subject"]))
        o = ESSAY if r["predicate"] == "authorOf" else by_name.get(norm(r["object"]))
        if not s or not o:
            raise InputError(f"{path}: relation end not among its entities: {r['subject']} {r['predicate']} {r['object']}")
        return s, o

    relations, neutral = [], set()
    for r in data.get("relations", []):
        s, o = ends(r)
        rel = (s, frozenset({r["predicate"], *r.get("predicate_alternatives", [])}), o)
        if s in optional or o in optional:
            neutral.add((s, o))
        elif rel not in relations:
            relations.append(rel)
    for r in data.get("extra_relations", []):
        try:
            neutral.add(ends(r))
        except InputError:
            pass
    return Gold(names, types, optional, relations, neutral)


def _best_gold(names: set, kinds: frozenset, gold: Gold, matched: set) -> str | None:
    candidates = [k for k in gold.order if gold.names[k] & names]
    preferences = (lambda k: kinds <= gold.types[k] and k not in matched, lambda k: kinds <= gold.types[k],
                   lambda k: k not in matched, lambda k: True)
    for ok in preferences:
        for k in candidates:
            if ok(k):
                return k
    return None


def _name(key: str) -> str:
    return key if key == ESSAY else key.split(":", 1)[1] if key else "?"


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {p: {"tp": 0, "pred": 0, "gold": 0} for p in ("entities", "relations")})
    lists: dict = field(default_factory=lambda: {k: [] for k in REPORT_LISTS})

    def as_dict(self) -> dict:
        out = {k: list(v) for k, v in self.lists.items()}
        for part, c in self.counts.items():
            p = c["tp"] / c["pred"] if c["pred"] else 0.0
            r = c["tp"] / c["gold"] if c["gold"] else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            out[part] = {**c, "p": round(p, 3), "r": round(r, 3), "f1": round(f1, 3)}
        out["scorer"] = SCORER
        return out


def score_pair(graph: Path, gold_path: Path, tag: str = "0") -> Report:
    """Score one graph against the gold of the one text it was built from."""
    pred, gold = read_predicted(graph), read_gold(gold_path, tag)
    rep = Report()
    node_gold, matched, n_pred = {}, set(), 0
    for node, (kinds, names, label) in sorted(pred.entities.items(), key=lambda kv: (kv[1][2], str(kv[0]))):
        hit = _best_gold(names, kinds, gold, matched)
        node_gold[node] = hit
        if hit in gold.optional:
            continue
        n_pred += 1
        kind = "/".join(sorted(kinds))
        if hit is None:
            rep.lists["extra_entities"].append(f"{label} ({kind})")
        elif not kinds <= gold.types[hit]:
            rep.lists["wrong_type"].append(f"{label}: {kind}, gold {'/'.join(sorted(gold.types[hit]))}")
        elif hit in matched:
            rep.lists["extra_entities"].append(f"{label} ({kind}) duplicates {_name(hit)}")
        else:
            matched.add(hit)
    required = [k for k in gold.names if k not in gold.optional]
    rep.counts["entities"] = {"tp": len(matched), "pred": n_pred, "gold": len(required)}
    rep.lists["missed_entities"] = sorted(f"{_name(k)} ({'/'.join(sorted(gold.types[k]))})"
                                          for k in required if k not in matched)
    hits, n_pred_rel = set(), 0
    for s, p, o in sorted(pred.relations, key=str):
        gs, go = node_gold.get(s), (ESSAY if o == ESSAY else node_gold.get(o))
        found = [i for i, (a, ps, b) in enumerate(gold.relations)
                 if p in ps and ((a, b) == (gs, go) or (p in SYMMETRIC and (a, b) == (go, gs)))]
        if found:  # one predicted triple stands for one gold relation, the most specific it fits
            new = [i for i in found if i not in hits]
            if new:
                hits.add(min(new, key=lambda i: (len(gold.relations[i][1]), i)))
                n_pred_rel += 1
            continue
        if (gs, go) in gold.neutral or (go, gs) in gold.neutral or gs in gold.optional or go in gold.optional:
            continue
        n_pred_rel += 1
        o_label = ESSAY if o == ESSAY else pred.entities[o][2]
        rep.lists["extra_relations"].append(f"{pred.entities[s][2]} {p} {o_label}")
    rep.counts["relations"] = {"tp": len(hits), "pred": n_pred_rel, "gold": len(gold.relations)}
    rep.lists["missed_relations"] = sorted(f"{_name(a)} {'/'.join(sorted(ps))} {_name(b)}"
                                           for i, (a, ps, b) in enumerate(gold.relations) if i not in hits)
    return rep


def evaluate(pairs: list[tuple[Path, Path]]) -> dict:
    """Pool (graph, gold) pairs into one report (a dict, as `kgeval.py --json` prints it)."""
    total = Report()
    per_text = {}
    for i, (graph, gold) in enumerate(pairs):
        rep = score_pair(graph, gold, str(i))
        one = rep.as_dict()
        per_text[gold.stem] = {k: one[k] for k in ("entities", "relations")}
        for part in ("entities", "relations"):
            for k in ("tp", "pred", "gold"):
                total.counts[part][k] += rep.counts[part][k]
        for k in REPORT_LISTS:
            total.lists[k] += [f"[{gold.stem}] {x}" for x in rep.lists[k]] if len(pairs) > 1 else rep.lists[k]
    out = total.as_dict()
    out["per_text"] = per_text
    return out


ESSAY_SUFFIXES = (".txt", ".md", ".markdown", ".org", ".rst")


def build_alone(text: Path, workdir: Path, *, bundled_lexicon: bool = True) -> Path:
    """Build one essay file on its own (as gold is scored) and return its kg.ttl."""
    import shutil

    from kg.build import BuildOptions, build

    essays, out = workdir / "essays", workdir / "out"
    essays.mkdir(parents=True)
    shutil.copy(text, essays / text.name)
    build(BuildOptions(essays_dir=essays, out_dir=out, bundled_lexicon=bundled_lexicon, formats=("kg.ttl",)))
    return out / "kg.ttl"


def evaluate_files(pairs: list[tuple[Path, Path]], workdir: Path, *, bundled_lexicon: bool = True) -> dict:
    """Like `evaluate`, but a TEXT (an essay file) in place of a GRAPH is first built alone.

    Raises:
        InputError: a file that is neither RDF nor an essay.
    """
    graphs = []
    for i, (source, gold) in enumerate(pairs):
        if source.suffix in ESSAY_SUFFIXES:
            graphs.append((build_alone(source, workdir / str(i), bundled_lexicon=bundled_lexicon), gold))
        elif source.suffix in RDF_SUFFIXES:
            graphs.append((source, gold))
        else:
            raise InputError(f"{source}: neither an essay ({', '.join(ESSAY_SUFFIXES)}) nor an RDF graph "
                             f"({', '.join(sorted(RDF_SUFFIXES))})")
    return evaluate(graphs)


def per_text_lines(report: dict) -> list[str]:
    lines = []
    for name, part in report["per_text"].items():
        e, r = part["entities"], part["relations"]
        lines.append(f"{name}: entities P={e['p']:.3f} R={e['r']:.3f} F1={e['f1']:.3f}; "
                     f"relations P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f}")
    return lines


def summary_line(report: dict) -> str:
    e, r = report["entities"], report["relations"]
    return (f"entities P={e['p']:.3f} R={e['r']:.3f} F1={e['f1']:.3f} ({e['tp']}/{e['pred']} pred, {e['gold']} gold); "
            f"relations P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f} ({r['tp']}/{r['pred']} pred, {r['gold']} gold)")
