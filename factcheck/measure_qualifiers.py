"""Words that make a figure a different measure of the same thing: the claims stage keeps such figures apart.

One story about a price report gives the headline rise ("prices increased 0.8 percent") and the
core one ("the 0.9 percent increase, controlling for food and energy prices"); the rise over a
month ("the largest 1-month spike since June 2008") and over a year ("the sharpest 12-month spike
since August 2008"). Both figures are right; they measure two things. Two qualifiers are read:

* **narrowed**: the measure leaves something out ("core inflation", "excluding food and energy",
  "controlling for ...", "stripping out ..."): a narrowed figure is not compared with a plain one;
* **base**: the period a change is measured over ("1-month", "monthly", "from a month earlier" vs
  "12-month", "annual", "year-over-year", "from a year earlier"): figures of two bases are not compared.
  A figure with no stated base is compared with either.

A qualifier belongs, among the sentence's figures of one measure (kind and unit), to the nearest one,
a semicolon or dash counting as far: "prices rose 5.4%; excluding food and energy, 4.5%" narrows
only the 4.5%, "the 0.9 percent increase, controlling for food and energy, is the highest since
1982" both the 0.9 percent and the since-claim. The words are read from the sentence's text, so
this works without a parse.

>>> from factcheck.records import Fact, Kind, Quantity
>>> text = "Core prices rose 0.9 percent in May."
>>> figure = Fact("s", Kind.NUMBER, 17, 28, "0.9 percent", Quantity(0.9, "percent", 0.9, 0.9))
>>> sorted(qualifiers_of(text, figure, [figure]))
['narrowed']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .claim_signals import fact_key, measure_key
from .records import Fact, Kind, Sentence

QUALIFIED_KINDS = (Kind.NUMBER, Kind.SINCE)
# "core" before the noun of a measure ("core inflation", "core consumer prices"), and phrases that leave a part out.
_NARROWED = re.compile(
    r"\bcore\s+(?:consumer\s+|producer\s+|personal\s+consumption\s+)?(?:inflation|prices?|CPI|PCE|index|rate|"
    r"measure|reading|gauge|earnings|profits?|sales|revenues?|margins?)\b"
    r"|\b(?:excluding|which\s+excludes|that\s+excludes|strip(?:ping|ped|s)?\s+out|controlling\s+for|"
    r"not\s+counting|leaving\s+out)\b", re.I)
_MONTH_BASE = re.compile(r"\b(?:(?:1|one)[-\s]month\b(?!s)|monthly\b|month[-\s](?:over|on)[-\s]month\b|"
                         r"from\s+(?:a|the\s+(?:previous|prior))\s+month\b|"
                         r"from\s+a\s+month\s+(?:earlier|before|ago)\b)",
                         re.I)
_YEAR_BASE = re.compile(r"\b(?:(?:12|twelve)[-\s]month\b(?!s)|annual(?:ly|ized)?\b|year[-\s](?:over|on)[-\s]year\b|"
                        r"from\s+a\s+year\s+(?:earlier|before|ago)\b|(?:over|in)\s+the\s+(?:past|last)\s+year\b)",
                        re.I)

_CLAUSE_BREAK = re.compile(r";|—|\s–\s|\s-\s")
_CLAUSE_BREAK_CHARS = 1000  # a qualifier past a clause break belongs to a figure of its own clause first


def qualifiers_of(text: str, fact: Fact, figures: Sequence[Fact]) -> frozenset[str]:
    """"narrowed", "base:month", "base:year": the qualifiers of ``text`` whose nearest figure among
    ``figures`` (the sentence's values) is ``fact``."""
    found: set[str] = set()
    same = [f for f in figures if f.kind is fact.kind and measure_key(f) == measure_key(fact)] or [fact]
    for label, pattern in (("narrowed", _NARROWED), ("base:month", _MONTH_BASE), ("base:year", _YEAR_BASE)):
        for match in pattern.finditer(text):
            nearest = min(same, key=lambda f: _distance(text, f, match.start(), match.end()))
            if nearest is fact:
                found.add(label)
    return frozenset(found)


def measure_qualifiers(sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]]) -> dict[str, frozenset[str]]:
    """Key of a count or since-claim -> its qualifiers; figures without any are left out."""
    out: dict[str, frozenset[str]] = {}
    for sentence in sentences:
        figures = [f for f in facts.get(sentence.id, ()) if f.kind in QUALIFIED_KINDS]
        for fact in figures:
            found = qualifiers_of(sentence.text, fact, figures)
            if found:
                out[fact_key(fact)] = found
    return out


def qualifiers_apart(qa: frozenset[str], qb: frozenset[str]) -> bool:
    """One figure is narrowed and the other not, or both state a base and the bases differ."""
    if ("narrowed" in qa) != ("narrowed" in qb):
        return True
    bases_a, bases_b = {q for q in qa if q.startswith("base:")}, {q for q in qb if q.startswith("base:")}
    return bool(bases_a) and bool(bases_b) and not bases_a & bases_b


def _distance(text: str, fact: Fact, start: int, end: int) -> int:
    """Characters between a figure and a phrase (0 when they overlap), a clause break between them
    (a semicolon or a dash) counting as ``_CLAUSE_BREAK_CHARS`` more."""
    first, last = (fact.end, start) if fact.end <= start else (end, fact.start)
    breaks = len(_CLAUSE_BREAK.findall(text, first, max(first, last)))
    return max(0, last - first) + breaks * _CLAUSE_BREAK_CHARS
