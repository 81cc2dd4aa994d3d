"""The `kg` command: a thin typer layer over `kg.build` and `kg.query`."""
from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from kg.errors import KgError, QueryError

app = typer.Typer(help="Build a knowledge graph of the people, organizations, systems and places in your essays.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
err = Console(stderr=True)
out = Console()

EXIT_ERROR, EXIT_USAGE, EXIT_SKIPPED = 1, 2, 3


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


def _fail(exc: KgError) -> typer.Exit:
    err.print(f"[red]Error:[/red] {exc}", highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(EXIT_USAGE if isinstance(exc, QueryError) else EXIT_ERROR)


@app.command()
def build(
    essays_dir: Annotated[Path, typer.Argument(help="Folder of essays (.txt, .md, .org, .rst), read recursively.")] = Path("essays"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for kg.ttl, kg.jsonld and kg.html.")] = Path("graphs"),
    lexicon: Annotated[list[Path] | None, typer.Option("--lexicon", help="A lexicon file of your own (YAML, same format as the bundled one); repeatable.")] = None,
    no_bundled_lexicon: Annotated[bool, typer.Option("--no-bundled-lexicon", help="Use only your own lexicon files.")] = False,
    base: Annotated[str | None, typer.Option("--base", help="Base IRI for entities and essays.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Author of the essays that name none (for 我 / I).")] = None,
    model: Annotated[str | None, typer.Option("--model", help="An installed spaCy pipeline (package or path) whose NER is added.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Build the graph of a folder of essays (default essays/ -> graphs/)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg.build import BuildOptions
    from kg.build import build as run_build
    from kg.ingest import find_essays
    from kg.lexicon import OTHER_KINDS

    if base is not None and not base.endswith(("/", "#")):
        raise typer.BadParameter("a base IRI ends with '/' or '#', e.g. https://example.org/kg/", param_hint="--base")
    options = BuildOptions(essays_dir=essays_dir, out_dir=out, lexicon_files=tuple(lexicon) if lexicon else None,
                           bundled_lexicon=False if no_bundled_lexicon else None, base=base, author=author, model=model)
    total = len(find_essays(essays_dir)) if essays_dir.is_dir() else 0
    try:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      console=err, disable=quiet, transient=True) as bar:
            task = bar.add_task("reading essays", total=total)
            result = run_build(options, progress=lambda name: bar.update(task, advance=1, description=name))
    except KgError as exc:
        raise _fail(exc) from None
    for _path, why in result.skipped:
        err.print(f"[yellow]skipped[/yellow] {why}", highlight=False)
    if not quiet:
        types = Counter(e.kind if e.kind in OTHER_KINDS else e.type.value for e in result.entities)
        preds = Counter(r.predicate.value for r in result.relations)
        typed = sum(n for p, n in preds.items() if p != "relatedTo")
        err.print(f"{len(result.essays)} essays, {len(result.entities)} entities "
                  f"({', '.join(f'{n} {t}' for t, n in sorted(types.items()))}), "
                  f"{typed} relations ({', '.join(f'{n} {p}' for p, n in sorted(preds.items()) if p != 'relatedTo')}), "
                  f"{preds.get('relatedTo', 0)} co-occurrences", highlight=False)
        err.print("wrote " + ", ".join(result.outputs), highlight=False)
    if result.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def query(
    query_or_file: Annotated[str, typer.Argument(help="A SPARQL query, or a .rq file. The prefixes schema, kg, rdfs, rdf, skos, owl, prov, xsd, wd are declared.")],
    graph: Annotated[Path, typer.Option("--graph", "-g", help="The RDF file to query.")] = Path("graphs/kg.ttl"),
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format for SELECT results.")] = OutputFormat.table,
) -> None:
    """Run a SPARQL query over a build (pyoxigraph)."""
    from kg.query import Table, load_store, read_query, select

    try:
        result = select(load_store(graph), read_query(query_or_file))
    except KgError as exc:
        raise _fail(exc) from None
    if isinstance(result, bool):
        print("true" if result else "false")
    elif isinstance(result, Table):
        _print_table(result, fmt)
    else:
        for s, p, o in result:
            print(f"{s} {p} {o} .")


@app.command("eval")
def eval_(
    files: Annotated[list[Path], typer.Argument(help="TEXT GOLD pairs: an essay file (built alone) or the RDF graph built from it, then its gold JSON.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole report as JSON (it names the scorer version).")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List misses and extras.")] = False,
    no_bundled_lexicon: Annotated[bool, typer.Option("--no-bundled-lexicon", help="Build texts without the bundled lexicon.")] = False,
) -> None:
    """Score texts against gold annotations: each text built alone, counts pooled, as kgeval does."""
    import tempfile

    from kg.evaluate import REPORT_LISTS, evaluate_files, per_text_lines, summary_line

    if len(files) % 2:
        raise typer.BadParameter("give TEXT GOLD pairs", param_hint="FILES")
    try:
        with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
            report = evaluate_files(list(zip(files[0::2], files[1::2])), Path(tmp),
                                    bundled_lexicon=not no_bundled_lexicon)
    except KgError as exc:
        raise _fail(exc) from None
    if as_json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
        return
    if verbose:
        for key in REPORT_LISTS:
            if report[key]:
                print(f"{key}:")
                for line in report[key]:
                    print(f"  {line}")
    if len(report["per_text"]) > 1:
        print("\n".join(per_text_lines(report)))
    print(summary_line(report))


def _print_table(table, fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        rows = [{c: v for c, v in zip(table.columns, row) if v is not None} for row in table.rows]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif fmt in (OutputFormat.csv, OutputFormat.tsv):
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="," if fmt is OutputFormat.csv else "\t", lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([["" if v is None else v for v in row] for row in table.rows])
        sys.stdout.write(buf.getvalue())
    else:
        rich_table = RichTable(*table.columns)
        for row in table.rows:
            rich_table.add_row(*["" if v is None else v for v in row])
        out.print(rich_table)
        err.print(f"{len(table.rows)} rows", highlight=False)


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
