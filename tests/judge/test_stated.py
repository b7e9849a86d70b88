"""judge/stated.py: a conflict whose one value the other article states too is two things, not a dispute."""

from __future__ import annotations

import datetime as dt
import pickle

import numpy as np

from factcheck.judge import Judge
from factcheck.judge.facts import FactComparator
from factcheck.judge.stated import ArticleValues, article_values, values_by_article
from factcheck.pipeline import _judge_work
from factcheck.records import CandidatePair, DateSpan, Elapsed, Fact, Kind, Quantity, Sentence

D = dt.date
PUB = D(2010, 12, 1)


def sent(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, index, 0, len(text), text)


def fact(s: Sentence, kind: Kind, surface: str, value, **attrs) -> Fact:
    start = s.text.index(surface)
    return Fact(s.id, kind, start, start + len(surface), surface, value, True, attrs)


def count(value: float, unit: str) -> Quantity:
    return Quantity(value, unit, value, value)


def day(y: int, m: int, d: int) -> DateSpan:
    return DateSpan(D(y, m, d), D(y, m, d))


# Article A: the flagged sentence gives 39 catches; B's gives 29.
A1 = sent("A", "Smith caught 39 passes for the Jets.")
B1 = sent("B", "Smith caught 29 passes for the Jets.")
FA1 = fact(A1, Kind.NUMBER, "39 passes", count(39, "pass"), event=None, verb="catch")
FB1 = fact(B1, Kind.NUMBER, "29 passes", count(29, "pass"), event=None, verb="catch")


def judged(extra_a: list[tuple[Sentence, list[Fact]]] = (), extra_b: list[tuple[Sentence, list[Fact]]] = (),
           fa: list[Fact] = (FA1,), fb: list[Fact] = (FB1,), a: Sentence = A1, b: Sentence = B1):
    """The judge's flags for the pair (a, b), each article holding its extra sentences too."""
    facts = {a.id: list(fa), b.id: list(fb)}
    sentences = {"A": [a], "B": [b]}
    for article, extra in (("A", extra_a), ("B", extra_b)):
        for s, fs in extra:
            sentences[article].append(s)
            facts[s.id] = fs
    stated = values_by_article(sentences, facts, ("A", "B"))
    return Judge(FactComparator(), min_confidence=0.0).judge([CandidatePair(a, b, 0.9)], facts,
                                                             {"A": PUB, "B": PUB}, None, stated)


def test_stated_number_other_article_states_it_too_is_not_flagged():
    a2 = sent("A", "In 2010 Smith caught 29 passes.", 1)
    assert judged(extra_a=[(a2, [fact(a2, Kind.NUMBER, "29 passes", count(29, "pass"))])]) == []


def test_stated_number_works_both_ways():
    b2 = sent("B", "A year earlier he caught 39 passes.", 1)
    assert judged(extra_b=[(b2, [fact(b2, Kind.NUMBER, "39 passes", count(39, "pass"))])]) == []


def test_stated_number_only_own_values_still_conflicts():
    """Counter-example: each article states only its own value (and other, unrelated figures)."""
    a2 = sent("A", "The Jets won 11 games.", 1)
    [d] = judged(extra_a=[(a2, [fact(a2, Kind.NUMBER, "11 games", count(11, "game"))])])
    assert d.kind is Kind.NUMBER and (d.a_value, d.b_value) == ("39 pass", "29 pass")


def test_stated_number_of_another_unit_is_not_the_value():
    """A states 29 touchdowns, not 29 passes: the counts still disagree."""
    a2 = sent("A", "He has 29 touchdowns.", 1)
    assert len(judged(extra_a=[(a2, [fact(a2, Kind.NUMBER, "29 touchdowns", count(29, "touchdown"))])])) == 1


def test_stated_number_must_be_equal_up_to_the_tolerance():
    a2 = sent("A", "In 2010 Smith caught 31 passes.", 1)
    assert len(judged(extra_a=[(a2, [fact(a2, Kind.NUMBER, "31 passes", count(31, "pass"))])])) == 1
    values = ArticleValues(numbers=(("pass", 29.2),))
    assert values.states(FB1) and not values.states(FA1)


def test_stated_duration_compared_in_hours():
    a = sent("A", "The talks lasted two days.")
    b = sent("B", "The talks lasted 36 hours.")
    fa = fact(a, Kind.DURATION, "two days", Quantity(2, "day", 2, 2), event="meet")
    fb = fact(b, Kind.DURATION, "36 hours", Quantity(36, "hour", 36, 36), event="meet")
    a2 = sent("A", "A first round took a day and a half.", 1)
    stated = fact(a2, Kind.DURATION, "a day and a half", Quantity(1.5, "day", 1.5, 1.5))
    assert len(judged(fa=[fa], fb=[fb], a=a, b=b)) == 1
    assert judged(extra_a=[(a2, [stated])], fa=[fa], fb=[fb], a=a, b=b) == []


A_DATE = sent("A", "The company announced the cuts on October 20.")
B_DATE = sent("B", "The company announced the cuts on October 14.")
FA_DATE = fact(A_DATE, Kind.DATE, "October 20", day(2010, 10, 20), event="announce", relation="on", anchor="absolute")
FB_DATE = fact(B_DATE, Kind.DATE, "October 14", day(2010, 10, 14), event="announce", relation="on", anchor="absolute")


def test_stated_date_other_article_recalls_it_is_not_flagged():
    a2 = sent("A", "It had first announced a review on October 14.", 1)
    recalled = fact(a2, Kind.DATE, "October 14", day(2010, 10, 14), relation="on", anchor="absolute")
    assert len(judged(fa=[FA_DATE], fb=[FB_DATE], a=A_DATE, b=B_DATE)) == 1
    assert judged(extra_a=[(a2, [recalled])], fa=[FA_DATE], fb=[FB_DATE], a=A_DATE, b=B_DATE) == []


def test_stated_date_of_another_granularity_or_a_dateline_states_nothing():
    """Counter-examples: "in October 2010" is a month, not the 14th; a dateline dates the filing."""
    a2 = sent("A", "Sales fell in October 2010.", 1)
    month = fact(a2, Kind.DATE, "October 2010", DateSpan(D(2010, 10, 1), D(2010, 10, 31), "month"), relation="in")
    a3 = sent("A", "NEW YORK, October 14 (Reuters) - Shares rose.", 2)
    dateline = fact(a3, Kind.DATE, "October 14", day(2010, 10, 14), relation="", anchor="absolute")
    flags = judged(extra_a=[(a2, [month]), (a3, [dateline])], fa=[FA_DATE], fb=[FB_DATE], a=A_DATE, b=B_DATE)
    assert [d.kind for d in flags] == [Kind.DATE]


def test_stated_elapsed_claims_are_left_to_their_subject_rule():
    """An elapsed-time conflict stays even when one article also names the other's year elsewhere."""
    a = sent("A", "He is the highest-ranking official to visit China since 2019.")
    b = sent("B", "He is the first top official to visit China since 2018.")
    fa = fact(a, Kind.SINCE, "since 2019", Elapsed(DateSpan(D(2019, 1, 1), D(2019, 12, 31), "year"), "official"))
    fb = fact(b, Kind.SINCE, "since 2018", Elapsed(DateSpan(D(2018, 1, 1), D(2018, 12, 31), "year"), "official"))
    a2 = sent("A", "A minister came in 2018.", 1)
    year = fact(a2, Kind.DATE, "in 2018", DateSpan(D(2018, 1, 1), D(2018, 12, 31), "year"), relation="in",
                anchor="absolute")
    values = article_values([a2], {a2.id: [year]})
    assert values.states(fact(b, Kind.DATE, "2018", DateSpan(D(2018, 1, 1), D(2018, 12, 31), "year")))
    assert [d.kind for d in judged(extra_a=[(a2, [year])], fa=[fa], fb=[fb], a=a, b=b)] == [Kind.SINCE]


def test_stated_other_conflicts_of_the_pair_still_count():
    """A suppressed count leaves the pair's date conflict standing."""
    a = sent("A", "On October 20 Smith caught 39 passes.")
    b = sent("B", "On October 14 Smith caught 29 passes.")
    fa = [fact(a, Kind.NUMBER, "39 passes", count(39, "pass"), verb="catch"),
          fact(a, Kind.DATE, "October 20", day(2010, 10, 20), event="play", relation="on", anchor="absolute")]
    fb = [fact(b, Kind.NUMBER, "29 passes", count(29, "pass"), verb="catch"),
          fact(b, Kind.DATE, "October 14", day(2010, 10, 14), event="play", relation="on", anchor="absolute")]
    a2 = sent("A", "The year before he caught 29 passes.", 1)
    flags = judged(extra_a=[(a2, [fact(a2, Kind.NUMBER, "29 passes", count(29, "pass"))])], fa=fa, fb=fb, a=a, b=b)
    assert [d.kind for d in flags] == [Kind.DATE]


def test_stated_values_travel_with_the_judge_work():
    """The pipeline computes each paired article's values once and ships them in JudgeWork (picklable)."""
    a2 = sent("A", "In 2010 Smith caught 29 passes.", 1)
    facts = {A1.id: [FA1], B1.id: [FB1], a2.id: [fact(a2, Kind.NUMBER, "29 passes", count(29, "pass"))]}
    work = _judge_work([CandidatePair(A1, B1, 0.9)], facts, {"A": PUB, "B": PUB}, {}, 0.5,
                       {"A": [A1, a2], "B": [B1]})
    assert set(work.stated) == {"A", "B"}
    assert work.stated["A"].states(FB1) and not work.stated["B"].states(FA1)
    assert pickle.loads(pickle.dumps(work)).stated == work.stated
    assert Judge(FactComparator()).judge(work.pairs, work.facts, work.published, np.full((1, 3), np.nan),
                                         work.stated) == []


def test_stated_weekday_elsewhere_is_no_calendar_date():
    """Counter-example: B says "on Friday" of another thing; A's "Friday" vs B's "earlier this week" stays."""
    a = sent("A", "The tabloid story published Friday alleged affairs.")
    b = sent("B", "The tabloid published a story earlier this week.")
    fa = fact(a, Kind.DATE, "Friday", day(2016, 3, 25), event="publish", relation="", anchor="weekday", weekday=4)
    fb = fact(b, Kind.DATE, "earlier this week", DateSpan(D(2016, 3, 21), D(2016, 3, 24)), event="publish",
              relation="", anchor="relative")
    b2 = sent("B", "Cruz lashed out on Friday.", 1)
    friday = fact(b2, Kind.DATE, "on Friday", day(2016, 3, 25), relation="on", anchor="weekday", weekday=4)
    assert len(judged(extra_b=[(b2, [friday])], fa=[fa], fb=[fb], a=a, b=b)) == 1
    named = fact(b2, Kind.DATE, "on Friday", day(2016, 3, 25), relation="on", anchor="absolute")
    assert judged(extra_b=[(b2, [named])], fa=[fa], fb=[fb], a=a, b=b) == []


def test_stated_same_figure_different_hedges_is_left_to_the_rules():
    """"at least four dozen" / "almost four dozen": both articles state 48, yet the hedges disagree."""
    a = sent("A", "He has at least four dozen questions.")
    b = sent("B", "He has almost four dozen questions.")
    fa = fact(a, Kind.NUMBER, "at least four dozen questions", Quantity(48, "question", 48, float("inf"), True),
              modifier="at least")
    fb = fact(b, Kind.NUMBER, "almost four dozen questions", Quantity(48, "question", 43.2, 48, True),
              modifier="almost")
    assert [d.kind for d in judged(fa=[fa], fb=[fb], a=a, b=b)] == [Kind.NUMBER]


def test_stated_same_day_different_weekdays_is_left_to_the_rules():
    """"Friday, Sept. 14" / "Tuesday, Sept. 14": both articles state Sept. 14, yet the weekdays disagree."""
    a = sent("A", "It began on Friday, Sept. 14, with an e-mail.")
    b = sent("B", "It began on Tuesday, Sept. 14, with an e-mail.")
    fa = fact(a, Kind.DATE, "Friday, Sept. 14", day(2012, 9, 14), event="begin", relation="on", anchor="inferred-year",
              weekday=4)
    fb = fact(b, Kind.DATE, "Tuesday, Sept. 14", day(2012, 9, 14), event="begin", relation="on", anchor="inferred-year",
              weekday=1)
    assert [d.kind for d in judged(fa=[fa], fb=[fb], a=a, b=b)] == [Kind.DATE]
