"""Words that make a figure a different measure of the same thing: the claims stage keeps such figures apart.

One story about a price report gives the headline rise ("prices increased 0.8 percent") and the
core one ("the 0.9 percent increase, controlling for food and energy prices"); the rise over a
month ("the largest 1-month spike since June 2008") and over a year ("the sharpest 12-month spike
since August 2008"). Both figures are right; they measure two things. Six qualifiers are read:

* **narrowed**: the measure leaves something out ("core inflation", "excluding food and energy",
  "controlling for ...", "stripping out ..."): a narrowed figure is not compared with a plain one;
* **base**: the period a change is measured over ("1-month", "monthly", "from a month earlier" vs
  "12-month", "annual", "year-over-year", "from a year earlier"): figures of two bases are not compared.
  A figure with no stated base is compared with either.
* **average**: the figure averages over a period ("averaged 230,610 cases a day for the past week", "a seven-day
  average of", "on average"): an average is not compared with a plain figure (one day's count);
* **goal**: the figure is a goal set ("a goal of 1.5 million shots a day", "pledged to cut 500 jobs"), not one
  reached ("1.3 million were vaccinated"): compared only with another goal;
* **total**: the figure sums parts ("a total of", "totals", "bringing the total to", "combined", "cumulative",
  "in all", "so far", "to date"): "asking for $1.8 trillion in new spending" and "which together with an
  earlier plan totals around $4 trillion" are a part and a sum. A total is kept apart from a plain figure it exceeds
  (``part_and_total``): a part never exceeds its sum, so a plain figure larger than a total still contends
  with it, and two totals are compared. Only within ``total_max_chars`` of the figure: "total" is also
  a word of far-off clauses ("a total ban").
* **consensus**: a forecast ("expected", "forecast", "estimates") of unnamed forecasters ("analysts surveyed
  by Refinitiv", "economists polled by Reuters", "Wall Street", "the consensus estimate"). Two outlets'
  consensus figures come from different polls (or weeks); they are nobody's statement to contradict, and a
  forecast is not the actual figure. Such a figure is compared with nothing (``qualifiers_apart``). A
  forecast by a named body ("the IMF projected", "analysts at Goldman Sachs expect") is no consensus and
  stays comparable; so is an actual figure set against the forecast ("rose to 373,000, more than
  economists expected").

A qualifier belongs, among the sentence's figures of one measure (kind and unit; for "total", among all
its counts), to the nearest one, a semicolon or dash counting as far: "prices rose 5.4%; excluding food
and energy, 4.5%" narrows only the 4.5%, "the 0.9 percent increase, controlling for food and energy, is
the highest since 1982" both the 0.9 percent and the since-claim. The words are read from the sentence's
text, so this works without a parse (the parse's entities, when there are any, only tell "U.S. economists"
from "Goldman Sachs economists").

>>> from factcheck.records import Fact, Kind, Quantity
>>> text = "Core prices rose 0.9 percent in May."
>>> figure = Fact("s", Kind.NUMBER, 17, 28, "0.9 percent", Quantity(0.9, "percent", 0.9, 0.9))
>>> sorted(qualifiers_of(text, figure, [figure]))
['narrowed']
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from .claim_signals import fact_key, measure_key, measure_value, same_value
from .claims_config import ClaimsConfig
from .records import Entity, Fact, Kind, Sentence

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

# An average over a period ("averaged 230,610 cases a day for the past week", "a seven-day average of", "on
# average"): not one day's or one item's figure ("268,840 cases reported" that day). "The average price" (a named
# statistic that outlets also give without the word) is left out: only the verb, "an average of", "on average"
# and an n-day, rolling or daily average.
_AVERAGE = re.compile(r"\baverag(?:ed|es|ing)\b|\b(?:an|the|a)\s+(?:\w+[-\s]day\s+)?average\s+of\b|\bon\s+average\b|"
                      r"\b\w+[-\s]day\s+(?:moving\s+|rolling\s+)?average\b|\b(?:rolling|moving|daily)\s+average\b|"
                      r"\baverage\s+daily\b", re.I)

# A goal set, not a figure reached ("a goal of 1.5 million shots a day", "aims to plant 1 billion trees", "the target
# of 100 million doses"): compared only with another goal, not with what was done ("1.3 million were vaccinated").
_GOAL = re.compile(r"\b(?:goals?|targets?)\s+of\b|\baim(?:s|ed|ing)?\s+(?:to|for)\b|"
                   r"\b(?:pledg(?:e|ed|es|ing)|vow(?:ed|s|ing)?|promis(?:e|ed|es|ing))\s+to\b|"
                   r"\btarget(?:s|ed|ing)?\s+(?=[$€£]?\d)", re.I)

_CLAUSE_BREAK = re.compile(r";|—|\s–\s|\s-\s")
_CLAUSE_BREAK_CHARS = 1000  # a qualifier past a clause break belongs to a figure of its own clause first

# A figure stated as a sum of parts. "total" as a company's name ("Total shares rose") is left out (see _totals);
# "combined with $1.4 billion" names a part. "in all" only closing a clause or before a preposition ("In all, ...",
# "40 people in all.", "$8 billion in all for barriers"), not "in all 50 states"; "altogether" only opening one
# ("Altogether, 300 ...": "stopped altogether" means completely). "so far" of time ("have so far recovered",
# "so far this year", "15 governors so far have"), not of distance ("so far underground").
_TOTAL = re.compile(r"\btotal(?:s|ed|led|ing|ling)?\b|\bcombined\b(?!\s+with\b)|\bcumulative(?:ly)?\b|\ball\s+told\b|"
                    r"\b(?:has|have|had)\s+so\s+far\b|\bso\s+far\b(?=\s*[,.;:]|\s*$|\s+(?:this|in|during|have|has|had|"
                    r"is|are|was|were)\b)|(?<!\bup\s)\bto\s+date\b|\byear[-\s]to[-\s]date\b|"
                    r"\bin\s+all\b(?=\s*(?:[,.;:]|$)|\s+(?:for|in|on|over|since|during|from|at|across|between)\b)|"
                    r"(?:^|[,;:]\s*)altogether\s*,", re.I)
# "13% of the total capacity", "a quarter of its total revenue": the figure is a share of a total, not one.
_SHARE_OF = re.compile(r"\bof\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+|all\s+)?$", re.I)
# A forecast, verb or noun; "projected", "projection", not "project(s)" (mostly "a construction project").
_FORECAST = re.compile(r"\b(?:expect(?:s|ed|ing|ations?)?|forecast(?:s|ed|ing)?|project(?:ed|ing|ions?)|"
                       r"predict(?:s|ed|ing|ions?)?|anticipat(?:es?|ed|ing)|estimat(?:es?|ed|ing))\b", re.I)
# "expectations of 210,000 new jobs", "expectations for a 0.4% rise": the market's consensus, said without forecasters.
_EXPECTATIONS_OF = re.compile(r"expectations\s+(?:of|for)\b", re.I)
# Forecasters no one can be held to: a profession, the market, a poll's consensus.
_GENERIC_FORECASTER = re.compile(r"\b(?:analysts?|economists?|forecasters?|strategists?|experts?|Wall\s+Street|"
                                 r"consensus)(?:['’]s?)?(?!\w)", re.I)
# ... named when a name stands right before ("Goldman Sachs analysts", "the Fed's economists") or they are
# someone's ("analysts at Goldman Sachs", "economists from the IMF"). "surveyed by Refinitiv" names the poll,
# not the forecasters.
_NAMED_AFTER = re.compile(r"\s+(?:at|from|with|of|for)\s+(?:the\s+)?[A-Z]")
_NAME_BEFORE = re.compile(r"[A-Z][\w&.-]*(?:['’]s)?\s+$")
_POSSESSIVE_BEFORE = re.compile(r"['’]s?\s+$")  # "investors' expectations", "the Fed's expectations"
_NOT_NAMES = ("GPE", "NORP", "LOC")  # "U.S. economists", "German analysts": a place's or a people's are generic
# An actual figure measured against the forecast: "373,000, more than economists expected", "beat estimates".
_COMPARED = re.compile(r"\b(?:than|as|beat(?:s|ing)?|miss(?:ed|es|ing)?|top(?:s|ped|ping)?|exceed(?:s|ed|ing)?|"
                       r"above|below|ahead\s+of|short\s+of|in\s+line\s+with|compared\s+with|versus|vs)\b", re.I)


def qualifiers_of(text: str, fact: Fact, figures: Sequence[Fact], cfg: ClaimsConfig | None = None,
                  entities: Sequence[Entity] = ()) -> frozenset[str]:
    """"narrowed", "base:month", "base:year", "average", "goal", "total", "consensus": the qualifiers of ``text`` whose nearest
    figure among ``figures`` (the sentence's values) is ``fact``. ``entities``: the sentence's, which tell
    a place's economists from a firm's."""
    cfg = cfg or ClaimsConfig()
    found: set[str] = set()
    same = [f for f in figures if f.kind is fact.kind and measure_key(f) == measure_key(fact)] or [fact]
    counts = [f for f in figures if f.kind is Kind.NUMBER] or [fact]

    def nearest(match: re.Match, within: float = float("inf"), among: Sequence[Fact] = same) -> bool:
        closest = min(among, key=lambda f: _distance(text, f, match.start(), match.end()))
        return closest is fact and _distance(text, fact, match.start(), match.end()) <= within

    for label, pattern in (("narrowed", _NARROWED), ("base:month", _MONTH_BASE), ("base:year", _YEAR_BASE),
                           ("average", _AVERAGE), ("goal", _GOAL)):
        if any(nearest(match) for match in pattern.finditer(text)):
            found.add(label)
    # A total word sums the one figure next to it, whatever its unit: "gave three speeches and was paid a total
    # of $675,000" totals the dollars, not the speeches.
    if fact.kind is Kind.NUMBER and cfg.totals_apart and any(
            nearest(match, cfg.total_max_chars, counts) for match in _totals(text)):
        found.add("total")
    if fact.kind is Kind.NUMBER and cfg.consensus_apart and any(
            nearest(match, cfg.forecast_max_chars) and _consensus(text, fact, match, cfg.forecast_max_chars, entities)
            for match in _FORECAST.finditer(text)):
        found.add("consensus")
    return frozenset(found)


def measure_qualifiers(sentences: Sequence[Sentence], facts: Mapping[str, Sequence[Fact]],
                       cfg: ClaimsConfig | None = None) -> dict[str, frozenset[str]]:
    """Key of a count or since-claim -> its qualifiers; figures without any are left out."""
    out: dict[str, frozenset[str]] = {}
    for sentence in sentences:
        figures = [f for f in facts.get(sentence.id, ()) if f.kind in QUALIFIED_KINDS]
        for fact in figures:
            found = qualifiers_of(sentence.text, fact, figures, cfg, sentence.entities)
            if found:
                out[fact_key(fact)] = found
    return out


def qualifiers_apart(qa: frozenset[str], qb: frozenset[str]) -> bool:
    """One figure is narrowed (or an average, or a goal) and the other not, both state a base and the bases differ, or
    either is a consensus forecast (no one's figure: see the module docstring)."""
    if "consensus" in qa or "consensus" in qb:
        return True
    if any((q in qa) != (q in qb) for q in ("narrowed", "average", "goal")):
        return True
    bases_a, bases_b = {q for q in qa if q.startswith("base:")}, {q for q in qb if q.startswith("base:")}
    return bool(bases_a) and bool(bases_b) and not bases_a & bases_b


def part_and_total(fa: Fact, qa: frozenset[str], fb: Fact, qb: frozenset[str], tolerance: float) -> bool:
    """One figure is stated as a total and the other not, and the total is the larger: the other may be
    one of its parts ("$1.8 trillion in new spending" / "bringing the total to about $6 trillion")."""
    if ("total" in qa) == ("total" in qb):
        return False
    total, other = (fa, fb) if "total" in qa else (fb, fa)
    vt, vo = measure_value(total), measure_value(other)
    if vt is None or vo is None:
        return False
    return abs(vt) > abs(vo) and not same_value(vt, vo, tolerance)


def _totals(text: str) -> list[re.Match]:
    """Matches of ``_TOTAL`` less "Total" capitalised inside a sentence (the oil company, a product) and a
    share of a total ("about 13% of the total U.S. refining capacity": the figure is the part)."""
    return [m for m in _TOTAL.finditer(text) if not (m.start() > 0 and m.group().startswith("Total"))
            and not _SHARE_OF.search(text, 0, m.start())]


def _consensus(text: str, fact: Fact, forecast: re.Match, within: int, entities: Sequence[Entity]) -> bool:
    """The forecast word ``forecast`` (whose figure is ``fact``) is unnamed forecasters': a generic
    forecaster stands within ``within`` characters of it in its clause, or the figure is the market's
    "expectations of 210,000 new jobs" (nobody's but the market's), and the figure is not an actual one
    measured against the forecast ("rose to 373,000, more than economists expected")."""
    if fact.end <= forecast.start() and _COMPARED.search(text, fact.end, forecast.start()):
        return False
    if _EXPECTATIONS_OF.match(text, forecast.start()) and forecast.end() <= fact.start and not _named_before(
            text, forecast.start()):
        return True
    for who in _GENERIC_FORECASTER.finditer(text):
        first, last = (who.end(), forecast.start()) if who.end() <= forecast.start() else (forecast.end(), who.start())
        if max(0, last - first) > within or _CLAUSE_BREAK.search(text, first, max(first, last)):
            continue
        if not _named(text, who, entities):
            return True
    return False


def _named_before(text: str, position: int) -> bool:
    """A name or possessive right before ``position``: "the Fed's expectations", "investors' expectations"."""
    return bool(_NAME_BEFORE.search(text, 0, position) or _POSSESSIVE_BEFORE.search(text, 0, position))


def _named(text: str, who: re.Match, entities: Sequence[Entity]) -> bool:
    """Forecasters of a named body: "analysts at Goldman Sachs", "Goldman Sachs analysts", "the Fed's economists".

    A capitalised word right before them is a name unless it is "Wall Street", a place's or a people's ("U.S.
    economists"), or the sentence's first word the parse does not call a name ("Most analysts ...").
    """
    if who.group().lower().startswith(("wall", "consensus")):
        return False
    if _NAMED_AFTER.match(text, who.end()):
        return True
    before = _NAME_BEFORE.search(text, 0, who.start())
    if before is None or re.search(r"\bWall\s+Street\s+$", text[:who.start()]):
        return False
    covering = [e.label for e in entities if e.start <= before.start() < e.end]
    if covering:
        return not any(label in _NOT_NAMES for label in covering)
    return before.start() > 0 or bool(re.search(r"['’]s\s+$", before.group()))


def _distance(text: str, fact: Fact, start: int, end: int) -> int:
    """Characters between a figure and a phrase (0 when they overlap), a clause break between them
    (a semicolon or a dash) counting as ``_CLAUSE_BREAK_CHARS`` more."""
    first, last = (fact.end, start) if fact.end <= start else (end, fact.start)
    breaks = len(_CLAUSE_BREAK.findall(text, first, max(first, last)))
    return max(0, last - first) + breaks * _CLAUSE_BREAK_CHARS
