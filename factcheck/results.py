"""What a run returns: the report, the discrepancies and every stage's intermediate results.

Why: evaluation and benchmarks read the sentences, facts, vectors, stories, claim groups, pairs
and NLI scores of a run from here instead of re-running the stages in their own order.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .records import Article, CandidatePair, ClaimGroup, Discrepancy, Fact, Kind, Sentence, Skipped, Story

Notify = Callable[[str], None]  # a stage starts


@dataclass
class Analysis:
    """Each stage's output for one corpus, in stage order (``Checker.analyse`` fills the first five)."""

    articles: list[Article]
    sentences: dict[str, list[Sentence]]  # article id -> its sentences
    facts: dict[str, list[Fact]]  # sentence id -> its facts
    all_sentences: list[Sentence]  # every sentence, article by article: the rows of ``vectors``
    vectors: np.ndarray
    stories: list[Story] = field(default_factory=list)
    claim_groups: list[ClaimGroup] | None = None  # None: the claims stage was off
    pairs: list[CandidatePair] = field(default_factory=list)
    nli_probs: np.ndarray | None = None  # (len(pairs), 3), NaN where not scored; None: NLI off
    discrepancies: list[Discrepancy] = field(default_factory=list)

    @property
    def kinds(self) -> dict[str, set[Kind]]:
        """Sentence id -> the fact kinds it carries (what the pair finder takes)."""
        return {sid: {f.kind for f in fs} for sid, fs in self.facts.items() if fs}


@dataclass
class RunResult:
    report: dict
    discrepancies: list[Discrepancy]
    articles: list[Article]
    skipped: list[Skipped]
    paths: list[Path] = field(default_factory=list)
    analysis: Analysis | None = None  # None when nothing could be compared (fewer than two articles)

    @property
    def stats(self) -> dict:
        return self.report["stats"]

    @property
    def new(self) -> list[Discrepancy]:
        return [d for d in self.discrepancies if d.status == "new"]


class Timer:
    """Seconds per stage, summed over repeats; ``notify(stage)`` as each starts, ``progress(stage, done, total)``
    within a long one (it travels with the timer so that batch functions need no extra argument)."""

    def __init__(self, notify: Notify | None, progress: Callable[[str, int, int], None] | None = None) -> None:
        self.seconds: dict[str, float] = {}
        self.notify = notify
        self.progress = progress

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.notify:
            self.notify(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - start, 3)
