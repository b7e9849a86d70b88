"""Counts that say what they are of (their prepositional phrases, relative clause) and share none of it are two claims."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claims import ClaimGrouper
from factcheck.extract import FactExtractor
from factcheck.extract.complements import different_complements
from factcheck.records import Kind, Sentence

PUBLISHED = dt.date(2019, 2, 15)


@pytest.fixture(scope="module")
def extractor():
    return FactExtractor()


def _number_groups(extractor, a: str, b: str):
    sentences = [Sentence(Sentence.make_id(art, t), art, 0, 0, len(t), t) for art, t in (("a", a), ("b", b))]
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], PUBLISHED))
    vectors = np.array([[1.0, 0.0], [0.9, np.sqrt(1 - 0.81)]], dtype=np.float32)  # related sentences
    return [g for g in ClaimGrouper().group(sentences, vectors, facts) if g.kind is Kind.NUMBER]


@pytest.mark.parametrize("a, b", [
    ("The order lets Trump divert $3.6 billion from military construction projects.",
     "The order lets Trump use $2.5 billion the department had allocated for counter-drug activities."),
    ("Trump said Smith served three terms in the Senate.", "Trump praised Smith's two-term tenure as attorney general."),
])
def test_counts_of_different_things_are_two_claims(extractor, a, b):
    assert _number_groups(extractor, a, b) == []


@pytest.mark.parametrize("a, b", [
    ("The order lets Trump divert $3.6 billion from military construction projects.",
     "The order lets Trump use $3.5 billion from Defense Department construction projects."),  # shared words
    ("Police made 47 arrests in the city on Saturday.", "Police made 23 arrests on Saturday."),  # one side says nothing
])
def test_counts_of_one_thing_stay_one_claim(extractor, a, b):
    """Counter-examples: a shared word of what is counted, or a count that does not say, keeps the link."""
    assert len(_number_groups(extractor, a, b)) == 1


def test_different_complements_needs_both_sides():
    assert different_complements(("senate",), ("attorney", "general"))
    assert not different_complements(("senate",), ())
    assert not different_complements(("construction", "project"), ("construction", "budget"))


def test_near_equal_figures_stay_one_claim_whatever_their_phrases(extractor):
    """$139 million "in adjusted gross income" / $140,937,785 "from book sales": one figure two ways (1.4 % apart)."""
    groups = _number_groups(extractor, "The Clintons earned $139 million in adjusted gross income.",
                            "The Clintons earned $140,937,785 from book sales and speaking fees.")
    assert len(groups) == 1


def test_distinct_figures_with_different_phrases_stay_apart(extractor):
    """Counter-example: 30 against 20 million, from book sales / for consulting, are two amounts."""
    groups = _number_groups(extractor, "The Clintons earned $30 million from book sales and speeches.",
                            "The Clintons earned $21 million for advising companies.")
    assert groups == []


def test_a_conjunct_phrase_on_the_verb_is_not_what_the_count_is_of(extractor):
    """"killed 170,000 people in the province and tens of thousands more in countries ...": the verb's "in
    countries" belongs to the conjunct, so the count is of the province and another outlet's toll "across
    Asia" counts something else; the verb's phrase still counts when the noun has none of its own."""
    from factcheck.extract.complements import complements
    from factcheck.extract import with_parser

    text = ("A tsunami killed 170,000 people in the province and tens of thousands more in countries around "
            "the Indian Ocean.")
    with with_parser(extractor.nlp_):
        doc = extractor.nlp_(text)
        start = text.index("170,000")
        assert complements(doc, start, start + len("170,000 people")) == ("province",)
        divert = "The order lets Trump divert $3.6 billion from military construction projects."
        doc = extractor.nlp_(divert)
        start = divert.index("$3.6")
        assert "construction" in complements(doc, start, start + len("$3.6 billion"))
    assert _number_groups(extractor, text, "A tsunami killed 230,000 people across Asia.") == []
