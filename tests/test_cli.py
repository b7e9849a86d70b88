"""CLI: exit codes, one-line messages, reports written whole, review round trip."""

from __future__ import annotations

import json
import shutil
import zipfile
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
    said = [line for line in result.output.strip().splitlines() if not line.startswith("progress: ")]
    assert said[0].startswith("error: ") and len(said) == 1


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


def test_cli_mixed_folder_one_warning_per_unusable_file(make_corpus, tmp_path, ingest_data, write_docx, write_pdf):
    root = make_corpus({
        "wire.txt": "A storm closed the harbour at Lakeside for two days this week. Ferries resumed on Thursday.",
        "notes.md": "---\ntitle: Museum\ndate: 2024-03-01\n---\nThe city museum reopened after a year of renovation work.\n",
        "export.jsonl": [{"id": "j1", "text": "The regional train line will get twelve new carriages next spring."}],
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64),
    }, name="inbox")
    shutil.copy(ingest_data / "page.html", root / "harbour-wall.html")
    shutil.copy(ingest_data / "feed.xml", root / "gazette.xml")
    write_docx(root / "draft.docx", title="Maternity ward", paragraphs=[
        "Lakeside Hospital will open a new maternity ward on June 3, the health board said on Monday."])
    write_pdf(root / "release.pdf", [["The city will replace 1,200 lead water pipes by the end of 2025, officials said."]],
              title="Lead pipes")
    write_pdf(root / "scan.pdf", [[]], scanned=True)
    with zipfile.ZipFile(root / "archive.zip", "w") as bundle:
        bundle.writestr("inside.txt", "An article inside an archive is not read.")
    out = tmp_path / "out"
    result = _run("run", root, "--out", out, "--no-db", "--nli-model", "none", "--quiet")
    assert result.exit_code == 0, result.output
    warnings = sorted(line for line in result.output.splitlines() if line.startswith("warning:"))
    assert warnings == [
        f"warning: skipped {root / 'archive.zip'}: unsupported file type '.zip' (unpack the archive first)",
        f"warning: skipped {root / 'photo.jpg'}: unsupported file type '.jpg' (readable: "
        f".atom .csv .docx .htm .html .json .jsonl .markdown .md .ndjson .pdf .rss .tsv .txt .xhtml .xml)",
        f"warning: skipped {root / 'scan.pdf'}: no text layer (1 page, a scan?); run OCR on it first",
    ]
    report = json.loads((out / "report.json").read_text())
    read = {a["id"]: a for a in report["articles"]}
    assert set(read) == {"wire", "notes", "j1", "harbour-wall", "vg-2024-0311-bridge", "vg-2024-0312-school",
                         "vg-2024-0313-market", "draft", "release"}
    assert read["harbour-wall"]["extractor"].startswith("trafilatura") and read["harbour-wall"]["path"].endswith(".html")
    assert read["vg-2024-0312-school"]["extractor"].endswith("(entry summary only)")
    assert read["vg-2024-0311-bridge"]["url"] == "https://valley-gazette.example/news/bridge-reopens"
    assert report["stats"]["articles"] == 9 and len(report["skipped"]) == 3


def test_cli_fields_maps_cms_export_columns(tmp_path, ingest_data):
    export = tmp_path / "cms" / "export.csv"
    export.parent.mkdir()
    shutil.copy(ingest_data / "cms_export.csv", export)
    out = tmp_path / "out"
    result = _run("run", export.parent, "--out", out, "--no-db", "--nli-model", "none", "--quiet",
                  "--fields", "id=guid,title=headline,text=body,published=pub_date")
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert [(a["id"], a["title"], a["published"]) for a in report["articles"]] == [
        ("cms-1001", "Library extends opening hours", "2024-03-20"), ("cms-1002", "Snow closes mountain pass", "2024-03-21")]
    unmapped = _run("run", export.parent, "--out", tmp_path / "o2", "--no-db", "--nli-model", "none", "--quiet")
    assert unmapped.exit_code == 2
    assert f"warning: skipped {export}: no 'text' column" in unmapped.output


def test_cli_bad_fields_is_one_line_error(corpus):
    result = _run("run", corpus, "--no-db", "--nli-model", "none", "--fields", "body")
    assert result.exit_code == 2
    assert result.output == "error: --fields 'body': expected FIELD=COLUMN, e.g. text=body\n"
