"""pair: cross-article only, top-k, fact-aware neighbours, and far fewer pairs than exhaustive."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.pair import PairFinder, exhaustive_pair_count
from factcheck.records import Kind, Sentence


def _sentences(spec):
    return [Sentence(id=f"s{i}", article_id=art, index=i, start=0, end=len(text), text=text)
            for i, (art, text) in enumerate(spec)]


def _unit(rows):
    v = np.asarray(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_pair_never_pairs_sentences_of_one_article():
    s = _sentences([("a", "The first sentence of article a."), ("a", "The first sentence of article a!"),
                    ("b", "A sentence from article b here.")])
    v = _unit([[1, 0], [1, 0.01], [0.8, 0.6]])
    pairs = PairFinder(top_k=5, min_similarity=0.0).find(s, v)
    assert pairs and all(p.a.article_id != p.b.article_id for p in pairs)


def test_pair_respects_similarity_floor_and_dedupes():
    s = _sentences([("a", "Talks lasted six hours on Sunday in the capital."),
                    ("b", "The talks went on for six hours that Sunday."),
                    ("c", "Weather tomorrow will be sunny and warm overall.")])
    v = _unit([[1, 0], [0.95, 0.3], [0, 1]])
    pairs = PairFinder(top_k=2, min_similarity=0.5).find(s, v)
    assert [(p.a.id, p.b.id) for p in pairs] == [("s0", "s1")]
    assert 0.9 < pairs[0].similarity <= 1.0


def test_pair_skips_identical_syndicated_sentences_and_short_ones():
    s = _sentences([("a", "The agency said the fire was contained."), ("b", "The agency said the fire was contained."),
                    ("a", "Short."), ("b", "Short!")])
    v = _unit([[1, 0], [1, 0], [0, 1], [0, 1]])
    assert PairFinder(min_similarity=0.0).find(s, v) == []


def test_pair_fact_aware_neighbours_use_lower_floor():
    s = _sentences([("a", "The ministers will meet on March 3 and 4 in Oslo."),
                    ("b", "She met her counterpart on Tuesday afternoon."),
                    ("b", "Unrelated: the museum opened a new wing downtown.")])
    v = _unit([[1, 0, 0], [0.45, 0.89, 0], [0.6, 0, 0.8]])
    finder = PairFinder(top_k=1, min_similarity=0.5, fact_top_k=2, fact_min_similarity=0.35)
    plain = {(p.a.id, p.b.id) for p in finder.find(s, v)}
    assert ("s0", "s1") not in plain
    aware = {(p.a.id, p.b.id) for p in finder.find(s, v, {"s0": {Kind.DATE}, "s1": {Kind.DATE}})}
    assert ("s0", "s1") in aware


def test_pair_hnsw_matches_exact_on_clear_neighbours():
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(40, 16))
    rows, spec = [], []
    for c, centre in enumerate(centres):
        for art in ("a", "b"):
            rows.append(centre + rng.normal(scale=0.05, size=16))
            spec.append((art, f"Sentence number {c} from article {art} here."))
    s, v = _sentences(spec), _unit(rows)
    exact = {p.key for p in PairFinder(top_k=1, min_similarity=0.9).find(s, v)}
    approx = {p.key for p in PairFinder(top_k=1, min_similarity=0.9, exact_limit=10).find(s, v)}
    assert len(exact) == 40 and approx == exact


@pytest.mark.parametrize(("sizes", "expected"), [((2, 3), 6), ((1, 1, 1), 3), ((5,), 0)])
def test_pair_exhaustive_count(sizes, expected):
    spec = [(f"art{k}", "x" * 30) for k, n in enumerate(sizes) for _ in range(n)]
    assert exhaustive_pair_count(_sentences(spec)) == expected


def test_pair_candidates_far_below_exhaustive():
    rng = np.random.default_rng(1)
    spec = [(f"art{i % 20}", f"A reasonably long sentence number {i} for the test.") for i in range(400)]
    v = _unit(rng.normal(size=(400, 32)))
    pairs = PairFinder(top_k=4, min_similarity=-1.0).find(_sentences(spec), v)
    assert len(pairs) <= 400 * 4
    assert len(pairs) < 0.05 * exhaustive_pair_count(_sentences(spec))


def test_nli_choice_caps_partners_per_sentence_most_similar_first():
    from factcheck.pair import nli_choice
    from factcheck.records import CandidatePair

    hub = Sentence(id="hub", article_id="a0", index=0, start=0, end=3, text="hub")
    others = [Sentence(id=f"s{j}", article_id=f"a{j}", index=0, start=0, end=3, text=f"s{j}") for j in range(1, 31)]
    # the hub pairs with 30 sentences (a story that grew); one pair is listed twice, for two claims
    pairs = [CandidatePair(a=hub, b=o, similarity=round(0.95 - j / 100, 2), claim="c1") for j, o in enumerate(others)]
    pairs.append(CandidatePair(a=hub, b=others[0], similarity=0.95, claim="c2"))
    chosen = nli_choice(pairs, min_similarity=0.5, max_partners=8)
    assert chosen == sorted(chosen)  # the pairs' own order is kept
    partners = {pairs[i].b.id for i in chosen}
    assert partners == {f"s{j}" for j in range(1, 9)}  # the 8 most similar
    assert len(pairs) - 1 in chosen  # the same sentence pair under another claim: the same NLI call, kept
    assert len(nli_choice(pairs, 0.5, max_partners=0)) == len(pairs)  # no cap: every pair above the floor
    assert nli_choice(pairs, 0.9, max_partners=0) == [0, 1, 2, 3, 4, 5, 30]
