"""Robustness: whatever lands in a corpus folder, `factcheck run` ends with exit 0 or 2, never a
traceback, and a failed run never costs the editor the previous report.

Every text here was written for these tests. NLI is off (``--nli-model none``) and sizes are small
so the suite stays around a minute; the 10,000-tiny-articles case is ``factcheck bench --robustness``.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factcheck.cli import app
from factcheck.errors import InputError
from factcheck.ingest import read_articles
from factcheck.records import Article, Skipped
from factcheck.settings import Settings

runner = CliRunner()

HARBOUR = ("The harbour authority said on Tuesday that 340 containers were damaged in the storm.\n\n"
           "Repairs to the northern quay will take about six weeks, according to the port director.\n")
QUAYSIDE = ("Port officials reported on Wednesday that 430 containers had been damaged when the storm hit.\n\n"
            "The port director said the northern quay would reopen within two months.\n")
WORDS = ["the", "mayor", "said", "on", "Tuesday", "March 3", "1,200", "$4.5 million", "37 percent", "last year",
         "\"We will rebuild,\"", "she said.", "Mr. Okafor, the finance minister,", "first time in ten years",
         "since 2019", "nearly", "about", "—", "(AP)", "\n\n", ".", "?", "12:30 p.m.", "2023-05-01", "Ünïcødé",
         "北京", "🙂", "\u200b", "\t", "  "]


def _run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def _assert_clean(result) -> None:
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def _write(root: Path, files: dict[str, str | bytes]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def _run_corpus(root: Path, out: Path, *extra: object):
    return _run("run", root, "--out", out, "--no-db", "--nli-model", "none", "--quiet", *extra)


# --- ingest: any bytes at all -------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".jsonl", ".jsonl.gz"]))
def test_robustness_ingest_random_bytes_never_raise(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"junk{suffix}"
        path.write_bytes(data)
        items = list(read_articles([path]))
    assert all(isinstance(x, (Article, Skipped)) for x in items)
    assert items  # a file is always accounted for: an article or a reason it was skipped


@settings(max_examples=40, deadline=None)
@given(lines=st.lists(st.one_of(st.text(max_size=80), st.dictionaries(st.sampled_from(["id", "text", "title", "published", "source"]),
                                                                       st.one_of(st.none(), st.integers(), st.text(max_size=40)),
                                                                       max_size=5).map(json.dumps)), max_size=8))
def test_robustness_ingest_malformed_jsonl_never_raises(lines):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        items = list(read_articles([path]))
    assert all(isinstance(x, (Article, Skipped)) for x in items)


# --- the pipeline: generated article text, one warm checker ----------------------------------------

@pytest.fixture(scope="module")
def checker():
    from factcheck.pipeline import Checker

    return Checker(Settings(nli_model=None, quiet=True))


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join),
                      min_size=1, max_size=4),
       dated=st.lists(st.booleans(), min_size=4, max_size=4))
def test_robustness_pipeline_generated_text_never_crashes(checker, texts, dated):
    with tempfile.TemporaryDirectory() as tmp:
        rows = [{"id": f"g{i}", "text": t, "published": "2024-06-02" if dated[i] else None} for i, t in enumerate(texts)]
        path = Path(tmp) / "gen.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        try:
            result = checker.run([path], out=Path(tmp) / "out")
        except InputError:
            return  # nothing usable: the one expected failure, exit 2 at the CLI
        assert (Path(tmp) / "out" / "report.md").is_file()
        assert result.stats["candidate_pairs"] <= result.stats["exhaustive_pairs"]


# --- the CLI: whole corpora an editor might hand over -----------------------------------------------

def test_robustness_cli_mixed_encodings_among_good_files(tmp_path):
    root = _write(tmp_path / "corpus", {
        "harbour.txt": HARBOUR,
        "quayside.md": "---\ntitle: Storm damage at the port\ndate: 2024-02-08\n---\n" + QUAYSIDE,
        "latin1.txt": "Le café du port a rouvert après la tempête, a déclaré le maire.".encode("latin-1"),
        "utf16.txt": ("\ufeff" + "The ferry service resumed on Friday after the storm.").encode("utf-16"),
        "cp1252.txt": "The mayor said \u201cwe will rebuild\u201d \u2013 and pledged \u20ac2m.".encode("cp1252"),
        "noise.txt": random.Random(7).randbytes(3000),
        "empty.txt": "",
    })
    result = _run_corpus(root, tmp_path / "out")
    _assert_clean(result)
    assert result.exit_code == 0
    for name in ("latin1.txt", "utf16.txt", "cp1252.txt", "noise.txt", "empty.txt"):
        assert any(line.startswith("warning: skipped") and name in line for line in result.output.splitlines()), name
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {a["id"] for a in report["articles"]} == {"harbour", "quayside"}


def test_robustness_cli_empty_and_huge_articles(tmp_path):
    # 2 MB of a scrape gone wrong: 40 paragraphs repeated. Embedding is per distinct sentence, so this
    # stays quick; 2 MB of distinct sentences costs minutes of embedding (bench --robustness measures it).
    paragraph = ("The regional assembly debated the transport budget for several hours before the vote. "
                 "Members from the coastal districts asked for more ferry crossings in winter. ")
    block = "\n\n".join(f"{paragraph}Session {i} closed at {i % 12 + 1} p.m." for i in range(40))
    huge = "\n\n".join([block] * (2_000_000 // len(block) + 1))
    assert len(huge.encode()) >= 2_000_000
    root = _write(tmp_path / "corpus", {"harbour.txt": HARBOUR, "quayside.txt": QUAYSIDE, "blank.txt": "\n \n\t\n",
                                        "assembly.txt": huge})
    result = _run_corpus(root, tmp_path / "out")
    _assert_clean(result)
    assert result.exit_code == 0
    assert "blank.txt" in result.output


def test_robustness_cli_many_tiny_articles(tmp_path):
    rng = random.Random(3)
    towns = ["Ashford Vale", "Brindle", "Copperton", "Dunmore", "Elmstead"]
    rows, seen = [], set()
    while len(rows) < 300:
        text = f"{rng.choice(towns)} opened {rng.randint(2, 5000)} new library seats on {rng.choice(['Monday', 'May 2', 'Friday'])}."
        if text not in seen:
            seen.add(text)
            rows.append({"id": f"t{len(rows)}", "text": text, "published": None if len(rows) % 2 else "2024-05-03"})
    root = _write(tmp_path / "corpus", {"tiny.jsonl": "".join(json.dumps(r) + "\n" for r in rows)})
    result = _run_corpus(root, tmp_path / "out")
    _assert_clean(result)
    assert result.exit_code == 0
    assert len(json.loads((tmp_path / "out" / "report.json").read_text())["articles"]) == 300


@pytest.mark.parametrize("files", [
    {"one.txt": HARBOUR, "copy.txt": HARBOUR, "other.txt": QUAYSIDE},  # a duplicate beside a real pair
    {"one.txt": HARBOUR, "copy.txt": HARBOUR},                         # only one article survives
])
def test_robustness_cli_same_article_twice(tmp_path, files):
    result = _run_corpus(_write(tmp_path / "corpus", files), tmp_path / "out")
    _assert_clean(result)
    assert "duplicate article" in result.output


def test_robustness_cli_articles_without_dates(tmp_path):
    root = _write(tmp_path / "corpus", {"harbour.txt": HARBOUR, "quayside.txt": QUAYSIDE,
                                        "bulletin.txt": "Ferries will run a reduced timetable on Saturday and Sunday.\n"})
    result = _run_corpus(root, tmp_path / "out")
    _assert_clean(result)
    assert result.exit_code == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert all(a["published"] is None for a in report["articles"])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(contents=st.lists(st.one_of(st.binary(max_size=300), st.sampled_from([HARBOUR, QUAYSIDE, "", "\ufeff" + HARBOUR]),
                                   st.text(max_size=200)), min_size=1, max_size=4))
def test_robustness_cli_random_corpus_never_shows_a_traceback(tmp_path, contents):
    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp:
        root = _write(Path(tmp) / "corpus", {f"f{i}.txt": c for i, c in enumerate(contents)})
        _assert_clean(_run_corpus(root, Path(tmp) / "out"))


@pytest.mark.parametrize("bad", [
    {"latin1.txt": "Réunion du conseil municipal à 18 h.".encode("latin-1")},
    {"noise.bin.txt": bytes(range(256)) * 4, "empty.md": ""},
    {"feed.jsonl": "{\"id\": 1, \"text\": 5}\n[1, 2]\nnot json\n"},
])
def test_robustness_failed_run_keeps_previous_report(tmp_path, bad):
    out = tmp_path / "out"
    good = _run_corpus(_write(tmp_path / "good", {"harbour.txt": HARBOUR, "quayside.txt": QUAYSIDE}), out)
    assert good.exit_code == 0, good.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "report.md" in before

    failed = _run_corpus(_write(tmp_path / "bad", bad), out)
    _assert_clean(failed)
    assert failed.exit_code == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
