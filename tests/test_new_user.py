"""The rough edges a new user hit (issue 13), one test each: every one of them failed before its fix."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

import factcheck
from factcheck.cli import DEFAULT_DB, app
from factcheck.records import Article, Discrepancy, Kind, Sentence
from factcheck.store import Store

ROOT = Path(factcheck.__file__).resolve().parent.parent
runner = CliRunner()

CORPUS = {
    "harbor.md": "---\ntitle: Ministers meet in Lisbon\nsource: Harbor Times\ndate: 2024-09-12\n---\n"
                 "The energy ministers of Spain and Portugal met in Lisbon on Tuesday to sign the grid agreement.\n"
                 "The agreement covers cross-border power lines and storage.\n",
    "coast.md": "---\ntitle: Grid deal signed\nsource: Coast Post\n---\n"
                "The energy ministers of Spain and Portugal met in Lisbon on August 2 to sign the grid agreement.\n"
                "The talks of September 13, 2024 went on late. Analysts expect prices to fall next year.\n",
}


def _run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def corpus(make_corpus):
    return make_corpus(CORPUS, name="summit")


def _commands(command=None, path=()):
    """Every leaf command of the CLI with its path, e.g. (("review", "list"), <Command>)."""
    command = command or get_command(app)
    for name, sub in getattr(command, "commands", {}).items():
        if getattr(sub, "commands", None):
            yield from _commands(sub, path + (name,))
        else:
            yield path + (name,), sub


# --- one store for run, review and serve ---------------------------------------------------------

def test_run_review_and_serve_share_one_default_store(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_DB", raising=False)
    result = _run("run", corpus, "--out", tmp_path / "elsewhere" / "seeds", "--nli-model", "none", "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / DEFAULT_DB).is_file()
    listed = _run("review", "list")
    assert listed.exit_code == 0 and re.match(r"[0-9a-f]{12}  new", listed.output), listed.output
    for path, command in _commands():
        db = next((p for p in command.params if p.name == "db"), None)
        if db is not None:
            assert Path(db.default) == DEFAULT_DB, path


def test_make_report_uses_the_default_store_and_leaves_the_checkout_clean():
    recipe = re.search(r"^report:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.M).group(1)
    args = shlex.split(recipe.strip().split("factcheck", 1)[1])
    assert "--db" not in args  # the store `factcheck review` and `factcheck serve` read by default
    out = Path(args[args.index("--out") + 1])
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for written in (out / "report.md", out / "report.html", out / "report.json", DEFAULT_DB,
                    Path(f"{DEFAULT_DB}.lock"), Path(f"{DEFAULT_DB}-wal")):
        ignored = subprocess.run(["git", "check-ignore", "-q", str(written)], cwd=ROOT)
        tracked = subprocess.run(["git", "ls-files", "--error-unmatch", str(written)], cwd=ROOT, capture_output=True)
        assert ignored.returncode == 0 and tracked.returncode != 0, f"make report would dirty the checkout: {written}"


# --- reviews in the reports --------------------------------------------------------------------

def test_review_note_and_reviewer_appear_in_the_next_reports(corpus, tmp_path):
    db = tmp_path / "fc.sqlite"
    assert _run("run", corpus, "--db", db, "--out", tmp_path / "r1", "--nli-model", "none").exit_code == 0
    did = json.loads((tmp_path / "r1" / "report.json").read_text())["discrepancies"][0]["id"]
    assert _run("review", "confirm", did, "--note", "the wire checked the agenda", "--reviewer", "bob",
                "--db", db).exit_code == 0
    assert _run("run", corpus, "--db", db, "--out", tmp_path / "r2", "--nli-model", "none").exit_code == 0
    md = (tmp_path / "r2" / "report.md").read_text()
    html = (tmp_path / "r2" / "report.html").read_text()
    item = next(d for d in json.loads((tmp_path / "r2" / "report.json").read_text())["discrepancies"] if d["id"] == did)
    assert item["review"]["reviewer"] == "bob" and item["review"]["note"] == "the wire checked the agenda"
    assert "confirmed by bob" in md and "the wire checked the agenda" in md
    assert "confirmed by bob" in html and "the wire checked the agenda" in html
    # Confirmed: the page no longer offers the commands that would confirm or dismiss it.
    assert f"factcheck review confirm {did}" not in html and f"factcheck review dismiss {did}" not in html


def test_report_html_keeps_the_inferred_marker():
    from factcheck.report.to_html import render_html

    report = {"articles": [{"id": "coast", "title": "Grid deal", "published": "2024-09-13", "published_inferred": True}],
              "discrepancies": [{"id": "abc", "kind": "date", "confidence": 0.8, "status": "new",
                                 "a": {"article": "coast", "sentence": "x"}, "b": {"article": "coast", "sentence": "y"}}]}
    page = render_html(report)
    assert "2024-09-13 (inferred)" in page


def test_reports_respect_the_umask(tmp_path):
    from factcheck.report import write_reports

    old = os.umask(0o022)
    try:
        paths = write_reports({"version": 1, "generated": "now", "nli_model": None, "articles": [], "stats": {},
                               "discrepancies": []}, tmp_path)
    finally:
        os.umask(old)
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in paths} == {
        "report.json": "0o644", "report.md": "0o644", "report.html": "0o644"}


# --- review commands ---------------------------------------------------------------------------

def _big_store(path: Path, count: int = 1500) -> Path:
    found = []
    for i in range(count):
        a = Sentence(id=f"a{i}", article_id="wire", index=i, start=0, end=30, text=f"The count was {i} on Monday.")
        b = Sentence(id=f"b{i}", article_id="daily", index=i, start=0, end=30, text=f"The count was {i + 1} on Monday.")
        found.append(Discrepancy(id=Discrepancy.make_id(a, b), kind=Kind.NUMBER, confidence=0.9, a=a, b=b,
                                 a_value=str(i), b_value=str(i + 1), explanation=f"counts differ: {i} vs {i + 1}"))
    with Store.open(path) as store:
        run = store.start_run("c")
        store.record_discrepancies(run, "c", found, {"wire", "daily"})
        store.finish_run(run, {})
    return path


def test_review_list_into_head_is_quiet_and_exits_0(tmp_path):
    db = _big_store(tmp_path / "fc.sqlite")
    cli = f"{shlex.quote(sys.executable)} -c 'from factcheck.cli import app; app()'"
    shell = f"{cli} review list --db {shlex.quote(str(db))} | head -1; exit ${{PIPESTATUS[0]}}"
    result = subprocess.run(["bash", "-c", shell], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


def test_review_export_csv_dash_writes_standard_output(tmp_path, monkeypatch):
    db = _big_store(tmp_path / "fc.sqlite", count=3)
    monkeypatch.chdir(tmp_path)
    result = _run("review", "export", "--csv", "-", "--db", db)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("id,status,kind,confidence") and len(lines) == 4
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("option", [("--status", "closed"), ("--kind", "weather")])
def test_review_list_bad_choice_is_a_usage_error(tmp_path, option):
    db = _big_store(tmp_path / "fc.sqlite", count=1)
    result = _run("review", "list", *option, "--db", db)
    assert result.exit_code == 2, result.output  # 3 is the README's code for store errors


def test_run_on_a_missing_path_creates_no_store_and_no_lock(tmp_path):
    db = tmp_path / "store" / "fc.sqlite"
    result = _run("run", tmp_path / "nowhere", "--db", db, "--out", tmp_path / "out", "--nli-model", "none")
    assert result.exit_code == 2
    assert not db.exists() and not Path(f"{db}.lock").exists() and not db.parent.exists()


# --- help and documentation ----------------------------------------------------------------------

def test_help_names_no_python_types_and_nli_model_reads_one_way():
    for path, _ in _commands():
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0, path
        assert not re.search(r"<(bool|str|int|float|path|list\[[^>]*)>", result.output), (path, result.output)
    help_text = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "200"}).output
    assert "'none' = no NLI" in help_text and "None =" not in help_text and "to switch NLI off" not in help_text


def test_bench_and_train_nli_say_what_to_pass_when_their_default_data_is_missing(tmp_path, monkeypatch):
    import factcheck.tools.bench as bench

    monkeypatch.setattr(bench, "DEFAULT_CORPUS", tmp_path / "no-shared-data" / "reuters.jsonl.gz")
    result = _run("bench", "--sizes", "10", "--out", tmp_path / "bench.md")
    assert result.exit_code == 2 and "pass CORPUS_FILE" in result.output, result.output
    (tmp_path / "empty").mkdir()
    result = _run("train-nli", tmp_path / "empty", "--out", tmp_path / "model")
    assert result.exit_code == 2 and "no NLI training files there" in result.output, result.output
    assert not (tmp_path / "model").exists()


def test_readme_documents_every_command_and_option():
    readme = (ROOT / "README.md").read_text()
    for path, command in _commands():
        assert f"factcheck {' '.join(path)}" in readme, path
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert opt in readme, (path, opt)
    assert "retired" in readme
    fresh = readme.split("## On a fresh machine", 1)[1].split("```", 2)[1]
    assert [line.split()[:2] for line in fresh.strip().splitlines()[1:]] == [["make", "report"], ["make", "test"]]


# --- long runs, empty evaluations ---------------------------------------------------------------

def test_progress_lines_when_not_on_a_terminal(corpus, tmp_path):
    result = _run("run", corpus, "--no-db", "--out", tmp_path / "o", "--nli-model", "none")
    assert result.exit_code == 0
    for stage in ("ingest", "segment", "extract", "embed", "pair", "judge", "report"):
        assert re.search(rf"^progress: {stage} \(at \d+ s\)$", result.output, re.M), stage
    quiet = _run("run", corpus, "--no-db", "--out", tmp_path / "q", "--nli-model", "none", "--quiet")
    assert "progress:" not in quiet.output


def test_one_article_says_early_there_is_nothing_to_compare(make_corpus, tmp_path):
    one = make_corpus({"only.md": CORPUS["harbor.md"]}, name="one")
    result = _run("run", one, "--no-db", "--out", tmp_path / "o", "--nli-model", "none")
    assert result.exit_code == 0, result.output
    assert "only one usable article, so nothing to compare" in result.output
    assert "progress: segment" not in result.output  # the slow stages are skipped, not run for nothing
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["discrepancies"] == [] and report["stats"]["nothing_to_compare"] is True


def test_eval_explains_an_empty_nli_table():
    from factcheck.tools.evaluate import render_evaluation

    text = render_evaluation({"when": "today", "nli": {"model": "default", "results": {}}})
    assert "No NLI test set found" in text and "| dataset |" not in text
