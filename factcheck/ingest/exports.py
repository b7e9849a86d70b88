"""CMS exports -> Articles: JSON Lines, CSV and JSON arrays, with the export's own field names.

A CMS calls the text ``body`` and the date ``pub_date``; a field map (``text=body,published=pub_date``
or a small YAML file) says so once, and every record goes through the same Article rules.
Dotted names reach into nested JSON (``text=content.rendered``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..records import Article, Skipped
from ._common import decode_text, make_article

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
JSON_SUFFIXES = (".json",)
FIELDS = ("id", "text", "title", "published", "source", "url")  # what a field map may name
_FALLBACKS = {"published": ("date",)}  # used only while the map leaves the field at its own name
CSV_DELIMITERS = ",;\t|"


def parse_fields(spec: str | None) -> dict[str, str]:
    """``id=guid,text=body`` or a YAML file of ``field: column`` -> {field: column}; InputError when malformed.

    >>> parse_fields("id=guid, text=body,published=pub_date")
    {'id': 'guid', 'text': 'body', 'published': 'pub_date'}
    """
    if not spec or not spec.strip():
        return {}
    path = Path(spec)
    if path.suffix.lower() in (".yaml", ".yml") or (path.is_file() and "=" not in spec):
        if not path.is_file():
            raise InputError(f"--fields {spec}: no such file")
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as exc:
            raise InputError(f"--fields {spec}: not a YAML mapping of field: column ({str(exc).splitlines()[0]})") from exc
        if not isinstance(loaded, dict) or not all(isinstance(v, (str, int)) for v in loaded.values()):
            raise InputError(f"--fields {spec}: not a YAML mapping of field: column (e.g. 'text: body')")
        pairs = [(str(k).strip(), str(v).strip()) for k, v in loaded.items()]
    else:
        pairs = []
        for item in spec.split(","):
            field, sep, column = item.partition("=")
            if not sep or not field.strip() or not column.strip():
                raise InputError(f"--fields {item.strip()!r}: expected FIELD=COLUMN, e.g. text=body")
            pairs.append((field.strip(), column.strip()))
    unknown = [field for field, _ in pairs if field not in FIELDS]
    if unknown:
        raise InputError(f"--fields: unknown field '{unknown[0]}' (fields: {', '.join(FIELDS)})")
    return dict(pairs)


def _pick(row: Mapping[str, Any], name: str) -> Any:
    """row[name], or a dotted path into nested objects; None when absent or blank."""
    value: Any = row.get(name)
    if value is None and "." in name:
        value = row
        for part in name.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _field(row: Mapping[str, Any], fields: Mapping[str, str], key: str) -> Any:
    if key in fields:
        return _pick(row, fields[key])
    for name in (key, *_FALLBACKS.get(key, ())):
        value = _pick(row, name)
        if value is not None:
            return value
    return None


def _text_string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _row_article(row: Any, fields: Mapping[str, str], where: str, fallback_id: str) -> Iterator[Article | Skipped]:
    text_name = fields.get("text", "text")
    if not isinstance(row, dict):
        yield Skipped(where, f"not an object with a '{text_name}' field")
        return
    text = _field(row, fields, "text")
    if not isinstance(text, str):
        yield Skipped(where, f"no '{text_name}' field (each record needs id and text, optionally title, published, "
                             f"source; map other names with --fields)")
        return
    article_id = _field(row, fields, "id")
    yield from make_article(
        where=where,
        article_id=str(article_id) if article_id not in (None, "") else fallback_id,
        text=text,
        title=_text_string(_field(row, fields, "title")),
        source=_text_string(_field(row, fields, "source")),
        published=_field(row, fields, "published"),
        path=where,
        url=_text_string(_field(row, fields, "url")),
    )


def read_jsonl(path: Path, raw: bytes, fields: Mapping[str, str]) -> Iterator[Article | Skipped]:
    text = decode_text(raw, str(path))
    if isinstance(text, Skipped):
        yield text
        return
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
        yield from _row_article(row, fields, where, f"{stem}:{lineno}")
    if not found:
        yield Skipped(str(path), "no JSON lines in the file")


def read_json(path: Path, raw: bytes, fields: Mapping[str, str]) -> Iterator[Article | Skipped]:
    """A JSON array of article objects (what many CMS APIs return)."""
    text = decode_text(raw, str(path))
    if isinstance(text, Skipped):
        yield text
        return
    try:
        rows = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Skipped(str(path), f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    if not isinstance(rows, list) or not rows:
        yield Skipped(str(path), "not a JSON array of article objects (one article per line: use .jsonl)")
        return
    stem = path.name.split(".")[0]
    for index, row in enumerate(rows):
        yield from _row_article(row, fields, f"{path}[{index}]", f"{stem}:{index}")


def read_csv(path: Path, raw: bytes, fields: Mapping[str, str]) -> Iterator[Article | Skipped]:
    """A CSV (or TSV) export with a header row; the delimiter is sniffed from the header."""
    text = decode_text(raw, str(path))
    if isinstance(text, Skipped):
        yield text
        return
    header = text.lstrip().split("\n", 1)[0]
    try:
        dialect: Any = csv.Sniffer().sniff(header, delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel_tab if path.name.lower().endswith(".tsv") else csv.excel
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article bodies run past csv's 128 KB default
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    columns = [c for c in (reader.fieldnames or []) if c]
    text_name = fields.get("text", "text")
    if text_name not in columns:
        shown = ", ".join(columns[:8]) + (", …" if len(columns) > 8 else "")
        yield Skipped(str(path), f"no '{text_name}' column (columns: {shown or 'none'}); "
                                 f"name the text column with --fields text=COLUMN")
        return
    stem = path.name.split(".")[0]
    start = reader.line_num + 1
    try:
        for row in reader:
            yield from _row_article(row, fields, f"{path}:{start}", f"{stem}:{start}")
            start = reader.line_num + 1
    except csv.Error as exc:
        yield Skipped(f"{path}:{start}", f"malformed CSV ({exc}); rows after it were not read")
