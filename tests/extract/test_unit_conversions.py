"""A bracketed amount of the same dimension right after another one converts it ("10 miles (15 kilometers)",
"less than 25 km (15 miles)"): it says no more than its source. Read as a plain figure, "15 miles" (without
the "less than") was flagged against another outlet's "10 miles", and "10 kilometers (6 miles)" against
"10 kilometres (6.2 miles)". Counter-examples: a bracket holding another measure is left alone, and a
converted figure still conflicts with another outlet's figure its source cannot be."""

from __future__ import annotations

import math

import pytest

from factcheck.extract.quantities import find_quantities
from factcheck.judge.fact_rules import AGREE, quantity_verdict
from factcheck.records import Fact, Kind


def _fact(text: str, surface: str) -> Fact:
    [mention] = [m for m in find_quantities(text) if m.text == surface]
    return Fact("s", Kind.NUMBER, mention.start, mention.end, mention.text, mention.quantity, attrs=mention.attrs)


@pytest.mark.parametrize("text, surface, low, high", [
    ("The camp lies less than 25 km (15 miles) from the border with Sudan.", "15 miles", 0, 15.5),
    ("The quake struck at a depth of 10 kilometers (6 miles).", "6 miles", 3, 9),  # "10": 5..15 km
    ("Qeshm, located 1,150 kilometers (700 miles) southeast of Tehran, has a port.", "700 miles", 650, 750),
])
def test_a_converted_figure_says_no_more_than_its_source(text, surface, low, high):
    quantity = _fact(text, surface).value
    assert math.isclose(quantity.low, low) and math.isclose(quantity.high, high)


def test_money_conversions_are_still_dropped():
    assert [m.text for m in find_quantities("It cost $US1 million ($1.52 million).")] == ["$US1 million"]


@pytest.mark.parametrize("text, kept", [
    ("GM had to pay Fiat 1.55bn euros ($2bn; £1.1bn) to get out of a deal.", ["1.55bn euros"]),
    ("The PSP sells for 19,800 yen ($188, £98) while the DS sells for $150 (£78).", ["19,800 yen", "$150"]),
    ("Deutsche Boerse has offered £1.3bn ($2.48bn; 1.88bn euros) for the LSE.", ["£1.3bn"]),
])
def test_a_bracketed_list_of_conversions_states_one_amount(text, kept):
    """Two outlets convert one sum at two days' exchange rates: "(£14.5bn)" / "(£14bn)" is no disagreement."""
    assert [m.text for m in find_quantities(text)] == kept


@pytest.mark.parametrize("text, kept", [
    ("It raised $2bn ($1bn from banks; £0.5bn from bonds).", ["$2bn", "$1bn", "£0.5bn"]),  # a breakdown
    ("It raised $2bn ($1bn, £0.5bn and 3 homes).", ["$2bn", "$1bn", "£0.5bn", "3 homes"]),
    ("Sales were $5m (3 million units; 2%).", ["$5m", "3 million units", "2%"]),
])
def test_a_bracket_holding_more_than_amounts_is_no_conversion(text, kept):
    assert [m.text for m in find_quantities(text)] == kept


@pytest.mark.parametrize("a, sa, b, sb", [
    ("The camp, located 10 miles (15 kilometers) south of the border, was attacked.", "10 miles",
     "The camp lies less than 25 km (15 miles) from the border with Sudan.", "15 miles"),
    ("The quake struck at a depth of 10 kilometers (6 miles).", "6 miles",
     "The quake struck at a depth of just 10 kilometres (6.2 miles).", "6.2 miles"),
    ("The quake struck six miles beneath the surface.", "six miles",
     "The quake struck at a depth of just 10 kilometres (6.2 miles).", "6.2 miles"),
])
def test_one_value_converted_is_no_conflict(a, sa, b, sb):
    assert quantity_verdict(_fact(a, sa), _fact(b, sb)) == AGREE


@pytest.mark.parametrize("a, sa, b, sb", [
    ("The island is about 940 miles south of Tehran.", "about 940 miles",
     "Qeshm, located 1,150 kilometers (700 miles) southeast of Tehran, has a port.", "700 miles"),
    ("The camp, located 30 miles south of the border, was attacked.", "30 miles",
     "The camp lies less than 25 km (15 miles) from the border with Sudan.", "15 miles"),
])
def test_a_converted_figure_still_conflicts_with_what_its_source_cannot_be(a, sa, b, sb):
    """Counter-examples: two outlets' distances that disagree beyond any rounding."""
    verdict = quantity_verdict(_fact(a, sa), _fact(b, sb))
    assert verdict not in (AGREE, None) and verdict > 0.5


@pytest.mark.parametrize("text, kept", [
    ("The fire destroyed 30 homes (about 10 percent) in the town.", ["30 homes", "about 10 percent"]),
    ("They walked 10 miles (and 20 miles more the next day).", ["10 miles", "20 miles"]),
])
def test_other_brackets_are_left_alone(text, kept):
    mentions = find_quantities(text)
    assert [m.text for m in mentions] == kept and not any(m.attrs.get("converted") for m in mentions)


@pytest.mark.parametrize("text, conversions", [
    ("Acme will pay $11bn (£5.7bn) for Beta Labs.", [(5.7e9, "gbp", "£5.7bn")]),
    ("GM had to pay Fiat 1.55bn euros ($2bn; £1.1bn) to get out of a deal.",
     [(2e9, "usd", "$2bn"), (1.1e9, "gbp", "£1.1bn")]),
])
def test_a_money_amount_keeps_what_it_is_converted_to(text, conversions):
    """The conversions are no figures of their own, but two outlets' conversions of one sum can still be compared."""
    [mention] = find_quantities(text)
    assert [tuple(c) for c in mention.attrs["conversions"]] == conversions


@pytest.mark.parametrize("text", [
    "It raised $2bn ($1bn from banks; £0.5bn from bonds).",  # a breakdown, not a conversion
    "The fund holds $2bn and £1bn.",
    "It cost $US1 million ($1.52 million).",  # the same currency written two ways: no rate to compare
])
def test_only_a_bracket_of_other_currencies_gives_conversions(text):
    assert not any(m.attrs.get("conversions") for m in find_quantities(text))


@pytest.mark.parametrize("text, surface, unit", [
    ("Southcorp rejected an offer worth 3.1bn Australian dollars from Foster's.", "3.1bn Australian dollars", "aud"),
    ("It paid 500 mln Canadian dlrs for the stake.", "500 mln Canadian dlrs", "cad"),
    ("The bank lent 2bn Swiss francs.", "2bn Swiss francs", "chf"),
])
def test_a_nationality_and_a_currency_name_are_one_currency(text, surface, unit):
    """Read alone, "Australian" was the thing counted: "3.1bn Australian dollars" and "A$3.1bn" never met."""
    [mention] = find_quantities(text)
    assert (mention.text, mention.quantity.unit) == (surface, unit)


def test_conversions_after_a_national_currency_are_conversions():
    [mention] = find_quantities("Southcorp rejected an offer worth 3.1bn Australian dollars ($2.3bn; £1.8bn).")
    assert [tuple(c)[1:] for c in mention.attrs["conversions"]] == [("usd", "$2.3bn"), ("gbp", "£1.8bn")]


def test_a_nationality_before_anything_else_counts_people_or_things():
    """Counter-example: "300 Australian soldiers" are no currency."""
    assert [m.quantity.unit for m in find_quantities("About 300 Australian soldiers were there.")] == ["australian"]
