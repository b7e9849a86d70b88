"""Date extraction and anchoring: absolute forms, relative expressions, weekdays, unresolved dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract.dates import anchor_weekday, date_candidates, find_dates
from factcheck.records import Entity

D = dt.date


def only(text: str, published: dt.date | None = None, entities=()):
    found = find_dates(text, entities, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, published, expected, surface", [
    ("They met on February 5–6.", D(2023, 6, 19), "2023-02-05..2023-02-06", "February 5–6"),
    ("They met on February 5-6, 2022.", D(2023, 6, 19), "2022-02-05..2022-02-06", "February 5-6, 2022"),
    ("It was signed on Oct. 3, 2021.", None, "2021-10-03", "Oct. 3, 2021"),
    ("It was signed on Sept. 30, 2020.", None, "2020-09-30", "Sept. 30, 2020"),
    ("She moved to Lyon in June 2018.", None, "2018-06-01..2018-06-30", "June 2018"),
    ("Talks opened on 12 March 2023.", None, "2023-03-12", "12 March 2023"),
    ("Talks opened on 12\u00a0March\u00a02023.", None, "2023-03-12", "12\u00a0March\u00a02023"),
    ("The fair ran from June 30 to July 2, 2024.", None, "2024-06-30..2024-07-02", "June 30 to July 2, 2024"),
    ("The vote is in early March 2024.", None, "2024-03-01..2024-03-10", "early March 2024"),
    ("It was filed on 2021-10-03.", None, "2021-10-03", "2021-10-03"),
    ("It was filed on 10/03/2021.", None, "2021-10-03", "10/03/2021"),
    ("The plant closed in 2019.", None, "2019-01-01..2019-12-31", "2019"),
])
def test_dates_absolute_forms(text, published, expected, surface):
    mention = only(text, published)
    assert str(mention.span) == expected
    assert mention.text == surface
    assert text[mention.start:mention.end] == surface


@pytest.mark.parametrize("text, expected", [
    ("They met last month.", "2023-12-01..2023-12-31"),
    ("Sales fell last year.", "2023-01-01..2023-12-31"),
    ("They met earlier this month.", "2024-01-01..2024-01-02"),  # earlier than the day of publication
    ("They will meet later this month.", "2024-01-03..2024-01-31"),
    ("They met four months ago.", "2023-09-01..2023-09-30"),
    ("They met two days ago.", "2024-01-01"),
    ("They met eight days ago.", "2023-12-25..2023-12-27"),  # counted inclusively or not
    ("They will meet next week.", "2024-01-08..2024-01-14"),
    ("They met last week.", "2023-12-25..2023-12-31"),
    ("They met last August.", "2023-08-01..2023-08-31"),
    ("They will meet next August.", "2024-08-01..2024-08-31"),
    ("They met in February.", "2023-02-01..2023-02-28"),
    ("They will meet in February.", "2024-02-01..2024-02-29"),
    ("They met in December.", "2023-12-01..2023-12-31"),
    ("They will meet in December.", "2024-12-01..2024-12-31"),
    ("They met yesterday.", "2024-01-02"),
    ("They will meet tomorrow.", "2024-01-04"),
    ("They met on December 28.", "2023-12-28"),
    ("They will meet on January 10.", "2024-01-10"),
])
def test_dates_relative_across_year_boundary(text, expected):
    """Published 2024-01-03: 'last month' is December 2023, 'in February' depends on tense."""
    assert str(only(text, D(2024, 1, 3)).span) == expected


@pytest.mark.parametrize("text, expected", [
    ("They met on Monday.", "2023-06-19"),  # past: most recent Monday on/before publication
    ("They will meet on Monday.", "2023-06-26"),  # future: next Monday on/after it
    ("They are scheduled to meet on Friday.", "2023-06-23"),
    ("They met on Wednesday.", "2023-06-21"),  # the publication day itself
    ("They will meet on Wednesday.", "2023-06-21"),
    ("They met last Wednesday.", "2023-06-14"),
    ("They meet next Wednesday.", "2023-06-28"),
    ("The talks on Saturday ended without a deal.", "2023-06-17"),
])
def test_dates_weekday_anchoring(text, expected):
    """Published Wednesday 2023-06-21."""
    mention = only(text, D(2023, 6, 21))
    assert str(mention.span) == expected
    assert mention.attrs["anchor"] == "weekday"


def test_dates_weekday_span_reads_on_monday():
    mention = only("The leaders met on Monday in Rome.", D(2023, 6, 21))
    assert mention.text == "on Monday"


@pytest.mark.parametrize("target, published, tense, expected", [
    (0, D(2023, 6, 21), "past", D(2023, 6, 19)),
    (0, D(2023, 6, 21), "future", D(2023, 6, 26)),
    (0, D(2023, 6, 21), None, D(2023, 6, 19)),  # two days back is nearer than five ahead
    (4, D(2023, 6, 21), None, D(2023, 6, 23)),
    (2, D(2023, 6, 21), "past", D(2023, 6, 21)),
    (2, D(2023, 6, 21), "past", D(2023, 6, 21)),
])
def test_dates_anchor_weekday(target, published, tense, expected):
    assert anchor_weekday(target, published, tense) == expected


def test_dates_yearless_without_publication_keeps_month_day():
    mention = only("Delegates met on February 5–6 in Geneva.")
    assert not mention.span.resolved
    assert mention.span.month_day == (2, 5, 6)
    assert str(mention.span) == "????-02-05..????-02-06"


@pytest.mark.parametrize("text", [
    "They met on Monday.",
    "They met last month.",
    "They met four months ago.",
    "They met yesterday.",
])
def test_dates_relative_without_publication_stay_unresolved(text):
    mention = only(text, None)
    assert not mention.span.resolved
    assert mention.span.month_day is None
    assert str(mention.span) == "unresolved"


@pytest.mark.parametrize("text", [
    "May I ask a question?",
    "Jan Novak said the plan would work.",
    "The talks lasted five years.",
    "He met 2,019 people at the fair.",
    "March on, the crowd chanted.",
    "They met on Feb. 30.",  # no such day: dropped, not guessed
    "Mondays are quiet at the market.",
    "The G7 leaders met.",
    "",
])
def test_dates_not_dates(text):
    assert find_dates(text, published=D(2024, 1, 3)) == []


def test_dates_ner_span_is_used():
    text = "The 2019–20 season was cut short."
    mention = only(text, None, [Entity("DATE", 4, 11, "2019–20")])
    assert str(mention.span) == "2019-01-01..2020-12-31"


def test_dates_candidates_merge_overlaps():
    text = "They met on Monday, June 19, 2023."
    entities = [Entity("DATE", 12, 33, "Monday, June 19, 2023")]
    assert date_candidates(text, entities) == [(9, 33)]
    assert str(only(text, None, entities).span) == "2023-06-19"


def test_dates_skip_spans_are_left_alone():
    assert find_dates("It was the first visit since 2019.", skip=[(29, 33)]) == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=120), st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 1, 1))))
def test_dates_arbitrary_text_never_raises(text, published):
    for mention in find_dates(text, published=published):
        assert 0 <= mention.start <= mention.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.from_regex(r"(on|in|since|last|next) ?(Monday|May|June [0-9]{1,2}(–[0-9]{1,3})?|[0-9]{1,4}|week|month)"
                     r"(, [0-9]{4})?", fullmatch=True),
       st.one_of(st.none(), st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 1, 1))))
def test_dates_date_like_text_never_raises(text, published):
    find_dates(f"They met {text}.", published=published)



@pytest.mark.parametrize("text, months, figure", [
    ("Prices rose 0.9% from May and 5.4% over the past year.", {"May"}, "5.4 percent"),
    ("Sales fell 2% in May and 3.5 percent in June.", {"May", "June"}, "3.5 percent"),
])
def test_a_figure_after_a_month_is_no_day_of_it(text, months, figure):
    """"from May and 5.4%" is May and a percentage, not the days "May and 5"."""
    from factcheck.extract.quantities import find_quantities

    assert {m.text for m in find_dates(text, (), D(2021, 7, 13))} & {"May and 5", "May and 3"} == set()
    assert months <= {m.text for m in find_dates(text, (), D(2021, 7, 13))}
    assert figure in {str(q.quantity) for q in find_quantities(text)}


def test_a_named_day_inside_a_longer_name_is_no_date():
    """"the Juneteenth National Independence Day Act" names a law; "on Independence Day" (the counter-example)
    is the Fourth of July."""
    law = "Biden signed the Juneteenth National Independence Day Act into law on Thursday."
    start = law.index("the Juneteenth")
    entity = Entity("ORG", start, law.index(" into"), law[start:law.index(" into")])
    assert [m.text for m in find_dates(law, [entity], D(2021, 6, 18))] == ["on Thursday"]
    day = "Protesters marched on Independence Day in Boston."
    event = Entity("EVENT", day.index("Independence"), day.index(" in Boston"), "Independence Day")
    assert str(only(day, D(2021, 7, 6), [event]).span) == "2021-07-04"


@pytest.mark.parametrize("text", [
    "The central bank bought bills at rates of interest between 9-15/16 pct and 10 pct.",
    "It bought paper at an interest rate of 10-7/16 pct.",
])
def test_a_mixed_fraction_is_no_numeric_date(text):
    """Wire copy's "9-15/16 pct" was read as 15 September 2016 and flagged against "10-7/16" (7 October)."""
    assert find_dates(text, published=dt.date(1987, 3, 20)) == []


@pytest.mark.parametrize("text, day", [
    ("The contract was signed on 9/15/16 in Boston.", dt.date(2016, 9, 15)),
    ("The contract was signed on 2016-09-15 in Boston.", dt.date(2016, 9, 15)),
])
def test_numeric_dates_with_one_separator_are_still_read(text, day):
    assert [m.span.start for m in find_dates(text, published=dt.date(2016, 10, 1))] == [day]
