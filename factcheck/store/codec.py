"""Records <-> JSON text for the store: sentences, facts and discrepancies saved as JSON, not pickles.

Why: a pickle ties the store to the Python classes that wrote it (a renamed field or module and
the rows no longer load) and loading one runs code. JSON is readable by any tool. The encoding
is tagged so that a record comes back equal, with its types: ``{"$": "Fact", ...}`` for a record
of ``factcheck.records``, ``{"$kind": "date"}``, ``{"$date": "2023-02-05"}``, ``{"$tuple": [...]}``,
``{"$set": [...]}``; numpy scalars become plain numbers. A record with fields its class lacks
(written by a newer factcheck, or a subclass) comes back with them, readable with ``getattr``.

>>> from factcheck.records import DateSpan
>>> span = DateSpan(dt.date(2023, 2, 5), dt.date(2023, 2, 6))
>>> loads(dumps(span)) == span
True
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
from enum import Enum
from typing import Any

from .. import records

# Every record class a stored value may hold, by name (records.py's frozen dataclasses).
RECORDS = {name: obj for name, obj in vars(records).items()
           if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == records.__name__}


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return {"$kind": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # A subclass with more fields (a newer record) is stored as its known record plus those fields.
        known = next((c for c in type(value).__mro__ if RECORDS.get(c.__name__) is c), None)
        if known is None:
            raise TypeError(f"cannot store a {type(value).__name__}: not a record of factcheck.records")
        out: dict[str, Any] = {"$": known.__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, tuple):
        return {"$tuple": [_encode(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"$set": sorted((_encode(v) for v in value), key=repr)}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {"$dict": {k: _encode(v) for k, v in value.items()}}
        return {"$pairs": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    raise TypeError(f"cannot store a {type(value).__name__} as JSON")


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    if "$" in value:
        cls = RECORDS[value["$"]]
        fields = {k: _decode(v) for k, v in value.items() if k != "$"}
        extra = tuple(sorted(set(fields) - {f.name for f in dataclasses.fields(cls)}))
        return (_with_fields(cls, extra) if extra else cls)(**fields)
    if "$kind" in value:
        return records.Kind(value["$kind"])
    if "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    if "$tuple" in value:
        return tuple(_decode(v) for v in value["$tuple"])
    if "$set" in value:
        return frozenset(_decode(v) for v in value["$set"])
    if "$dict" in value:
        return {k: _decode(v) for k, v in value["$dict"].items()}
    if "$pairs" in value:
        return {_decode(k): _decode(v) for k, v in value["$pairs"]}
    raise ValueError(f"unknown stored value {sorted(value)[:3]}")


@functools.lru_cache(maxsize=None)
def _with_fields(cls: type, extra: tuple[str, ...]) -> type:
    """``cls`` plus fields a newer factcheck stored (read with getattr, e.g. a record's ``story``)."""
    return dataclasses.make_dataclass(cls.__name__, [(name, Any, dataclasses.field(default=None)) for name in extra],
                                      bases=(cls,), frozen=True)


def dumps(value: Any) -> str:
    """JSON text of records, lists, dicts, dates, tuples and sets of them."""
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """The value ``dumps`` wrote, with its record types; ValueError/KeyError/TypeError on anything else."""
    return _decode(json.loads(text))
