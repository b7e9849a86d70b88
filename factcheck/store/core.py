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
import datetime as dt
import fcntl
import itertools
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from factcheck.errors import StoreError
from factcheck.store_stories import StoryStore

from .base import BUSY_TIMEOUT_MS, _now, _sql_errors
from .caches import CacheStore
from .migrations import MIGRATIONS, SCHEMA_VERSION
from .reviews import ReviewStore



class Store(CacheStore, ReviewStore, StoryStore):
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
