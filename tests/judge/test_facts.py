"""FactComparator: typed facts of two sentences -> at most one Discrepancy, per-kind rules."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.judge.fact_text_rules import quote_conflict, title_conflict, word_changes
from factcheck.judge.facts import FactComparator
from factcheck.records import (CandidatePair, DateSpan, Discrepancy, Elapsed, Entity, Fact, Kind, Quantity, Quote,
                               Role, Sentence)

D = dt.date
PUB = D(2023, 6, 21)


def sent(article: str, text: str, *persons: str) -> Sentence:
    entities = tuple(Entity("PERSON", text.index(p), text.index(p) + len(p), p) for p in persons)
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text, entities)


def fact(s: Sentence, kind: Kind, surface: str, value, **attrs) -> Fact:
    start = s.text.index(surface)
    resolved = getattr(value, "resolved", True)
    if isinstance(value, Elapsed):
        resolved = value.previous.resolved
    return Fact(s.id, kind, start, start + len(surface), surface, value, resolved, attrs)


def day(y: int, m: int, d: int, d2: int | None = None) -> DateSpan:
    return DateSpan(D(y, m, d), D(y, m, d2 or d))


def compare(a: Sentence, fa: list[Fact], b: Sentence, fb: list[Fact], similarity: float = 0.8,
            pub_a: dt.date | None = PUB, pub_b: dt.date | None = PUB) -> list[Discrepancy]:
    return FactComparator().compare(CandidatePair(a, b, similarity), fa, fb, pub_a, pub_b)


# --- dates ------------------------------------------------------------------------------------


def test_facts_date_conflict_reports_both_values_and_spans():
    a = sent("A", "The foreign ministers' meetings on February 5–6 covered trade.")
    b = sent("B", "The foreign ministers met on Monday to discuss trade.")
    fa = [fact(a, Kind.DATE, "February 5–6", day(2023, 2, 5, 6), anchor="inferred-year", event="meet", relation="on")]
    fb = [fact(b, Kind.DATE, "on Monday", day(2023, 6, 19), anchor="weekday", weekday=0, event="meet", relation="")]
    [d] = compare(a, fa, b, fb)
    assert d.kind is Kind.DATE
    assert (d.a_value, d.b_value) == ("2023-02-05..2023-02-06", "2023-06-19")
    assert d.explanation.startswith('dates differ: "February 5–6" (2023-02-05..2023-02-06) vs "on Monday" (2023-06-19)')
    assert a.text[d.a_span[0]:d.a_span[1]] == "February 5–6"
    assert b.text[d.b_span[0]:d.b_span[1]] == "on Monday"
    assert d.id == Discrepancy.make_id(a, b)
    assert 0.5 < d.confidence <= 1.0


def test_facts_a_plan_overtaken_by_events_is_no_conflict():
    """An article written in February says the meeting is "next week"; one written in June, after that week,
    says it took place on Sunday: the visit was put off, neither article was wrong when written."""
    a = sent("A", "During next week's meeting in Beijing the ministers will discuss trade.")
    b = sent("B", "The ministers met in Beijing on Sunday to discuss trade.")
    fa = [fact(a, Kind.DATE, "next week", day(2023, 2, 6, 12), anchor="relative", event="meet", relation="")]
    fb = [fact(b, Kind.DATE, "on Sunday", day(2023, 6, 18), anchor="weekday", weekday=6, event="meet", relation="")]
    assert compare(a, fa, b, fb, pub_a=D(2023, 2, 4), pub_b=D(2023, 6, 19)) == []
    assert compare(b, fb, a, fa, pub_a=D(2023, 6, 19), pub_b=D(2023, 6, 19)) != []
    # counter-examples: both written before the planned week (two plans), or the June article giving a past date
    assert compare(a, fa, b, fb, pub_a=D(2023, 2, 4), pub_b=D(2023, 2, 5)) != []
    past = [fact(a, Kind.DATE, "next week", day(2023, 2, 6, 12), anchor="relative", event="meet", relation="")]
    assert compare(a, past, b, fb, pub_a=D(2023, 2, 20), pub_b=D(2023, 6, 19)) != []


def test_facts_id_is_order_independent():
    a = sent("A", "The summit opened on 5 March 2024.")
    b = sent("B", "The summit opened on 9 March 2024.")
    fa = [fact(a, Kind.DATE, "5 March 2024", day(2024, 3, 5), anchor="absolute", relation="on")]
    fb = [fact(b, Kind.DATE, "9 March 2024", day(2024, 3, 9), anchor="absolute", relation="on")]
    [ab] = compare(a, fa, b, fb)
    [ba] = compare(b, fb, a, fa)
    assert ab.id == ba.id
    assert ab.a_value == ba.b_value


@pytest.mark.parametrize("value_a, attrs_a, value_b, attrs_b, conflict", [
    (day(2024, 3, 5), {}, day(2024, 3, 5), {}, False),  # same day
    (day(2024, 3, 4, 6), {}, day(2024, 3, 5), {}, False),  # day inside the range
    (DateSpan(D(2024, 3, 1), D(2024, 3, 31), "month"), {}, day(2024, 3, 20), {}, False),  # month vs day in it
    (day(2024, 3, 5), {}, day(2024, 3, 9), {}, True),
    (DateSpan(None, None, month_day=(3, 5, 6)), {"anchor": "unanchored"}, day(2024, 7, 9), {}, True),
    (DateSpan(None, None, month_day=(3, 5, 6)), {"anchor": "unanchored"}, day(2024, 3, 6), {}, False),
    (DateSpan(None, None, month_day=(3, 5, 6)), {"anchor": "unanchored"},
     DateSpan(None, None, month_day=(3, 12, 12)), {"anchor": "unanchored"}, True),
    (DateSpan(None, None), {"anchor": "unanchored", "weekday": 0}, day(2023, 5, 3), {}, True),  # a Wednesday
    (DateSpan(None, None), {"anchor": "unanchored", "weekday": 2}, day(2023, 5, 3), {}, False),
    (DateSpan(None, None), {"anchor": "unanchored", "relative": "last month"}, day(2023, 5, 3), {}, False),
    (day(2023, 12, 28), {"anchor": "inferred-year"}, day(2024, 12, 28), {}, False),  # only a guessed year differs
])
def test_facts_date_rules(value_a, attrs_a, value_b, attrs_b, conflict):
    a = sent("A", "The board met on that day to approve the plan.")
    b = sent("B", "The board met on another day to approve the plan.")
    fa = [fact(a, Kind.DATE, "that day", value_a, event="meet", relation="on", **attrs_a)]
    fb = [fact(b, Kind.DATE, "another day", value_b, event="meet", relation="on", **attrs_b)]
    assert bool(compare(a, fa, b, fb)) is conflict


def test_facts_yearless_date_has_lower_confidence_than_resolved():
    a = sent("A", "The board met on that day to approve the plan.")
    b = sent("B", "The board met on another day to approve the plan.")
    fb = [fact(b, Kind.DATE, "another day", day(2024, 7, 9), event="meet", relation="on", anchor="absolute")]
    yearless = [fact(a, Kind.DATE, "that day", DateSpan(None, None, month_day=(3, 5, 6)), event="meet",
                     relation="on", anchor="unanchored")]
    resolved = [fact(a, Kind.DATE, "that day", day(2024, 3, 5, 6), event="meet", relation="on", anchor="absolute")]
    assert compare(a, yearless, b, fb)[0].confidence < compare(a, resolved, b, fb)[0].confidence


def test_facts_one_day_apart_is_less_certain():
    a = sent("A", "The board met on that day to approve the plan.")
    b = sent("B", "The board met on another day to approve the plan.")
    fa = [fact(a, Kind.DATE, "that day", day(2024, 3, 5), event="meet", relation="on")]
    near = [fact(b, Kind.DATE, "another day", day(2024, 3, 6), event="meet", relation="on")]
    far = [fact(b, Kind.DATE, "another day", day(2024, 3, 20), event="meet", relation="on")]
    assert compare(a, fa, b, near)[0].confidence < compare(a, fa, b, far)[0].confidence


@pytest.mark.parametrize("text_a, text_b, persons_a, persons_b, event_a, event_b, relation", [
    ("Ana Kovac met farmers on that day.", "Luis Ortega met farmers on another day.", ["Ana Kovac"],
     ["Luis Ortega"], "meet", "meet", "on"),  # different people, different meetings
    ("The council voted on that day.", "The council met the protesters on another day.", [], [], "vote", "meet",
     "on"),  # different events
    ("The road has been closed since that day.", "The road was closed on another day.", [], [], "close", "close",
     "since"),  # a bound, not a point
])
def test_facts_date_true_negatives(text_a, text_b, persons_a, persons_b, event_a, event_b, relation):
    a = sent("A", text_a, *persons_a)
    b = sent("B", text_b, *persons_b)
    fa = [fact(a, Kind.DATE, "that day", day(2024, 3, 5), event=event_a, relation=relation)]
    fb = [fact(b, Kind.DATE, "another day", day(2024, 3, 9), event=event_b, relation="on")]
    assert compare(a, fa, b, fb, similarity=1.0) == []


def test_facts_date_different_clause_participants_are_different_events():
    """One story, two meetings: the people of each date's own clause differ."""
    a = sent("A", "Pompeo met Wang in Beijing on that day.", "Pompeo", "Wang")
    b = sent("B", "Blinken met Qin in Beijing on another day, as Pompeo once did.", "Blinken", "Qin", "Pompeo")
    fa = [fact(a, Kind.DATE, "that day", day(2018, 10, 8), event="meet", relation="on",
               participants=("Pompeo", "Wang"))]
    fb = [fact(b, Kind.DATE, "another day", day(2023, 6, 18), event="meet", relation="on",
               participants=("Blinken", "Qin"))]
    assert compare(a, fa, b, fb, similarity=1.0) == []
    typo = [fact(b, Kind.DATE, "another day", day(2023, 6, 18), event="meet", relation="on",
                 participants=("Pompeu",))]  # one letter off: the same man
    assert compare(a, fa, b, typo, similarity=1.0)


def test_facts_hedged_against_reported_is_less_certain():
    a = sent("A", "The minister was scheduled to visit on that day.")
    b = sent("B", "The minister visited on another day.")
    fb = [fact(b, Kind.DATE, "another day", day(2023, 6, 19), event="visit", relation="on")]
    plan = [fact(a, Kind.DATE, "that day", day(2023, 2, 5), event="visit", relation="on", hedged=True)]
    report = [fact(a, Kind.DATE, "that day", day(2023, 2, 5), event="visit", relation="on", hedged=False)]
    assert compare(a, plan, b, fb)[0].confidence < compare(a, report, b, fb)[0].confidence


def test_facts_date_agreeing_fact_confirms_the_sentence():
    """A second date in one sentence (an announcement) is not compared with the event's date."""
    a = sent("A", "On that day she announced talks for June 5.")
    b = sent("B", "The talks are set for June 5.")
    fa = [fact(a, Kind.DATE, "that day", day(2024, 5, 2), relation="on"),
          fact(a, Kind.DATE, "June 5", day(2024, 6, 5), event="meet", relation="for")]
    fb = [fact(b, Kind.DATE, "June 5", day(2024, 6, 5), event="meet", relation="for")]
    assert compare(a, fa, b, fb) == []


# --- numbers and durations ---------------------------------------------------------------------


def hours(value: float, low: float | None = None, high: float | None = None, unit: str = "hour") -> Quantity:
    return Quantity(value, unit, value if low is None else low, value if high is None else high,
                    approximate=low is not None)


@pytest.mark.parametrize("qa, qb, conflict", [
    (hours(6), hours(3), True),
    (hours(6), hours(6), False),
    (hours(7, 5.6, 7), hours(6), False),  # nearly seven hours vs six
    (hours(3, 3, float("inf")), hours(5), False),  # more than three vs five
    (hours(2), hours(120, unit="minute"), False),  # same length, other unit
    (hours(2), hours(40, unit="minute"), True),
    (hours(2, unit="day"), hours(48), False),
])
def test_facts_duration_rules(qa, qb, conflict):
    a = sent("A", "The union talks took this long.")
    b = sent("B", "The union talks took that long.")
    fa = [fact(a, Kind.DURATION, "this long", qa, event="meet", of="talks")]
    fb = [fact(b, Kind.DURATION, "that long", qb, event="meet", of="talks")]
    found = compare(a, fa, b, fb)
    assert bool(found) is conflict
    if conflict:
        assert found[0].kind is Kind.DURATION
        assert found[0].explanation.startswith('durations differ: "this long"')


def test_facts_two_meetings_with_different_people_are_not_a_conflict():
    a = sent("A", "Minister Ana Kovac held six hours of talks with the unions.", "Ana Kovac")
    b = sent("B", "Minister Luis Ortega held three hours of talks with the farmers.", "Luis Ortega")
    fa = [fact(a, Kind.DURATION, "six hours", hours(6), event="meet", of="talks", persons=("Ana Kovac",))]
    fb = [fact(b, Kind.DURATION, "three hours", hours(3), event="meet", of="talks", persons=("Luis Ortega",))]
    assert compare(a, fa, b, fb, similarity=1.0) == []


@pytest.mark.parametrize("qa, verb_a, qb, verb_b, conflict", [
    (Quantity(300.0, "people", 300.0, 300.0), "attended", Quantity(120.0, "people", 102.0, 138.0, True),
     "attended", True),
    (Quantity(45.0, "people", 45.0, 45.0), "arrested", Quantity(3000.0, "people", 2550.0, 3450.0, True),
     "watched", False),  # different things counted
    (Quantity(3e6, "usd", 3e6, 3e6), "raised", Quantity(2.8e6, "eur", 2.8e6, 2.8e6), "raised", False),
    (Quantity(2.5e6, "usd", 2.5e6, 2.5e6), "cost", Quantity(2.48e6, "usd", 2.48e6, 2.48e6), "cost", True),
])
def test_facts_number_rules(qa, verb_a, qb, verb_b, conflict):
    a = sent("A", "The crowd figure was this many.")
    b = sent("B", "The crowd figure was that many.")
    fa = [fact(a, Kind.NUMBER, "this many", qa, verb=verb_a)]
    fb = [fact(b, Kind.NUMBER, "that many", qb, verb=verb_b)]
    assert bool(compare(a, fa, b, fb)) is conflict


def test_facts_close_numbers_are_less_certain():
    a = sent("A", "The bill costs this much.")
    b = sent("B", "The bill costs that much.")
    fa = [fact(a, Kind.NUMBER, "this much", Quantity(2.5e6, "usd", 2.5e6, 2.5e6))]
    close = [fact(b, Kind.NUMBER, "that much", Quantity(2.48e6, "usd", 2.48e6, 2.48e6))]
    far = [fact(b, Kind.NUMBER, "that much", Quantity(4.2e6, "usd", 4.2e6, 4.2e6))]
    assert compare(a, fa, b, close)[0].confidence < compare(a, fa, b, far)[0].confidence


# --- elapsed-time claims ---------------------------------------------------------------------------


def elapsed(first: D, last: D, subject: str = "visit") -> Elapsed:
    return Elapsed(DateSpan(first, last, "month", approximate=True), subject)


@pytest.mark.parametrize("span_a, span_b, subject_b, conflict", [
    ((D(2017, 6, 19), D(2018, 12, 19)), (D(2019, 1, 1), D(2019, 12, 31)), "visit", True),  # five years vs 2019
    ((D(2017, 6, 19), D(2018, 12, 19)), (D(2018, 10, 1), D(2018, 10, 31)), "visit", False),  # vs October 2018
    ((D(2017, 6, 19), D(2018, 12, 19)), (D(2019, 1, 1), D(2019, 12, 31)), "snowfall", False),  # other subject
    ((D(2017, 6, 19), D(2018, 12, 19)), (D(2019, 1, 1), D(2019, 12, 31)), "time", True),  # "first time": generic
    ((D(2017, 6, 19), D(2018, 12, 19)), (D(2019, 1, 1), D(2019, 12, 31)), "visits", True),  # same word, plural
])
def test_facts_since_rules(span_a, span_b, subject_b, conflict):
    a = sent("A", "It was the first visit in five years.")
    b = sent("B", "It was the most senior visit since then.")
    fa = [fact(a, Kind.SINCE, "first visit in five years", elapsed(*span_a), event="visit")]
    fb = [fact(b, Kind.SINCE, "most senior visit since then", elapsed(*span_b, subject=subject_b),
               event="visit" if subject_b == "visit" else None)]
    found = compare(a, fa, b, fb, pub_a=D(2023, 6, 19), pub_b=D(2023, 6, 19))
    assert bool(found) is conflict
    if conflict:
        assert found[0].kind is Kind.SINCE
        assert found[0].a_value == "2017-06..2018-12"


def test_facts_since_relative_claim_borrows_the_other_publication_date():
    a = sent("A", "It was the first visit in six years.")
    b = sent("B", "It was the most senior visit since 2020.")
    fa = [fact(a, Kind.SINCE, "first visit in six years", Elapsed(DateSpan(None, None, "month", approximate=True),
                                                                   "visit"), event="visit", ago_days=(2009, 2557))]
    fb = [fact(b, Kind.SINCE, "most senior visit since 2020", elapsed(D(2020, 1, 1), D(2020, 12, 31)), event="visit")]
    [with_proxy] = compare(a, fa, b, fb, pub_a=None, pub_b=D(2024, 5, 1))
    assert with_proxy.kind is Kind.SINCE
    assert compare(a, fa, b, fb, pub_a=None, pub_b=None) == []  # nothing to anchor on: not reported


def test_facts_since_claim_vs_more_recent_explicit_visit():
    a = sent("A", "It was the first visit to the island in five years.")
    b = sent("B", "The president visited the island in March 2021.")
    fa = [fact(a, Kind.SINCE, "first visit to the island in five years", elapsed(D(2017, 6, 19), D(2018, 12, 19)),
               event="visit")]
    fb = [fact(b, Kind.DATE, "March 2021", DateSpan(D(2021, 3, 1), D(2021, 3, 31), "month"), event="visit",
               relation="in", anchor="absolute")]
    [d] = compare(a, fa, b, fb, pub_a=D(2023, 6, 19), pub_b=D(2023, 6, 19))
    assert d.kind is Kind.SINCE and "more recent" in d.explanation
    assert d.a_value == "2017-06..2018-12" and d.b_value == "2021-03"


# --- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize("core_a, core_b, conflict", [
    ("co founder", "founder", True),
    ("microsoft co founder", "microsoft founder", True),
    ("microsoft co founder", "co founder", False),  # organisation as qualifier
    ("foreign minister", "top diplomat", False),
    ("secretary of state", "top diplomat", False),
    ("deputy health minister", "health minister", True),
    ("former mayor", "mayor", False),  # courtesy titles: "Mayor X" is still said of a former mayor
    ("trade minister", "finance minister", False),  # two descriptions far more often than a misstatement (tuning stories)
    ("chief executive", "ceo", False),
    ("spokeswoman", "spokesperson for ministry", False),
    ("opposition leader", "head of green party", False),  # vague titles
    ("premier", "prime minister", False),
    ("president", "president", False),
])
def test_facts_title_conflict(core_a, core_b, conflict):
    assert (title_conflict(core_a, core_b) is not None) is conflict


def role_pair(name_a: str, title_a: str, name_b: str, title_b: str):
    a = sent("A", f"{title_a} {name_a} announced the fund.", name_a)
    b = sent("B", f"{title_b} {name_b} announced the fund.", name_b)
    fa = [fact(a, Kind.ROLE, f"{title_a} {name_a}", Role(name_a, title_a), core=title_a.lower().replace("-", " "))]
    fb = [fact(b, Kind.ROLE, f"{title_b} {name_b}", Role(name_b, title_b), core=title_b.lower().replace("-", " "))]
    return a, fa, b, fb


def test_facts_role_conflict_explanation():
    a, fa, b, fb = role_pair("Mara Jensen", "Co-founder", "Mara Jensen", "Founder")
    [d] = compare(a, fa, b, fb)
    assert d.kind is Kind.ROLE
    assert d.explanation == 'titles differ for Mara Jensen: "Co-founder" vs "Founder"'
    assert (d.a_value, d.b_value) == ("Mara Jensen: Co-founder", "Mara Jensen: Founder")


@pytest.mark.parametrize("name_b", ["Ella Jensen", "Mara Holt"])
def test_facts_role_other_person_is_not_compared(name_b):
    a, fa, b, fb = role_pair("Mara Jensen", "Co-founder", name_b, "Founder")
    assert compare(a, fa, b, fb) == []


def test_facts_role_one_matching_title_is_enough():
    a, fa, b, fb = role_pair("Hana Sato", "Foreign Minister", "Hana Sato", "Deputy Leader")
    fb.append(fact(b, Kind.ROLE, "Hana Sato", Role("Hana Sato", "top diplomat"), core="top diplomat"))
    assert compare(a, fa, b, fb) == []


# --- quotes ------------------------------------------------------------------------------------


def quote_pair(speaker_a, content_a, speaker_b, content_b):
    a = sent("A", f"“{content_a},” said {speaker_a or 'someone'}.")
    b = sent("B", f"“{content_b},” said {speaker_b or 'someone'}.")
    return a, [fact(a, Kind.QUOTE, content_a, Quote(speaker_a, content_a))], \
        b, [fact(b, Kind.QUOTE, content_b, Quote(speaker_b, content_b))]


def test_facts_quote_conflict_has_word_diff():
    a, fa, b, fb = quote_pair("Rosa Mendes", "We will not back down from this fight",
                              "Mendes", "We will never back down from this fight")
    [d] = compare(a, fa, b, fb)
    assert d.kind is Kind.QUOTE
    assert d.explanation == ('quote differs (Rosa Mendes): "We will not back down from this fight" vs '
                             '"We will never back down from this fight": "not" → "never"')


@pytest.mark.parametrize("speaker_a, content_a, speaker_b, content_b, conflict", [
    ("Rosa Mendes", "We can't accept this offer", "Mendes", "We cannot accept this offer", False),
    ("Rosa Mendes", "accept this offer today", "Mendes", "We will not accept this offer today or ever", False),
    ("Ana Lind", "This is a sad day for the city", "Joe Park", "This is a historic day for the city", False),
    ("Ben Ito", "Our players showed great courage tonight", "Ben Ito", "The referee made several poor decisions",
     False),
    ("Ben Ito", "The results speak for themselves", "Ito", "The results speak for themselves!", False),
    ("Ruth Adler", "Our hospitals are safe and well funded", "Adler", "Our hospitals are safe and fully funded",
     True),
    (None, "Our hospitals are safe and well funded", None, "Our hospitals are safe and fully funded", True),
])
def test_facts_quote_rules(speaker_a, content_a, speaker_b, content_b, conflict):
    assert (quote_conflict(Quote(speaker_a, content_a), Quote(speaker_b, content_b)) is not None) is conflict


def test_facts_quote_paraphrase_outside_quotes_is_not_compared():
    a = sent("A", "“We will not back down,” said Rosa Mendes.")
    b = sent("B", "Rosa Mendes said the union would not back down.")
    fa = [fact(a, Kind.QUOTE, "We will not back down", Quote("Rosa Mendes", "We will not back down"))]
    assert compare(a, fa, b, []) == []


def test_facts_quote_excerpt_is_diffed_against_the_stretch_it_covers():
    a, fa, b, fb = quote_pair("Ana Lind", "We respect their views, but we will defend our security and development "
                              "interests at every turn", "Lind", "our security and economic interests")
    [d] = compare(a, fa, b, fb)
    assert d.explanation.endswith('"development" → "economic"')
    assert '"…our security and development interests…"' in d.explanation


def test_facts_word_changes():
    assert word_changes("we will not go", "we shall not go now") == '"will" → "shall"; +"now"'


# --- one result per pair ----------------------------------------------------------------------


def test_facts_returns_only_the_most_confident():
    a = sent("A", "Co-founder Mara Jensen opened the fair on 5 March 2024.", "Mara Jensen")
    b = sent("B", "Founder Mara Jensen opened the fair on 9 March 2024.", "Mara Jensen")
    fa = [fact(a, Kind.ROLE, "Co-founder Mara Jensen", Role("Mara Jensen", "Co-founder"), core="co founder"),
          fact(a, Kind.DATE, "5 March 2024", day(2024, 3, 5), relation="on", anchor="absolute", event="open")]
    fb = [fact(b, Kind.ROLE, "Founder Mara Jensen", Role("Mara Jensen", "Founder"), core="founder"),
          fact(b, Kind.DATE, "9 March 2024", day(2024, 3, 9), relation="on", anchor="absolute", event="open")]
    found = compare(a, fa, b, fb)
    assert len(found) == 1
    assert found[0].kind is Kind.DATE  # an explicit date conflict is surer than a title conflict


def test_facts_constructor_only_stores_arguments():
    assert vars(FactComparator()) == {"kinds": None, "min_relatedness": 0.4}


def test_facts_kinds_filter():
    a, fa, b, fb = role_pair("Mara Jensen", "Co-founder", "Mara Jensen", "Founder")
    assert FactComparator(kinds=["date"]).compare(CandidatePair(a, b, 0.9), fa, fb) == []


# --- property: arbitrary fact values never make the comparator raise -----------------------------

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 1, 1))
spans = st.one_of(
    st.tuples(dates, st.integers(0, 400)).map(lambda t: DateSpan(t[0], t[0] + dt.timedelta(days=t[1]))),
    st.tuples(st.integers(1, 12), st.integers(1, 28), st.integers(0, 3)).map(
        lambda t: DateSpan(None, None, month_day=(t[0], t[1], t[1] + t[2]))),
    st.just(DateSpan(None, None)),
)
values = st.one_of(
    spans.map(lambda s: (Kind.DATE, s)),
    st.tuples(st.sampled_from([Kind.NUMBER, Kind.DURATION]), st.floats(0, 1e9), st.sampled_from(["hour", "people"]),
              st.floats(0, 2)).map(lambda t: (t[0], Quantity(t[1], t[2], t[1] * min(t[3], 1), t[1] * max(t[3], 1)))),
    spans.map(lambda s: (Kind.SINCE, Elapsed(s, "visit"))),
    st.text(max_size=20).map(lambda t: (Kind.ROLE, Role("Ana Lind", t))),
    st.text(max_size=40).map(lambda t: (Kind.QUOTE, Quote("Ana Lind", t))),
)
attrs = st.fixed_dictionaries({}, optional={
    "weekday": st.integers(0, 6), "anchor": st.sampled_from(["absolute", "weekday", "unanchored", "inferred-year"]),
    "event": st.sampled_from(["meet", "visit", None]), "relation": st.sampled_from(["on", "since", ""]),
    "ago_days": st.tuples(st.integers(0, 3000), st.integers(0, 3000)), "core": st.text(max_size=15),
    "persons": st.lists(st.sampled_from(["Ana Lind", "Joe Park", ""]), max_size=2).map(tuple),
})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(values, attrs), max_size=4), st.lists(st.tuples(values, attrs), max_size=4),
       st.one_of(st.none(), dates), st.one_of(st.none(), dates), st.floats(0, 1))
def test_facts_arbitrary_values_never_raise(side_a, side_b, pub_a, pub_b, similarity):
    a = sent("A", "Ana Lind said something on some day.")
    b = sent("B", "Ana Lind said something else on another day.")
    fa = [Fact(a.id, kind, 0, 3, "Ana", value, True, dict(extra)) for (kind, value), extra in side_a]
    fb = [Fact(b.id, kind, 0, 3, "Ana", value, True, dict(extra)) for (kind, value), extra in side_b]
    found = FactComparator().compare(CandidatePair(a, b, similarity), fa, fb, pub_a, pub_b)
    assert len(found) <= 1
    for d in found:
        assert 0.0 <= d.confidence <= 1.0
