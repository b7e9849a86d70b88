"""pipeline: stage order, caches through the store, incremental re-checks."""

from __future__ import annotations

import pytest

import factcheck
from factcheck.errors import InputError
from factcheck.pipeline import Checker
from factcheck.settings import Settings
from factcheck.store import Store

# Written for the tests: outlets disagree on a count and a date of one event.
STORY = {
    "north.txt": "---\ndate: 2025-03-14\nsource: North Courier\n---\n"
                 "Firefighters said the warehouse blaze on Wednesday destroyed 14 trucks.\n"
                 "The owner plans to rebuild the depot next year.\n",
    "south.txt": "---\ndate: 2025-03-14\nsource: South Gazette\n---\n"
                 "Firefighters said the warehouse blaze on Wednesday destroyed 40 trucks.\n"
                 "Investigators have not yet named a cause.\n",
    "east.txt": "---\ndate: 2025-03-15\nsource: East Daily\n---\n"
                "The warehouse blaze broke out on Monday, firefighters said.\n"
                "Neighbours described thick black smoke over the river.\n",
}


def test_pipeline_facts_only_run(make_corpus):
    result = factcheck.check([make_corpus(STORY)], settings=Settings(nli_model=None))
    stats = result.stats
    assert stats["articles"] == 3 and stats["sentences"] == 6
    assert 0 < stats["candidate_pairs"] <= stats["exhaustive_pairs"] == 12
    assert stats["nli_pairs"] == 0 and result.report["nli_model"] is None
    assert set(stats["seconds"]) >= {"ingest", "segment", "extract", "embed", "pair", "nli", "judge"}
    kinds = {str(d.kind) for d in result.discrepancies}
    assert "number" in kinds
    assert all(d.a.article_id != d.b.article_id for d in result.discrepancies)
    assert [d.confidence for d in result.discrepancies] == sorted((d.confidence for d in result.discrepancies), reverse=True)


def test_pipeline_returns_each_stage_output(make_corpus):
    """Evaluation reads the run's own intermediate results; ``analyse`` gives the first stages alone, the same."""
    checker = Checker(Settings(nli_model=None))
    result = checker.run([make_corpus(STORY)])
    analysis = result.analysis
    assert [a.id for a in analysis.articles] == [a.id for a in result.articles]
    assert len(analysis.all_sentences) == result.stats["sentences"] == analysis.vectors.shape[0]
    assert [x for a in analysis.articles for x in analysis.sentences[a.id]] == analysis.all_sentences
    assert len({(p.a.id, p.b.id) for p in analysis.pairs}) == result.stats["candidate_pairs"]
    assert analysis.nli_probs is None
    assert len(analysis.stories) == result.stats["stories"] and analysis.discrepancies == result.discrepancies
    assert any(kinds for kinds in analysis.kinds.values())
    alone = checker.analyse(result.articles)
    assert alone.all_sentences == analysis.all_sentences and alone.facts == analysis.facts
    assert (alone.vectors == analysis.vectors).all() and alone.pairs == [] and alone.stories == []


def test_pipeline_no_usable_articles_raises_input_error(make_corpus):
    with pytest.raises(InputError, match=r"no usable articles in .* \(2 skipped\)"):
        factcheck.check([make_corpus({"a.txt": "", "b.txt": b"\x00\x00"})], settings=Settings(nli_model=None))


def test_pipeline_second_run_uses_caches_and_scores_nothing(make_corpus, tmp_path, tiny_nli_dir):
    corpus = make_corpus(STORY)
    checker = Checker(Settings(nli_model=str(tiny_nli_dir), contradiction_threshold=0.99))
    with Store.open(tmp_path / "fc.sqlite") as store:
        first = checker.run([corpus], store=store)
        second = checker.run([corpus], store=store)
    assert first.stats["articles_analysed"] == 3 and first.stats["nli_directions_scored"] > 0
    assert second.stats["articles_analysed"] == 0
    assert second.stats["nli_directions_scored"] == 0
    assert second.stats["nli_pairs_cached"] == second.stats["nli_pairs"] == first.stats["nli_pairs"]
    assert {d.id for d in second.discrepancies} == {d.id for d in first.discrepancies}
    assert all(d.status == "open" for d in second.discrepancies)


def test_pipeline_edited_article_is_rechecked_and_stale_flags_retire(make_corpus, tmp_path):
    corpus = make_corpus(STORY)
    checker = Checker(Settings(nli_model=None))
    with Store.open(tmp_path / "fc.sqlite") as store:
        first = checker.run([corpus], store=store)
        number = next(d for d in first.discrepancies if str(d.kind) == "number")
        edited = STORY["south.txt"].replace("40 trucks", "14 trucks")
        (corpus / "south.txt").write_text(edited, encoding="utf-8")
        second = checker.run([corpus], store=store)
        assert second.stats["articles_analysed"] == 1
        assert number.id not in {d.id for d in second.discrepancies}
        retired = store.list_discrepancies(status="retired")
        assert number.id in set(retired["id"])


def test_pipeline_reverse_direction_only_where_it_can_matter(make_corpus, tiny_nli_dir):
    corpus = make_corpus(STORY)
    both = Checker(Settings(nli_model=str(tiny_nli_dir), nli_reverse_min=0.0)).run([corpus])
    pruned = Checker(Settings(nli_model=str(tiny_nli_dir), nli_reverse_min=1.01)).run([corpus])
    assert both.stats["nli_directions_scored"] == 2 * both.stats["nli_pairs"] > 0
    assert pruned.stats["nli_directions_scored"] == pruned.stats["nli_pairs"]
    assert pruned.stats["nli_reverse_scored"] == 0


def test_pipeline_quiet_setting_silences_progress_callbacks(make_corpus):
    corpus = make_corpus(STORY)
    heard: list[str] = []
    Checker(Settings(nli_model=None, quiet=True)).run([corpus], notify=heard.append)
    assert heard == []
    Checker(Settings(nli_model=None)).run([corpus], notify=heard.append)
    assert heard[:2] == ["ingest", "segment"]


def test_a_sentence_pair_of_several_claims_is_counted_once(make_corpus):
    """Two one-sentence articles sharing a date and a figure: one sentence pair compared, in two claims; the report
    said "3 of 1 cross-article pairs"."""
    corpus = make_corpus({
        "a.md": "---\ntitle: Bayer agrees to buy Monsanto\ndate: 2016-09-14\n---\nGerman drugs and chemicals group "
                "Bayer has agreed to buy US seeds firm Monsanto for $66bn, the two companies said on Wednesday.\n",
        "b.md": "---\ntitle: Bayer to pay $66bn for Monsanto\ndate: 2016-09-14\n---\nBayer is to buy Monsanto for $66bn, "
                "creating the world's largest seeds and pesticides company, the firms said on Wednesday.\n"})
    result = Checker(Settings(nli_model=None)).run([corpus])
    assert len(result.analysis.pairs) > 1
    assert result.stats["candidate_pairs"] == result.stats["exhaustive_pairs"] == 1
