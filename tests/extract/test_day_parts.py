"""Time zones and schedules in weekday dates: one moment on two clocks is no date conflict.

A US story dated Thursday about Gaza says "early Friday (morning local time)": the next day, not the
Friday six days back, and the same moment as another outlet's "on Thursday". "was rescheduled for
Friday" names the day set, after the verb's past tense. Counter-examples: plain weekdays a day apart
still conflict, as do day parts that point away from each other and days two apart.
"""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract import FactExtractor
from factcheck.extract.day_parts import day_part, one_moment_two_clocks, scheduled_before
from factcheck.judge.fact_rules import AGREE, date_verdict
from factcheck.records import Fact, Kind, Sentence

THURSDAY = dt.date(2021, 5, 13)


@pytest.fixture(scope="module")
def extractor():
    return FactExtractor()


def _date(extractor: FactExtractor, text: str, published: dt.date) -> Fact:
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text, ())
    [fact] = [f for f in extractor.extract([sentence], published)[sentence.id] if f.kind is Kind.DATE]
    return fact


@pytest.mark.parametrize("text, surface, part", [
    ("Troops attacked early Friday morning local time.", "Friday", "local"),
    ("Troops attacked at 2 a.m. local time Friday.", "Friday", "local"),
    ("Troops attacked Gaza early Friday.", "Friday", "early"),
    ("Troops attacked before dawn on Friday.", "on Friday", "early"),
    ("The vote was delayed late Thursday night.", "Thursday", "late"),
    ("The vote was delayed Thursday night.", "Thursday", "late"),
    ("The vote was delayed on Thursday.", "on Thursday", None),
    ("The vote was held Thursday morning.", "Thursday", None),
])
def test_day_part(text, surface, part):
    start = text.index(surface)
    assert day_part(text, start, start + len(surface)) == part


@pytest.mark.parametrize("text, expected", [
    ("The vote was rescheduled for ", True),
    ("The hearing was postponed until ", True),
    ("It was pushed back to ", True),
    ("The troops attacked on ", False),
    ("He left for ", False),
])
def test_scheduled_before(text, expected):
    assert scheduled_before(text + "Friday.", len(text)) is expected


@pytest.mark.parametrize("earlier, later, expected", [
    (None, "early", True), (None, "local", True), ("late", None, True), ("late", "early", True),
    ("local", None, True), (None, None, False), ("early", None, False), (None, "late", False),
    ("late", "late", False), ("early", "early", False),
])
def test_one_moment_two_clocks(earlier, later, expected):
    assert one_moment_two_clocks(earlier, later) is expected


@pytest.mark.parametrize("text", [
    "Israeli ground forces carried out attacks on the Gaza Strip early Friday in an escalation of the conflict.",
    "Israeli soldiers attacked Gaza early Friday morning local time following a barrage of rockets.",
])
def test_an_early_friday_in_a_thursday_story_is_the_next_day(extractor, text):
    fact = _date(extractor, text, THURSDAY)
    assert str(fact.value) == "2021-05-14"


def test_a_plain_past_friday_in_a_thursday_story_is_still_six_days_back(extractor):
    fact = _date(extractor, "Israeli ground forces attacked the Gaza Strip on Friday.", THURSDAY)
    assert str(fact.value) == "2021-05-07"


def test_a_day_set_by_a_schedule_is_the_nearest_such_day(extractor):
    text = "The infrastructure vote was rescheduled for Friday, giving them more time."
    assert str(_date(extractor, text, dt.date(2021, 9, 30)).value) == "2021-10-01"
    assert str(_date(extractor, text, dt.date(2021, 10, 2)).value) == "2021-10-01"  # written the day after


def test_thursday_and_early_friday_local_time_agree(extractor):
    a = _date(extractor, "Israeli forces attacked the Gaza Strip on Thursday, marking a new level of conflict.",
              THURSDAY)
    b = _date(extractor, "Israeli soldiers attacked Gaza early Friday morning local time following a barrage.",
              THURSDAY)
    assert date_verdict(a, b) == AGREE


def test_late_thursday_and_a_vote_set_for_friday_agree(extractor):
    a = _date(extractor, "A vote on the bill was delayed late Thursday night as leaders hash out a deal.",
              dt.date(2021, 10, 1))
    b = _date(extractor, "The infrastructure vote was rescheduled for Friday, giving them more time.",
              dt.date(2021, 9, 30))
    assert date_verdict(a, b) == AGREE


@pytest.mark.parametrize("text_a, text_b", [
    ("Israeli forces attacked the Gaza Strip on Thursday.", "Israeli forces attacked the Gaza Strip on Friday."),
    ("Israeli forces attacked the Gaza Strip early Thursday.", "Israeli forces attacked the Gaza Strip late Friday."),
    ("Israeli forces attacked the Gaza Strip late Wednesday.", "Israeli forces attacked the Gaza Strip early Friday."),
])
def test_days_that_cannot_be_one_moment_still_conflict(extractor, text_a, text_b):
    """Counter-examples: no day part that joins them, parts pointing apart, or two days apart."""
    saturday = THURSDAY + dt.timedelta(days=2)
    a, b = _date(extractor, text_a, saturday), _date(extractor, text_b, saturday)
    verdict = date_verdict(a, b)
    assert verdict not in (AGREE, None) and verdict > 0.5, (a.value, b.value, verdict)
