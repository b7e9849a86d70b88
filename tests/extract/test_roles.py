"""Titles attached to people: before the name, apposition after it and before it; honorifics are not titles."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract._text import clean
from factcheck.extract.roles import core_title, find_roles
from factcheck.records import Entity


def person(text: str, name: str) -> Entity:
    start = text.index(name)
    return Entity("PERSON", start, start + len(name), name)


def entity(text: str, label: str, words: str) -> Entity:
    start = text.index(words)
    return Entity(label, start, start + len(words), words)


@pytest.mark.parametrize("text, name, others, title, core", [
    ("Chinese Foreign Minister Lan Wei met reporters.", "Lan Wei", [("NORP", "Chinese")],
     "Chinese Foreign Minister", "foreign minister"),
    ("Lan Wei, the Chinese foreign minister, met reporters.", "Lan Wei", [("NORP", "Chinese")],
     "Chinese foreign minister", "foreign minister"),
    ("The Chinese foreign minister, Lan Wei, met reporters.", "Lan Wei", [("NORP", "Chinese")],
     "Chinese foreign minister", "foreign minister"),
    ("Xi appeared alongside Orbis co-founder Tom Hale on Friday.", "Tom Hale", [("ORG", "Orbis")],
     "Orbis co-founder", "orbis co founder"),
    ("Karen Oduya, the former mayor of Bristow, endorsed the plan.", "Karen Oduya", [("GPE", "Bristow")],
     "former mayor of Bristow", "former mayor"),
    ("Deputy Health Minister Paolo Rinaldi visited.", "Paolo Rinaldi", [], "Deputy Health Minister",
     "deputy health minister"),
    ("US Secretary of State Dana Holt landed.", "Dana Holt", [("GPE", "US")], "US Secretary of State",
     "secretary of state"),
])
def test_roles_shapes_with_given_entities(text, name, others, title, core):
    entities = [person(text, name)] + [entity(text, label, words) for label, words in others]
    found = find_roles(text, entities)
    assert [(m.role.person, m.role.title, m.attrs["core"]) for m in found] == [(name, title, core)]
    assert text[found[0].start:found[0].end] == found[0].text


def test_roles_first_name_is_not_a_title():
    """'Ian' ends like 'politician' but is part of the name; 'Co-founder' before it is the title."""
    text = "Co-founder Ian Roe left the board."
    found = find_roles(text, [person(text, "Ian Roe")])
    assert [(m.role.person, m.role.title, m.attrs["core"]) for m in found] == [("Ian Roe", "Co-founder", "co founder")]


def test_roles_title_inside_the_person_span_is_split():
    text = "Spokeswoman Clara Benn declined to comment."
    found = find_roles(text, [Entity("PERSON", 0, 22, "Spokeswoman Clara Benn")])
    assert [(m.role.person, m.role.title) for m in found] == [("Clara Benn", "Spokeswoman")]


def test_roles_abbreviated_title_inside_the_person_span_is_split():
    text = "Lt. Gov. Dan Patrick declined to comment."
    found = find_roles(text, [Entity("PERSON", 0, 20, "Lt. Gov. Dan Patrick")])
    assert [(m.role.person, m.role.title, m.attrs["core"]) for m in found] == [
        ("Dan Patrick", "Lt. Gov.", "lieutenant governor")]


@pytest.mark.parametrize("text, name", [
    ("Mr Blinken landed in Beijing.", "Blinken"),
    ("Dr. Ana Lind spoke first.", "Ana Lind"),
    ("China's Wang Yi spoke.", "Wang Yi"),
    ("On Friday Anna Berg spoke.", "Anna Berg"),
    ("She met Jane Doe, who was the mayor, yesterday.", "Jane Doe"),
    ("The Chinese foreign minister met Lan Wei, then left.", "Lan Wei"),
])
def test_roles_no_title(text, name):
    entities = [person(text, name)] + ([Entity("DATE", 3, 9, "Friday")] if "Friday" in text else [])
    titles = [m.role.title for m in find_roles(text, entities) if m.role.person == name]
    assert titles == []


def test_roles_without_entities_find_nothing():
    assert find_roles("Foreign Minister Lan Wei met reporters.") == []


@pytest.mark.parametrize("text, expected", [
    ("Microsoft co-founder Bill Gates spoke on Friday.", ("Bill Gates", "Microsoft co-founder")),
    ("“We will rebuild,” said union leader Rosa Mendes.", ("Rosa Mendes", "union leader")),
    ("Greenleaf co-founder Mara Jensen announced the fund.", ("Mara Jensen", "Greenleaf co-founder")),
    ("Clara Benn, a spokesperson for the ministry, declined to comment.",
     ("Clara Benn", "spokesperson for the ministry")),
    # a lower-case rank word opens the title though the parse calls "acting" a verb
    ("The probe is close to wrapping up, acting Attorney General Matthew Whitaker said.",
     ("Matthew Whitaker", "acting Attorney General")),
    ("The memo was signed by former acting Director Jane Doe.", ("Jane Doe", "former acting Director")),
])
def test_roles_with_spacy(nlp, text, expected):
    doc = nlp(clean(text))
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    assert expected in [(m.role.person, m.role.title) for m in find_roles(text, entities, doc)]


def test_roles_core_title_drops_places_and_determiners():
    text = "the Brazilian deputy trade minister"
    assert core_title(text, 0, len(text), [(4, 13)]) == "deputy trade minister"


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=100), st.integers(0, 100), st.integers(0, 100))
def test_roles_arbitrary_text_never_raises(text, a, b):
    start, end = sorted((a, b))
    for mention in find_roles(text, [Entity("PERSON", start, end, text[start:end]), Entity("GPE", 0, 3, text[:3])]):
        assert 0 <= mention.start <= mention.end <= len(text)


def test_roles_a_rank_word_alone_is_no_title(nlp):
    """Counter-example: "acting" with no title word after it ("acting quickly, Jane Doe ...") opens nothing."""
    text = "Acting quickly, Jane Doe pulled him out."
    doc = nlp(clean(text))
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    assert [m.role.title for m in find_roles(text, entities, doc)] == []


@pytest.mark.parametrize("text, expected", [
    # AP-style abbreviations stand for their title word, and the words before them stay in the title
    ("Rochester Police Department Dep. Chief Joseph Morabito said the officer was hurt.",
     ("Joseph Morabito", "deputy chief")),
    ("Texas Lt. Gov. Dan Patrick said the bill would pass.", ("Dan Patrick", "lieutenant governor")),
    ("Sen. Ted Cruz said he would vote no.", ("Ted Cruz", "senator")),
    ("Rep. Adam Schiff said the report was damning.", ("Adam Schiff", "representative")),
    ("Asst. Secretary John Doe spoke on Monday.", ("John Doe", "assistant secretary")),
    ("Maj. Gen. Patrick Ryder told reporters the strike was over.", ("Patrick Ryder", "major general")),
    ("Det. Sgt. Mary Jones said the suspect fled.", ("Mary Jones", "detective sergeant")),
])
def test_roles_abbreviated_titles(nlp, text, expected):
    doc = nlp(clean(text))
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    name, core = expected
    found = [(m.role.person, m.attrs["core"].removeprefix("rochester police department "))
             for m in find_roles(text, entities, doc)]
    assert (name, core) in found


def test_roles_abbreviated_titles_without_a_parse():
    text = "Lt. Col. Alexander Vindman testified on Tuesday."
    found = find_roles(text, [person(text, "Alexander Vindman")])
    assert [(m.role.title, m.attrs["core"]) for m in found] == [("Lt. Col.", "lieutenant colonel")]


def test_roles_an_honorific_abbreviation_is_still_no_title(nlp):
    """Counter-example: "Dr." and "Mr." are honorifics, not titles, with or without the new abbreviations."""
    text = "Dr. Ana Lind and Mr. Tom Hale spoke first."
    doc = nlp(clean(text))
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    assert [m.role.title for m in find_roles(text, entities, doc)] == []


def _core_of(nlp, text: str, name: str) -> str:
    doc = nlp(clean(text))
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    return next(m.attrs["core"] for m in find_roles(text, entities, doc) if m.role.person == name)


def test_abbreviated_and_spelt_out_titles_compare_as_one(nlp):
    """ "Sen." is "Senator" (no conflict); "Lt. Gov." is not "Gov." (a rank apart: a real conflict)."""
    from factcheck.judge.fact_text_rules import title_conflict

    cruz = [_core_of(nlp, t, "Ted Cruz") for t in ("Sen. Ted Cruz said he would vote no.",
                                                    "Senator Ted Cruz said he would vote no.")]
    assert title_conflict(*cruz) is None
    patrick = [_core_of(nlp, t, "Dan Patrick") for t in ("Texas Lt. Gov. Dan Patrick said the bill would pass.",
                                                          "Texas Gov. Dan Patrick said the bill would pass.")]
    assert title_conflict(*patrick) is not None


@pytest.mark.parametrize("text, name, title", [
    # the words before "of" are the job of someone else, whose name is not in the sentence
    ("The former national co-chairman of President Barack Obama’s 2008 campaign, Jackson was first elected.",
     "Barack Obama", "President"),
    # counter-example: "State" is no title of its own, so "Secretary of State" is Pompeo's
    ("Secretary of State Mike Pompeo’s trip ended early.", "Mike Pompeo", "Secretary of State"),
])
def test_roles_a_job_of_a_named_persons_thing_is_not_their_title(nlp, text, name, title):
    doc = nlp(clean(text))
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    assert [m.role.title for m in find_roles(text, entities, doc) if m.role.person == name] == [title]
