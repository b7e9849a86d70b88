"""A round figure against the precise one it rounds is compatible precision, not a disagreement."""

from __future__ import annotations

import pytest

from factcheck.judge.fact_rules import quantity_verdict
from factcheck.judge.rounding import ROUNDING_CONFIDENCE, last_digit_unit, rounding_compatible
from factcheck.records import Fact, Kind, Quantity


@pytest.mark.parametrize("value, unit", [(43e6, 1e6), (716e9, 1e9), (3.6e9, 1e8), (35.72, 0.01), (140_937_785, 1.0)])
def test_last_significant_digit(value, unit):
    assert last_digit_unit(value) == pytest.approx(unit)


@pytest.mark.parametrize("a, b, compatible", [
    (43e6, 43_885_310, True),  # cut to the million, 2 % off
    (15e6, 14_959_450, True),  # rounded
    (700e9, 716e9, True),
    (139e6, 140_937_785, False),  # 140.9 million neither rounds nor cuts to 139
    (5.6e9, 5.7e9, False),  # the same precision: two different figures
    (700e9, 750e9, False),  # cut, but 7 % off
    (10, 13, False),  # small exact counts are not rounded figures
    (750e9, 800e9, False),  # half-way: stated on purpose, rounds to neither
])
def test_rounding_compatible(a, b, compatible):
    assert rounding_compatible(a, b) is compatible


def _number(value: float) -> Fact:
    return Fact("s", Kind.NUMBER, 0, 5, f"{value:g}", Quantity(value, "usd", value, value), attrs={})


def test_a_round_figure_of_a_precise_one_gets_low_confidence_only():
    assert quantity_verdict(_number(43e6), _number(43_885_310)) == ROUNDING_CONFIDENCE
    assert quantity_verdict(_number(139e6), _number(140_937_785)) > 0.5  # counter-example: a different figure


def test_a_value_outside_a_hedge_is_not_discounted_as_rounding():
    """"about $3.6 billion" already admits what rounds to 3.6; "$3.5 billion" lies outside it, so the
    closeness of the figures (under 5 %) does not halve the conflict as it does for two plain figures."""
    from factcheck.extract.quantities import tolerance
    from factcheck.judge import weights as W

    low, high = tolerance(3.6e9, "about")
    hedged = Fact("s", Kind.NUMBER, 0, 5, "about 3.6", Quantity(3.6e9, "usd", low, high, approximate=True),
                  attrs={"modifier": "about"})
    assert quantity_verdict(_number(3.5e9), hedged) == W.HEDGED_COUNT_CONFLICT
    # counter-examples: two plain close figures are discounted; a figure inside the hedge agrees
    assert quantity_verdict(_number(3.5e9), _number(3.6e9)) == pytest.approx(W.COUNT_CONFLICT * W.CLOSE_VALUES_FACTOR)
    assert quantity_verdict(_number(3.62e9), hedged) == "agree"


@pytest.mark.parametrize("a, b, unit, compatible", [
    (1e12, 1.2e12, "usd", True),  # "the $1 trillion infrastructure bill" / "the $1.2 trillion bill"
    (2e12, 1.9e12, "usd", True),
    (4e12, 3.5e12, "usd", False),  # a half is a figure of its own
    (1e12, 1.6e12, "usd", False),  # rounds to 2
    (10, 12, "people", False),  # counts: "10 dead" / "12 dead" disagree
    (1e6, 1.2e6, "people", False),  # one million people is no headline amount of money
    (5e5, 5.4e5, "usd", False),  # under a million dollars: exact sums
])
def test_large_amounts_of_money_round_to_one_digit(a, b, unit, compatible):
    fa = Fact("s", Kind.NUMBER, 0, 5, f"{a:g}", Quantity(a, unit, a, a), attrs={})
    fb = Fact("s", Kind.NUMBER, 0, 5, f"{b:g}", Quantity(b, unit, b, b), attrs={})
    assert (quantity_verdict(fa, fb) == ROUNDING_CONFIDENCE) is compatible
