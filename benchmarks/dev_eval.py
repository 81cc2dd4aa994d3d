"""Score extraction on the development essays (tests/data/dev), each built alone, as kgeval does.

    python benchmarks/dev_eval.py [--no-bundled-lexicon] [--set dev --set dev2] [-v]

Prints one line per text and the pooled score; with -v, the misses and extras.
"""
from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from kg.build import BuildOptions, build
from kg.evaluate import REPORT_LISTS, evaluate, summary_line

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "dev"


def dev_pairs(workdir: Path, *, bundled: bool = True, sets: tuple[str, ...] = ("dev",)) -> list[tuple[Path, Path]]:
    """Build each development essay alone; (graph, gold) pairs."""
    pairs = []
    golds = sorted(g for name in sets for g in (ROOT / "tests" / "data" / name / "gold").glob("*.json"))
    for gold in golds:
        text_file = ROOT / json.loads(gold.read_text(encoding="utf-8"))["text_file"]
        essays, out = workdir / gold.stem / "essays", workdir / gold.stem / "out"
        essays.mkdir(parents=True)
        shutil.copy(text_file, essays)
        build(BuildOptions(essays_dir=essays, out_dir=out, bundled_lexicon=bundled, formats=("kg.ttl",)))
        pairs.append((out / "kg.ttl", gold))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-bundled-lexicon", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--set", action="append", dest="sets", help="development set(s) under tests/data (default: dev)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pairs = dev_pairs(Path(tmp), bundled=not args.no_bundled_lexicon, sets=tuple(args.sets or ["dev"]))
        report = evaluate(pairs)
        for name, part in report["per_text"].items():
            e, r = part["entities"], part["relations"]
            print(f"{name:32} entities F1={e['f1']:.3f} ({e['tp']}/{e['pred']}/{e['gold']})  "
                  f"relations F1={r['f1']:.3f} ({r['tp']}/{r['pred']}/{r['gold']})")
        if args.verbose:
            for key in REPORT_LISTS:
                print(f"{key}:")
                for line in report[key]:
                    print(f"  {line}")
        print("pooled:", summary_line(report))


if __name__ == "__main__":
    main()
