"""claim_signals.count_days / days_apart: counts of two named days are two days' figures, not one misreported."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claim_signals import days_apart
from factcheck.claims import ClaimGrouper, ClaimsConfig
from factcheck.extract import FactExtractor
from factcheck.records import Kind, Sentence

THURSDAY_RECORD = "That number tops Thursday's previous record-breaking 90,456 new cases, officials said."
SATURDAY_TOTAL = "Saturday's total of 83,718 new cases marks the second-highest single-day count, officials said."


def _number_groups(texts, published=None, config=None):
    published = published or {}
    extractor = FactExtractor()
    sentences = [Sentence(Sentence.make_id(a, t), a, 0, 0, len(t), t) for a, t in texts]
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], published.get(s.article_id)))
    vectors = np.ones((len(sentences), 2), dtype=np.float32) / np.sqrt(2)  # every pair cosine 1
    groups = ClaimGrouper(config).group(sentences, vectors, facts, published)
    return [g for g in groups if g.kind is Kind.NUMBER]


def test_counts_of_two_weekdays_in_undated_articles_are_two_claims():
    assert _number_groups([("a", THURSDAY_RECORD), ("b", SATURDAY_TOTAL)]) == []


def test_the_rule_can_be_turned_off():
    off = ClaimsConfig(count_days_apart=False)
    assert len(_number_groups([("a", THURSDAY_RECORD), ("b", SATURDAY_TOTAL)], config=off)) == 1


def test_counts_of_two_calendar_days_are_two_claims():
    texts = [("a", "Health officials reported 12 new deaths on Tuesday, the ministry said."),
             ("b", "Health officials confirmed 19 new deaths on Wednesday, the ministry said.")]
    published = {"a": dt.date(2020, 11, 4), "b": dt.date(2020, 11, 5)}
    assert _number_groups(texts, published) == []


@pytest.mark.parametrize("texts, published", [
    # one act dated two days apart: one event, misdated (and miscounted), not two days' figures
    ([("a", "The storm killed 12 people on Tuesday, officials said."),
      ("b", "The storm killed 19 people on Wednesday, officials said.")],
     {"a": dt.date(2020, 11, 5), "b": dt.date(2020, 11, 5)}),
    # one day named alike: the two figures are of one day, and they differ
    ([("a", "The storm killed 12 people on Tuesday, officials said."),
      ("b", "The storm killed 19 people on Tuesday, officials said.")], {}),
    # one calendar day reached from two publication dates ("Tuesday" in Wednesday's and Thursday's papers)
    ([("a", "The storm killed 12 people on Tuesday, officials said."),
      ("b", "The storm killed 19 people on Tuesday, officials said.")],
     {"a": dt.date(2020, 11, 4), "b": dt.date(2020, 11, 5)}),
    # only one side names a day: nothing says the figures are of two days
    ([("a", "The storm killed 12 people on Tuesday, officials said."),
      ("b", "The storm killed 19 people, officials said.")], {}),
    # the sentence's only day dates another clause ("struck ... on Monday"), not the count ("killed")
    ([("a", "A tropical storm hit the area where an earthquake on Saturday killed at least 1,419 people."),
      ("b", "Haiti was struck by a tropical storm on Monday as it recovers from an earthquake that killed 1,297 people.")],
     {}),
    # "since" bounds a running count; it does not date it
    ([("a", "The storm has killed 12 people since Tuesday, officials said."),
      ("b", "The storm has killed 19 people since Monday, officials said.")], {}),
])
def test_counter_examples_stay_one_claim(texts, published):
    assert len(_number_groups(texts, published)) == 1


@pytest.mark.parametrize("a, b, apart", [
    (("weekday", 3), ("weekday", 5), True),
    (("weekday", 3), ("weekday", 3), False),
    (("date", dt.date(2020, 11, 3).toordinal()), ("date", dt.date(2020, 11, 4).toordinal()), True),
    (("date", dt.date(2020, 11, 3).toordinal()), ("weekday", 1), False),  # 3 November 2020 was a Tuesday
    (("date", dt.date(2020, 11, 3).toordinal()), ("weekday", 4), True),
    (None, ("weekday", 4), False),
])
def test_days_apart(a, b, apart):
    assert days_apart(a, b) is apart
