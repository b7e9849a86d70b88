"""The tooling commands: reached through the CLI, each missing input or extra is one line, exit 2."""

from __future__ import annotations

import importlib.util

from typer.testing import CliRunner

from factcheck.cli import app

runner = CliRunner()


def test_bench_without_the_bench_extra_says_which_extra(monkeypatch, tmp_path):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "psutil" else real(name, *a))
    for args in (["bench", "--robustness", "--out", str(tmp_path / "b.md")], ["bench-nli", "--pairs", "10"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "pip install 'factcheck[bench]'" in result.output and "psutil missing" in result.output


def test_bench_nli_names_the_option_for_a_missing_news_file(tmp_path):
    result = runner.invoke(app, ["bench-nli", "--news-file", str(tmp_path / "none.jsonl.gz")])
    assert result.exit_code == 2 and "pass --news-file FILE" in result.output, result.output


def test_bench_demo_names_a_missing_corpus(tmp_path):
    result = runner.invoke(app, ["bench-demo", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "no such corpus" in result.output, result.output


def test_eval_labelled_names_a_missing_labelled_set(tmp_path):
    """Reaches the labelled-set reader through the CLI (an import path broken in the move to tools/ once
    made every `eval --labelled` an 'unexpected ModuleNotFoundError')."""
    for extra in ([], ["--write-corpora", str(tmp_path / "corpora")]):
        result = runner.invoke(app, ["eval", "--labelled", "--data", str(tmp_path / "none"), *extra])
        assert result.exit_code == 2, result.output
        assert str(tmp_path / "none") in result.output and "unexpected" not in result.output, result.output
