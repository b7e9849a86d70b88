"""Named days as dates: "over Easter weekend", "on Thanksgiving", "Christmas Eve", "Election Day".

Fixed-date days are a month and a day; moving ones come from libraries, not our own calendar
arithmetic: Easter from ``dateutil.easter``, US federal holidays (Thanksgiving, Memorial Day, Labor
Day, Martin Luther King Jr. Day, Presidents' Day) from the ``holidays`` package. US Election Day
(the Tuesday after the first Monday of November) is defined by statute, not by either library.
The year is the one given, else the occurrence nearest publication in the direction of the tense.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

from dateutil.easter import easter

_DayRule = Callable[[int], "tuple[dt.date, dt.date]"]


def _fixed(month: int, day: int, days: int = 1) -> _DayRule:
    return lambda year: (dt.date(year, month, day), dt.date(year, month, day) + dt.timedelta(days=days - 1))


def _from_easter(offset: int, days: int = 1) -> _DayRule:
    def rule(year: int) -> tuple[dt.date, dt.date]:
        first = easter(year) + dt.timedelta(days=offset)
        return first, first + dt.timedelta(days=days - 1)
    return rule


def _federal(name: str, days: int = 1, offset: int = 0) -> _DayRule:
    def rule(year: int) -> tuple[dt.date, dt.date]:
        import holidays

        found = [d for d, n in holidays.US(years=year).items() if n.startswith(name) and "observed" not in n]
        first = min(found) + dt.timedelta(days=offset)
        return first, first + dt.timedelta(days=days - 1)
    return rule


def _election_day(year: int) -> tuple[dt.date, dt.date]:
    first_monday = dt.date(year, 11, 1) + dt.timedelta(days=(0 - dt.date(year, 11, 1).weekday()) % 7)
    day = first_monday + dt.timedelta(days=1)
    return day, day


def _nth_weekday(month: int, weekday: int, n: int) -> _DayRule:
    def rule(year: int) -> tuple[dt.date, dt.date]:
        first = dt.date(year, month, 1)
        day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        return day, day
    return rule


# Longest names first, so "Easter weekend" wins over "Easter".
NAMED_DAYS: dict[str, _DayRule] = {
    "easter weekend": _from_easter(-1, 3),  # Saturday to Monday
    "easter sunday": _from_easter(0), "easter monday": _from_easter(1), "good friday": _from_easter(-2),
    "palm sunday": _from_easter(-7), "easter": _from_easter(0),
    "thanksgiving weekend": _federal("Thanksgiving", 4), "thanksgiving day": _federal("Thanksgiving"),
    "thanksgiving": _federal("Thanksgiving"), "black friday": _federal("Thanksgiving", 1, 1),
    "christmas eve": _fixed(12, 24), "christmas day": _fixed(12, 25), "christmas": _fixed(12, 25),
    "new year's eve": _fixed(12, 31), "new year's day": _fixed(1, 1),
    "election day": _election_day, "independence day": _fixed(7, 4), "fourth of july": _fixed(7, 4),
    "memorial day weekend": _federal("Memorial Day", 3, -2), "memorial day": _federal("Memorial Day"),
    "labor day weekend": _federal("Labor Day", 3, -2), "labor day": _federal("Labor Day"),
    "martin luther king jr. day": _federal("Martin Luther King"), "presidents' day": _federal("Washington"),
    "veterans day": _fixed(11, 11), "halloween": _fixed(10, 31), "valentine's day": _fixed(2, 14),
    "mother's day": _nth_weekday(5, 6, 2), "father's day": _nth_weekday(6, 6, 3),
}
_NAMES = "|".join(re.escape(n).replace("'", "['’]?") for n in sorted(NAMED_DAYS, key=len, reverse=True))
NAMED_DAY = re.compile(rf"\b(?P<name>(?i:{_NAMES}))(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")


def named_day_span(name: str, year: int | None, published: dt.date | None,
                   tense: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a named day covers, in the year given or the one nearest publication; None when unknown."""
    rule = NAMED_DAYS.get(re.sub(r"['’]", "'", " ".join(name.lower().split())))
    if rule is None:
        key = re.sub(r"['’]", "", " ".join(name.lower().split()))
        rule = next((r for n, r in NAMED_DAYS.items() if n.replace("'", "") == key), None)
    if rule is None:
        return None
    if year is not None:
        return rule(year)
    if published is None:
        return None
    options = [rule(y) for y in (published.year - 1, published.year, published.year + 1)]
    slack = dt.timedelta(days=1)
    if tense == "past":
        return max((o for o in options if o[0] <= published + slack), key=lambda o: o[0])
    if tense == "future":
        return min((o for o in options if o[1] >= published - slack), key=lambda o: o[0])
    return min(options, key=lambda o: abs((o[0] - published).days))


_WEEKDAY_BEFORE = re.compile(rf"\b(?P<wd>{'|'.join(calendar.day_name)}),?\s+$")


def weekday_before(text: str, start: int) -> tuple[int, int] | None:
    """(where it starts, Monday = 0) of a weekday named just before ``start`` ("Friday, Sept. 14"), or None.

    Kept so that "Tuesday, Sept. 14" in another outlet is told apart: the calendar days agree, the
    weekdays do not.
    """
    window = max(0, start - 12)
    match = _WEEKDAY_BEFORE.search(text[window:start])
    if match is None:
        return None
    return window + match.start(), list(calendar.day_name).index(match.group("wd"))
