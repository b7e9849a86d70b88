"""``.txt`` / ``.md`` -> Article: optional YAML front-matter, or a leading ``date YYYY-MM-DD`` line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..records import Article, Skipped
from ._common import decode_text, make_article

SUFFIXES = (".txt", ".md", ".markdown")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# "date 2023-06-19" / "Date: 2023-06-19" at the very start of a file: a common export header.
_DATE_HEADER = re.compile(r"\A\s*(?:date|published)\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)


def read_plain(path: Path, raw: bytes) -> Iterator[Article | Skipped]:
    text = decode_text(raw, str(path))
    if isinstance(text, Skipped):
        yield text
        return
    meta: dict[str, Any] = {}
    body = text
    match = _FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            problem = str(exc).splitlines()[0]
            yield Skipped(str(path), f"malformed front-matter ({problem})")
            return
        if isinstance(loaded, dict):
            meta = loaded
            body = text[match.end():]
    else:
        header = _DATE_HEADER.match(text)
        if header:
            meta["date"] = header.group(1)
            body = text[header.end():]
    yield from make_article(
        where=str(path),
        article_id=str(meta.get("id") or path.name.split(".")[0]),
        text=body,
        title=meta.get("title"),
        source=meta.get("source") or meta.get("outlet"),
        published=meta.get("published", meta.get("date")),
        path=str(path),
        url=meta.get("url"),
    )
