"""Judge rules that keep what an editor would not act on out of the report (and keep what they would)."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract.named_days import named_day_span
from factcheck.judge.fact_text_rules import quote_conflict, title_conflict
from factcheck.records import Quote


@pytest.mark.parametrize("a, b", [
    ("lawyer", "attorney"),  # synonyms
    ("FBI director", "Federal Bureau of Investigation director"),  # acronym / expansion
    ("RNC chairman", "Republican National Committee chairman"),
    ("Secretary of State", "US Secretary of State"),  # long / short form
    ("separate meetings", "President"),  # a noun phrase misread as a title
    ("President", "Presidents"),  # plural of one title
    ("President", "party chief"),  # two jobs one person may hold
    ("chief of staff for Vice President Kamala Harris", "chief of staff"),  # whose job it is, not a rank
    ("senior adviser to the deputy prime minister", "senior adviser"),
])
def test_titles_an_editor_would_not_act_on(a, b):
    assert title_conflict(a, b) is None


def test_title_changed_over_time_or_kept_by_courtesy_is_not_a_conflict():
    assert title_conflict("President", "former President", apart=True) is None
    assert title_conflict("Director", "former FBI Director") is None  # "Director Comey" after he left
    assert title_conflict("president's second secretary of state", "Secretary of State") is None
    assert title_conflict("chair of the DNC", "chairman of the Democratic Party") is None
    # "outgoing" on her last day, "former" a year later: one job
    assert title_conflict("outgoing national security adviser", "former National Security Adviser") is None
    assert title_conflict("outgoing President", "President") is None
    assert title_conflict("late Senator", "Senator") is None  # "the late Sen. Kennedy" / "Sen. Kennedy's widow"
    # a lieutenant colonel is addressed "Colonel", any general "General"
    assert title_conflict("lieutenant colonel", "colonel") is None
    assert title_conflict("Army Lieutenant Colonel", "colonel") is None
    assert title_conflict("marine general", "marine lieutenant general") is None
    assert title_conflict("deputy sergeant", "sergeant") is None  # a sheriff's deputy holding a sergeant's rank


def test_rank_words_that_change_the_job_still_conflict():
    """Counter-examples: "deputy", "acting", "incoming" name another job (or not yet this one)."""
    assert title_conflict("Deputy White House Press Secretary", "Press Secretary") is not None
    assert title_conflict("acting Attorney General", "Attorney General") is not None
    assert title_conflict("incoming President", "President") is not None
    assert title_conflict("lieutenant governor", "governor") is not None  # "Lt. Gov." is another office
    assert title_conflict("deputy commander", "commander") is not None


@pytest.mark.parametrize("a, b", [
    ("I feel very badly for Gen. Flynn", "I feel very badly for General Flynn"),  # abbreviation
    ("now it looks like (Libyan strongman Muammar) al-Qaddafi is going to win",
     "now it looks like (Libyan strongman Moammar) Gadhafi is going to win"),  # editorial insertion, spelling
    ("I was talking about the radical environmentalist", "I was talking about the radical environmentalists"),
])
def test_spelling_abbreviation_and_editorial_insertions_are_not_misquotes(a, b):
    assert quote_conflict(Quote(None, a), Quote(None, b)) is None


def test_rank_difference_is_a_conflict():
    assert title_conflict("deputy foreign minister", "foreign minister") is not None
    assert title_conflict("Microsoft founder", "Microsoft co-founder") is not None
    assert title_conflict("deputy director for the region", "director")  # the rank is the job's


@pytest.mark.parametrize("a, b", [
    ("We really have no choice but to build a wall.", "We really have no choice, but to build a wall!"),  # punctuation
    ("WE REALLY HAVE NO CHOICE but to build a wall", "we really have no choice but to build a wall"),  # case
    ("I am not pro-gay marriage", "I am strongly pro-life and I am not pro-gay marriage"),  # excerpt
    ("We have learned something very important since then", "We have learned something … important since then"),  # marked cut
    ("There should be no one-on-one meeting with the president", "There should be no one-on-one meeting with president"),
    ("I'm not going to pay for that f***ing wall", "I'm not going to pay for that fucking wall"),  # censored
    # interjections and intensifiers only: a repeated line or a dropped "Oh", the same remark
    ("We have learned something very important since then", "We have learned something important since then"),
    ("It should have never, ever been made", "It should have never been made"),
    ("Oh, we will win this case in the end", "We will win this case in the end"),
    # a number printed in figures or in words, "&" or "and", "%" or "percent": house style, not the speaker
    ("But there's a one-in-three chance that we could lose", "But there's a 1 in 3 chance that we could lose"),
    ("twenty-five of them were gone by the third day", "25 of them were gone by the 3rd day"),
    ("some good & some bad, and that cannot be allowed", "some good and some bad, and that cannot be allowed"),
    ("we cut costs by 40% this year alone", "we cut costs by 40 percent this year alone"),
    ("By rolling back this eleventh-hour regulation, we protect them", "By rolling back this 11th hour regulation, we "
     "protect them"),
    ("the twenty-first century will be ours, I promise", "the 21st century will be ours, I promise"),
    ("making sure that people knew they were OK", "making sure that people knew they were okay"),
    ("we cut costs by 40 per cent this year alone", "we cut costs by 40 percent this year alone"),
])
def test_quotes_an_editor_would_not_act_on(a, b):
    assert quote_conflict(Quote("Trump", a), Quote("Trump", b)) is None


def test_different_words_inside_one_quote_are_a_conflict():
    assert quote_conflict(Quote("Trump", "Flynn lied and they destroyed his life."),
                          Quote("Trump", "Flynn lied, and it destroyed his life")) is not None
    assert quote_conflict(Quote("Trump", "We have learned something truly important since then"),
                          Quote("Trump", "We have learned something hugely important since then")) is not None
    # an intensifier replaced by a word of content is a change
    assert quote_conflict(Quote("Trump", "It should have never, ever been made"),
                          Quote("Trump", "It should have never, once been made")) is not None
    # counter-example: another number, in words or figures, is another quote
    assert quote_conflict(Quote("Boehner", "there's a one-in-three chance that we could lose"),
                          Quote("Boehner", "there's a 1 in 4 chance that we could lose")) is not None
    assert quote_conflict(Quote("Salazar", "By rolling back this eleventh-hour regulation, we protect them"),
                          Quote("Salazar", "By rolling back this 12th hour regulation, we protect them")) is not None
    assert quote_conflict(Quote(None, "they cannot believe what they're finding"),
                          Quote(None, "they cannot believe what they're talking")) is not None


def test_named_days_are_dates():
    assert named_day_span("Easter weekend", 2019, None, None) == (dt.date(2019, 4, 20), dt.date(2019, 4, 22))
    assert named_day_span("Thanksgiving", 2018, None, None) == (dt.date(2018, 11, 22),) * 2
    assert named_day_span("Election Day", 2016, None, None) == (dt.date(2016, 11, 8),) * 2
    assert named_day_span("Christmas Eve", None, dt.date(2019, 1, 3), "past") == (dt.date(2018, 12, 24),) * 2
    assert named_day_span("Christmas Eve", None, None, None) is None  # no year and no publication date


def test_two_different_maxima_of_one_count_conflict_softly_and_compatible_precision_agrees():
    from factcheck.judge.fact_rules import AGREE, SAME_BOUND_CONFLICT, quantity_verdict
    from factcheck.judge.weights import TWO_FLOORS_CONFIDENCE
    from factcheck.records import Fact, Kind, Quantity

    def count(value, low=None, high=None):
        return Fact("s", Kind.NUMBER, 0, 1, "x", Quantity(value, "people", low, high))

    assert quantity_verdict(count(1.5e6, 0, 1.5e6), count(1.6e6, 0, 1.6e6)) == SAME_BOUND_CONFLICT
    assert quantity_verdict(count(60_000, 54_000, 66_000), count(60_000, 60_000, float("inf"))) == AGREE
    # one minimum stated to two precisions ("more than 15 million" / "at least 15.1 million") agrees;
    # two different minima ("at least 8 dead" / "at least 9 dead") are both true of 10: low confidence only
    inf = float("inf")
    assert quantity_verdict(count(15e6, 15e6, inf), count(15.1e6, 15.1e6, inf)) == AGREE
    assert quantity_verdict(count(8, 8, inf), count(9, 9, inf)) == TWO_FLOORS_CONFIDENCE < 0.5
    # counter-examples: a floor above a plain figure still conflicts ("at least 63 killed" / "50 killed")
    assert quantity_verdict(count(63, 63, inf), count(50)) not in (AGREE, TWO_FLOORS_CONFIDENCE)


def test_calendar_units_span_their_shortest_and_longest_length():
    """"A two-month moratorium" / "60 days": months have 28 to 31 days, so one duration in two units agrees;
    a length outside that span, or two counts of one unit, still conflict."""
    from factcheck.judge.fact_rules import AGREE, quantity_verdict
    from factcheck.records import Fact, Kind, Quantity

    def duration(value, unit):
        return Fact("s", Kind.DURATION, 0, 1, "x", Quantity(value, unit))

    assert quantity_verdict(duration(2, "month"), duration(60, "day")) == AGREE
    assert quantity_verdict(duration(1, "year"), duration(365, "day")) == AGREE
    assert quantity_verdict(duration(2, "month"), duration(90, "day")) not in (AGREE, None)
    assert quantity_verdict(duration(2, "month"), duration(3, "month")) not in (AGREE, None)
    assert quantity_verdict(duration(1, "week"), duration(8, "day")) not in (AGREE, None)


def test_one_maximum_length_in_two_units_agrees():
    """ "up to six months" / "up to 26 weeks": one limit, in months and in weeks (a month is 28 to 31 days)."""
    from factcheck.judge.fact_rules import AGREE, SAME_BOUND_CONFLICT, quantity_verdict
    from factcheck.records import Fact, Kind, Quantity

    def upto(value, unit):
        return Fact("s", Kind.DURATION, 0, 1, "x", Quantity(value, unit, 0, value))

    assert quantity_verdict(upto(6, "month"), upto(26, "week")) == AGREE
    # counter-example: two maxima in two units that are no one length still conflict
    assert quantity_verdict(upto(6, "month"), upto(20, "week")) == SAME_BOUND_CONFLICT
