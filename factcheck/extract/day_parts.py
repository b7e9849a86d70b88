"""The part of a day a date names, and weekdays set by a schedule: what time zones do to a day.

A story written in Washington on Thursday evening about Gaza says "early Friday" or "Friday
morning local time": one moment, read on two clocks a day apart. The day part is kept on the
date (``day_part``: "early", "late" or "local") so the judge can let a day-apart pair stand
when it can be one moment (the earlier side "late Thursday", the later one "early Friday", or
either told in "local time"); and a past-tense "early Friday" in a story published on Thursday
is the next day, not six days back.

A weekday after a scheduling word ("rescheduled for Friday", "postponed until Monday") names
the day set, which lies after the past-tense verb that set it: it is anchored on the nearest
such weekday in either direction, not on the one before publication.

>>> day_part("Troops attacked Gaza early Friday morning local time.", 27, 33)
'local'
>>> day_part("The vote was delayed late Thursday night.", 26, 34)
'late'
>>> scheduled_before("The vote was rescheduled for Friday.", 29)
True
"""

from __future__ import annotations

import re

# Words before or after a weekday or date that put it at one end of the day.
_EARLY_BEFORE = re.compile(r"\b(?:early|before dawn|before daybreak|in the early hours of|in the small hours of)"
                           r"\s+(?:on\s+)?$", re.I)
_LATE_BEFORE = re.compile(r"\blate\s+(?:on\s+)?$", re.I)
_LATE_AFTER = re.compile(r"^,?\s+(?:night|evening)\b", re.I)
# "Friday local time", "Friday morning (local time)", "at 2 a.m. local time Friday": a clock of another place.
_LOCAL_AFTER = re.compile(r"^,?\s+(?:(?:morning|afternoon|evening|night)\s+)?\(?\s*local\s+time\b", re.I)
_LOCAL_BEFORE = re.compile(r"\blocal\s+time\)?,?\s+(?:on\s+)?$", re.I)
_SCHEDULED = re.compile(r"\b(?:re)?(?:scheduled|set|slated|planned|postponed|delayed|pushed(?:\s+back)?|moved|"
                        r"put\s+off|pencilled\s+in|penciled\s+in)\s+(?:to|for|until|till)\s+(?:on\s+)?$", re.I)
_WINDOW = 40  # characters read on each side of a date


def day_part(text: str, start: int, end: int) -> str | None:
    """"local" when the date is told in another place's clock, else "early" / "late" for the end of
    the day the words around ``text[start:end]`` name, else None."""
    before, after = text[max(0, start - _WINDOW):start], text[end:end + _WINDOW]
    if _LOCAL_AFTER.match(after) or _LOCAL_BEFORE.search(before):
        return "local"
    if _EARLY_BEFORE.search(before):
        return "early"
    if _LATE_BEFORE.search(before) or _LATE_AFTER.match(after):
        return "late"
    return None


def scheduled_before(text: str, start: int) -> bool:
    """A scheduling word and its preposition stand right before ``start`` ("rescheduled for ")."""
    return bool(_SCHEDULED.search(text, max(0, start - _WINDOW), start))


def one_moment_two_clocks(earlier: str | None, later: str | None) -> bool:
    """Dates a day apart with these day parts can be one moment in two time zones: the earlier is
    late in its day or the later early in its own (or either is told in local time), and neither
    points the other way ("early Thursday" / "late Friday" are a day and more apart)."""
    if earlier == "early" or later == "late":
        return False
    return "local" in (earlier, later) or earlier == "late" or later == "early"
