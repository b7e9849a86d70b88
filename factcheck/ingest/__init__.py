"""Paths -> Iterator[Article | Skipped], whatever a newsroom's folder holds.

A nightly run must survive whatever lands in the folder, so a bad file is not an exception:
it becomes one ``Skipped`` with a reason that names what is wrong, and the run goes on.
Every format meets the same contract; one module per format family finds text and metadata:

* ``plain``   ``.txt`` / ``.md`` (optional YAML front-matter, or a leading ``date YYYY-MM-DD``)
* ``exports`` ``.jsonl`` / ``.csv`` / ``.json`` CMS exports, with a field map for other names
* ``web``     ``.html`` pages (trafilatura + htmldate) and ``.xml`` / ``.rss`` / ``.atom`` feeds
* ``office``  ``.docx`` (python-docx) and ``.pdf`` (pypdf)

Any of them may be gzipped (``.jsonl.gz``). A file of any other type in a folder is skipped
with a reason, like every other unusable file.
"""

from __future__ import annotations

import dataclasses
import gzip
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path

from ..records import Article, Skipped, content_hash, normalise_text
from ._common import describe, infer_published, parse_date
from .exports import CSV_SUFFIXES, JSON_SUFFIXES, JSONL_SUFFIXES, parse_fields, read_csv, read_json, read_jsonl
from .office import DOCX_SUFFIXES, PDF_SUFFIXES, read_docx, read_pdf
from .plain import SUFFIXES as TEXT_SUFFIXES
from .plain import read_plain
from .web import FEED_SUFFIXES, HTML_SUFFIXES, read_feed, read_html

__all__ = ["read_articles", "iter_files", "infer_published", "parse_fields", "SUFFIXES"]

Reader = Callable[[Path, bytes], Iterator[Article | Skipped]]
# What a suffix means, for a hint when a file is of none of these.
_HINTS = {".doc": "save it as .docx", ".zip": "unpack the archive first", ".rtf": "save it as .docx or .txt",
          ".odt": "save it as .docx", ".xlsx": "export the sheet as .csv", ".xls": "export the sheet as .csv"}


def _readers(fields: Mapping[str, str]) -> dict[str, Reader]:
    table: dict[str, Reader] = {}
    for suffixes, reader in ((TEXT_SUFFIXES, read_plain), (JSONL_SUFFIXES, partial(read_jsonl, fields=fields)),
                             (CSV_SUFFIXES, partial(read_csv, fields=fields)),
                             (JSON_SUFFIXES, partial(read_json, fields=fields)), (HTML_SUFFIXES, read_html),
                             (FEED_SUFFIXES, read_feed), (DOCX_SUFFIXES, read_docx), (PDF_SUFFIXES, read_pdf)):
        table.update(dict.fromkeys(suffixes, reader))
    return table


SUFFIXES = tuple(_readers({}))


def _suffix(path: Path) -> str:
    """'.jsonl' for wire.jsonl.gz: the format under an optional gzip layer."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Expand folders (recursively, sorted) into files; report missing paths and empty folders.

    Every file of a folder comes out (hidden ones aside), readable or not: a file no reader
    takes is skipped with its own warning, never dropped without a word.
    """
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Skipped(str(path), "no such file or directory")
        elif path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file()
                              and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not children:
                yield Skipped(str(path), "no files in this folder")
            yield from children
        else:
            yield path


def read_articles(paths: Iterable[str | Path], published: Mapping[str, str] | None = None,
                  fields: Mapping[str, str] | None = None) -> Iterator[Article | Skipped]:
    """Articles from files and folders; duplicates and unusable files come out as Skipped.

    ``fields`` maps record fields to a CMS export's names, e.g. ``{"text": "body"}`` (see parse_fields).

    >>> [type(x).__name__ for x in read_articles(["no/such/dir"])]
    ['Skipped']
    """
    overrides = {k: parse_date(v) for k, v in (published or {}).items()}
    readers = _readers(dict(fields or {}))
    seen_ids: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
            continue
        for result in _read_file(item, readers):
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
            if overrides.get(result.id):
                result = dataclasses.replace(result, published=overrides[result.id], published_inferred=False,
                                             digest="")  # digest="": recomputed for the new date
            yield result


def _read_file(path: Path, readers: Mapping[str, Reader]) -> Iterator[Article | Skipped]:
    suffix = _suffix(path)
    reader = readers.get(suffix)
    if reader is None:
        what = f"'{suffix}'" if suffix else "without a suffix"
        hint = _HINTS.get(suffix, "readable: " + " ".join(sorted(set(readers))))
        yield Skipped(str(path), f"unsupported file type {what} ({hint})")
        return
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
    try:
        yield from reader(path, raw)
    except Exception as exc:  # noqa: BLE001 - a parser's surprise costs this file, never the run
        yield Skipped(str(path), f"could not be read ({describe(exc)})")
