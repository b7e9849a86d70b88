"""Hedge words widen a figure by what its stated precision admits; opposite hedges of one figure conflict."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from factcheck.extract.dates import find_dates
from factcheck.extract.hedges import approximate_interval, meet_only_at_excluded_bound
from factcheck.extract.quantities import find_quantities
from factcheck.judge.fact_rules import AGREE, OPPOSITE_BOUNDS_CONFIDENCE, quantity_verdict
from factcheck.records import Fact, Kind


@pytest.mark.parametrize("value, mod, expected", [
    (3.6e9, "about", (3.528e9, 3.672e9)),  # stated to a tenth of a billion: 3.5 billion lies outside
    (60_000, "about", (55_000, 65_000)),  # one significant digit: half of 10,000 either side
    (15, "about", (14, 16)),  # a whole count: at least one either side
    (20, "about", (17, 23)),  # never wider than 15 %
    (6.5, "about", (6.37, 6.63)),  # at least 2 %
    (7, "nearly", (6.3, 7)),
    (300, "more than", (300, math.inf)),
    (20, "fewer than", (0, 20)),
    (42, "", (42, 42)),
])
def test_approximate_interval(value, mod, expected):
    low, high = approximate_interval(value, mod)
    assert low == pytest.approx(expected[0])
    assert high == pytest.approx(expected[1]) if math.isfinite(expected[1]) else math.isinf(high)


def _fact(text: str) -> Fact:
    [mention] = find_quantities(text)
    return Fact("s", Kind.NUMBER, mention.start, mention.end, mention.text, mention.quantity, attrs=mention.attrs)


@pytest.mark.parametrize("a, b, conflict", [
    ("They will use about $3.6 billion.", "They will use $3.5 billion.", True),
    ("They will use about $3.6 billion.", "They will use $3.62 billion.", False),  # counter-example: within the rounding
    ("It seized about 60,000 pages.", "It seized more than 60,000 pages.", False),  # compatible precision
    ("About 15 people died.", "Fourteen people died.", False),
    ("About 15 people died.", "Twelve people died.", True),
])
def test_about_widens_by_stated_precision(a, b, conflict):
    verdict = quantity_verdict(_fact(a), _fact(b))
    assert (verdict != AGREE) is conflict, verdict


def test_dozen_scales_the_figure():
    assert _fact("He has at least four dozen questions.").value.value == 48
    assert _fact("A dozen people were hurt.").value.value == 12
    assert _fact("He has 4 questions.").value.value == 4  # counter-example: no scale word


@pytest.mark.parametrize("a, b, verdict", [
    ("He has at least four dozen questions.", "He has almost four dozen questions.", OPPOSITE_BOUNDS_CONFIDENCE),
    ("He has more than 48 questions.", "He has fewer than 48 questions.", OPPOSITE_BOUNDS_CONFIDENCE),
    ("The talks lasted nearly seven hours.", "The talks lasted seven hours.", AGREE),  # one figure loosely put
    ("He has up to 48 questions.", "He has at least 48 questions.", AGREE),  # both admit 48
    ("He has almost 50 questions.", "He has more than 48 questions.", AGREE),  # 49 satisfies both
])
def test_opposite_hedges_of_one_figure(a, b, verdict):
    fa, fb = _fact(a), _fact(b)
    if fa.kind is not Kind.NUMBER or not fa.value.unit:
        pytest.skip("not read as a count")
    assert quantity_verdict(fa, fb) == verdict
    assert quantity_verdict(fb, fa) == verdict


def test_meet_only_at_excluded_bound_needs_both_hedged():
    assert meet_only_at_excluded_bound("almost", 43.2, 48, "at least", 48, math.inf)
    assert not meet_only_at_excluded_bound("almost", 43.2, 48, "", 48, 48)


@pytest.mark.parametrize("published, expected", [
    (dt.date(2016, 3, 25), "2016-03-21..2016-03-24"),  # Friday's paper: Monday to Thursday, not Friday itself
    (dt.date(2016, 3, 21), "2016-03-21"),  # Monday's paper: nothing earlier left in the week but Monday
])
def test_earlier_this_week_ends_before_publication(published, expected):
    [mention] = find_dates("The tabloid published a story earlier this week.", (), published)
    assert str(mention.span) == expected


def test_later_this_week_still_takes_in_the_day():
    [mention] = find_dates("They will meet later this week.", (), dt.date(2016, 3, 23))
    assert str(mention.span) == "2016-03-23..2016-03-27"


@pytest.mark.parametrize("mod_a, low_a, high_a, mod_b, low_b, high_b, expected", [
    ("more than", 400.0, math.inf, "more than", 400.0, math.inf, False),  # one bound twice: they agree
    ("more than", 540.0, math.inf, "at least", 400.0, math.inf, False),  # two lower bounds overlap
    ("almost", 43.2, 48.0, "at least", 48.0, math.inf, True),  # meet only at the bound "almost" leaves out
])
def test_open_ended_bounds_meet_only_where_they_say(mod_a, low_a, high_a, mod_b, low_b, high_b, expected):
    assert meet_only_at_excluded_bound(mod_a, low_a, high_a, mod_b, low_b, high_b) is expected


@pytest.mark.parametrize("a, b, shown", [
    # two milestones of a running total: floors, both true of a larger count (confidence 0.3 at most)
    ("The United States on Monday topped 6 million confirmed cases.",
     "The United States has surpassed 25 million confirmed cases.", False),
    ("Sales topped $2 billion last year.", "Sales were $2.3 billion last year.", False),  # agrees
    # counter-examples: a milestone above a plain figure, and "passed" (a count of what was passed)
    ("The toll surpassed 900 deaths on Friday.", "The toll stood at 850 deaths on Friday.", True),
    ("The House passed 300 bills this session.", "The House passed 250 bills this session.", True),
])
def test_a_milestone_verb_states_a_floor(a, b, shown):
    verdict = quantity_verdict(_fact(a), _fact(b))
    assert (verdict != AGREE and verdict >= 0.5) is shown, verdict
