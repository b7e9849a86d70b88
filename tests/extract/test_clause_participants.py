"""The people of a date's own clause are its participants; another clause hanging off it states
another act, and its people are not the dated act's."""

from __future__ import annotations

import datetime as dt

from factcheck.extract import FactExtractor
from factcheck.records import Entity, Kind, Sentence

PUB = dt.date(2023, 6, 18)


def _participants(text: str, *people: str) -> dict[str, tuple[str, ...]]:
    ents = tuple(Entity("PERSON", text.index(p), text.index(p) + len(p), p) for p in people)
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text, entities=ents)
    facts = FactExtractor().extract_articles([([sentence], PUB)])[sentence.id]
    return {f.text: f.attrs.participants for f in facts if f.kind is Kind.DATE}


def test_a_clause_of_cause_is_another_act():
    got = _participants("The ministry rejected a meeting with Smith last month because Jones refused to lift "
                        "the sanctions.", "Smith", "Jones")
    assert got["last month"] == ("Smith",)


def test_each_of_two_joined_clauses_has_its_own_people():
    got = _participants("Pompeo met Wang in October 2018, and Blinken met Qin on Sunday.",
                        "Pompeo", "Wang", "Blinken", "Qin")
    assert set(got["October 2018"]) == {"Pompeo", "Wang"}
    assert set(got["on Sunday"]) == {"Blinken", "Qin"}


def test_the_people_of_the_dated_clause_itself_stay():
    """Counter-example: a date inside the subordinate clause takes that clause's people."""
    got = _participants("The ministry rejected the request because Jones refused on Monday to lift the sanctions.",
                        "Jones")
    assert got["on Monday"] == ("Jones",)


def test_a_count_keeps_the_people_of_its_whole_clause():
    """Counts: participants tell subjects apart, and the narrower reading is for dates alone."""
    text = "Smith paid $7,000 for the painting after Jones had sold it."
    ents = tuple(Entity("PERSON", text.index(p), text.index(p) + len(p), p) for p in ("Smith", "Jones"))
    sentence = Sentence(Sentence.make_id("a", text), "a", 0, 0, len(text), text, entities=ents)
    facts = FactExtractor().extract_articles([([sentence], PUB)])[sentence.id]
    assert [set(f.attrs.participants) for f in facts if f.kind is Kind.NUMBER] == [{"Smith", "Jones"}]
