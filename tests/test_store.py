"""Store: migrations, refusal of newer schemas, the run lock, crash safety, caches and review."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import factcheck
import factcheck.store.core as store_mod  # where Store.open reads MIGRATIONS and SCHEMA_VERSION
from factcheck.errors import StoreError
from factcheck.records import Article, DateSpan, Discrepancy, Fact, Kind, Sentence
from factcheck.store import SCHEMA_VERSION, Store

ROOT = Path(factcheck.__file__).resolve().parent.parent


# --- helpers: records built by hand -------------------------------------------------------------


def sent(article_id: str, text: str, index: int = 0) -> Sentence:
    return Sentence(id=Sentence.make_id(article_id, text), article_id=article_id, index=index,
                    start=0, end=len(text), text=text)


def disc(a: Sentence, b: Sentence, kind: Kind = Kind.DATE, confidence: float = 0.9) -> Discrepancy:
    return Discrepancy(id=Discrepancy.make_id(a, b), kind=kind, confidence=confidence, a=a, b=b,
                       a_value="2023-02-05", b_value="2023-02-06", explanation="dates differ",
                       a_span=(0, 3), b_span=(0, 3))


A1 = sent("art-a", "The summit was held on February 5.")
B1 = sent("art-b", "The summit was held on February 6.")
C1 = sent("art-c", "Nearly 300 people attended the summit.")
D1 = sent("art-d", "About 450 people attended the summit.")


@pytest.fixture
def store(tmp_path):
    with Store.open(tmp_path / "fc.db") as s:
        yield s


def child(code: str, *args: str) -> subprocess.Popen:
    """A separate Python process running ``code`` against the store (a real second process)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def expect_line(proc: subprocess.Popen, wanted: str) -> None:
    line = proc.stdout.readline().strip()
    if line != wanted:
        proc.kill()
        pytest.fail(f"child said {line!r}, not {wanted!r}; stderr: {proc.stderr.read()}")


# --- opening and migrations -------------------------------------------------------------------


def test_store_open_creates_parents_and_applies_migrations(tmp_path):
    path = tmp_path / "nested" / "dir" / "fc.db"
    with Store.open(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        names = [r[0] for r in s.conn.execute("SELECT name FROM migrations ORDER BY name")]
        assert names == [name for name, _ in store_mod.MIGRATIONS]
    with Store.open(path) as s:  # reopening applies nothing twice
        assert s.conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == SCHEMA_VERSION


def test_store_migration_added_later_is_applied_once_and_keeps_data(tmp_path, monkeypatch):
    path = tmp_path / "fc.db"
    with Store.open(path) as s:
        run = s.start_run("corpus")

    def m999_add_column(conn):
        conn.execute("ALTER TABLE runs ADD COLUMN host TEXT")

    monkeypatch.setattr(store_mod, "MIGRATIONS", [*store_mod.MIGRATIONS, ("m999_add_column", m999_add_column)])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    for _ in range(2):
        with Store.open(path) as s:
            assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
            assert s.conn.execute("SELECT id, host FROM runs").fetchall() == [(run, None)]
            assert s.conn.execute("SELECT count(*) FROM migrations WHERE name = 'm999_add_column'").fetchone()[0] == 1


def test_store_failing_migration_rolls_back_completely(tmp_path, monkeypatch):
    path = tmp_path / "fc.db"
    Store.open(path).close()

    def m999_broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("THIS IS NOT SQL")

    monkeypatch.setattr(store_mod, "MIGRATIONS", [*store_mod.MIGRATIONS, ("m999_broken", m999_broken)])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match=r"^migration m999_broken failed on .*fc\.db .*the store is unchanged"):
        Store.open(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_store_newer_schema_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "fc.db"
    with Store.open(path) as s:
        s.start_run("corpus")
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = _snapshot(tmp_path)
    mtime = path.stat().st_mtime_ns
    with pytest.raises(StoreError) as err:
        Store.open(path)
    assert str(err.value) == (
        f"{path} was written by a newer factcheck (schema {SCHEMA_VERSION + 5} > {SCHEMA_VERSION}); "
        "upgrade factcheck or use another --db"
    )
    assert _snapshot(tmp_path) == before  # no -wal/-shm/-lock left, same bytes
    assert path.stat().st_mtime_ns == mtime


def test_store_garbage_file_is_a_clear_error(tmp_path):
    path = tmp_path / "fc.db"
    path.write_bytes(b"this is a csv file, not sqlite\n" * 100)
    with pytest.raises(StoreError, match=r"fc\.db is not a usable factcheck store .*; pass another --db$"):
        Store.open(path)


# --- transactions -------------------------------------------------------------------------------


def test_store_transaction_nests_as_savepoints(store):
    with store.transaction():
        store.save_embeddings("m", {"outer": np.ones(2)})
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.save_embeddings("m", {"inner": np.ones(2)})
                raise RuntimeError("inner fails")
        store.save_embeddings("m", {"after": np.ones(2)})
    assert set(store.cached_embeddings("m", ["outer", "inner", "after"])) == {"outer", "after"}
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save_embeddings("m", {"lost": np.ones(2)})
            raise RuntimeError("outer fails")
    assert store.cached_embeddings("m", ["lost"]) == {}
    assert not store.conn.in_transaction


# --- the run lock -------------------------------------------------------------------------------

LOCK_CHILD = """
import sys
from factcheck.store import Store
with Store.open(sys.argv[1]) as store, store.run_lock():
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_store_run_lock_second_process_fails_with_clear_message(tmp_path, store):
    proc = child(LOCK_CHILD, str(store.path))
    try:
        expect_line(proc, "locked")
        message = f"another factcheck run is using {store.path} (lock held by pid {proc.pid}); try again later"
        with pytest.raises(StoreError) as err:
            with store.run_lock():
                pass
        assert str(err.value) == message
        started = time.monotonic()
        with pytest.raises(StoreError, match="another factcheck run"):
            with store.run_lock(timeout=0.3):
                pass
        assert time.monotonic() - started >= 0.3  # it waited for the holder before giving up
    finally:
        proc.communicate("\n", timeout=30)
    with store.run_lock():  # released with the other process
        pass


def test_store_run_lock_waits_for_the_holder_to_finish(store):
    proc = child(LOCK_CHILD, str(store.path))
    try:
        expect_line(proc, "locked")
        release = threading.Timer(0.3, lambda: (proc.stdin.write("\n"), proc.stdin.flush()))
        release.start()
        with store.run_lock(timeout=30):
            assert proc.wait(timeout=30) == 0
        release.join()
    finally:
        proc.kill()
        proc.communicate()


def test_store_run_lock_excludes_a_second_store_in_the_same_process(tmp_path, store):
    with store.run_lock(), Store.open(store.path) as other:
        with pytest.raises(StoreError, match=rf"lock held by pid {os.getpid()}\)"):
            with other.run_lock():
                pass


# --- kill -9 in the middle of a big transaction -------------------------------------------------

KILL_CHILD = """
import sys
import numpy as np
from factcheck.records import Discrepancy, Kind, Sentence
from factcheck.store import Store

db, mode, chunks = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store.open(db)
store.conn.execute("PRAGMA cache_size = -64")  # tiny page cache: uncommitted pages spill into the WAL
a = Sentence(id="new-a", article_id="art-x", index=0, start=0, end=5, text="x one")
b = Sentence(id="new-b", article_id="art-y", index=0, start=0, end=5, text="y two")
found = [Discrepancy(id="child-disc", kind=Kind.NUMBER, confidence=0.8, a=a, b=b, a_value="1",
                     b_value="2", explanation="numbers differ")]
rng = np.random.default_rng(0)
with store.run_lock():
    run = store.start_run("corpus")
    with store.transaction():
        store.record_discrepancies(run, "corpus", found, {"art-x", "art-y"})
        store.review("child-disc", "confirmed", "written by the killed run")
        for chunk in range(chunks):
            store.save_embeddings("big", {f"s{chunk}-{i}": rng.random(384, dtype=np.float32) for i in range(500)})
            if chunk == 0:
                print("ready", flush=True)
                if mode == "mid":
                    sys.stdin.readline()  # parked mid-transaction until the parent kills us
    print("committed", flush=True)
    sys.stdin.readline()
"""
CHUNKS = 8


@pytest.mark.parametrize("mode, delay", [("mid", 0.0), ("race", 0.02), ("race", 0.08), ("race", 0.15), ("after", 0.0)])
def test_store_kill_9_mid_transaction_leaves_all_or_nothing(tmp_path, mode, delay):
    path = tmp_path / "fc.db"
    with Store.open(path) as s:  # review decisions made before the crash
        run = s.start_run("corpus")
        s.record_discrepancies(run, "corpus", [disc(A1, B1), disc(C1, D1, Kind.NUMBER)], {"art-a", "art-b"})
        s.review(disc(A1, B1).id, "dismissed", "same day, different time zones")
        s.review(disc(C1, D1).id, "confirmed", "one of them is wrong")
        s.finish_run(run, {"articles": 4})

    proc = child(KILL_CHILD, str(path), mode, str(CHUNKS))
    expect_line(proc, "ready")
    if mode == "mid":
        assert Path(f"{path}-wal").stat().st_size > 1_000_000  # uncommitted pages really are on disk
    elif mode == "after":
        expect_line(proc, "committed")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with Store.open(path) as s:
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        vectors = s.conn.execute("SELECT count(*) FROM embeddings WHERE model = 'big'").fetchone()[0]
        child_rows = s.conn.execute("SELECT status, note FROM discrepancies WHERE id = 'child-disc'").fetchall()
        assert vectors in (0, CHUNKS * 500)
        assert child_rows == ([("confirmed", "written by the killed run")] if vectors else [])
        if mode == "mid":
            assert vectors == 0
        if mode == "after":
            assert vectors == CHUNKS * 500
        reviewed = s.list_discrepancies().set_index("id")
        assert reviewed.loc[disc(A1, B1).id, ["status", "note"]].tolist() == ["dismissed", "same day, different time zones"]
        assert reviewed.loc[disc(C1, D1).id, ["status", "note"]].tolist() == ["confirmed", "one of them is wrong"]
        assert s.last_run()["id"] == run  # the killed run never finished
        with s.run_lock():  # the dead process's lock died with it
            later = s.start_run("corpus")
            assert s.record_discrepancies(later, "corpus", [disc(A1, B1)], {"art-a", "art-b"}) == []


# --- runs -----------------------------------------------------------------------------------------


def test_store_run_ids_sort_by_age_and_last_run(store):
    ids = [store.start_run("c1" if i % 2 else "c2") for i in range(5)]
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert store.last_run() is None  # none finished yet
    store.finish_run(ids[1], {"articles": 3, "when": dt.date(2024, 5, 1)})
    store.finish_run(ids[2], {"articles": 4})
    assert store.last_run()["id"] == ids[2]
    assert store.last_run("c1") | {"started_at": None, "finished_at": None} == {
        "id": ids[1], "corpus": "c1", "pid": os.getpid(), "started_at": None, "finished_at": None,
        "stats": {"articles": 3, "when": "2024-05-01"},
    }
    assert store.last_run("c2", finished=False)["id"] == ids[4]
    with pytest.raises(StoreError, match=r"^no run nope in .*fc\.db; start it with start_run\(\)$"):
        store.finish_run("nope", {})


# --- review round trip ----------------------------------------------------------------------------


def record(store: Store, found: list[Discrepancy], checked: set[str] = frozenset({"art-a", "art-b", "art-c", "art-d"})):
    run = store.start_run("corpus")
    return run, store.record_discrepancies(run, "corpus", found, set(checked))


def test_store_review_dismissed_never_comes_back(store):
    run1, got = record(store, [disc(A1, B1)])
    assert [(d.id, d.status, d.first_seen) for d in got] == [(disc(A1, B1).id, "new", run1)]
    row = store.review(disc(A1, B1).id, "dismissed", "  same event, local time  ")
    assert row["status"] == "dismissed" and row["note"] == "same event, local time" and row["reviewed_at"]
    for _ in range(2):
        _, got = record(store, [disc(A1, B1, confidence=0.99)])
        assert got == []
    assert store.stats() == {"new": 0, "open": 0, "confirmed": 0, "dismissed": 1, "retired": 0}


def test_store_review_confirmed_and_open_carry_over(store):
    run1, _ = record(store, [disc(A1, B1), disc(C1, D1, Kind.NUMBER)])
    store.review(disc(A1, B1).id, "confirmed", None)
    run2, got = record(store, [disc(A1, B1), disc(C1, D1, Kind.NUMBER)])
    assert {d.id: (d.status, d.first_seen) for d in got} == {
        disc(A1, B1).id: ("confirmed", run1),
        disc(C1, D1).id: ("open", run1),
    }
    assert store.stats() == {"new": 0, "open": 1, "confirmed": 1, "dismissed": 0, "retired": 0}


def test_store_edited_article_retires_its_old_discrepancy(store):
    record(store, [disc(A1, B1), disc(C1, D1, Kind.NUMBER)])
    store.review(disc(C1, D1).id, "dismissed", "known")
    a2 = sent("art-a", "The summit was held on February 6.")  # art-a corrected: new sentence id
    run2, got = record(store, [disc(a2, B1)], {"art-a", "art-b", "art-c", "art-d"})
    assert [(d.id, d.status) for d in got] == [(disc(a2, B1).id, "new")]
    frame = store.list_discrepancies()
    assert dict(zip(frame["id"], frame["status"])) == {
        disc(A1, B1).id: "retired", disc(a2, B1).id: "new", disc(C1, D1).id: "dismissed",
    }
    assert store.list_discrepancies(status="retired")["id"].tolist() == [disc(A1, B1).id]
    # The article reverted to its old text: the old discrepancy is open again, not new.
    _, got = record(store, [disc(A1, B1)])
    assert [(d.id, d.status) for d in got] == [(disc(A1, B1).id, "open")]


def test_store_discrepancy_not_retired_when_its_articles_were_not_checked(store):
    record(store, [disc(A1, B1)])
    _, got = record(store, [], checked={"art-z"})
    assert got == []
    assert store.list_discrepancies()["status"].tolist() == ["open"]


def test_store_record_keeps_one_copy_per_id_and_checks_run(store):
    _, got = record(store, [disc(A1, B1, confidence=0.6), disc(B1, A1, confidence=0.8)])
    assert [(d.id, d.confidence) for d in got] == [(disc(A1, B1).id, 0.8)]
    with pytest.raises(StoreError, match="no run missing-run"):
        store.record_discrepancies("missing-run", "corpus", [], set())


def test_store_review_errors_are_one_line_and_actionable(store):
    record(store, [disc(A1, B1)])
    with pytest.raises(StoreError) as err:
        store.review("0123456789ab", "confirmed", None)
    assert str(err.value) == f"no discrepancy 0123456789ab in {store.path}; see `factcheck review list`"
    with pytest.raises(StoreError, match=r"needs a note saying why \(--note TEXT\)$"):
        store.review(disc(A1, B1).id, "dismissed", "   ")
    with pytest.raises(StoreError, match="use confirmed or dismissed"):
        store.review(disc(A1, B1).id, "maybe", "hmm")
    store.review(disc(A1, B1).id, "dismissed", "wrong")
    assert store.review(disc(A1, B1).id, "open")["status"] == "new"  # undone: back to what it was


def test_store_list_discrepancies_filters_and_columns(store):
    record(store, [disc(A1, B1, confidence=0.7), disc(C1, D1, Kind.NUMBER, confidence=0.95)])
    frame = store.list_discrepancies()
    assert frame["id"].tolist() == [disc(C1, D1).id, disc(A1, B1).id]  # most confident first
    for column in ("kind", "confidence", "a_article", "b_article", "a_sentence", "b_sentence", "a_value",
                   "b_value", "explanation", "status", "note", "reviewed_at", "first_seen", "last_seen"):
        assert column in frame.columns
    assert store.list_discrepancies(kind="number")["id"].tolist() == [disc(C1, D1).id]
    assert store.list_discrepancies(kind=Kind.DATE)["a_sentence"].tolist() == [A1.text]
    assert store.list_discrepancies(status="confirmed").empty
    with pytest.raises(StoreError, match="unknown status 'closed'; use one of new, open, confirmed"):
        store.list_discrepancies(status="closed")
    with pytest.raises(StoreError, match="unknown kind 'colour'"):
        store.list_discrepancies(kind="colour")


def test_store_export_csv_round_trips_notes(store, tmp_path):
    record(store, [disc(A1, B1), disc(C1, D1, Kind.NUMBER)])
    store.review(disc(A1, B1).id, "dismissed", 'Editor said "fine", see memo, 2024')
    out = store.export_csv(tmp_path / "exports" / "review.csv")
    frame = pd.read_csv(out)
    assert len(frame) == 2
    assert frame.set_index("id").loc[disc(A1, B1).id, "note"] == 'Editor said "fine", see memo, 2024'
    assert [p.name for p in out.parent.iterdir()] == ["review.csv"]  # no temp file left behind


# --- caches ---------------------------------------------------------------------------------------


def test_store_analysis_cache_round_trip_and_invalidation(store):
    article = Article(id="art-a", text=A1.text, title="Summit", published=dt.date(2023, 2, 7))
    fact = Fact(sentence_id=A1.id, kind=Kind.DATE, start=23, end=33, text="February 5",
                value=DateSpan(dt.date(2023, 2, 5), dt.date(2023, 2, 5)), attrs={"rule": "month-day"})
    store.save_analysis(article, [A1], {A1.id: [fact]}, version="x1")
    assert store.article_digests() == {"art-a": article.digest}
    sentences, facts = store.load_analysis("art-a", article.digest, version="x1")
    assert sentences == [A1] and facts == {A1.id: [fact]} and facts[A1.id][0].attrs.as_dict() == {"rule": "month-day"}
    assert store.load_analysis("art-a", article.digest) is None  # extraction code changed
    assert store.load_analysis("art-a", "0" * 40, version="x1") is None

    edited = Article(id="art-a", text="The summit was held on February 6.", published=dt.date(2023, 2, 7))
    store.save_analysis(edited, [], {})
    assert store.article_digests() == {"art-a": edited.digest}
    assert store.load_analysis("art-a", article.digest, version="x1") is None
    assert store.load_analysis("art-a", edited.digest) == ([], {})
    store.conn.execute("UPDATE articles SET facts = x'00ff'")  # unreadable pickle: a miss, not a crash
    assert store.load_analysis("art-a", edited.digest) is None


def test_store_embedding_cache_round_trip(store):
    vectors = {"s1": np.arange(4, dtype=np.float64) / 3, "s2": np.ones((1, 4), dtype=np.float32)}
    store.save_embeddings("minilm", vectors)
    got = store.cached_embeddings("minilm", ["s1", "s2", "s3", "s1"])
    assert set(got) == {"s1", "s2"}
    assert got["s1"].dtype == np.float32 and got["s1"].shape == (4,)
    np.testing.assert_allclose(got["s1"], vectors["s1"], rtol=1e-6)
    got["s1"][0] = 5  # callers get their own writable copy
    assert store.cached_embeddings("other-model", ["s1"]) == {}
    assert store.cached_embeddings("minilm", []) == {}


def test_store_nli_cache_is_per_direction_and_handles_many_keys(store):
    rng = np.random.default_rng(0)
    n = 100_000
    scores = {(f"p{i}", f"h{i}"): rng.dirichlet(np.ones(3)).astype(np.float32) for i in range(n)}
    store.save_nli("nli-v1", scores)
    keys = list(scores) + [("h0", "p0"), ("p0", "h1")]  # reverse direction and a mismatch: misses
    got = store.cached_nli("nli-v1", keys)
    assert len(got) == n
    np.testing.assert_array_equal(got[("p7", "h7")], scores[("p7", "h7")])
    assert store.cached_nli("nli-v2", keys[:10]) == {}
    with pytest.raises(ValueError, match="have 2 values, not 3"):
        store.save_nli("nli-v1", {("a", "b"): np.ones(2)})
