"""Two sentences that each name the end of the period their figures cover, and name different ends,
are about different periods: "fell 618 mln dlrs in the week ended February 25" and "fell 1.08
billion dlrs in the week ended April 8" are two weekly reports, not a disagreement.

Only explicit period ends count ("week ended", "quarter ending", "month to"), read as month and
day (or month alone): a sentence that names no period end, or names one the other also names,
is left to the typed comparison and NLI as before.

>>> period_ends("M1 fell 618 mln dlrs in the week ended February 25.")
frozenset({'feb-25'})
>>> explicit_periods_differ("in the week ended Feb. 25", "in the week ended April 8")
True
>>> explicit_periods_differ("in the week ended Feb 25, 1987", "the week ending February 25")
False
"""

from __future__ import annotations

import re

_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# "week ended February 25", "quarter ending March 31", "six months to June 30", "year ended December"
_PERIOD_END = re.compile(r"\b(?:week|month|quarter|year|period|half)s?\s+(?:ended|ending|to|through)\s+"
                         + _MONTH + r"(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?", re.IGNORECASE)


def period_ends(text: str) -> frozenset[str]:
    """'feb-25' (or 'feb' when no day is named) for each explicit period end in ``text``."""
    return frozenset(f"{month[:3].lower()}-{int(day)}" if day else month[:3].lower()
                     for month, day in _PERIOD_END.findall(text) if not day or 1 <= int(day) <= 31)


def explicit_periods_differ(a: str, b: str) -> bool:
    """Both sentences name period ends and none is shared (a bare month matches any day of it)."""
    ea, eb = period_ends(a), period_ends(b)
    if not ea or not eb:
        return False
    months = {e.split("-")[0] for e in ea | eb if "-" not in e}  # "quarter ended March" matches "March 31"
    return not (ea & eb) and not any(e.split("-")[0] in months for e in ea | eb if "-" in e)
