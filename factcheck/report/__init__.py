"""list[Discrepancy] + run facts -> the report dict, and writers for Markdown, JSON and HTML.

The dict built here is the one contract every format renders (``report.json`` is it, verbatim),
so the Markdown, HTML and JSON reports can never disagree with each other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..common import atomic_write_text
from ..records import Article, Discrepancy, Sentence, Story
from .common import review_line  # noqa: F401 - part of the package's API

REPORT_VERSION = 2  # 2: "stories", and "story" on each article and discrepancy (additive)


def _side(d: Discrepancy, sentence: Sentence, span, value) -> dict:
    return {
        "article": sentence.article_id,
        "sentence": sentence.text,
        "sentence_id": sentence.id,
        "start": sentence.start,
        "end": sentence.end,
        "span": list(span) if span else None,
        "value": value,
    }


def assign_clusters(discrepancies: Sequence[Discrepancy]) -> dict[str, int]:
    """Discrepancy id -> cluster number: pairs that share a sentence are about the same fact."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for d in discrepancies:
        parent[find(d.a.id)] = find(d.b.id)
    numbers: dict[str, int] = {}
    out: dict[str, int] = {}
    for d in discrepancies:  # already ranked: cluster 1 holds the most confident discrepancy
        root = find(d.a.id)
        numbers.setdefault(root, len(numbers) + 1)
        out[d.id] = numbers[root]
    return out


def build_report(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
                 discrepancies: Sequence[Discrepancy], stats: dict, nli_model: str | None,
                 skipped: Sequence[str] = (), corpus: str | None = None,
                 generated: dt.datetime | None = None, reviews: Mapping[str, Mapping] | None = None,
                 dismissed: Sequence[Mapping] = (), stories: Sequence[Story] = ()) -> dict:
    """The report dict; ``reviews`` (id -> reviewer, note, reviewed_at, from the store) adds each
    discrepancy's last review, ``dismissed`` lists the flags this run found again but an editor
    had dismissed, so the reports show who decided what and why; ``stories`` groups articles
    and discrepancies by story."""
    ranked = sorted(discrepancies, key=lambda d: (-d.confidence, d.id))
    story_of = {a: s.id for s in stories for a in s.articles}
    ranges = {a: [lo.isoformat(), hi.isoformat()] for s in stories for a, lo, hi in s.inferred}
    clusters = assign_clusters(ranked)
    generated = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    reviews = reviews or {}
    report = {
        "version": REPORT_VERSION,
        "generated": generated.isoformat(),
        "corpus": corpus,
        "nli_model": nli_model,
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "published": a.published.isoformat() if a.published else None,
                "published_inferred": a.published_inferred,
                "published_range": ranges.get(a.id),
                "story": story_of.get(a.id),
                "path": a.path,
                "url": a.url,
                "extractor": a.extractor,
                "sentences": len(sentences.get(a.id, ())),
            }
            for a in articles
        ],
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "articles": list(s.articles),
                "first_seen": s.first_seen,
                "start": s.start.isoformat() if s.start else None,
                "end": s.end.isoformat() if s.end else None,
            }
            for s in stories
        ],
        "skipped": list(skipped),
        "stats": stats,
        "discrepancies": [
            {
                "id": d.id,
                "kind": str(d.kind),
                "confidence": round(float(d.confidence), 4),
                "status": d.status,
                "first_seen": d.first_seen,
                "cluster": clusters[d.id],
                "story": story_of.get(d.a.article_id),
                "claim": d.claim,
                "a": _side(d, d.a, d.a_span, d.a_value),
                "b": _side(d, d.b, d.b_span, d.b_value),
                "explanation": d.explanation,
                "signals": {k: round(float(v), 4) for k, v in d.signals.items()},
            }
            for d in ranked
        ],
    }
    if dismissed:
        report["dismissed"] = [dict(d) for d in dismissed]
    for item in report["discrepancies"]:
        if item["id"] in reviews:
            item["review"] = dict(reviews[item["id"]])
    return report


def write_reports(report: dict, out_dir: str | Path, formats: Sequence[str] = ("md", "json", "html")) -> list[Path]:
    """Render every requested format into ``out_dir``; each file appears whole or not at all."""
    from .to_json import render_json
    from .to_markdown import render_markdown

    out_dir = Path(out_dir)
    written = []
    if "json" in formats:
        written.append(atomic_write_text(out_dir / "report.json", render_json(report)))
    if "md" in formats:
        written.append(atomic_write_text(out_dir / "report.md", render_markdown(report)))
    if "html" in formats:
        from .to_html import write_html

        written.append(write_html(out_dir / "report.html", report))
    return written
