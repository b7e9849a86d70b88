"""Figures whose measured nouns name two different places ("global growth" / "growth for the United States")
are two claims."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract.scopes import place_key, scopes_apart
from factcheck.records import Kind, Sentence

from .test_complements import _number_groups, extractor  # noqa: F401 (the fixture; two articles' number claims)

PUBLISHED = dt.date(2021, 10, 12)


def _scopes(extractor, text: str, kind: Kind = Kind.NUMBER) -> list[tuple[str, ...]]:
    s = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text)
    return [f.attrs.get("scope") for f in extractor.extract([s], PUBLISHED)[s.id] if f.kind is kind]


US_FORECAST = ("The IMF on Tuesday slashed its 2021 growth forecast for the United States by one full percentage "
               "point to 6%, the biggest reduction suffered by any G7 economy.")


@pytest.mark.parametrize("a, b", [
    ("For next year, the IMF has kept its global growth projection at 4.9%.", US_FORECAST),
    ("The IMF said it expects global gross domestic product to grow by 5.9% this year.", US_FORECAST),
    ("There were 2,000 deaths in Italy on Sunday.", "There were 1,500 deaths in Spain on Sunday."),
    ("About 40% of U.S. adults are fully vaccinated.", "About 45% of Canadian adults are fully vaccinated."),
])
def test_figures_of_two_places_are_two_claims(extractor, a, b):
    assert _number_groups(extractor, a, b) == []


@pytest.mark.parametrize("a, b", [
    ("Fifteen people died in the fire in Paris.", "Twelve people were killed in the Paris blaze."),
    # where the speaker spoke is no scope of the figure
    ("Biden, speaking in Delaware, said 500,000 Americans had died.", "Biden said 600,000 Americans had died."),
    ("Biden, speaking in Delaware, said 500,000 people had died.", "Biden said 600,000 people in the U.S. had died."),
    # one side states no scope
    ("The IMF slashed its growth forecast to 5.8%.", US_FORECAST),
    # one place, spelt two ways; nested names
    ("The U.S. economy grew 6% last year.", "The American economy grew 5.7% last year."),
    ("There were 2,000 deaths in Gaza on Sunday.", "There were 2,100 deaths in Gaza City on Sunday."),
])
def test_figures_of_one_place_or_an_unstated_one_stay_one_claim(extractor, a, b):
    """Counter-examples: places of the event or the speaker, not of the measured noun, and a side that names
    none keep the link."""
    assert len(_number_groups(extractor, a, b)) == 1


def test_scope_reads_the_measured_noun_and_its_verb(extractor):
    assert _scopes(extractor, US_FORECAST) == [("united states",)]  # "one full percentage point" is no figure
    assert _scopes(extractor, "For next year, the IMF has kept its global growth projection at 4.9%.") == [("@world",)]
    assert _scopes(extractor, "Unemployment in Texas was 5% in May.") == [("texas",)]
    assert _scopes(extractor, "By Tuesday, 8.5% of gas stations in North Carolina had no gasoline.") == [
        ("north carolina",)]
    assert _scopes(extractor, "Fifteen people died in the fire in Paris.") == [()]
    # "domestic" of gross domestic product, and "World" of a name, are no scope
    assert _scopes(extractor, "Gross domestic product grew 2% in the World Bank's estimate.") == [()]
    # where a happening happened is no scope: outlets name it at any grain (the county, the state)
    assert _scopes(extractor, "Officials said a 4.6 magnitude California earthquake struck early today.") == [()]


def test_a_duration_reads_only_its_own_noun(extractor):
    """"a two-week lockdown across France" is France's; "in the past two weeks" frames the verb's subject, it does not
    measure it."""
    assert _scopes(extractor, "The government announced a two-week lockdown across France.",
                   Kind.DURATION) == [("france",)]
    assert _scopes(extractor, "In the past two weeks, new cases in the U.S. rose sharply.", Kind.DURATION) == [()]


def test_scopes_apart_rules():
    assert scopes_apart(("@world",), ("united states",))
    assert scopes_apart(("@national",), ("@local",))
    assert scopes_apart(("italy",), ("spain",))
    assert not scopes_apart(("@world",), ())  # one side unstated
    assert not scopes_apart(("gaza",), ("gaza city",))  # nested names
    assert not scopes_apart(("@national",), ("united states",))  # a level word and a name: which level, unknown
    assert not scopes_apart(("united states", "@world"), ("united states",))
    # "international" names a kind more often than the world: apart from "domestic" only
    assert scopes_apart(("@international",), ("@national",))
    assert not scopes_apart(("@international",), ("egypt",))
    assert not scopes_apart(("@international",), ("@world",))
    assert scopes_apart(("@international", "egypt"), ("india",))  # the names tell them apart


def test_place_names_are_normalised():
    assert place_key("the United States", "GPE") == place_key("U.S.", "GPE") == place_key("Americans", "NORP")
    assert place_key("Britons", "NORP") == place_key("Britain", "GPE") == "united kingdom"
    assert place_key("Republicans", "NORP") is None  # a group, not a place
