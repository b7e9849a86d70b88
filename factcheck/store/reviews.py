"""Discrepancies and editors' decisions in the store: record a run's flags, review, history, export.

A mixin of ``Store`` (uses its ``conn``, ``transaction`` and ``_keys``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from factcheck.errors import StoreError
from factcheck.records import Discrepancy, Kind

from . import codec
from .base import DECISION_WORDS, DECISIONS, STATUSES, ReviewConflict, _now, _replace_file, _sql_errors, default_reviewer

if TYPE_CHECKING:
    import pandas as pd


class ReviewStore:
    """Discrepancy and review methods of ``Store``."""

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
                first_seen, run_id, codec.dumps(stored),
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
        """id -> the stored Discrepancy record; a record that no longer loads (or none, "null") is left out."""
        out = {}
        with self._keys(["id"], ((i,) for i in discrepancy_ids)) as keys:
            rows = self.conn.execute(f"SELECT d.id, d.record FROM {keys} k JOIN discrepancies d ON d.id = k.id").fetchall()
        for did, blob in rows:
            try:
                record = codec.loads(blob)
            except Exception:  # the row alone still reviews fine
                continue
            if record is not None:
                out[did] = record
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
