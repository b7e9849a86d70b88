"""The store's caches: analysed articles (sentences, facts), sentence vectors and NLI scores.

A mixin of ``Store`` (uses its ``conn``, ``transaction`` and ``_keys``), so the pipeline can skip
an unchanged article and an unchanged pair on the next night.
"""

from __future__ import annotations

from typing import Iterator

import numpy as np

from factcheck.records import Article, Fact, Sentence

from . import codec
from .base import _now, _sql_errors


class CacheStore:
    """Cache methods of ``Store``."""

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
        changes; a row that no longer loads (records changed shape) is also a miss.
        """
        row = self.conn.execute(
            "SELECT sentences, facts FROM articles WHERE id = ? AND digest = ? AND version = ?",
            (article_id, digest, version),
        ).fetchone()
        if row is None:
            return None
        try:
            sentences, facts = codec.loads(row[0]), codec.loads(row[1])
        except Exception:  # a row older code wrote (records changed shape): recompute, don't crash
            return None
        if sentences is None or facts is None:  # a pickle m004 could not read
            return None
        return sentences, facts

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
                    int(article.published_inferred), article.path, codec.dumps(list(sentences)), codec.dumps(dict(facts)),
                    _now(),
                ),
            )

    # --- embedding and NLI caches ------------------------------------------------------------

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
