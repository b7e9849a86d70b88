"""Report discrepancies -> claim views: one entry per claim group, every variant once with its outlets.

Three outlets giving three counts of one thing are three disagreeing pairs in ``report.json``
(other tools read pairs); an editor should read them once: "50,000 pages — outlet A ·
55,000 pages — outlet B". A discrepancy without a claim id (an older report) is its own group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


def outlet(article: Mapping[str, Any] | None, article_id: str) -> str:
    """How an editor names an article: its outlet, else its title, else its id."""
    if not article:
        return article_id
    return str(article.get("source") or article.get("title") or article_id)


def claim_views(items: Sequence[Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]) -> list[dict]:
    """Groups in report order (most confident first); each with its sentences, variants and pairs."""
    groups: dict[str, dict] = {}
    for d in items:
        key = str(d.get("claim") or d.get("id"))
        group = groups.setdefault(key, {"claim": key, "confidence": 0.0, "kinds": [], "pairs": [],
                                        "sentences": {}, "variants": {}})
        group["confidence"] = max(group["confidence"], float(d.get("confidence") or 0.0))
        if d.get("kind") not in group["kinds"]:
            group["kinds"].append(d.get("kind"))
        group["pairs"].append(d)
        for side in ("a", "b"):
            s = d.get(side) or {}
            sid = str(s.get("sentence_id") or s.get("sentence"))
            group["sentences"].setdefault(sid, s)
            value = s.get("value") or _span_text(s)
            if value:
                outlets = group["variants"].setdefault(str(value), [])
                name = outlet(articles.get(str(s.get("article"))), str(s.get("article")))
                if name not in outlets:
                    outlets.append(name)
    views = sorted(groups.values(), key=lambda g: -g["confidence"])
    for view in views:
        view["sentences"] = list(view["sentences"].values())
    return views


def variants_line(view: Mapping[str, Any]) -> str:
    """'50,000 pages — outlet A · 55,000 pages — outlet B, outlet C'"""
    return " · ".join(f"{value} — {', '.join(outlets)}" for value, outlets in view["variants"].items())


def _span_text(side: Mapping[str, Any]) -> str | None:
    span, text = side.get("span"), str(side.get("sentence") or "")
    if span and 0 <= span[0] < span[1] <= len(text):
        return text[span[0]:span[1]]
    return None
