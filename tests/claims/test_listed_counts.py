"""Counts that are not one figure reported two ways: an item of a list of values of one measure (which item
a lone figure elsewhere belongs to, nothing says), and counts their sentences date to occasions weeks apart."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claims import ClaimGrouper, listed_counts
from factcheck.claims_config import ClaimsConfig
from factcheck.extract import FactExtractor
from factcheck.records import Kind, Sentence

PUBLISHED = dt.date(2021, 5, 12)


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)


def _linked(texts, config=None):
    extractor = FactExtractor()
    sentences = [_sentence(art, t) for art, t in texts]
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], PUBLISHED))
    vectors = np.ones((len(sentences), 2), dtype=np.float32) / np.sqrt(2)  # one topic: similarity is no help
    groups = ClaimGrouper(config).group(sentences, vectors, facts)
    by_key = {f"{f.sentence_id}:{f.start}:{f.end}": f.text for fs in facts.values() for f in fs}
    return {tuple(sorted((by_key[x], by_key[y]))) for g in groups if g.kind in (Kind.NUMBER, Kind.DURATION)
            for x, y in g.pairs}, sentences, facts


STAT_LINE = ("a", "The theatre sold 120 tickets on Friday and 180 tickets on Saturday, the manager said.")
LONE = ("b", "The theatre sold 150 tickets for the show, the manager said.")


def test_a_lone_figure_is_not_compared_with_an_item_of_a_list():
    pairs, _, _ = _linked([STAT_LINE, LONE])
    assert not any("150 tickets" in " ".join(p) for p in pairs)


def test_without_the_rule_the_same_sentences_are_linked():
    """The test above fails without the rule: the values are otherwise one claim."""
    pairs, _, _ = _linked([STAT_LINE, LONE], ClaimsConfig(skip_listed_counts=False))
    assert any("150 tickets" in " ".join(p) for p in pairs)


def test_values_told_apart_by_their_event_are_no_list():
    """Counter-example: "killed 12 and injured 30" states one death toll, comparable with another outlet's."""
    texts = [("a", "The fire killed 12 people and injured 30 people in the building on Tuesday."),
             ("b", "The fire killed 15 people in the building on Tuesday, officials said.")]
    pairs, sentences, facts = _linked(texts)
    assert ("12 people", "15 people") in pairs
    assert not listed_counts(sentences[:1], facts, 0.01) & {f"{f.sentence_id}:{f.start}:{f.end}"
                                                            for f in facts[sentences[0].id] if "12" in f.text}


@pytest.mark.parametrize("other, linked", [("$3.5 billion", True), ("$2.9 billion", False)])
def test_a_listed_value_still_links_with_a_value_within_a_few_percent(other, linked):
    texts = [("a", "Officials said the plan would cost about $3.6 billion over two years, and another $2.5 billion later."),
             ("b", f"Officials said the plan would cost {other} over two years.")]
    pairs, _, _ = _linked(texts)
    assert any(other in " ".join(p) for p in pairs) is linked


# --- counts of two dated occasions ---------------------------------------------------------------

OLD = ("a", "In 2004, a huge earthquake off Aceh triggered a tsunami that killed 230,000 people across Asia.")
NEW = ("b", "A strong earthquake off Aceh on Tuesday killed 170,000 people, officials said.")
NEXT_DAY = ("c", "The earthquake off Aceh on Wednesday killed 150,000 people, officials said.")


def test_counts_of_two_dated_occasions_are_two_claims():
    pairs, _, _ = _linked([OLD, NEW])
    assert not pairs


def test_without_the_rule_they_are_one_claim():
    pairs, _, _ = _linked([OLD, NEW], ClaimsConfig(count_periods_apart=False))
    assert ("170,000 people", "230,000 people") in pairs


def test_dates_a_day_apart_still_date_one_occasion():
    """Counter-example: outlets misdate one event by a day; the two tolls still disagree."""
    pairs, _, _ = _linked([NEW, NEXT_DAY])
    assert ("150,000 people", "170,000 people") in pairs


def test_an_undated_count_is_compared_as_before():
    """Counter-example: one side names no date, so nothing says the occasions differ."""
    pairs, _, _ = _linked([OLD, ("d", "A huge earthquake off Aceh triggered a tsunami that killed 200,000 people.")])
    assert ("200,000 people", "230,000 people") in pairs


def test_figures_of_two_months_are_two_claims():
    """Monthly figures: "in June" and "in July" lie a day apart but are two periods' counts."""
    texts = [("a", "Employers added 850,000 jobs in June 2021, the Labor Department said."),
             ("b", "Employers added 943,000 jobs in July 2021, the Labor Department said.")]
    pairs, _, _ = _linked(texts)
    assert not pairs
    pairs, _, _ = _linked(texts, ClaimsConfig(count_periods_apart=False))
    assert pairs
