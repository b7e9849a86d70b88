"""What each article states anywhere: the values a flagged pair's two values are checked against.

Why: two articles of one story often give two values of one kind that belong to two different
things — two seasons' catches ("caught 39 passes" in 2009, "29" in 2010), an announcement of the
14th recalled while reporting one of the 20th, two companies' dividends. When article A itself
states B's value as well as its own (or B states A's), the two articles do not disagree about
that value: they report two things, each of which one of them also names. So the judge drops a
number, duration or date conflict when either article states the other's value anywhere
(``ArticleValues.states``); an article that states only its own value still conflicts.

Elapsed-time claims ("the first ... since 2018", "the highest-ranking official to visit in 2019")
are left out: their comparator already asks whether the two claims have one subject, and an
article recounting a trip names the dates of several earlier occasions, so another article's year
turning up in it does not tell the judge more than that comparison does. (Applied to them, the
rule dropped the one elapsed-time flag of ``seeds/``, whose article 002 states both years.)

Same value = numbers: the same unit or counted noun and equal up to ``STATED_VALUE_TOLERANCE``
(durations in hours); dates: the same resolved span at the same granularity (a day, a month,
a year), or the same month and day where the year is unknown. Only a date named on the calendar
("October 14", "5 March 2024", "in 2009") counts as stated: a weekday or "earlier this week" is
anchored on the publication date, and most articles name the day of their news several times
("on Friday" of a statement and of a tabloid story), so an article saying "Friday" elsewhere is no
sign that the other's "Friday" dates another event. A dateline ("April 30 (Reuters)") dates the
filing, not an event, so it states nothing here either. Two values that agree as points
("at least four dozen" / "almost four dozen": 48 both; "Friday, Sept. 14" / "Tuesday, Sept. 14":
one day) differ in a hedge or a weekday, not in what they measure, and are left to the rules: each
article then "states" the other's value in the flagged sentence itself.

The sets are built once per article by the pipeline (``article_values``) and travel with the
story's ``JudgeWork``: plain frozen records, so Ray and worker processes need no shared state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..claim_lines import is_dateline
from ..claim_signals import measure_key, measure_value, same_value
from ..records import DateSpan, Fact, Kind, Sentence
from .weights import STATED_VALUE_TOLERANCE

DateKey = tuple  # ("day" | "week" | "month" | "year", start, end) or ("month_day", (month, first, last))
CHECKED_KINDS = frozenset({Kind.NUMBER, Kind.DURATION, Kind.DATE})
CALENDAR_ANCHORS = frozenset({"absolute", "inferred-year"})  # how a date named on the calendar was resolved


@dataclass(frozen=True)
class ArticleValues:
    """One article's stated values: numbers by what they measure, dates by span and granularity."""

    numbers: tuple[tuple[str, float], ...] = ()  # (unit or counted noun, or "duration"; value, durations in hours)
    dates: frozenset[DateKey] = frozenset()

    def states(self, fact: Fact, tolerance: float = STATED_VALUE_TOLERANCE) -> bool:
        """Does this article state ``fact``'s value (same kind of value, equal) anywhere?"""
        if fact.kind in (Kind.NUMBER, Kind.DURATION):
            key, value = measure_key(fact), measure_value(fact)
            if not key or value is None:
                return False
            return any(k == key and same_value(value, v, tolerance) for k, v in self.numbers)
        span = _span(fact)
        return span is not None and _date_key(span) in self.dates


def article_values(sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]]) -> ArticleValues:
    """The values one article's sentences state (``facts``: sentence id -> facts, as extraction gave them)."""
    numbers: list[tuple[str, float]] = []
    dates: set[DateKey] = set()
    for sentence in sentences:
        for fact in facts.get(sentence.id, ()):
            if fact.kind in (Kind.NUMBER, Kind.DURATION):
                key, value = measure_key(fact), measure_value(fact)
                if key and value is not None:
                    numbers.append((key, value))
            elif fact.kind is Kind.DATE and fact.attrs.anchor in CALENDAR_ANCHORS and not is_dateline(fact, sentence):
                span = _span(fact)
                if span is not None and (key := _date_key(span)) is not None:
                    dates.add(key)
    return ArticleValues(tuple(dict.fromkeys(numbers)), frozenset(dates))


def stated_elsewhere(kind: Kind, fa: Fact, fb: Fact, values_a: ArticleValues | None,
                     values_b: ArticleValues | None) -> bool:
    """A conflict of ``kind`` between A's ``fa`` and B's ``fb`` where one article also states the other's value."""
    if kind not in CHECKED_KINDS or _same_point(fa, fb):
        return False
    return bool((values_b is not None and values_b.states(fa)) or (values_a is not None and values_a.states(fb)))


def values_by_article(sentences: Mapping[str, Sequence[Sentence]], facts: Mapping[str, Sequence[Fact]],
                      articles: Iterable[str]) -> dict[str, ArticleValues]:
    """``article_values`` of each of ``articles`` (``sentences``: article id -> its sentences)."""
    return {a: article_values(sentences.get(a, ()), facts) for a in dict.fromkeys(articles)}


def _same_point(fa: Fact, fb: Fact) -> bool:
    """One figure or one day on both sides ("at least 48" / "almost 48"; "Friday, Sept. 14" / "Tuesday, Sept. 14"):
    the dispute is a hedge or a weekday, which no other value of either article explains."""
    if fa.kind in (Kind.NUMBER, Kind.DURATION):
        if measure_key(fa) != measure_key(fb):
            return False
        va, vb = measure_value(fa), measure_value(fb)
        return va is not None and vb is not None and same_value(va, vb, STATED_VALUE_TOLERANCE)
    sa, sb = _span(fa), _span(fb)
    return sa is not None and sb is not None and _date_key(sa) is not None and _date_key(sa) == _date_key(sb)


def _span(fact: Fact) -> DateSpan | None:
    """The date a fact gives (None: no date)."""
    return fact.value if isinstance(fact.value, DateSpan) else None


def _date_key(span: DateSpan) -> DateKey | None:
    if span.resolved and isinstance(span.start, dt.date) and isinstance(span.end, dt.date):
        return (span.granularity, span.start, span.end)
    if span.month_day:
        return ("month_day", tuple(span.month_day))
    return None
