"""Side: one sentence of a pair as the fact comparators see it.

Why its own module: ``facts`` builds Sides and the rule modules (``fact_rules``,
``fact_text_rules``) read them; with the type in the builder, builder and rules imported each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..records import Fact, Sentence


@dataclass(frozen=True)
class Side:
    """What one sentence is about: its sentence, facts, publication date and the names it mentions."""

    sentence: Sentence
    facts: tuple[Fact, ...]
    published: dt.date | None
    persons: frozenset[str]  # surname keys
    names: frozenset[str]
    places: frozenset[str]
    words: frozenset[str]
