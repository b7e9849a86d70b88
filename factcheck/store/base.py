"""What every part of the store shares: statuses, decisions, the review-conflict error, and helpers.

Split from the store by responsibility (``core``: opening, migrating, locking, runs; ``caches``;
``reviews``); these import only records-level modules.
"""

from __future__ import annotations

import functools
import getpass
import sqlite3
from typing import Any, Callable, TypeVar

from factcheck.common import replace_file, utc_now
from factcheck.errors import StoreError


class ReviewConflict(StoreError):
    """Another reviewer decided on the same discrepancy after this reviewer's page was loaded."""


# Stored statuses; "new" is derived: open and first seen by the corpus's latest recorded run.
STATUSES = ("new", "open", "confirmed", "dismissed", "retired")
DECISIONS = ("confirmed", "dismissed", "open")  # "open" undoes a review
DECISION_WORDS = {"confirmed": "confirmed", "dismissed": "dismissed", "open": "reopened"}
BUSY_TIMEOUT_MS = 10_000

T = TypeVar("T")


_now = utc_now


def default_reviewer() -> str:
    """Who made a decision when nobody said: the OS user (``--reviewer`` overrides it)."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in a bare container
        return "unknown"


def _sql_errors(method: Callable[..., T]) -> Callable[..., T]:
    """Turn sqlite3 errors into one-line StoreErrors that name the db and say what to do."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> T:  # self: a Store
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    return wrapper


_replace_file = replace_file
