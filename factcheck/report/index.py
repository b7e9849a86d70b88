"""Batch runs -> index.md and index.json listing each corpus's report with its counts."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from ..common import atomic_write_text


def write_index(out_root: Path, runs: list[tuple[str, Path, dict]]) -> Path:
    rows = []
    for name, target, report in runs:
        items = report["discrepancies"]
        status = Counter(d.get("status", "new") for d in items)
        rows.append({
            "corpus": name,
            "report": os.path.relpath(target / "report.md", out_root),
            "articles": len(report["articles"]),
            "sentences": report["stats"].get("sentences", 0),
            "discrepancies": len(items),
            "new": status.get("new", 0),
            "open": status.get("open", 0),
            "confirmed": status.get("confirmed", 0),
            "skipped": len(report.get("skipped", [])),
        })
    lines = ["# Fact-consistency reports", "", "| corpus | articles | sentences | discrepancies | new | open | confirmed | skipped |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| [{r['corpus']}]({r['report']}) | {r['articles']} | {r['sentences']} | {r['discrepancies']} | "
                     f"{r['new']} | {r['open']} | {r['confirmed']} | {r['skipped']} |")
    atomic_write_text(out_root / "index.json", json.dumps({"version": 1, "corpora": rows}, indent=2) + "\n")
    return atomic_write_text(out_root / "index.md", "\n".join(lines) + "\n")
