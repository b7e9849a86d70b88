"""claims: counts of two articles published weeks apart are two times' figures unless their clauses date them."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims import ClaimsConfig, published_apart
from factcheck.records import Kind

from .helpers import claim_groups as _groups

APRIL, OCTOBER = dt.date(1987, 4, 7), dt.date(1987, 10, 19)


COMMITMENTS = [("a", "The exporters have commitments to export another 381,171 tonnes."),
               ("b", "The exporters have commitments to export another 388,390 tonnes.")]


def test_a_running_figure_months_apart_is_two_figures():
    assert _groups(COMMITMENTS, {"a": APRIL, "b": OCTOBER}) == []


def test_days_apart_it_is_one_claim():
    assert len(_groups(COMMITMENTS, {"a": APRIL, "b": APRIL + dt.timedelta(days=3)})) == 1


def test_undated_articles_are_not_told_apart():
    assert len(_groups(COMMITMENTS, {"a": None, "b": OCTOBER})) == 1


def test_the_limit_is_a_setting():
    assert len(_groups(COMMITMENTS, {"a": APRIL, "b": OCTOBER}, ClaimsConfig(figures_max_days_apart=365))) == 1


def test_counts_their_clauses_date_stay_one_claim_however_far_apart_the_articles():
    """Counter-example: a follow-up months later restating a dated toll is the same fact."""
    texts = [("a", "In 2004, an earthquake triggered a tsunami that killed 230,000 people."),
             ("b", "In 2004, an earthquake triggered a tsunami that killed 220,000 people.")]
    assert len(_groups(texts, {"a": dt.date(2005, 1, 10), "b": dt.date(2005, 6, 1)})) == 1


def test_near_identical_sentences_months_apart_are_no_claim_for_the_nli_model():
    texts = [("a", "Private exporters concluded advance weekly sales for 106,640 tonnes against 98,152 the week before."),
             ("b", "Private exporters concluded advance weekly sales for 22,086 tonnes against 44,483 the week before.")]
    assert _groups(texts, {"a": OCTOBER, "b": APRIL}, kind=None) == []
    assert _groups(texts, {"a": APRIL, "b": APRIL}, kind=None) != []


@pytest.mark.parametrize("a, b, apart", [
    (APRIL, OCTOBER, True), (APRIL, APRIL + dt.timedelta(days=30), False), (APRIL, APRIL + dt.timedelta(days=31), True),
    (None, OCTOBER, False), (None, None, False)])
def test_published_apart(a, b, apart):
    assert published_apart(a, b, 30) is apart


def test_a_date_the_story_stage_guessed_tells_no_two_times_apart():
    """Inferred publication days are guesses from the text: they do not make two figures two times' figures."""
    assert len(_groups(COMMITMENTS, {"a": APRIL, "b": OCTOBER}, inferred={"b"})) == 1


# --- figures of a period still running, dates of each article's own latest period ---------------------------------

THIS_YEAR = [("a", "The exporters have commitments to export another 381,171 tonnes this year."),
             ("b", "The exporters have commitments to export another 388,390 tonnes this year.")]


def test_figures_of_a_period_still_running_months_apart_are_two_days_figures():
    """"This year" in April and in October: a running figure, dated by its clause yet true of its day only."""
    assert _groups(THIS_YEAR, {"a": APRIL, "b": OCTOBER}) == []
    assert len(_groups(THIS_YEAR, {"a": APRIL, "b": APRIL + dt.timedelta(days=3)})) == 1  # one story's outlets
    assert len(_groups(THIS_YEAR, {"a": APRIL, "b": OCTOBER}, ClaimsConfig(running_periods_apart=False))) == 1


MARCH, JUNE = dt.date(1987, 3, 19), dt.date(1987, 6, 18)
YEAR_TO_DATE = [("a", "For the first two months of 1987, the balance of payments showed a surplus of 302 billion lire "
                      "against a deficit of 4,622 billion in the same 1986 period."),
                ("b", "For the first five months of 1987, the overall balance of payments showed a surplus of 299 billion "
                      "lire against a deficit of 2,854 billion in the corresponding 1986 period.")]


@pytest.mark.parametrize("kind", [Kind.NUMBER, Kind.DURATION])
def test_figures_stated_for_the_current_year_months_apart_are_two_days_figures(kind):
    """The year a figure is stated for ("of 1987") is the publication's own: the figure runs with it."""
    assert _groups(YEAR_TO_DATE, {"a": MARCH, "b": JUNE}, kind=kind) == []
    assert len(_groups(YEAR_TO_DATE, {"a": MARCH, "b": MARCH + dt.timedelta(days=2)}, kind=kind)) == 1

RELEASES = [("a", "Italy's overall balance of payments showed a surplus of 1,461 billion lire in February."),
            ("b", "Italy's overall balance of payments showed a deficit of 3,211 billion lire in May.")]


def test_each_articles_own_latest_period_months_apart_is_two_releases():
    """A monthly release of March (for February) and of June (for May): the same template, two periods."""
    assert _groups(RELEASES, {"a": MARCH, "b": JUNE}, kind=Kind.DATE) == []
    assert len(_groups(RELEASES, {"a": MARCH, "b": JUNE}, ClaimsConfig(own_periods_apart=False), kind=Kind.DATE)) == 1


@pytest.mark.parametrize("texts, published", [
    # one past event that the later article dates differently: its date is not of its own recent past
    ([("a", "The fire at the depot in January killed 12 people."),
      ("b", "The fire at the depot in February killed 12 people.")], {"a": MARCH, "b": JUNE}),
    # two outlets of one story, days apart: a misdated release is a disagreement
    (RELEASES, {"a": MARCH, "b": MARCH + dt.timedelta(days=2)}),
    # undated articles tell no two times apart
    (RELEASES, {"a": None, "b": JUNE}),
])
def test_dates_not_each_articles_own_latest_period_stay_one_claim(texts, published):
    assert len(_groups(texts, published, kind=Kind.DATE)) == 1
