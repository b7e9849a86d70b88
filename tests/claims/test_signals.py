"""claim_signals: both values in one article, durations in one unit, a date's event from the parse."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claim_signals import ValueIndex, dated_event, measure_ratio
from factcheck.claims import ClaimGrouper, ClaimsConfig, same_fact
from factcheck.extract import FactExtractor
from factcheck.extract.frames import event_by_parse
from factcheck.records import Fact, Kind, Quantity, Sentence

CFG = ClaimsConfig()
PUBLISHED = dt.date(2018, 4, 30)


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)


def _group(texts_by_article, cosine: float = 1.0):
    extractor = FactExtractor()
    sentences = [_sentence(art, t) for art, t in texts_by_article]
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], PUBLISHED))
    vectors = np.array([[1.0, 0.0]] + [[cosine, np.sqrt(1 - cosine ** 2)]] * (len(sentences) - 1), dtype=np.float32)
    return ClaimGrouper().group(sentences, vectors, facts), sentences, facts


def _quote_groups(texts_by_article):
    """The quotation claim groups of a few sentences (every pair at cosine 1), and the sentences."""
    groups, sentences, _ = _group(texts_by_article)
    return [g for g in groups if g.kind is Kind.QUOTE], sentences


def _duration(value: float, unit: str) -> Fact:
    return Fact("s", Kind.DURATION, 0, 5, f"{value:g} {unit}", Quantity(value, unit), attrs={})


# --- both values in one article -------------------------------------------------------------

def test_an_article_stating_both_values_measures_two_things():
    groups, sentences, _ = _group([
        ("a", "The couple paid an effective federal tax rate of 35.7 percent last year."),
        ("b", "Her federal tax rate was 35.7 percent, and with city and state taxes the rate was 45.8 percent.")])
    rate = [g for g in groups if g.kind is Kind.NUMBER]
    # 35.7 joins 35.7; 45.8 (the combined rate, which article b tells apart itself) joins nothing.
    assert len(rate) == 1 and len(rate[0].members) == 2
    assert all(":" in m and sentences[1].text[int(m.split(":")[1]):].startswith("35.7") for m in rate[0].members
               if m.startswith(sentences[1].id))


def test_two_outlets_with_one_value_each_are_still_one_claim():
    """Counter-example: neither article states the other's count, so they disagree on one thing."""
    groups, _, _ = _group([("a", "Police made 47 arrests at the rally on Saturday."),
                           ("b", "Police made 23 arrests at the rally on Saturday.")])
    assert [g.kind for g in groups if g.kind is Kind.NUMBER] == [Kind.NUMBER]


@pytest.mark.parametrize("third, linked", [
    ("Prices rose 5.4 percent over the year, while core prices rose 4.5 percent.", False),
    ("Prices rose 5.4 percent over the year, the Labor Department said on Tuesday.", True),
])
def test_a_third_outlet_stating_both_values_makes_them_two_things(third, linked):
    """A third article that gives both 5.4 and 4.5 percent shows they measure two things; when it gives
    only one of them, the other two outlets still disagree on one figure (the counter-example)."""
    groups, sentences, facts = _group([("a", "Consumer prices rose 5.4 percent over the year."),
                                       ("b", "Consumer prices rose 4.5 percent over the year."), ("c", third)])
    texts = {f"{f.sentence_id}:{f.start}:{f.end}": (f.sentence_id, f.text) for fs in facts.values() for f in fs}
    ab = {sentences[0].id, sentences[1].id}
    pairs = [(texts[x], texts[y]) for g in groups if g.kind is Kind.NUMBER for x, y in g.pairs]
    assert any({x[0], y[0]} == ab for x, y in pairs) is linked


def test_value_index_matches_up_to_rounding_only():
    s = _sentence("b", "The rate was 35.72 percent.")
    fact = Fact(s.id, Kind.NUMBER, 13, 27, "35.72 percent", Quantity(35.72, "percent"), attrs={})
    index = ValueIndex([s], {s.id: [fact]}, CFG.value_same_tolerance)
    assert index.states("b", Fact("x", Kind.NUMBER, 0, 4, "35.7", Quantity(35.7, "percent"), attrs={}))
    assert not index.states("b", Fact("x", Kind.NUMBER, 0, 4, "36.7", Quantity(36.7, "percent"), attrs={}))
    assert not index.states("b", Fact("x", Kind.NUMBER, 0, 4, "35.7", Quantity(35.7, "usd"), attrs={}))


# --- durations in one unit --------------------------------------------------------------------

def test_durations_are_compared_in_one_unit():
    assert measure_ratio(_duration(24, "year"), _duration(24, "hour")) > 1000
    assert not same_fact(_duration(24, "year"), _duration(24, "hour"), 0.6, False, CFG)
    assert same_fact(_duration(3, "week"), _duration(20, "day"), 0.6, False, CFG)  # counter-example: 21 vs 20 days


# --- the event a date dates ---------------------------------------------------------------------

def _event(nlp, text: str, date: str) -> str | None:
    start = text.index(date)
    return event_by_parse(text, start, start + len(date), nlp(text))


def test_the_parse_puts_a_date_in_the_event_that_governs_it(nlp):
    assert _event(nlp, "Blinken met Qin on Sunday.", "on Sunday") == "meet"
    assert _event(nlp, "The talks were held on Monday in Beijing.", "on Monday") == "meet"  # the verb's subject
    assert _event(nlp, "On Wednesday, the House voted 396-9 on a bill.", "On Wednesday") == "vote"


def test_a_noun_that_owns_a_date_is_what_it_dates(nlp):
    """Counter-example to the nearest-word reading: "deal" is near, but the date dates the deadline."""
    text = "It came days before a May 12 deadline for the administration to withdraw from the nuclear deal."
    assert _event(nlp, text, "May 12") is None


def test_dates_whose_event_only_a_nearby_word_names_are_not_one_claim():
    groups, _, _ = _group([
        ("a", "The presentation comes days before a May 12 deadline to quit the nuclear deal."),
        ("b", "The officials revealed new intelligence on Monday about the deal it signed.")],
        cosine=0.6)
    assert not [g for g in groups if g.kind is Kind.DATE]


def test_dates_the_parse_puts_in_one_event_are_one_claim():
    """Counter-example: both dates are governed by a vote, so a related sentence links them."""
    groups, _, _ = _group([("a", "On Wednesday, the House voted 396-9 on a bill that reaffirmed the motto."),
                           ("b", "The House resolution on the national motto passed Tuesday.")], cosine=0.6)
    assert [g.kind for g in groups] == [Kind.DATE]


def test_dated_event_falls_back_to_the_nearest_word_without_a_parse():
    assert dated_event(Fact("s", Kind.DATE, 0, 1, "x", None, attrs={"event": "meet"})) == "meet"
    assert dated_event(Fact("s", Kind.DATE, 0, 1, "x", None, attrs={"event": "meet", "event_parsed": ""})) is None


# --- results-table lines: spelled-out figures and dividend dates ------------------------------

def test_spelled_out_figures_make_a_table_row_too():
    from factcheck.claims import is_table_row

    assert is_table_row("Shr loss one cts vs profit eight cts", CFG)
    assert not is_table_row("Five people died.", CFG)  # counter-example: a short sentence says what happened


def test_dividend_dates_of_two_notices_are_not_one_claim():
    groups, _, _ = _group([("a", "Pay April 15"), ("b", "Pay April 22")])
    assert not groups
    groups, _, _ = _group([("a", "The dividend will be paid on April 15."),  # counter-example: prose names the payment
                           ("b", "The dividend will be paid on April 22.")])
    assert [g.kind for g in groups if g.kind is Kind.DATE] == [Kind.DATE]


def test_amounts_of_two_people_are_two_claims():
    groups, _, _ = _group([("a", "Obama has cut $716 billion from Medicare, the ad says."),
                           ("b", "McCain would make $882 billion in cuts to Medicare, the ad says.")])
    assert not [g for g in groups if g.kind is Kind.NUMBER]
    groups, _, _ = _group([("a", "Obama has cut $716 billion from Medicare, the ad says."),  # counter-example
                           ("b", "Obama has cut $816 billion from Medicare, the ad says.")])
    assert [g.kind for g in groups if g.kind is Kind.NUMBER] == [Kind.NUMBER]


def test_an_article_printing_both_renderings_reports_two_remarks():
    quotes, _ = _quote_groups([
        ("a", '"Flynn lied and they destroyed his life," Trump said.'),
        ("b", '"Flynn lied and they destroyed his life," Trump said on Monday.'),
        ("b", '"Nothing happened to her. Flynn lied and it\'s like they ruined his life," Trump said.')])
    # a's rendering joins b's identical one; b's other remark, which b prints beside it, joins nothing.
    assert len(quotes) == 1 and len(quotes[0].members) == 2


def test_two_renderings_of_one_remark_in_two_articles_are_one_claim():
    """Counter-example: neither article prints the other's words."""
    quotes, _ = _quote_groups([("a", '"Flynn lied and they destroyed his life," Trump said.'),
                               ("b", '"Flynn lied, and it destroyed his life," Trump said on Monday.')])
    assert [g.kind for g in quotes] == [Kind.QUOTE]


def test_a_quotation_links_only_with_the_closest_one_the_other_article_prints():
    """An article printing two remarks of one speaker that share words: the other outlet's rendering is the closer."""
    quotes, sentences = _quote_groups([
        ("a", '"We have a hard road ahead, and we have a lot of work to do," the mayor told reporters.'),
        ("a", '"We have a real road ahead," the mayor said later.'),
        ("b", '"Frankly, we have a hard road ahead and we have a lot of work to do," the mayor said.')])
    later = sentences[1].id
    assert len(quotes) == 1 and later not in quotes[0].sentence_ids


def test_a_misquote_with_no_closer_remark_stays_linked():
    """Counter-example: the article's one remark is the closest there is, however it differs."""
    quotes, _ = _quote_groups([
        ("a", '"We have a real road ahead," the mayor said later.'),
        ("a", '"The budget is balanced for the first time," the mayor said.'),
        ("b", '"Frankly, we have a hard road ahead and we have a lot of work to do," the mayor said.')])
    assert [g.kind for g in quotes] == [Kind.QUOTE]


def test_closer_means_more_of_both_wordings_shared():
    from factcheck.claim_signals import quote_match

    short = "I don't think it's OK"
    assert quote_match(short, "But I don't think it's O.K. I think it's immoral.").closeness > quote_match(
        short, "I don't think that's O.K. You might think it's O.K. that he met them").closeness
    said = "The plan failed, and it cost us the season, and I think that's a shame"
    assert quote_match(said, "The plan failed and they cost us the season").closeness > quote_match(
        said, "The plan failed and it's like they ruined the season").closeness


def test_two_halves_of_a_long_quotation_both_stay_linked():
    """Counter-example: an article printing one long remark as two sentences offers two parts, not two rivals."""
    quotes, sentences = _quote_groups([
        ("a", '"I am talking about his outlook, the way he tackles problems in this state, and they are different '
              'than most voters see it in Ohio," the senator said.'),
        ("b", '"I am talking about his outlook or the way he handles problems in this state," the senator said.'),
        ("b", '"And I think they are different than how most voters do in Ohio," the senator said.')])
    assert len(quotes) == 1 and set(quotes[0].sentence_ids) == {s.id for s in sentences}


def test_an_excerpt_printed_apart_is_no_rival_of_its_whole_remark():
    """Counter-example: the article quotes a few words of the remark in its lead and the whole remark later."""
    quotes, sentences = _quote_groups([
        ("a", 'The mayor said voters have a "deep lack of faith" in the council.'),
        ("a", '"There is a deep lack of faith in this council as an institution and in its members," she said.'),
        ("b", 'The mayor has claimed voters had a "deep lack of faith in the council as a whole".')])
    assert any(sentences[1].id in g.sentence_ids and sentences[2].id in g.sentence_ids for g in quotes)
