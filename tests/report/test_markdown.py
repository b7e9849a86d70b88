"""Markdown/JSON report: summary, grouping, quoting, atomic writes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from factcheck.records import Article, Discrepancy, Kind, Sentence, Story
from factcheck.report import assign_clusters, atomic_write_text, build_report, write_reports
from factcheck.report.to_markdown import render_markdown


def _s(article, text):
    return Sentence(id=Sentence.make_id(article, text), article_id=article, index=0, start=5, end=5 + len(text), text=text)


A = _s("wire", "The bridge reopened on 4 May after repairs.")
B = _s("daily", "The bridge reopened on 9 May after repairs.")
C = _s("weekly", "Repairs kept the bridge shut until 9 May.")
ARTICLES = [Article(id="wire", text="x", title="Bridge back", source="Wire", published=dt.date(2024, 5, 10)),
            Article(id="daily", text="y", title="Bridge | open", source=None, published=None),
            Article(id="weekly", text="z")]


def _d(a, b, conf, kind=Kind.DATE, status="new"):
    return Discrepancy(id=Discrepancy.make_id(a, b), kind=kind, confidence=conf, a=a, b=b, a_value="2024-05-04",
                       b_value="2024-05-09", explanation="dates differ: 4 May vs 9 May", a_span=(23, 28), b_span=(23, 28),
                       status=status)


@pytest.fixture
def report():
    found = [_d(A, B, 0.9), _d(A, C, 0.6, status="confirmed")]
    stats = {"sentences": 3, "candidate_pairs": 2, "exhaustive_pairs": 3, "nli_pairs": 0, "seconds": {"pair": 0.1}}
    stories = [Story(id="s-bridge", title="Bridge back", articles=("wire", "daily", "weekly"), first_seen="run-1",
                     start=dt.date(2024, 5, 10), end=dt.date(2024, 5, 10), central="wire",
                     inferred=(("daily", dt.date(2024, 5, 3), dt.date(2024, 5, 17)),))]
    return build_report(ARTICLES, {"wire": [A], "daily": [B], "weekly": [C]}, found, stats, None,
                        skipped=["skipped x.txt: empty file"], corpus="bridge", stories=stories)


def test_report_json_contract(report):
    assert report["version"] == 2 and report["nli_model"] is None
    assert {"id", "title", "source", "published", "path", "sentences", "story", "published_range"} <= set(report["articles"][0])
    assert report["articles"][1]["published_range"] == ["2024-05-03", "2024-05-17"]
    assert report["stories"] == [{"id": "s-bridge", "title": "Bridge back", "articles": ["wire", "daily", "weekly"],
                                  "first_seen": "run-1", "start": "2024-05-10", "end": "2024-05-10"}]
    d = report["discrepancies"][0]
    assert {"id", "kind", "confidence", "status", "first_seen", "a", "b", "explanation", "cluster", "story"} <= set(d)
    assert d["story"] == "s-bridge"
    assert {"article", "sentence", "start", "end"} <= set(d["a"])
    assert [x["confidence"] for x in report["discrepancies"]] == [0.9, 0.6]
    dt.datetime.fromisoformat(report["generated"])


def test_report_clusters_group_pairs_sharing_a_sentence():
    d1, d2 = _d(A, B, 0.9), _d(A, C, 0.6)
    other = _d(_s("p", "A different fact entirely here."), _s("q", "Another different fact here now."), 0.5)
    clusters = assign_clusters([d1, d2, other])
    assert clusters[d1.id] == clusters[d2.id] == 1 and clusters[other.id] == 2


def test_report_markdown_has_summary_sections_and_quotes(report):
    md = render_markdown(report)
    assert "| Articles | 3 |" in md and "| Discrepancies | 2 |" in md
    assert "## New since the last run (1)" in md and "## Confirmed (1)" in md
    assert "> The bridge reopened on **4 May** after repairs." in md
    assert "### Claim 1:" in md and ": dates differ" in md  # one claim group, one line per disagreeing pair
    assert "Bridge \\| open" in md  # table cells are escaped
    assert "skipped x.txt: empty file" in md
    # Story by story: heading with title, id and date span, its articles, then its discrepancies.
    story_at = md.index("## Story: Bridge back (2)")
    assert "`s-bridge` · 2024-05-10 · first seen run-1" in md
    assert story_at < md.index("- **Bridge back** · Wire · 2024-05-10") < md.index("### New since the last run (1)")


def test_report_markdown_discrepancy_without_story_is_listed(report):
    report["discrepancies"][0]["story"] = None
    md = render_markdown(report)
    assert "## Discrepancies outside any story (1)" in md and "## Story: Bridge back (1)" in md


def test_report_markdown_empty(report):
    report["discrepancies"] = []
    assert "No discrepancies found." in render_markdown(report)


def test_report_write_is_atomic_and_leaves_no_temp_files(tmp_path, report):
    paths = write_reports(report, tmp_path / "out", formats=("md", "json"))
    assert sorted(p.name for p in paths) == ["report.json", "report.md"]
    assert json.loads((tmp_path / "out" / "report.json").read_text())["corpus"] == "bridge"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["report.json", "report.md"]


def test_report_failed_write_keeps_previous_file(tmp_path):
    target = tmp_path / "report.md"
    atomic_write_text(target, "previous report")
    with pytest.raises(TypeError):  # the write fails half-way: not a str
        atomic_write_text(target, 12345)  # type: ignore[arg-type]
    assert target.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
