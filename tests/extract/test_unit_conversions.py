"""A bracketed amount of the same dimension right after another one converts it ("10 miles (15 kilometers)",
"less than 25 km (15 miles)"): one value, not a second one. Read as two, "15 miles" (without the "less
than") was flagged against another outlet's "10 miles". Counter-examples: a bracket holding another
measure stays, and two outlets' different distances still conflict."""

from __future__ import annotations

import pytest

from factcheck.extract.quantities import find_quantities
from factcheck.judge.fact_rules import AGREE, quantity_verdict
from factcheck.records import Fact, Kind


def _texts(text: str) -> list[str]:
    return [m.text for m in find_quantities(text)]


@pytest.mark.parametrize("text, kept", [
    ("The camp, located 10 miles (15 kilometers) south of the border, was attacked.", ["10 miles"]),
    ("The camp lies less than 25 km (15 miles) from the border with Sudan.", ["less than 25 km"]),
    ("The quake struck 431 kilometres (268 miles) off Banda Aceh.", ["431 kilometres"]),
    ("The fire burned 2,000 acres (810 hectares) near the town.", ["2,000 acres"]),
    ("It cost $US1 million ($1.52 million).", ["$US1 million"]),
])
def test_a_conversion_in_brackets_is_not_a_second_value(text, kept):
    assert _texts(text) == kept


@pytest.mark.parametrize("text, kept", [
    ("The fire destroyed 30 homes (about 10 percent) in the town.", ["30 homes", "about 10 percent"]),
    ("They walked 10 miles (and 20 miles more the next day).", ["10 miles", "20 miles"]),
    ("The 10 miles and 15 kilometers of new road opened.", ["10 miles", "15 kilometers"]),
])
def test_other_brackets_and_plain_pairs_stay(text, kept):
    assert _texts(text) == kept


def test_two_outlets_distances_still_conflict():
    """Counter-example: the kept value is compared as before."""
    def fact(text: str) -> Fact:
        mention = find_quantities(text)[0]
        return Fact("s", Kind.NUMBER, mention.start, mention.end, mention.text, mention.quantity, attrs=mention.attrs)
    a = fact("The camp, located 10 miles (15 kilometers) south of the border, was attacked.")
    b = fact("The camp, located 20 miles south of the border, was attacked.")
    verdict = quantity_verdict(a, b)
    assert verdict not in (AGREE, None) and verdict > 0.5
