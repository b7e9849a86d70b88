"""Signals the claims stage weighs besides sentence similarity: is this one fact stated twice?

* **Both values in one article.** When article B itself states A's value (of the same unit)
  somewhere, B is not contradicting A on it: the value B gives next to A's is the amount of
  some other thing ("an effective rate of 35.7 percent ... a combined rate of 45.8 percent";
  "$2.5 billion for counter-drug programmes" beside "$3.6 billion from military construction").
  So two counts are one claim only when neither article also states the other's value.
  The same holds when a third article of the story states both values (``stated_together``).
* **Both renderings in one article.** An article that itself quotes the other's words elsewhere
  ("they destroyed his life" ... later "it's like they ruined his life") reports two remarks.
* **The nearer of one article's values.** An article that states two amounts of one unit in one
  sentence or two ("about $3.6 billion from construction projects, along with another $2.5
  billion for counter-drug activities") measures two things; another outlet's "$3.5 billion" is
  that article's $3.6 billion misreported, not its $2.5 billion. So a count is linked only with
  the nearest value among those of one article it could be linked with in a sentence at least as
  similar (``nearer_value_links``).
* **A count given in a list** (``listed_counts``) of values of one measure, **counts of two dated
  occasions** (``count_periods``, ``periods_apart``), **counts of two named days** (``count_days``,
  ``days_apart``) and **counts of two stated periods**
  (``stated_periods_apart``: "last season" / "this season"): see their docstrings.
* **Durations compared in one unit.** "24 years" and "24 hours" are not within a factor of
  anything of each other.
* **The event a date dates, from the parse.** A date's event family read off any nearby word
  ("the deal" near "Monday") links dates of different events; when the sentence was parsed,
  only the family of the words that govern the date counts (``extract/frames.py``).

Thresholds are fields of ``ClaimsConfig``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .claim_lines import is_dateline
from .extract.complements import different_complements
from .extract.hedges import ORDER_MIN_MULTIPLE, ORDER_OF_MAGNITUDE
from .records import BOUND_RELATIONS, TIME_UNIT_HOURS, DateSpan, Fact, Kind, Sentence

if TYPE_CHECKING:
    from .claims_config import ClaimsConfig


def fact_key(fact: Fact) -> str:
    """How a fact is named inside a claim group."""
    return f"{fact.sentence_id}:{fact.start}:{fact.end}"


def measure_key(fact: Fact) -> str | None:
    """What a value is measured in: a duration's time dimension, a count's unit (None: nothing to match)."""
    if fact.kind is Kind.DURATION:
        return "duration"
    return getattr(fact.value, "unit", None) or None


def measure_value(fact: Fact) -> float | None:
    """The value in the key's unit (durations in hours)."""
    value = getattr(fact.value, "value", None)
    if value is None:
        return None
    if fact.kind is Kind.DURATION:
        return float(value) * TIME_UNIT_HOURS.get(getattr(fact.value, "unit", "") or "", 0.0) or None
    return float(value)


def measure_ratio(fa: Fact, fb: Fact) -> float:
    """Larger over smaller value, in one unit (inf when either is zero or unknown)."""
    va, vb = measure_value(fa), measure_value(fb)
    if not va or not vb:
        return float("inf")
    va, vb = abs(va), abs(vb)
    return max(va, vb) / min(va, vb)


def measure_bounds(fact: Fact) -> tuple[float, float] | None:
    """The interval a value admits ("about 3.6 billion": 3.55..3.65 billion), in the key's unit."""
    value, scale = measure_value(fact), 1.0
    raw = getattr(fact.value, "value", None)
    if value is None or not raw:
        return None
    scale = value / float(raw)
    low, high = getattr(fact.value, "low", None), getattr(fact.value, "high", None)
    return ((raw if low is None else low) * scale, (raw if high is None else high) * scale)


def value_gap(fa: Fact, fb: Fact) -> float:
    """How far apart two values' intervals lie, relative to the larger value (0 when they meet; inf: unknown)."""
    ba, bb = measure_bounds(fa), measure_bounds(fb)
    va, vb = measure_value(fa), measure_value(fb)
    if ba is None or bb is None or not va or not vb:
        return float("inf")
    gap = max(0.0, bb[0] - ba[1], ba[0] - bb[1])
    return gap / max(abs(va), abs(vb))


def same_value(x: float, y: float, tolerance: float) -> bool:
    """Equal up to rounding: "35.72" and "35.7", not "43,885,310" and "43 million" at 1 %."""
    return abs(x - y) <= tolerance * max(abs(x), abs(y))


class ValueIndex:
    """Every value each article states, by what it is measured in."""

    def __init__(self, sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]], tolerance: float) -> None:
        self.tolerance = tolerance
        self._values: dict[tuple[str, str], list[float]] = {}
        by_key: dict[str, list[tuple[float, str]]] = {}
        for sentence in sentences:
            for fact in facts.get(sentence.id, ()):
                if fact.kind not in (Kind.NUMBER, Kind.DURATION):
                    continue
                key, value = measure_key(fact), measure_value(fact)
                if key and value is not None:
                    self._values.setdefault((sentence.article_id, key), []).append(value)
                    by_key.setdefault(key, []).append((value, sentence.article_id))
        # Per measure: every stated value and the article stating it, as arrays (stated_together is asked per link).
        self._by_key = {key: (np.array([v for v, _ in rows]), np.array([a for _, a in rows], dtype=object))
                        for key, rows in by_key.items()}

    def states(self, article_id: str, fact: Fact) -> bool:
        """Does the article state this fact's value (same unit, equal up to rounding) anywhere?"""
        key, value = measure_key(fact), measure_value(fact)
        if not key or value is None:
            return False
        return any(same_value(value, v, self.tolerance) for v in self._values.get((article_id, key), ()))

    def both_stated(self, fa: Fact, article_a: str, fb: Fact, article_b: str) -> bool:
        """One article also states the other's value: the two differing values measure two things.

        Values that already agree are left alone (nothing to flag either way).
        """
        va, vb = measure_value(fa), measure_value(fb)
        if va is None or vb is None or same_value(va, vb, self.tolerance):
            return False
        return self.states(article_b, fa) or self.states(article_a, fb)

    def stated_together(self, fa: Fact, fb: Fact) -> bool:
        """Some article of the story states both values: to that outlet they are two things ("prices rose 5.4%
        ... core inflation rose 4.5%"), so a third outlet's 5.4% is no contradiction of another's 4.5%."""
        key = measure_key(fa)
        va, vb = measure_value(fa), measure_value(fb)
        if not key or key != measure_key(fb) or va is None or vb is None or same_value(va, vb, self.tolerance):
            return False
        values, articles = self._by_key[key]
        near = lambda x: np.abs(values - x) <= self.tolerance * np.maximum(np.abs(values), abs(x))  # noqa: E731
        return bool(set(articles[near(va)]) & set(articles[near(vb)]))


def parallel_records(fa: Fact, figures_a: Sequence[Fact], fb: Fact, figures_b: Sequence[Fact],
                     tolerance: float) -> bool:
    """Two sentences that give other figures of the same measures too, none of which agree: two records (two
    seasons, two models, two days' trading), not one figure told two ways.

    "caught 39 passes for 302 yards" / "caught 29 passes for 201 yards", "a 2.9 GHz i7 ... priced at $1799" / "$2,199
    for the 2.3 GHz quad-core i7 model", "rose 3.8% to 1,088 pence" / "closed down 18% at 1115 pence". An outlet that
    misreports a figure keeps the rest of the sentence: one other pair that agrees ("caught 29 passes for 302 yards")
    keeps the link, and so do sentences with no other figure of a shared measure. Only pairs of two other figures
    count: another figure of one sentence against ``fa`` or ``fb`` is another reading of that figure (a list's other
    item: ``listed_counts``). ``figures_a`` / ``figures_b``: the facts of each sentence (``fa`` / ``fb`` among them).
    """
    if _compatible(fa, fb, tolerance):
        return False  # nothing to flag between them, and they may anchor another pair
    others = [(x, y) for x in figures_a for y in figures_b
              if x is not fa and y is not fb and x.kind in (Kind.NUMBER, Kind.DURATION)
              and y.kind in (Kind.NUMBER, Kind.DURATION) and measure_key(x) and measure_key(x) == measure_key(y)]
    return bool(others) and not any(_compatible(x, y, tolerance) for x, y in others)


def _compatible(fa: Fact, fb: Fact, tolerance: float) -> bool:
    """The two values can be one figure: their intervals meet, or the values agree up to rounding."""
    return value_gap(fa, fb) <= tolerance


def dated_event(fact: Fact) -> str | None:
    """The event family a date dates: the parse's reading when the sentence was parsed, else the nearest word's."""
    parsed = fact.attrs.get("event_parsed")  # "" = the parse found none: no fallback to a nearby word
    if parsed is not None:
        return parsed or None
    return fact.attrs.get("event")


def numbers_apart(fa: Fact, fb: Fact, similarity: float, cfg: ClaimsConfig) -> bool:
    """Values too far apart to be two outlets' readings of one count, unless the sentences are paraphrases.

    A count given as an order of magnitude ("hundreds of thousands of files") is measured from the
    order it names (100,000 up to a million): "100,000 secret files" is a reading of that count, and
    the judge then decides whether it is too low for "hundreds".
    """
    if similarity >= cfg.paraphrase_similarity:
        return False
    for vague, other in ((fa, fb), (fb, fa)):
        if vague.attrs.get("modifier") == ORDER_OF_MAGNITUDE:
            bounds, value = measure_bounds(vague), measure_value(other)
            if bounds is None or not value:
                return True
            low, high = bounds[0] / ORDER_MIN_MULTIPLE, bounds[1]
            nearest = min(max(abs(value), low), high)
            return max(nearest, abs(value)) / min(nearest, abs(value)) > cfg.number_max_ratio
    return measure_ratio(fa, fb) > cfg.number_max_ratio


def quote_words(text: str) -> tuple[str, ...]:
    """A quotation's lower-cased words as printed (the judge's ``fact_text_rules.quote_words`` also
    expands contractions and acronyms: grouping asks "the same remark?", the judge "the same wording?")."""
    return tuple(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'")))


class QuoteIndex:
    """Every quotation each article prints, as word tuples."""

    def __init__(self, sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]]) -> None:
        self._quotes: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for sentence in sentences:
            for fact in facts.get(sentence.id, ()):
                if fact.kind is Kind.QUOTE:
                    words = quote_words(getattr(fact.value, "content", ""))
                    self._quotes.setdefault(sentence.article_id, []).append((fact.sentence_id, words))

    def prints(self, article_id: str, fact: Fact, besides: str) -> bool:
        """Does the article print this quotation's words (contiguously) in a sentence other than ``besides``?"""
        words = quote_words(getattr(fact.value, "content", ""))
        return bool(words) and any(sid != besides and contains(other, words)
                                   for sid, other in self._quotes.get(article_id, ()))

    def both_printed(self, fa: Fact, article_a: str, fb: Fact, article_b: str) -> bool:
        """One article prints the other's rendering too, besides its own differing one: two remarks."""
        if quote_words(getattr(fa.value, "content", "")) == quote_words(getattr(fb.value, "content", "")):
            return False
        return self.prints(article_b, fa, fb.sentence_id) or self.prints(article_a, fb, fa.sentence_id)


class QuoteMatch(NamedTuple):
    """How two quotations share words: in runs of two or more, in order (single shared words, "the", "for", do not
    make one remark)."""

    words: int  # words of the first quotation in shared runs
    closeness: float  # 2 x those words / both quotations' words (Dice): how nearly one wording is the other
    positions: frozenset[int]  # which words of the first quotation they are

    def competes(self, other: QuoteMatch) -> bool:
        """Do two quotations match the same stretch of this one (not two parts of it, as when an article cuts a
        long quotation into two sentences)?"""
        shared = len(self.positions & other.positions)
        return shared * 2 >= min(len(self.positions), len(other.positions))


def quote_match(a: str, b: str) -> QuoteMatch:
    """The words two quotations share, seen from ``a``."""
    return word_match(quote_words(a), quote_words(b))


def word_match(wa: Sequence[str], wb: Sequence[str]) -> QuoteMatch:
    """``quote_match`` of two quotations' words."""
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size >= 2]
    words = sum(block.size for block in blocks)
    return QuoteMatch(words, 2 * words / max(len(wa) + len(wb), 1),
                      frozenset(i for block in blocks for i in range(block.a, block.a + block.size)))


def contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Do ``part``'s words stand in ``words``, contiguously?"""
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def one_remark(a: str, b: str) -> bool:
    """Is one quotation's wording a stretch of the other's (an excerpt of it, printed apart)?"""
    short, long = sorted((quote_words(a), quote_words(b)), key=len)
    return bool(short) and contains(long, short)


def closest_quote_links(links: Sequence[tuple]) -> list[tuple]:
    """Drop a quotation's link when the other article prints another quotation closer to the same words of it.

    ``links``: (a, b, cosine) with items that carry ``key``, ``fact`` and ``sentence``. An article that prints "We've
    got a big challenge, and we've got work to do" and, later, "We've got a real challenge" gives two remarks: another
    outlet's "we've got a big challenge and we've got work to do" is the first, not a misquote of the second.
    Closer: the larger share of both quotations' words in shared runs ("But I don't think it's O.K." over "I don't
    think that's O.K. You might think it's O.K. that ..." for "I don't think it's OK"). Two quotations that match two
    different stretches of a long one (its two halves, printed as two sentences) both keep their links, and so does
    a quotation the article also prints in part ("a 'fundamental lack of trust'" in the lead, the whole remark
    later): an excerpt is the same remark, no rival. Checked from both ends; links of other kinds pass unchanged.
    """
    def content(item) -> str:
        return getattr(item.fact.value, "content", "")

    match: dict[tuple[str, str], QuoteMatch] = {}
    options: dict[tuple[str, str], list[object]] = {}
    for a, b, _ in links:
        if a.kind is Kind.QUOTE and b.kind is Kind.QUOTE:
            wa, wb = quote_words(content(a)), quote_words(content(b))
            match[(a.key, b.key)], match[(b.key, a.key)] = word_match(wa, wb), word_match(wb, wa)
            options.setdefault((a.key, b.sentence.article_id), []).append(b)
            options.setdefault((b.key, a.sentence.article_id), []).append(a)

    def closer_elsewhere(x, y) -> bool:
        own = match[(x.key, y.key)]
        return any(z.key != y.key and (other := match[(x.key, z.key)]).closeness > own.closeness
                   and own.competes(other) and not one_remark(content(y), content(z))
                   for z in options[(x.key, y.sentence.article_id)])

    return [(a, b, cos) for a, b, cos in links
            if (a.key, b.key) not in match or not (closer_elsewhere(a, b) or closer_elsewhere(b, a))]


def nearer_value_links(links: Sequence[tuple], margin: float) -> list[tuple]:
    """Drop a count's link when the other article offers a nearer value in an at-least-as-similar sentence.

    ``links``: (a, b, cosine) with items that carry ``key``, ``fact`` and ``sentence``. Checked from
    both ends: "$3.5 billion" linked with both "about $3.6 billion" and "$2.5 billion" of one
    sentence keeps the first link only. Links of other kinds pass unchanged.
    """
    options: dict[tuple[str, str], list[tuple[object, float]]] = {}
    for a, b, cos in links:
        if _is_count(a) and _is_count(b):
            options.setdefault((a.key, b.sentence.article_id), []).append((b, cos))
            options.setdefault((b.key, a.sentence.article_id), []).append((a, cos))

    def nearer_elsewhere(x, y, cos: float) -> bool:
        gap = value_gap(x.fact, y.fact)
        return any(z.key != y.key and other >= cos - margin and value_gap(x.fact, z.fact) < gap
                   for z, other in options.get((x.key, y.sentence.article_id), ()))

    return [(a, b, cos) for a, b, cos in links
            if not (_is_count(a) and _is_count(b)) or not (nearer_elsewhere(a, b, cos) or nearer_elsewhere(b, a, cos))]


def _is_count(item) -> bool:
    return item.fact is not None and item.fact.kind in (Kind.NUMBER, Kind.DURATION)


_CONTEXT_WORD = re.compile(r"[a-z0-9']+")


def context_words(sentence: Sentence, fact: Fact, width: int) -> set[tuple[str, int]]:
    """The words just before (-1, -2, ...) and after (1, 2, ...) a fact, by position."""
    text = sentence.text.lower()
    before = _CONTEXT_WORD.findall(text[:fact.start])[-width:]
    after = _CONTEXT_WORD.findall(text[fact.end:])[:width]
    return {(w, i - len(before)) for i, w in enumerate(before)} | {(w, i + 1) for i, w in enumerate(after)}


def aligned_links(links: Sequence[tuple], width: int) -> list[tuple]:
    """In two sentences that each state several facts of one kind, a fact is linked only with the one
    standing among the same words ("in January" with "in January", "early Saturday morning" with
    "early Friday morning"), not with every fact of the other sentence.

    Checked from both ends; when no candidate shares more context words than another, all stay.
    """
    shared: dict[tuple[str, str], list[tuple[object, int]]] = {}
    score: dict[tuple[str, str], int] = {}
    for a, b, _ in links:
        if a.fact is None or b.fact is None:
            continue
        n = len(context_words(a.sentence, a.fact, width) & context_words(b.sentence, b.fact, width))
        score[(a.key, b.key)] = score[(b.key, a.key)] = n
        shared.setdefault((a.key, b.sentence.id), []).append((b, n))
        shared.setdefault((b.key, a.sentence.id), []).append((a, n))

    def outdone(x, y) -> bool:
        n = score[(x.key, y.key)]
        return any(z.key != y.key and other > n for z, other in shared[(x.key, y.sentence.id)])

    return [(a, b, cos) for a, b, cos in links
            if a.fact is None or b.fact is None or not (outdone(a, b) or outdone(b, a))]


REPORTING = "speak"  # "said", "announced": the event of a count is what it counts, not who reported it


def compatible_events(fa: Fact, fb: Fact) -> bool:
    """Counts of one happening: event families equal, or one unknown (killed ~ died, not arrested ~ injured)."""
    ea, eb = (e if e != REPORTING else None for e in (fa.attrs.get("event"), fb.attrs.get("event")))
    # Governing verbs outside the event families ("involving", "block") say little about what is counted:
    # on the tuning stories they split one count ("as many as 1.5 million women" / "up to 1.6 million").
    return not (ea and eb) or ea == eb


def listed_counts(sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]], tolerance: float) -> set[str]:
    """Keys of counts and durations given in a list: their sentence states another value of the same measure
    that neither the event nor the complements tell apart.

    "He ran for 793 yards ... and caught 39 passes for 302 yards", "the 13- and 15-inch models", "Romney (17
    percent), Huckabee (14 percent), Palin (12 percent)": another article's single value of that measure
    ("193 yards", "the 11-inch model", "11 percent") belongs to some other player, model or candidate, and
    which one, nothing in the two sentences says. Values told apart by their event ("killed 12 and injured
    30") or by what they are of ("$3.6 billion from construction, $2.5 billion for counter-drug programmes")
    are not a list. A listed value still links with one within ``listed_max_ratio`` of it: that is the
    same figure misreported a little ("$3.5 billion" / "$3.6 billion over two years, and another $2.5 billion").
    """
    out: set[str] = set()
    for sentence in sentences:
        counts = [f for f in facts.get(sentence.id, ()) if f.kind in (Kind.NUMBER, Kind.DURATION)
                  and measure_key(f) and measure_value(f) is not None]
        for f in counts:
            for g in counts:
                if (g is not f and measure_key(g) == measure_key(f)
                        and not same_value(measure_value(f), measure_value(g), tolerance)  # type: ignore[arg-type]
                        and compatible_events(f, g)
                        and not different_complements(f.attrs.get("complements") or (), g.attrs.get("complements") or ())):
                    out.add(fact_key(f))
                    break
    return out


def count_periods(sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]]) -> dict[str, DateSpan]:
    """Key of a count or duration -> the date it is a count of: the sentence's only resolved date ("In 2004,
    an earthquake triggered a tsunami that killed 230,000 people"), else the one its own verb governs.
    Counts without one are left out."""
    out: dict[str, DateSpan] = {}
    for sentence in sentences:
        own = facts.get(sentence.id, ())
        dates = [f for f in own if f.kind is Kind.DATE and getattr(f.value, "resolved", False) and f.attrs.get("verb")
                 and f.attrs.get("anchor") != "inferred-year" and not is_dateline(f, sentence)]
        for f in own:
            if f.kind in (Kind.NUMBER, Kind.DURATION):
                same = dates if len(dates) == 1 else [d for d in dates if d.attrs.get("verb") == f.attrs.get("verb")]
                if len(same) == 1:
                    out[fact_key(f)] = same[0].value  # type: ignore[assignment]
    return out


def periods_apart(pa: DateSpan | None, pb: DateSpan | None, max_gap_days: int) -> bool:
    """Both counts are dated by their clauses, and the dates lie more than ``max_gap_days`` apart, or are
    different months or years ("in 2019" / "in 2020", "in June" / "in July": a figure of each period)."""
    if pa is None or pb is None or pa.start is None or pb.start is None or pa.end is None or pb.end is None:
        return False
    if pa.end < pb.start or pb.end < pa.start:
        gap = (pb.start - pa.end).days if pa.end < pb.start else (pa.start - pb.end).days
        return gap > max_gap_days or "month" in (pa.granularity, pb.granularity) or "year" in (pa.granularity,
                                                                                              pb.granularity)
    return False


def count_days(sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]]) -> dict[str, tuple[str, int]]:
    """Key of a count or duration -> the day it is a count of, when its sentence names one day: ("date",
    ordinal) for a calendar day, ("weekday", 0-6) for a weekday no publication date places ("Saturday's total of
    83,718 new cases" in an undated article): the one day of its sentence that its own verb governs. Stricter than
    ``count_periods``: a sentence's only day is often another clause's ("struck by the storm on Monday as it
    recovers from an earthquake that killed hundreds"), and a few days apart that is no sign of two figures. A
    day that bounds the clause ("since Tuesday") is none."""
    out: dict[str, tuple[str, int]] = {}
    for sentence in sentences:
        own = facts.get(sentence.id, ())
        days = [(f, day) for f in own if f.kind is Kind.DATE and (day := _day_of(f)) is not None
                and f.attrs.get("verb") and f.attrs.get("relation") not in BOUND_RELATIONS
                and not is_dateline(f, sentence)]
        for f in own:
            if f.kind in (Kind.NUMBER, Kind.DURATION):
                verb = f.attrs.get("verb")
                same = [day for d, day in days if verb and d.attrs.get("verb") == verb]
                if len(same) == 1:
                    out[fact_key(f)] = same[0]
    return out


def _day_of(fact: Fact) -> tuple[str, int] | None:
    span = fact.value
    if not isinstance(span, DateSpan):
        return None
    if span.resolved and span.granularity == "day" and span.start == span.end:
        return ("date", span.start.toordinal())  # type: ignore[union-attr]
    weekday = fact.attrs.get("weekday")
    if not span.resolved and span.month_day is None and weekday is not None:
        return ("weekday", int(weekday))
    return None


def days_apart(da: tuple[str, int] | None, db: tuple[str, int] | None) -> bool:
    """Both counts are of named days, and the days differ: two calendar days, two weekdays, or a calendar day
    whose weekday is not the other's ("Thursday's record of 90,456 cases" / "Saturday's total of 83,718"). A
    running figure (a toll, a daily count, a tally) is reported anew each day, so two days' figures stated by
    different verbs are two figures; the claims stage keeps one act dated two days apart ("killed 170,000 on
    Tuesday" / "killed 150,000 on Wednesday") as one claim: one event, misdated and miscounted."""
    if da is None or db is None:
        return False
    if da[0] == db[0]:
        return da[1] != db[1]
    (_, ordinal), (_, weekday) = (da, db) if da[0] == "date" else (db, da)
    return dt.date.fromordinal(ordinal).weekday() != weekday


# Units whose relative periods resolve to one value on a publication date ("last year" in 2021: 2020).
_EXACT_UNITS = frozenset({"year", "month", "quarter"})


def stated_periods_apart(pa: tuple[str, str, int] | None, pb: tuple[str, str, int] | None,
                         published_a: dt.date | None, published_b: dt.date | None, same_frame_days: int) -> bool:
    """Both counts are stated for a period (``FactAttrs.period``, read by ``extract/stated_periods.py``) and the
    periods are known to differ: "posting 793 yards last season" / "had only 269 yards this season", "fiscal
    2019" / "fiscal 2020", "in the first quarter" / "in the second quarter", "the 2008 season" / "this season" in
    an article of 2010.

    Relative periods of one unit are compared as offsets when the articles count from one present (published
    within ``same_frame_days``, or either undated), else resolved on each article's date; a relative period
    needs its article's date to be set against a named one ("last year" in 2021 is "2020"). Periods of
    different units compare only as the calendar years they can cover ("the 2008 season" / "this year" in
    2010); ordinals ("first term") only with the same unit's ordinals. Anything else is unknown: not apart.
    """
    if not pa or not pb:
        return False
    (unit_a, mode_a, n_a), (unit_b, mode_b, n_b) = pa, pb
    both_dated = published_a is not None and published_b is not None
    one_frame = not both_dated or abs((published_a - published_b).days) <= same_frame_days  # type: ignore[operator]
    if unit_a == unit_b and mode_a == mode_b:
        if mode_a != "rel" or (one_frame and not (both_dated and unit_a in _EXACT_UNITS)):
            return n_a != n_b
    ra, rb = _period_values(pa, published_a), _period_values(pb, published_b)
    if ra is None or rb is None:
        return False
    if ra[0] == rb[0]:
        return not ra[1] & rb[1]
    ya, yb = _calendar_years(*ra), _calendar_years(*rb)
    return ya is not None and yb is not None and not ya & yb


def _period_values(period: tuple[str, str, int], published: dt.date | None) -> tuple[str, frozenset[int]] | None:
    """The values a period can take in its unit: a named one its own, a relative one those its article's date
    allows ("this season" in 2010: the season begun in 2009 or 2010); None: not placeable."""
    unit, mode, n = period
    if mode == "abs":
        return unit, frozenset({n})
    if mode != "rel" or published is None:
        return None
    year = published.year + n
    if unit == "year":
        return unit, frozenset({year})
    if unit == "month":
        return unit, frozenset({published.year * 12 + published.month - 1 + n})
    if unit == "quarter":
        return unit, frozenset({published.year * 4 + (published.month - 1) // 3 + n})
    if unit == "season":  # named by the year it began: this one began this year or last
        return unit, frozenset({year - 1, year})
    if unit == "fiscal":  # named by the year it ends or by the year it begins, which varies by country and firm
        return unit, frozenset({year - 1, year, year + 1})
    return None


def _calendar_years(unit: str, values: frozenset[int]) -> frozenset[int] | None:
    """The calendar years periods of a yearly unit can overlap (a season or fiscal year spans two)."""
    if unit == "year":
        return values
    if unit == "season":
        return frozenset(v + d for v in values for d in (0, 1))
    if unit == "fiscal":
        return frozenset(v + d for v in values for d in (-1, 0, 1))
    return None
