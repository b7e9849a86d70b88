"""claim_lines.preview_and_outcome: a figure planned in an earlier article and stated in a later one."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.claim_lines import preview_and_outcome, prospective
from factcheck.claims import ClaimsConfig
from factcheck.extract import FactExtractor
from factcheck.records import Kind, Sentence

from .helpers import claim_groups

MONDAY, WEDNESDAY = dt.date(2013, 1, 14), dt.date(2013, 1, 16)
PLAN = "The president this week will lay out 19 separate actions he could take on his own, lawmakers said."
OUTCOME = "The administration is supplementing its proposal with 23 executive actions taken immediately."
OTHER_PLAN = "The president this week will lay out 23 separate actions he could take on his own, aides said."


def _group(texts, published, config=None):
    return claim_groups(texts, published, config)


@pytest.mark.parametrize("text, planned", [
    (PLAN, True),
    ("Officials are set to cut 500 jobs.", True),
    ("The company may cut 500 jobs.", True),
    (OUTCOME, False),  # "will" after the figure says what the actions are for, not that the figure is a plan
    ("The company cut 500 jobs on Friday.", False),
])
def test_prospective_reads_the_words_before_the_figure(text, planned):
    fact = next(f for f in FactExtractor().extract(
        [Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text)], MONDAY).popitem()[1]
        if f.kind is Kind.NUMBER)
    assert prospective(fact, text) is planned


def test_a_plan_reported_days_before_its_outcome_is_no_claim_with_it():
    assert _group([("a", PLAN), ("b", OUTCOME)], {"a": MONDAY, "b": WEDNESDAY}) == []


def test_the_rule_can_be_turned_off():
    off = ClaimsConfig(previews_apart=False)
    assert len(_group([("a", PLAN), ("b", OUTCOME)], {"a": MONDAY, "b": WEDNESDAY}, off)) == 1


@pytest.mark.parametrize("published", [
    {"a": MONDAY, "b": MONDAY},  # the same day: the plan and the figure are reported side by side
    {"a": WEDNESDAY, "b": MONDAY},  # the figure was out before the "plan": a misreport, not a superseded plan
    {"a": MONDAY, "b": None},  # an undated article: which came first is unknown
])
def test_counter_examples_stay_one_claim(published):
    assert len(_group([("a", PLAN), ("b", OUTCOME)], published)) == 1


def test_two_previews_days_apart_that_disagree_stay_one_claim():
    """Both give the figure as a plan: the second revised it or one misreports it; an editor checks."""
    assert len(_group([("a", PLAN), ("b", OTHER_PLAN)], {"a": MONDAY, "b": WEDNESDAY})) == 1


def test_preview_and_outcome_is_symmetric_in_its_arguments():
    text_a, text_b = PLAN, OUTCOME
    extractor = FactExtractor()
    fa = next(f for f in extractor.extract([Sentence(Sentence.make_id("a", text_a), "a", 0, 0, len(text_a), text_a)],
                                           MONDAY).popitem()[1] if f.kind is Kind.NUMBER)
    fb = next(f for f in extractor.extract([Sentence(Sentence.make_id("b", text_b), "b", 0, 0, len(text_b), text_b)],
                                           WEDNESDAY).popitem()[1] if f.kind is Kind.NUMBER)
    assert preview_and_outcome(fa, text_a, MONDAY, fb, text_b, WEDNESDAY, 1)
    assert preview_and_outcome(fb, text_b, WEDNESDAY, fa, text_a, MONDAY, 1)
