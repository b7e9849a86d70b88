"""Dates in one sentence -> DateSpan intervals anchored on the article's publication date.

Input: a sentence's text, its NER spans (DATE/TIME), the publication date (or None) and
optionally its spaCy Doc (for the tense of the clause). Output: ``DateMention`` records.

Absolute dates ("February 5-6", "Oct. 3, 2021", "June 2018") are read by a few focused
patterns, because they need ranges and the knowledge of whether a year was written, which
dateparser does not report; unusual numeric forms ("2021-10-03") go to dateparser (cached).
Everything relative ("on Sunday", "last month", "four months ago", "in February") is anchored
here: a past-tense clause takes the most recent matching day on/before publication, a
future one the next on/after it. Without a publication date nothing relative is guessed:
a year-less date keeps its month and days (``DateSpan.month_day``) and the rest stays unresolved.

>>> import datetime as dt
>>> [str(m.span) for m in find_dates("They met last month.", published=dt.date(2024, 1, 3))]
['2023-12-01..2023-12-31']
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from factcheck.records import DateSpan, Entity

from .day_parts import day_part, scheduled_before
from .named_days import NAMED_DAY, named_day_span, weekday_before
from ._text import WORD_VALUES, clean, event_near, governing_verb, overlaps, parse_number, tense_at
from .frames import event_by_parse

MONTHS: dict[str, int] = {calendar.month_name[i]: i for i in range(1, 13)}
MONTHS.update({calendar.month_abbr[i]: i for i in range(1, 13)})
MONTHS["Sept"] = 9
WEEKDAYS: dict[str, int] = {calendar.day_name[i]: i for i in range(7)}

_FULL_MONTH = "|".join(calendar.month_name[i] for i in range(1, 13))
_ABBR_MONTH = "|".join(["Sept"] + [calendar.month_abbr[i] for i in range(1, 13) if i != 5])
# Abbreviations only before a dot or a number: "Jan" alone is as often a first name.
_MONTH = rf"(?:(?:{_FULL_MONTH})\b|(?:{_ABBR_MONTH})(?:\.|(?=\s*\d)))"
_WEEKDAY = "|".join(WEEKDAYS)
_YEAR = r"(?:1[89]|20|21)\d\d(?!\d|[/-]\d\d?[/-])"  # not the year of an ISO date
DAYS_AGO_LOOSE_FROM = 3  # "eight days ago" is read as that day give or take one; "two days ago" exactly
_ORD = r"(?:st|nd|rd|th)?(?![\d:%]|[.,]\d|\s*per\s?cent\b)"  # not "5.4%" in "from May and 5.4%"

_ABS = re.compile(
    rf"(?:\b(?P<part>(?i:early|mid|late))[- ]+(?:in\s+)?)?\b(?P<m1>{_MONTH})"
    rf"(?:\s+(?P<d1>\d{{1,2}}){_ORD})?"
    rf"(?:\s*(?:-|to|through|until|and)\s*(?:(?P<m2>{_MONTH})(?:\s*(?P<d2>\d{{1,2}}){_ORD})?|(?P<d2b>\d{{1,2}}){_ORD}))?"
    rf"(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?"
)
_DMY = re.compile(
    rf"\b(?P<d1>\d{{1,2}}){_ORD}(?:\s*(?:-|to|and)\s*(?P<d2b>\d{{1,2}}){_ORD})?\s+(?:of\s+)?(?P<m1>{_MONTH})"
    r"(?!\s*\d{1,2}(?!\d))"  # "the 19 Sept. 11 hijackers": the day is the one after the month
    rf"(?:,?\s+(?P<y>{_YEAR}))?"
)
_NUMBER_WORDS = "|".join(k for k in WORD_VALUES if len(k) > 2)
_REL = re.compile(
    rf"\b(?P<mod>(?i:earlier this|later this|early this|early next|late last|late this|at the end of last|last|next"
    rf"|this|past|coming|previous))\s+(?P<unit>(?i:week|weekend|month|year)\b|{_FULL_MONTH}\b|(?:{_WEEKDAY})\b)"
    rf"|\b(?P<n>(?i:\d+|a|an|{_NUMBER_WORDS}))\s+(?P<unit2>(?i:day|week|month|year|decade))s?"
    rf"\s+(?i:ago)\b"
    rf"|\b(?P<word>(?i:yesterday|today|tomorrow|tonight|this morning|this afternoon|this evening|last night))\b"
)
# "obtained within the past 10 days": some day in the window up to publication, not a 10-day length.
_WITHIN = re.compile(rf"\b(?i:within\s+(?:the\s+)?(?:past|last))\s+(?P<n>(?i:\d+|{_NUMBER_WORDS}))"
                     r"\s+(?P<unit>(?i:day|week|month))s?\b")
_WITHIN_UNIT_DAYS = {"day": 1, "week": 7, "month": 31}
_DAY_NAME = re.compile(rf"\b(?P<on>(?i:on)\s+)?(?P<wd>{_WEEKDAY})\b(?!s)")
_YEAR_CTX = re.compile(rf"\b(?i:in|since|by|until|from|during|before|after|early|late|mid|of)[- ]+(?P<y>{_YEAR})\b")
_YEARS = re.compile(rf"\b(?P<y1>{_YEAR})(?:\s*(?:-|to)\s*(?P<y2>{_YEAR}|\d\d(?!\d)))?\b")
# One separator throughout ("9/15/16", "2016-09-15", "15.09.2016"): "9-15/16 pct" is a mixed fraction of wire copy.
_NUMERIC_DATE = re.compile(r"\b\d{1,4}([/.-])\d{1,2}\1\d{1,4}\b")
_DURATION = re.compile(r"\b(?:days?|weeks?|months?|years?|decades?|hours?|minutes?)\b", re.I)

_DATE_LABELS = frozenset({"DATE", "TIME"})
# Day parts that put a past-tense weekday the day after publication on that next day, not six days
# back: the story's clock is behind the place's ("early Friday", "Friday morning local time").
NEXT_DAY_PARTS = frozenset({"early", "local"})
_NAME_LABELS = {"ORG", "LAW", "WORK_OF_ART", "FAC", "PRODUCT"}  # names a named day can be part of


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date found in a sentence: where it is, what it says, and how it was anchored."""

    start: int
    end: int
    text: str
    span: DateSpan
    attrs: dict[str, Any] = field(default_factory=dict)


def find_dates(text: str, entities: Sequence[Entity] = (), published: dt.date | None = None, doc: Any = None,
               skip: Iterable[tuple[int, int]] = ()) -> list[DateMention]:
    """Every date in ``text`` that parses, anchored on ``published``; spans in ``skip`` are left alone."""
    cleaned = clean(text)
    skip = list(skip)
    found: list[DateMention] = []
    for start, end in date_candidates(cleaned, entities):
        if overlaps(start, end, skip):
            continue
        tense = tense_at(cleaned, start, end, doc)
        mention = parse_date(cleaned, start, end, published, tense)
        if mention is None:
            continue
        attrs = dict(mention.attrs, tense=tense, event=event_near(cleaned, mention.start, mention.end, doc),
                     verb=governing_verb(doc, mention.start, mention.end),
                     day_part=day_part(cleaned, mention.start, mention.end))
        if doc is not None:  # the event the parse alone puts the date in ("": no event word governs it)
            attrs["event_parsed"] = event_by_parse(cleaned, mention.start, mention.end, doc) or ""
        found.append(DateMention(mention.start, mention.end, text[mention.start:mention.end], mention.span, attrs))
    # "Friday" inside "Friday, Sept. 14" (two candidate spans when no entity joins them): one date.
    return [m for m in found if not any(o is not m and o.start < m.end and m.start < o.end and o.end - o.start >
                                        m.end - m.start for o in found)]


def date_candidates(text: str, entities: Sequence[Entity] = ()) -> list[tuple[int, int]]:
    """Spans that may hold a date: NER DATE/TIME spans and a few patterns, overlapping ones merged."""
    spans = [(e.start, e.end) for e in entities if e.label in _DATE_LABELS and 0 <= e.start < e.end <= len(text)]
    for pattern in (_ABS, _DMY, _REL, _WITHIN, _DAY_NAME):
        spans.extend(m.span() for m in pattern.finditer(text) if m.end() > m.start())
    # "the Juneteenth National Independence Day Act": a named day inside a longer name is part of that name.
    names = [(e.start, e.end) for e in entities if e.label in _NAME_LABELS]
    spans.extend(m.span() for m in NAMED_DAY.finditer(text)
                 if not any(s <= m.start() and m.end() <= e and e - s > m.end() - m.start() for s, e in names))
    spans.extend(m.span("y") for m in _YEAR_CTX.finditer(text))
    spans.extend(m.span() for m in _NUMERIC_DATE.finditer(text))
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def parse_date(text: str, start: int, end: int, published: dt.date | None,
               tense: str | None = None) -> DateMention | None:
    """The date inside ``text[start:end]`` (a cleaned sentence), or None when it is not a date."""
    segment = text[start:end]
    # "12 March 2023" holds both "12 March 2023" (_DMY) and "March 2023" (_ABS): the fullest reading wins.
    readings = [m for pattern in (_ABS, _DMY) for m in pattern.finditer(segment)]
    readings.sort(key=lambda m: (m.group("d1") is None, -(m.end() - m.start()), m.start()))
    for match in readings:
        mention = _absolute(match, start, text, published, tense)
        if mention is not None:
            return _with_named_weekday(text, mention)
    match = NAMED_DAY.search(segment)
    if match:
        year = int(match.group("year")) if match.group("year") else None
        days = named_day_span(match.group("name"), year, published, tense)
        first, last = days if days else (None, None)
        return _mention(text, start + match.start(), start + match.end(), DateSpan(first, last, "day"),
                        "absolute" if year else "relative" if days else "unanchored", named=match.group("name"))
    match = _WITHIN.search(segment)
    if match:
        return _within(match, start, text, published)
    match = _REL.search(segment)
    if match:
        return _relative(match, start, text, published, tense)
    match = _DAY_NAME.search(segment)
    if match:
        return _weekday(match, start, text, published, tense)
    match = _NUMERIC_DATE.search(segment)
    if match:
        parsed = _dateparser(match.group())
        if parsed is not None:
            return _mention(text, start + match.start(), start + match.end(), DateSpan(parsed, parsed), "absolute")
    match = _YEARS.search(segment)
    if match and not _DURATION.search(segment[match.end():match.end() + 12]):
        y1 = int(match.group("y1"))
        y2 = match.group("y2")
        last = y1 if not y2 else (int(y2) if len(y2) == 4 else y1 // 100 * 100 + int(y2))
        if last < y1:
            last = y1
        span = DateSpan(dt.date(y1, 1, 1), dt.date(last, 12, 31), "year")
        return _mention(text, start + match.start(), start + match.end(), span, "absolute")
    return None


# --- absolute dates ----------------------------------------------------------------------


def _absolute(match: re.Match, offset: int, text: str, published: dt.date | None,
              tense: str | None) -> DateMention | None:
    m1 = MONTHS.get(match.group("m1").rstrip("."))
    if m1 is None:
        return None
    m2_text = match.groupdict().get("m2")
    m2 = MONTHS.get(m2_text.rstrip(".")) if m2_text else None
    d1 = _int(match.group("d1"))
    d2 = _int(match.groupdict().get("d2")) or _int(match.group("d2b"))
    year = _int(match.group("y"))
    part = (match.groupdict().get("part") or "").lower()
    if d1 is None and m2 is None and year is None and not part:
        # A bare month name needs a preposition or an NER DATE span around it ("in February").
        before = text[max(0, offset + match.start() - 12):offset + match.start()].lower().split()
        if not before or before[-1] not in {"in", "of", "since", "until", "by", "from", "during", "through",
                                             "before", "after", "early", "late", "mid"}:
            return None  # "last June" and friends are relative: _REL reads them
    if m2 is not None and d1 is not None and d2 is None:
        return None  # "June 5 to July": too odd to guess
    if d1 is None and d2 is not None:
        d2 = None
    last_month = m2 or m1
    if d2 is not None and m2 is None and d1 is not None and d2 <= d1:
        last_month = m1 % 12 + 1  # "June 30-2": into the next month
    if not _valid_days(m1, d1) or not _valid_days(last_month, d2 if d2 is not None else d1):
        return None
    granularity = "day" if d1 is not None else "month"
    anchor = "absolute"
    if year is None:
        if published is None:
            first = d1 or 1
            last = (d2 if last_month == m1 else None) or d1 or _month_days(2000, m1)
            span = DateSpan(None, None, granularity, month_day=(m1, first, max(first, last)))
            return _mention(text, offset + match.start(), offset + match.end(), span, "unanchored")
        year = _choose_year(m1, d1 or 1, published, tense, granularity)
        anchor = "inferred-year"
    start = dt.date(year, m1, min(d1 or 1, _month_days(year, m1)))
    end_year = year + (1 if last_month < m1 else 0)
    last_day = d2 if d2 is not None else d1
    end = dt.date(end_year, last_month, min(last_day, _month_days(end_year, last_month)) if last_day
                  else _month_days(end_year, last_month))
    approximate = False
    if part and d1 is None:
        start, end = _part_of_month(part, start, end)
        approximate = True
    span = DateSpan(start, end, granularity, approximate=approximate)
    return _mention(text, offset + match.start(), offset + match.end(), span, anchor)


def _choose_year(month: int, day: int, published: dt.date, tense: str | None, granularity: str) -> int:
    """The year that puts month/day where the tense says: on/before publication if past, on/after if future."""
    years = (published.year - 1, published.year, published.year + 1)
    if granularity == "month":
        here = published.year * 12 + published.month
        keyed = [(y * 12 + month - here, y) for y in years]
    else:
        keyed = [((dt.date(y, month, min(day, _month_days(y, month))) - published).days, y) for y in years]
    slack = 0 if granularity == "month" else 1  # a late-evening story dated the next day
    if tense == "past":
        return max(y for delta, y in keyed if delta <= slack)
    if tense == "future":
        return min(y for delta, y in keyed if delta >= -slack)
    return min(keyed, key=lambda k: (abs(k[0]), k[0] > 0))[1]


def _part_of_month(part: str, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    if part == "early":
        return start, start.replace(day=10)
    if part == "mid":
        return start.replace(day=11), start.replace(day=20)
    return start.replace(day=21), end


# --- weekdays and relative expressions ----------------------------------------------------


def _weekday(match: re.Match, offset: int, text: str, published: dt.date | None,
             tense: str | None) -> DateMention:
    target = WEEKDAYS[match.group("wd")]
    begin = offset + match.start()  # keeps "on": the span reads "on Monday" to an editor
    end = offset + match.end()
    if published is None:
        return _mention(text, begin, end, DateSpan(None, None, "day"), "unanchored", weekday=target)
    if scheduled_before(text, begin):
        tense = None  # "was rescheduled for Friday": the day set, nearest publication either way
    if (tense == "past" and (target - published.weekday()) % 7 == 1
            and day_part(text, begin, end) in NEXT_DAY_PARTS):
        day = published + dt.timedelta(days=1)  # "attacked early Friday" in a story dated Thursday
    else:
        day = anchor_weekday(target, published, tense)
    return _mention(text, begin, end, DateSpan(day, day, "day"), "weekday", weekday=target)


def anchor_weekday(target: int, published: dt.date, tense: str | None, strict: bool = False) -> dt.date:
    """The day named ``target`` (0 = Monday) nearest publication in the direction the tense points."""
    back = (published.weekday() - target) % 7
    ahead = (target - published.weekday()) % 7
    if strict:  # "last Monday" / "next Monday": never the publication day itself
        back, ahead = back or 7, ahead or 7
    if tense == "past":
        return published - dt.timedelta(days=back)
    if tense == "future":
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back) if back <= ahead else published + dt.timedelta(days=ahead)


def _relative(match: re.Match, offset: int, text: str, published: dt.date | None,
              tense: str | None) -> DateMention | None:
    begin, end = offset + match.start(), offset + match.end()
    if published is None:
        return _mention(text, begin, end, DateSpan(None, None, "day"), "unanchored", relative=match.group())
    p = published
    word = (match.group("word") or "").lower()
    if word:
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        day = p + dt.timedelta(days=shift)
        return _mention(text, begin, end, DateSpan(day, day, "day"), "relative")
    if match.group("unit2"):
        return _ago(match, begin, end, text, p)
    mod = " ".join(match.group("mod").lower().split())
    unit = match.group("unit")
    direction = -1 if mod in {"last", "past", "previous", "late last", "at the end of last"} else (
        1 if mod in {"next", "coming", "early next"} else 0)
    lowered = unit.lower()
    if unit in WEEKDAYS:
        day = anchor_weekday(WEEKDAYS[unit], p, "past" if direction < 0 else "future" if direction > 0 else tense,
                             strict=direction != 0)
        return _mention(text, begin, end, DateSpan(day, day, "day"), "weekday", weekday=WEEKDAYS[unit])
    if unit in MONTHS:
        month = MONTHS[unit]
        here = p.month
        if direction < 0:
            year = p.year if month < here else p.year - 1
        elif direction > 0:
            year = p.year if month > here else p.year + 1
        else:
            year = p.year
        span = DateSpan(dt.date(year, month, 1), dt.date(year, month, _month_days(year, month)), "month")
        return _mention(text, begin, end, span, "relative")
    if lowered in ("week", "weekend"):
        monday = p - dt.timedelta(days=p.weekday()) + dt.timedelta(weeks=direction)
        first, last = (monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)) if lowered == "weekend" else (
            monday, monday + dt.timedelta(days=6))
        if mod == "past":
            first, last = p - dt.timedelta(days=7), p
    elif lowered == "month":
        year, month = _add_months(p.year, p.month, direction)
        first, last = dt.date(year, month, 1), dt.date(year, month, _month_days(year, month))
        if mod == "past":
            first, last = p - dt.timedelta(days=31), p
    else:
        year = p.year + direction
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if mod == "past":
            first, last = p - dt.timedelta(days=366), p
    if mod == "earlier this":
        last = max(first, p - dt.timedelta(days=1))  # "earlier this week" in Friday's paper: before Friday
    elif mod == "later this":
        first = min(p, last)
    elif mod.startswith("early"):
        last = min(last, first + (last - first) / 3)
    elif mod.startswith("late") or mod.startswith("at the end"):
        first = max(first, last - (last - first) / 3)
    granularity = {"week": "week", "weekend": "day", "month": "month"}.get(lowered, "year")
    return _mention(text, begin, end, DateSpan(first, last, granularity), "relative")


def _within(match: re.Match, offset: int, text: str, published: dt.date | None) -> DateMention | None:
    """'within the past 10 days' -> the window from ten days before publication to the day itself."""
    n = parse_number(match.group("n"))
    if n is None or n != int(n) or not 0 < n <= 200:
        return None
    begin, end = offset + match.start(), offset + match.end()
    if published is None:
        return _mention(text, begin, end, DateSpan(None, None, "day"), "unanchored", relative=match.group())
    unit = match.group("unit").lower()
    first = published - dt.timedelta(days=int(n) * _WITHIN_UNIT_DAYS[unit])
    return _mention(text, begin, end, DateSpan(first, published, "day" if unit != "month" else "month"), "relative")


def _ago(match: re.Match, begin: int, end: int, text: str, p: dt.date) -> DateMention | None:
    """'four months ago' -> that month, marked approximate: news rounds such counts."""
    n = parse_number(match.group("n"))
    if n is None or n != int(n) or n > 200:
        return None
    n = int(n)
    unit = match.group("unit2").lower()
    if unit == "day":
        day = p - dt.timedelta(days=n)
        if n < DAYS_AGO_LOOSE_FROM:
            return _mention(text, begin, end, DateSpan(day, day, "day"), "relative")
        # "eight days ago": counted inclusively or not, and from a filing time we only know to the day
        span = DateSpan(day - dt.timedelta(days=1), day + dt.timedelta(days=1), "day", approximate=True)
        return _mention(text, begin, end, span, "relative")
    if unit == "week":
        centre = p - dt.timedelta(weeks=n)
        span = DateSpan(centre - dt.timedelta(days=3), centre + dt.timedelta(days=3), "week", approximate=True)
    elif unit == "month":
        year, month = _add_months(p.year, p.month, -n)
        span = DateSpan(dt.date(year, month, 1), dt.date(year, month, _month_days(year, month)), "month",
                        approximate=True)
    else:
        years = n * (10 if unit == "decade" else 1)
        slack = 2 if unit == "decade" else 0
        span = DateSpan(dt.date(p.year - years - slack, 1, 1), dt.date(p.year - years + slack, 12, 31), "year",
                        approximate=True)
    return _mention(text, begin, end, span, "relative")


# --- small helpers ------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _dateparser(text: str) -> dt.date | None:
    """dateparser for numeric forms our patterns skip; only strings that carry a year get here."""
    parser = _date_data_parser()
    if parser is None:
        return None
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises on some garbage; a non-date is simply no date
        return None
    if data is None or data.date_obj is None or data.period != "day":
        return None
    return data.date_obj.date()


@lru_cache(maxsize=1)
def _date_data_parser() -> Any:
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # degrade: numeric dates are then left unparsed
        return None
    return DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _with_named_weekday(text: str, mention: DateMention) -> DateMention:
    """"Friday, Sept. 14": keep the weekday named beside a calendar date (see ``weekday_before``)."""
    found = weekday_before(text, mention.start)
    if found is None or mention.attrs.get("weekday") is not None:
        return mention
    start, weekday = found
    return DateMention(start, mention.end, text[start:mention.end], mention.span, dict(mention.attrs, weekday=weekday))


def _mention(text: str, start: int, end: int, span: DateSpan, anchor: str, **attrs: Any) -> DateMention:
    while end > start and text[end - 1] in " ,.-":
        end -= 1
    return DateMention(start, end, text[start:end], span, {"anchor": anchor, **attrs})


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def _month_days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _valid_days(month: int, day: int | None) -> bool:
    return day is None or 1 <= day <= _month_days(2000, month)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1
