"""Two report.json files -> are their discrepancies the same (id, kind, confidence, order)?

Why: a refactor must not change what the checker flags. Prints one line per difference and
exits 1 when there is any, 0 when every discrepancy matches in order.

Usage::

    python tools/compare_reports.py BEFORE/report.json AFTER/report.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FIELDS = ("id", "kind", "confidence", "story", "claim", "explanation", "signals")


def rows(path: Path) -> list[tuple]:
    report = json.loads(path.read_text(encoding="utf-8"))
    return [tuple(d.get(f) for f in FIELDS) + (d["a"]["sentence_id"], d["b"]["sentence_id"])
            for d in report["discrepancies"]]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    before, after = (rows(Path(p)) for p in argv)
    print(f"before: {len(before)} discrepancies; after: {len(after)}")
    differ = 0
    for i in range(max(len(before), len(after))):
        b = before[i] if i < len(before) else None
        a = after[i] if i < len(after) else None
        same = b == a
        differ += not same
        shown = b or a
        print(f"{i + 1:>3} {'same' if same else 'DIFFERS'}  {shown[0]}  {shown[1]:<13} {shown[2]}")
        if not same:
            print(f"      before: {b}\n      after:  {a}")
    print("identical (ids, kinds, confidences, stories, claims, explanations, NLI signals, sentences, order)" if not differ
          else f"{differ} rows differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
