"""list[Discrepancy] + run facts -> the report dict, and writers for Markdown, JSON and HTML.

The dict built here is the one contract every format renders (``report.json`` is it, verbatim),
so the Markdown, HTML and JSON reports can never disagree with each other.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..records import Article, Discrepancy, Sentence

REPORT_VERSION = 1


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write to a temp file beside ``path`` and rename it into place: never half-written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


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
                 generated: dt.datetime | None = None) -> dict:
    ranked = sorted(discrepancies, key=lambda d: (-d.confidence, d.id))
    clusters = assign_clusters(ranked)
    generated = generated or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    return {
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
                "path": a.path,
                "sentences": len(sentences.get(a.id, ())),
            }
            for a in articles
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
                "claim": d.claim,
                "a": _side(d, d.a, d.a_span, d.a_value),
                "b": _side(d, d.b, d.b_span, d.b_value),
                "explanation": d.explanation,
                "signals": {k: round(float(v), 4) for k, v in d.signals.items()},
            }
            for d in ranked
        ],
    }


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
