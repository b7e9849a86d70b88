"""Sentences + vectors -> list[CandidatePair]: related sentences across articles, never all pairs.

Judging is the expensive stage (a cross-encoder call per pair and direction), so this stage
decides what gets judged. Two sources of candidates:

* semantic neighbours: each sentence's top-k most similar sentences in *other* articles;
* fact-aware neighbours: among sentences that carry a fact of the same kind (a date, a count,
  an elapsed-time claim...), each one's top-k in other articles with a lower similarity floor,
  because "the talks on March 3" and "met on Tuesday" are about the same event while sharing
  few words.

Exact top-k is computed in row chunks (no n x n matrix in memory, like sentence-transformers'
``paraphrase_mining_embeddings``); past ``exact_limit`` sentences an HNSW index takes over.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from .records import CandidatePair, ClaimGroup, Kind, Sentence, normalise_text


def exhaustive_pair_count(sentences: Sequence[Sentence]) -> int:
    """How many cross-article sentence pairs exist: what scoring all pairs would cost."""
    per_article = Counter(s.article_id for s in sentences)
    n = len(sentences)
    return sum(k * (n - k) for k in per_article.values()) // 2


def nli_choice(pairs: Sequence[CandidatePair], min_similarity: float, max_partners: int) -> list[int]:
    """Indices (in order) of the pairs worth a cross-encoder call: at least ``min_similarity``, and each
    sentence NLI-compared with at most ``max_partners`` others, the most similar first (0: no cap).

    Why: NLI is the costliest call per pair, and in a story that grows the candidate pairs of one
    sentence grow with it; the cap keeps NLI work linear in sentences. A pair listed again for another
    claim is the same NLI call, so it never counts twice.

    >>> from factcheck.records import Sentence
    >>> s = [Sentence(id=str(i), article_id=str(i), index=0, start=0, end=1, text=str(i)) for i in range(4)]
    >>> pairs = [CandidatePair(a=s[0], b=s[j], similarity=0.9 - j / 10) for j in (1, 2, 3)]
    >>> nli_choice(pairs, 0.5, max_partners=2), nli_choice(pairs, 0.75, max_partners=0)
    ([0, 1], [0])
    """
    order = sorted((i for i, p in enumerate(pairs) if p.similarity >= min_similarity),
                   key=lambda i: (-pairs[i].similarity, pairs[i].key, pairs[i].claim or ""))
    partners: dict[str, set[str]] = defaultdict(set)
    chosen = []
    for i in order:
        a, b = pairs[i].a.id, pairs[i].b.id
        full = max_partners > 0 and (len(partners[a]) >= max_partners or len(partners[b]) >= max_partners)
        if full and b not in partners[a]:
            continue
        partners[a].add(b)
        partners[b].add(a)
        chosen.append(i)
    return sorted(chosen)


class PairFinder:
    """Finds candidate pairs of related sentences from different articles.

    >>> import numpy as np
    >>> from factcheck.records import Sentence
    >>> s = [Sentence(id=str(i), article_id=a, index=i, start=0, end=30, text=t) for i, (a, t) in
    ...      enumerate([("x", "The talks lasted six hours on Sunday."), ("y", "Talks went on for six hours Sunday."),
    ...                 ("y", "Completely unrelated weather report today.")])]
    >>> v = np.array([[1, 0], [0.9, 0.1], [0, 1]], dtype=np.float32)
    >>> [(p.a.id, p.b.id) for p in PairFinder(top_k=1, min_similarity=0.5).find(s, v)]
    [('0', '1')]
    """

    def __init__(self, top_k: int = 8, min_similarity: float = 0.5, fact_top_k: int = 6,
                 fact_min_similarity: float = 0.35, min_chars: int = 25, exact_limit: int = 30_000,
                 chunk_size: int = 1024) -> None:
        self.top_k = top_k
        self.min_similarity = min_similarity
        self.fact_top_k = fact_top_k
        self.fact_min_similarity = fact_min_similarity
        self.min_chars = min_chars
        self.exact_limit = exact_limit
        self.chunk_size = chunk_size

    def find(self, sentences: Sequence[Sentence], vectors: np.ndarray,
             fact_kinds: Mapping[str, set[Kind]] | None = None,
             groups: Sequence[ClaimGroup] | None = None) -> list[CandidatePair]:
        """Candidate pairs; with ``groups`` (the claims stage ran) only the members each group links."""
        if groups is not None:
            return self.from_groups(sentences, vectors, groups)
        keep = [i for i, s in enumerate(sentences) if len(s.text) >= self.min_chars]
        best: dict[tuple[int, int], float] = {}
        self._collect(sentences, vectors, keep, self.top_k, self.min_similarity, best)
        if fact_kinds and self.fact_top_k > 0:
            kinds = sorted({k for ks in fact_kinds.values() for k in ks}, key=str)
            for kind in kinds:
                subset = [i for i in keep if kind in fact_kinds.get(sentences[i].id, ())]
                self._collect(sentences, vectors, subset, self.fact_top_k, self.fact_min_similarity, best)
        pairs = []
        for (i, j), sim in best.items():
            a, b = sentences[i], sentences[j]
            if normalise_text(a.text).lower() == normalise_text(b.text).lower():
                continue  # the same sentence syndicated to two outlets agrees with itself
            pairs.append(CandidatePair(a=a, b=b, similarity=round(float(sim), 4)))
        pairs.sort(key=lambda p: (-p.similarity, p.key))
        return pairs

    def from_groups(self, sentences: Sequence[Sentence], vectors: np.ndarray,
                    groups: Sequence[ClaimGroup]) -> list[CandidatePair]:
        """One pair per (sentence pair, claim): the facts to compare are the linked members only."""
        row = {s.id: i for i, s in enumerate(sentences)}
        linked: dict[tuple[str, str, str], set[str]] = {}
        links: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
        for group in groups:
            for x, y in group.pairs:
                sx, sy = x.split(":", 1)[0], y.split(":", 1)[0]
                if sx not in row or sy not in row:
                    continue
                a, b = sorted((sx, sy))
                facts = linked.setdefault((a, b, group.id), set())
                facts.update(k for k in (x, y) if ":" in k)
                if ":" in x and ":" in y:
                    links.setdefault((a, b, group.id), set()).add(tuple(sorted((x, y))))
        pairs = []
        for (a, b, claim), facts in linked.items():
            sa, sb = sentences[row[a]], sentences[row[b]]
            if normalise_text(sa.text).lower() == normalise_text(sb.text).lower():
                continue  # the same sentence syndicated to two outlets agrees with itself
            sim = float(np.dot(vectors[row[a]], vectors[row[b]]))
            pairs.append(CandidatePair(a=sa, b=sb, similarity=round(sim, 4), claim=claim, facts=frozenset(facts),
                                       links=frozenset(links.get((a, b, claim), ()))))
        pairs.sort(key=lambda p: (-p.similarity, p.key, p.claim or ""))
        return pairs

    def _collect(self, sentences: Sequence[Sentence], vectors: np.ndarray, rows: list[int], k: int,
                 floor: float, best: dict[tuple[int, int], float]) -> None:
        if len(rows) < 2 or k <= 0:
            return
        sub = np.ascontiguousarray(vectors[rows], dtype=np.float32)
        articles = np.array([sentences[i].article_id for i in rows])
        _, codes = np.unique(articles, return_inverse=True)
        if len(rows) <= self.exact_limit:
            neighbours = self._exact(sub, codes, k)
        else:
            neighbours = self._approximate(sub, codes, k)
        for local_i, row in enumerate(neighbours):
            for local_j, sim in row:
                if sim < floor:
                    continue
                i, j = rows[local_i], rows[local_j]
                key = (i, j) if i < j else (j, i)
                if sim > best.get(key, -1.0):
                    best[key] = sim

    def _exact(self, sub: np.ndarray, codes: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        out: list[list[tuple[int, float]]] = []
        kk = min(k, len(sub) - 1)
        for start in range(0, len(sub), self.chunk_size):
            block = sub[start : start + self.chunk_size] @ sub.T
            # Same-article neighbours are masked, so every kept neighbour is cross-article.
            block[codes[start : start + self.chunk_size, None] == codes[None, :]] = -np.inf
            top = np.argpartition(-block, kth=kk - 1, axis=1)[:, :kk]
            for r, cols in enumerate(top):
                out.append([(int(c), float(block[r, c])) for c in cols if np.isfinite(block[r, c])])
        return out

    def _approximate(self, sub: np.ndarray, codes: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
        import hnswlib

        index = hnswlib.Index(space="ip", dim=sub.shape[1])
        index.init_index(max_elements=len(sub), ef_construction=200, M=16, random_seed=0)
        index.add_items(sub, np.arange(len(sub)))
        # Over-fetch: some neighbours are from the same article and get dropped.
        fetch = min(len(sub), k * 4)
        index.set_ef(max(fetch * 2, 64))
        labels, distances = index.knn_query(sub, k=fetch)
        out = []
        for i, (cols, dists) in enumerate(zip(labels, distances)):
            row = [(int(c), 1.0 - float(d)) for c, d in zip(cols, dists) if codes[c] != codes[i]]
            out.append(row[:k])
        return out
