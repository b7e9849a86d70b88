"""SQLite store under the nightly workflow: caches, runs and editors' review decisions.

Input: records from the pipeline (Article, Sentence, Fact, vectors, NLI scores, Discrepancy).
Output: the same records back from cache, and discrepancies with a review ``status`` so a
report shows only what is new or still open, never what an editor already dismissed.

Conventions borrowed from sqlite-utils: ``transaction()`` nests as savepoints like
``Database.atomic``, and the schema grows by named migrations recorded in a ``migrations``
table, each applied in its own transaction. ``PRAGMA user_version`` is the schema version,
so an older factcheck refuses a store written by a newer one before touching it.

>>> import tempfile, pathlib
>>> with Store.open(pathlib.Path(tempfile.mkdtemp()) / "fc.db") as store:
...     run = store.start_run("corpus/")
...     store.finish_run(run, {"articles": 2})
...     store.last_run()["stats"]
{'articles': 2}
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import functools
import getpass
import itertools
import json
import os
import pickle
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TypeVar

import numpy as np

from factcheck.errors import StoreError
from factcheck.records import Article, Discrepancy, Fact, Kind, Sentence
from factcheck.store_stories import StoryStore
from factcheck.common import replace_file, utc_now

if TYPE_CHECKING:
    import pandas as pd


class ReviewConflict(StoreError):
    """Another reviewer decided on the same discrepancy after this reviewer's page was loaded."""

__all__ = ["SCHEMA_VERSION", "STATUSES", "Store"]

# Stored statuses; "new" is derived: open and first seen by the corpus's latest recorded run.
STATUSES = ("new", "open", "confirmed", "dismissed", "retired")
DECISIONS = ("confirmed", "dismissed", "open")  # "open" undoes a review
DECISION_WORDS = {"confirmed": "confirmed", "dismissed": "dismissed", "open": "reopened"}
BUSY_TIMEOUT_MS = 10_000

# --- migrations ----------------------------------------------------------------------------
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


SCHEMA_VERSION = len(MIGRATIONS)

# --- helpers -------------------------------------------------------------------------------

T = TypeVar("T")


_now = utc_now


def default_reviewer() -> str:
    """Who made a decision when nobody said: the OS user (``--reviewer`` overrides it)."""
    try:
        return getpass.getuser()
    except Exception:  # no user name in a bare container
        return "unknown"


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _sql_errors(method: Callable[..., T]) -> Callable[..., T]:
    """Turn sqlite3 errors into one-line StoreErrors that name the db and say what to do."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    return wrapper


_replace_file = replace_file


class Store(StoryStore):
    """One SQLite file per newsroom corpus (or several corpora); open with ``Store.open``."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self.conn = conn
        self._savepoints = itertools.count()
        self._temp_tables = itertools.count()

    # --- opening, closing, migrations -----------------------------------------------------

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating if needed) and migrate; refuse a store from a newer factcheck.

        The version check runs before any write (WAL switch, migration), so a refused store
        is left byte-for-byte as it was.
        """
        path = Path(path)
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a factcheck store; pass a file path as --db")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open store {path}: {exc}; check the --db path") from exc
        store = cls(path, conn)
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            if found > SCHEMA_VERSION:
                raise StoreError(
                    f"{path} was written by a newer factcheck (schema {found} > {SCHEMA_VERSION}); "
                    "upgrade factcheck or use another --db"
                )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: safe against kill -9
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA temp_store = MEMORY")  # lookup-key tables never touch disk
            store._migrate()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(
                f"{path} is not a usable factcheck store ({exc}); pass another --db"
            ) from exc
        except BaseException:
            conn.close()
            raise
        return store

    def _migrate(self) -> None:
        for version, (name, apply) in enumerate(MIGRATIONS, start=1):
            # Re-checked inside BEGIN IMMEDIATE: two processes opening a fresh store race here.
            with self.transaction():
                if self.conn.execute("PRAGMA user_version").fetchone()[0] >= version:
                    continue
                self.conn.execute(
                    "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
                try:
                    apply(self.conn)
                except sqlite3.Error as exc:
                    raise StoreError(
                        f"migration {name} failed on {self.path} ({exc}); the store is unchanged, "
                        "report this as a factcheck bug"
                    ) from exc
                self.conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
                self.conn.execute(f"PRAGMA user_version = {version}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.path}>"

    def _error(self, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        if "locked" in text or "busy" in text:
            return StoreError(f"{self.path} is busy: another factcheck process is writing to it; try again later")
        if "full" in text or "disk I/O" in text or "readonly" in text:
            return StoreError(f"cannot write {self.path} ({text}); free disk space, fix permissions or use another --db")
        return StoreError(f"store {self.path}: {text}; rerun with --debug and report it")

    # --- transactions and the run lock -----------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing writes; nested calls become savepoints (like sqlite-utils' atomic).

        The outermost level takes the write lock up front (BEGIN IMMEDIATE), so a reader never
        has to be upgraded to a writer half-way and fail with "database is locked".
        """
        conn = self.conn
        if conn.in_transaction:
            name = f"fc_sp{next(self._savepoints)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                conn.execute(f"ROLLBACK TO {name}")
                conn.execute(f"RELEASE {name}")
                raise
            conn.execute(f"RELEASE {name}")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
                conn.execute("ROLLBACK")
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise self._error(exc) from exc

    @contextlib.contextmanager
    def run_lock(self, timeout: float = 0.0) -> Iterator[None]:
        """One run at a time per store: an flock on ``<db>.lock`` that dies with the process.

        Review commands don't take it (WAL lets them write between a run's transactions).
        """
        lock_path = self.path.with_name(self.path.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + max(timeout, 0.0)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
                        raise StoreError(
                            f"another factcheck run is using {self.path} (lock held by pid {holder}); "
                            "try again later"
                        ) from None
                    time.sleep(min(0.05, max(deadline - time.monotonic(), 0.0)))
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            try:
                yield
            finally:
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    # --- runs --------------------------------------------------------------------------------

    @_sql_errors
    def start_run(self, corpus: str) -> str:
        """New run id: UTC timestamp + counter, strictly increasing so ids sort by age."""
        with self.transaction():
            stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            last = self.conn.execute("SELECT max(id) FROM runs").fetchone()[0]
            counter = 1
            if last and last[: len(stamp)] >= stamp:  # same second, or the clock went back
                stamp = last[: len(stamp)]
                tail = last[len(stamp) + 1 :]
                counter = int(tail) + 1 if tail.isdigit() else 1
            run_id = f"{stamp}-{counter:04d}"
            self.conn.execute(
                "INSERT INTO runs (id, corpus, pid, started_at) VALUES (?, ?, ?, ?)",
                (run_id, corpus, os.getpid(), _now()),
            )
        return run_id

    @_sql_errors
    def finish_run(self, run_id: str, stats: dict[str, Any]) -> None:
        with self.transaction():
            cur = self.conn.execute(
                "UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?",
                (_now(), json.dumps(stats, default=str, sort_keys=True), run_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no run {run_id} in {self.path}; start it with start_run()")

    @_sql_errors
    def last_run(self, corpus: str | None = None, *, finished: bool = True) -> dict[str, Any] | None:
        """The latest finished run (of ``corpus``, if given); ``finished=False`` includes killed ones."""
        where = ["1"]
        params: list[Any] = []
        if corpus is not None:
            where.append("corpus = ?")
            params.append(corpus)
        if finished:
            where.append("finished_at IS NOT NULL")
        row = self.conn.execute(
            f"SELECT id, corpus, pid, started_at, finished_at, stats FROM runs WHERE {' AND '.join(where)} "
            "ORDER BY id DESC LIMIT 1",
            params,
        ).fetchone()
        if row is None:
            return None
        keys = ("id", "corpus", "pid", "started_at", "finished_at", "stats")
        run = dict(zip(keys, row))
        run["stats"] = json.loads(run["stats"]) if run["stats"] else None
        return run

    # --- article analysis cache --------------------------------------------------------------

    @_sql_errors
    def article_digests(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT id, digest FROM articles"))

    @_sql_errors
    def load_analysis(
        self, article_id: str, digest: str, *, version: str = ""
    ) -> tuple[list[Sentence], dict[str, list[Fact]]] | None:
        """Sentences and facts saved for this exact text, or None (a miss: analyse again).

        ``version`` lets the pipeline invalidate the cache when segmenting/extraction code
        changes; a pickle that no longer loads (records changed shape) is also a miss.
        """
        row = self.conn.execute(
            "SELECT sentences, facts FROM articles WHERE id = ? AND digest = ? AND version = ?",
            (article_id, digest, version),
        ).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0]), pickle.loads(row[1])
        except Exception:  # stale pickle from an older factcheck: recompute, don't crash
            return None

    @_sql_errors
    def save_analysis(
        self,
        article: Article,
        sentences: list[Sentence],
        facts: dict[str, list[Fact]],
        *,
        version: str = "",
    ) -> None:
        """Replace whatever was cached for ``article.id`` (an edited article has a new digest)."""
        published = article.published.isoformat() if article.published else None
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO articles (id, digest, version, title, source, published, published_inferred,"
                " path, sentences, facts, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, article.digest, version, article.title, article.source, published,
                    int(article.published_inferred), article.path, pickle.dumps(list(sentences), pickle.HIGHEST_PROTOCOL),
                    pickle.dumps(dict(facts), pickle.HIGHEST_PROTOCOL), _now(),
                ),
            )

    # --- embedding and NLI caches ------------------------------------------------------------

    @contextlib.contextmanager
    def _keys(self, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> Iterator[str]:
        """A temp table of lookup keys: one indexed join instead of thousands of IN lists."""
        name = f"fc_keys{next(self._temp_tables)}"
        cols = ", ".join(f"{c} TEXT NOT NULL" for c in columns)
        # Outside a transaction every inserted key would be its own commit (5x slower); a
        # deferred BEGIN batches them without taking the store's write lock.
        own = not self.conn.in_transaction
        if own:
            self.conn.execute("BEGIN")
        try:
            self.conn.execute(f"CREATE TEMP TABLE {name} ({cols}, PRIMARY KEY ({', '.join(columns)})) WITHOUT ROWID")
            try:
                marks = ", ".join("?" for _ in columns)
                self.conn.executemany(f"INSERT OR IGNORE INTO temp.{name} VALUES ({marks})", rows)
                yield f"temp.{name}"
            finally:
                self.conn.execute(f"DROP TABLE temp.{name}")
        finally:
            if own and self.conn.in_transaction:
                self.conn.execute("COMMIT")

    @_sql_errors
    def cached_embeddings(self, model: str, sentence_ids: list[str]) -> dict[str, np.ndarray]:
        if not sentence_ids:
            return {}
        with self._keys(["sentence_id"], ((s,) for s in sentence_ids)) as keys:
            rows = self.conn.execute(
                f"SELECT e.sentence_id, e.vector FROM {keys} k JOIN embeddings e"
                " ON e.model = ? AND e.sentence_id = k.sentence_id",
                (model,),
            ).fetchall()
        return {sid: np.frombuffer(blob, dtype=np.float32).copy() for sid, blob in rows}

    @_sql_errors
    def save_embeddings(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        def rows() -> Iterator[tuple[str, str, int, bytes]]:
            for sid, vec in vectors.items():
                arr = np.ascontiguousarray(vec, dtype=np.float32).ravel()
                yield model, sid, arr.size, arr.tobytes()

        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO embeddings (model, sentence_id, dim, vector) VALUES (?, ?, ?, ?)", rows()
            )

    @_sql_errors
    def cached_nli(self, model: str, keys: list[tuple[str, str]]) -> dict[tuple[str, str], np.ndarray]:
        """(premise_id, hypothesis_id) -> 3 probabilities, for the directions already scored."""
        if not keys:
            return {}
        with self._keys(["premise", "hypothesis"], keys) as table:
            rows = self.conn.execute(
                f"SELECT n.premise, n.hypothesis, n.probs FROM {table} k JOIN nli n"
                " ON n.model = ? AND n.premise = k.premise AND n.hypothesis = k.hypothesis",
                (model,),
            ).fetchall()
        return {(p, h): np.frombuffer(blob, dtype=np.float32).copy() for p, h, blob in rows}

    @_sql_errors
    def save_nli(self, model: str, scores: dict[tuple[str, str], np.ndarray]) -> None:
        def rows() -> Iterator[tuple[str, str, str, bytes]]:
            for (premise, hypothesis), probs in scores.items():
                arr = np.ascontiguousarray(probs, dtype=np.float32).ravel()
                if arr.size != 3:
                    raise ValueError(f"NLI scores for {premise}->{hypothesis} have {arr.size} values, not 3")
                yield model, premise, hypothesis, arr.tobytes()

        with self.transaction():
            self.conn.executemany(
                "INSERT OR REPLACE INTO nli (model, premise, hypothesis, probs) VALUES (?, ?, ?, ?)", rows()
            )

    # --- discrepancies and review ------------------------------------------------------------

    @_sql_errors
    def record_discrepancies(
        self, run_id: str, corpus: str, found: list[Discrepancy], checked_article_ids: set[str]
    ) -> list[Discrepancy]:
        """Upsert this run's findings and return the ones to report, with ``status`` set.

        new: first seen by this run; open: seen before, not reviewed; confirmed: an editor
        agreed. Dismissed ones are left out while both sentences are unchanged (same id).
        An open one of this corpus not found again, with one of its articles re-checked in
        this run, is retired: its sentences changed or the judges no longer flag it.
        """
        best: dict[str, Discrepancy] = {}
        for d in found:
            if d.id not in best or d.confidence > best[d.id].confidence:
                best[d.id] = d
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone() is None:
                raise StoreError(f"no run {run_id} in {self.path}; start it with start_run()")
            with self._keys(["id"], ((i,) for i in best)) as keys:
                known = {
                    row[0]: (row[1], row[2])
                    for row in self.conn.execute(
                        f"SELECT d.id, d.status, d.first_seen FROM {keys} k JOIN discrepancies d ON d.id = k.id"
                    )
                }
            reported: list[Discrepancy] = []
            for d in found:
                if best.get(d.id) is not d:
                    continue  # a duplicate id: only the most confident copy is kept
                status, first_seen = known.get(d.id, ("open", run_id))
                if status == "retired":  # an article reverted to the flagged text
                    status = "open"
                self._upsert(d, run_id, corpus, status, first_seen)
                if status == "dismissed":
                    continue
                shown = "new" if status == "open" and first_seen == run_id else status
                reported.append(dataclasses.replace(d, status=shown, first_seen=first_seen))
            with self._keys(["id"], ((a,) for a in checked_article_ids)) as checked:
                self.conn.execute(
                    "UPDATE discrepancies SET status = 'retired', retired_at = ? WHERE corpus = ? AND"
                    " status = 'open' AND last_seen <> ? AND (a_article IN (SELECT id FROM"
                    f" {checked}) OR b_article IN (SELECT id FROM {checked}))",
                    (run_id, corpus, run_id),
                )
            self.conn.execute("UPDATE runs SET recorded_at = ? WHERE id = ?", (_now(), run_id))
        return reported

    def _upsert(self, d: Discrepancy, run_id: str, corpus: str, status: str, first_seen: str) -> None:
        stored = dataclasses.replace(d, status=status, first_seen=first_seen)
        self.conn.execute(
            "INSERT INTO discrepancies (id, corpus, status, kind, confidence, a_article, a_sentence_id,"
            " a_sentence, b_article, b_sentence_id, b_sentence, a_value, b_value, explanation,"
            " first_seen, last_seen, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET corpus = excluded.corpus, status = excluded.status,"
            " kind = excluded.kind, confidence = excluded.confidence, a_value = excluded.a_value,"
            " b_value = excluded.b_value, explanation = excluded.explanation,"
            " last_seen = excluded.last_seen, retired_at = NULL, record = excluded.record",
            (
                d.id, corpus, status, str(d.kind), float(d.confidence), d.a.article_id, d.a.id, d.a.text,
                d.b.article_id, d.b.id, d.b.text, d.a_value, d.b_value, d.explanation,
                first_seen, run_id, pickle.dumps(stored, pickle.HIGHEST_PROTOCOL),
            ),
        )

    @_sql_errors
    def review(self, discrepancy_id: str, decision: str, note: str | None = None,
               reviewer: str | None = None, seen_decisions: int | None = None) -> dict[str, Any]:
        """Record an editor's decision; a dismissal must say why, for the next editor.

        ``decision`` is "confirmed" or "dismissed" ("open" undoes a review). The decision and
        its line in the history (who: ``reviewer`` or the OS user) commit together, before
        this returns. ``seen_decisions``: how many decisions the reviewer's page showed; if
        another reviewer decided since, nothing is written (no silent overwrite). Returns the row.
        """
        if decision not in DECISIONS:
            raise StoreError(f"unknown decision {decision!r} for {discrepancy_id}; use confirmed or dismissed")
        note = note.strip() if note else None
        if decision == "dismissed" and not note:
            raise StoreError(f"dismissing {discrepancy_id} needs a note saying why (--note TEXT)")
        reviewer = (reviewer or "").strip() or default_reviewer()
        now = _now()
        with self.transaction():
            if seen_decisions is not None:
                self._check_unchanged(discrepancy_id, seen_decisions)
            cur = self.conn.execute(
                "UPDATE discrepancies SET status = ?, note = ?, reviewed_at = ?, reviewer = ? WHERE id = ?",
                (decision, note, None if decision == "open" else now, None if decision == "open" else reviewer,
                 discrepancy_id),
            )
            if cur.rowcount == 0:
                raise StoreError(f"no discrepancy {discrepancy_id} in {self.path}; see `factcheck review list`")
            self.conn.execute(
                "INSERT INTO review_history (discrepancy_id, decided_at, reviewer, decision, note) VALUES (?, ?, ?, ?, ?)",
                (discrepancy_id, now, reviewer, decision, note),
            )
        rows = self._select("WHERE id = ?", [discrepancy_id])
        return rows[0]

    def _check_unchanged(self, discrepancy_id: str, seen_decisions: int) -> None:
        count = self.conn.execute("SELECT count(*) FROM review_history WHERE discrepancy_id = ?",
                                  (discrepancy_id,)).fetchone()[0]
        if count != seen_decisions:
            last = self.conn.execute(
                "SELECT decision, reviewer, decided_at FROM review_history WHERE discrepancy_id = ? ORDER BY seq DESC"
                " LIMIT 1", (discrepancy_id,)).fetchone()
            raise ReviewConflict(f"{discrepancy_id} was just {DECISION_WORDS[last[0]]} by {last[1]} at {last[2]}; "
                                 "nothing was saved: read their decision, then decide again")

    @_sql_errors
    def history(self, discrepancy_id: str) -> list[dict[str, Any]]:
        """Every decision on one discrepancy, oldest first."""
        keys = ("decided_at", "reviewer", "decision", "note")
        rows = self.conn.execute(
            f"SELECT {', '.join(keys)} FROM review_history WHERE discrepancy_id = ? ORDER BY seq", (discrepancy_id,)
        )
        return [dict(zip(keys, row)) for row in rows]

    @_sql_errors
    def reviews(self, discrepancy_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> {reviewer, note, reviewed_at} for the reviewed ones among ``discrepancy_ids`` (for reports)."""
        with self._keys(["id"], ((i,) for i in discrepancy_ids)) as keys:
            rows = self.conn.execute(
                f"SELECT d.id, d.reviewer, d.note, d.reviewed_at FROM {keys} k JOIN discrepancies d ON d.id = k.id"
                " WHERE d.reviewed_at IS NOT NULL OR d.note IS NOT NULL"
            ).fetchall()
        return {i: {"reviewer": who, "note": note, "reviewed_at": when} for i, who, note, when in rows}

    @_sql_errors
    def dismissed_in_run(self, run_id: str) -> list[dict[str, Any]]:
        """The dismissed discrepancies this run found again (and left out): for the report's note of them."""
        keep = ("id", "kind", "a_article", "b_article", "explanation", "reviewer", "note", "reviewed_at")
        return [{k: row[k] for k in keep} for row in self._select("WHERE status = 'dismissed' AND last_seen = ?", [run_id])]

    @_sql_errors
    def discrepancy(self, discrepancy_id: str) -> tuple[dict[str, Any], Discrepancy | None] | None:
        """One row as ``list_discrepancies`` shows it, plus its full record (spans, and any later fields)."""
        rows = self._select("WHERE id = ?", [discrepancy_id])
        return (rows[0], self.records([discrepancy_id]).get(discrepancy_id)) if rows else None

    @_sql_errors
    def records(self, discrepancy_ids: Iterable[str]) -> dict[str, Discrepancy]:
        """id -> the stored Discrepancy record; a record an older factcheck pickled is left out."""
        out = {}
        with self._keys(["id"], ((i,) for i in discrepancy_ids)) as keys:
            rows = self.conn.execute(f"SELECT d.id, d.record FROM {keys} k JOIN discrepancies d ON d.id = k.id").fetchall()
        for did, blob in rows:
            try:
                out[did] = pickle.loads(blob)
            except Exception:  # the row alone still reviews fine
                continue
        return out

    @_sql_errors
    def articles(self, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id -> title, source, published, published_inferred, path (what a reviewer needs to see)."""
        keys = ("id", "title", "source", "published", "published_inferred", "path")
        with self._keys(["id"], ((i,) for i in article_ids)) as table:
            rows = self.conn.execute(
                f"SELECT {', '.join('a.' + k for k in keys)} FROM {table} t JOIN articles a ON a.id = t.id"
            ).fetchall()
        out = {row[0]: dict(zip(keys, row)) for row in rows}
        for meta in out.values():
            meta["published_inferred"] = bool(meta["published_inferred"])
        return out

    _SHOWN = (
        "CASE WHEN d.status = 'open' AND d.first_seen = (SELECT max(r.id) FROM runs r"
        " WHERE r.corpus = d.corpus AND r.recorded_at IS NOT NULL) THEN 'new' ELSE d.status END"
    )
    _COLUMNS = (
        "id", "status", "kind", "confidence", "corpus", "a_article", "b_article", "a_sentence",
        "b_sentence", "a_value", "b_value", "explanation", "note", "reviewer", "reviewed_at", "first_seen",
        "last_seen", "a_sentence_id", "b_sentence_id",
    )

    def _select(self, where: str, params: list[Any]) -> list[dict[str, Any]]:
        cols = ", ".join(self._SHOWN + " AS status" if c == "status" else f"d.{c}" for c in self._COLUMNS)
        sql = f"SELECT * FROM (SELECT {cols} FROM discrepancies d) {where} ORDER BY confidence DESC, id"
        return [dict(zip(self._COLUMNS, row)) for row in self.conn.execute(sql, params)]

    @_sql_errors
    def list_discrepancies(self, status: str | None = None, kind: str | None = None,
                           min_confidence: float | None = None) -> pd.DataFrame:
        """Every discrepancy (all statuses unless filtered), most confident first, for review."""
        import pandas as pd

        clauses, params = [], []
        if status is not None:
            if status not in STATUSES:
                raise StoreError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
            clauses.append("status = ?")
            params.append(status)
        if kind is not None:
            kinds = [str(k) for k in Kind]
            if str(kind) not in kinds:
                raise StoreError(f"unknown kind {kind!r}; use one of {', '.join(kinds)}")
            clauses.append("kind = ?")
            params.append(str(kind))
        if min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(float(min_confidence))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return pd.DataFrame(self._select(where, params), columns=list(self._COLUMNS))

    def export_csv(self, path: str | Path) -> Path:
        """All discrepancies with their review decisions, for a spreadsheet (temp file + rename)."""
        frame = self.list_discrepancies()
        return _replace_file(Path(path), lambda tmp: frame.to_csv(tmp, index=False))

    @_sql_errors
    def stats(self) -> dict[str, int]:
        """Counts by shown status (new/open/confirmed/dismissed/retired) for the report summary."""
        counts = dict.fromkeys(STATUSES, 0)
        sql = f"SELECT {self._SHOWN} AS s, count(*) FROM discrepancies d GROUP BY s"
        for status, n in self.conn.execute(sql):
            counts[status] = n
        return counts
