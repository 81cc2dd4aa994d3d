"""Time to build the seed essay once the pipeline is loaded (issue: under 2 s), and the cold start.

    python benchmarks/seed_time.py   # prints a Markdown table; the figures go in benchmarks/README.md
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from kg.build import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent


def main(runs: int = 5) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        options = BuildOptions(essays_dir=ROOT / "essays", out_dir=Path(tmp))
        start = time.perf_counter()
        build(options)  # loads spaCy, jieba, the lexicon, the gazetteer
        cold = time.perf_counter() - start
        warm = []
        for _ in range(runs):
            start = time.perf_counter()
            build(options)
            warm.append(time.perf_counter() - start)
    print("| measure | seconds |\n|---|---|")
    print(f"| first build in a process (pipeline loading included) | {cold:.2f} |")
    print(f"| build after the pipeline is loaded, median of {runs} | {statistics.median(warm):.3f} |")
    print(f"| build after the pipeline is loaded, max of {runs} | {max(warm):.3f} |")


if __name__ == "__main__":
    main()
