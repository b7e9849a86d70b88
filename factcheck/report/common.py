"""What the Markdown and HTML renderers share: the review line of a discrepancy.

Its own module so the renderers need not import the package that imports them.
"""

from __future__ import annotations

from collections.abc import Mapping


def review_line(d: Mapping) -> str | None:
    """'confirmed by alice on 2024-05-01: one of them is wrong' for a reviewed discrepancy, else None."""
    review = d.get("review") or {}
    if not review.get("reviewed_at") and not review.get("note"):
        return None
    who = f" by {review['reviewer']}" if review.get("reviewer") else ""
    when = f" on {str(review['reviewed_at'])[:10]}" if review.get("reviewed_at") else ""
    verb = d.get("status") if d.get("status") in ("confirmed", "dismissed") else "note"
    return f"{verb}{who}{when}" + (f": {review['note']}" if review.get("note") else "")
