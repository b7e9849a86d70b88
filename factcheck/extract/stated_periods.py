"""The period a count is stated for, when the words that govern it name one ("last season", "the 2008
season", "fiscal 2019", "in the first quarter", "this year", "in 2009").

Why: two outlets' counts of one measured thing ("793 yards", "269 yards") are the same claim only
when they count the same period. A calendar date in the count's clause is already read by the claims
stage (``claim_signals.count_periods``); news also dates counts with relative or non-calendar
periods, which that does not read: "Last season it was Thomas that led the Saints in rushing, posting
793 total yards" and "he missed 10 total games this season and had only 269 yards" are two seasons.

A period is a tuple ``(unit, mode, n)``:

* ``mode`` "rel": deictic, counted from the publication date ("last season" = -1, "this year" = 0);
* ``mode`` "abs": named ("the 2008 season" = 2008, "fiscal 2019" = 2019, "in 2009": a calendar year);
* ``mode`` "ord": an ordinal of the unit inside something unnamed ("the first quarter", "his second term").

Which period is the count's: the time phrase among the counted noun's own dependents ("his 11 touchdowns
this year", "the 12 points he had last season"), else, climbing the parse from the count to its heads, the
first head one of whose other dependents (not another clause) holds one. The climb stops at a relative
clause or apposition (it describes a noun at any time) and at a clause under "said" (the report's date is
not the count's). An anaphoric or other time phrase ("the previous season", "a year earlier", "on Monday",
"through 2012") met first, or two at one step, leave the count without a period. Without a parse, the
sentence's only time phrase. The claims stage compares two counts' periods
(``claim_signals.stated_periods_apart``).

>>> count_period("Last season he had 793 yards.", 19, 28, None)
('season', 'rel', -1)
>>> count_period("Last season he had 793 yards; this season, 269 yards.", 19, 28, None) is None  # which? (no parse)
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from ._text import EVENT_OF

Period = tuple[str, str, int]
Phrase = tuple[int, int, "Period | None"]  # (start, end, period) of a time phrase; None: not counted from publication

CLIMB_STEPS = 8  # heads climbed from a count to find the phrase dating it (a sentence's clauses lie within this)
# A relative clause or an apposition describes a noun at any time; a parenthetical is another statement.
_STOP_AT = frozenset({"relcl", "appos", "parataxis"})
# Dependents that open another clause: a time phrase inside one dates that clause, not the count's.
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "acl", "xcomp", "csubj", "appos", "pcomp"})
_OWN_CLAUSES = frozenset({"relcl", "acl"})  # a clause on the counted noun itself says when it was counted

_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
             "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "rookie": 1}
_ORD = "|".join(_ORDINALS)
_OWNER = r"(?:the|a|an|his|her|their|its|my|our|your|that|whose)"
_NEAR_OFFSET = {"last": -1, "this": 0, "current": 0, "next": 1}

# Deictic: "last season", "this fiscal year", "next month". After a determiner or a possessive, "last" and
# "next" are not counted from today ("his last season": his final one; "the next season": after some other).
_RELATIVE = re.compile(rf"(?<![\w-])(?P<owner>{_OWNER}\s+)?(?P<mod>last|this|current|next)\s+"
                       r"(?P<unit>season|year|month|quarter|term|fiscal\s+year|campaign)(?![\w-])", re.I)
# Named seasons ("the 2008 season", "the 2008-09 season") and fiscal years ("fiscal 2019", "FY2019",
# "the 2019 fiscal year", "fiscal year 2019", "the 2019 budget year").
_SEASON = re.compile(r"(?<![\w-])(?P<y>(?:19|20)\d\d)(?:\s*[-–/]\s*(?:\d\d|(?:19|20)\d\d))?"
                     r"\s+(?:regular\s+)?season\b", re.I)
_FISCAL = re.compile(r"(?<![\w-])(?:(?:fiscal(?:\s+year)?|budget\s+year)\s+(?P<y>(?:19|20)\d\d)"
                     r"|FY\s?(?P<fy>(?:19|20)?\d\d)|(?P<y2>(?:19|20)\d\d)\s+(?:fiscal|budget)\s+year)(?![\w-])", re.I)
# Ordinals of a unit inside something unnamed: a year's or game's quarter or half, a career's term or season.
_ORDINAL = re.compile(rf"(?<![\w-])(?P<ord>{_ORD})[-\s](?P<unit>quarter|half|term|season)(?![\w])", re.I)
_QUARTER = re.compile(r"(?<![\w-])Q(?P<q>[1-4])(?![\w])")
# Anaphoric or other periods: counted from some time the sentence names, not from publication.
_OTHER = re.compile(rf"(?<![\w-])(?:{_OWNER}\s+)?(?:previous|prior|following|preceding|same|past)\s+"
                    r"(?:season|year|month|quarter|term|campaign|fiscal\s+year)s?\b"
                    r"|(?<![\w-])(?:season|year|month|quarter)s?[-\s](?:earlier|ago|before|later|on[-\s]year)\b"
                    r"|(?<![\w-])(?:year|month|quarter)-(?:ago|earlier)\b", re.I)

# A year that bounds a count ("to save $40 billion through 2012", "since 2019") is not the period it counts.
_BOUND = re.compile(r"\b(?:since|until|till|by|before|after|through|from|to|between|beyond)\s+"
                    r"(?:(?:early|late|mid|the\s+end\s+of|the\s+start\s+of)[-\s]+)?$", re.I)

_UNIT = {"season": "season", "campaign": "season", "year": "year", "month": "month", "quarter": "quarter",
         "term": "term", "half": "half"}


def period_phrases(text: str, dates: Iterable[Phrase] = ()) -> list[Phrase]:
    """(start, end, period) of each time phrase in ``text``; period None: a time phrase not counted from
    publication ("the previous season", "a year earlier"). ``dates``: the sentence's date mentions as
    (start, end, calendar-year period or None); those inside a phrase read here are that phrase."""
    found: list[Phrase] = []
    for m in _RELATIVE.finditer(text):
        mod, unit = m.group("mod").lower(), " ".join(m.group("unit").lower().split())
        if m.group("owner") and mod in ("last", "next"):
            found.append((m.start(), m.end(), None))
            continue
        unit = "fiscal" if unit == "fiscal year" else _UNIT[unit]
        if unit == "quarter" and mod == "last":
            found.append((m.start(), m.end(), None))  # "in the last quarter" of a game is its fourth
            continue
        found.append((m.start("mod"), m.end(), (unit, "rel", _NEAR_OFFSET[mod])))
    for m in _SEASON.finditer(text):
        found.append((m.start(), m.end(), ("season", "abs", int(m.group("y")))))
    for m in _FISCAL.finditer(text):
        year = m.group("y") or m.group("y2") or m.group("fy")
        found.append((m.start(), m.end(), ("fiscal", "abs", int(year) if len(year) == 4 else 2000 + int(year))))
    for m in _ORDINAL.finditer(text):
        found.append((m.start(), m.end(), (_UNIT[m.group("unit").lower()], "ord", _ORDINALS[m.group("ord").lower()])))
    for m in _QUARTER.finditer(text):
        found.append((m.start(), m.end(), ("quarter", "ord", int(m.group("q")))))
    for m in _OTHER.finditer(text):
        found.append((m.start(), m.end(), None))
    kept: list[Phrase] = []
    for phrase in sorted(found, key=lambda p: (p[0], -(p[1] - p[0]))):
        if not any(s < phrase[1] and phrase[0] < e for s, e, _ in kept):  # the longest of overlapping readings
            kept.append(phrase)
    kept += [(s, e, None if _BOUND.search(text[:s]) else p) for s, e, p in dates
             if not any(ks < e and s < ke for ks, ke, _ in kept)]
    return sorted(kept, key=lambda p: p[0])


def count_period(text: str, start: int, end: int, doc: Any,
                 dates: Iterable[Phrase] = ()) -> Period | None:
    """The period the count at ``text[start:end]`` is stated for, or None (none, or not one we can place)."""
    return period_among(period_phrases(text, dates), start, end, doc)


def period_among(phrases: Sequence[Phrase], start: int, end: int, doc: Any) -> Period | None:
    """``count_period`` over the sentence's time phrases read once (``period_phrases``) for all its counts."""
    if not phrases:
        return None
    if doc is None:
        return phrases[0][2] if len(phrases) == 1 and not (phrases[0][0] < end and start < phrases[0][1]) else None
    roots = {}
    for s, e, period in phrases:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            roots[span.root.i] = (s, e, period)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token, inside = span.root, {t.i for t in span}
    # The counted noun's own dependents first, its relative clause among them ("the 12 points he had last season").
    met = _phrases_below(token, roots, skip=inside, enter=_OWN_CLAUSES)
    if met:
        return _the_one(met)
    for _ in range(CLIMB_STEPS):
        if token.head is token or token.dep_ in _STOP_AT or _reported(token):
            return None
        came_from, token = token, token.head
        met = _phrases_below(token, roots, skip={came_from.i} | inside)
        if token.i in roots and token.i not in inside and came_from.dep_ != "conj":  # "in 2009 and 300 yards": a list
            met.append(roots[token.i])
        if met:
            return _the_one(met)
    return None


def _the_one(met: list[Phrase]) -> Period | None:
    """The period of the time phrases met at one step, when they name one ("in 2009 and last season": none)."""
    periods = {p for _, _, p in met}
    return periods.pop() if len(periods) == 1 else None


def _reported(token: Any) -> bool:
    """A clause under "said", "announced": the time phrase of the report dates the saying, not the count."""
    return token.dep_ == "ccomp" and EVENT_OF.get(token.head.lower_) == "speak"


def _phrases_below(token: Any, roots: dict, skip: set[int], enter: frozenset[str] = frozenset()) -> list:
    """Time phrases among ``token``'s dependents and theirs, not entering other clauses (but those of ``enter``
    directly under ``token``) or ``skip``."""
    out, todo = [], [c for c in token.children if c.i not in skip and (c.dep_ not in _CLAUSES or c.dep_ in enter)]
    while todo:
        child = todo.pop()
        if child.i in roots:
            out.append(roots[child.i])
            continue
        todo += [c for c in child.children if c.i not in skip and c.dep_ not in _CLAUSES]
    return out


def date_phrases(mentions: Sequence[Any]) -> list[Phrase]:
    """The sentence's other time phrases as ``Phrase``: date mentions (``dates.DateMention``: a calendar year named
    on the calendar, "in 2009", is that year; any other date, None) and elapsed-time spans ((start, end): None)."""
    out: list[Phrase] = []
    for m in mentions:
        if isinstance(m, tuple):
            out.append((m[0], m[1], None))
            continue
        span = m.span
        year = (span.granularity == "year" and m.attrs.get("anchor") == "absolute" and span.start is not None
                and span.end is not None and span.start.year == span.end.year)
        out.append((m.start, m.end, ("year", "abs", span.start.year) if year else None))
    return out
