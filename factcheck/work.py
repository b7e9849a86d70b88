"""The batch functions an executor runs: articles -> sentences + facts, sentences -> vectors, stories -> pairs,
pairs -> NLI scores + discrepancies. Each is ``fn(checker, batch, timer)``, picklable, and reads no store.

Why a module of its own: the same functions run in this process (one batch of everything: the
local executor) and on Ray workers (many batches), so their inputs are plain records with the
store's cached part already attached, and their outputs merge on the driver (``merge_*``)
into exactly what one batch of everything would have returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .records import Article, CandidatePair, ClaimGroup, Discrepancy, Fact, Sentence, Story
from .results import Timer

if TYPE_CHECKING:
    from .judge.stated import ArticleValues

DirectionKey = tuple[str, str]  # (premise sentence id, hypothesis sentence id)


@dataclass(frozen=True)
class StoryWork:
    """One story's sentences with their vectors, facts and article dates: all that claims + pairing read."""

    story: Story
    members: list[Sentence]
    vectors: np.ndarray
    facts: dict[str, list[Fact]]
    dates: dict[str, object]
    inferred: frozenset[str] = frozenset()  # articles whose date the story stage guessed

    @property
    def size(self) -> int:
        """Characters of text: how executors weigh a batch."""
        return sum(len(x.text) for x in self.members)


@dataclass(frozen=True)
class JudgeWork:
    """One story's candidate pairs with the facts, dates and cached NLI rows that scoring and judging read."""

    pairs: list[CandidatePair]
    facts: dict[str, list[Fact]]
    published: dict[str, object]
    cached_nli: dict[DirectionKey, np.ndarray] = field(default_factory=dict)
    stated: dict[str, ArticleValues] = field(default_factory=dict)  # article id -> the values it states anywhere

    @property
    def size(self) -> int:
        return sum(len(p.a.text) + len(p.b.text) for p in self.pairs)


@dataclass(frozen=True)
class Judged:
    """A batch's verdicts: pairs in batch order, their NLI rows (None: NLI off), new NLI scores and counts."""

    pairs: list[CandidatePair]
    nli_probs: np.ndarray | None
    new_scores: dict[DirectionKey, np.ndarray]
    nli_stats: dict[str, int]
    found: list[Discrepancy]


def analyse_articles(checker, articles: list[Article], timer: Timer
                     ) -> tuple[dict[str, list[Sentence]], dict[str, list[Fact]]]:
    """Sentences per article and facts per sentence (segment, then extract)."""
    with timer.stage("segment"):
        segmented = checker.segmenter.segment(articles) if articles else {}
    facts: dict[str, list[Fact]] = {}
    with timer.stage("extract"):
        facts.update(checker.extractor.extract_articles([(segmented.get(a.id, []), a.published) for a in articles]))
    return segmented, facts


def embed_sentences(checker, sentences: list[Sentence], timer: Timer) -> dict[str, np.ndarray]:
    """Sentence id -> vector, for sentences the store has none for."""
    with timer.stage("embed"):
        vectors = checker.embedder.encode(sentences)
    return {x.id: v for x, v in zip(sentences, vectors)}


def pair_stories(checker, works: list[StoryWork], timer: Timer
                 ) -> list[tuple[list[CandidatePair], list[ClaimGroup] | None]]:
    """Each story's candidate pairs and claim groups (None: the claims stage is off)."""
    out = []
    with timer.stage("pair"):
        grouper = checker.claim_grouper if checker.settings.claims else None
        for work in works:
            if len(work.story.articles) < 2:
                out.append(([], [] if grouper is not None else None))
                continue
            kinds = {sid: {f.kind for f in fs} for sid, fs in work.facts.items() if fs}
            groups = (grouper.group(work.members, work.vectors, work.facts, work.dates, work.inferred)
                      if grouper is not None else None)
            out.append((checker.pair_finder.find(work.members, work.vectors, kinds, groups=groups),
                        list(groups) if groups is not None else None))
    return out


def judge_pairs(checker, works: list[JudgeWork], timer: Timer) -> Judged:
    """NLI scores (cache first) and the judge's verdicts for the pairs of ``works``, as one batch."""
    pairs = [p for w in works for p in w.pairs]
    facts = {k: v for w in works for k, v in w.facts.items()}
    published = {k: v for w in works for k, v in w.published.items()}
    cached = {k: v for w in works for k, v in w.cached_nli.items()}
    stated = {k: v for w in works for k, v in w.stated.items()}
    nli_probs, new_scores, nli_stats = None, {}, {"nli_pairs": 0, "nli_pairs_cached": 0}
    with timer.stage("nli"):
        if checker.nli is not None and pairs:
            nli_probs, new_scores, nli_stats = score_nli(checker, pairs, cached, timer.progress)
    with timer.stage("judge"):
        found = checker.judge.judge(pairs, facts, published, nli_probs, stated)
    return Judged(pairs, nli_probs, new_scores, nli_stats, found)


def nli_keys(pairs: Sequence[CandidatePair], min_similarity: float) -> list[DirectionKey]:
    """Both directions of every pair NLI will read: what to look up in the store's NLI cache."""
    forward = [(p.a.id, p.b.id) for p in pairs if p.similarity >= min_similarity]
    return forward + [(b, a) for a, b in forward]


def score_nli(checker, pairs: list[CandidatePair], cached: Mapping[DirectionKey, np.ndarray], progress=None
              ) -> tuple[np.ndarray, dict, dict]:
    """NLI rows for the judge: pairs above ``nli_min_similarity`` (at most ``nli_max_partners`` per sentence,
    ``pair.nli_choice``) scored by ``NLIJudge.predict_pairs`` (b->a only where a->b leaves a contradiction
    possible), the rest NaN. Scores come from ``cached`` first. A story's pairs are never split across
    batches, so the per-sentence cap is the same on every executor.
    """
    from .judge import CONTRADICTION
    from .pair import nli_choice

    s = checker.settings
    chosen = nli_choice(pairs, s.nli_min_similarity, s.nli_max_partners)
    forward = [(pairs[i].a.id, pairs[i].b.id) for i in chosen]
    scored = checker.nli.predict_pairs([pairs[i] for i in chosen], cached=cached, reverse_min=s.nli_reverse_min,
                                       progress=(lambda done, total: progress("nli", done, total)) if progress else None)
    out = np.full((len(pairs), 3), np.nan, dtype=np.float32)
    out[chosen] = scored.probs
    first_row = dict(zip(forward, scored.forward))
    unique = list(dict.fromkeys(forward))
    stats = {"nli_pairs": len(unique), "nli_directions_scored": len(scored.computed),
             "nli_reverse_scored": scored.reverse_scored,
             "nli_pairs_cached": sum(1 for k in unique if k in cached
                                     and (first_row[k][CONTRADICTION] < s.nli_reverse_min or (k[1], k[0]) in cached))}
    return out, scored.computed, stats


def merge_judged(parts: Sequence[Judged]) -> Judged:
    """Batches' verdicts as one batch of everything would have given them: pairs in order, the judge's
    one entry per discrepancy id (the most confident, the first on a tie) and its ranking."""
    pairs = [p for part in parts for p in part.pairs]
    probs = [part.nli_probs for part in parts if part.nli_probs is not None]
    nli_probs = None
    if probs:
        nli_probs = np.vstack([part.nli_probs if part.nli_probs is not None
                               else np.full((len(part.pairs), 3), np.nan, dtype=np.float32) for part in parts])
    stats: dict[str, int] = {}
    for part in parts:
        for key, value in part.nli_stats.items():
            stats[key] = stats.get(key, 0) + value
    stats = stats or {"nli_pairs": 0, "nli_pairs_cached": 0}
    best: dict[str, Discrepancy] = {}
    for d in (d for part in parts for d in part.found):
        if d.id not in best or d.confidence > best[d.id].confidence:
            best[d.id] = d
    found = sorted(best.values(), key=lambda d: (-d.confidence, d.id))
    return Judged(pairs, nli_probs, {k: v for part in parts for k, v in part.new_scores.items()}, stats, found)
