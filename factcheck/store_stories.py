"""Stories in the store: which article belongs to which story, kept across nightly runs.

Each member row keeps the article's profile (vector, entities, metadata date), so a story's
centroid is always the sum of its current members: after an editor merges, moves or splits,
the next run compares new articles against the corrected stories. ``pinned`` members were
placed by an editor and are never reassigned by a run; every correction is logged in
``story_corrections`` (who changed what, when), like review decisions.

Mixed into ``Store``; the tables come from migration ``m002_stories``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from factcheck.errors import StoreError
from factcheck.common import utc_now
from factcheck.records import Story, as_date, content_hash


def migrate_stories(conn) -> None:
    """Schema of m002_stories (called by the migration registered in store.py)."""
    for sql in (
        """CREATE TABLE stories (
            id TEXT PRIMARY KEY, title TEXT, central TEXT, first_seen TEXT NOT NULL,
            updated_at TEXT NOT NULL, merged_into TEXT)""",
        """CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL REFERENCES stories (id),
            pinned INTEGER NOT NULL DEFAULT 0, vector BLOB NOT NULL, entities TEXT NOT NULL,
            published TEXT, assigned_at TEXT NOT NULL)""",
        "CREATE INDEX story_articles_story ON story_articles (story_id)",
        """CREATE TABLE story_corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            action TEXT NOT NULL CHECK (action IN ('merge', 'move', 'split')),
            story_id TEXT NOT NULL, target TEXT, articles TEXT, note TEXT, at TEXT NOT NULL)""",
    ):
        conn.execute(sql)


_now = utc_now


class StoryStore:
    """Story methods of ``Store`` (uses its ``conn``, ``path`` and ``transaction``)."""

    conn: Any

    def load_stories(self) -> tuple[list, dict[str, str]]:
        """(kept StoryStates with every stored member, article id -> story id for pinned members)."""
        from factcheck.stories import SUBJECT_PREFIX, StoryState
        from factcheck.story_features import PERIOD_PREFIX

        states: dict[str, StoryState] = {}
        pinned: dict[str, str] = {}
        rows = self.conn.execute(
            "SELECT s.id, s.title, s.first_seen, m.article_id, m.vector, m.entities, m.published, m.pinned"
            " FROM story_articles m JOIN stories s ON s.id = m.story_id ORDER BY s.id, m.rowid"
        ).fetchall()
        for sid, title, first_seen, article_id, blob, entities, published, pin in rows:
            vector = np.frombuffer(blob, dtype=np.float32)
            state = states.get(sid)
            if state is None:
                state = states[sid] = StoryState(sid, [], np.zeros_like(vector), first_seen=first_seen, title=title)
            state.articles.append(article_id)
            state.vector_sum = state.vector_sum + vector
            counts = json.loads(entities)
            state.entities.update({k: v for k, v in counts.items()
                                   if not k.startswith(SUBJECT_PREFIX) and not k.startswith(PERIOD_PREFIX)})
            state.subjects.update(k[len(SUBJECT_PREFIX):] for k in counts if k.startswith(SUBJECT_PREFIX))
            state.periods.update(k[len(PERIOD_PREFIX):] for k in counts if k.startswith(PERIOD_PREFIX))
            day = as_date(published)
            if day:
                state.start = min(state.start or day, day)
                state.end = max(state.end or day, day)
            if pin:
                pinned[article_id] = sid
        return list(states.values()), pinned

    def save_stories(self, stories: Sequence[Story], profiles: Iterable) -> None:
        """Upsert this run's stories and its articles' memberships; pinned rows keep their story."""
        from factcheck.stories import SUBJECT_PREFIX
        from factcheck.story_features import PERIOD_PREFIX

        with self.transaction():
            now = _now()
            for story in stories:
                self.conn.execute(
                    "INSERT INTO stories (id, title, central, first_seen, updated_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (id) DO UPDATE SET title = excluded.title, central = excluded.central,"
                    " updated_at = excluded.updated_at",
                    (story.id, story.title, story.central, story.first_seen or now, now),
                )
            home = {a: s.id for s in stories for a in s.articles}
            self.conn.executemany(
                "INSERT INTO story_articles (article_id, story_id, vector, entities, published, assigned_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET"
                " story_id = CASE WHEN pinned THEN story_id ELSE excluded.story_id END,"
                " vector = excluded.vector, entities = excluded.entities, published = excluded.published",
                [
                    (p.article_id, home[p.article_id], np.ascontiguousarray(p.vector, dtype=np.float32).tobytes(),
                     json.dumps({**Counter(p.bag), **{SUBJECT_PREFIX + w: 1 for w in sorted(p.subjects)},
                                 **{PERIOD_PREFIX + k: 1 for k in sorted(p.periods)}}),
                     p.published.isoformat() if p.published else None, now)
                    for p in profiles if p.article_id in home
                ],
            )

    def list_stories(self) -> list[dict[str, Any]]:
        """Every story with members, newest first: id, title, first_seen, articles (pinned marked)."""
        out: dict[str, dict[str, Any]] = {}
        for sid, title, first_seen, article_id, pinned in self.conn.execute(
            "SELECT s.id, s.title, s.first_seen, m.article_id, m.pinned FROM stories s"
            " JOIN story_articles m ON m.story_id = s.id ORDER BY s.first_seen DESC, s.id, m.rowid"
        ):
            story = out.setdefault(sid, {"id": sid, "title": title, "first_seen": first_seen, "articles": []})
            story["articles"].append({"id": article_id, "pinned": bool(pinned)})
        return list(out.values())

    def _story_exists(self, story_id: str) -> None:
        row = self.conn.execute("SELECT merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None:
            raise StoreError(f"no story {story_id} in {self.path}; see `factcheck story list`")
        if row[0]:
            raise StoreError(f"story {story_id} was merged into {row[0]}; use {row[0]}")

    def _log(self, action: str, story_id: str, target: str | None, articles: Sequence[str], note: str | None) -> None:
        self.conn.execute(
            "INSERT INTO story_corrections (action, story_id, target, articles, note, at) VALUES (?, ?, ?, ?, ?, ?)",
            (action, story_id, target, json.dumps(list(articles)), note, _now()),
        )

    def merge_stories(self, keep: str, other: str, note: str | None = None) -> int:
        """Every article of ``other`` moves into ``keep`` (pinned there); ``other`` is retired. Returns the count."""
        if keep == other:
            raise StoreError(f"cannot merge story {keep} into itself")
        with self.transaction():
            self._story_exists(keep)
            self._story_exists(other)
            moved = [r[0] for r in self.conn.execute("SELECT article_id FROM story_articles WHERE story_id = ?", (other,))]
            self.conn.execute("UPDATE story_articles SET story_id = ?, pinned = 1 WHERE story_id = ?", (keep, other))
            self.conn.execute("UPDATE stories SET merged_into = ?, updated_at = ? WHERE id = ?", (keep, _now(), other))
            self._log("merge", other, keep, moved, note)
        return len(moved)

    def move_article(self, article_id: str, story_id: str, note: str | None = None) -> str:
        """Put one article into a story for good (pinned); returns the story it left."""
        with self.transaction():
            self._story_exists(story_id)
            row = self.conn.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
            if row is None:
                raise StoreError(f"no article {article_id} in any story of {self.path}; see `factcheck story list`")
            self.conn.execute("UPDATE story_articles SET story_id = ?, pinned = 1 WHERE article_id = ?",
                              (story_id, article_id))
            self._log("move", row[0], story_id, [article_id], note)
        return row[0]

    def split_story(self, story_id: str, article_ids: Sequence[str], note: str | None = None) -> str:
        """The listed articles leave ``story_id`` for a new story of their own (pinned); returns its id."""
        if not article_ids:
            raise StoreError(f"split {story_id}: name at least one article to move out")
        with self.transaction():
            self._story_exists(story_id)
            members = {r[0] for r in self.conn.execute("SELECT article_id FROM story_articles WHERE story_id = ?",
                                                       (story_id,))}
            missing = [a for a in article_ids if a not in members]
            if missing:
                raise StoreError(f"article {missing[0]} is not in story {story_id}; see `factcheck story list`")
            if len(set(article_ids)) == len(members):
                raise StoreError(f"split {story_id}: leave at least one article in the story")
            new_id = "s-" + content_hash("split", story_id, *sorted(article_ids), length=10)
            now = _now()
            self.conn.execute("INSERT INTO stories (id, title, central, first_seen, updated_at) VALUES (?, NULL, ?, ?, ?)",
                              (new_id, article_ids[0], now, now))
            self.conn.executemany("UPDATE story_articles SET story_id = ?, pinned = 1 WHERE article_id = ?",
                                  [(new_id, a) for a in article_ids])
            self._log("split", story_id, new_id, list(article_ids), note)
        return new_id
