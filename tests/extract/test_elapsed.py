"""Elapsed-time claims: where the previous such event must lie, relative to publication."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.elapsed import ago_range, find_elapsed

D = dt.date
PUBLISHED = D(2023, 6, 19)


def only(text: str, published: dt.date | None = PUBLISHED):
    found = find_elapsed(text, published=published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, inside, outside, subject", [
    ("It was the first visit in five years.", [D(2018, 6, 1), D(2017, 9, 1)], [D(2019, 6, 1), D(2016, 6, 1)], "visit"),
    ("She made the first such trip in nearly five years.", [D(2018, 7, 1), D(2018, 12, 1)],
     [D(2018, 3, 1), D(2019, 3, 1)], "visit"),
    ("It was the first meeting in more than six years.", [D(2016, 1, 1)], [D(2018, 1, 1)], "meet"),
    ("For the first time in a decade, the rivals met.", [D(2013, 6, 1)], [D(2016, 1, 1)], "time"),
    ("The team reached its first final in 12 months.", [D(2022, 6, 1)], [D(2023, 1, 1)], "final"),
    ("He is the highest-ranking official to visit since 2019.", [D(2019, 1, 1), D(2019, 12, 31)],
     [D(2018, 12, 31), D(2020, 1, 1)], "visit"),
    ("This is the first time a premier has been to Oslo since October 2018.", [D(2018, 10, 15)],
     [D(2018, 9, 30), D(2018, 11, 1)], "time"),
    ("It is the lowest unemployment rate since 1998.", [D(1998, 6, 1)], [D(1999, 1, 1)], "rate"),
    ("The river has not flooded like this since 1987.", [D(1987, 6, 1)], [D(1988, 1, 1)], "flooded"),
    ("The last such visit was in 2015.", [D(2015, 6, 1)], [D(2016, 1, 1)], "visit"),
    ("Her predecessor visited in March 2017.", [D(2017, 3, 10)], [D(2017, 4, 1)], "visit"),
    ("The capital last saw snow in 2022.", [D(2022, 2, 1)], [D(2023, 1, 1)], "snow"),
    ("It is the first trip by a minister since Ana Lind toured the region in June 2019.", [D(2019, 6, 15)],
     [D(2019, 7, 1)], "visit"),
    ("She is the highest-ranking official to visit the island in 2019.", [D(2019, 6, 1)], [D(2020, 1, 1)], "visit"),
])
def test_elapsed_previous_interval(text, inside, outside, subject):
    mention = only(text)
    previous = mention.elapsed.previous
    assert previous.resolved
    for day in inside:
        assert previous.start <= day <= previous.end, (str(previous), day)
    for day in outside:
        assert not previous.start <= day <= previous.end, (str(previous), day)
    assert mention.elapsed.subject == subject
    assert text[mention.start:mention.end] == mention.text


@pytest.mark.parametrize("mod, n, expected", [
    ("", 5, (4.5, 6.0)),
    ("nearly", 5, (4.5, 5.0)),
    ("almost", 1, (0.9, 1.0)),
    ("more than", 6, (6.0, 10.0)),
    ("about", 5, (4.0, 6.0)),
    ("less than", 10, (3.0, 10.0)),
])
def test_elapsed_ago_range_tolerance(mod, n, expected):
    assert ago_range(n, mod) == pytest.approx(expected)


def test_elapsed_nearly_is_tighter_than_bare_number():
    bare = only("It was the first visit in five years.").elapsed.previous
    nearly = only("It was the first visit in nearly five years.").elapsed.previous
    assert bare.start < nearly.start
    assert nearly.end == PUBLISHED - dt.timedelta(days=round(4.5 * 365.25))


@pytest.mark.parametrize("text", [
    "Relations have been tense since 2019.",
    "The bridge will open in five years.",
    "Prices rose in the past three months.",
    "She has lived in Lima since 2015.",
    "The first train leaves at noon.",
    "She was the first woman to win the race in 2023.",  # the year of the event itself, not of a previous one
    "",
])
def test_elapsed_not_claims(text):
    assert find_elapsed(text, published=PUBLISHED) == []


def test_elapsed_without_publication_keeps_ago_days():
    mention = only("It was the first visit in five years.", published=None)
    assert not mention.elapsed.previous.resolved
    assert mention.attrs["ago_days"] == (round(4.5 * 365.25), round(6 * 365.25))


def test_elapsed_since_year_needs_no_publication():
    mention = only("It was the most senior visit since 2020.", published=None)
    assert str(mention.elapsed.previous) == "2020-01-01..2020-12-31"


def test_elapsed_consumed_span_covers_number_and_date():
    text = "It was the first visit in five years."
    mention = only(text)
    assert text[mention.consumed[0]:mention.consumed[1]] == "in five years"


def test_elapsed_curly_apostrophe_and_nbsp():
    mention = only("It wasn’t the first visit in\u00a0five\u00a0years.")
    assert mention.elapsed.subject == "visit"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 1, 1))))
def test_elapsed_arbitrary_text_never_raises(text, published):
    for mention in find_elapsed(text, published=published):
        assert 0 <= mention.start <= mention.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.from_regex(r"the (first|highest|worst) [a-z]{0,8} (in|since) (nearly |more than )?"
                     r"([0-9]{1,5}|five|a|October [0-9]{4}|last week) ?(years|months|decades)?", fullmatch=True),
       st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 1, 1))))
def test_elapsed_claim_like_text_never_raises(text, published):
    find_elapsed(f"It was {text}.", published=published)


def test_an_elapsed_time_longer_than_the_calendar_does_not_raise():
    """Found by the property test above: "more than 140 decades" before 1990 reaches past year 1."""
    mentions = find_elapsed("It was the first in more than 140 decades.", published=D(1990, 1, 1))
    assert [m.elapsed.previous.start for m in mentions] == [dt.date.min]
