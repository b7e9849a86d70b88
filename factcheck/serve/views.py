"""Store rows -> what the review pages show: filtered lists grouped by story and claim, one flag in full.

Stories and claim groups come from the stored Discrepancy records when they carry them
(``story`` / ``claim`` fields); without them the list is flat. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..records import Kind
from ..report.to_html import _highlight
from ..store import STATUSES, Store

KINDS = tuple(str(kind) for kind in Kind)


@dataclass(frozen=True)
class Filters:
    """The list's filters, from the query string; unknown values are ignored, not errors."""

    story: str = ""
    kind: str = ""
    status: str = ""
    min_confidence: float | None = None

    @classmethod
    def from_query(cls, query: Any) -> Filters:
        try:
            confidence = float(query.get("min_confidence") or "")
        except ValueError:
            confidence = None
        kind = query.get("kind") or ""
        status = query.get("status") or ""
        return cls(story=query.get("story") or "", kind=kind if kind in KINDS else "",
                   status=status if status in STATUSES else "",
                   min_confidence=confidence if confidence is not None and 0 <= confidence <= 1 else None)

    def query(self) -> str:
        """The same filters as a query string, so links keep them."""
        from urllib.parse import urlencode

        pairs = {"story": self.story, "kind": self.kind, "status": self.status,
                 "min_confidence": "" if self.min_confidence is None else f"{self.min_confidence:g}"}
        return urlencode({k: v for k, v in pairs.items() if v})


def label(value: Any) -> str | None:
    """A story or claim group as text, whatever shape the record gives it (id, name or object)."""
    if value is None or value == "":
        return None
    if isinstance(value, (str, int)):
        return str(value)
    for attr in ("title", "label", "name", "id"):
        if getattr(value, attr, None):
            return str(getattr(value, attr))
    return str(value)


def story_titles(store: Store) -> dict[str, str]:
    """Article id -> its story's title (or id), from the store's stories: what a record without a
    ``story`` field is grouped by."""
    lister = getattr(store, "list_stories", None)
    if lister is None:
        return {}
    return {member["id"]: story.get("title") or story["id"] for story in lister() for member in story["articles"]}


def _groups(record: Any, row: dict[str, Any], stories: dict[str, str]) -> None:
    row["story"] = label(getattr(record, "story", None)) or stories.get(row["a_article"])
    row["claim"] = label(getattr(record, "claim", None))


def flag_rows(store: Store, filters: Filters) -> list[dict[str, Any]]:
    """The filtered discrepancies, most confident first, each with its story and claim group."""
    frame = store.list_discrepancies(status=filters.status or None, kind=filters.kind or None,
                                     min_confidence=filters.min_confidence)
    rows = frame.to_dict("records")
    records = store.records([r["id"] for r in rows])
    stories = story_titles(store)
    for row in rows:
        _groups(records.get(row["id"]), row, stories)
    if filters.story:
        rows = [r for r in rows if r["story"] == filters.story]
    return rows


def grouped(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """[{story, claims: [{claim, flags}]}]: one level per grouping the records carry, order kept."""
    stories: dict[str | None, dict[str | None, list[dict[str, Any]]]] = {}
    for row in rows:
        stories.setdefault(row["story"], {}).setdefault(row["claim"], []).append(row)
    return [{"story": story, "claims": [{"claim": claim, "flags": flags} for claim, flags in claims.items()]}
            for story, claims in stories.items()]


def flag_detail(store: Store, discrepancy_id: str) -> dict[str, Any] | None:
    """One flag with highlighted sentences, its articles' metadata and its decision history."""
    found = store.discrepancy(discrepancy_id)
    if found is None:
        return None
    row, record = found
    articles = store.articles([row["a_article"], row["b_article"]])
    sides = []
    for side, other in (("a", "b"), ("b", "a")):
        span = getattr(record, f"{side}_span", None)
        text, other_text = row[f"{side}_sentence"], row[f"{other}_sentence"]
        meta = articles.get(row[f"{side}_article"], {})
        sides.append({
            "label": side.upper(), "article": row[f"{side}_article"], "meta": meta, "value": row[f"{side}_value"],
            # _highlight escapes every piece of the untrusted sentence; only its <mark> tags are markup.
            "html": Markup(_highlight(text, list(span) if span else None, other_text)),
        })
    _groups(record, row, story_titles(store))
    return {"flag": row, "sides": sides, "history": store.history(discrepancy_id)}


def neighbours(rows: list[dict[str, Any]], discrepancy_id: str) -> tuple[str | None, str | None]:
    """The previous and next flag ids in the filtered list (for the n / p keys)."""
    ids = [r["id"] for r in rows]
    if discrepancy_id not in ids:
        return None, ids[0] if ids else None
    i = ids.index(discrepancy_id)
    return (ids[i - 1] if i > 0 else None), (ids[i + 1] if i + 1 < len(ids) else None)


def report_with_decisions(report: dict[str, Any], store: Store) -> dict[str, Any]:
    """The last run's report dict with today's review state (status, note, reviewer) laid over it."""
    current = {r["id"]: r for r in store.list_discrepancies().to_dict("records")}
    for item in report.get("discrepancies") or []:
        row = current.get(item.get("id"))
        if row is None:
            continue
        item["status"] = row["status"]
        if row["reviewed_at"] or row["note"]:
            item["review"] = {"reviewer": row["reviewer"], "note": row["note"], "reviewed_at": row["reviewed_at"]}
    return report
