"""The store's schema as named migrations, applied in order; the schema version is their count.

Append only: never edit a released migration, add a new one (m004 follows m001..m003).
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable

from . import codec

# Append only: never edit a released migration, add a new one. The schema version is the
# number of migrations, stored in PRAGMA user_version by the migration that reaches it.

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


@migration
def m001_initial(conn: sqlite3.Connection) -> None:
    for sql in (
        """CREATE TABLE runs (
            id TEXT PRIMARY KEY, corpus TEXT NOT NULL, pid INTEGER,
            started_at TEXT NOT NULL, recorded_at TEXT, finished_at TEXT, stats TEXT)""",
        "CREATE INDEX runs_corpus ON runs (corpus, id)",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, digest TEXT NOT NULL, version TEXT NOT NULL DEFAULT '',
            title TEXT, source TEXT, published TEXT, path TEXT,
            sentences BLOB NOT NULL, facts BLOB NOT NULL, saved_at TEXT NOT NULL)""",
        """CREATE TABLE embeddings (
            model TEXT NOT NULL, sentence_id TEXT NOT NULL, dim INTEGER NOT NULL,
            vector BLOB NOT NULL, PRIMARY KEY (model, sentence_id)) WITHOUT ROWID""",
        """CREATE TABLE nli (
            model TEXT NOT NULL, premise TEXT NOT NULL, hypothesis TEXT NOT NULL,
            probs BLOB NOT NULL, PRIMARY KEY (model, premise, hypothesis)) WITHOUT ROWID""",
        """CREATE TABLE discrepancies (
            id TEXT PRIMARY KEY, corpus TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'dismissed', 'retired')),
            kind TEXT NOT NULL, confidence REAL NOT NULL,
            a_article TEXT NOT NULL, a_sentence_id TEXT NOT NULL, a_sentence TEXT NOT NULL,
            b_article TEXT NOT NULL, b_sentence_id TEXT NOT NULL, b_sentence TEXT NOT NULL,
            a_value TEXT, b_value TEXT, explanation TEXT NOT NULL,
            note TEXT, reviewed_at TEXT,
            first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, retired_at TEXT,
            record BLOB NOT NULL)""",
        "CREATE INDEX discrepancies_corpus_status ON discrepancies (corpus, status)",
    ):
        conn.execute(sql)


@migration
def m002_stories(conn: sqlite3.Connection) -> None:
    from factcheck.store_stories import migrate_stories

    migrate_stories(conn)


@migration
def m003_review_history(conn: sqlite3.Connection) -> None:
    """Who decided what, when and why: every review kept, not just the latest."""
    conn.execute("ALTER TABLE discrepancies ADD COLUMN reviewer TEXT")
    conn.execute("ALTER TABLE articles ADD COLUMN published_inferred INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        """CREATE TABLE review_history (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, discrepancy_id TEXT NOT NULL, decided_at TEXT NOT NULL,
            reviewer TEXT, decision TEXT NOT NULL, note TEXT)"""
    )
    conn.execute("CREATE INDEX review_history_discrepancy ON review_history (discrepancy_id, seq)")


@migration
def m004_json_records(conn: sqlite3.Connection) -> None:
    """Cached analyses and discrepancy records as JSON text (``store.codec``) instead of pickles.

    A row whose pickle no longer loads (written by an older factcheck whose records had another
    shape) becomes JSON ``null``: an analysis cache miss, a discrepancy without its full record,
    exactly how such rows behaved before.
    """
    def convert(blob: bytes) -> str:
        try:
            return codec.dumps(pickle.loads(blob))  # noqa: S301 - our own rows, read once to convert them
        except Exception:  # noqa: BLE001 - any stale pickle: keep the row, drop what cannot be read
            return "null"

    rows = conn.execute("SELECT id, sentences, facts FROM articles").fetchall()
    conn.executemany("UPDATE articles SET sentences = ?, facts = ? WHERE id = ?",
                     [(convert(s), convert(f), i) for i, s, f in rows])
    rows = conn.execute("SELECT id, record FROM discrepancies").fetchall()
    conn.executemany("UPDATE discrepancies SET record = ? WHERE id = ?", [(convert(r), i) for i, r in rows])


SCHEMA_VERSION = len(MIGRATIONS)
