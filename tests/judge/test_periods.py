"""judge: two sentences naming different explicit period ends are figures of two periods, never a flag."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.judge import Judge
from factcheck.judge.periods import explicit_periods_differ, period_ends
from factcheck.records import CandidatePair, Discrepancy, Kind, Sentence


def _s(article, text):
    return Sentence(id=Sentence.make_id(article, text), article_id=article, index=0, start=0, end=len(text), text=text)


class EveryPairComparator:
    """Stands in for FactComparator: every pair is a number conflict."""

    def compare(self, pair, facts_a, facts_b, published_a=None, published_b=None, stated=(None, None)):
        return [Discrepancy(id=Discrepancy.make_id(pair.a, pair.b), kind=Kind.NUMBER, confidence=0.8,
                            a=pair.a, b=pair.b, a_value="1", b_value="2", explanation="counts differ")]


@pytest.mark.parametrize("text, ends", [
    ("Reserves fell 618 mln dlrs in the week ended February 25, the bank said.", {"feb-25"}),
    ("Sales for the quarter ending Sept. 30 rose 4 pct.", {"sep-30"}),
    ("Net profit for the six months to June 30th was 12 mln.", {"jun-30"}),
    ("Results for the year ended December were higher.", {"dec"}),
    ("Reserves fell 618 mln dlrs last week, the bank said on February 25.", set()),
])
def test_period_ends_read_explicit_ends_only(text, ends):
    assert period_ends(text) == ends


@pytest.mark.parametrize("a, b, differ", [
    ("fell 618 mln dlrs in the week ended February 25", "fell 1.08 billion dlrs in the week ended April 8", True),
    ("rose in the week ended Feb. 25", "fell in the week ending February 25, 1987", False),
    ("rose in the quarter ended March", "fell in the quarter ended March 31", False),
    ("rose in the quarter ended March", "fell in the quarter ended June 30", True),
    ("fell 618 mln dlrs in the week ended February 25", "fell 1.08 billion dlrs last week", False),
])
def test_explicit_periods_differ(a, b, differ):
    assert explicit_periods_differ(a, b) is differ


def test_judge_drops_pairs_about_different_periods_keeps_same_period():
    feb = _s("a", "Borrowings fell 618 mln dlrs in the week ended February 25, the Fed said.")
    apr = _s("b", "Borrowings fell 1.08 billion dlrs in the week ended April 8, the Fed said.")
    feb_again = _s("c", "Borrowings fell 681 mln dlrs in the week ended Feb 25, the Fed said.")
    contradiction = np.array([[0.01, 0.01, 0.98]])  # NLI alone would flag it too
    judge = Judge(EveryPairComparator(), contradiction_prior=None)
    assert judge.judge([CandidatePair(feb, apr, 0.95)], {}, nli=contradiction) == []
    assert judge.judge([CandidatePair(feb, feb_again, 0.95)], {}, nli=contradiction)
