"""Report dict -> report.json text (the machine-readable contract; extend it, never break it)."""

from __future__ import annotations

import json


def render_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"
