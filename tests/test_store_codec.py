"""The store writes records as JSON (store.codec), and m004 converts a store that holds pickles."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import factcheck.store.core as store_core
from factcheck.records import Article, DateSpan, Discrepancy, Fact, Kind, Quantity, Sentence
from factcheck.store import Store, codec
from factcheck.store.migrations import MIGRATIONS


def _records():
    a = Sentence("s1", "a", 0, 0, 30, "The talks were held on Monday.")
    b = Sentence("s2", "b", 0, 0, 41, "The talks on Wednesday drew 40 delegates.")
    facts = {
        "s1": [Fact("s1", Kind.DATE, 23, 29, "Monday", DateSpan(dt.date(2023, 6, 19), dt.date(2023, 6, 19),
                                                             month_day=(2023, 6, 19)),
                    attrs={"event": "talk", "participants": ("Blinken",), "names": frozenset({"x", "y"})})],
        "s2": [Fact("s2", Kind.NUMBER, 28, 30, "40", Quantity(40.0, "delegate", 38.0, 42.0), resolved=False,
                    attrs={"verb": "draw", "nested": {"k": [1, 2.5, None]}})],
    }
    found = Discrepancy("d1", Kind.DATE, 0.75, a, b, "2023-06-19", "2023-06-21", "Monday vs Wednesday",
                        a_span=(23, 29), signals={"nli": 0.5})
    return a, b, facts, found


def test_codec_round_trips_records_with_their_types():
    a, b, facts, found = _records()
    back = codec.loads(codec.dumps(facts))
    assert back == facts
    for sid in facts:  # attrs do not take part in Fact equality: compare them apart
        assert [f.attrs for f in back[sid]] == [f.attrs for f in facts[sid]]
    assert isinstance(back["s1"][0].attrs["participants"], tuple)
    assert codec.loads(codec.dumps(found)) == found and codec.loads(codec.dumps([a, b])) == [a, b]


def test_codec_refuses_what_it_cannot_bring_back():
    with pytest.raises(TypeError):
        codec.dumps({"when": object()})


def test_m004_converts_a_store_of_pickles(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    a, b, facts, found = _records()
    article = Article(id="a", text="The talks were held on Monday.", digest="d-a")
    with monkeypatch.context() as m:  # a store as factcheck wrote it before m004: rows are pickles
        m.setattr(store_core, "MIGRATIONS", MIGRATIONS[:3])
        m.setattr(store_core, "SCHEMA_VERSION", 3)
        with Store.open(path) as old:
            old.save_analysis(article, [a], {"s1": facts["s1"]}, version="v1")
            run = old.start_run("c")
            old.record_discrepancies(run, "c", [found], {"a", "b"})
            old.conn.execute("UPDATE articles SET sentences = ?, facts = ?",
                             (pickle.dumps([a]), pickle.dumps({"s1": facts["s1"]})))
            old.conn.execute("UPDATE discrepancies SET record = ?", (pickle.dumps(found),))
            old.conn.execute("INSERT INTO articles (id, digest, version, sentences, facts, saved_at)"
                             " VALUES ('stale', 'd', 'v1', x'00', x'00', 'now')")  # a pickle that cannot load
    with Store.open(path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 4
        sentences, loaded = store.load_analysis("a", "d-a", version="v1")
        assert sentences == [a] and loaded == {"s1": facts["s1"]}
        assert loaded["s1"][0].attrs == facts["s1"][0].attrs
        assert store.load_analysis("stale", "d", version="v1") is None
        assert store.records(["d1"])["d1"] == found
        raw = store.conn.execute("SELECT record FROM discrepancies").fetchone()[0]
        assert isinstance(raw, str) and raw.startswith('{"$":"Discrepancy"')
