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


def dev_pairs(workdir: Path, *, bundled: bool = True, sets: tuple[str, ...] = ("dev",)) -> list[tuple[Path, Path]]:
    """Build each development essay alone; (graph, gold) pairs."""
    golds = sorted(g for name in sets for g in (ROOT / "tests" / "data" / name / "gold").glob("*.json"))
    return [(build_alone(ROOT / json.loads(gold.read_text(encoding="utf-8"))["text_file"], workdir / gold.stem,
                         bundled_lexicon=bundled), gold) for gold in golds]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-bundled-lexicon", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--set", action="append", dest="sets", help="development set(s) under tests/data (default: dev)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pairs = dev_pairs(Path(tmp), bundled=not args.no_bundled_lexicon, sets=tuple(args.sets or ["dev"]))
        report = evaluate(pairs)
        print("\n".join(per_text_lines(report)))
        if args.verbose:
            for key in REPORT_LISTS:
                print(f"{key}:")
                for line in report[key]:
                    print(f"  {line}")
        print("pooled:", summary_line(report))


if __name__ == "__main__":
    main()
