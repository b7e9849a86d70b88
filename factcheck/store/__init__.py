"""SQLite store under the nightly workflow: caches, runs, stories and editors' review decisions.

``core`` opens, migrates and locks the file and keeps runs; ``caches``, ``reviews`` and
``factcheck.store_stories`` add their tables' methods to ``Store``; ``migrations`` is the
schema; ``codec`` writes records as JSON.
"""

from __future__ import annotations

from .base import DECISION_WORDS, DECISIONS, STATUSES, ReviewConflict, default_reviewer
from .core import Store
from .migrations import MIGRATIONS, SCHEMA_VERSION

__all__ = ["DECISIONS", "DECISION_WORDS", "MIGRATIONS", "SCHEMA_VERSION", "STATUSES", "ReviewConflict", "Store",
           "default_reviewer"]
