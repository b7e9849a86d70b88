"""Scores, win-loss records, vote tallies and two-year season names are no counts of the word after.

"a 50-32 record" once read as "32 record" and was flagged against "a 43-39 record" ("39 record")
of another season; "the 2002-03 squad" read as "3 squad". A dashed pair that is a range ("10-15
people") stays a range, and counts beside a tally still conflict.
"""

from __future__ import annotations

import pytest

from factcheck.extract.quantities import find_quantities
from factcheck.extract.tallies import paired_number_spans
from factcheck.judge.fact_rules import AGREE, quantity_verdict
from factcheck.records import Fact, Kind


def _texts(text: str) -> list[str]:
    return [m.text for m in find_quantities(text)]


def _fact(text: str, surface: str) -> Fact:
    [mention] = [m for m in find_quantities(text) if m.text == surface]
    kind = Kind.DURATION if mention.duration else Kind.NUMBER
    return Fact("s", kind, mention.start, mention.end, mention.text, mention.quantity, attrs=mention.attrs)


@pytest.mark.parametrize("text", [
    "His squad tied for second in the division with a 50-32 record.",
    "He led the Sixers to a 43-39 record-a 10-win improvement.",  # "10-win" is kept (below)
    "The court ruled 5-4 in a decision that split the justices.",
    "They have a 2-5 record on the road this year.",  # first lower, but "record" names a tally
    "Chelsea lost 1-3 victory hopes faded.",  # "lost" before a lower-first pair
    "The Senate voted 52-48 vote to confirm her.",
    "Their 2002-03 squad was the best in years.",  # a season named by two years
    "A 60-40 split of the proceeds was agreed.",
])
def test_a_tally_is_no_count(text):
    assert not any(m.quantity.unit in {"record", "decision", "vote", "squad", "split", "victory", "road"}
                   for m in find_quantities(text)), _texts(text)


def test_the_record_pair_of_two_seasons_is_not_compared():
    a = "During his time in Portland, his 2002-03 squad tied for second with a 50-32 record."
    b = "O'Brien did lead the Sixers to a 43-39 record and a playoff berth."
    assert find_quantities(a) == [] and find_quantities(b) == []


@pytest.mark.parametrize("text, surface, low, high", [
    ("A 10-15 minute walk from the station.", "10-15 minute", 10, 15),
    ("Police said 10-15 people were hurt.", "10-15 people", 10, 15),
    ("It took 2-3 days to clear the road.", "2-3 days", 2, 3),
])
def test_a_rising_pair_without_a_result_word_is_still_a_range(text, surface, low, high):
    [mention] = find_quantities(text)
    assert (mention.text, mention.quantity.low, mention.quantity.high) == (surface, low, high)


def test_counts_beside_a_tally_still_conflict():
    """Counter-example: the games won are counts, and two outlets' different figures still disagree."""
    a = _fact("The Blazers went 50-32 and won 50 games that season.", "50 games")
    b = _fact("The Blazers won 48 games that season.", "48 games")
    verdict = quantity_verdict(a, b)
    assert verdict not in (AGREE, None) and verdict > 0.5


def test_the_10_win_improvement_after_a_record_is_kept():
    assert "10-win" in _texts("He led the Sixers to a 43-39 record-a 10-win improvement.")


def test_spans_cover_both_numbers_and_nothing_else():
    text = "They won 3-1 on Sunday before 40,000 fans, ages 18-24."
    assert [text[s:e] for s, e in paired_number_spans(text)] == ["3-1"]
