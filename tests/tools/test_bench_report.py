"""reports/bench.md: a regeneration keeps the hand-written sections, and the BASIL section and targets render."""

from __future__ import annotations

import os
from pathlib import Path

from factcheck.tools.bench_report import evaluate_targets, keep_hand_written, render_markdown


def _basil() -> dict:
    return {"corpus": "basil_triplets.jsonl.gz", "when": "2026-11-30", "articles": 90, "sentences": 3000,
            "candidate_pairs": 900, "nli_pairs": 400, "discrepancies": 12, "wall": 48.0, "cpu_s": 80.0,
            "peak_rss_mb": 1200.0, "stages": {"segment": 10.0, "nli": 5.0}}


def _result() -> dict:
    result = {"machine": {"platform": "Linux", "processor": "x86_64", "cpus": 2, "ram_gb": 23.5, "python": "3.11",
                          "load_1min": 0.5, "date": "2026-11-30"},
              "settings": {"nli_model": "default"}, "basil": _basil()}
    result["targets"] = evaluate_targets(result)
    return result


def test_regenerating_keeps_hand_written_sections_and_replaces_generated_ones():
    previous = ("# factcheck benchmark\n\n## Targets\n\nold targets\n\n## BASIL: 90 old\n\nold basil 999 s\n\n"
                "## Speed on one machine (hand-written)\n\nbefore/after table\n\n## Another note\n\nkept too\n")
    generated = render_markdown(_result())
    text = keep_hand_written(previous, generated)
    assert text.startswith(generated.rstrip("\n"))
    assert "old targets" not in text and "old basil 999 s" not in text
    assert "## Speed on one machine (hand-written)\n\nbefore/after table" in text
    assert text.index("## Speed on one machine") < text.index("## Another note")
    assert keep_hand_written(text, generated) == text  # a second regeneration changes nothing
    assert keep_hand_written("", generated) == generated


def test_basil_section_and_its_target():
    result = _result()
    target = next(t for t in result["targets"] if t["target"].startswith("BASIL"))
    assert target["verdict"] == "met" and "90 articles" in target["measured"]
    md = render_markdown(result)
    assert "## BASIL: 90 same-story articles as one corpus" in md and "**48.0 s** wall" in md
    slow = {**result, "basil": {**_basil(), "wall": 120.0}}
    missed = next(t for t in evaluate_targets(slow) if t["target"].startswith("BASIL"))
    assert missed["verdict"].startswith("missed by 60")


def test_a_bench_child_runs_the_code_of_the_process_that_started_it(monkeypatch, tmp_path):
    """A before/after pair benched from inside one checkout must not time that checkout's code twice: the child
    keeps the working directory off its path (-P) and finds this process's package first on PYTHONPATH."""
    import subprocess

    from factcheck.settings import Settings
    from factcheck.tools import bench

    seen = {}

    def fake_run(cmd, **kwargs):
        seen.update(cmd=cmd, env=kwargs["env"])
        return subprocess.CompletedProcess(cmd, 0, stdout='{"ok": 1}\n', stderr="")

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    assert bench._child(["--one", "10"], Settings()) == {"ok": 1}
    assert seen["cmd"][1] == "-P"
    package_root = str(Path(bench.__file__).resolve().parents[2])
    assert seen["env"]["PYTHONPATH"].split(os.pathsep) == [package_root, "/elsewhere"]
