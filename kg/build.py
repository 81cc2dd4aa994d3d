"""`build`: essays in, graph files out. Orchestrates the stages; never prints."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import networkx as nx

from kg.discourse import document_relations
from kg.errors import InputError, KgError
from kg.extract import extract_mentions, sentence_docs
from kg.fsutil import atomic_write
from kg.graph import build_graph
from kg.ingest import essay_ids, find_essays, read_essay
from kg.lexicon import Lexicon, load_lexicon
from kg.link import Linked, link
from kg.model import BuildResult, Essay, EssayResult
from kg.model_ner import load_model, model_mentions
from kg.nlp import get_nlp
from kg.relate import extract_relations
from kg.settings import Settings, load_settings

OUTPUTS = ("kg.ttl", "kg.jsonld", "kg.html")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildOptions:
    """What to build: the folders, the output files, and the settings (kg.toml, KG_*, flags).

    Settings not given are read from `essays_dir/kg.toml` and the environment.
    """

    essays_dir: Path = Path("essays")
    out_dir: Path = Path("graphs")
    formats: tuple[str, ...] = field(default=OUTPUTS)
    settings: Settings | None = None
    lexicon_files: tuple[Path, ...] | None = None
    bundled_lexicon: bool | None = None
    base: str | None = None
    author: str | None = None
    model: str | None = None

    def resolved(self) -> Settings:
        if self.settings is not None:
            return self.settings
        return load_settings(self.essays_dir, lexicon=self.lexicon_files, bundled_lexicon=self.bundled_lexicon,
                             base=self.base, author=self.author, model=self.model)


def analyse(essay: Essay, lexicon: Lexicon, *, model: str | None = None) -> EssayResult:
    """Mentions and relation candidates of one essay (the per-essay, cacheable work).

    Args:
        essay: the essay.
        lexicon: the lexicon to match.
        model: a spaCy pipeline (package name or path) whose NER adds mentions.
    """
    nlp = get_nlp(lexicon, essay.language)
    docs = sentence_docs(essay, nlp)
    mentions = extract_mentions(essay, docs, lexicon)
    if model:
        mentions = sorted(set(mentions) | set(model_mentions(essay, model, mentions)))
    relations = []
    for sentence, doc in docs:
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        relations += extract_relations(essay, sentence, doc, inside, lexicon)
    relations += document_relations(essay, mentions)
    return EssayResult(essay, tuple(mentions), tuple(sorted(set(relations))))


def read_all(essays_dir: Path) -> tuple[list[Essay], list[tuple[str, str]]]:
    """Every essay under the folder, and the files that were skipped with why.

    Raises:
        KgError: the folder is missing or holds no essay.
    """
    if not essays_dir.is_dir():
        raise KgError(f"{essays_dir}: no such folder; pass the folder that holds your essays (kg build ESSAYS_DIR)")
    paths = find_essays(essays_dir)
    if not paths:
        raise KgError(f"{essays_dir}: no essays found (.txt, .md, .markdown, .org, .rst); add some or pass another folder")
    ids = essay_ids(paths, essays_dir)
    essays, skipped = [], []
    for path in paths:
        try:
            essays.append(read_essay(path, essays_dir, essay_id=ids[path]))
        except InputError as exc:
            skipped.append((str(path), str(exc)))
    return essays, skipped


def build(options: BuildOptions, *, progress: Progress | None = None) -> BuildResult:
    """Build the graph of a folder of essays and write its files to `options.out_dir`.

    Returns:
        What was built: essays, entities, relations, the files written and the files skipped.

    Raises:
        KgError: nothing could be built (missing or empty folder, bad lexicon); nothing is written.
    """
    essays, skipped = read_all(options.essays_dir)
    settings = options.resolved()
    lexicon = load_lexicon(settings.lexicon, bundled=settings.bundled_lexicon)
    if not essays:
        raise KgError(f"{options.essays_dir}: none of the essays could be read (see the messages above)")
    if settings.model:
        load_model(settings.model)  # a missing model stops the build before any work
    if settings.author:  # the default author signs the essays that name nobody
        essays = [e if e.author else replace(e, author=settings.author) for e in essays]
    results = []
    for essay in essays:
        if progress:
            progress(essay.path)
        results.append(analyse(essay, lexicon, model=settings.model))
    linked = link(results, lexicon)
    graph = build_graph(linked.entities, linked.relations, title=_title(options.essays_dir))
    outputs = write_outputs(options, settings, essays, linked, graph)
    return BuildResult(essays=essays, entities=linked.entities, relations=linked.relations,
                       outputs=outputs, skipped=skipped)


def _title(essays_dir: Path) -> str:
    return f"kg: {essays_dir.resolve().name}"


def write_outputs(options: BuildOptions, settings: Settings, essays: list[Essay], linked: Linked,
                  graph: nx.MultiDiGraph) -> list[str]:
    from kg.export import html, rdf

    written = []
    rdf_graph = None
    for name in options.formats:
        path = options.out_dir / name
        if name.endswith((".ttl", ".jsonld", ".nt")):
            if rdf_graph is None:
                rdf_graph = rdf.to_rdf(essays, linked.entities, linked.relations, base=settings.base,
                                       authors=linked.authors, mentions=linked.mentions)
            writer = {".ttl": rdf.write_turtle, ".jsonld": rdf.write_jsonld, ".nt": rdf.write_ntriples}[path.suffix]
            atomic_write(path, lambda stream, w=writer, g=rdf_graph: w(g, stream))
        elif name.endswith(".html"):
            atomic_write(path, lambda stream: html.write_html(graph, stream))
        else:
            raise KgError(f"unknown output {name!r}; choose from kg.ttl, kg.jsonld, kg.nt, kg.html")
        written.append(str(path))
    return written
