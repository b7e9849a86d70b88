"""Small helpers every layer shares, each written once: atomic file writes, JSON Lines rows, UTC time
stamps, Markdown table cells, the CPU threads a model may use.

Why one module: the store, the reports and the tooling each had their own copy, and copies drift
(two time-stamp formats, two cell escapers). Imports nothing else of the project.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import time
from collections.abc import Callable
from pathlib import Path


def replace_file(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temp file beside ``path``, then rename it into place: never half-written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) via a temp file beside ``path`` and a rename, flushed to disk first.

    The temp file is created with mode 0666 so the umask decides, as for any other file a
    user writes (``mkstemp`` would make every report 0600).
    """

    def write(tmp: Path) -> None:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())

    return replace_file(path, write)


def read_jsonl(path: str | Path) -> list[dict]:
    """Rows of a JSON Lines file, gzipped when its name ends in ``.gz``; blank lines skipped."""
    path = Path(path)
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def utc_now() -> str:
    """The store's time stamps: UTC, whole seconds, ISO 8601 with a ``Z`` (sorts as text)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def markdown_cell(text: object, empty: str = "—") -> str:
    """``text`` safe inside a Markdown table cell: pipes escaped, newlines folded."""
    return str(text if text is not None else empty).replace("|", "\\|").replace("\n", " ")


def idle_cores(cores: int | None = None, busy: float | None = None) -> int:
    """Cores this process may use that other processes leave idle, at least 1 (``make -l``'s idea).

    Why: torch and onnxruntime start one thread per core, and on a shared machine whose cores are
    busy those threads wait on each other: the embed stage took 2x the wall and 2x the CPU time
    at a load of 5-10 on 2 cores with 2 threads than with 1. ``busy``: cores in use by others,
    sampled over 0.1 s while this process sleeps (psutil), or the 1-minute load average without it.
    """
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if busy is None:
        busy = _busy_cores(os.cpu_count() or cores)
    return max(1, min(cores, cores - int(round(busy))))


def _busy_cores(machine_cores: int) -> float:
    try:
        import psutil
    except ImportError:
        return os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return psutil.cpu_percent(interval=0.1) / 100 * machine_cores


def resolve_threads(requested: int) -> int:
    """``requested`` > 0 as given; 0 (the default): the idle cores now."""
    if requested < 0:
        raise ValueError(f"threads must be 0 (automatic) or positive, not {requested}")
    return requested or idle_cores()
