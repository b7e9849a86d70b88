"""Quotes: trivial renderings, cut fragments and excerpt seams are not misquotes; real rewordings still are."""

from __future__ import annotations

import pytest

from factcheck.extract.quotes import direct_quotations, quote_spans
from factcheck.judge.fact_text_rules import quote_conflict, quote_verdict, word_changes
from factcheck.judge.weights import QUOTE_SMALL_WORDS_CONFIDENCE
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


@pytest.mark.parametrize("a, b", [
    ("What in the hell, what do you do all the time?", "What the hell, what do you do all the time?"),
    ("The only people it doesn't happen to is people who have guards", "The only people it doesn't happen to are "
     "people who have guards"),
    ("in a couple of weeks in Geneva, making it clear that we will not, we will not stand by",
     "in a couple weeks in Geneva making it clear that we will not stand by"),
])
def test_small_word_changes_are_reported_but_rank_low(a, b):
    """Still a misquote to the letter (the labelled set counts "for alliance" / "for our alliance"), ranked low."""
    verdict = quote_verdict(Quote("Biden", a), Quote("Biden", b))
    assert verdict is not None and verdict == (QUOTE_SMALL_WORDS_CONFIDENCE, True)


@pytest.mark.parametrize("a, b", [
    ("we are not going to be in a combat mission", "we are going to be in a combat mission"),  # a negation
    ("we will not, we will not stand by and let him", "we will stand by and let him"),  # a repeat, and a negation
    ("all of them must leave the country today", "some of them must leave the country today"),  # a quantifier
    ("the population is more diverse than we measured", "the population is more racially diverse than we measured"),
])
def test_changes_of_content_keep_their_confidence(a, b):
    verdict = quote_verdict(Quote("Jones", a), Quote("Jones", b))
    assert verdict is not None and verdict[1] is False and verdict[0] > QUOTE_SMALL_WORDS_CONFIDENCE


def test_a_short_excerpt_is_compared_with_the_stretch_it_renders():
    long = ("Then we'll end up in the Supreme Court, and hopefully we'll get a fair shake, and we'll win at the "
            "Supreme Court -- just like the ban")
    short = "And we'll win in the Supreme Court"
    assert quote_verdict(Quote(None, long), Quote(None, short)) == (QUOTE_SMALL_WORDS_CONFIDENCE, True)
    assert word_changes(long, short) == '"at" → "in"'
    assert _conflict(long, "And we'll win at the Supreme Court") is None  # the same words: an excerpt


def test_a_pronoun_for_a_pronoun_is_content():
    """Counter-example: "they destroyed his life" / "it destroyed his life" names another agent."""
    verdict = quote_verdict(Quote("Trump", "Flynn lied and they destroyed his life"),
                            Quote("Trump", "Flynn lied, and it destroyed his life, and I think it's a shame"))
    assert verdict is not None and verdict[1] is False


def test_a_word_said_again_after_and_is_no_change():
    """"all speed and all urgency" / "all speed and urgency": the second "all" distributes over both."""
    assert _conflict("The work continues with all speed and all urgency",
                     "The work continues with all speed and urgency", speaker="Levine Cava") is None
    # Counter-example: a word of content dropped after "and" is still a change.
    assert _conflict("The work continues with all speed and all urgency",
                     "The work continues with all speed and all care", speaker="Levine Cava") is not None


def test_a_word_said_again_after_and_is_no_change_beside_a_longer_rendering():
    """As above when the other rendering runs on: "... all speed and urgency, all task forces are deployed"."""
    assert quote_verdict(Quote("Levine Cava", "The work continues with all speed and all urgency,"),
                         Quote("Levine Cava", "The work continues with all speed and urgency, all task forces are "
                                              "being deployed from across the country and the world,")) is None
    # Counter-example: a negation said again carries meaning ("not raise taxes and not cut" / "and cut").
    assert _conflict("we will not raise taxes and not cut benefits for anyone",
                     "we will not raise taxes and cut benefits for anyone") is not None


def test_an_excerpt_stays_an_excerpt_when_a_word_is_said_again_after_and():
    assert _conflict("We are definitely treating it as suspicious and as potential arson at this point",
                     "suspicious and as potential arson.", speaker="James Steele") is None


def test_a_straight_mark_before_said_closes_the_quote():
    """'... loss of biodiversity, "said Grifo': a closing mark after a stray space, not an opening one."""
    text = 'The loss of science translates into real loss of biodiversity, "said Francesca Grifo, an expert.'
    [(start, end)] = quote_spans(text)
    assert text[start:end].startswith("The loss of science") and "Grifo" not in text[start:end]


def test_a_straight_mark_before_a_speaker_and_said_closes_the_quote():
    """'laws and regulations, "Deng told reporters': the same stray space, with the speaker before the verb. Read as
    an opening mark, the quotation was "Deng told reporters in Bentiu." and "he told" in another outlet a
    different quote."""
    text = 'They should adhere to international laws and regulations, "Deng told reporters in Bentiu.'
    [(start, end)] = quote_spans(text)
    assert text[start:end].startswith("They should adhere") and "Deng" not in text[start:end]


@pytest.mark.parametrize("text, quoted", [
    ('Smith recalled, "He told me to leave.', "He told me to leave."),  # a speech verb introduces it: it opens
    ('He added: "Nothing will change.', "Nothing will change."),
    ('"What have you guys been debating, John?', "What have you guys been debating, John?"),
])
def test_a_straight_mark_that_opens_a_quotation_still_opens_it(text, quoted):
    [(start, end)] = quote_spans(text)
    assert text[start:end] == quoted


def test_a_stray_closing_mark_leaves_no_quotation_open_for_the_next_sentences():
    from factcheck.extract.quotes import open_after

    assert not open_after('They should adhere to international laws and regulations, "Deng told reporters.', False)
    assert open_after('Smith recalled, "He told me to leave.', False)
