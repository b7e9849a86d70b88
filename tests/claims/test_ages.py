"""claims: an age ("the 28-year-old") is one claim only with an age of a person both sentences name."""

from __future__ import annotations

import pytest

from factcheck.claim_lines import is_age
from factcheck.claims import ClaimsConfig
from factcheck.records import Kind

from .helpers import claim_groups, facts_of


def _duration_groups(texts, config=None):
    return claim_groups(texts, None, config, Kind.DURATION)


UNNAMED = [("a", "The 28-year-old was far from his best after he returned to the tour."),
           ("b", "The 30-year-old suffered a setback toward the end of the season.")]


@pytest.mark.parametrize("texts", [
    UNNAMED,
    # an age against a period of the same unit
    [("a", "A doorman identified the 29-year-old Mr. Gigante as the shooter."),
     ("b", "The act served Mr. Gigante well: it kept him out of prison for 30 years.")],
    # two people's ages
    [("a", "Twenty-year-old Andrew Lopez has been accused of firing at officers."),
     ("b", "The 17-year-old Maria Chen has been accused of firing at officers.")],
])
def test_ages_of_unnamed_or_different_people_are_no_claim(texts):
    assert _duration_groups(texts) == []


def test_one_persons_two_ages_are_one_claim():
    texts = [("a", "Sixty-year-old Sharron Smith is now accused of murdering her husband."),
             ("b", "Police said 61-year-old Sharron Smith is accused of murdering her husband.")]
    assert len(_duration_groups(texts)) == 1


def test_the_rule_can_be_turned_off():
    assert len(_duration_groups(UNNAMED, ClaimsConfig(ages_apart=False))) == 1


@pytest.mark.parametrize("text, age", [
    ("The 28-year-old was laid low.", True),
    ("He is 61 years old.", True),
    ("The company is 61 years old, and its founder 90.", True),
    ("He served 30 years in prison.", False),
    ("A 69-year reign ended.", False),
])
def test_is_age(text, age):
    fact = facts_of(text, Kind.DURATION)[0]
    assert is_age(fact, text) is age
