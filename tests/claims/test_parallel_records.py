"""claims: two sentences whose figures of shared measures all differ are two records, not one misreported figure."""

from __future__ import annotations

import pytest

from factcheck.claim_signals import parallel_records
from factcheck.claims import ClaimsConfig
from factcheck.pipeline import Checker
from factcheck.records import Kind
from factcheck.settings import Settings

from .helpers import claim_groups as _groups
from .helpers import facts_of

TWO_SEASONS = [("a", "He caught 39 passes for 302 yards and scored two touchdowns."),
               ("b", "He caught 29 passes for 201 yards and scored four touchdowns.")]


def _linked(groups, a: str, b: str) -> bool:
    """Does one group hold a fact whose text starts with ``a`` and one whose text starts with ``b``?"""
    return any(_texts(group) >= {a, b} for group in groups)


def _texts(group) -> set[str]:
    out = set()
    for key in group.members:
        sentence_id, start, end = key.rsplit(":", 2)
        out.add(_SENTENCES[sentence_id][int(start):int(end)].split()[0])
    return out


_SENTENCES: dict[str, str] = {}


def _grouped(texts, config: ClaimsConfig | None = None):
    from factcheck.records import Sentence

    sentences = [Sentence(Sentence.make_id(a, t), a, 0, 0, len(t), t) for a, t in texts]
    _SENTENCES.update({s.id: s.text for s in sentences})
    return _groups(sentences, config=config)


def test_a_players_lines_of_two_seasons_are_two_records():
    """Every figure of one line differs from its counterpart in the other: two games or seasons, nothing to flag."""
    assert _grouped(TWO_SEASONS) == []


def test_one_figure_changed_in_an_otherwise_agreeing_line_is_one_claim():
    """Counter-example: a misreport changes one figure and keeps the rest ("302 yards" agrees), so it is flagged."""
    groups = _grouped([TWO_SEASONS[0], ("b", "He caught 29 passes for 302 yards and scored two touchdowns.")])
    assert _linked(groups, "39", "29")


def test_a_sentence_with_one_figure_is_compared_as_before():
    """Counter-example: no other figure of a shared measure, no evidence of two records ("47 arrests" / "23")."""
    assert len(_grouped([("a", "Police made 47 arrests after the march."),
                         ("b", "Police made 23 arrests after the march.")])) == 1


def test_two_models_specifications_are_two_records():
    assert _grouped([("a", "The 13-inch model has a 2.9 GHz processor and costs $1,799."),
                     ("b", "The 15-inch model has a 2.3 GHz processor and costs $2,199.")]) == []


def test_figures_that_agree_within_their_ranges_anchor_the_pair():
    """"hundreds of Palestinians" and "more than 300 Palestinians" can be one figure: the tolls are one claim."""
    groups = _grouped([("a", "Forty-three people were killed in the school, where hundreds of Palestinians had "
                             "sought refuge."),
                       ("b", "Forty-two people were killed in the school, where more than 300 Palestinians had "
                             "sought refuge.")])
    assert _linked(groups, "Forty-three", "Forty-two")


def test_the_rule_is_a_setting():
    assert _grouped(TWO_SEASONS, ClaimsConfig(parallel_records_apart=False)) != []


@pytest.mark.parametrize("a, b, apart", [
    ("He caught 39 passes for 302 yards.", "He caught 29 passes for 201 yards.", True),
    ("He caught 39 passes for 302 yards.", "He caught 29 passes for 302 yards.", False),
    ("He caught 39 passes.", "He caught 29 passes.", False),  # nothing else to compare
    ("He caught 39 passes for 302 yards.", "He caught 29 passes.", False),
    ("He caught 39 passes for 302 yards.", "He caught 39 passes for 201 yards.", False),  # the passes agree
])
def test_parallel_records(a, b, apart):
    figures_a, figures_b = facts_of(a, Kind.NUMBER), facts_of(b, Kind.NUMBER)
    passes_a = next(f for f in figures_a if "pass" in f.text)
    passes_b = next(f for f in figures_b if "pass" in f.text)
    assert parallel_records(passes_a, figures_a, passes_b, figures_b, 0.01) is apart


def test_the_pipeline_raises_no_flag_between_two_seasons_but_one_for_a_misreport(tmp_path):
    """End to end: the only difference between the two corpora is the yards figure of one article."""
    found = {}
    for name, yards in (("seasons", "201"), ("misreport", "302")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.md").write_text("---\ntitle: Saints running back out for the season\ndate: 2011-10-20\n---\n"
                                     "Saints running back Pierre Thomas caught 39 passes for 302 yards last season, "
                                     "the team said on Thursday.\n", encoding="utf-8")
        (folder / "b.md").write_text("---\ntitle: Thomas to miss rest of season\ndate: 2011-10-20\n---\n"
                                     f"Saints running back Pierre Thomas caught 29 passes for {yards} yards last season, "
                                     "the team said on Thursday.\n", encoding="utf-8")
        found[name] = Checker(Settings(nli_model=None, quiet=True)).run([folder], out=None).discrepancies
    assert found["seasons"] == []
    assert [(d.kind, {d.a_value, d.b_value}) for d in found["misreport"]] == [(Kind.NUMBER, {"39 pass", "29 pass"})]
