"""A narrowed ("core", "excluding food and energy") figure, or one over another base period ("1-month" vs
"12-month"), is another measure of the same thing: not one claim with a plain figure. Counter-examples:
two core figures, two yearly figures, and a figure with no stated base are still compared."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claims import ClaimGrouper
from factcheck.claims_config import ClaimsConfig
from factcheck.extract import FactExtractor
from factcheck.claim_signals import fact_key
from factcheck.measure_qualifiers import measure_qualifiers, qualifiers_apart
from factcheck.records import Kind, Sentence

PUBLISHED = dt.date(2021, 7, 13)


@pytest.fixture(scope="module")
def extractor():
    return FactExtractor()


def _pairs(extractor, texts, config=None):
    sentences = [Sentence(Sentence.make_id(art, t), art, 0, 0, len(t), t) for art, t in texts]
    facts = extractor.extract_articles([([s], PUBLISHED) for s in sentences])
    vectors = np.ones((len(sentences), 2), dtype=np.float32) / np.sqrt(2)  # one topic: similarity is no help
    groups = ClaimGrouper(config).group(sentences, vectors, facts)
    by_key = {f"{f.sentence_id}:{f.start}:{f.end}": f.text for fs in facts.values() for f in fs}
    return {tuple(sorted((by_key[x], by_key[y]))) for g in groups if g.kind in (Kind.NUMBER, Kind.SINCE)
            for x, y in g.pairs}


PLAIN = ("a", "From March to April, consumer prices increased 0.8 percent, the Labor Department said.")
CORE = ("b", "The 0.9 percent consumer price increase from March, controlling for food and energy prices, "
             "is the largest in decades.")
MONTH = ("a", "The price hike in June marked the largest 1-month spike since June 2008.")
YEAR = ("b", "Consumer prices in June rose 5.4% over the past year, the sharpest 12-month inflation spike since "
             "August 2008.")


@pytest.mark.parametrize("texts, values", [
    ([PLAIN, CORE], ("0.8 percent", "0.9 percent")),
    ([MONTH, YEAR], ("largest 1-month spike since June 2008", "sharpest 12-month inflation spike since August 2008")),
])
def test_two_measures_are_not_one_claim(extractor, texts, values):
    assert tuple(sorted(values)) not in _pairs(extractor, texts)
    # the rule is what keeps them apart: without it the same sentences are one claim
    assert tuple(sorted(values)) in _pairs(extractor, texts, ClaimsConfig(qualifiers_apart=False))


@pytest.mark.parametrize("texts, values", [
    ([("a", "Core consumer prices rose 0.7 percent in June from May, the Labor Department said."),
      ("b", "Core consumer prices rose 0.9 percent in June from May, the government said.")],
     ("0.7 percent", "0.9 percent")),
    ([("a", "Consumer prices rose 5.4% from a year earlier in June, the Labor Department said."),
      ("b", "Consumer prices rose 5.0% over the past year in June, the Labor Department said.")],
     ("5.0%", "5.4%")),
    ([("a", "Consumer prices rose 5.4% in June, the Labor Department said."),
      ("b", "Consumer prices rose 5.0% from a year earlier in June, the government said.")],
     ("5.0%", "5.4%")),
])
def test_one_measure_stated_two_ways_is_still_compared(extractor, texts, values):
    """Counter-examples: both core, both yearly, or one base unstated: real disagreements stay one claim."""
    assert tuple(sorted(values)) in _pairs(extractor, texts)


@pytest.mark.parametrize("text, narrowed", [
    ("Consumer prices rose 5.4% in June; excluding food and energy, they rose 4.5%.", "4.5%"),
    ("Consumer prices rose 4.5% excluding food and energy; overall they rose 5.4%.", "4.5%"),
])
def test_an_exclusion_narrows_the_figure_of_its_own_clause(extractor, text, narrowed):
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text)
    facts = extractor.extract([sentence], PUBLISHED)
    found = measure_qualifiers([sentence], facts)
    assert {f.text: found.get(fact_key(f), frozenset()) for f in facts[sentence.id] if f.kind is Kind.NUMBER} == {
        narrowed: frozenset({"narrowed"}), ({"4.5%", "5.4%"} - {narrowed}).pop(): frozenset()}


@pytest.mark.parametrize("qa, qb, apart", [
    (frozenset(), frozenset({"narrowed"}), True),
    (frozenset({"narrowed"}), frozenset({"narrowed"}), False),
    (frozenset({"base:month"}), frozenset({"base:year"}), True),
    (frozenset({"base:month"}), frozenset(), False),
    (frozenset({"base:month", "base:year"}), frozenset({"base:year"}), False),
])
def test_qualifiers_apart(qa, qb, apart):
    assert qualifiers_apart(qa, qb) is apart
