"""claims: which facts of two articles state the same thing (each grouping signal, with counter-examples)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from factcheck.claims import (ClaimGrouper, ClaimsConfig, is_dateline, is_table_row, possibility, same_fact,
                              same_utterance)
from factcheck.extract import FactExtractor
from factcheck.names import same_person
from factcheck.records import DateSpan, Entity, Fact, Kind, Quantity, Quote, Sentence

CFG = ClaimsConfig()
PUBLISHED = dt.date(2023, 6, 19)


def _sentence(article: str, text: str, entities=()) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text, tuple(entities))


def _number(value: float, unit: str | None, event: str | None = None, verb: str | None = None) -> Fact:
    return Fact("s", Kind.NUMBER, 0, 5, f"{value:g}", Quantity(value, unit), attrs={"event": event, "verb": verb})


def _date(day: int, event: str | None, granularity: str = "day", **attrs) -> Fact:
    span = DateSpan(dt.date(2023, 6, day), dt.date(2023, 6, day), granularity)
    if granularity == "year":
        span = DateSpan(dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year")
    return Fact("s", Kind.DATE, 10, 20, "on Monday", span, attrs={"event": event, **attrs})


# --- counts: the same measured thing --------------------------------------------------------

def test_counts_of_one_thing_with_different_values_are_one_claim():
    assert same_fact(_number(50_000, "page"), _number(55_000, "page"), 0.6, False, CFG)


def test_counts_of_different_things_are_not_one_claim():
    assert not same_fact(_number(50_000, "page"), _number(50_000, "people"), 0.9, True, CFG)
    assert not same_fact(_number(45, "people", "arrest"), _number(3000, "people"), 0.6, True, CFG)  # far apart
    assert not same_fact(_number(45, "people", "arrest"), _number(50, "people", "injure"), 0.6, True, CFG)


def test_killed_and_died_count_one_happening_but_arrests_do_not():
    assert same_fact(_number(15, "people", "die", "died"), _number(12, "people", "die", "killed"), 0.6, False, CFG)
    assert not same_fact(_number(15, "people", "die"), _number(12, "people", "arrest"), 0.6, False, CFG)


def test_reporting_verb_is_not_the_event_a_count_counts():
    assert same_fact(_number(5.6e9, "usd", "speak"), _number(5.7e9, "usd", "pay"), 0.6, True, CFG)


def test_values_a_factor_apart_are_different_amounts_unless_the_sentences_are_paraphrases():
    assert not same_fact(_number(313.89, "usd"), _number(5150, "usd"), 0.6, True, CFG)
    assert same_fact(_number(313, "usd"), _number(5150, "usd"), 0.95, True, CFG)


def test_counts_need_related_sentences():
    assert not same_fact(_number(50, "people"), _number(55, "people"), 0.2, False, CFG)


# --- dates: the same dated event ---------------------------------------------------------------

def test_dates_of_one_event_are_one_claim_and_of_different_events_are_not():
    assert same_fact(_date(19, "meet"), _date(21, "meet"), 0.6, False, CFG)
    assert not same_fact(_date(19, "meet"), _date(21, "vote"), 0.9, True, CFG)


def test_dates_with_different_participants_are_different_events():
    a = _date(19, "meet", participants=("Antony Blinken",))
    b = _date(21, "meet", participants=("Jake Sullivan",))
    assert not same_fact(a, b, 0.7, True, CFG)
    typo = _date(21, "meet", participants=("Blinked",))  # one letter off in a long surname: the same person
    assert same_fact(a, typo, 0.7, True, CFG)


def test_a_possibility_states_no_date_of_what_happened():
    text = "The two sides may also be testing the waters for a possible meeting at a summit in 2023."
    planned = Fact("s", Kind.DATE, text.index("2023"), len(text) - 1, "2023", DateSpan(dt.date(2023, 1, 1),
                   dt.date(2023, 12, 31), "year"), attrs={"event": "meet"})
    assert possibility(planned, text)
    held = _date(19, "meet", "year")
    assert not same_fact(planned, held, 0.7, True, CFG, text, "In November, Biden met Xi.")


def test_a_year_and_a_day_seldom_date_one_event():
    assert not same_fact(_date(19, "vote", "year"), _date(21, "vote"), 0.6, True, CFG)


def test_date_of_unknown_event_needs_a_paraphrase():
    assert not same_fact(_date(19, None), _date(21, None), 0.6, True, CFG)
    assert same_fact(_date(19, None), _date(21, None), 0.9, True, CFG)


def test_dateline_dates_the_filing_not_an_event():
    s = _sentence("a", "April 30 (Reuters) - The company said profits fell in March.")
    f = Fact(s.id, Kind.DATE, 0, 8, "April 30", DateSpan(dt.date(1987, 4, 30), dt.date(1987, 4, 30)))
    assert is_dateline(f, s)
    inner = Fact(s.id, Kind.DATE, s.text.index("in March"), len(s.text) - 1, "in March",
                 DateSpan(dt.date(1987, 3, 1), dt.date(1987, 3, 31), "month"))
    assert not is_dateline(inner, s)


# --- quotes: the same utterance ----------------------------------------------------------------

def test_one_remark_rendered_twice_is_one_claim():
    assert same_utterance(Quote("Trump", "Flynn lied and they destroyed his life."),
                          Quote(None, "Flynn lied, and it destroyed his life, and I think it's a shame"), CFG)


def test_two_remarks_sharing_a_phrase_are_not_one_claim():
    assert not same_utterance(Quote("Biden", "floor for the relationship"),
                              Quote(None, "We can only hope for baby steps toward a new modus vivendi in the relationship."),
                              CFG)
    assert not same_utterance(Quote("Trump", "We will build the wall and it will be beautiful"),
                              Quote("Pelosi", "We will build the wall and it will be beautiful"), CFG)


# --- people resolved across articles -----------------------------------------------------------

@pytest.mark.parametrize("a, b, same", [("Mr. Moore", "Roy Moore", True), ("Roy Moore", "Moore", True),
                                        ("Roy Moore", "Mike Moore", False), ("Sen. Warner", "Mark Warner", True),
                                        ("Zelensky", "Volodymyr Zelenskyy", True), ("Blinken", "Sullivan", False)])
def test_people_resolved_across_articles(a, b, same):
    assert same_person(a, b) is same


# --- the grouper end to end on extracted facts --------------------------------------------------

def _group(texts_by_article, vectors=None, entities=None):
    extractor = FactExtractor()
    sentences = [_sentence(art, t, (entities or {}).get(t, ())) for art, t in texts_by_article]
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], PUBLISHED))
    if vectors is None:
        vectors = np.ones((len(sentences), 2), dtype=np.float32) / np.sqrt(2)  # every pair cosine 1
    return ClaimGrouper().group(sentences, np.asarray(vectors, dtype=np.float32), facts), sentences


@pytest.mark.parametrize("text, row", [
    ("Revs 14.4 mln vs 14.1 mln", True),  # earnings-table lines compare figures under a bare label
    ("Net loss 380,273 vs loss 1,108,151", True),
    ("Pay April 15", True),
    ("Shr profit 15 cts vs loss six cts", True),  # a number word and a repeated label add no subject
    ("Oper shr loss 75 cts vs loss 1.10 dlrs", True),
    ("Six mths", True),  # a results table's column heading
    ("Police made 47 arrests.", False),  # short, but a sentence: lower-case words that say what happened
    ("Fifteen people died in the fire at the market.", False),
    ("Sales rose 5 pct.", False),
    ("The hearing was adjourned.", False),  # no figure at all
])
def test_table_row_is_a_figure_with_too_few_words_to_say_whose(text, row):
    assert is_table_row(text, CFG) is row


def test_grouper_leaves_table_rows_of_two_articles_apart():
    """Two companies' results lines match on their row label alone: not one claim."""
    groups, _ = _group([("a", "Revs 14.4 mln vs 14.1 mln"), ("b", "Revs 18.5 mln vs 18.2 mln")])
    assert not [g for g in groups if g.kind is Kind.NUMBER]


def test_grouper_links_two_outlets_counts_of_one_fire():
    groups, sentences = _group([("a", "Fifteen people died in the fire at the market."),
                                ("b", "Twelve people were killed and 30 were injured in the market blaze.")])
    numbers = [g for g in groups if g.kind is Kind.NUMBER]
    assert len(numbers) == 1 and numbers[0].articles == 2
    assert set(numbers[0].sentence_ids) == {s.id for s in sentences}


def test_first_woman_to_win_an_award_is_not_a_claim_about_a_previous_visit():
    groups, _ = _group([("a", "She was the first woman to win the award in 2019."),
                        ("b", "Blinken is the first secretary of state to visit China since 2018.")], HALF)
    assert not groups


HALF = np.array([[1.0, 0.0], [0.5, np.sqrt(0.75)]], dtype=np.float32)  # cosine 0.5: related, not a paraphrase


def test_acronym_and_expansion_are_one_name():
    fbi = [Entity("ORG", 4, 7, "FBI")]
    full = [Entity("ORG", 4, 35, "Federal Bureau of Investigation")]
    a = "The FBI said 40 agents took part in the raid on Tuesday."
    b = "The Federal Bureau of Investigation said 45 agents took part in the raid."
    vectors = np.array([[1.0, 0.0], [0.4, np.sqrt(1 - 0.16)]], dtype=np.float32)  # cosine 0.4: needs a shared name
    groups, _ = _group([("a", a), ("b", b)], vectors, {a: fbi, b: full})
    assert [g.kind for g in groups] == [Kind.NUMBER]
    groups, _ = _group([("a", a), ("b", b)], vectors)  # no names to share: 0.4 is too far apart
    assert not groups


def test_near_identical_sentences_form_a_sentence_level_claim():
    groups, _ = _group([("a", "The mayor said the bridge would reopen after repairs."),
                        ("b", "The mayor said the bridge would not reopen after repairs.")])
    assert [g.kind for g in groups] == [None]


def test_dates_need_a_close_sentence_or_a_shared_participant():
    assert not same_fact(_date(19, "meet"), _date(21, "meet"), 0.45, True, CFG)
    a = _date(19, "meet", participants=("Antony Blinken",))
    b = Fact("s", Kind.DATE, 0, 5, "February 5-6", DateSpan(dt.date(2023, 2, 5), dt.date(2023, 2, 6)),
             attrs={"event": "meet", "participants": ("Blinken",)})
    assert same_fact(a, b, 0.45, False, CFG)  # months apart, but the same people meeting: one (rescheduled) meeting
    c = Fact("s", Kind.DATE, 0, 5, "May 1", DateSpan(dt.date(2023, 2, 5), dt.date(2023, 2, 5)), attrs={"event": "meet"})
    assert not same_fact(_date(19, "meet"), c, 0.7, True, CFG)  # months apart, nobody in common: two occasions


def test_each_article_reporting_its_own_day_is_two_occasions():
    friday, wednesday = _date(16, "meet"), _date(14, "meet")
    assert not same_fact(friday, wednesday, 0.7, True, CFG, "", "", dt.date(2023, 6, 16), dt.date(2023, 6, 14))
    assert same_fact(friday, wednesday, 0.7, True, CFG, "", "", dt.date(2023, 6, 16), dt.date(2023, 6, 16))


def test_a_short_sentence_with_one_name_swapped_is_one_claim_even_when_its_embedding_moved():
    vectors = np.array([[1.0, 0.0], [0.7, np.sqrt(0.51)]], dtype=np.float32)  # cosine 0.7: below a paraphrase
    groups, _ = _group([("a", "Frank praised Cowan in a brief statement Wednesday."),
                        ("b", "Tom Brady praised Cowan in a brief statement Wednesday.")], vectors)
    assert any(g.kind is None for g in groups)
    groups, _ = _group([("a", "Frank praised Cowan in a brief statement Wednesday."),
                        ("b", "Officials criticised the plan in a long report on Monday.")], vectors)
    assert not any(g.kind is None for g in groups)


def _weekday(weekday: int, event: str | None, verb: str | None) -> Fact:
    """A bare weekday in an undated article: no calendar day."""
    return Fact("s", Kind.DATE, 0, 9, "on Friday", DateSpan(None, None, "day"),
                attrs={"event": event, "verb": verb, "weekday": weekday, "anchor": "unanchored"})


def test_two_weekdays_off_the_calendar_date_one_occasion_only_by_the_same_act():
    # undated stories: "approved rules Wednesday" / "voted Friday to block witnesses" are two votes of any two weeks
    assert not same_fact(_weekday(2, "vote", "approved"), _weekday(4, "vote", "voted"), 0.7, True, CFG)
    # the same act on the same participants is still one occasion told two ways
    assert same_fact(_weekday(1, "arrest", "arrested"), _weekday(2, "arrest", "arrested"), 0.7, True, CFG)
    # one side on the calendar: the usual rules (the weekday is checked against a real day)
    assert same_fact(_weekday(2, "vote", "approved"), _date(16, "vote", verb="voted"), 0.7, True, CFG)


def test_a_possessive_weekday_dates_its_noun_not_the_clause(nlp):
    from factcheck.extract.frames import event_by_parse

    text = "The arrest will not affect his status for Sunday's game."
    start = text.index("Sunday")
    assert event_by_parse(text, start, start + len("Sunday"), nlp(text)) is None  # the game, not the arrest
    text = "He was arrested on Tuesday, before Sunday's game."
    start = text.index("Tuesday")
    assert event_by_parse(text, start, start + len("Tuesday"), nlp(text)) == "arrest"


def _grouped_figures(groups, sentences):
    """The figures (surface text) of each number group."""
    text = {s.id: s.text for s in sentences}
    out = []
    for g in groups:
        if g.kind is Kind.NUMBER:
            figures = set()
            for m in g.members:
                sid, start, end = m.rsplit(":", 2)
                figures.add(text[sid][int(start):int(end)].split()[0])
            out.append(figures)
    return out


def test_figures_of_a_respectively_list_join_no_claim():
    """Which figure is whose only the order says: "1.84 percent" is the Nasdaq's, not the S&P's."""
    groups, sentences = _group([
        ("a", "The Dow Jones Industrial Average rose more than 500 points, or 1.95 percent, in early trading, while "
              "the S&P 500 and the Nasdaq Composite gained 1.62 percent and 1.36 percent, respectively."),
        ("b", "The Standard & Poor's 500 index was up 45 points, about 1.3 percent, lifting the index above 4,000.")])
    assert not any("about" in figures for figures in _grouped_figures(groups, sentences))


def test_a_list_without_respectively_is_still_compared():
    """Counter-example: "rose 2.20 percent" with its own subject is compared as before."""
    groups, sentences = _group([
        ("a", "The S&P 500 index was higher by 2.20 percent on Monday, lifting it above 3,000."),
        ("b", "The Standard & Poor's 500 index was up 1.9 percent on Monday, lifting it above 3,000.")])
    assert {"2.20", "1.9"} in _grouped_figures(groups, sentences)


@pytest.mark.parametrize("other, linked", [
    ("The prince, her husband of 73 years, died on Friday at the castle.", False),  # a marriage, not the reign
    ("The queen reigned for 70 years, the longest in the country's history.", True),  # the reign, by its verb
    ("Her 70-year reign was the longest in the country's history.", True),
])
def test_the_length_of_a_named_thing_is_compared_only_with_that_thing(other, linked):
    groups, _ = _group([("a", "She was on the throne throughout her 69-year reign, the longest in the country's "
                              "history."), ("b", other)])
    assert any(g.kind is Kind.DURATION for g in groups) is linked


@pytest.mark.parametrize("other, linked", [
    ("Democrats could pass the budget bill with 51 votes, the leader said.", False),  # a tally, not the rule
    ("Democrats want to lower the threshold to 55 votes, the leader said.", True),  # the threshold, named
    ("Democrats would otherwise need a 55-vote threshold, the leader said.", True),
])
def test_a_count_compounded_into_a_named_thing_is_compared_only_with_that_thing(other, linked):
    groups, _ = _group([("a", "The ruling lets Democrats avoid the usual 60-vote threshold, the leader said."),
                        ("b", other)])
    assert any(g.kind is Kind.NUMBER for g in groups) is linked


def test_a_count_of_a_noun_phrase_is_compared_as_before():
    """Counter-example: "10 percent of voters" is a plain count, whatever the other sentence names."""
    groups, _ = _group([("a", "A poll found that 10 percent of voters backed the plan on Monday."),
                        ("b", "A poll found that 14 percent backed the plan on Monday.")])
    assert any(g.kind is Kind.NUMBER for g in groups)


@pytest.mark.parametrize("a, b", [
    ("A 5.6-magnitude quake hit the island on Sunday, officials said.",  # "earthquake" holds "quake"
     "A 5.9 magnitude earthquake hit the island on Sunday, officials said."),
    ("A 8.7-magnitude earthquake hit the island on Sunday, officials said.",  # "quake" ends "earthquake"
     "A 8.6-magnitude quake hit the island on Sunday, officials said."),
    ("One bomb hit a 200-student schoolhouse on Sunday, officials said.",  # "school" heads "schoolhouse"
     "The bomb landed next to the school where 300 students sat on Sunday, officials said."),
])
def test_a_compound_thing_named_in_other_words_is_still_compared(a, b):
    groups, _ = _group([("a", a), ("b", b)])
    assert any(g.kind is Kind.NUMBER for g in groups)
