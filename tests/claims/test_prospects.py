"""Two outlooks are one claim when they are of one act, of one doer, to one named thing, in days-close articles;
the judge flags them when one says the act will happen and the other that it will not."""

from __future__ import annotations

import datetime as dt

from factcheck import Settings
from factcheck.claims import ClaimsConfig
from factcheck.names import same_name
from factcheck.pipeline import Checker
from factcheck.records import Kind

from .helpers import claim_groups

EXPECTED = ("a", "During the trip he is expected to shake hands with Prime Minister Theresa May and to meet the queen.")
UNLIKELY = ("b", "Because the trip will not be a state visit, he is unlikely to meet Queen Elizabeth II.")


def test_an_expected_and_an_unlikely_meeting_with_one_person_are_one_claim():
    groups = claim_groups([EXPECTED, UNLIKELY], kind=Kind.PROSPECT)
    assert len(groups) == 1 and groups[0].articles == 2


def test_two_doers_are_two_claims():
    groups = claim_groups([("a", "Donald Trump will meet Queen Elizabeth II in July."),
                           ("b", "Barack Obama is unlikely to meet Queen Elizabeth II this year.")], kind=Kind.PROSPECT)
    assert groups == []


def test_two_things_done_are_two_claims():
    groups = claim_groups([("a", "Donald Trump will meet Theresa May in London."),
                           ("b", "Donald Trump will not meet Queen Elizabeth II in London.")], kind=Kind.PROSPECT)
    assert groups == []


def test_outlooks_of_articles_days_apart_are_two_times():
    """Plans change: "will attend" on Monday and "will not attend" a week later is news, not a contradiction."""
    sentences = [("a", "Donald Trump will attend the funeral of John McCain on Saturday."),
                 ("b", "Donald Trump will not attend the funeral of John McCain on Saturday.")]
    close = {"a": dt.date(2018, 8, 26), "b": dt.date(2018, 8, 27)}
    apart = {"a": dt.date(2018, 8, 20), "b": dt.date(2018, 8, 27)}
    assert len(claim_groups(sentences, close, kind=Kind.PROSPECT)) == 1
    assert claim_groups(sentences, apart, kind=Kind.PROSPECT) == []
    assert len(claim_groups(sentences, apart, ClaimsConfig(prospect_max_days_apart=10), kind=Kind.PROSPECT)) == 1


def test_names_written_two_ways():
    assert same_name("Trump", "Mr. Trump") and same_name("Trump", "Donald Trump")
    assert same_name("queen", "Queen Elizabeth II") and same_name("the Queen", "Queen Elizabeth II")
    assert not same_name("Trump", "Donald Trump Jr.")  # a father and his son
    assert not same_name("deal", "deal")  # two common nouns name nothing
    assert not same_name("Theresa May", "Queen Elizabeth II")


def test_the_checker_flags_opposite_outlooks_and_not_two_agreeing_wordings(make_corpus):
    story = "Donald Trump flies to Britain next week for a working visit to London and Chequers. "
    corpus = make_corpus({
        "a.txt": story + "During the trip he is expected to shake hands with Prime Minister Theresa May and to meet "
                         "the queen.",
        "b.txt": story + "Because the trip will not be a state visit, he is unlikely to meet Queen Elizabeth II.",
        "c.txt": story + "During the trip Trump is set to meet the Queen at Windsor Castle.",
    })
    found = Checker(Settings(nli_model=None, quiet=True)).run([corpus], out=None).discrepancies
    flagged = sorted(sorted(d.a.article_id[-1] + d.b.article_id[-1]) for d in found if d.kind is Kind.PROSPECT)
    assert flagged == [["a", "b"], ["b", "c"]]
    assert all("will not" in d.explanation for d in found if d.kind is Kind.PROSPECT)


def test_a_prospect_keeps_its_confidence_beside_a_hedge_word():
    """The judge lowers a conflict whose one side sits in a plan or possibility ("would", "expected" before it):
    a prospect is an outlook on both sides, so "Because it would not be a state visit, he is unlikely to meet ..."
    keeps the full confidence against "he is expected to meet ..." (damped, it fell under the report's floor)."""
    from factcheck.judge.facts import FactComparator
    from factcheck.judge.weights import PROSPECT_CONFLICT
    from factcheck.records import CandidatePair, Fact, Prospect, Sentence

    def side(article: str, text: str, span: str, prospect: Prospect, hedged: bool) -> tuple[Sentence, Fact]:
        sentence = Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)
        start = text.index(span)
        return sentence, Fact(sentence.id, Kind.PROSPECT, start, start + len(span), span, prospect, True,
                              {"hedged": hedged})

    sa, fa = side("a", "During the trip he is expected to meet the queen.", "is expected to meet the queen",
                  Prospect("meet", True, ("queen",)), False)
    sb, fb = side("b", "Because it would not be a state visit, he is unlikely to meet Queen Elizabeth II.",
                  "unlikely to meet Queen Elizabeth II", Prospect("meet", False, ("Queen Elizabeth II",)), True)
    pair = CandidatePair(sa, sb, 0.6, claim="c", facts=frozenset({"x"}))
    found = FactComparator().compare(pair, [fa], [fb])
    assert [(d.kind, round(d.confidence, 2)) for d in found] == [(Kind.PROSPECT, PROSPECT_CONFLICT)]
