"""``factcheck serve``: review flagged discrepancies in the browser, over the same store as the CLI.

Starlette + Jinja2, templates and assets shipped in this package (no JavaScript build step).
Every decision goes through ``Store.review`` (one SQLite transaction, committed before the page
says so), so the CLI, the reports and any number of reviewers see the same state.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .app import create_app

__all__ = ["create_app", "serve"]


def serve(db: Path, host: str = "127.0.0.1", port: int = 8000, reviewer: str | None = None,
          announce: Callable[[str], None] = print) -> None:
    """Run the review server until interrupted (binds 127.0.0.1 unless ``host`` says otherwise)."""
    import uvicorn

    app = create_app(db, reviewer=reviewer, host=host)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    announce(f"reviewing {db} at http://{shown}:{port}/ (the last run's report: http://{shown}:{port}/report); "
             "Ctrl+C stops")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
