"""SPARQL over a build, on pyoxigraph (rdflib's own engine is far too slow on large graphs)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, QueryError
from kg.export.rdf import PREFIXES

FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
           ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".rdf": ox.RdfFormat.RDF_XML}
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


@dataclass(frozen=True)
class Table:
    """A SELECT result: column names and rows of plain strings (None where unbound)."""

    columns: list[str]
    rows: list[list[str | None]]


def load_store(graph: Path) -> ox.Store:
    """An in-memory pyoxigraph store holding the RDF file `graph`.

    Raises:
        InputError: the file is missing or is not RDF it can read.
    """
    if not graph.is_file():
        raise InputError(f"{graph}: no such graph file; run `kg build` first or pass --graph FILE")
    fmt = FORMATS.get(graph.suffix)
    if fmt is None:
        raise InputError(f"{graph}: unknown RDF format; use one of {', '.join(sorted(FORMATS))}")
    store = ox.Store()
    try:
        store.load(path=str(graph), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"{graph}: cannot be read as RDF ({exc})") from None
    return store


def read_query(query_or_file: str) -> str:
    """The query text: the argument itself, or the contents of the `.rq` file it names."""
    path = Path(query_or_file)
    if query_or_file.endswith((".rq", ".sparql")) or ("{" not in query_or_file and path.is_file()):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: cannot read the query ({exc.strerror})") from None
    return query_or_file


def run_query(store: ox.Store, query: str):
    """Run a query with the project prefixes declared; returns pyoxigraph's result object.

    Raises:
        QueryError: the query does not parse (the message gives the position).
    """
    prologue_lines = PROLOGUE.count("\n")
    try:
        return store.query(PROLOGUE + query)
    except SyntaxError as exc:
        message = str(exc)
        # report positions in the user's query, not in the prologue we added
        message = re.sub(r"(\d+):(\d+)", lambda m: f"{int(m[1]) - prologue_lines}:{m[2]}", message, count=1)
        raise QueryError(f"bad SPARQL: {message}") from None


def term_text(term) -> str | None:
    if term is None:
        return None
    return term.value if hasattr(term, "value") else str(term)


def select(store: ox.Store, query: str) -> Table | bool | list[tuple[str, str, str]]:
    """A SELECT as a Table, an ASK as a bool, a CONSTRUCT/DESCRIBE as (s, p, o) strings."""
    result = run_query(store, query)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        columns = [v.value for v in result.variables]
        rows = [[term_text(solution[c]) for c in columns] for solution in result]
        return Table(columns, rows)
    return [(str(t.subject), str(t.predicate), str(t.object)) for t in result]
