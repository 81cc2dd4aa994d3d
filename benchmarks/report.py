"""Regenerate the measured figures in benchmarks/README.md and tests/data/gold/README.md.

    python benchmarks/report.py
"""
from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed_time  # noqa: E402
from dev_eval import ROOT, dev_pairs, markdown_table  # noqa: E402

from kg.evaluate import evaluate  # noqa: E402

FIRST_SEEN = {  # the first scores of sets written apart from the rules, before any tuning on them
    "dev2": "entity F1 0.848, relation F1 0.400",
    "dev3": "entity F1 0.843, relation F1 0.457",
    "gold": "entity F1 0.496, relation F1 0.000 (the 7 README texts first committed)",
}


def scores(sets: tuple[str, ...], *, bundled: bool = True) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        return evaluate(dev_pairs(Path(tmp), bundled=bundled, sets=sets))


def pooled_row(name: str, report: dict) -> str:
    e, r = report["entities"], report["relations"]
    return f"| {name} | {e['p']:.3f} | {e['r']:.3f} | {e['f1']:.3f} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} |"


def main() -> None:
    timing = io.StringIO()
    with contextlib.redirect_stdout(timing):
        seed_time.main()
    rows = [pooled_row(label, scores(sets)) for label, sets in (
        ("dev: 6 essays written for tuning", ("dev",)),
        ("dev2: 5 essays written apart from the rules", ("dev2",)),
        ("dev3: 5 essays written apart from the rules", ("dev3",)),
        ("gold: the seed and 8 real README texts", ("gold",)),
    )]
    first = "\n".join(f"- {name}: {text}" for name, text in FIRST_SEEN.items())
    (ROOT / "benchmarks" / "README.md").write_text(f"""# Benchmarks

Measured on this project's machine (2 cores, Python 3.11), {dt.date.today().isoformat()}, by
`python benchmarks/report.py`.

## Seed essay build time

`benchmarks/seed_time.py` builds `essays/` (the seed essay) to a temporary folder, once cold and five
times with the pipeline loaded:

{timing.getvalue().strip()}

## Extraction quality, pooled per set

`python benchmarks/dev_eval.py --set NAME [--no-bundled-lexicon] [--markdown] [-v]` builds every text
of a set alone and scores it as `kgeval.py` does.

| set | entities P | R | F1 | relations P | R | F1 |
|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Scores of the sets when they were first measured, before any rule was tuned on them (the honest
estimate of texts the pipeline has not seen; all three were used for error analysis afterwards):

{first}
""", encoding="utf-8")
    gold = ROOT / "tests" / "data" / "gold" / "README.md"
    head = gold.read_text(encoding="utf-8").split("## Scores with the bundled lexicon")[0]
    gold.write_text(head + "## Scores with the bundled lexicon\n\n" + markdown_table(scores(("gold",))) +
                    "\n\n## Scores without the bundled lexicon (discovery alone)\n\n" +
                    markdown_table(scores(("gold",), bundled=False)) + "\n", encoding="utf-8")
    print(re.sub(r"\n+", "\n", "\n".join(rows)))


if __name__ == "__main__":
    main()
