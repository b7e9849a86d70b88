"""Direct quotations: curly/straight/single quotes, speakers, cut quotes, scare quotes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract._text import clean
from factcheck.extract import FactExtractor
from factcheck.extract.quotes import DQTriple, direct_quotations, quote_spans, salient_person
from factcheck.records import Entity, Fact, Kind, Quote, Sentence


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


def test_quotes_pronoun_speaker_is_the_antecedent(nlp):
    text = "“We will rebuild the bridge,” she said."
    [q] = direct_quotations(text, [], nlp(clean(text)), antecedent="Ann Lee")
    assert q.speaker == "Ann Lee"
    text = "“We will rebuild the bridge,” they said."  # not one person: no speaker
    [q] = direct_quotations(text, [], nlp(clean(text)), antecedent="Ann Lee")
    assert q.speaker is None


def _ents(nlp, text):
    doc = nlp(clean(text))
    return [Entity(e.label_, e.start_char, e.end_char, e.text) for e in doc.ents], doc


@pytest.mark.parametrize("text, expected", [
    # the main clause's subject, not the last name in the sentence
    ("Senator Maria Lopez told reporters about her talks with John Smith on Monday.", "Maria Lopez"),
    # a name the entity recogniser may miss still counts when it is the subject
    ("Obama spoke to reporters about the plan on Monday.", "Obama"),
    # a name inside quotation marks is someone spoken of
    ("The report was released on Monday, a day before “John Smith resigned in protest”.", None),
    # an organisation is not who "he said" is
    ("Microsoft announced the deal on Monday.", None),
])
def test_salient_person(nlp, text, expected):
    entities, doc = _ents(nlp, text)
    assert salient_person(text, entities, doc, []) == expected


def test_salient_person_prefers_the_quotes_speaker(nlp):
    text = "“We will look at John Smith's case again,” Maria Lopez said."
    entities, doc = _ents(nlp, text)
    assert salient_person(text, entities, doc, ["Maria Lopez"]) == "Maria Lopez"


def _article(texts: list[str]) -> list[Sentence]:
    """One article's sentences, one per text, with offsets as if joined by spaces."""
    sentences, at = [], 0
    for i, text in enumerate(texts):
        sentences.append(Sentence(Sentence.make_id("a", text), "a", i, at, at + len(text), text))
        at += len(text) + 1
    return sentences


def test_extractor_resolves_he_said_across_sentences():
    """The speaker of "..., he said." is who the sentence before was about (its quote's speaker or subject):
    two outlets quoting two people with similar words are then not one remark misquoted."""
    texts = ["DNC Chairman Tom Perez said in a statement that the campaign broke the law.",
             "“This constituted an act of unprecedented treachery against our democracy,” he said."]
    sentences = _article(texts)
    facts = FactExtractor().extract(sentences)
    [quote] = [f.value for f in facts[sentences[1].id]]
    assert quote.speaker == "Tom Perez"


def test_quotes_spans_pair_marks():
    text = 'He said "one two three" and “four five six”.'
    assert [text[s:e] for s, e in quote_spans(text)] == ["one two three", "four five six"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("ab ,.“”‘’\"'-S") + ["said ", "Rosa ", "told "]), max_size=40).map("".join))
def test_quotes_arbitrary_text_never_raises(text):
    for q in direct_quotations(text, [Entity("PERSON", 0, min(4, len(text)), text[:4])] if len(text) > 4 else []):
        assert 0 <= q.start <= q.end <= len(text)


def test_a_quotation_of_several_sentences_has_one_speaker():
    """The speaker named where a quotation closes speaks its earlier sentences too."""
    texts = ["“First, Iran lied about never having a nuclear weapons program.",
             "100,000 secret files prove it did.",
             "Second, Iran kept its knowledge for future use,” Benjamin Netanyahu said.",
             "“We will look at it,” an official said."]
    sentences = _article(texts)
    facts = FactExtractor().extract(sentences)
    speakers = [[f.value.speaker for f in facts[s.id] if f.kind.value == "quote"] for s in sentences]
    assert speakers[:3] == [["Benjamin Netanyahu"]] * 3
    assert speakers[3] != ["Benjamin Netanyahu"]  # a new quotation: not his


def test_a_quotations_speaker_is_a_name_its_sentence_shares():
    """A sentence inside a named speaker's quotation shares that name with sentences naming the speaker;
    a speaker that is no name ("the suit") does not."""
    from factcheck.claims import _names
    s = Sentence(Sentence.make_id("a", "x"), "a", 0, 0, 1, "100,000 secret files prove it did.")
    quote = lambda who: Fact(s.id, Kind.QUOTE, 0, 10, "x", Quote(who, "100,000 secret files prove it did."))  # noqa: E731
    assert _names(s, [quote("Benjamin Netanyahu")]) == {"netanyahu"}
    assert _names(s, [quote("the suit")]) == set()


def test_quotes_colon_names_the_speaker_but_a_lone_name_elsewhere_does_not():
    text = "Lopez: “We will not back down on this.”"
    [q] = direct_quotations(text, [Entity("PERSON", 0, 5, "Lopez")])
    assert q.speaker == "Lopez"
    text = "The mayor also charged that Lopez had “left behind a record of debts and lawsuits.”"
    start = text.index("Lopez")
    [q] = direct_quotations(text, [Entity("PERSON", start, start + 5, "Lopez")])
    assert q.speaker is None  # Lopez is whom the quotation is about


def test_quotes_subject_inside_the_quotation_is_a_misparse(nlp):
    """A long quote can make the parser take quoted words for the speech verb's subject; the speaker is then
    the person named outside the quotation."""
    text = ("“Throughout his career, Trump has left behind a record of bankruptcies, thousands of lawsuits, angry "
            "stockholders and contractors who feel cheated,” Bloomberg said.")
    start = text.index("Bloomberg")
    [q] = direct_quotations(text, [Entity("PERSON", start, start + 9, "Bloomberg")], nlp(clean(text)))
    assert q.speaker == "Bloomberg"


def _article_sentences(*texts: str):
    from factcheck.records import Sentence

    return [Sentence(f"q{i}", "q", i, 0, len(t), t) for i, t in enumerate(texts)]


def test_a_statement_closed_many_sentences_later_is_quoted_whole():
    from factcheck.extract import quote_continuations

    sentences = _article_sentences("“I am sorry for what I did.", "I was tired.", "I lost my temper.",
                                   "I said things I regret.", "It was wrong.", "I will do better.”",
                                   "She then left the studio.")
    assert quote_continuations(sentences) == {"q1", "q2", "q3", "q4", "q5"}


def test_a_stray_opening_mark_does_not_quote_the_sentences_up_to_the_next_quotation():
    """Counter-example: the next mark opens a new quotation, so the first was never closed: only the usual few."""
    from factcheck.extract import quote_continuations
    from factcheck.extract.quotes import QUOTE_CONTINUATION_MAX

    sentences = _article_sentences("He called it “a good start.", "The council met on Monday.", "It voted twice.",
                                   "The mayor left early.", "Turnout was low.", "“We did well,” she said.")
    assert len(quote_continuations(sentences)) == QUOTE_CONTINUATION_MAX


def test_a_closing_sentence_that_opens_another_quotation_does_not_close_the_run():
    from factcheck.extract.quotes import closes_quotation

    assert closes_quotation("It was wrong.”")
    assert closes_quotation('I will do better," she said.')
    assert not closes_quotation("“We did well,” she said.")
    assert not closes_quotation("It was wrong.” She added: “And I am sorry")
