"""An article's two amounts are two things: another outlet's figure links only with the nearer one,
and the judge compares only the values the claims stage linked (so its explanation names them)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from factcheck.claims import ClaimGrouper
from factcheck.extract import FactExtractor
from factcheck.judge.facts import FactComparator
from factcheck.pair import PairFinder
from factcheck.records import Kind, Sentence

PUBLISHED = dt.date(2019, 2, 15)


def _sentence(article: str, text: str) -> Sentence:
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)


def _run(texts, vectors):
    extractor = FactExtractor()
    sentences = [_sentence(art, t) for art, t in texts]
    facts = {}
    for s in sentences:
        facts.update(extractor.extract([s], PUBLISHED))
    vectors = np.asarray(vectors, dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    groups = ClaimGrouper().group(sentences, vectors, facts)
    return groups, sentences, facts, vectors


def _texts(groups, sentences, facts):
    by_key = {f"{f.sentence_id}:{f.start}:{f.end}": f.text for fs in facts.values() for f in fs}
    return [sorted(by_key[m] for m in g.members) for g in groups if g.kind is Kind.NUMBER]


A = ("a", "Officials said the plan would cost $3.5 billion over two years.")
B = ("b", "Officials said the plan would cost about $3.6 billion over two years, and another $2.5 billion later.")


def test_a_figure_links_only_with_the_nearer_of_one_sentences_two_amounts():
    groups, sentences, facts, _ = _run([A, B], [[1, 0], [1, 0]])
    assert ["$3.5 billion", "about $3.6 billion"] in _texts(groups, sentences, facts)
    assert not any("$2.5 billion" in g and "$3.5 billion" in g for g in _texts(groups, sentences, facts))


def test_the_judge_names_the_linked_values_not_another_figure_of_the_sentence():
    groups, sentences, facts, vectors = _run([A, B], [[1, 0], [1, 0]])
    pairs = PairFinder().find(sentences, vectors, groups=groups)
    number_pairs = [p for p in pairs if p.links]
    assert number_pairs
    found = [d for p in number_pairs for d in FactComparator().compare(p, facts[p.a.id], facts[p.b.id])]
    assert found and all("$2.5 billion" not in d.explanation for d in found)
    assert any("about $3.6 billion" in d.explanation for d in found)


def test_a_nearer_value_in_a_less_similar_sentence_does_not_break_a_link():
    """Counter-example: article b's nearer figure sits in an unrelated sentence, so the close
    paraphrase keeps its link and the disagreement stays visible."""
    texts = [("a", "Police made 47 arrests at the rally on Saturday."),
             ("b", "Police made 70 arrests at the rally on Saturday."),
             ("b", "A separate sweep last month ended in 50 arrests across the county.")]
    groups, sentences, facts, _ = _run(texts, [[1, 0, 0], [0.99, 0.14, 0], [0.5, 0, 0.87]])
    assert any({"47 arrests", "70 arrests"} <= set(g) for g in _texts(groups, sentences, facts))


def test_two_outlets_with_one_figure_each_stay_linked():
    """Counter-example: with one amount per article there is nothing nearer to prefer."""
    groups, sentences, facts, _ = _run([A, ("b", "Officials said the plan would cost $2.9 billion over two years.")],
                                       [[1, 0], [1, 0]])
    assert ["$2.9 billion", "$3.5 billion"] in _texts(groups, sentences, facts)


def _date_pairs(groups, facts):
    by_key = {f"{f.sentence_id}:{f.start}:{f.end}": f.text for fs in facts.values() for f in fs}
    return {tuple(sorted((by_key[x], by_key[y]))) for g in groups if g.kind is Kind.DATE for x, y in g.pairs}


def test_dates_link_with_the_date_among_the_same_words():
    """"in January" pairs with "in January" and "early Saturday morning" with "early Friday morning",
    not January with Friday (which lies inside it and would hide the changed weekday)."""
    texts = [("a", "Brown has kept a low profile since leaving the Senate in January, other than lashing out at "
                   "critics in messages early Saturday morning."),
             ("b", "Brown has kept a low profile since leaving the Senate in January, other than lashing out at "
                   "critics in messages early Friday morning.")]
    groups, _, facts, _ = _run(texts, [[1, 0], [1, 0]])
    pairs = _date_pairs(groups, facts)
    assert ("Friday", "Saturday") in pairs and ("January", "January") in pairs
    assert ("Friday", "January") not in pairs and ("January", "Saturday") not in pairs


def test_links_without_a_better_aligned_candidate_all_stay():
    """Counter-example: when no candidate stands among more of the same words, alignment decides nothing."""
    from types import SimpleNamespace

    from factcheck.claim_signals import aligned_links
    from factcheck.records import DateSpan, Fact

    def item(sentence, surface):
        start = sentence.text.index(surface)
        fact = Fact(sentence.id, Kind.DATE, start, start + len(surface), surface, DateSpan(None, None), True, {})
        return SimpleNamespace(key=f"{sentence.id}:{start}", fact=fact, sentence=sentence)

    a = _sentence("a", "The envoy arrived on Monday.")
    b = _sentence("b", "Negotiators came back Friday after a break since March.")
    x, y, z = item(a, "Monday"), item(b, "Friday"), item(b, "March")
    assert len(aligned_links([(x, y, 0.9), (x, z, 0.9)], 3)) == 2
    # ... while a candidate among the same words wins over one that is not
    c = _sentence("c", "The envoy arrived on Tuesday, a week after March.")
    w, v = item(c, "Tuesday"), item(c, "March")
    assert [link[1].fact.text for link in aligned_links([(x, w, 0.9), (x, v, 0.9)], 3)] == ["Tuesday"]


def _dated(verb: str, day: int):
    from factcheck.records import DateSpan, Fact

    span = DateSpan(dt.date(2014, 2, day), dt.date(2014, 2, day))
    return Fact("s", Kind.DATE, 0, 9, "on Monday", span, True, {"verb": verb, "event_parsed": "", "relation": "on"})


def test_dates_of_different_acts_join_no_claim():
    """"announced ... on Wednesday" / "sent a bill ... Monday": no event family on either side, and the
    verbs governing the dates differ, so the dates are two acts however alike the sentences."""
    from factcheck.claims import ClaimsConfig, same_fact

    assert not same_fact(_dated("announced", 26), _dated("sent", 24), 0.9, True, ClaimsConfig())
    # the verb is read off the parse
    _, _, facts, _ = _run([("a", "The legislature sent the bill to the governor on Monday.")], [[1, 0]])
    assert [f.attrs.get("verb") for fs in facts.values() for f in fs if f.kind is Kind.DATE] == ["sent"]


def test_dates_with_the_same_verb_still_join():
    """Counter-example: one act, two outlets' days."""
    from factcheck.claims import ClaimsConfig, same_fact

    assert same_fact(_dated("sent", 26), _dated("sent", 24), 0.9, True, ClaimsConfig())
