"""CLI: exit codes, one-line messages, reports written whole, review round trip."""

from __future__ import annotations

import json
from dataclasses import fields

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.settings import Settings

runner = CliRunner()

# Written for the tests: two outlets disagree on when a summit took place.
CORPUS = {
    "harbor.md": "---\ntitle: Ministers meet in Lisbon\nsource: Harbor Times\ndate: 2024-09-12\n---\n"
                 "The energy ministers of Spain and Portugal met in Lisbon on Tuesday to sign the grid agreement.\n"
                 "The agreement covers cross-border power lines and storage.\n",
    "coast.md": "---\ntitle: Grid deal signed\nsource: Coast Post\ndate: 2024-09-13\n---\n"
                "The energy ministers of Spain and Portugal met in Lisbon on August 2 to sign the grid agreement.\n"
                "Analysts expect prices to fall next year.\n",
}


def _run(*args):
    return runner.invoke(app, list(map(str, args)))


@pytest.fixture
def corpus(make_corpus):
    return make_corpus(CORPUS, name="summit")


def test_cli_every_command_has_help():
    for command in (["run"], ["review", "list"], ["review", "confirm"], ["review", "dismiss"], ["review", "export"],
                    ["story", "list"], ["story", "merge"], ["story", "move"], ["story", "split"], ["eval"],
                    ["train-nli"]):
        result = _run(*command, "--help")
        assert result.exit_code == 0, command
        assert "Usage" in result.output


def test_cli_settings_are_documented():
    for f in fields(Settings):
        assert f.metadata.get("help"), f"Settings.{f.name} has no help text"


def test_cli_run_writes_reports_and_flags_date(corpus, tmp_path):
    out = tmp_path / "out"
    result = _run("run", corpus, "--out", out, "--db", tmp_path / "fc.sqlite", "--nli-model", "none")
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"report.md", "report.json", "report.html"}
    report = json.loads((out / "report.json").read_text())
    assert report["nli_model"] is None
    assert report["stats"]["candidate_pairs"] <= report["stats"]["exhaustive_pairs"]
    kinds = {d["kind"] for d in report["discrepancies"]}
    assert "date" in kinds
    d = next(d for d in report["discrepancies"] if d["kind"] == "date")
    assert {d["a"]["article"], d["b"]["article"]} == {"harbor", "coast"}
    assert d["status"] == "new"
    assert "2024-09-10" in d["explanation"] or "2024-09-10" in (d["a"]["value"] or "") + (d["b"]["value"] or "")


def test_cli_nothing_usable_exits_2_without_report(make_corpus, tmp_path):
    root = make_corpus({"empty.txt": "", "bin.txt": b"\x00\x01\x02", "bad.jsonl": "{oops\n"})
    out = tmp_path / "out"
    result = _run("run", root, "--out", out, "--no-db", "--nli-model", "none")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[-1] == f"error: no usable articles in {root} (3 skipped)"
    assert any(line.startswith("warning: skipped") and "empty.txt: empty file" in line for line in lines)
    assert "Traceback" not in result.output
    assert not out.exists()


def test_cli_missing_path_exits_2(tmp_path):
    result = _run("run", tmp_path / "nowhere", "--no-db", "--nli-model", "none")
    assert result.exit_code == 2
    assert f"warning: skipped {tmp_path / 'nowhere'}: no such file or directory" in result.output


def test_cli_bad_files_are_skipped_and_run_goes_on(make_corpus, tmp_path):
    root = make_corpus({**CORPUS, "junk.txt": b"\xff\xfe\x00garbage"})
    result = _run("run", root, "--out", tmp_path / "o", "--no-db", "--nli-model", "none")
    assert result.exit_code == 0
    assert "warning: skipped" in result.output and "junk.txt" in result.output


@pytest.mark.parametrize("value", ["coast", "coast=yesterday", "=2024-01-01"])
def test_cli_bad_published_override(corpus, value):
    result = _run("run", corpus, "--no-db", "--nli-model", "none", "--published", value)
    assert result.exit_code == 2
    assert result.output.startswith("error: --published")


def test_cli_missing_nli_model_is_one_line_error(corpus, tmp_path):
    result = _run("run", corpus, "--no-db", "--out", tmp_path / "o", "--nli-model", tmp_path / "no-model")
    assert result.exit_code == 4
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1


def test_cli_review_round_trip_and_fail_on_new(corpus, tmp_path):
    db, out = tmp_path / "fc.sqlite", tmp_path / "out"
    first = _run("run", corpus, "--out", out, "--db", db, "--nli-model", "none", "--fail-on-new")
    assert first.exit_code == 1  # new discrepancies found
    did = json.loads((out / "report.json").read_text())["discrepancies"][0]["id"]

    listed = _run("review", "list", "--db", db)
    assert listed.exit_code == 0 and did in listed.output

    no_note = _run("review", "dismiss", did, "--db", db)
    assert no_note.exit_code != 0
    assert _run("review", "dismiss", did, "--note", "same event, reporting lag", "--db", db).exit_code == 0
    unknown = _run("review", "confirm", "0000nope", "--db", db)
    assert unknown.exit_code == 3 and unknown.output.startswith("error: no discrepancy 0000nope")

    second = _run("run", corpus, "--out", out, "--db", db, "--nli-model", "none", "--fail-on-new")
    assert second.exit_code == 0, second.output  # nothing new
    ids = [d["id"] for d in json.loads((out / "report.json").read_text())["discrepancies"]]
    assert did not in ids

    csv = tmp_path / "review.csv"
    assert _run("review", "export", "--csv", csv, "--db", db).exit_code == 0
    assert "dismissed" in csv.read_text()


def test_cli_story_list_move_split_and_errors(corpus, tmp_path):
    db, out = tmp_path / "fc.sqlite", tmp_path / "out"
    assert _run("run", corpus, "--out", out, "--db", db, "--nli-model", "none").exit_code == 0
    story = json.loads((out / "report.json").read_text())["stories"][0]["id"]
    listed = _run("story", "list", "--db", db)
    assert listed.exit_code == 0 and story in listed.output and "harbor" in listed.output

    split = _run("story", "split", story, "coast", "--db", db)
    assert split.exit_code == 0 and split.output.startswith(f"split 1 articles off {story} into s-")
    new_id = split.output.split()[-1]
    assert _run("story", "move", "coast", story, "--db", db).output == f"moved coast from {new_id} to {story}\n"
    assert "coast *" in _run("story", "list", "--db", db).output  # placed by an editor

    unknown = _run("story", "move", "coast", "s-nope", "--db", db)
    assert unknown.exit_code == 3 and unknown.output == f"error: no story s-nope in {db}; see `factcheck story list`\n"
    itself = _run("story", "merge", story, story, "--db", db)
    assert itself.exit_code == 3 and itself.output == f"error: cannot merge story {story} into itself\n"
    missing = _run("story", "list", "--db", tmp_path / "none.sqlite")
    assert missing.exit_code != 0 and "no store at" in missing.output


def test_cli_eval_stories_missing_data_is_one_line(tmp_path):
    result = _run("eval", "--stories", "--news-dir", tmp_path)
    assert result.exit_code == 2
    assert result.output == (f"error: {tmp_path / 'basil_triplets.jsonl.gz'}: no such file; pass --news-dir pointing"
                             " at shared/data/news (see its README.md)\n")


def test_cli_batch_writes_index(make_corpus, tmp_path):
    a = make_corpus(CORPUS, name="storyA")
    b = make_corpus({"x.txt": "The bridge opened on Monday.", "y.txt": "The bridge opened on Friday after delays."},
                    name="storyB")
    out = tmp_path / "nightly"
    result = _run("run", a, b, "--batch", "--out", out, "--db", tmp_path / "fc.sqlite", "--nli-model", "none")
    assert result.exit_code == 0, result.output
    assert (out / "storyA" / "report.md").exists() and (out / "storyB" / "report.md").exists()
    index = (out / "index.md").read_text()
    assert "[storyA](storyA/report.md)" in index and "[storyB](storyB/report.md)" in index
