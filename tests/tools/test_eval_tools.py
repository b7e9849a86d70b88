"""eval --labelled matching and scoring, eval --planted generator: no models needed."""

from __future__ import annotations

import json
import random

import pytest
import yaml

from factcheck.tools import eval_labelled as ev
from factcheck.tools.eval_planted import KINDS, plant


def _flag(a_sentence, b_sentence, confidence=0.9, a="x_1", b="x_2"):
    return ev.Flag("ds", "c", a, a_sentence, b, b_sentence, confidence, "number")


def _entry(a_text, b_text, severity="hard"):
    return ev.Entry("c", "number", "x_1", a_text, "x_2", b_text, severity)


def test_a_flag_matches_an_entry_by_articles_and_containment_in_either_order():
    entry = _entry("made 47 arrests", "made 23 arrests")
    assert ev.matches(_flag("Police made 47 arrests on Sunday.", "Police made 23 arrests."), entry)
    assert ev.matches(_flag("Police made 23 arrests.", "Police made 47 arrests on Sunday.", a="x_2", b="x_1"), entry)
    assert not ev.matches(_flag("Police made 47 arrests.", "Something else."), entry)
    assert not ev.matches(_flag("Police made 47 arrests.", "Police made 23 arrests.", b="x_3"), entry)


def test_curly_and_straight_quotes_match():
    assert ev.matches(_flag("He said “we’re done” today.", "x"), _entry('we\'re done', "x"))


def test_score_counts_recall_traps_and_precision_with_unsure_apart():
    entries = {"discrepancies": [_entry("47 arrests", "23 arrests"), _entry("5 days", "6 days", "soft")],
               "traps": [_entry("on Monday", "on Tuesday", None)]}
    labelled = ev.flag_key("x_1", "It rained.", "x_2", "It snowed.")
    unsure = ev.flag_key("x_1", "A.", "x_2", "B.")
    labels = {labelled: {"label": "different-event"}, unsure: {"label": "unsure"}}
    flags = [_flag("They made 47 arrests.", "They made 23 arrests.", 0.9),
             _flag("It was on Monday.", "It was on Tuesday.", 0.8),
             _flag("It rained.", "It snowed.", 0.7), _flag("A.", "B.", 0.6), _flag("C.", "D.", 0.5)]
    result = ev.score("ds", flags, entries, labels)
    assert result["recall_hard"] == (1, 1) and result["recall_soft"] == (0, 1) and result["traps_flagged"] == (1, 1)
    assert result["all"]["true"] == 1 and result["all"]["false"] == 2 and result["all"]["unsure"] == 1
    assert result["all"]["unlabelled"] == 1
    assert result["all"]["precision"] == pytest.approx(1 / 3)
    assert result["all"]["precision_unsure_false"] == pytest.approx(1 / 4)


def test_reports_written_by_any_checker_are_read(tmp_path):
    report = {"discrepancies": [{"confidence": 0.7, "kind": "date", "claim": "k1", "explanation": "e",
                                 "a": {"article": "x_1", "sentence": "S1"}, "b": {"article": "x_2", "sentence": "S2"}}]}
    (tmp_path / "ds" / "c1").mkdir(parents=True)
    (tmp_path / "ds" / "c1" / "report.json").write_text(json.dumps(report))
    [flag] = ev.read_flags(tmp_path, "ds", {"x_1": "c"})
    assert (flag.cluster, flag.claim, flag.confidence) == ("c", "k1", 0.7)


def test_missing_labelled_set_says_so(tmp_path):
    with pytest.raises(ev.DataMissing, match="no labelled set"):
        ev.load_labelled(tmp_path)


def test_flag_labels_file_is_valid_and_labels_are_known():
    labels = ev.load_flag_labels()  # the committed file: every label one of the known ones, every entry complete
    for item in labels.values():
        assert item["label"] in ev.LABELS and item.get("why") and item.get("how")


SENTENCES = [
    "The company said on Monday that profits rose 12 percent to 4,500 million dollars in the year.",
    "“We will never give up on this fight for our workers,” the union leader Maria Costa told reporters.",
    "Officials in Chicago said the plan was approved by the council after a long debate.",
    "The mayor is expected to sign the bill into law when he returns from Boston next week.",
]
NAMES = {"PERSON": ["Maria Costa", "John Reed"], "GPE": ["Chicago", "Boston", "Denver"]}


def test_planted_edits_are_seeded_one_per_kind_each_in_its_own_sentence():
    first = plant(SENTENCES, NAMES, random.Random(3))
    assert first == plant(SENTENCES, NAMES, random.Random(3))
    assert len({e.original for e in first}) == len(first)
    assert {e.kind for e in first} <= set(KINDS) and len(first) >= 4
    for edit in first:
        assert edit.edited != edit.original
        changed = [w for w, v in zip(edit.original.split(), edit.edited.split()) if w != v]
        assert 1 <= len(changed) <= 3 or edit.kind == "negation"


def test_labels_yaml_roundtrip(tmp_path):
    path = tmp_path / "labels.yaml"
    path.write_text(yaml.safe_dump({"flags": [{"a": {"article": "x_1", "sentence": "A"},
                                               "b": {"article": "x_2", "sentence": "B"}, "label": "bogus"}]}))
    with pytest.raises(ev.DataMissing, match="bogus"):
        ev.load_flag_labels(path)


def _second_reading(first: str, second: str) -> dict:
    return {"a": {"article": "x_1", "sentence": "A"}, "b": {"article": "x_2", "sentence": "B"}, "label": second,
            "why": "read both articles", "how": "second reader", "first_label": first, "first_why": "sentences only",
            "first_how": "read both sentences"}


def test_second_reading_is_scored_and_the_first_label_kept(tmp_path):
    path = tmp_path / "labels.yaml"
    path.write_text(yaml.safe_dump({"flags": [_second_reading("unsure", "real")]}))
    labels = ev.load_flag_labels(path)
    flag = ev.Flag("d", "c", "x_1", "A", "x_2", "B", 0.9, "quote")
    assert ev.verdict(flag, {"discrepancies": [], "traps": []}, labels) == "real"
    assert labels[flag.key]["first_label"] == "unsure"


def test_unknown_first_label_is_refused(tmp_path):
    path = tmp_path / "labels.yaml"
    path.write_text(yaml.safe_dump({"flags": [_second_reading("maybe", "real")]}))
    with pytest.raises(ev.DataMissing, match="first_label 'maybe'"):
        ev.load_flag_labels(path)


def test_committed_second_readings_keep_the_first_reading():
    for item in ev.load_flag_labels().values():
        if "first_label" in item:
            assert item["first_label"] in ev.LABELS and item.get("first_how") and "second reader" in item["how"]


def test_an_entry_text_over_a_sentence_end_matches_by_one_of_its_sentences():
    """The labellers sometimes copied a stretch over a sentence end; the checker flags one sentence of it."""
    entry = _entry("Trump says he wants to run the nation like he’s run his business",
                   "he wants to run the nation like he's running his business? God help us")
    flag = _flag("“Trump says he wants to run the nation like he’s run his business,” he said.",
                 "“Trump says he wants to run the nation like he’s running his business?")
    assert ev.matches(flag, entry)
    # Counter-examples: a short piece ("God help us") identifies nothing; "Mr." does not end a sentence.
    assert not ev.matches(_flag("Trump says he wants to run the nation like he’s run his business.", "God help us."),
                          entry)
    assert not ev.matches(_flag("Police made 47 arrests.", "It was known for years that Mr. Smith lied."),
                          _entry("made 47 arrests", "It was known for years that Mr. Farenthold"))
