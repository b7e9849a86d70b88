"""Fixtures for the review server: a store filled by hand, and a real server process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

import factcheck
from factcheck.records import Article, Discrepancy, Kind, Sentence
from factcheck.store import Store

ROOT = Path(factcheck.__file__).resolve().parent.parent
EVIL_TITLE = '<script>window.pwned = 1</script>Summit'
EVIL_SENTENCE = 'The summit was held on February 5 "><img src=x onerror="window.pwned=1"> <script>window.pwned=2</script>.'


def sentence(article_id: str, text: str) -> Sentence:
    return Sentence(id=Sentence.make_id(article_id, text), article_id=article_id, index=0, start=0, end=len(text),
                    text=text)


def discrepancy(a: Sentence, b: Sentence, kind: Kind = Kind.DATE, confidence: float = 0.9,
                explanation: str = "dates differ") -> Discrepancy:
    return Discrepancy(id=Discrepancy.make_id(a, b), kind=kind, confidence=confidence, a=a, b=b,
                       a_value="2023-02-05", b_value="2023-02-06", explanation=explanation, a_span=(23, 33),
                       b_span=(23, 33))


def fill(store: Store, found: list[Discrepancy], articles: list[Article], corpus: str = "corpus") -> str:
    run = store.start_run(corpus)
    for article in articles:
        store.save_analysis(article, [], {})
    store.record_discrepancies(run, corpus, found, {a.id for a in articles})
    store.finish_run(run, {"articles": len(articles)})
    return run


A = sentence("wire", EVIL_SENTENCE)
B = sentence("daily", "The summit was held on February 6 in Berlin.")
C = sentence("wire", "Nearly 300 people attended the summit.")
D = sentence("daily", "About 450 people attended the summit.")
ARTICLES = [Article(id="wire", text="x", title=EVIL_TITLE, source="Wire & Co", published=None, path="c/wire.txt"),
            Article(id="daily", text="y", title="Talks end", source="Daily",
                    published=__import__("datetime").date(2023, 2, 8), published_inferred=True, path="c/daily.md")]
FOUND = [discrepancy(A, B), discrepancy(C, D, Kind.NUMBER, 0.7, "counts differ: 300 vs 450")]


@pytest.fixture
def review_db(tmp_path) -> Path:
    path = tmp_path / "reports" / "factcheck.sqlite"
    with Store.open(path) as store:
        fill(store, FOUND, ARTICLES)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(review_db):
    """`factcheck serve` in its own process (so a test can kill -9 it); yields (base url, process, db)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", "from factcheck.cli import app; app()", "serve", "--db",
                             str(review_db), "--port", str(port), "--reviewer", "ann"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"server exited: {proc.stderr.read()}")
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("server did not start in 60 s")
    yield f"http://127.0.0.1:{port}", proc, review_db
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=10)
