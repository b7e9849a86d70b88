"""One changed number or name in otherwise identical sentences is the disagreement."""

import pytest

from factcheck.judge.near_identical import no_content_change, one_change
from factcheck.records import CandidatePair, Entity, Kind, Sentence


def _s(article, text, entities=()):
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text, tuple(entities))


def test_one_changed_number_is_a_number_discrepancy():
    d = one_change(CandidatePair(_s("a", "Police made 47 arrests after the march."),
                                 _s("b", "Police made 23 arrests after the march."), 0.97, claim="k"))
    assert d is not None and d.kind is Kind.NUMBER and (d.a_value, d.b_value) == ("47", "23") and d.claim == "k"


def test_one_swapped_person_is_a_name_discrepancy_but_a_swapped_common_word_is_not():
    a = _s("a", "Senator Chuck Schumer spoke on the floor.", [Entity("PERSON", 8, 20, "Chuck Schumer")])
    b = _s("b", "Senator Nancy Pelosi spoke on the floor.", [Entity("PERSON", 8, 20, "Nancy Pelosi")])
    d = one_change(CandidatePair(a, b, 0.9, claim="k"))
    assert d is not None and d.kind is Kind.NAME
    c = _s("c", "Senator Chuck Schumer spoke on the radio.", [Entity("PERSON", 8, 20, "Chuck Schumer")])
    assert one_change(CandidatePair(a, c, 0.9, claim="k")) is None


def test_two_changes_or_a_number_against_a_word_are_left_to_other_rules():
    assert one_change(CandidatePair(_s("a", "They made 47 arrests on Monday."), _s("b", "They made 23 arrests on Friday."),
                                    0.9)) is None
    assert one_change(CandidatePair(_s("a", "They made 47 arrests."), _s("b", "They made many arrests."), 0.9)) is None


def test_punctuation_only_is_no_change():
    a = _s("a", "It has been prosecuted under Presidents Bush and Obama.”", [Entity("PERSON", 49, 54, "Obama")])
    b = _s("b", "It has been prosecuted under Presidents Bush and Obama.", [Entity("PERSON", 49, 54, "Obama")])
    assert one_change(CandidatePair(a, b, 0.99, claim="k")) is None


def test_an_added_negation_is_flagged_but_an_added_adverb_is_not():
    a = _s("a", "The mayor said the bridge would reopen after repairs.")
    d = one_change(CandidatePair(a, _s("b", "The mayor said the bridge would not reopen after repairs."), 0.95, claim="k"))
    assert d is not None and d.kind is Kind.CONTRADICTION and "not" in d.explanation
    assert one_change(CandidatePair(a, _s("b", "The mayor said the bridge would soon reopen after repairs."), 0.95)) is None


def test_a_name_the_model_labelled_on_one_side_only_still_counts_when_both_are_proper_names():
    a = _s("a", "Mr. Hutchinson spent a year at Georgetown.", [Entity("PERSON", 4, 14, "Hutchinson")])
    b = _s("b", "Mr. Standefer spent a year at Georgetown.")
    d = one_change(CandidatePair(a, b, 0.9, claim="k"))
    assert d is not None and d.kind is Kind.NAME


def _name_change(text_a: str, name_a: str, text_b: str, name_b: str):
    """one_change on two sentences whose only difference is ``name_a`` -> ``name_b`` (both labelled as entities)."""
    a = _s("a", text_a, [Entity("ORG", text_a.index(name_a), text_a.index(name_a) + len(name_a), name_a)])
    b = _s("b", text_b, [Entity("ORG", text_b.index(name_b), text_b.index(name_b) + len(name_b), name_b)])
    return one_change(CandidatePair(a, b, 0.97, claim="k"))


@pytest.mark.parametrize("name_a, name_b", [
    ("California Highway Patrol", "CHP"),  # an acronym and its expansion
    ("United States", "US"),
    ("Vendôme", "Vendome"),  # accents
    ("U. K.", "UK"),  # stops
    ("Elvis'", "Elvis's"),  # a possessive written two ways
])
def test_one_name_written_two_ways_is_no_name_discrepancy(name_a, name_b):
    template = "He was on probation for a previous arrest near {}, the officer said."
    assert _name_change(template.format(name_a), name_a, template.format(name_b), name_b) is None


@pytest.mark.parametrize("name_a, name_b", [("Comeaux", "He"), ("UKIP's", "Its"), ("Ms.", "Robyn")])
def test_a_pronoun_or_a_bare_title_is_no_second_name(name_a, name_b):
    template = "{} was the victim in that case, the police said."
    assert _name_change(template.format(name_a), name_a, template.format(name_b), name_b) is None


@pytest.mark.parametrize("name_a, name_b", [("Rait", "Raite"), ("Hurosawa", "Kurosawa"), ("DOE", "IBM")])
def test_a_name_spelled_two_ways_or_another_name_stays_a_flag(name_a, name_b):
    """Counter-examples: one letter apart is a misspelt name an editor fixes; two acronyms are two bodies."""
    template = "Other climbers tried to rescue {} on the glacier, the guide said."
    d = _name_change(template.format(name_a), name_a, template.format(name_b), name_b)
    assert d is not None and d.kind is Kind.NAME


@pytest.mark.parametrize("a, b, same", [
    ("After the shooting Gray was rushed to a hospital.", "After the shooting, Gray was rushed to a hospital.", True),
    ("They met on Saturday.", "They met Saturday.", True),
    ("The bridge would reopen.", "The bridge would not reopen.", False),
    ("Sales rose sharply.", "Sales fell sharply.", False),
])
def test_no_content_change(a, b, same):
    assert no_content_change(a, b) is same
