"""Paths -> Iterator[Article | Skipped].

A nightly run must survive whatever lands in the folder, so a bad file is not an exception:
it becomes a ``Skipped`` with a reason that names what is wrong, and the run goes on.
Formats: ``.txt`` / ``.md`` (optional YAML front-matter, or a leading ``date YYYY-MM-DD``),
and ``.jsonl`` / ``.jsonl.gz`` (one article per line: id, title, text, published, source).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from .records import Article, Skipped, as_date, content_hash, normalise_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# "date 2023-06-19" / "Date: 2023-06-19" at the very start of a file: a common export header.
_DATE_HEADER = re.compile(r"\A\s*(?:date|published)\s*:?\s*(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
# Full dates with a year: the latest one mentioned bounds the publication date from below.
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>(?:{_MONTHS})[a-z]*\.?)\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>(?:{_MONTHS})[a-z]*\.?),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\b",
    re.I,
)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand folders (recursively, sorted) into article files; report missing paths."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Skipped(str(path), "no such file or directory")
        elif path.is_dir():
            found = False
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if _is_article_file(child):
                    found = True
                    yield child
            if not found:
                yield Skipped(str(path), f"no .txt, .md or .jsonl files in this folder")
        elif _is_article_file(path):
            yield path
        else:
            yield Skipped(str(path), f"unsupported file type '{path.suffix}' (use .txt, .md or .jsonl)")


def _is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(TEXT_SUFFIXES) or name.endswith(JSONL_SUFFIXES)


def read_articles(paths: Iterable[str | Path], published: dict[str, str] | None = None) -> Iterator[Article | Skipped]:
    """Articles from files and folders; duplicates and unreadable files come out as Skipped.

    >>> [type(x).__name__ for x in read_articles(["no/such/dir"])]
    ['Skipped']
    """
    overrides = {k: _parse_date(v) for k, v in (published or {}).items()}
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        for result in _read_file(item):
            if isinstance(result, Skipped):
                yield result
                continue
            where = result.path or result.id
            if result.id in seen_ids:
                yield Skipped(where, f"duplicate article id '{result.id}' (already read from {seen_ids[result.id]})")
                continue
            text_key = content_hash(normalise_text(result.text), length=40)
            if text_key in seen_texts:
                yield Skipped(where, f"duplicate article: same text as {seen_texts[text_key]}")
                continue
            seen_ids[result.id] = where
            seen_texts[text_key] = where
            if result.id in overrides and overrides[result.id]:
                result = Article(id=result.id, text=result.text, title=result.title, source=result.source,
                                 published=overrides[result.id], published_inferred=False, path=result.path)
            yield result


def _read_file(path: Path) -> Iterator[Article | Skipped]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Skipped(str(path), f"cannot read ({exc.strerror or exc})")
        return
    if path.name.lower().endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            yield Skipped(str(path), f"not a valid gzip file ({exc})")
            return
    if not raw.strip():
        yield Skipped(str(path), "empty file")
        return
    if b"\x00" in raw[:8192]:
        yield Skipped(str(path), "binary file (contains NUL bytes), not text")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        yield Skipped(str(path), f"not UTF-8 (byte 0x{bad:02x} at offset {exc.start}); re-save the file as UTF-8")
        return
    if path.name.lower().endswith(JSONL_SUFFIXES):
        yield from _read_jsonl(path, text)
    else:
        yield from _read_text(path, text)


def _read_text(path: Path, text: str) -> Iterator[Article | Skipped]:
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
    stem = path.name.split(".")[0]
    yield from _make_article(
        where=str(path),
        article_id=str(meta.get("id") or stem),
        text=body,
        title=meta.get("title"),
        source=meta.get("source") or meta.get("outlet"),
        published=meta.get("published", meta.get("date")),
        path=str(path),
    )


def _read_jsonl(path: Path, text: str) -> Iterator[Article | Skipped]:
    stem = path.name.split(".")[0]
    found = False
    # Split on "\n" only: str.splitlines() also breaks at U+2028, \x1c and friends, which
    # may sit inside a JSON string of article text.
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{path}:{lineno}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"malformed JSON line ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(row, dict):
            yield Skipped(where, "JSON line is not an object with a 'text' field")
            continue
        if not isinstance(row.get("text"), str):
            yield Skipped(where, "no 'text' field (each line needs id, text and optionally title, published, source)")
            continue
        yield from _make_article(
            where=where,
            article_id=str(row.get("id") or f"{stem}:{lineno}"),
            text=row["text"],
            title=row.get("title") if isinstance(row.get("title"), str) else None,
            source=row.get("source") if isinstance(row.get("source"), str) else None,
            published=row.get("published") or row.get("date"),
            path=where,
        )
    if not found:
        yield Skipped(str(path), "no JSON lines in the file")


def _make_article(*, where: str, article_id: str, text: str, title: Any, source: Any, published: Any,
                  path: str) -> Iterator[Article | Skipped]:
    if not text.strip():
        yield Skipped(where, "article has no text")
        return
    if sum(ch.isalpha() for ch in text) < 0.2 * len(text.strip()):
        yield Skipped(where, "does not look like prose (too few letters)")
        return
    pub = _parse_date(published)
    inferred = False
    if pub is None:
        pub = infer_published(text)
        inferred = pub is not None
    yield Article(id=article_id, text=text, title=str(title).strip() if title else None,
                  source=str(source).strip() if source else None, published=pub,
                  published_inferred=inferred, path=path)


def _parse_date(value: Any) -> dt.date | None:
    """ISO dates directly; other written dates ("June 19, 2023") through dateparser."""
    found = as_date(value)
    if found is not None or not isinstance(value, str) or not value.strip():
        return found
    import dateparser

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


def infer_published(text: str) -> dt.date | None:
    """The latest fully written date (day, month, year) in the text, else None.

    An article cannot mention a dated event after its own publication (leaving aside
    scheduled ones), so the latest full date is the best lower bound the text offers.
    Callers mark the result as inferred and trust it less.
    """
    latest: dt.date | None = None
    for match in _FULL_DATE.finditer(text):
        try:
            if match.group("iso"):
                found = dt.date.fromisoformat(match.group("iso"))
            else:
                month_name = (match.group("m1") or match.group("m2")).rstrip(".").lower()[:3]
                month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(month_name) + 1
                day = int(match.group("d1") or match.group("d2"))
                year = int(match.group("y1") or match.group("y2"))
                found = dt.date(year, month, day)
        except ValueError:
            continue
        if latest is None or found > latest:
            latest = found
    return latest
