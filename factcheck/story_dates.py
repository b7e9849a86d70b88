"""One story's articles + their date facts -> publication-date ranges for the undated members.

Relative dates ("on Sunday", "last month") mean nothing without a publication date. An undated
article inside a story is dated from two kinds of evidence, kept as a range and marked inferred:

* the story: its dated members were published within a few days of each other, so an undated
  member most likely was too (``margin_days`` around their span);
* the article's own text: a fully written past date ("February 24, 2022") is a lower bound,
  and an upcoming date written without a year ("the meetings on February 5-6 will...") is an
  upper bound, with publication at most ``YEARLESS_HORIZON_DAYS`` before it (writers add the
  year to dates further away).

When the text contradicts the story window (the article previews an earlier phase of the
story), the text wins. The point estimate is the day of the range nearest the story's dated
coverage (or the range's end when the story has no dated member). Flags that rest on such an
anchor lose confidence (``discount_inferred``) and say why.

>>> import datetime as dt
>>> infer_range([], [dt.date(2023, 6, 19)], margin_days=7)
(datetime.date(2023, 6, 12), datetime.date(2023, 6, 26), datetime.date(2023, 6, 19))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .records import DateSpan, Discrepancy, Fact, Kind

YEARLESS_HORIZON_DAYS = 30
_RELATIVE_ANCHORS = ("weekday", "relative", "inferred-year")  # resolved through the publication date


def _cues(facts: Sequence[Fact]) -> tuple[dt.date | None, list[tuple[int, int]]]:
    """(latest fully written past date, [(month, day) of upcoming year-less dates])."""
    lower: dt.date | None = None
    upcoming: list[tuple[int, int]] = []
    for fact in facts:
        if fact.kind is not Kind.DATE or not isinstance(fact.value, DateSpan):
            continue
        span, anchor, tense = fact.value, fact.attrs.get("anchor"), fact.attrs.get("tense")
        if anchor == "absolute" and span.granularity == "day" and span.start and tense != "future":
            lower = max(lower or span.start, span.start)
        elif anchor in ("inferred-year", "unanchored") and tense == "future" and span.granularity == "day":
            if span.month_day:
                upcoming.append((span.month_day[0], span.month_day[1]))
            elif span.start:
                upcoming.append((span.start.month, span.start.day))
    return lower, upcoming


def _occurrence(month: int, day: int, lower: dt.date | None, near: dt.date | None) -> dt.date | None:
    """The year for a year-less date: on or after ``lower``, nearest ``near``."""
    base = near or lower
    if base is None:
        return None
    options = []
    for year in range(base.year - 2, base.year + 3):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if lower:
        options = [d for d in options if d >= lower]
    if not options:
        return None
    return min(options, key=lambda d: (abs((d - near).days) if near else (d - lower).days, d))


def infer_range(facts: Sequence[Fact], story_dates: Sequence[dt.date], margin_days: int = 7
                ) -> tuple[dt.date, dt.date, dt.date] | None:
    """(earliest, latest, point estimate) of an undated article's publication, or None."""
    lower, upcoming = _cues(facts)
    centre = None
    window = None
    if story_dates:
        first, last = min(story_dates), max(story_dates)
        window = (first - dt.timedelta(days=margin_days), last + dt.timedelta(days=margin_days))
        centre = first + (last - first) / 2
    cue = None
    for month, day in upcoming:
        event = _occurrence(month, day, lower, centre)
        if event is not None:
            found = (event - dt.timedelta(days=YEARLESS_HORIZON_DAYS), event - dt.timedelta(days=1))
            cue = found if cue is None else (max(cue[0], found[0]), min(cue[1], found[1]))
    if cue is not None and cue[0] > cue[1]:
        cue = None  # two upcoming dates that cannot both hold: trust neither
    rng = window
    if cue is not None:
        both = (max(cue[0], window[0]), min(cue[1], window[1])) if window else cue
        rng = both if both[0] <= both[1] else cue  # the text outranks the story's other articles
    if rng is None:
        return None
    if lower and lower > rng[0]:
        if lower > rng[1]:
            return None  # the text mentions a date after the whole range: the evidence disagrees
        rng = (lower, rng[1])
    target = centre if centre is not None else rng[1]
    point = min(max(target, rng[0]), rng[1])
    return rng[0], rng[1], point


def discount_inferred(discrepancies: Sequence[Discrepancy], facts: Mapping[str, list[Fact]],
                      inferred: Mapping[str, tuple[dt.date, dt.date]], factor: float) -> list[Discrepancy]:
    """Lower the confidence of flags whose date was anchored on an inferred publication date, and say so."""
    out = []
    for d in discrepancies:
        notes = []
        for sentence, span in ((d.a, d.a_span), (d.b, d.b_span)):
            if sentence.article_id not in inferred or span is None:
                continue
            fact = next((f for f in facts.get(sentence.id, []) if (f.start, f.end) == tuple(span)), None)
            if fact is not None and fact.attrs.get("anchor") in _RELATIVE_ANCHORS:
                start, end = inferred[sentence.article_id]
                notes.append(f"{sentence.article_id} has no publication date (inferred {start}..{end} from its "
                             "story and text)")
        if notes:
            d = replace(d, confidence=round(d.confidence * factor, 4),
                        explanation=f"{d.explanation}; rests on an inferred date: {'; '.join(notes)}")
        out.append(d)
    return out
