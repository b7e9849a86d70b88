"""claims: two traded prices are one day's level only when published a day apart or dated to the same day."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claim_lines import is_market_level
from factcheck.claims import ClaimsConfig

from .helpers import claim_groups, reads_number_as

THURSDAY = "Crude oil prices surged back above the $47 a barrel mark on Thursday after the watchdog raised its forecasts."
TUESDAY = "Freezing temperatures took crude oil prices past $50 a barrel on Tuesday after the watchdog raised its forecasts."
UNDAY = "Cold weather pushed crude oil prices above $50 a barrel after the watchdog raised its forecasts."


@pytest.mark.parametrize("other", [TUESDAY, UNDAY])
def test_undated_levels_of_two_days_or_no_day_are_two_figures(other):
    assert claim_groups([("a", THURSDAY), ("b", other)]) == []


def test_the_same_named_day_is_one_level():
    other = "Crude oil prices jumped back above the $49 a barrel mark on Thursday after the watchdog raised its forecasts."
    assert len(claim_groups([("a", THURSDAY.replace("surged", "jumped")), ("b", other)])) == 1


def test_articles_of_one_day_compare_their_levels():
    day = dt.date(2005, 1, 13)
    assert len(claim_groups([("a", THURSDAY), ("b", UNDAY)], {"a": day, "b": day + dt.timedelta(days=1)})) == 1
    assert claim_groups([("a", THURSDAY), ("b", UNDAY)], {"a": day, "b": day + dt.timedelta(days=5)}) == []


def test_the_rule_can_be_turned_off():
    assert len(claim_groups([("a", THURSDAY), ("b", UNDAY)], config=ClaimsConfig(levels_apart=False))) == 1


def test_amounts_that_are_no_market_level_are_compared_as_before():
    """Counter-example: a company's result per share, a deal's price: one fact, whatever the day."""
    texts = [("a", "The company earned $1.20 a share in the quarter, the company said on Monday."),
             ("b", "The company earned $1.25 a share in the quarter, it said.")]
    assert len(claim_groups(texts)) == 1


@pytest.mark.parametrize("text, level", [
    ("Crude rose to $47 a barrel.", True),
    ("Gold rose to $430 an ounce.", True),
    ("The dollar slid to $1.3666 versus the euro.", True),
    ("The pound broke through the $1.90 level.", True),
    ("It earned $1.20 a share.", False),
    ("Rosneft paid $9.3bn for the unit.", False),
    ("The barrel count rose to 47.", False),
    ("The deficit hit a record $412bn.", False),
    ("Unemployment fell to a low of 4%.", False),
])
def test_is_market_level(text, level):
    assert reads_number_as(is_market_level, text) is level


@pytest.mark.parametrize("text", [
    "London Brent crude closed at $40.15 on Thursday, a drop of 5.1%.",
    "The dollar was trading at $1.2944 at 2100GMT.",
    "The US currency was trading at $1.364 per euro at 1800 GMT on Monday.",
    "US light sweet crude futures settled at $53.03 in New York.",
    "A barrel of US crude oil closed up $2.80 at $51.15 in New York on Tuesday.",
    "Brent ended 32 cents lower at $49.74.",
    "The dollar hit a fresh record low of $1.3667 on Thursday.",
    "US crude prices have soared to fresh four-month highs above $53.",
])
def test_a_market_verb_or_a_quoted_currency_marks_a_level(text):
    assert reads_number_as(is_market_level, text)


def test_a_level_against_a_plain_amount_of_another_day_is_two_figures():
    """"$47 a barrel on Thursday" / "fallen from the record of $55.67 set in late October": one side's level is
    enough; in articles of one day the two are still compared."""
    level = "Crude oil prices surged back above $50 a barrel on Thursday as the cold weather raised demand for crude."
    other = "Crude oil prices have fallen from the record of $55 set as the cold weather raised demand for crude."
    assert claim_groups([("a", level), ("b", other)]) == []
    day = dt.date(2005, 1, 13)
    assert len(claim_groups([("a", level), ("b", other)], {"a": day, "b": day})) == 1
