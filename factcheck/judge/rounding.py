"""A round figure against the precise one it rounds: "$43 million" / "$43,885,310", "$700 billion" / "$716 billion".

Outlets round; one that writes "$15 million" for "$14,959,450" has not got the figure wrong.
Two exact values, the more precise of them with at least ``PRECISE_MIN_DIGITS`` significant
digits, are compatible when the rounder one is the other rounded (or, within
``TRUNCATION_MAX_SHARE``, cut) to the rounder one's last significant digit. "$139 million" and
"$140,937,785" are not: 140.9 million rounds to 141 and cuts to 140.
"""

from __future__ import annotations

import math

from ..records import TIME_UNIT_HOURS, Quantity
from ..extract.quantities import MONEY_UNITS
from ..extract.hedges import last_digit_unit  # noqa: F401 - the rounding rule reads figures the way hedges do

TRUNCATION_MAX_SHARE = 0.05  # "$43 million" for 43.9 million (cut, not rounded) passes only this close
ROUNDING_CONFIDENCE = 0.3  # compatible precision: low confidence at most (below the report's default 0.5)
PRECISE_MIN_DIGITS = 3  # a figure with fewer significant digits ("23 people") is an exact count, not one to round
# Amounts of money of a million or more are rounded harder: "the $1 trillion infrastructure bill" is the $1.2
# trillion one, "$2 trillion in relief" the $1.9 trillion. Against such an amount, two significant digits suffice.
AMOUNT_PRECISE_MIN_DIGITS = 2
AMOUNT_MIN_VALUE = 1e6


def rounding_compatible(a: float, b: float, min_digits: int = PRECISE_MIN_DIGITS) -> bool:
    """One value is the other written to fewer significant digits (the precise one having ``min_digits``)."""
    ua, ub = last_digit_unit(a), last_digit_unit(b)
    if not ua or not ub or ua == ub:
        return False
    rough, precise, unit = (a, b, ua) if ua > ub else (b, a, ub)
    if abs(precise) < 10 ** (min_digits - 1) * min(ua, ub):
        return False
    if math.isclose(abs(precise) / unit % 1, 0.5, abs_tol=1e-9):
        return False  # "$3.5 trillion" is no rounding of "$4 trillion" (nor "$3 trillion"): a half is stated on purpose
    if math.isclose(round(precise / unit) * unit, rough, rel_tol=1e-9):
        return True
    cut = math.floor(abs(precise) / unit) * unit * (1 if precise >= 0 else -1)
    return math.isclose(cut, rough, rel_tol=1e-9) and abs(precise - rough) <= TRUNCATION_MAX_SHARE * abs(precise)


# Units a length of time is given in only roughly: "a three-decade-old ban" is a ban of 25 to 34 years.
COARSE_TIME_UNITS = ("decade", "century")


def coarse_unit_compatible(a: Quantity, b: Quantity) -> bool:
    """One duration is a plain count of decades or centuries and the other rounds to it.

    "three-decade-old" / "32-year-old": the first says the age to the nearest decade, so 32
    years agrees with it (25 up to 35 would); "half a century" is stated to half a century.
    """
    for coarse, other in ((a, b), (b, a)):
        if coarse.unit not in COARSE_TIME_UNITS or coarse.approximate or other.unit not in TIME_UNIT_HOURS:
            continue
        step = 0.5 if coarse.value < 1 else 1.0
        in_units = other.value * TIME_UNIT_HOURS[other.unit] / TIME_UNIT_HOURS[coarse.unit]
        if math.isclose(math.floor(in_units / step + 0.5) * step, coarse.value, rel_tol=1e-9):
            return True
    return False


def precise_min_digits(value_a: float, value_b: float, unit: str | None) -> int:
    """Significant digits the more precise of two figures needs before the other can be its rounding: fewer for
    large amounts of money (``AMOUNT_PRECISE_MIN_DIGITS``), which headlines round to one digit."""
    if unit in MONEY_UNITS and min(abs(value_a), abs(value_b)) >= AMOUNT_MIN_VALUE:
        return AMOUNT_PRECISE_MIN_DIGITS
    return PRECISE_MIN_DIGITS
