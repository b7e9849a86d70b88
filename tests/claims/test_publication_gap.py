"""claims: counts of two articles published weeks apart are two times' figures unless their clauses date them."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claims import ClaimsConfig, published_apart

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
