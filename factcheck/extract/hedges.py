"""How far a hedge word ("about", "nearly", "more than") widens a stated figure.

A flat ±15 % for "about" let "about $3.6 billion" take in "$3.5 billion": a writer who says
"about 3.6" has stated the figure to a tenth, and a source figure of 3.5 would have been
written "about 3.5". So "about" widens a figure by half a unit of its last stated digit
(the rounding it admits), by no less than 2 % or one whole for counts, and never beyond the old
±15 % ("about 20" is not 15..25). Direction words keep their meaning: "nearly 7" is just
under seven, "more than 300" is 300 upwards.

>>> approximate_interval(3.6e9, "about")
(3528000000.0, 3672000000.0)
>>> approximate_interval(60000, "about")
(55000.0, 65000.0)
>>> approximate_interval(15, "about")
(14.0, 16.0)
"""

from __future__ import annotations

import math

ABOUT_DIGIT_SHARE = 0.5  # "about 3.6" admits what rounds to 3.6: half a unit of the last stated digit either side
ABOUT_MIN_RELATIVE = 0.02  # ... at least this share of it ("about 6.5 hours" is not 6.45..6.55)
ABOUT_MIN_WIDTH = 1.0  # ... and for a whole figure at least one either side ("about 15 people" takes in 14 and 16)
ABOUT_MAX_RELATIVE = 0.15  # ... and at most this share of the figure ("about 20" is 17..23, not 15..25)
NEARLY_RELATIVE = 0.9  # "nearly 7" is 6.3..7: close to the figure from below

# "hundreds of thousands of files": a count given only as an order of magnitude (the modifier its reading
# carries), read from ORDER_MIN_MULTIPLE of the named unit up to the next order ("hundreds" is at least two hundred).
ORDER_OF_MAGNITUDE = "order of magnitude"
ORDER_MIN_MULTIPLE = 2

APPROXIMATE = ("about", "around", "roughly", "approximately", "some", "an estimated", "estimated")
JUST_BELOW = ("nearly", "almost", "close to", "just under")
# Position words are bounds too: "falls below 50 percent" says under 50, not 50 ("47%" is no conflict).
# A running total's milestone is a floor too: "topped 6 million cases", "surpassed 25 million" say more than that
# ("passed" is left out: "passed 300 bills" counts what was passed).
_MILESTONES = ("topped", "tops", "surpassed", "surpasses", "surpassing", "exceeded", "exceeds", "crossed", "eclipsed")
AT_LEAST = ("more than", "over", "at least", "upwards of", "just over", "well over", "no fewer than", "above",
            "in excess of", "north of", "exceeding", "topping", "just above", "well above") + _MILESTONES
AT_MOST = ("less than", "fewer than", "under", "up to", "as many as", "as much as", "at most", "no more than", "below",
           "beneath", "south of", "just below", "well below")
HEDGE_WORDS = APPROXIMATE + JUST_BELOW + AT_LEAST + AT_MOST  # every hedge the extractor reads before a figure


def last_digit_unit(value: float) -> float:
    """The place value of the last significant digit: 43,000,000 -> 1,000,000; 716 -> 1; 3.6 -> 0.1."""
    value = abs(value)
    if value == 0 or not math.isfinite(value):
        return 0.0
    text = f"{value:.12g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{float(mantissa):.12g}"
        shift = int(exponent)
    else:
        shift = 0
    if "." in text:
        decimals = len(text.split(".")[1].rstrip("0"))
        if decimals:
            return 10.0 ** (shift - decimals)
        text = text.split(".")[0]
    zeros = len(text) - len(text.rstrip("0"))
    return 10.0 ** (shift + zeros)


def approximate_interval(value: float, mod: str) -> tuple[float, float]:
    """The interval a hedge word allows around ``value`` (``mod`` lower-case, "" for none)."""
    if mod in APPROXIMATE:
        width = max(ABOUT_DIGIT_SHARE * last_digit_unit(value), ABOUT_MIN_RELATIVE * abs(value))
        if float(value).is_integer():
            width = max(width, ABOUT_MIN_WIDTH)  # counts are whole: "about 15" is not 14.5..15.5
        width = min(width, ABOUT_MAX_RELATIVE * abs(value))
        return value - width, value + width
    if mod in JUST_BELOW:
        return value * NEARLY_RELATIVE, value
    if mod in AT_LEAST:
        return value, math.inf
    if mod in AT_MOST:
        return 0.0, value
    return value, value


# Hedges whose bound leaves the figure itself out: "almost 48" is under 48, "more than 48" over it.
EXCLUDES_UPPER = JUST_BELOW + ("less than", "fewer than", "under", "below", "beneath", "south of", "just below",
                                "well below")
EXCLUDES_LOWER = ("more than", "over", "just over", "well over", "upwards of", "above", "in excess of", "north of",
                  "exceeding", "topping", "just above", "well above") + _MILESTONES


def meet_only_at_excluded_bound(mod_a: str, low_a: float, high_a: float, mod_b: str, low_b: float,
                                high_b: float, eps: float = 1e-9) -> bool:
    """Two intervals that touch only at a bound one of the hedges leaves out.

    "almost four dozen" (43.2..48, 48 excluded) and "at least four dozen" (48 up) cannot both
    hold. Both must be hedged: "nearly 7" against a plain "7" is one figure loosely put.
    """
    if not (mod_a and mod_b):
        return False
    def touch(high: float, mod_low_side: str, low: float, mod_high_side: str) -> bool:
        return math.isfinite(high) and abs(high - low) <= eps * max(1.0, abs(high)) and (
            mod_low_side in EXCLUDES_UPPER or mod_high_side in EXCLUDES_LOWER)

    low, high = max(low_a, low_b), min(high_a, high_b)
    if low < high - (eps * max(1.0, abs(high)) if math.isfinite(high) else 0.0):
        return False  # they overlap inside, not only at one point ("more than 400" twice: 400 up both)
    return touch(high_a, mod_a, low_b, mod_b) or touch(high_b, mod_b, low_a, mod_a)
