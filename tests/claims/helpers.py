"""Claim groups of a few hand-written sentences, every pair of sentences at cosine 1: the rule under test decides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence

import numpy as np

from factcheck.claims import ClaimGrouper, ClaimsConfig
from factcheck.extract import FactExtractor
from factcheck.records import ClaimGroup, Fact, Kind, Sentence


def claim_groups(sentences: Sequence[Sentence | tuple[str, str]], published: Mapping[str, dt.date | None] | None = None,
                 config: ClaimsConfig | None = None, kind: Kind | None = Kind.NUMBER, inferred: Collection[str] = ()
                 ) -> list[ClaimGroup]:
    """``sentences``: Sentence records or (article id, text) pairs; ``published``: article id -> day (None: undated),
    ``inferred`` the ids among them whose day was guessed. The groups of ``kind`` (None: the sentence-level groups
    for the NLI model)."""
    published = published or {}
    sentences = [s if isinstance(s, Sentence) else Sentence(Sentence.make_id(*s), s[0], 0, 0, len(s[1]), s[1])
                 for s in sentences]
    extractor = FactExtractor()
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], published.get(s.article_id)))
    vectors = np.ones((len(sentences), 2), dtype=np.float32) / np.sqrt(2)
    return [g for g in ClaimGrouper(config).group(sentences, vectors, facts, published, inferred) if g.kind is kind]


def reads_number_as(predicate: Callable[[Fact, str], bool], text: str) -> bool:
    """Whether ``predicate`` (``claim_lines.is_market_level``, ``is_coupon``) holds for a figure of the sentence."""
    return any(predicate(f, text) for f in facts_of(text, Kind.NUMBER))


def facts_of(text: str, kind: Kind, published: dt.date | None = None) -> list[Fact]:
    """The facts of ``kind`` the extractor reads in one sentence."""
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text)
    return [f for f in FactExtractor().extract([sentence], published)[sentence.id] if f.kind is kind]
