"""Shared fixtures: few, small, and built by the tests themselves (no network, no GPU)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _write_corpus(root: Path, articles: dict[str, str | dict | list[dict]]) -> Path:
    """name -> text (.txt/.md), or a dict/list of dicts (.jsonl lines)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in articles.items():
        path = root / name
        if isinstance(content, (dict, list)):
            rows = content if isinstance(content, list) else [content]
            path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def make_corpus(tmp_path):
    """make_corpus({"a.txt": "...", "b.jsonl": [{...}]}) -> folder with those articles."""
    counter = iter(range(1000))

    def make(articles: dict, name: str | None = None) -> Path:
        return _write_corpus(tmp_path / (name or f"corpus{next(counter)}"), articles)

    return make
