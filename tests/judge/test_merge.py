"""judge: typed and NLI signals merge into one ranked entry per sentence pair."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.judge import Judge, combine_directions, rescale_to_prior, word_diff
from factcheck.records import CandidatePair, Discrepancy, Kind, Sentence


def _s(article, text):
    return Sentence(id=Sentence.make_id(article, text), article_id=article, index=0, start=0, end=len(text), text=text)


A = _s("a", "The festival drew 20,000 visitors on Saturday.")
B = _s("b", "The festival drew 35,000 visitors on Saturday.")
C = _s("c", "Organisers said the festival drew a record crowd.")


class FixedComparator:
    """Stands in for FactComparator: flags A/B as a number conflict."""

    def compare(self, pair, facts_a, facts_b, published_a=None, published_b=None, stated=(None, None)):
        if {pair.a.id, pair.b.id} == {A.id, B.id}:
            return [Discrepancy(id=Discrepancy.make_id(pair.a, pair.b), kind=Kind.NUMBER, confidence=0.7,
                                a=pair.a, b=pair.b, a_value="20000", b_value="35000", explanation="counts differ")]
        return []


def test_judge_typed_conflict_boosted_by_nli_contradiction():
    pairs = [CandidatePair(A, B, 0.95)]
    alone = Judge(FixedComparator()).judge(pairs, {}, nli=None)[0]
    agreed = Judge(FixedComparator()).judge(pairs, {}, nli=np.array([[0.05, 0.05, 0.9]]))[0]
    doubted = Judge(FixedComparator()).judge(pairs, {}, nli=np.array([[0.9, 0.05, 0.05]]))[0]
    assert alone.kind == Kind.NUMBER and alone.confidence == pytest.approx(0.7)
    assert agreed.confidence > alone.confidence > doubted.confidence
    # signals carry the probability the judge used: rescaled to the news prior
    assert agreed.signals["nli_contradiction"] == pytest.approx(rescale_to_prior(np.array([0.05, 0.05, 0.9]), 0.1)[2])


def test_judge_nli_only_needs_threshold_and_explains_difference():
    pairs = [CandidatePair(A, C, 0.8)]
    judge = Judge(comparator=None, contradiction_threshold=0.7, contradiction_prior=None)
    assert judge.judge(pairs, {}, nli=np.array([[0.2, 0.2, 0.6]])) == []
    (d,) = judge.judge(pairs, {}, nli=np.array([[0.05, 0.05, 0.9]]))
    assert d.kind == Kind.CONTRADICTION and d.confidence == pytest.approx(0.9)
    assert "p=0.90" in d.explanation and "differ in" in d.explanation


def test_judge_one_entry_per_pair_ranked():
    pairs = [CandidatePair(A, B, 0.95), CandidatePair(B, A, 0.95), CandidatePair(A, C, 0.8)]
    nli = np.array([[0.1, 0.1, 0.8], [0.1, 0.1, 0.8], [0.02, 0.03, 0.95]])
    found = Judge(FixedComparator(), contradiction_prior=None).judge(pairs, {}, nli=nli)
    assert len(found) == 2
    assert found[0].confidence >= found[1].confidence
    assert len({d.id for d in found}) == 2


def test_judge_nan_rows_mean_not_scored():
    found = Judge(comparator=None).judge([CandidatePair(A, C, 0.3)], {}, nli=np.full((1, 3), np.nan))
    assert found == []


def test_judge_combine_directions_is_symmetric_mean():
    f, b = np.array([[0.2, 0.2, 0.6]]), np.array([[0.0, 0.2, 0.8]])
    assert np.allclose(combine_directions(f, b), [[0.1, 0.2, 0.7]])
    assert np.allclose(combine_directions(f, b), combine_directions(b, f))


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("met on Monday in Paris", "met on Sunday in Paris", [("Monday", "Sunday")]),
    ("same words here", "same words here", []),
])
def test_judge_word_diff(a, b, expected):
    assert word_diff(a, b) == expected


def test_judge_rescale_to_prior_lowers_contradiction_for_rare_prior():
    balanced = np.array([[0.1, 0.1, 0.8], [1 / 3, 1 / 3, 1 / 3]])
    news = rescale_to_prior(balanced, 0.1)
    assert np.allclose(news.sum(axis=1), 1.0)
    assert news[0, 2] < 0.8 and news[1, 2] == pytest.approx(0.1)
    assert np.allclose(rescale_to_prior(balanced, 1 / 3), balanced)
    assert np.allclose(rescale_to_prior(balanced, None), balanced)


def test_judge_nli_only_flag_needs_more_evidence_under_a_rare_prior():
    pairs = [CandidatePair(A, C, 0.8)]
    probs = np.array([[0.05, 0.1, 0.85]])
    assert Judge(contradiction_prior=None).judge(pairs, {}, nli=probs)
    assert Judge(contradiction_prior=0.1).judge(pairs, {}, nli=probs) == []


@pytest.mark.parametrize("a, b", [
    ("After the shooting Gray was rushed to a hospital.", "After the shooting, Gray was rushed to a hospital."),
    ("Shoppers returned to central Athens earlier Saturday.", "Shoppers returned to central Athens earlier on Saturday."),
    ("'I'm not positive all three were targeted,' Craft said.", '"I\'m not positive all three were targeted," Craft said.'),
])
def test_no_nli_flag_between_sentences_that_differ_in_punctuation_or_small_words_only(a, b):
    """The NLI model reads some near-copies as contradictions (p=0.72-0.79 on ECB+ and BBC News): nothing in
    them can contradict the other."""
    judge = Judge(comparator=None, contradiction_threshold=0.7, contradiction_prior=None)
    pair = CandidatePair(_s("a", a), _s("b", b), 0.99, claim="k")
    assert judge.judge([pair], {}, nli=np.array([[0.05, 0.05, 0.9]])) == []


def test_an_nli_flag_on_an_added_negation_or_a_changed_word_stays():
    """Counter-examples: "not" is no small word, and a changed content word is left to the model."""
    judge = Judge(comparator=None, contradiction_threshold=0.7, contradiction_prior=None)
    for b in ("The minister did not attend the ceremony.", "The minister skipped the ceremony."):
        pair = CandidatePair(_s("a", "The minister attended the ceremony."), _s("b", b), 0.9)
        assert [d.kind for d in judge.judge([pair], {}, nli=np.array([[0.05, 0.05, 0.9]]))] == [Kind.CONTRADICTION]
