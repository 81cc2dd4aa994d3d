"""Score extraction on the development essays (tests/data/dev), each built alone, as kgeval does.

    python benchmarks/dev_eval.py [--no-bundled-lexicon] [--set dev --set dev2] [-v]

Prints one line per text and the pooled score; with -v, the misses and extras.
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from kg.evaluate import REPORT_LISTS, build_alone, evaluate, per_text_lines, summary_line

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"


def _gold_files(name: str) -> list[Path]:
    """tests/data/<name>/gold/*.json, or for "gold" the real-text set tests/data/gold/*.json."""
    folder = ROOT / "tests" / "data" / name
    return sorted((folder if name == "gold" else folder / "gold").glob("*.json"))


def markdown_table(report: dict) -> str:
    rows = ["| text | entities P | R | F1 | relations P | R | F1 |", "|---|---|---|---|---|---|---|"]
    for name, part in [*report["per_text"].items(), ("**pooled**", report)]:
        e, r = part["entities"], part["relations"]
        rows.append(f"| {name} | {e['p']:.3f} | {e['r']:.3f} | {e['f1']:.3f} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} |")
    return "\n".join(rows)


def dev_pairs(workdir: Path, *, bundled: bool = True, sets: tuple[str, ...] = ("dev",)) -> list[tuple[Path, Path]]:
    """Build each development essay alone; (graph, gold) pairs."""
    golds = sorted(g for name in sets for g in _gold_files(name))
    return [(build_alone(ROOT / json.loads(gold.read_text(encoding="utf-8"))["text_file"], workdir / gold.stem,
                         bundled_lexicon=bundled), gold) for gold in golds]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-bundled-lexicon", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--set", action="append", dest="sets",
                    help="development set(s): dev, dev2, dev3 (tests/data/NAME/gold) or gold (the real texts)")
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table of per-text scores")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pairs = dev_pairs(Path(tmp), bundled=not args.no_bundled_lexicon, sets=tuple(args.sets or ["dev"]))
        report = evaluate(pairs)
        if args.markdown:
            print(markdown_table(report))
            return
        print("\n".join(per_text_lines(report)))
        if args.verbose:
            for key in REPORT_LISTS:
                print(f"{key}:")
                for line in report[key]:
                    print(f"  {line}")
        print("pooled:", summary_line(report))


if __name__ == "__main__":
    main()
