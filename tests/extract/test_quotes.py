"""Direct quotations: curly/straight/single quotes, speakers, cut quotes, scare quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract._text import clean
from factcheck.extract.quotes import DQTriple, direct_quotations, quote_spans
from factcheck.records import Entity


def person(text: str, name: str) -> Entity:
    start = text.index(name)
    return Entity("PERSON", start, start + len(name), name)


@pytest.mark.parametrize("text, name, speaker, cue, content", [
    ("“We will not back down,” said Rosa Mendes.", "Rosa Mendes", "Rosa Mendes", "said",
     "We will not back down"),
    ('"We will not back down," Rosa Mendes said.', "Rosa Mendes", "Rosa Mendes", "said",
     "We will not back down"),
    ("Ruth Adler said: “Our hospitals are safe and well funded.”", "Ruth Adler", "Ruth Adler", "said",
     "Our hospitals are safe and well funded."),
    ("‘We expect a full recovery,’ said economist Lila Chen.", "Lila Chen", "Lila Chen", "said",
     "We expect a full recovery"),
    ("According to Tom Hale, “the deal is dead and buried.”", "Tom Hale", "Tom Hale", "According",
     "the deal is dead and buried."),
    ("Rosa Mendes: “We will rebuild the town together.”", "Rosa Mendes", "Rosa Mendes", None,
     "We will rebuild the town together."),
    ("“We can’t stop now,” she told reporters in Oslo.", None, None, "told", "We can’t stop now"),
])
def test_quotes_speaker_cue_content(text, name, speaker, cue, content):
    entities = [person(text, name)] if name else []
    quotes = list(direct_quotations(text, entities))
    assert len(quotes) == 1
    q = quotes[0]
    assert isinstance(q, DQTriple)
    assert (q.speaker, q.cue, q.content) == (speaker, cue, content)
    assert text[q.start:q.end] == content


@pytest.mark.parametrize("text, content", [
    ("“We can’t let our differences", "We can’t let our differences"),  # opened, cut by the splitter
    ("stand in the way of progress,” Lopez added.", "stand in the way of progress"),  # closed, opened earlier
])
def test_quotes_cut_by_sentence_splitter(text, content):
    assert [q.content for q in direct_quotations(text)] == [content]


@pytest.mark.parametrize("text", [
    "The so-called “peace plan” failed.",  # scare quotes: fewer than three words
    "Rosa Mendes said the union would not back down.",  # paraphrase
    "It’s the team’s best season, fans said.",  # apostrophes are not quotes
    "",
])
def test_quotes_not_quotations(text):
    assert list(direct_quotations(text)) == []


def test_quotes_speaker_from_parse(nlp):
    text = "“I have never taken a bribe,” Mayor Ian Crowe told the court."
    doc = nlp(clean(text))
    entities = [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    [q] = direct_quotations(text, entities, doc)
    assert q.speaker == "Ian Crowe" and q.cue == "told"


def test_quotes_pronoun_speaker_is_none(nlp):
    text = "“We will rebuild the bridge,” she said."
    [q] = direct_quotations(text, [], nlp(clean(text)))
    assert q.speaker is None


def test_quotes_spans_pair_marks():
    text = 'He said "one two three" and “four five six”.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["one two three", "four five six"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,.“”‘’\"'-S") + ["said ", "Rosa ", "told "]), max_size=40).map("".join))
def test_quotes_arbitrary_text_never_raises(text):
    for q in direct_quotations(text, [Entity("PERSON", 0, min(4, len(text)), text[:4])] if len(text) > 4 else []):
        assert 0 <= q.start <= q.end <= len(text)
