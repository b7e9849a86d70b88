"""A relative date inside a quotation is anchored on publication, but was said when the speaker said it."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract import FactExtractor
from factcheck.judge.fact_rules import date_verdict
from factcheck.judge.weights import QUOTED_RELATIVE_FACTOR
from factcheck.records import DateSpan, Fact, Kind, Sentence

PUB = dt.date(2018, 4, 20)


def _date(surface: str, span: DateSpan, **attrs) -> Fact:
    return Fact("s", Kind.DATE, 0, len(surface), surface, span, True, attrs)


JULY = DateSpan(dt.date(2018, 7, 1), dt.date(2018, 7, 31), "month")
NEXT_MONTH = DateSpan(dt.date(2018, 5, 1), dt.date(2018, 5, 31), "month")


def test_a_quoted_relative_date_conflicts_less_surely():
    plain = date_verdict(_date("in July", JULY, anchor="absolute"), _date("next month", NEXT_MONTH, anchor="relative"))
    quoted = date_verdict(_date("in July", JULY, anchor="absolute"),
                          _date("next month", NEXT_MONTH, anchor="relative", quoted=True))
    assert isinstance(plain, float) and quoted == pytest.approx(plain * QUOTED_RELATIVE_FACTOR)


def test_a_quoted_calendar_date_is_as_sure_as_any():
    """Counter-example: "on July 13" inside a quote names its day whenever it was said."""
    july_13 = DateSpan(dt.date(2018, 7, 13), dt.date(2018, 7, 13))
    july_20 = DateSpan(dt.date(2018, 7, 20), dt.date(2018, 7, 20))
    plain = date_verdict(_date("July 13", july_13, anchor="absolute"), _date("July 20", july_20, anchor="absolute"))
    quoted = date_verdict(_date("July 13", july_13, anchor="absolute", quoted=True),
                          _date("July 20", july_20, anchor="absolute"))
    assert plain == quoted


@pytest.fixture(scope="module")
def extractor():
    return FactExtractor(kinds=["date"])


def _facts(extractor, text: str) -> list[Fact]:
    s = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text)
    return extractor.extract([s], PUB)[s.id]


def test_the_extractor_marks_dates_inside_quotation_marks(extractor):
    [inside] = _facts(extractor, '"His visit next month would have been met by mass protests," the mayor said.')
    [outside] = _facts(extractor, "The visit next month would have been met by mass protests, the mayor said.")
    assert inside.attrs.quoted is True and outside.attrs.quoted is None
