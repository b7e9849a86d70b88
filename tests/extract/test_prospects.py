"""Prospects: what a sentence says will, or will not, happen, and to whom (extract/prospects.py)."""

from __future__ import annotations

import pytest

from factcheck.extract import FactExtractor
from factcheck.extract.prospects import act_key
from factcheck.records import Entity, Kind, Prospect, Sentence


def prospects(text: str, *names: tuple[str, str]) -> list[Prospect]:
    """The sentence's prospects; ``names``: (label, text) entities as the segmenter would give them."""
    ents = tuple(Entity(label, text.index(name), text.index(name) + len(name), name) for label, name in names)
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text, entities=ents)
    facts = FactExtractor().extract([sentence])[sentence.id]
    return [f.value for f in facts if f.kind is Kind.PROSPECT]


def test_an_expected_act_and_one_that_is_unlikely():
    assert prospects("He is expected to meet Queen Elizabeth II on Friday.", ("PERSON", "Queen Elizabeth II")) == [
        Prospect("meet", True, ("Queen Elizabeth II",))]
    got = prospects("Because the visit will not be a state one, he is unlikely to meet Queen Elizabeth II.",
                    ("PERSON", "Queen Elizabeth II"))
    assert [(p.act, p.happens, p.objects) for p in got] == [("meet", False, ("Queen Elizabeth II",))]


@pytest.mark.parametrize("text, happens", [
    ("Trump will meet Putin in Helsinki.", True),
    ("Trump won't meet Putin in Helsinki.", False),
    ("Trump will not meet Putin in Helsinki.", False),
    ("Trump is not expected to meet Putin in Helsinki.", False),
    ("Trump is set to meet Putin in Helsinki.", True),
    ("Trump is going to meet Putin in Helsinki.", True),
])
def test_polarity_of_one_prospect(text, happens):
    got = prospects(text, ("PERSON", "Trump"), ("PERSON", "Putin"), ("GPE", "Helsinki"))
    assert [(p.act, p.happens, p.subject) for p in got] == [("meet", happens, "Trump")]
    assert "Putin" in got[0].objects


def test_a_joined_act_takes_the_expectation_of_the_first():
    """"is expected to shake hands with May and to meet the queen": both acts are expected."""
    got = prospects("He is expected to shake hands with Prime Minister Theresa May and to meet the queen.",
                    ("PERSON", "Theresa May"))
    assert {p.act: p.happens for p in got} == {"shake": True, "meet": True}
    assert next(p for p in got if p.act == "meet").objects == ("queen",)


@pytest.mark.parametrize("text", [
    "Trump wants to meet Putin in Helsinki.",  # a wish
    "Trump tried to meet Putin in Helsinki.",  # an attempt
    "Trump went to meet Putin in Helsinki.",  # a past act
    "Trump met Putin in Helsinki.",
    "Trump did not meet Putin in Helsinki.",  # a past denial: claims and denials sit side by side in news
    "Trump may meet Putin in Helsinki.",  # a possibility: both may be true
    "Trump could meet Putin in Helsinki.",
    "Will Trump meet Putin in Helsinki?",  # a question
    'Trump said: "I will meet Putin in Helsinki."',  # the speaker's outlook: compared as a quotation
])
def test_what_is_no_prospect(text):
    assert prospects(text, ("PERSON", "Trump"), ("PERSON", "Putin"), ("GPE", "Helsinki")) == []


def test_a_modifier_is_no_object():
    """"will name Trump's son as a defendant": the son is named, not Trump."""
    got = prospects("The lawsuit will name Trump's son as a defendant.", ("PERSON", "Trump"))
    assert [p.objects for p in got] == [("son", "defendant")]


def test_acts_are_keyed_however_inflected():
    assert act_key("name") == act_key("named") == act_key("naming")
    assert act_key("meet") == act_key("meets") != act_key("meat")


def test_a_passive_prospect_spans_its_object_before_the_verb():
    """"Trump Jr. will be named as a defendant": the span runs from the object to the verb's phrase (a span whose
    end came before its start once broke the whole run)."""
    text = "Trump Jr. will be named as a defendant, the lawyers said on Monday."
    ents = (Entity("PERSON", 0, 9, "Trump Jr."),)
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text, entities=ents)
    facts = [f for f in FactExtractor().extract([sentence])[sentence.id] if f.kind is Kind.PROSPECT]
    assert [(f.text, f.value.happens) for f in facts] == [("Trump Jr. will be named as a defendant", True)]
    assert all(f.start < f.end for f in facts)
    text = "Trump Jr. will be indicted, the lawyers said on Monday."  # the object alone, before the verb
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text, entities=ents)
    facts = [f for f in FactExtractor().extract([sentence])[sentence.id] if f.kind is Kind.PROSPECT]
    assert [f.text for f in facts] == ["Trump Jr. will be indicted"]
