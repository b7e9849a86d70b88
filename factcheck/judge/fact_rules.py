"""Per-kind comparison rules for ``judge/facts.py``: pairs of typed facts -> ``Finding``s.

Input: the facts of one Kind from each side of a sentence pair, and a ``related(fa, fb)``
callback scoring (0..1) whether two facts are about the same subject and event. Output:
the conflicts found, each with a base confidence, both normalised values and a one-line
explanation. Uncertain readings (a year guessed from the tense, a weekday anchored on the
publication date, a year-less date) lower the confidence instead of being reported as sure.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extract.day_parts import one_moment_two_clocks
from ..extract.hedges import meet_only_at_excluded_bound
from ..names import same_surname, shared_people, surname  # noqa: F401 - re-exported for the rule modules
from ..records import BOUND_RELATIONS, TIME_UNIT_HOURS, DateSpan, Fact, Kind, Quantity
from .rounding import ROUNDING_CONFIDENCE, coarse_unit_compatible, precise_min_digits, rounding_compatible
from .weights import (CLOSE_VALUES_FACTOR, CLOSE_VALUES_RATIO, CONVERSION_CONFLICT, CONVERSION_RATE_TOLERANCE,
                      COUNT_CONFLICT, DATE_SAME_BOUND_FACTOR, HEDGED_COUNT_CONFLICT, OPPOSITE_BOUNDS_CONFIDENCE,
                      QUOTED_RELATIVE_FACTOR, SAME_BOUND_CONFLICT, TWO_FLOORS_CONFIDENCE, WEEKDAY_OF_DATE_CONFLICT)

if TYPE_CHECKING:
    from .sides import Side

Related = Callable[[Fact, Fact], float]
AGREE = "agree"
_POINT_RELATIONS = {"", "on", "in", "at", "during", "of", "from", "for"}
_GUESSED = {"weekday", "relative", "inferred-year"}
_HOURS = TIME_UNIT_HOURS  # one table: records.py
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Finding:
    kind: Kind
    a: Fact
    b: Fact
    a_value: str
    b_value: str
    explanation: str
    confidence: float
    relatedness: float = 1.0


# --- dates --------------------------------------------------------------------------------


def compare_dates(a: Sequence[tuple[Fact, Side]], b: Sequence[tuple[Fact, Side]], related: Related,
                  min_related: float) -> list[Finding]:
    """Dates of the same event that cannot both be true."""
    published_a = next((side.published for _, side in a), None)  # one sentence, one article per side
    published_b = next((side.published for _, side in b), None)

    def verdict(fa: Fact, fb: Fact) -> str | float | None:
        if plan_overtaken(fa, published_a, published_b) or plan_overtaken(fb, published_b, published_a):
            return None
        if _is_point(fa) and _is_point(fb):
            return date_verdict(fa, fb)
        if _same_bound(fa, fb):  # "by late Thursday" / "by late Sunday": one bound of one claim, set apart
            found = date_verdict(fa, fb)
            return found * DATE_SAME_BOUND_FACTOR if isinstance(found, float) else found
        return None

    return _pairwise(a, b, related, min_related, verdict, _date_finding)


def plan_overtaken(fact: Fact, published: dt.date | None, other_published: dt.date | None) -> bool:
    """The date is still to come when its article is written (a plan: "next week's meeting") and the other
    article was written after it had passed: what happened may differ from the plan (a visit put off from
    February to June) without either article being wrong when written."""
    span = fact.value
    if not isinstance(span, DateSpan) or not span.resolved or span.start is None or span.end is None:
        return False
    if published is None or other_published is None:
        return False
    return published < span.start and other_published > span.end


def date_verdict(fa: Fact, fb: Fact) -> str | float | None:
    """AGREE, a base confidence that they conflict, or None when the two cannot be compared."""
    found = _calendar_verdict(fa, fb)
    if isinstance(found, float) and any(_quoted_relative(f) for f in (fa, fb)):
        return found * QUOTED_RELATIVE_FACTOR  # anchored on publication, but said when the speaker said it
    return found


def _quoted_relative(fact: Fact) -> bool:
    """A date read relative to publication ("next month", "on Sunday") that stands inside a quotation."""
    return bool(fact.attrs.quoted) and fact.attrs.anchor in ("relative", "weekday")


def _calendar_verdict(fa: Fact, fb: Fact) -> str | float | None:
    sa, sb = fa.value, fb.value
    if not isinstance(sa, DateSpan) or not isinstance(sb, DateSpan):
        return None
    guessed = sum(fact.attrs.anchor in _GUESSED for fact in (fa, fb))
    if fa.attrs.anchor == fb.attrs.anchor == "weekday" and fa.attrs.weekday == fb.attrs.weekday:
        return AGREE  # both say "Tuesday": anchoring on two publication dates cannot make them disagree
    if fa.attrs.anchor == fb.attrs.anchor == "relative" and " ".join(fa.text.lower().split()) == " ".join(
            fb.text.lower().split()):
        return AGREE  # both say "today" (often inside one quotation): the same words, only the anchors differ
    if _named_weekdays_differ(fa, fb):
        return WEEKDAY_OF_DATE_CONFLICT  # "Friday, Sept. 14" / "Tuesday, Sept. 14"
    if sa.resolved and sb.resolved:
        if _overlap(sa, sb):
            return AGREE
        if "inferred-year" in (fa.attrs.anchor, fb.attrs.anchor):
            days_a, days_b = month_days(sa), month_days(sb)
            if days_a and days_b and days_a & days_b:
                return AGREE  # same day, only the guessed year differs: the tense misled us
        gap = _gap_days(sa, sb)
        if gap == 1 and sa.granularity == sb.granularity == "day" and _one_moment(fa, fb):
            return AGREE  # "late Thursday" / "early Friday local time": one moment on two clocks
        confidence = 0.9 * 0.9 ** guessed
        if sa.approximate or sb.approximate:
            confidence *= 0.85 if gap > 14 else 0.6
        if gap <= 1 and sa.granularity == sb.granularity == "day":
            confidence *= 0.8  # a day apart: time zones, or a story filed after midnight
        if gap > 400:
            confidence *= 0.6  # years apart: more often two occasions than one misdated
        return confidence
    if sa.month_day or sb.month_day:
        days_a, days_b = month_days(sa), month_days(sb)
        if not days_a or not days_b:
            return None
        if days_a & days_b:
            return AGREE
        return 0.8 if sa.month_day and sb.month_day else 0.72 * 0.9 ** guessed
    wa, wb = _weekday(fa), _weekday(fb)
    if wa is None or wb is None or not (fa.attrs.weekday is not None or fb.attrs.weekday is not None):
        return None
    return AGREE if wa == wb else 0.5  # a weekday alone is weak evidence: reported only when all else agrees


def month_days(span: DateSpan) -> set[tuple[int, int]] | None:
    """The (month, day) pairs a span covers, for comparing across an unknown year; None if too wide."""
    if span.month_day:
        month, first, last = span.month_day
        return {(month, d) for d in range(first, last + 1)}
    if span.resolved and span.start and span.end and 0 <= (span.end - span.start).days <= 62:
        days = (span.end - span.start).days
        return {((span.start + dt.timedelta(d)).month, (span.start + dt.timedelta(d)).day) for d in range(days + 1)}
    return None


def _is_point(fact: Fact) -> bool:
    """A date that says when something happened ('on', 'in'), not a bound ('since', 'until', 'by')."""
    return (fact.attrs.relation or "") in _POINT_RELATIONS and _is_stated(fact)


def _named_weekdays_differ(fa: Fact, fb: Fact) -> bool:
    """Both name a weekday beside one calendar day ("Friday, Sept. 14"), and the weekdays differ."""
    if "weekday" in (fa.attrs.anchor, fb.attrs.anchor) or fa.attrs.weekday is None or fb.attrs.weekday is None:
        return False
    days_a, days_b = month_days(fa.value), month_days(fb.value)  # type: ignore[arg-type]
    return bool(days_a and days_b and days_a & days_b) and fa.attrs.weekday != fb.attrs.weekday


def _same_bound(fa: Fact, fb: Fact) -> bool:
    """Both dates bound their claim the same way ("by", "since", "until"): comparable as bounds."""
    relation = fa.attrs.relation or ""
    return (relation in BOUND_RELATIONS and relation == (fb.attrs.relation or "")
            and all(_is_stated(f) for f in (fa, fb)))


def _is_stated(fact: Fact) -> bool:
    span = fact.value
    return isinstance(span, DateSpan) and (span.resolved or span.month_day is not None or fact.attrs.weekday is not None)


def _weekday(fact: Fact) -> int | None:
    span = fact.value
    if isinstance(span, DateSpan) and span.resolved and span.start == span.end and span.start is not None:
        return span.start.weekday()
    value = fact.attrs.weekday
    return value if isinstance(value, int) and not (isinstance(span, DateSpan) and span.resolved) else None


_ANCHOR_NOTES = {"unanchored": "year not given", "weekday": "weekday anchored on the publication date",
                 "inferred-year": "year inferred from the tense", "relative": "relative date anchored on publication"}


def _date_finding(fa: Fact, fb: Fact, confidence: float, related: float) -> Finding:
    va, vb = format_span(fa), format_span(fb)
    notes = list(dict.fromkeys(_ANCHOR_NOTES[f.attrs.anchor] for f in (fa, fb)
                               if f.attrs.anchor in _ANCHOR_NOTES))
    if any(_quoted_relative(f) for f in (fa, fb)):
        notes.append("said inside a quotation, perhaps before publication")
    note = f" ({'; '.join(notes)})" if notes and confidence < 0.75 else ""
    if _named_weekdays_differ(fa, fb):  # one calendar day: the weekdays named are what differs
        va, vb = (f"{_WEEKDAY_NAMES[f.attrs.weekday]}, {v}" for f, v in ((fa, va), (fb, vb)))  # type: ignore[index]
        note = " (one calendar day, two weekdays named)"
    return Finding(Kind.DATE, fa, fb, va, vb, f'dates differ: "{fa.text}" ({va}) vs "{fb.text}" ({vb}){note}',
                   confidence * (0.7 + 0.3 * related), related)


def format_span(fact: Fact, span: DateSpan | None = None) -> str:
    """ISO days, or 2018-10 / 2019 for month- and year-wide spans; weekdays named when year-less."""
    span = span if span is not None else getattr(fact.value, "previous", fact.value)
    if not isinstance(span, DateSpan):
        return str(span)
    if not span.resolved:
        weekday = fact.attrs.weekday
        if weekday is not None and span.month_day is None:
            return f"{_WEEKDAY_NAMES[weekday]}, date unknown"
        return str(span)
    assert span.start and span.end
    if span.granularity in ("month", "year") or span.approximate and (span.end - span.start).days > 45:
        if span.granularity == "year" and span.start.month == 1 and span.end.month == 12 and span.end.day == 31:
            first, last = str(span.start.year), str(span.end.year)
        else:
            first, last = span.start.strftime("%Y-%m"), span.end.strftime("%Y-%m")
        return first if first == last else f"{first}..{last}"
    return str(span)


def _overlap(a: DateSpan, b: DateSpan) -> bool:
    return a.start <= b.end and b.start <= a.end  # type: ignore[operator]


def _one_moment(fa: Fact, fb: Fact) -> bool:
    """Two days a day apart whose day parts make them one moment in two time zones (see ``day_parts``)."""
    earlier, later = (fa, fb) if fa.value.start < fb.value.start else (fb, fa)  # type: ignore[union-attr,operator]
    return one_moment_two_clocks(earlier.attrs.day_part, later.attrs.day_part)


def _gap_days(a: DateSpan, b: DateSpan) -> int:
    if a.end < b.start:  # type: ignore[operator]
        return (b.start - a.end).days  # type: ignore[operator]
    return (a.start - b.end).days  # type: ignore[operator]


# --- counts and durations -------------------------------------------------------------------


def compare_quantities(a: Sequence[tuple[Fact, Side]], b: Sequence[tuple[Fact, Side]], related: Related,
                       min_related: float) -> list[Finding]:
    """Counts of the same thing (or lengths of the same event) whose tolerance intervals don't meet."""
    return _pairwise(a, b, related, min_related, quantity_verdict, _quantity_finding)


def quantity_verdict(fa: Fact, fb: Fact) -> str | float | None:
    qa, qb = fa.value, fb.value
    if not isinstance(qa, Quantity) or not isinstance(qb, Quantity) or fa.kind is not fb.kind:
        return None
    if fa.kind is Kind.DURATION:
        if qa.unit not in _HOURS or qb.unit not in _HOURS:
            return None
        scale_a, scale_b = _HOURS[qa.unit], _HOURS[qb.unit]
    elif qa.unit != qb.unit:
        return None
    else:
        scale_a = scale_b = 1.0
    lo_a, hi_a = _bounds(qa, scale_a)
    lo_b, hi_b = _bounds(qb, scale_b)
    two_units = fa.kind is Kind.DURATION and qa.unit != qb.unit
    if two_units:
        (lo_a, hi_a), (lo_b, hi_b) = _calendar_span(qa, lo_a, hi_a), _calendar_span(qb, lo_b, hi_b)
    eps = 1e-9 * max(1.0, abs(hi_a if math.isfinite(hi_a) else lo_a))
    va, vb = qa.value * scale_a, qb.value * scale_b
    bound_a, bound_b = _bound_kind(qa), _bound_kind(qb)
    if bound_a and bound_a == bound_b and abs(va - vb) > eps:
        if rounding_compatible(va, vb) or (two_units and _one_length(qa, va, qb, vb)):
            return AGREE  # "more than 15 million" / "at least 15.1 million": one minimum, to two precisions
        if bound_a == "lower":
            return TWO_FLOORS_CONFIDENCE  # "at least eight" / "at least nine": both true of ten
        return SAME_BOUND_CONFLICT  # "as many as 1.5 million" / "up to 1.6 million": two maxima of one count
    if lo_a <= hi_b + eps and lo_b <= hi_a + eps:
        if meet_only_at_excluded_bound(fa.attrs.get("modifier") or "", lo_a, hi_a, fb.attrs.get("modifier") or "",
                                       lo_b, hi_b):
            return OPPOSITE_BOUNDS_CONFIDENCE  # "almost four dozen" / "at least four dozen"
        return AGREE
    if fa.kind is Kind.DURATION and coarse_unit_compatible(qa, qb):
        return ROUNDING_CONFIDENCE  # "three-decade-old" / "32-year-old": a figure stated to the decade
    if not (qa.approximate or qb.approximate) and rounding_compatible(va, vb, precise_min_digits(va, vb, qa.unit)):
        return ROUNDING_CONFIDENCE  # "$43 million" / "$43,885,310", "$1 trillion" / "$1.2 trillion": a round figure
    if qa.approximate or qb.approximate:
        # The hedge's interval already admits what its figure rounds ("about 3.6 billion": 3.55..3.65),
        # so a value outside it is not explained by rounding however close ("$3.5 billion").
        return HEDGED_COUNT_CONFLICT
    if abs(va - vb) / max(abs(va), abs(vb), 1e-9) < CLOSE_VALUES_RATIO:
        return COUNT_CONFLICT * CLOSE_VALUES_FACTOR  # 2.48 vs 2.5 million: rounding more likely than a dispute
    return COUNT_CONFLICT


def compare_conversions(a: Sequence[tuple[Fact, Side]], b: Sequence[tuple[Fact, Side]], related: Related,
                        min_related: float) -> list[Finding]:
    """One amount in both articles, converted by each into the same other currency at rates too far apart for a day's
    exchange-rate move or the rounding of the figures: "$11bn (£8.5bn)" / "$11bn (£5.7bn)". One of the two
    conversions is wrong, and the count comparison cannot see it (the amounts agree; the conversions are not
    figures of their own, ``extract.quantities.drop_conversions``)."""
    findings = []
    rates_b = [(fb, _conversion_rates(fb)) for fb, _ in b]
    for fa, _ in a:
        ca = _conversion_rates(fa)
        for fb, cb in rates_b:
            shared = sorted(set(ca) & set(cb))
            if not shared or quantity_verdict(fa, fb) != AGREE:
                continue
            r = related(fa, fb)
            if r < min_related:
                continue
            for unit in shared:
                (rate_a, text_a), (rate_b, text_b) = ca[unit], cb[unit]
                if abs(rate_a - rate_b) / max(rate_a, rate_b) > CONVERSION_RATE_TOLERANCE:
                    findings.append(Finding(fa.kind, fa, fb, text_a, text_b,
                                            f'conversions differ: "{fa.text}" is given as "{text_a}" vs "{fb.text}" '
                                            f'as "{text_b}" (rates {rate_a:.3g} vs {rate_b:.3g})',
                                            CONVERSION_CONFLICT * (0.7 + 0.3 * r), r))
                    break
    return findings


def _conversion_rates(fact: Fact) -> dict[str, tuple[float, str]]:
    """Currency -> (rate, text) of each conversion the text gives of a money amount."""
    q = fact.value
    if not isinstance(q, Quantity) or not q.value:
        return {}
    return {unit: (value / q.value, text) for value, unit, text in (fact.attrs.conversions or ()) if value}


def _bound_kind(q: Quantity) -> str | None:
    """'upper' for "up to 1.6 million", 'lower' for "more than 60,000", None for a value or an estimate."""
    if q.low == 0 and q.high is not None and math.isfinite(q.high) and q.high == q.value:
        return "upper"
    if q.high is not None and math.isinf(q.high) and q.low == q.value:
        return "lower"
    return None


# Hours in the shortest and longest calendar month, year, ...: "a two-month moratorium" is 56 to 62 days, so
# "60 days" states it in other units; the same units compare as stated (two months vs three months).
_CALENDAR_HOURS = {"month": (28 * 24.0, 31 * 24.0), "year": (365 * 24.0, 366 * 24.0),
                   "decade": (3652 * 24.0, 3653 * 24.0), "century": (36524 * 24.0, 36525 * 24.0)}


def _one_length(qa: Quantity, va: float, qb: Quantity, vb: float) -> bool:
    """"up to six months" / "up to 26 weeks": two durations' values (in hours), in two units, are one length (a
    month is 28 to 31 days)."""
    lo_a, hi_a = _calendar_span(qa, va, va)
    lo_b, hi_b = _calendar_span(qb, vb, vb)
    return lo_a <= hi_b and lo_b <= hi_a


def _calendar_span(q: Quantity, low: float, high: float) -> tuple[float, float]:
    """A duration in calendar units as the hours it can span, when compared with one in other units."""
    if q.unit not in _CALENDAR_HOURS:
        return low, high
    shortest, longest = _CALENDAR_HOURS[q.unit]
    scale = _HOURS[q.unit]
    return low / scale * shortest, high / scale * longest


def _bounds(q: Quantity, scale: float) -> tuple[float, float]:
    low = q.low if q.low is not None else q.value
    high = q.high if q.high is not None else q.value
    return low * scale, high * scale


def format_quantity(q: Quantity) -> str:
    unit = f" {q.unit}" if q.unit else ""
    low = q.low if q.low is not None else q.value
    high = q.high if q.high is not None else q.value
    if low == high:
        return f"{q.value:g}{unit}"
    if math.isinf(high):
        return f">{low:g}{unit}" if low > 0 else f"{q.value:g}{unit}"
    if low == 0:
        return f"<{high:g}{unit}"
    return f"{low:.3g}–{high:.3g}{unit}"


def _quantity_finding(fa: Fact, fb: Fact, confidence: float, related: float) -> Finding:
    va, vb = format_quantity(fa.value), format_quantity(fb.value)  # type: ignore[arg-type]
    what = "durations" if fa.kind is Kind.DURATION else "numbers"
    return Finding(fa.kind, fa, fb, va, vb, f'{what} differ: "{fa.text}" ({va}) vs "{fb.text}" ({vb})',
                   confidence * (0.7 + 0.3 * related), related)


# --- elapsed-time claims ----------------------------------------------------------------------


def compare_elapsed(a: Side, b: Side, related: Related, min_related: float) -> list[Finding]:
    """Two claims about when the previous such event was, or one claim against a named earlier date."""
    findings: list[Finding] = []
    since_a = [f for f in a.facts if f.kind is Kind.SINCE]
    since_b = [f for f in b.facts if f.kind is Kind.SINCE]
    for fa in since_a:
        for fb in since_b:
            r = related(fa, fb)
            if r < min_related or not _same_subject(fa, fb):
                continue
            pa, proxy_a = _previous(fa, a.published or b.published, a.published is None)
            pb, proxy_b = _previous(fb, b.published or a.published, b.published is None)
            if pa is None or pb is None or _overlap(pa, pb):
                continue
            anchors = (fa.attrs.anchor, fb.attrs.anchor)
            confidence = 0.85 * (0.8 if proxy_a or proxy_b else 1.0)
            if "in-year" in anchors:
                confidence *= 0.8  # "the highest-ranking visit in 2019" read as "since 2019"
            if "relative" in anchors and _gap_days(pa, pb) < 120:
                confidence *= 0.7  # "in five years" has soft edges: a near miss may be rounding
            findings.append(_since_finding(fa, fb, pa, pb, confidence, r))
    for claims, dates, claim_side, date_side, flip in ((since_a, b.facts, a, b, False),
                                                       (since_b, a.facts, b, a, True)):
        for claim in claims:
            for date in dates:
                finding = _claim_vs_date(claim, date, claim_side, date_side, related, min_related)
                if finding is not None:
                    findings.append(_flipped(finding) if flip else finding)
    return findings


def _previous(fact: Fact, published: dt.date | None, proxy: bool) -> tuple[DateSpan | None, bool]:
    """The interval of the previous event; a relative claim without its own date uses the other article's."""
    span = fact.value.previous  # type: ignore[union-attr]
    if span.resolved:
        return span, False
    ago = fact.attrs.ago_days
    if ago and published is not None:
        low, high = ago
        span = DateSpan(published - dt.timedelta(days=high), published - dt.timedelta(days=low), "month",
                        approximate=True)
        return span, proxy
    return None, False


def _claim_vs_date(claim: Fact, date: Fact, claim_side: Side, date_side: Side, related: Related,
                   min_related: float) -> Finding | None:
    """"First visit in five years" vs "visited in March 2021": a named visit more recent than the claim allows."""
    span = date.value
    if date.kind is not Kind.DATE or not isinstance(span, DateSpan) or not span.resolved or not _is_point(date):
        return None
    now = date_side.published or claim_side.published
    previous, proxy = _previous(claim, claim_side.published or date_side.published, claim_side.published is None)
    if now is None or previous is None or span.end >= now - dt.timedelta(days=365):  # type: ignore[operator]
        return None  # a recent date is this event's own, not the previous one's
    subject = claim.attrs.event
    if not subject or date.attrs.event != subject:
        return None
    r = related(claim, date)
    if r < min_related or span.start <= previous.end:  # type: ignore[operator]
        return None
    confidence = 0.6 * (0.8 if proxy else 1.0)
    vc, vd = format_span(claim, previous), format_span(date)
    explanation = (f'previous {subject} differs: "{claim.text}" ({vc}) but "{date.text}" ({vd}) '
                   f"is more recent")
    return Finding(Kind.SINCE, claim, date, vc, vd, explanation, confidence * (0.7 + 0.3 * r), r)


def _same_subject(fa: Fact, fb: Fact) -> bool:
    sa = getattr(fa.value, "subject", "") or ""
    sb = getattr(fb.value, "subject", "") or ""
    generic = {"", "time", "event", "one"}
    ka, kb = _stem(sa), _stem(sb)
    if sa in generic or sb in generic or ka == kb:
        return True
    if min(len(ka), len(kb)) >= 4 and (ka.startswith(kb) or kb.startswith(ka)):
        return True  # "snow" / "snowfall", "flood" / "flooding"
    return bool(fa.attrs.event and fa.attrs.event == fb.attrs.event)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _since_finding(fa: Fact, fb: Fact, pa: DateSpan, pb: DateSpan, confidence: float, related: float) -> Finding:
    va, vb = format_span(fa, pa), format_span(fb, pb)
    subject = getattr(fa.value, "subject", "") or getattr(fb.value, "subject", "") or "event"
    subject = "event" if subject == "time" else subject
    return Finding(Kind.SINCE, fa, fb, va, vb, f'previous {subject} differs: "{fa.text}" ({va}) vs "{fb.text}" ({vb})',
                   confidence * (0.7 + 0.3 * related), related)


def _flipped(f: Finding) -> Finding:
    return Finding(f.kind, f.b, f.a, f.b_value, f.a_value, f.explanation, f.confidence, f.relatedness)


# --- shared pairing logic ------------------------------------------------------------------


def _pairwise(a: Sequence[tuple[Fact, Side]], b: Sequence[tuple[Fact, Side]], related: Related, min_related: float,
              verdict: Callable[[Fact, Fact], str | float | None],
              finding: Callable[[Fact, Fact, float, float], Finding]) -> list[Finding]:
    """Conflicts between facts neither of which agrees with any fact of the same event on the other side."""
    confirmed_a: set[int] = set()
    confirmed_b: set[int] = set()
    conflicts: list[tuple[int, int, float, float]] = []
    for i, (fa, _) in enumerate(a):
        for j, (fb, _) in enumerate(b):
            r = related(fa, fb)
            if r < min_related:
                continue
            v = verdict(fa, fb)
            if v == AGREE:
                confirmed_a.add(i)
                confirmed_b.add(j)
            elif isinstance(v, float):
                conflicts.append((i, j, v, r))
    return [finding(a[i][0], b[j][0], v, r) for i, j, v, r in conflicts
            if i not in confirmed_a and j not in confirmed_b]
