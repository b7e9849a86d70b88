"""Values the extractor once read wrongly on news it was never tuned on, and the false flags they made.

Each case is a general reading rule: position words are bounds ("below 50 percent"), a figure with
"-some"/"-odd" is a range, one with "-plus" or "+" a lower bound, a number after a month's name is a day,
a since-claim's cue is not lent to a later clause, and a length in decades is stated only to the decade.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from factcheck.claim_signals import numbers_apart
from factcheck.claims_config import ClaimsConfig
from factcheck.extract.dates import find_dates
from factcheck.extract.elapsed import find_elapsed
from factcheck.extract.quantities import find_quantities
from factcheck.judge.fact_rules import AGREE, quantity_verdict
from factcheck.judge.rounding import ROUNDING_CONFIDENCE, coarse_unit_compatible
from factcheck.records import Fact, Kind, Quantity


def _fact(text: str) -> Fact:
    [mention] = find_quantities(text)
    kind = Kind.DURATION if mention.duration else Kind.NUMBER
    return Fact("s", kind, mention.start, mention.end, mention.text, mention.quantity, attrs=mention.attrs)


@pytest.mark.parametrize("text, low, high, surface", [
    ("Support falls below 50 percent.", 0, 50, "below 50 percent"),
    ("Turnout was well below 40 percent.", 0, 40, "well below 40 percent"),
    ("Prices rose above $3 a gallon.", 3, math.inf, "above $3"),
    ("Profits were in excess of $5 million.", 5e6, math.inf, "in excess of $5 million"),
    ("The deal is worth north of $2 billion.", 2e9, math.inf, "north of $2 billion"),
])
def test_position_words_are_bounds(text, low, high, surface):
    [mention] = find_quantities(text)
    assert (mention.quantity.low, mention.quantity.high, mention.text) == (low, high, surface)


def test_a_value_inside_the_others_bound_is_no_conflict():
    assert quantity_verdict(_fact("Support falls below 50 percent."), _fact("Support was 47%.")) == AGREE
    assert quantity_verdict(_fact("Support falls below 50 percent."), _fact("Support was 52%.")) not in (AGREE, None)


@pytest.mark.parametrize("text, value, unit, low, high", [
    ("The plume was rising 60-some miles high.", 60, "mile", 60, 69),
    ("He has 60-odd cousins.", 60, "cousin", 60, 69),
    ("Sixty-something protesters gathered.", 60, "protester", 60, 69),
    ("The 100-odd people came.", 100, "people", 100, 199),
    ("There were 30 odd people there.", 30, "people", 30, 39),
    ("There were 20-plus arrests.", 20, "arrest", 20, math.inf),
    ("There were 20+ arrests.", 20, "arrest", 20, math.inf),
    ("He will present his third $1 trillion+ package.", 1e12, "usd", 1e12, math.inf),
])
def test_some_and_odd_figures_are_ranges(text, value, unit, low, high):
    [mention] = find_quantities(text)
    q = mention.quantity
    assert (q.value, q.unit, q.low, q.high) == (value, unit, low, high)


def test_sixty_some_miles_agrees_with_about_66_miles():
    assert quantity_verdict(_fact("It was rising 60-some miles high."), _fact("It rose about 66 miles.")) == AGREE
    assert quantity_verdict(_fact("It was rising 60-some miles high."), _fact("It rose 75 miles.")) not in (AGREE, None)


def test_a_figure_with_a_plus_is_a_lower_bound():
    """"his third $1 trillion+ package" is over a trillion: about $4 trillion is within it, $900 billion not;
    a sum ("2+2 apples") is no bound."""
    plus = _fact("He will present his third $1 trillion+ package.")
    assert quantity_verdict(plus, _fact("It costs about $4 trillion.")) == AGREE
    assert quantity_verdict(plus, _fact("It costs $900 billion.")) not in (AGREE, None)
    [mention] = find_quantities("He had 2+2 apples.")
    assert (mention.text, mention.quantity.high) == ("2 apples", 2)


@pytest.mark.parametrize("text", [
    "Fifteen of the 19 Sept. 11 hijackers were Saudi.",
    "The Jan. 6 rioters were charged.",
    "The Jan 6 rioters were charged.",
    "The March 15 deadline passed.",
])
def test_a_number_after_a_month_is_a_day_not_a_count(text):
    assert not [m for m in find_quantities(text) if m.quantity.value in (6, 11, 15)]


def test_the_day_after_an_abbreviated_month_is_the_date_not_the_number_before_it():
    [date] = find_dates("Fifteen of the 19 Sept. 11 hijackers were Saudi.", published=dt.date(2021, 9, 10))
    assert date.text == "Sept. 11"
    [date] = find_dates("They met on 19 Sept 2020.", published=dt.date(2021, 9, 10))
    assert date.span.start == dt.date(2020, 9, 19)


def test_a_since_claim_does_not_take_a_later_clauses_period():
    text = ("It was the lowest level since the pandemic began, a sign that the labor market continued to "
            "improve in the past two months.")
    assert find_elapsed(text, published=dt.date(2021, 8, 20)) == []
    [claim] = find_elapsed("It was the lowest level since March 14, 2020.", published=dt.date(2021, 8, 20))
    assert claim.elapsed.previous.start == dt.date(2020, 3, 14)
    [claim] = find_elapsed("It was the first visit since Pompeo met Wang in October 2018.", published=dt.date(2021, 8, 20))
    assert claim.elapsed.previous.start == dt.date(2018, 10, 1)


@pytest.mark.parametrize("a, b, verdict", [
    ("They lifted a three-decade-old ban.", "They lifted a 32-year-old ban.", ROUNDING_CONFIDENCE),
    ("They ended half a century of rule.", "They ended 52 years of rule.", ROUNDING_CONFIDENCE),
    ("They repealed a century-old law.", "They repealed a 120-year-old law.", ROUNDING_CONFIDENCE),
])
def test_a_length_in_decades_is_stated_to_the_decade(a, b, verdict):
    assert quantity_verdict(_fact(a), _fact(b)) == verdict


def test_a_length_in_decades_that_does_not_round_still_conflicts():
    verdict = quantity_verdict(_fact("They lifted a three-decade-old ban."), _fact("They lifted a 36-year-old ban."))
    assert verdict not in (AGREE, ROUNDING_CONFIDENCE, None)
    assert not coarse_unit_compatible(Quantity(3, "decade", 3, 3), Quantity(36, "year", 36, 36))
    assert not coarse_unit_compatible(Quantity(3, "year", 3, 3), Quantity(32, "month", 32, 32))


def test_an_order_of_magnitude_is_measured_from_the_order_it_names():
    """"hundreds of thousands of files" and "100,000 files" are readings of one count (not too far
    apart to group); the judge then finds 100,000 too few for "hundreds of thousands"."""
    cfg = ClaimsConfig()
    vague = _fact("Israel had obtained hundreds of thousands of Iranian files.")
    exact = _fact("It said 100,000 files prove it.")
    assert not numbers_apart(vague, exact, 0.4, cfg)
    assert numbers_apart(vague, _fact("It said 40,000 files prove it."), 0.4, cfg)
    assert quantity_verdict(vague, exact) not in (AGREE, None)


def test_within_the_past_days_is_a_date_window_not_a_length():
    published = dt.date(2018, 4, 30)
    text = "The information was obtained within the past 10 days, officials said."
    [date] = find_dates(text, published=published)
    assert (date.text, date.span.start, date.span.end) == ("within the past 10 days", dt.date(2018, 4, 20), published)
    assert not [m for m in find_quantities(text, skip=[(date.start, date.end)]) if m.duration]


@pytest.mark.parametrize("text, value", [
    ("The last million cases were reported over a period of around 2 1/2 weeks.", 2.5),
    ("He served 5-3/4 years in prison.", 5.75),
    ("The climbers were trapped for 4 1 / 2 hours.", 4.5),  # tokenised copy (ECB+): read as "2 hours" before
])
def test_a_mixed_fraction_is_one_figure(text, value):
    durations = [m for m in find_quantities(text) if m.duration]
    assert [m.quantity.value for m in durations] == [value]


def test_a_score_or_an_odd_fraction_is_left_alone():
    """Counter-example: only the fractions of the table become decimals ("3 2/5" stays as written)."""
    from factcheck.extract._text import clean
    assert clean("They won 3 2/5 of the sets.") == "They won 3 2/5 of the sets."


def test_a_date_with_slashes_is_no_fraction():
    """Counter-example: "1/2/2020" stays a date, and the cleaned text keeps every offset."""
    from factcheck.extract._text import clean
    text = "He was sentenced on 1/2/2020 after 2 1/2 years."
    assert len(clean(text)) == len(text) and "1/2/2020" in clean(text)
    assert [(d.start, d.end) for d in find_dates(text, published=dt.date(2020, 3, 1))] == [(text.index("1/2/2020"),
                                                                                   text.index("1/2/2020") + 8)]


@pytest.mark.parametrize("text, low, high", [
    ("Its losses added up to $5m last year.", 5e6, 5e6),  # a total
    ("Its sales add up to 300 mln dlrs.", 3e8, 3e8),
    ("The repairs could cost up to $5m.", 0.0, 5e6),  # counter-example: a maximum
])
def test_added_up_to_is_a_total_not_a_maximum(text, low, high):
    quantity = _fact(text).value
    assert (quantity.low, quantity.high) == (low, high)
