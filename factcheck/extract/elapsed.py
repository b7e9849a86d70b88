"""Elapsed-time claims in one sentence -> when the previous such event must have happened.

Input: a sentence's text, its NER spans, the publication date (or None) and optionally its
spaCy Doc. Output: ``ElapsedMention`` records whose ``Elapsed.previous`` is the interval in
which the previous event must lie.

"The first visit in five years" (published 2023-06-19) puts the previous visit roughly
2017-06..2018-12; "the highest-ranking visit since 2019" puts it in 2019; "the first time
since October 2018" in that month; "the last such visit was in 2015" in 2015. Those intervals
can then be compared with each other or with a plain date, which an NLI model cannot do.
A claim only counts with a cue that makes it one: "first", "only", a superlative, a negation
("has not visited since 2019") or "last/previous ... in <date>"; "relations have been tense
since 2019" is not about a previous event and is left to the date extractor.

>>> import datetime as dt
>>> [str(m.elapsed.previous) for m in find_elapsed("It was the first visit since 2019.", published=dt.date(2023, 6, 19))]
['2019-01-01..2019-12-31']
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.records import DateSpan, Elapsed, Entity

from ._text import EVENT_FAMILIES, EVENT_OF, WORD_VALUES, clean, parse_number
from .dates import date_candidates, parse_date

# Superlatives common in news; spaCy's JJS/RBS tags catch the rest when a Doc is given.
_SUPERLATIVES = set(
    "most least highest biggest largest greatest longest worst best deadliest lowest strongest fastest oldest "
    "youngest earliest heaviest hottest coldest wettest warmest smallest closest busiest costliest widest "
    "sharpest steepest weakest slowest senior-most top-level".split())
_NEGATIONS = {"never", "not", "no", "n't"}
_CUE = re.compile(r"\b(?:first|only|never|not|no|last|previous|prior|predecessor|\w+est|"
                  + "|".join(sorted(_SUPERLATIVES, key=len, reverse=True)) + r")\b|n't\b", re.I)
_NUMBER_WORDS = "|".join(sorted((k for k in WORD_VALUES if k not in ("half", "couple")), key=len, reverse=True))
_IN_SPAN = re.compile(
    r"\b(?:in|for)\s+(?:(?:the\s+)?(?:past|last)\s+)?"
    r"(?P<mod>nearly|almost|about|around|roughly|some|more than|over|at least|less than|under|close to|just over"
    r"|just under|well over|well under|upwards of)?\s*"
    rf"(?P<n>\d+(?:\.\d+)?|(?:{_NUMBER_WORDS})(?:-(?:{_NUMBER_WORDS}))?)\s+"
    r"(?P<unit>years?|months?|decades?|weeks?|days?)\b", re.I)
_SINCE = re.compile(r"\bsince\s+(?:(?:at\s+least|early|late|mid|the)\s+)?", re.I)
_LAST = re.compile(r"\b(?:last|previous|prior|predecessor)\b(?!\s+(?:week|weekend|month|year|night)\b)", re.I)
_CLAUSE_BREAK = re.compile(r"[;:]|,\s+(?:but|while|whereas|although)\b|\band\s+(?:the|it|this)\b")
# A since-clause also ends at a comma: "since the pandemic began, a sign ... in the past two months" dates
# nothing of the pandemic's start (a date right after "since" is read before this, commas and all).
_SINCE_CLAUSE_END = re.compile(_CLAUSE_BREAK.pattern + r"|,")
_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25, "decade": 3652.5}


@dataclass(frozen=True, slots=True)
class ElapsedMention:
    """One elapsed-time claim: its span (cue to number or date), the interval, and how it was read."""

    start: int
    end: int
    text: str
    elapsed: Elapsed
    attrs: dict[str, Any] = field(default_factory=dict)
    consumed: tuple[int, int] = (0, 0)  # the number/date span inside, which other extractors must skip


def find_elapsed(text: str, entities: Sequence[Entity] = (), published: dt.date | None = None,
                 doc: Any = None) -> list[ElapsedMention]:
    """Every "first ... in N years" / "since X" / "last ... in X" claim in ``text``."""
    cleaned = clean(text)
    found: list[ElapsedMention] = []
    taken: list[tuple[int, int]] = []
    for match in _IN_SPAN.finditer(cleaned):
        cue = _cue_before(cleaned, match.start(), doc)
        if cue is None or _SINCE.search(cleaned, cue[1], match.start()):
            continue  # "the lowest since the pandemic began, ... in the past two months": the cue is the since's
        mention = _in_span(cleaned, text, match, cue, published)
        if mention is not None:
            found.append(mention)
            taken.append(match.span())
    candidates = date_candidates(cleaned, entities)
    for match in _SINCE.finditer(cleaned):
        cue = _cue_before(cleaned, match.start(), doc)
        if cue is None:
            continue
        mention = _anchored(cleaned, text, match.end(), cue, published, candidates, reach=30)
        if mention is None:  # "since Pompeo met Wang in October 2018": the date closes the since-clause
            mention = _in_clause(cleaned, text, match.end(), cue, published, candidates, taken, reach=110,
                                 breaks=_SINCE_CLAUSE_END)
        if mention is not None and not any(s <= mention.consumed[0] < e for s, e in taken):
            found.append(mention)
            taken.append(mention.consumed)
    for match in _LAST.finditer(cleaned):
        mention = _in_clause(cleaned, text, match.end(), match.span(), published, candidates, taken, reach=90)
        if mention is not None:
            found.append(mention)
            taken.append(mention.consumed)
    for mention in _first_in_year(cleaned, text, published, candidates, taken, doc):
        found.append(mention)
        taken.append(mention.consumed)
    return found


def _cue_before(text: str, position: int, doc: Any) -> tuple[int, int] | None:
    """The "first"/superlative/negation that makes a claim about the previous event, in the same clause."""
    window_start = max(0, position - 160)
    for brk in _CLAUSE_BREAK.finditer(text, window_start, position):
        window_start = brk.end()
    best = None
    for match in _CUE.finditer(text, window_start, position):
        word = match.group().lower()
        if word in ("last", "previous", "prior", "predecessor"):
            continue  # handled by _in_clause: those name the previous event's own date
        if word.endswith("est") and word not in _SUPERLATIVES and not _is_superlative(doc, match):
            continue
        best = match.span()
    return best


def _is_superlative(doc: Any, match: re.Match) -> bool:
    if doc is None:
        return False
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    return span is not None and any(t.tag_ in ("JJS", "RBS") for t in span)


def _in_span(cleaned: str, text: str, match: re.Match, cue: tuple[int, int],
             published: dt.date | None) -> ElapsedMention | None:
    n = parse_number(match.group("n"))
    if n is None or n <= 0 or n > 200:
        return None
    unit = match.group("unit").lower().rstrip("s")
    mod = " ".join((match.group("mod") or "").lower().split())
    low, high = ago_range(n, mod)
    days = _UNIT_DAYS[unit]
    low_days, high_days = low * days, high * days
    approximate = bool(mod) or unit in ("year", "decade")
    if published is not None:
        previous = DateSpan(_days_before(published, high_days), _days_before(published, low_days),
                            "month" if days >= 30 else "day", approximate=approximate)
    else:
        previous = DateSpan(None, None, "month", approximate=True)
    subject = _subject(cleaned, cue[0], match.start())
    attrs = {"anchor": "relative", "ago_days": (round(low_days), round(high_days)), "event": _family(subject)}
    start = cue[0]
    return ElapsedMention(start, match.end(), text[start:match.end()], Elapsed(previous, subject), attrs,
                          consumed=match.span())


def _days_before(day: dt.date, days: float) -> dt.date:
    """``day`` minus ``days``, no earlier than the calendar's first day ("in more than 140 decades" reaches past it)."""
    return day - dt.timedelta(days=min(round(days), (day - dt.date.min).days))


def ago_range(n: float, mod: str) -> tuple[float, float]:
    """How many units ago "in <mod> N units" puts the previous event, as (least, most).

    A bare "in five years" is a rounded figure: 4.5 up to (not quite) 6 years. "Nearly five"
    is close to five from below, 4.5 to 5 (the same 90 % as "nearly" in quantities),
    "more than five" 5 to about 8, "about five" 4 to 6.
    """
    if mod in ("nearly", "almost", "close to", "just under", "less than", "under", "well under"):
        return (n * 0.9 if mod not in ("less than", "under", "well under") else n * 0.3), n
    if mod in ("more than", "over", "at least", "just over", "well over", "upwards of"):
        return n, n * 1.5 + 1.0
    if mod in ("about", "around", "roughly", "some"):
        return max(n - 1.0, n * 0.8), n + 1.0
    return max(n - 0.5, n * 0.75), n + 1.0


def _anchored(cleaned: str, text: str, after: int, cue: tuple[int, int], published: dt.date | None,
              candidates: list[tuple[int, int]], reach: int) -> ElapsedMention | None:
    """A claim whose previous event has a written date: the date candidate just after ``after``."""
    for start, end in candidates:
        if after <= start <= after + reach:
            parsed = parse_date(cleaned, start, end, published, "past")
            if parsed is None:
                continue
            span = parsed.span
            if not span.resolved and span.month_day is None:
                span = DateSpan(None, None, span.granularity, approximate=True)
            subject = _subject(cleaned, cue[0], start)
            begin = min(cue[0], start)
            attrs = {"anchor": parsed.attrs.get("anchor", "absolute"), "event": _family(subject),
                     "date_text": parsed.text}
            if parsed.attrs.get("weekday") is not None:
                attrs["weekday"] = parsed.attrs["weekday"]
            return ElapsedMention(begin, parsed.end, text[begin:parsed.end], Elapsed(span, subject), attrs,
                                  consumed=(start, max(end, parsed.end)))
    return None


def _in_clause(cleaned: str, text: str, after: int, cue: tuple[int, int], published: dt.date | None,
               candidates: list[tuple[int, int]], taken: list[tuple[int, int]], reach: int,
               breaks: re.Pattern = _CLAUSE_BREAK) -> ElapsedMention | None:
    """The first 'in/on <date>' in the same clause after ``after``: 'the last such visit was in 2015',
    'his predecessor visited in October 2018', 'since Pompeo met Wang in October 2018'."""
    limit = min(len(cleaned), after + reach)
    brk = breaks.search(cleaned, after, limit)
    if brk:
        limit = brk.start()
    for prep in re.finditer(r"\b(?:in|on)\s+", cleaned[:limit]):
        if prep.start() < after:
            continue
        if any(s <= prep.end() < e for s, e in taken):
            continue
        mention = _anchored(cleaned, text, prep.end(), cue, published, candidates, reach=2)
        if mention is not None:
            return mention
    return None


_PRESENT = re.compile(r"\b(?:is|are|will be|marks|becomes|would be)\b", re.I)


def _first_in_year(cleaned: str, text: str, published: dt.date | None, candidates: list[tuple[int, int]],
                   taken: list[tuple[int, int]], doc: Any) -> list[ElapsedMention]:
    """'He is the highest-ranking official to visit China in 2019': read as a claim about the previous
    such visit (the year it names), but only in a present-tense claim about an earlier year."""
    found = []
    for start, end in candidates:
        before = cleaned[max(0, start - 4):start].lower()
        if not before.endswith("in ") or any(s < end and start < e for s, e in taken):
            continue
        cue = _cue_before(cleaned, start, doc)
        if cue is None or cleaned[cue[0]:cue[1]].lower() in _NEGATIONS | {"n't"}:
            continue
        if not _PRESENT.search(cleaned, max(0, cue[0] - 40), cue[0]):
            continue
        parsed = parse_date(cleaned, start, end, published, "past")
        if parsed is None or parsed.span.granularity != "year" or not parsed.span.resolved:
            continue
        if published is not None and parsed.span.end.year >= published.year:  # type: ignore[union-attr]
            continue
        subject = _subject(cleaned, cue[0], start)
        attrs = {"anchor": "in-year", "event": _family(subject), "date_text": parsed.text}
        span = DateSpan(parsed.span.start, parsed.span.end, "year", approximate=True)
        found.append(ElapsedMention(cue[0], parsed.end, text[cue[0]:parsed.end], Elapsed(span, subject), attrs,
                                    consumed=(start, end)))
    return found


def _subject(text: str, cue_start: int, end: int) -> str:
    """What the claim counts: an event family ('visit'), else the noun after the cue ('final', 'rate')."""
    between = re.findall(r"[A-Za-z][A-Za-z'-]*", text[cue_start:end])
    for word in between:
        family = EVENT_OF.get(word.lower())
        if family:
            return family
    head = ""
    if between and between[0].lower() in _NEGATIONS | {"hasn't", "haven't", "hadn't", "didn't"}:
        verbs = [w.lower() for w in between[1:] if w.lower() not in ("been", "had", "have", "ever", "yet", "once")]
        return verbs[0] if verbs else ""
    for word in between[1:]:
        lower = word.lower()
        if lower in _HEAD_STOPS:
            break
        if lower not in ("such", "ever", "ranking", "level", "profile"):
            head = lower.removesuffix("'s")
    if head:
        return head
    for word in re.findall(r"[A-Za-z][A-Za-z'-]*", text[end:end + 80])[:8]:
        family = EVENT_OF.get(word.lower())
        if family:
            return family
    return ""


_HEAD_STOPS = set("a an the in since to that for of by on at with from this as who which when where was is were are "
                  "has have had will would".split())


def _family(subject: str) -> str | None:
    return subject if subject in EVENT_FAMILIES else None
