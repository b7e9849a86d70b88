"""Wall time per stage of one cold `factcheck run` on the demo corpus, model loading included.

Each repeat is a fresh process, so imports and model loads count the way an editor's
nightly run pays for them. Prints a table and the NLI pairs scored against all
cross-article pairs (what exhaustive judging would cost).

    python -m factcheck.tools.bench_demo seeds/ --repeats 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 20.0


def _one_run(corpus: str) -> dict:
    """Runs in the child: the whole job from imports to written reports."""
    start = time.perf_counter()
    from factcheck.pipeline import Checker
    from factcheck.settings import Settings

    imported = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        result = Checker(Settings(quiet=True)).run([corpus], out=out)
    stats = result.stats
    return {"wall": time.perf_counter() - start, "import": imported - start, "seconds": stats["seconds"],
            "nli_pairs": stats["nli_pairs"], "nli_directions": stats.get("nli_directions_scored", 0),
            "candidate_pairs": stats["candidate_pairs"], "exhaustive_pairs": stats["exhaustive_pairs"],
            "sentences": stats["sentences"], "discrepancies": stats["discrepancies"], "nli_model": result.report["nli_model"]}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="seeds")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_one_run(args.corpus)))
        return
    runs = []
    for _ in range(args.repeats):
        done = subprocess.run([sys.executable, "-m", "factcheck.tools.bench_demo", args.corpus, "--child"],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    stages = list(runs[0]["seconds"])
    print(f"factcheck run {args.corpus}: {args.repeats} cold runs (fresh process each), NLI model {runs[0]['nli_model']}")
    print(f"{'stage':<10} {'mean s':>8} {'sd':>6}")
    rows = [("import", [r["import"] for r in runs])] + [(s, [r["seconds"][s] for r in runs]) for s in stages]
    rows.append(("total", [r["wall"] for r in runs]))
    for name, values in rows:
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        print(f"{name:<10} {statistics.mean(values):>8.2f} {sd:>6.2f}")
    r = runs[0]
    share = r["nli_pairs"] / r["exhaustive_pairs"] if r["exhaustive_pairs"] else 0.0
    print(f"sentences {r['sentences']}, candidate pairs {r['candidate_pairs']:,}, NLI pairs {r['nli_pairs']:,} "
          f"({r['nli_directions']:,} directions) of {r['exhaustive_pairs']:,} cross-article pairs ({share:.1%}); "
          f"discrepancies {r['discrepancies']}")
    mean_wall = statistics.mean(x["wall"] for x in runs)
    verdict = "meets" if mean_wall <= TARGET_SECONDS else f"misses by {mean_wall - TARGET_SECONDS:.1f} s"
    print(f"end to end {mean_wall:.1f} s against the {TARGET_SECONDS:.0f} s target: {verdict}")


if __name__ == "__main__":
    main()
