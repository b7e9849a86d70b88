"""Ranges read as one quantity: "between $19 and $22 million", "20 to 30 people"."""

from __future__ import annotations

import pytest

from factcheck.extract.quantities import find_quantities


def _one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


@pytest.mark.parametrize("text, surface, low, high, unit", [
    ("showing his net worth between $19 and $22 million.", "between $19 and $22 million", 19e6, 22e6, "usd"),
    ("Between 30 and 40 people were hurt.", "Between 30 and 40 people", 30, 40, "people"),
    ("Officials expect 2 to 3 million people to watch.", "2 to 3 million people", 2e6, 3e6, "people"),
    ("The storm destroyed 15-20 homes.", "15-20 homes", 15, 20, "home"),
    ("They paid between $2 million and $3 million.", "between $2 million and $3 million", 2e6, 3e6, "usd"),
])
def test_range_is_one_quantity_from_low_to_high(text, surface, low, high, unit):
    m = _one(text)
    assert (m.text, m.quantity.low, m.quantity.high, m.quantity.unit) == (surface, low, high, unit)
    assert m.quantity.approximate


@pytest.mark.parametrize("text, values", [
    ("The rate rose from 5 to 7 percent.", [7]),  # a change, not a range
    ("The court ruled 5 to 4 votes in favour.", [4]),  # the low end is not lower: a tally
    ("Police counted 30 and then 40 people.", [40]),  # "and" without "between"
    ("Police arrested 12 people and 40 officers were hurt.", [12, 40]),
])
def test_not_ranges(text, values):
    found = find_quantities(text)
    assert [m.quantity.value for m in found] == values
    assert not any(m.quantity.low != m.quantity.high and m.attrs.get("modifier") == "between" for m in found)


def test_range_meets_a_value_inside_it():
    """A range agrees with a figure it contains: the judge sees overlapping intervals."""
    from factcheck.judge.fact_rules import AGREE, quantity_verdict
    from factcheck.records import Fact, Kind

    r = _one("his net worth between $19 and $22 million")
    v = [m for m in find_quantities("earned nearly $20 million") if m.quantity.unit == "usd"][0]
    fa = Fact("a", Kind.NUMBER, r.start, r.end, r.text, r.quantity, attrs=r.attrs)
    fb = Fact("b", Kind.NUMBER, v.start, v.end, v.text, v.quantity, attrs=v.attrs)
    assert quantity_verdict(fa, fb) == AGREE


@pytest.mark.parametrize("text, surface, low, high, unit", [
    ("Israel had obtained hundreds of thousands of Iranian files.", "hundreds of thousands of Iranian files",
     2e5, 1e6, "file"),
    ("Tens of thousands of workers went on strike.", "Tens of thousands of workers", 2e4, 1e5, "worker"),
    ("Dozens of people were hurt.", "Dozens of people", 24, 144, "people"),
    ("Thousands of homes lost power.", "Thousands of homes", 2e3, 1e6, "home"),
])
def test_orders_of_magnitude_are_counts_with_an_interval(text, surface, low, high, unit):
    m = _one(text)
    assert (m.text, m.quantity.low, m.quantity.high, m.quantity.unit) == (surface, low, high, unit)


@pytest.mark.parametrize("text", ["Thousands of years ago the valley flooded.", "Millions of them watched."])
def test_orders_of_magnitude_that_count_nothing_comparable(text):
    assert find_quantities(text) == []


def test_a_figure_below_an_order_of_magnitude_conflicts_and_one_inside_agrees():
    from factcheck.judge.fact_rules import AGREE, quantity_verdict
    from factcheck.records import Fact, Kind

    def fact(text):
        m = _one(text)
        return Fact("s", Kind.NUMBER, m.start, m.end, m.text, m.quantity, attrs=m.attrs)

    vague = fact("Israel obtained hundreds of thousands of files.")
    assert quantity_verdict(vague, fact("Israel obtained 100,000 files.")) != AGREE
    assert quantity_verdict(vague, fact("Israel obtained 300,000 files.")) == AGREE


def test_clock_minutes_are_not_counts():
    """"4:20 p.m." once read as a count of 20 "p.m."; a count beside it is still read (counter-example)."""
    assert [m.text for m in find_quantities("It began at 4:20 p.m. when 3 agents left.")] == ["3 agents"]
