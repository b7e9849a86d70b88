"""Two numbers joined by a dash that count nothing: scores, win-loss records, vote tallies, seasons.

"a 50-32 record" once read as a count of 32 "record" and was flagged against another season's
"a 43-39 record"; "the 2002-03 squad" as 3 "squad". The quantity extractor skips these spans.

>>> text = "They won 3-1 before 40,000 fans, ages 18-24."
>>> [text[s:e] for s, e in paired_number_spans(text)]
['3-1']
"""

from __future__ import annotations

import re

# Two whole numbers joined by a dash are a score, a win-loss record or a vote tally ("a 50-32 record",
# "won 3-1", "a 5-4 ruling"), not a count of the word after, when they are no range: the first is not
# the lower, or a result word names them ("a 2-5 record", "lost 1-3").
_TALLY = re.compile(r"(?<![\d.,:/$€£¥-])(?P<first>\d{1,3})\s?[-–]\s?(?P<second>\d{1,3})(?![\d.,:/]\d|[-–]\d)"
                    r"(?:[\s-]+(?P<after>[A-Za-z]+))?")
_TALLY_NOUNS = set("record records win wins victory victories loss losses defeat defeats draw tie vote votes "
                   "decision ruling margin majority lead score scoreline split count tally verdict "
                   "final aggregate".split())
_TALLY_VERBS = re.compile(r"\b(?:won|win|wins|winning|lost|lose|loses|losing|beat|beats|beaten|defeated|trailed|trails|"
                          r"led|leads|leading|drew|tied|voted|votes|ruled|finished)\s+"
                          r"(?:(?:a|an|the|by|at)\s+)?$", re.I)
# A season or fiscal year named by two years, the second in two digits ("the 2002-03 squad"): no count.
_SEASON = re.compile(r"(?<![\d.,])(?:1[89]|2[01])\d\d[-–/](?P<second>\d\d)(?![\d.,]\d)")


def paired_number_spans(cleaned: str) -> list[tuple[int, int]]:
    """Spans of two numbers joined by a dash that count nothing: scores, win-loss records and vote
    tallies ("a 50-32 record", "won 3-1"), and seasons named by two years ("the 2002-03 squad").

    A dashed pair whose first number is lower is a range ("10-15 minutes") unless a result word
    stands after it ("a 2-5 record") or before it ("lost 1-3").
    """
    spans = [m.span() for m in _SEASON.finditer(cleaned)]
    for m in _TALLY.finditer(cleaned):
        first, second = int(m.group("first")), int(m.group("second"))
        named = (m.group("after") or "").lower() in _TALLY_NOUNS or bool(_TALLY_VERBS.search(cleaned, 0, m.start()))
        if first >= second or named:
            spans.append((m.start(), m.end("second")))
    return spans
