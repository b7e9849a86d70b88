"""Quotes: trivial renderings, cut fragments and excerpt seams are not misquotes; real rewordings still are."""

from __future__ import annotations

import pytest

from factcheck.extract.quotes import direct_quotations, quote_spans
from factcheck.judge.fact_text_rules import quote_conflict
from factcheck.judge.quote_edges import cut_edges
from factcheck.records import Fact, Kind, Quote

START_CUT, END_CUT, WHOLE = (True, False), (False, True), (False, False)


def _conflict(a: str, b: str, cut_a=WHOLE, cut_b=WHOLE, speaker="Trump"):
    return quote_conflict(Quote(speaker, a), Quote(speaker, b), cut_a, cut_b)


@pytest.mark.parametrize("a, b", [
    ("threats to Israel and the region", "threats towards Israel and the region"),
    ("further details will be set out in due course", "further details would be set out in due course"),
    ("The president said the hookers thing is nonsense", "The president said that the hookers thing is nonsense"),
    ("It's not enough just to not suck as much as the other side", "But it is not enough just to not suck as much"),
])
def test_function_word_tense_and_contraction_renderings_are_not_misquotes(a, b):
    assert _conflict(a, b) is None


@pytest.mark.parametrize("a, b", [
    ("Why would he not do it?", "Why would he not do that?"),  # a pronoun for a pronoun: the words differ
    ("the Wendy Wasserman Schultz Servers and Documents", "the Debbie Wasserman Schultz Servers and Documents"),
    ("If they restart their nuclear program, they will have bigger problems than they have ever had before",
     "If they restart their nuclear program, they're going to have big problems, bigger than they've ever had"),
])
def test_rewordings_inside_the_quote_are_still_misquotes(a, b):
    assert _conflict(a, b) is not None


def test_a_fragment_the_splitter_cut_lacks_what_the_other_says_beyond_the_cut():
    fragment = "It should have never been made"  # '"It's a terrible deal. It should ...' split after "deal."
    full = "It is a terrible deal that should have never been made"
    assert _conflict(fragment, full, START_CUT) is None


def test_a_cut_fragment_with_other_words_inside_is_still_a_misquote():
    """Counter-example: the fragment is cut after "John?", but "debating" / "doing" lies inside it."""
    assert _conflict("What have you guys been debating, John?",
                     "In the House of Representatives, what have you guys been doing, John?", END_CUT) is not None


def test_the_seam_of_an_excerpt_is_not_a_misquote():
    full = "I trust in God, but God wants to see us help ourselves by putting people back to work."
    assert _conflict(full, "not putting people back to work", speaker="Obama") is None


def test_a_bracket_the_splitter_cut_is_the_outlet_s_not_the_speaker_s():
    assert _conflict("President Barack] Obama's war on religion", "As president, I'll end Obama's war on religion",
                     START_CUT, speaker="Perry") is None


@pytest.mark.parametrize("sentence, quote, cut", [
    ('It should have never been made," Trump said.', "It should have never been made", START_CUT),
    ('"What have you guys been debating, John?', "What have you guys been debating, John?", END_CUT),
    ('"We will not back down," she said.', "We will not back down", WHOLE),
])
def test_cut_edges_read_from_the_quotation_marks(sentence, quote, cut):
    start = sentence.index(quote)
    fact = Fact("s", Kind.QUOTE, start, start + len(quote), quote, Quote(None, quote), attrs={})
    assert cut_edges(fact, sentence) == cut


def test_an_unpaired_straight_mark_opens_or_closes_a_quote_the_splitter_cut():
    assert [q.content for q in direct_quotations('"What have you guys been debating, John?')] == [
        "What have you guys been debating, John?"]
    assert [q.content for q in direct_quotations('You have been debating a coin for baseball?" Obama said.')] == [
        "You have been debating a coin for baseball?"]
    assert quote_spans('The 6" pipe burst') == [(0, 5)]  # an inch mark: too few words to be read as a quote
    assert list(direct_quotations('The 6" pipe burst')) == []


def _sentences(*texts):
    from factcheck.records import Sentence

    return [Sentence(str(i), "a", i, 0, len(t), t) for i, t in enumerate(texts)]


def test_a_sentence_inside_a_quotation_an_earlier_sentence_opened_is_quoted_words():
    from factcheck.extract import FactExtractor

    sentences = _sentences('She wrote that it "could be abused by members [',
                           "of Congress] to beat up the State Department for not paying attention to warnings.",
                           'Concerned ..."',
                           "Officials said on Wednesday that the director had been concerned.")
    facts = FactExtractor(nlp=False).extract(sentences)
    assert [f.kind for f in facts["1"]] == [Kind.QUOTE]
    assert not [f for f in facts["3"] if f.kind is Kind.QUOTE]  # counter-example: the quotation closed before it


def test_an_unclosed_mark_quotes_only_the_next_few_sentences():
    from factcheck.extract import quote_continuations
    from factcheck.extract.quotes import QUOTE_CONTINUATION_MAX

    sentences = _sentences('He said "we will', *[f"Sentence number {i} of the story goes on." for i in range(6)])
    assert len(quote_continuations(sentences)) == QUOTE_CONTINUATION_MAX


def test_dotted_acronyms_are_the_same_word():
    assert _conflict("Hillary Clinton lied many times to the FBI, and nothing happened to her.",
                     "Hillary Clinton lied many times to the F.B.I. Nothing happened to her.") is None
    assert _conflict("She lied many times to the FBI and nothing happened",  # counter-example: another agency
                     "She lied many times to the CIA and nothing happened") is not None


def test_the_same_words_in_another_order_are_not_a_misquote():
    assert _conflict("It should have never been made", "It should never have been made, but we will talk") is None
    assert _conflict("It should have never been made", "It should never have been built") is not None  # counter-example
