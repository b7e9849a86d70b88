"""Dates as bounds of one claim ("by Thursday" / "by Sunday") and weekdays named beside a calendar day."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract.dates import find_dates
from factcheck.judge.facts import FactComparator
from factcheck.records import CandidatePair, DateSpan, Fact, Kind, Sentence

PUB = dt.date(2017, 5, 18)  # a Thursday


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)


def _date(s: Sentence, surface: str, span: DateSpan, **attrs) -> Fact:
    start = s.text.index(surface)
    return Fact(s.id, Kind.DATE, start, start + len(surface), surface, span, True, attrs)


def _compare(relation_a: str, relation_b: str, day_a: int, day_b: int):
    a = _sentence("A", f"The talks ran {relation_a} May {day_a}, officials said.")
    b = _sentence("B", f"The talks ran {relation_b} May {day_b}, officials said.")
    fa = [_date(a, f"May {day_a}", DateSpan(dt.date(2017, 5, day_a), dt.date(2017, 5, day_a)),
                anchor="absolute", relation=relation_a, event="meet")]
    fb = [_date(b, f"May {day_b}", DateSpan(dt.date(2017, 5, day_b), dt.date(2017, 5, day_b)),
                anchor="absolute", relation=relation_b, event="meet")]
    return FactComparator().compare(CandidatePair(a, b, 0.95), fa, fb, PUB, PUB)


def test_two_different_bounds_of_one_kind_conflict():
    [d] = _compare("by", "by", 11, 14)
    assert d.kind is Kind.DATE and 0.5 <= d.confidence < 0.9


@pytest.mark.parametrize("relation_a, relation_b, day_a, day_b", [
    ("by", "by", 11, 11),  # the same bound
    ("by", "until", 11, 14),  # different kinds of bound: not comparable
    ("since", "on", 11, 14),  # a bound against a point
])
def test_bounds_that_do_not_conflict(relation_a, relation_b, day_a, day_b):
    assert _compare(relation_a, relation_b, day_a, day_b) == []


def test_a_weekday_named_beside_a_calendar_day_is_kept():
    [m] = find_dates("It began at 4:20 p.m. on Friday, Sept. 14, when an e-mail went out.", published=PUB)
    assert m.text == "Friday, Sept. 14" and m.attrs["weekday"] == 4


def test_two_weekdays_named_for_one_calendar_day_conflict():
    a = _sentence("A", "It began on Friday, Sept. 14, officials said.")
    b = _sentence("B", "It began on Tuesday, Sept. 14, officials said.")
    c = _sentence("C", "It began on Friday, Sept. 14, the memo said.")
    span = DateSpan(dt.date(2012, 9, 14), dt.date(2012, 9, 14))
    fa = [_date(a, "Friday, Sept. 14", span, anchor="absolute", relation="on", weekday=4)]
    fb = [_date(b, "Tuesday, Sept. 14", span, anchor="absolute", relation="on", weekday=1)]
    fc = [_date(c, "Friday, Sept. 14", span, anchor="absolute", relation="on", weekday=4)]
    [d] = FactComparator().compare(CandidatePair(a, b, 0.95), fa, fb, PUB, PUB)
    assert "Friday" in d.a_value and "Tuesday" in d.b_value and "two weekdays" in d.explanation
    assert FactComparator().compare(CandidatePair(a, c, 0.95), fa, fc, PUB, PUB) == []  # counter-example


@pytest.mark.parametrize("word_b, conflict", [("today", False), ("yesterday", True)])
def test_the_same_relative_words_in_two_articles_agree(word_b, conflict):
    """"today" in a story of May 18 and "today" in one of May 20 are the same words, often one quotation:
    only the publication anchors differ. "yesterday" against "today" (the counter-example) still conflicts."""
    a = _sentence("A", "The march ended at the precinct today, witnesses said.")
    b = _sentence("B", f"The march ended at the precinct {word_b}, witnesses said.")
    day_b = dt.date(2017, 5, 20) if word_b == "today" else dt.date(2017, 5, 14)
    fa = [_date(a, "today", DateSpan(PUB, PUB), anchor="relative", relation="", event="march")]
    fb = [_date(b, word_b, DateSpan(day_b, day_b), anchor="relative", relation="", event="march")]
    found = FactComparator().compare(CandidatePair(a, b, 0.95), fa, fb, PUB, day_b)
    assert bool(found) is conflict
