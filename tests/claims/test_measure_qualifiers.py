"""A narrowed ("core", "excluding food and energy") figure, or one over another base period ("1-month" vs
"12-month"), is another measure of the same thing: not one claim with a plain figure. Counter-examples:
two core figures, two yearly figures, and a figure with no stated base are still compared.

Two more measures:

* A figure stated as a total ("totals", "bringing the total to", "in all") against a plain figure it
  exceeds: the plain one may be a part of it ("$1.8 trillion in new spending" / "together with an earlier
  plan totals around $4 trillion"). Counter-examples: two totals that differ are compared; a total and the
  same figure without the word agree; a plain figure larger than a total still contends with it.
* A consensus forecast of unnamed forecasters ("Analysts surveyed by Refinitiv expected 350,000") is no one's
  figure: it is compared with nothing, not even a near-identical sentence. Counter-examples: a named body's
  forecasts (the IMF, analysts at Goldman Sachs) are compared, and so are two actual figures, also when one
  is set against the forecast ("more than economists expected").
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claims import ClaimGrouper
from factcheck.claims_config import ClaimsConfig
from factcheck.extract import FactExtractor
from factcheck.claim_signals import fact_key
from factcheck.measure_qualifiers import measure_qualifiers, part_and_total, qualifiers_apart
from factcheck.records import Fact, Kind, Quantity, Sentence

PUBLISHED = dt.date(2021, 7, 13)


@pytest.fixture(scope="module")
def extractor():
    return FactExtractor()


def _links(extractor, texts, config=None):
    """(count and since-claim pairs by surface text, sentence pairs of the near-paraphrase groups) of one story."""
    sentences = [Sentence(Sentence.make_id(art, t), art, 0, 0, len(t), t) for art, t in texts]
    facts = extractor.extract_articles([([s], PUBLISHED) for s in sentences])
    vectors = np.ones((len(sentences), 2), dtype=np.float32) / np.sqrt(2)  # one topic: similarity is no help
    groups = ClaimGrouper(config).group(sentences, vectors, facts)
    by_key = {f"{f.sentence_id}:{f.start}:{f.end}": f.text for fs in facts.values() for f in fs}
    pairs = {tuple(sorted((by_key[x], by_key[y]))) for g in groups if g.kind in (Kind.NUMBER, Kind.SINCE)
             for x, y in g.pairs}
    return pairs, {pair for g in groups if g.kind is None for pair in g.pairs}


def _pairs(extractor, texts, config=None):
    return _links(extractor, texts, config)[0]


def _qualifiers(extractor, text):
    """Surface text of each count of a one-sentence article -> its qualifiers."""
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text)
    facts = extractor.extract([sentence], PUBLISHED)
    found = measure_qualifiers([sentence], facts)
    return {f.text: found.get(fact_key(f), frozenset()) for f in facts[sentence.id] if f.kind is Kind.NUMBER}


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


AVERAGE = ("a", "The U.S. has averaged 230,610 cases a day for the past week, health officials said.")
ONE_DAY = ("b", "There were 268,840 cases reported on Friday, higher than on any previous day, health officials said.")
GOAL = ("a", "The president suggested a goal of 1.5 million vaccinations a day, the White House said on Friday.")
DONE = ("b", "About 1.3 million vaccinations were given on his first full day, the White House said on Friday.")


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
    # two averages of one week
    ([AVERAGE, ("b", "The U.S. has averaged 250,100 cases a day over the past week, health officials said.")],
     ("230,610 cases", "250,100 cases")),
    # "the average price" is a named statistic outlets also give without the word
    ([("a", "The average price of a gallon of regular gasoline rose to $3.18 on Monday, AAA said."),
      ("b", "A gallon of regular gasoline rose to $3.38 on Monday, AAA said.")], ("$3.18", "$3.38")),
    # two outlets giving one goal differently
    ([GOAL, ("b", "The president suggested a goal of 1 million vaccinations a day, the White House said on Friday.")],
     ("1 million vaccinations", "1.5 million vaccinations")),
])
def test_one_measure_stated_two_ways_is_still_compared(extractor, texts, values):
    """Counter-examples: both core, both yearly, one base unstated, two averages, a named average, two goals:
    real disagreements stay one claim."""
    assert tuple(sorted(values)) in _pairs(extractor, texts)


@pytest.mark.parametrize("text, narrowed", [
    ("Consumer prices rose 5.4% in June; excluding food and energy, they rose 4.5%.", "4.5%"),
    ("Consumer prices rose 4.5% excluding food and energy; overall they rose 5.4%.", "4.5%"),
])
def test_an_exclusion_narrows_the_figure_of_its_own_clause(extractor, text, narrowed):
    assert _qualifiers(extractor, text) == {
        narrowed: frozenset({"narrowed"}), ({"4.5%", "5.4%"} - {narrowed}).pop(): frozenset()}


@pytest.mark.parametrize("qa, qb, apart", [
    (frozenset(), frozenset({"narrowed"}), True),
    (frozenset({"narrowed"}), frozenset({"narrowed"}), False),
    (frozenset({"base:month"}), frozenset({"base:year"}), True),
    (frozenset({"base:month"}), frozenset(), False),
    (frozenset({"base:month", "base:year"}), frozenset({"base:year"}), False),
    (frozenset({"consensus"}), frozenset(), True),
    (frozenset({"consensus"}), frozenset({"consensus"}), True),  # two polls' consensus figures: no one's to contradict
    (frozenset({"total"}), frozenset(), False),  # a total is told apart by its value (part_and_total)
])
def test_qualifiers_apart(qa, qb, apart):
    assert qualifiers_apart(qa, qb) is apart


PART = ("a", "The president asked Congress for $1.8 trillion in new spending on schools and childcare.")


@pytest.mark.parametrize("total, values", [
    (("b", "The new package, which together with an earlier jobs plan totals around $4 trillion, is his largest."),
     ("$1.8 trillion", "around $4 trillion")),
    (("b", "The president unveiled the plan, bringing the total spending he has proposed to about $6 trillion."),
     ("$1.8 trillion", "about $6 trillion")),
])
def test_a_part_and_a_total_are_not_one_claim(extractor, total, values):
    assert values not in _pairs(extractor, [PART, total])
    # the rule is what keeps them apart: near-paraphrases are otherwise linked whatever the ratio
    assert values in _pairs(extractor, [PART, total], ClaimsConfig(totals_apart=False))


@pytest.mark.parametrize("texts, values", [
    ([("a", "The agency released a total of 50,000 pages of records on Friday."),
      ("b", "The agency released a total of 55,000 pages of records on Friday.")], ("50,000 pages", "55,000 pages")),
    ([("a", "The agency released a total of 50,000 pages of records on Friday."),
      ("b", "The agency released 50,000 pages of records on Friday.")], ("50,000 pages", "50,000 pages")),
    ([("a", "The agency released a total of 50,000 pages of records on Friday."),
      ("b", "The agency released 58,000 pages of records on Friday.")], ("50,000 pages", "58,000 pages")),
])
def test_totals_and_a_figure_above_a_total_are_still_compared(extractor, texts, values):
    """Counter-examples: two totals; a total and the same figure; a plain figure a total cannot hold."""
    assert values in _pairs(extractor, texts)


def test_part_and_total_needs_the_total_to_be_larger():
    def fact(value: float) -> Fact:
        return Fact("s", Kind.NUMBER, 0, 1, "x", Quantity(value, "page", value, value))

    total = frozenset({"total"})
    assert part_and_total(fact(60_000), total, fact(50_000), frozenset(), 0.01)
    assert not part_and_total(fact(50_000), total, fact(58_000), frozenset(), 0.01)
    assert not part_and_total(fact(50_000), total, fact(50_000), frozenset(), 0.01)
    assert not part_and_total(fact(50_000), total, fact(55_000), total, 0.01)


@pytest.mark.parametrize("text, expected", [
    ("In all, police arrested 40 people over the weekend.", {"40 people": {"total"}}),
    ("Police arrested 40 people in all 50 states.", {"40 people": set(), "50 states": set()}),
    ("Shares of Total rose 2% on Tuesday.", {"2%": set()}),
    ("The refineries account for about 13% of the total U.S. refining capacity.", {"about 13%": set()}),
    ("Agents have made more than a million arrests so far this year.", {"more than a million arrests": {"total"}}),
    ("Combined with $1.4 billion for fencing, he would have about $8 billion in all for barriers.",
     {"$1.4 billion": set(), "about $8 billion": {"total"}}),
    ("She gave three speeches to the bank and was paid a total of $675,000 for them.",
     {"three speeches": set(), "$675,000": {"total"}}),
    ("The wall would rise 30 feet and reach so far underground that no one could tunnel under it.", {"30 feet": set()}),
    ("Altogether, 300 people were arrested over the weekend.", {"300 people": {"total"}}),
    ("Police made 300 arrests and then stopped altogether.", {"300 arrests": set()}),
    ("Analysts surveyed by Refinitiv expected a decline to 350,000 filings.", {"350,000 filings": {"consensus"}}),
    ("Economists polled by Reuters had forecast 350,000 claims for the week.", {"350,000 claims": {"consensus"}}),
    ("Claims rose to 373,000 claims, while economists had expected 350,000 claims.",
     {"373,000 claims": set(), "350,000 claims": {"consensus"}}),
    ("Claims rose to 373,000 claims last week, more than economists expected.", {"373,000 claims": set()}),
    ("Analysts at Goldman Sachs expected growth of 6% this year.", {"6%": set()}),
    ("The IMF projected growth of 5.9% this year.", {"5.9%": set()}),
])
def test_total_and_consensus_qualifiers(extractor, text, expected):
    found = _qualifiers(extractor, text)
    assert {k: set(v) for k, v in found.items() if k in expected} == expected


JOBLESS = [("a", "Analysts surveyed by Refinitiv expected a decline to 350,000 filings."),
           ("b", "Analysts surveyed by Refinitiv were expecting 680,000 filings.")]


def test_consensus_forecasts_of_unnamed_forecasters_are_not_one_claim(extractor):
    numbers, paraphrases = _links(extractor, JOBLESS)
    assert not numbers and not paraphrases  # neither as counts nor as near-identical sentences (the one-change rule)
    numbers, paraphrases = _links(extractor, JOBLESS, ClaimsConfig(consensus_apart=False))
    assert ("350,000 filings", "680,000 filings") in numbers and paraphrases


@pytest.mark.parametrize("texts, values", [
    ([("a", "The IMF expects global growth of 5.9% this year, it said on Tuesday."),
      ("b", "The IMF expects global growth of 6.2% this year, it said on Tuesday.")], ("5.9%", "6.2%")),
    ([("a", "Analysts at Goldman Sachs expected a decline to 350,000 filings."),
      ("b", "Analysts at Goldman Sachs were expecting 380,000 filings.")], ("350,000 filings", "380,000 filings")),
    ([("a", "Jobless claims rose to 350,000 filings last week, the Labor Department said."),
      ("b", "Jobless claims rose to 380,000 filings last week, the Labor Department said.")],
     ("350,000 filings", "380,000 filings")),
    ([("a", "Jobless claims rose to 373,000 filings last week, more than economists expected."),
      ("b", "Jobless claims rose to 380,000 filings last week, the Labor Department said.")],
     ("373,000 filings", "380,000 filings")),
])
def test_named_forecasts_and_actual_figures_are_still_compared(extractor, texts, values):
    """Counter-examples: a named forecaster's figures, and actual figures, are one claim."""
    assert values in _pairs(extractor, texts)


def test_the_markets_expectations_are_a_consensus(extractor):
    found = _qualifiers(extractor, "Employers added 379,000 jobs, above expectations of 210,000 new jobs.")
    assert "consensus" in found["210,000 new"] and "consensus" not in found["379,000 jobs"]
    # counter-example: someone's expectations are a named forecast
    found = _qualifiers(extractor, "Employers added 379,000 jobs, above the Fed's expectations of 210,000 new jobs.")
    assert "consensus" not in found["210,000 new"]


@pytest.mark.parametrize("texts, values", [
    ([AVERAGE, ONE_DAY], ("230,610 cases", "268,840 cases")),  # an average over a week / one day's count
    ([GOAL, DONE], ("1.5 million vaccinations", "About 1.3 million vaccinations")),  # a goal / a figure reached
])
def test_an_average_or_a_goal_and_a_plain_figure_are_not_one_claim(extractor, texts, values):
    assert values not in _pairs(extractor, texts)
    assert values in _pairs(extractor, texts, ClaimsConfig(qualifiers_apart=False))

