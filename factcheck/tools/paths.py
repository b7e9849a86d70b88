"""Where the tooling finds the project's data by default: one place for every ``--data``-style default.

Why: the evaluation and benchmark data live in ``../shared/data`` beside the repository, not in
it; each tool takes its path as an option with these defaults and says in one line what to pass
when the default is missing (``require``).
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

REPO = Path(__file__).resolve().parent.parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
NEWS_DIR = SHARED_DATA / "news"
NLI_DIR = SHARED_DATA / "nli"


def require(path: str | Path, what: str, option: str) -> Path:
    """``path`` if it exists, else an InputError saying which option points elsewhere."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{what} not found: {path} (the project's shared data beside the repository); "
                         f"pass {option}")
    return path
