"""Counts stated for two different periods ("last season" / "this season", "fiscal 2019" / "fiscal 2020") are
not one claim; counts of one period, or of one stated and one unstated period, still are."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claim_signals import stated_periods_apart
from factcheck.claims import ClaimGrouper, ClaimsConfig
from factcheck.extract import FactExtractor
from factcheck.extract.stated_periods import count_period, period_phrases
from factcheck.records import Kind, Sentence

CFG = ClaimsConfig()
FRAME = CFG.period_same_frame_days


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)


def _periods(text: str, published: dt.date | None = None) -> dict[str, tuple | None]:
    """Each count's text -> its stated period, with the parse."""
    s = _sentence("a", text)
    facts = FactExtractor().extract([s], published)[s.id]
    return {f.text: f.attrs.get("period") for f in facts if f.kind in (Kind.NUMBER, Kind.DURATION)}


def _count_groups(texts, published=None):
    """Claim groups of counts for (article, text) pairs, every sentence alike (cosine 1)."""
    published = published or {}
    extractor = FactExtractor()
    sentences = [_sentence(art, t) for art, t in texts]
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], published.get(s.article_id)))
    vectors = np.ones((len(sentences), 2), dtype=np.float32) / np.sqrt(2)
    groups = ClaimGrouper().group(sentences, vectors, facts, published)
    return [g for g in groups if g.kind in (Kind.NUMBER, Kind.DURATION)]


# --- reading the period a count is stated for ----------------------------------------------------

@pytest.mark.parametrize("text, count, period", [
    ("Last season it was Thomas that led the Saints in rushing, posting 793 total yards in 14 games.", "14 games",
     ("season", "rel", -1)),
    ("But he missed 10 total games this season and had only 269 yards and two touchdowns on 83 carries.",
     "269 yards", ("season", "rel", 0)),
    ("Through 14 games in the 2008 season, Bush had 404 yards and two touchdowns on 106 carries.", "404 yards",
     ("season", "abs", 2008)),
    ("Through 14 games in the 2008 season, Bush had 404 yards and two touchdowns on 106 carries.", "14 games",
     ("season", "abs", 2008)),
    ("Of his 11 touchdowns this year, eight have come since the start of Week 11.", "11 touchdowns",
     ("year", "rel", 0)),
    ("The company earned $1.2 billion in fiscal 2019.", "$1.2 billion", ("fiscal", "abs", 2019)),
    ("The deficit for the 2019 budget year rose to $984 billion.", "$984 billion", ("fiscal", "abs", 2019)),
    ("Revenue rose to $3.2 billion in the first quarter.", "$3.2 billion", ("quarter", "ord", 1)),
    ("Obama cut taxes by $200 billion in his first term.", "$200 billion", ("term", "ord", 1)),
    ("The team won 12 games in 2009.", "12 games", ("year", "abs", 2009)),
    ("Sales fell 3% this month after rising 2% last month.", "2%", ("month", "rel", -1)),
])
def test_the_period_the_counts_clause_names(text, count, period):
    assert _periods(text)[count] == period


@pytest.mark.parametrize("text, count", [
    # Another time phrase is nearer the count: "a year earlier" counts from fiscal 2019, not from publication.
    ("The company earned $1.2 billion in fiscal 2019, up from $900 million a year earlier.", "$900 million"),
    # A relative clause on another noun dates that noun: the count is Sunday's.
    ("Thomas, who was injured last season, rushed for 120 yards on Sunday.", "120 yards"),
    # "his last season" is his final one, not the one before this.
    ("The Saints went to the playoffs in his last season, when he had 700 yards.", "700 yards"),
    # A year that bounds the count is not the period it counts.
    ("The measures aim to save $40 billion through 2012.", "$40 billion"),
    # The report is dated, not what it reports.
    ("He said last week that 2,000 jobs were cut.", "2,000 jobs"),
])
def test_no_period_when_the_count_is_not_dated_from_publication(text, count):
    assert _periods(text)[count] is None


def test_anaphoric_periods_are_read_as_no_period():
    assert [p for _, _, p in period_phrases("up from 300 the previous season")] == [None]
    assert [p for _, _, p in period_phrases("the 2008-09 season")] == [("season", "abs", 2008)]


def test_without_a_parse_only_a_sentences_single_period_counts():
    text = "Last season he had 793 yards; this season, 269 yards."
    assert count_period("Last season he had 793 yards.", 19, 28, None) == ("season", "rel", -1)
    assert count_period(text, 19, 28, None) is None


# --- comparing two stated periods ---------------------------------------------------------------

JAN_2011, JUN_2010, JUN_2021 = dt.date(2011, 1, 5), dt.date(2010, 6, 1), dt.date(2021, 6, 1)


@pytest.mark.parametrize("pa, pb, pub_a, pub_b", [
    (("season", "rel", -1), ("season", "rel", 0), None, None),  # "last season" / "this season", undated
    (("season", "rel", -1), ("season", "rel", 0), JAN_2011, JAN_2011),
    (("season", "abs", 2008), ("season", "rel", 0), JUN_2010, JUN_2010),  # "the 2008 season" / "this season" in 2010
    (("season", "abs", 2008), ("year", "rel", 0), None, JUN_2010),  # ... / "this year" in 2010
    (("year", "rel", -1), ("year", "rel", 0), None, None),
    (("month", "rel", -1), ("month", "rel", 0), JUN_2021, JUN_2021),
    (("fiscal", "abs", 2019), ("fiscal", "abs", 2020), None, None),
    (("quarter", "ord", 1), ("quarter", "ord", 2), None, None),
    (("term", "ord", 1), ("term", "ord", 2), None, None),
    (("year", "rel", -1), ("year", "abs", 2019), JUN_2021, None),  # "last year" in 2021 is 2020
])
def test_known_different_periods_are_apart(pa, pb, pub_a, pub_b):
    assert stated_periods_apart(pa, pb, pub_a, pub_b, FRAME)
    assert stated_periods_apart(pb, pa, pub_b, pub_a, FRAME)


@pytest.mark.parametrize("pa, pb, pub_a, pub_b", [
    (("season", "rel", 0), ("season", "rel", 0), None, None),  # both "this season": a real disagreement
    (("season", "rel", -1), None, None, None),  # a period and none: unknown
    (("year", "rel", -1), ("year", "abs", 2020), JUN_2021, None),  # "last year" in 2021 / "in 2020": one year
    (("season", "abs", 2008), ("season", "rel", 0), None, None),  # "this season" of an undated article: unknown
    (("season", "abs", 2010), ("season", "rel", -1), JAN_2011, None),  # in January the 2010 season may be "last"
    (("season", "rel", -1), ("season", "rel", 0), dt.date(2011, 6, 1), dt.date(2010, 6, 1)),  # a year apart: one
    (("year", "rel", 0), ("year", "rel", -1), dt.date(2020, 12, 30), dt.date(2021, 1, 2)),  # 2020 both
    (("quarter", "ord", 1), ("year", "abs", 2019), None, None),  # units that do not compare
    (("season", "ord", 1), ("season", "rel", -1), None, None),
])
def test_unknown_or_equal_periods_are_not_apart(pa, pb, pub_a, pub_b):
    assert not stated_periods_apart(pa, pb, pub_a, pub_b, FRAME)
    assert not stated_periods_apart(pb, pa, pub_b, pub_a, FRAME)


# --- the claims stage -----------------------------------------------------------------------------

def test_counts_of_last_season_and_this_season_are_two_claims():
    groups = _count_groups([
        ("a", "Last season Thomas led the Saints in rushing, posting 793 yards."),
        ("b", "Thomas had only 716 yards this season.")])
    assert not groups


def test_a_named_season_and_this_season_in_a_later_article_are_two_claims():
    texts = [("a", "In the 2008 season, Bush had 404 yards."), ("b", "Bush had 440 yards this season.")]
    assert not _count_groups(texts, {"a": JUN_2010, "b": JUN_2010})
    # Counter-example: undated, "this season" may be the 2008 season.
    assert len(_count_groups(texts)) == 1


def test_fiscal_years_and_quarters_keep_counts_apart():
    assert not _count_groups([("a", "The company earned $1.2 billion in fiscal 2019."),
                              ("b", "The company earned $1.3 billion in fiscal 2020.")])
    assert not _count_groups([("a", "Revenue rose to $3.2 billion in the first quarter."),
                              ("b", "Revenue rose to $3.3 billion in the second quarter.")])


@pytest.mark.parametrize("texts, published", [
    # Two outlets both saying "this season" with different numbers: a real disagreement.
    ([("a", "Thomas had only 269 yards this season."), ("b", "Thomas had only 296 yards this season.")], {}),
    # A count with a stated period and one without: unknown, linked as before.
    ([("a", "Thomas had only 269 yards this season."), ("b", "Thomas had only 296 yards.")], {}),
    # "last year" in an article of 2021 and "in 2020": one period.
    ([("a", "The company earned $1.2 billion last year."), ("b", "The company earned $1.3 billion in 2020.")],
     {"a": JUN_2021, "b": JUN_2021}),
])
def test_counts_of_one_period_or_an_unstated_one_stay_one_claim(texts, published):
    groups = _count_groups(texts, published)
    assert len(groups) == 1 and len(groups[0].members) == 2


def test_the_rule_can_be_switched_off():
    sentences = [_sentence("a", "Thomas had 793 yards last season."),
                 _sentence("b", "Thomas had 716 yards this season.")]
    extractor = FactExtractor()
    facts = {k: v for s in sentences for k, v in extractor.extract([s]).items()}
    vectors = np.ones((2, 2), dtype=np.float32) / np.sqrt(2)

    def counts(grouper: ClaimGrouper) -> list:
        return [g for g in grouper.group(sentences, vectors, facts) if g.kind is Kind.NUMBER]

    assert not counts(ClaimGrouper())
    assert len(counts(ClaimGrouper(ClaimsConfig(stated_periods_apart=False)))) == 1
