"""JSON Lines news corpora for the benchmarks and the recall measurement: read, sample, write.

Its own module because both ``bench`` and ``recall`` use it (they imported each other before).
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

from ..common import read_jsonl
from ..errors import InputError
from .paths import NEWS_DIR

DEFAULT_CORPUS = NEWS_DIR / "reuters21578.jsonl.gz"


def read_rows(path: str | Path) -> list[dict]:
    """Rows of a (gzip) JSON Lines corpus file."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such corpus file (see ../shared/data/news/README.md)")
    return read_jsonl(path)


def sample_order(n_rows: int, seed: int = 0) -> list[int]:
    """A seeded permutation; samples are its prefixes, so 100 ⊂ 300 ⊂ 1000 (nested, comparable sizes)."""
    order = list(range(n_rows))
    random.Random(seed).shuffle(order)
    return order


def write_jsonl(rows: Sequence[dict], path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    keep = ("id", "title", "text", "published", "source")
    path.write_text("".join(json.dumps({k: r.get(k) for k in keep}) + "\n" for r in rows), encoding="utf-8")
    return path
