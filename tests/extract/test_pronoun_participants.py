"""A clause that names its person only by a pronoun ("His plan would cut $800 billion") takes the person
the article named last: amounts of two people are then two claims, not a disagreement."""

from __future__ import annotations

import datetime as dt

from factcheck.extract import FactExtractor
from factcheck.records import Entity, Sentence

PUB = dt.date(2012, 8, 1)


def _s(article: str, text: str, person: str | None = None) -> Sentence:
    ents = (Entity("PERSON", text.index(person), text.index(person) + len(person), person),) if person else ()
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text, entities=ents)


def _participants(sentences, target):
    facts = FactExtractor().extract_articles([(sentences, PUB)])
    return {f.text: f.attrs.participants for f in facts[target.id]}


def test_a_pronoun_subject_takes_the_person_named_before():
    first = _s("a", "Senator Smith unveiled a new health care plan on Monday.", "Smith")
    second = _s("a", "His plan would cut Medicare spending by $800 billion.")
    assert _participants([first, second], second)["$800 billion"] == ("Smith",)


def test_a_person_named_earlier_in_the_sentence_wins_over_the_article():
    first = _s("a", "Senator Smith unveiled a new health care plan on Monday.", "Smith")
    text = "Jones said he would cut Medicare spending by $700 billion."
    second = _s("a", text, "Jones")
    assert _participants([first, second], second)["$700 billion"] == ("Jones",)


def test_without_a_pronoun_or_an_earlier_person_nothing_is_guessed():
    """Counter-examples: "The plan would cut ..." names no one; a pronoun with no person before stays unknown."""
    first = _s("a", "Senator Smith unveiled a new health care plan on Monday.", "Smith")
    plain = _s("a", "The plan would cut Medicare spending by $800 billion.")
    assert not _participants([first, plain], plain)["$800 billion"]
    alone = _s("b", "His plan would cut Medicare spending by $800 billion.")
    assert not _participants([alone], alone)["$800 billion"]
