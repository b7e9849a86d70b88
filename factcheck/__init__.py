"""factcheck: find where news articles about the same story disagree on facts.

>>> import factcheck                                                   # doctest: +SKIP
>>> result = factcheck.check(["seeds/"], settings=factcheck.Settings(nli_model=None))  # doctest: +SKIP
>>> result.discrepancies[0].kind                                       # doctest: +SKIP
<Kind.DATE: 'date'>
"""

from __future__ import annotations

from .errors import FactcheckError, InputError, ModelError, StoreError
from .records import (
    Article,
    CandidatePair,
    DateSpan,
    Discrepancy,
    Elapsed,
    Entity,
    Fact,
    FactAttrs,
    Kind,
    Prospect,
    Quantity,
    Quote,
    Role,
    Sentence,
    Skipped,
)
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    # entry points
    "check",
    "Settings",
    # records flowing between stages
    "Article", "Sentence", "Entity", "Fact", "FactAttrs", "CandidatePair", "Discrepancy", "Skipped", "Kind",
    # typed fact values
    "DateSpan", "Quantity", "Role", "Quote", "Elapsed", "Prospect",
    # errors
    "FactcheckError", "InputError", "ModelError", "StoreError",
]


def check(corpus, settings: Settings | None = None, out=None, store=None):
    """Check a corpus (files/folders) end to end; returns a RunResult (report dict + discrepancies)."""
    from .pipeline import run

    return run(corpus, settings=settings, out=out, store=store)
